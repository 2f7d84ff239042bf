"""`dutydesk draft` as a script sees it: the file in the outbox, owner-only, recorded on the case."""

from __future__ import annotations

import hashlib
import json
import re
import stat
from pathlib import Path

import pytest

from dutydesk.drafting.docx_writer import docx_text
from dutydesk.drafting.kinds import KINDS
from dutydesk.services.demo import sample_files
from tests.cli_helpers import run_cli


@pytest.fixture
def db(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    path = str(tmp_path / "cli.sqlite3")
    sample = next(p for p in sample_files() if "ongoing-da" in p.stem)
    assert run_cli(capsys, "--db", path, "import", str(sample)).code == 0
    return path


def test_list_names_every_kind_and_its_recipient(capsys: pytest.CaptureFixture[str]) -> None:
    r = run_cli(capsys, "draft", "--list")
    assert r.code == 0
    for kind in KINDS:
        assert kind in r.out
    assert re.search(r"^court_c1a_not_completed +for the court ", r.out, re.MULTILINE)


def test_draft_writes_an_owner_only_file_and_records_it(capsys: pytest.CaptureFixture[str], db: str) -> None:
    r = run_cli(capsys, "--db", db, "draft", "DD-2025-000104", "referral_letter")
    assert r.code == 0, r.err
    path = Path(r.out.splitlines()[0])
    assert path.suffix == ".docx" and path.exists()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert any("SECTION 47 CHILDREN ACT 1989" in p for p in docx_text(path.read_bytes()))
    doc = json.loads(run_cli(capsys, "--db", db, "export", "DD-2025-000104").out)
    event = doc["events"][-1]
    assert event["kind"] == "document_drafted" and event["document"] == "referral_letter"
    assert event["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
    assert event["file"] == str(path) and event["referral"] == "r1"
    audit = run_cli(capsys, "--db", db, "audit", "show", "DD-2025-000104").out
    assert "document_drafted" in audit


def test_draft_to_a_named_file_never_overwrites(capsys: pytest.CaptureFixture[str], db: str, tmp_path: Path) -> None:
    out = tmp_path / "letter.txt"
    assert (
        run_cli(
            capsys, "--db", db, "draft", "DD-2025-000104", "court_referral_made", "--format", "txt", "--out", str(out)
        ).code
        == 0
    )
    first = out.read_bytes()
    r = run_cli(
        capsys, "--db", db, "draft", "DD-2025-000104", "court_referral_made", "--format", "txt", "--out", str(out)
    )
    assert r.code == 2 and "does not overwrite a file" in r.err and len(r.err.strip().splitlines()) == 1
    assert out.read_bytes() == first


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("DD-2025-000104", "nonsense"), "no document kind 'nonsense'"),
        (("DD-2025-000104", "referral_letter", "--referral", "r7"), "no referral 'r7'"),
        (("DD-2025-000999", "case_record"), "no case 'DD-2025-000999'"),
        ((), "give a case reference and a document kind"),
    ],
)
def test_bad_requests_exit_2_with_one_line_and_record_nothing(
    capsys: pytest.CaptureFixture[str], db: str, args: tuple[str, ...], says: str
) -> None:
    before = json.loads(run_cli(capsys, "--db", db, "export", "DD-2025-000104").out)
    r = run_cli(capsys, "--db", db, "draft", *args)
    assert r.code == 2 and says in r.err and len(r.err.strip().splitlines()) == 1
    after = json.loads(run_cli(capsys, "--db", db, "export", "DD-2025-000104").out)
    # Nothing recorded: the same case, and not one audit row more (the export's anchor counts them).
    assert after.pop("audit_anchor")["rows"] == before.pop("audit_anchor")["rows"] and after == before
