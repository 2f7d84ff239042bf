"""`dutydesk find` as an officer or a script uses it (¶2.18: "previous knowledge" is the first
screening source): the name typed the way people type it, best first, exit 0 when nobody is
found; and shell completion that reads the store without changing a byte of it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from dutydesk.services.demo import sample_files
from tests.cli_helpers import run_cli


@pytest.fixture
def db(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    path = str(tmp_path / "find.sqlite3")
    for name in ("ongoing-da", "confidential-address"):
        sample = next(p for p in sample_files() if name in p.stem)
        assert run_cli(capsys, "--db", path, "import", str(sample)).code == 0
    return path


def found(capsys: pytest.CaptureFixture[str], db: str, *args: str) -> list[dict[str, object]]:
    r = run_cli(capsys, "find", *args, "--json", "--db", db)
    assert (r.code, r.err) == (0, ""), r.err
    records: list[dict[str, object]] = json.loads(r.out)
    return records


@pytest.mark.parametrize(
    "typed",
    [
        "MOHAMMED RAHMAN",  # capitals, as on a police printout
        "Muhammad Rahman",  # a transliteration
        "Mohd Rahman",  # the abbreviation on forms
        "  Mohammed\n Rahman ",  # pasted across a line break
        "Rahman Mohammed",  # family name first, as on PNC
    ],
)
def test_a_person_is_found_however_the_name_is_typed(capsys: pytest.CaptureFixture[str], db: str, typed: str) -> None:
    records = found(capsys, db, typed)
    assert records, typed
    best = records[0]
    assert (best["reference"], best["name"], best["role"]) == ("DD-2025-000107", "Mohammed Rahman", "applicant")
    assert best["label"] in ("likely", "possible") and best["reasons"], best


def test_date_of_birth_slip_makes_it_likely_and_says_why(capsys: pytest.CaptureFixture[str], db: str) -> None:
    # Recorded 09/09/1985; typed with day and month swapped is the same here, so use a year slip.
    (best, *_) = found(capsys, db, "Mohammed Rahman", "--dob", "09/09/1986")
    assert best["label"] == "likely" and "DOB year off by one" in best["reasons"]  # type: ignore[operator]
    (best, *_) = found(capsys, db, "Muhamad Rahman", "--dob", "1985-09-09")
    assert best["label"] == "likely" and "same date of birth" in best["reasons"]  # type: ignore[operator]


def test_children_in_another_case_found_by_family_name_and_postcode(
    capsys: pytest.CaptureFixture[str], db: str
) -> None:
    records = found(capsys, db, "Nowak", "--postcode", "b10 0rx")  # lower case, as typed in a hurry
    people = {(r["reference"], r["name"]) for r in records}
    assert ("DD-2025-000104", "Karolina Nowak") in people
    karolina = next(r for r in records if r["name"] == "Karolina Nowak")
    assert any("same postcode B10 0RX" in why for why in karolina["reasons"])  # type: ignore[attr-defined]


def test_nobody_found_is_not_an_error(capsys: pytest.CaptureFixture[str], db: str) -> None:
    assert found(capsys, db, "Xanthe Quibble") == []
    r = run_cli(capsys, "--db", db, "find", "Xanthe Quibble")
    assert (r.code, r.out.strip()) == (0, "Nobody found.")


def test_readable_output_names_case_person_label_and_why(capsys: pytest.CaptureFixture[str], db: str) -> None:
    r = run_cli(capsys, "--db", db, "find", "Zofia Nowak")
    first, second = r.out.splitlines()[:2]
    assert "DD-2025-000104" in first and "Zofia Nowak (Child)" in first and first.split()[0] == "possible"
    assert "born 11/02/2018" in second and "why: same name" in second


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["Mohammed Rahman", "--dob", "31/02/1985"], "--dob: '31/02/1985' is not a real date"),
        (["Mohammed Rahman", "--dob", "1985"], "--dob"),
        (["   "], "give the person's name"),
        (["Mohammed Rahman", "--limit", "0"], "--limit"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], db: str, args: list[str], says: str
) -> None:
    r = run_cli(capsys, "--db", db, "find", *args)
    assert r.code == 2 and r.out == ""
    assert len(r.err.strip().splitlines()) == 1 and says in r.err, r.err


def complete(db: str, *words: str) -> list[str]:
    env = {**os.environ, "_DUTYDESK_COMPLETE": "bash_complete", "COMP_WORDS": " ".join(words), "DUTYDESK_DB": db}
    env["COMP_CWORD"] = str(len(words) - 1)
    done = subprocess.run(
        [sys.executable, "-c", "from dutydesk.cli import main; main()"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )
    assert done.returncode == 0 and done.stderr == "", done.stderr
    return [line.split(",", 1)[1] for line in done.stdout.splitlines() if "," in line]


def test_completion_offers_references_and_kinds_and_changes_nothing(db: str) -> None:
    store = Path(db)
    before = store.read_bytes()
    assert complete(db, "dutydesk", "export", "DD-2025-00010") == ["DD-2025-000107", "DD-2025-000104"]
    assert complete(db, "dutydesk", "draft", "DD-2025-000104", "court_s") == ["court_s120_notification"]
    assert "find" in complete(db, "dutydesk", "fi")
    assert complete(db, "dutydesk", "config", "get", "office.ph") == ["office.phone"]
    # "_" and "%" typed are letters, not SQL wildcards.
    assert complete(db, "dutydesk", "export", "DD_2025") == []
    assert complete(db, "dutydesk", "export", "%") == []
    assert store.read_bytes() == before


def test_completion_with_no_store_completes_nothing_and_creates_nothing(tmp_path: Path) -> None:
    missing = tmp_path / "none" / "store.sqlite3"
    assert complete(str(missing), "dutydesk", "export", "DD") == []
    assert not missing.parent.exists()


def test_readmes_completion_line_works_in_bash(db: str) -> None:
    """The README's line, in a real bash: Tab after `dutydesk export DD-2025-0001` offers both."""
    import shutil

    from tests.e2e.tmux import dutydesk_executable

    bash = shutil.which("bash")
    if bash is None:
        pytest.skip("no bash")
    folder = str(Path(dutydesk_executable()).parent)
    script = (
        'eval "$(_DUTYDESK_COMPLETE=bash_source dutydesk)"\n'
        "COMP_WORDS=(dutydesk export DD-2025-0001); COMP_CWORD=2\n"
        "_dutydesk_completion dutydesk  # bash passes the command name\n"
        'printf "%s\\n" "${COMPREPLY[@]}"\n'
    )
    env = {**os.environ, "PATH": f"{folder}:{os.environ.get('PATH', '')}", "DUTYDESK_DB": db}
    done = subprocess.run([bash, "-c", script], env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["DD-2025-000107", "DD-2025-000104"]
