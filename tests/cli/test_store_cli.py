"""Store commands as a script sees them: exit codes, one-line errors, nothing half-written."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from dutydesk.services.demo import sample_files
from dutydesk.store.audit import Officer
from dutydesk.store.repository import Store
from tests.cli_helpers import run_cli


@pytest.fixture
def db(tmp_path: Path) -> str:
    """A new, empty store (a read command does not make one: issue 34)."""
    path = tmp_path / "cli.sqlite3"
    Store.open(Officer("Test Officer", "test"), db=path).close()
    return str(path)


def sample_path(name: str) -> Path:
    return next(p for p in sample_files() if name in p.stem)


def test_import_prints_reference_and_export_round_trips(
    capsys: pytest.CaptureFixture[str], db: str, tmp_path: Path
) -> None:
    r = run_cli(capsys, "--db", db, "import", str(sample_path("no-harm")))
    assert (r.code, r.out.strip()) == (0, "DD-2025-000101")
    out = tmp_path / "out.json"
    assert run_cli(capsys, "--db", db, "export", "DD-2025-000101", "--out", str(out)).code == 0
    doc = json.loads(out.read_text())
    assert doc["format"] == "dutydesk-case/1" and doc["people"][0]["given_names"] == "Sophie"
    r = run_cli(capsys, "--db", db, "cases", "--json")
    (listed,) = json.loads(r.out)
    assert listed["reference"] == "DD-2025-000101"
    assert listed["children"] == [{"given_name": "Ella", "date_of_birth": "2016-08-30"}]
    assert listed["first_hearing_at"] == "2025-07-15T10:00:00+01:00"


def test_invalid_case_file_lists_every_problem_and_writes_nothing(
    capsys: pytest.CaptureFixture[str], db: str, tmp_path: Path
) -> None:
    doc = json.loads(sample_path("no-harm").read_text())
    doc["people"][0]["role"] = "mum"
    doc["case"]["received_at"] = "09/06/2025"
    doc["forms"]["c1"]["harm_indicated"] = "no"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(doc))
    r = run_cli(capsys, "--db", db, "import", str(bad))
    assert r.code == 2
    assert "$.people[0].role: 'mum' is not allowed" in r.err
    assert "$.case.received_at" in r.err and "$.forms.c1.harm_indicated" in r.err
    assert "3 problems; nothing was imported" in r.err
    assert json.loads(run_cli(capsys, "--db", db, "cases", "--json").out) == []


@pytest.mark.parametrize(
    ("content", "needle"),
    [
        (b'{"format": "dutydesk-case/1", ', "not valid JSON"),
        (b"\xff\xfe\x00garbage", "not UTF-8"),
        (b"[" * 100000, "nested too deeply|not valid JSON"),
    ],
)
def test_unreadable_files_exit_2_with_one_line(
    capsys: pytest.CaptureFixture[str], db: str, tmp_path: Path, content: bytes, needle: str
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_bytes(content)
    r = run_cli(capsys, "--db", db, "import", str(bad))
    assert r.code == 2
    assert len(r.err.strip().splitlines()) == 1
    import re

    assert re.search(needle, r.err)


def test_unknown_case_exits_2(capsys: pytest.CaptureFixture[str], db: str) -> None:
    r = run_cli(capsys, "--db", db, "export", "DD-NOPE")
    assert r.code == 2 and "no case 'DD-NOPE'" in r.err


def _tamper(db: str, statement: str) -> None:
    """What someone with the file and a SQLite shell could do: drop the guard, then edit."""
    conn = sqlite3.connect(db)
    conn.executescript(f"DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete; {statement};")
    conn.close()


@pytest.mark.parametrize(
    ("statement", "row", "needle"),
    [
        ("UPDATE audit SET new = '\"Sophy\"' WHERE seq = 2", 2, "altered"),
        ("DELETE FROM audit WHERE seq = 2", 2, "missing"),
        ("DELETE FROM audit WHERE seq = 3", 3, "missing"),
    ],
    ids=["edited row", "deleted row", "deleted last row"],
)
def test_audit_verify_catches_an_edited_or_deleted_row(
    capsys: pytest.CaptureFixture[str], db: str, statement: str, row: int, needle: str
) -> None:
    run_cli(capsys, "--db", db, "import", str(sample_path("no-harm")))
    from dutydesk.store.audit import Officer
    from dutydesk.store.repository import Store

    store = Store.open(Officer("A", "a"), db=Path(db))
    for name in ("Sophia", "Sofia"):
        loaded = store.load("DD-2025-000101")
        loaded.case.people[0].given_names = name
        store.save(loaded.case, loaded.version)
    store.close()
    assert run_cli(capsys, "--db", db, "audit", "verify").code == 0
    _tamper(db, statement)
    r = run_cli(capsys, "--db", db, "audit", "verify")
    assert r.code == 1
    assert f"row {row}" in r.err and needle in r.err


def test_audit_show_and_secure(capsys: pytest.CaptureFixture[str], db: str) -> None:
    run_cli(capsys, "--db", db, "import", str(sample_path("no-harm")))
    r = run_cli(capsys, "--db", db, "secure", "DD-2025-000101", "--reason", "SCR notified 01/07/2025")
    assert r.code == 0 and "secured" in r.out
    r = run_cli(capsys, "--db", db, "audit", "show", "DD-2025-000101")
    assert "created the case" in r.out and "secured_reason" in r.out and "Test Officer" in r.out
    assert run_cli(capsys, "--db", db, "secure", "DD-2025-000101", "--reason", "x").code == 1


def test_cli_never_waits_for_input_without_a_terminal(db: str, tmp_path: Path) -> None:
    """No officer name configured and stdin not a TTY: the OS user is used, nothing is asked."""
    env = {"PATH": "/usr/bin:/bin", "DUTYDESK_CONFIG_DIR": str(tmp_path / "cfg"), "HOME": str(tmp_path)}
    proc = subprocess.run(
        [sys.executable, "-m", "dutydesk", "--db", db, "import", str(sample_path("no-harm"))],
        stdin=subprocess.PIPE,
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "DD-2025-000101"
    assert not (tmp_path / "cfg" / "config.toml").exists()


WRITER = """
import sys
from pathlib import Path
from dutydesk.errors import Conflict
from dutydesk.store.audit import Officer
from dutydesk.store.repository import Store
store = Store.open(Officer(sys.argv[2], sys.argv[2]), db=Path(sys.argv[1]))
saved = conflicts = 0
for i in range(int(sys.argv[3])):
    loaded = store.load("DD-2025-000101")
    loaded.case.events.append(loaded.case.events[0].__class__(at=__import__("datetime").datetime.now(__import__("datetime").UTC), kind="note", text=f"{sys.argv[2]} {i}"))
    try:
        store.save(loaded.case, loaded.version)
        saved += 1
    except Conflict:
        conflicts += 1
print(saved, conflicts)
"""


def test_two_processes_on_one_file_lose_nothing(capsys: pytest.CaptureFixture[str], db: str) -> None:
    run_cli(capsys, "--db", db, "import", str(sample_path("harm-no-c1a")))
    # The sample's reference differs; use the no-harm one with an event to copy.
    run_cli(capsys, "--db", db, "import", str(sample_path("no-harm")))
    from dutydesk.store.audit import Officer
    from dutydesk.store.repository import Store

    store = Store.open(Officer("A", "a"), db=Path(db))
    loaded = store.load("DD-2025-000101")
    loaded.case.events.append(store.load("DD-2025-000102").case.events[0])
    store.save(loaded.case, loaded.version)
    procs = [
        subprocess.Popen([sys.executable, "-c", WRITER, db, who, "40"], stdout=subprocess.PIPE, text=True)
        for who in ("ann", "bob")
    ]
    results = [tuple(map(int, p.communicate(timeout=120)[0].split())) for p in procs]
    saved = sum(r[0] for r in results)
    texts = [e.text for e in store.load("DD-2025-000101").case.events[1:]]
    assert len(texts) == saved  # every save that returned is there; refused ones left no trace
    assert sum(r[0] + r[1] for r in results) == 80
    assert store.verify_audit().ok
    store.close()


def test_demo_generate_writes_synthetic_cases_into_the_given_store(capsys: pytest.CaptureFixture[str], db: str) -> None:
    r = run_cli(capsys, "demo", "--generate", "30", "--db", db)
    assert r.code == 0 and "wrote 30 synthetic cases" in r.out
    r = run_cli(capsys, "--db", db, "cases", "--all", "--json")
    assert len(json.loads(r.out)) == 30
    assert run_cli(capsys, "demo", "--generate", "5").code == 2  # never into the real store by default
