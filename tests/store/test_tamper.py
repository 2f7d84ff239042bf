"""Issue 19: the store edited behind dutydesk's back with sqlite3 — each way the issue tried —
and `audit verify` exits 1 naming the case and what differs; drafting for the court is refused
until an officer has looked; an anchor taken earlier catches a trail emptied or recomputed."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from dutydesk.services.demo import sample_files
from dutydesk.store.audit import GENESIS, row_hash
from tests.cli_helpers import Result, run_cli

Capsys = pytest.CaptureFixture[str]


@pytest.fixture
def db(tmp_path: Path, capsys: Capsys) -> Path:
    path = tmp_path / "store.sqlite3"
    for sample in sample_files():
        assert run_cli(capsys, "--db", str(path), "import", str(sample)).code == 0
    # An ordinary save after import, so the trail has update rows to replay too.
    assert run_cli(capsys, "--db", str(path), "draft", "DD-2025-000102", "case_record", "--format", "txt").code == 0
    return path


def sql(db: Path, *statements: str) -> None:
    with sqlite3.connect(db) as conn:
        for statement in statements:
            conn.execute(statement)


def verify(capsys: Capsys, db: Path, *more: str) -> Result:
    return run_cli(capsys, "--db", str(db), "audit", "verify", *more)


def test_an_untouched_store_verifies(capsys: Capsys, db: Path) -> None:
    done = verify(capsys, db)
    assert done.code == 0 and "every case matches its trail" in done.out


@pytest.mark.parametrize(
    ("statement", "expected"),
    [
        (  # a person's name edited in the stored document
            "UPDATE cases SET document = json_set(document, '$.people[0].given_names', 'Mohammad') "
            "WHERE reference = 'DD-2025-000107'",
            ["DD-2025-000107", "people[p1].given_names", "Mohammad"],
        ),
        (  # the confidential flag cleared: the next court letter would print the address
            "UPDATE cases SET document = json_remove(document, '$.people[0].addresses[0].confidential') "
            "WHERE reference = 'DD-2025-000107'",
            ["DD-2025-000107", "confidential was removed"],
        ),
        (  # a chronology note removed
            "UPDATE cases SET document = json_remove(document, '$.events[0]') WHERE reference = 'DD-2025-000102'",
            ["DD-2025-000102", "events"],
        ),
        (  # an allegation removed
            "UPDATE cases SET document = json_set(document, '$.forms.c1a.allegations', json('[]')) "
            "WHERE reference = 'DD-2025-000104'",
            ["DD-2025-000104", "allegations"],
        ),
        ("DELETE FROM cases WHERE reference = 'DD-2025-000103'", ["DD-2025-000103", "record is gone"]),
        (  # the status column changed beside its document
            "UPDATE cases SET status = 'closed' WHERE reference = 'DD-2025-000101'",
            ["DD-2025-000101", "status", "closed"],
        ),
        ("UPDATE cases SET version = version + 1 WHERE reference = 'DD-2025-000105'", ["DD-2025-000105", "version"]),
        (  # the received column moved: the case would drop out of a Service Manager's review
            "UPDATE cases SET received_utc = '2019-01-01T00:00:00+00:00' WHERE reference = 'DD-2025-000102'",
            ["DD-2025-000102", "received_utc", "2019-01-01"],
        ),
        (
            "UPDATE people_index SET family_name = 'Smith' WHERE case_ref = 'DD-2025-000106'",
            ["DD-2025-000106", "people index"],
        ),
    ],
    ids=["name", "flag", "note", "allegation", "deleted", "status", "version", "received", "index"],
)
def test_every_edit_from_outside_is_named(capsys: Capsys, db: Path, statement: str, expected: list[str]) -> None:
    sql(db, statement)
    done = verify(capsys, db)
    assert done.code == 1, done.out
    report = done.out + done.err
    for word in expected:
        assert word in report, (word, report)
    assert len(done.err.strip().splitlines()) == 1


def test_a_case_slipped_in_from_outside_has_no_trail(capsys: Capsys, db: Path) -> None:
    sql(
        db,
        "INSERT INTO cases (reference, status, children, version, document, updated_at, updated_by, last_audit_seq) "
        "SELECT 'DD-2025-999999', status, children, 1, json_set(document, '$.case.reference', 'DD-2025-999999'), "
        "updated_at, updated_by, 0 FROM cases WHERE reference = 'DD-2025-000101'",
    )
    done = verify(capsys, db)
    assert done.code == 1 and "DD-2025-999999" in done.out and "no audit trail" in done.out


def test_a_cleared_flag_stops_letters_for_the_court_until_an_officer_accepts(capsys: Capsys, db: Path) -> None:
    sql(
        db,
        "UPDATE cases SET document = json_remove(document, '$.people[0].addresses[0].confidential') "
        "WHERE reference = 'DD-2025-000107'",
    )
    refused = run_cli(capsys, "--db", str(db), "draft", "DD-2025-000107", "court_no_screening", "--format", "txt")
    assert refused.code == 2 and "audit accept" in refused.err and len(refused.err.strip().splitlines()) == 1
    accepted = run_cli(
        capsys, "--db", str(db), "audit", "accept", "DD-2025-000107", "--reason", "flag removed in error; re-set below"
    )
    assert accepted.code == 0, accepted.err
    assert verify(capsys, db).code == 0
    shown = run_cli(capsys, "--db", str(db), "audit", "show", "DD-2025-000107")
    assert "flag removed in error" in shown.out


def drop_guards(db: Path) -> None:
    sql(db, "DROP TRIGGER audit_no_update", "DROP TRIGGER audit_no_delete")


def rewrite_row_2_and_recompute(db: Path) -> None:
    """What someone with the file and dutydesk's source can do: drop the guards, alter row 2 and
    recompute every hash after it, so the chain alone verifies again."""
    drop_guards(db)
    with sqlite3.connect(db) as conn:
        conn.row_factory = sqlite3.Row
        conn.execute("UPDATE audit SET officer = 'Someone Else' WHERE seq = 2")
        prev = GENESIS
        for row in [dict(r) for r in conn.execute("SELECT * FROM audit ORDER BY seq")]:
            digest = row_hash(prev, row)
            conn.execute("UPDATE audit SET prev_hash = ?, hash = ? WHERE seq = ?", (prev, digest, row["seq"]))
            prev = digest


def test_an_emptied_trail_is_caught_by_each_case_and_by_the_anchor(capsys: Capsys, db: Path, tmp_path: Path) -> None:
    exported = tmp_path / "export.json"
    assert run_cli(capsys, "--db", str(db), "export", "DD-2025-000101", "--out", str(exported)).code == 0
    anchor = json.loads(exported.read_text(encoding="utf-8"))["audit_anchor"]
    drop_guards(db)
    sql(db, "DELETE FROM audit", "UPDATE cases SET last_audit_seq = 0")
    done = verify(capsys, db)
    assert done.code == 1 and "no audit trail" in done.out
    assert f"the trail had {anchor['rows']} rows" in done.out and "removed or rolled back after row 0" in done.out


def test_a_recomputed_chain_is_caught_by_an_anchor(capsys: Capsys, db: Path, tmp_path: Path) -> None:
    backup = run_cli(capsys, "--db", str(db), "backup", "--out", str(tmp_path / "b.sqlite3"))
    assert backup.code == 0
    given = next(line.split()[2] for line in backup.out.splitlines() if line.startswith("audit anchor"))
    rewrite_row_2_and_recompute(db)
    done = verify(capsys, db)
    assert done.code == 1 and "rewritten" in done.out
    # The anchor also works when given by hand (another machine, a printed report).
    (Path(str(db)).parent / "data").mkdir(exist_ok=True)
    assert "rewritten" in verify(capsys, db, "--since", given).out


def test_a_wrong_anchor_is_bad_input(capsys: Capsys, db: Path) -> None:
    done = verify(capsys, db, "--since", "12:nothex")
    assert done.code == 2 and "ROWS:HASH" in done.err


def test_with_an_audit_key_a_recomputed_chain_fails_even_without_an_anchor(
    capsys: Capsys, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DUTYDESK_AUDIT_KEY", "office secret, kept in the keyring")
    db = tmp_path / "keyed.sqlite3"
    for sample in sample_files()[:3]:
        assert run_cli(capsys, "--db", str(db), "import", str(sample)).code == 0
    assert verify(capsys, db).code == 0
    rewrite_row_2_and_recompute(db)  # by someone without the key: plain SHA-256
    # No backup, export or draft was made: the only note outside the store is that the key is in use.
    done = verify(capsys, db)
    assert done.code == 1 and "no row of this trail is sealed with the audit key" in done.out, done.out
    # Without the key nothing can be added to a keyed trail (it is never continued unkeyed).
    monkeypatch.delenv("DUTYDESK_AUDIT_KEY")
    keyed = tmp_path / "keyed2.sqlite3"
    monkeypatch.setenv("DUTYDESK_AUDIT_KEY", "k")
    assert run_cli(capsys, "--db", str(keyed), "import", str(sample_files()[0])).code == 0
    monkeypatch.delenv("DUTYDESK_AUDIT_KEY")
    refused = run_cli(capsys, "--db", str(keyed), "import", str(sample_files()[1]))
    assert refused.code != 0 and "DUTYDESK_AUDIT_KEY" in refused.err
