"""Issue 30's tamper suite, the attacks the adversary made one step further, each with sqlite3 and
(where it needs one) a script that recomputes the chain exactly as dutydesk does: `audit verify`
exits 1 naming it, the case is unverified where the desk looks (Store.integrity), and nothing is
blessed — no anchor or key note is written by verifying or opening.

- an unkeyed rechain with the anchors deleted while DUTYDESK_AUDIT_KEY is set;
- a key set over a trail that was never keyed (keying begins only by `audit start-keying`);
- a secured case's records as secured edited; its securing cleared, then a record made before it
  deleted (¶3.42-3.45: "the records as they were cannot be changed");
- person-search keys deleted (`dutydesk find` blinded: ¶2.18's check for previous involvement),
  the people index's addresses, updated_by and updated_at edited; keys slipped in for no one —
  and `audit repair-derived` rebuilding them, recorded in the trail.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from dutydesk.errors import SecuredError
from dutydesk.services.demo import sample_files
from dutydesk.services.session import CaseSession
from dutydesk.store import anchors
from dutydesk.store.audit import GENESIS, Officer, row_hash
from dutydesk.store.repository import Store, Unverified
from tests.cli_helpers import Result, run_cli

Capsys = pytest.CaptureFixture[str]
KEY = "the office's audit key, kept in its keyring"
SECURED = "DD-2025-000101"


def cli(capsys: Capsys, db: Path, *args: str) -> Result:
    return run_cli(capsys, "--db", str(db), *args)


def sql(db: Path, *statements: str) -> None:
    """The statements, with the trail's guards dropped first where they touch the trail."""
    with sqlite3.connect(db) as conn:
        if any("audit" in statement for statement in statements):
            for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall():
                conn.execute(f'DROP TRIGGER "{name}"')
        for statement in statements:
            conn.execute(statement)


def rechain_unkeyed(db: Path) -> None:
    """The adversary's script: every row's hash recomputed with plain SHA-256 (no key)."""
    sql(db, "UPDATE audit SET officer = 'Someone Else' WHERE seq = 2")
    with sqlite3.connect(db) as conn:
        conn.row_factory = sqlite3.Row
        prev = GENESIS
        for row in [dict(r) for r in conn.execute("SELECT * FROM audit ORDER BY seq")]:
            digest = row_hash(prev, row)
            conn.execute("UPDATE audit SET prev_hash = ?, hash = ? WHERE seq = ?", (prev, digest, row["seq"]))
            prev = digest


def store_of(tmp_path: Path, capsys: Capsys, count: int = 3) -> Path:
    db = tmp_path / "store.sqlite3"
    for sample in sample_files()[:count]:
        assert cli(capsys, db, "import", str(sample)).code == 0
    return db


def failed(capsys: Capsys, db: Path, *words: str) -> str:
    done = cli(capsys, db, "audit", "verify")
    report = done.out + done.err
    assert done.code == 1, report
    for word in words:
        assert word in report, (word, report)
    assert len(done.err.strip().splitlines()) == 1
    return report


def witnessed() -> str:
    path = anchors.anchors_file()
    return path.read_text(encoding="utf-8") if path.exists() else ""


# -- the audit key ---------------------------------------------------------------------------


def test_an_unkeyed_rechain_with_the_anchors_deleted_fails_while_the_key_is_set(
    capsys: Capsys, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DUTYDESK_AUDIT_KEY", KEY)
    db = store_of(tmp_path, capsys)
    assert cli(capsys, db, "audit", "verify").code == 0
    rechain_unkeyed(db)
    anchors.anchors_file().unlink()
    failed(capsys, db, "no row of this trail is sealed with the audit key", "start-keying")
    failed(capsys, db, "no row of this trail is sealed with the audit key")  # and again: nothing was blessed
    assert anchors.KEYED_AFTER not in witnessed()


def test_a_key_set_over_an_unkeyed_trail_is_said_and_keying_begins_only_when_asked(
    capsys: Capsys, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = store_of(tmp_path, capsys)  # begun without a key
    monkeypatch.setenv("DUTYDESK_AUDIT_KEY", KEY)
    failed(capsys, db, "no row of this trail is sealed with the audit key")
    opened = cli(capsys, db, "cases")  # every command says so, and none starts keying
    assert opened.code == 0 and "start-keying" in opened.err
    assert anchors.KEYED_AFTER not in witnessed()
    # An ordinary save goes on unkeyed: a key merely set does not begin sealing.
    store = Store.open(Officer("J. Officer", "j"), db=db)
    session = CaseSession(store, SECURED)
    session.set("case.court", "Leeds Combined Court Centre")
    assert session.save(datetime.now(UTC)).saved
    session.close()
    store.close()
    with sqlite3.connect(db) as conn:
        assert not conn.execute("SELECT hash FROM audit ORDER BY seq DESC LIMIT 1").fetchone()[0].startswith("h:")

    assert cli(capsys, db, "audit", "start-keying", "--reason", "x").code == 2  # a reason is asked for
    begun = cli(capsys, db, "audit", "start-keying", "--reason", "the office chose its audit key today")
    assert begun.code == 0, begun.err
    assert cli(capsys, db, "audit", "verify").code == 0
    assert anchors.KEYED_AFTER in witnessed()
    with sqlite3.connect(db) as conn:
        action, reason, digest = conn.execute(
            "SELECT action, new, hash FROM audit ORDER BY seq DESC LIMIT 1"
        ).fetchone()
    assert action == "start_keying" and "the office chose its audit key" in reason and digest.startswith("h:")
    again = cli(capsys, db, "audit", "start-keying", "--reason", "once more, by mistake")
    assert again.code == 2 and "already sealed" in again.err
    # From here a rechain without the key is caught by the witness of where keying began.
    rechain_unkeyed(db)
    failed(capsys, db, "sealed with the audit key")


def test_keying_is_never_begun_over_a_broken_trail(
    capsys: Capsys, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = store_of(tmp_path, capsys)
    sql(db, "UPDATE audit SET officer = 'Someone Else' WHERE seq = 2")
    monkeypatch.setenv("DUTYDESK_AUDIT_KEY", KEY)
    refused = cli(capsys, db, "audit", "start-keying", "--reason", "the office chose its audit key")
    assert refused.code == 1 and "altered" in refused.err
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM audit WHERE action = 'start_keying'").fetchone()[0] == 0


# -- a secured case (¶3.42-3.45) ------------------------------------------------------------


@pytest.fixture
def secured(tmp_path: Path, capsys: Capsys) -> Path:
    db = store_of(tmp_path, capsys)
    done = cli(capsys, db, "secure", SECURED, "--reason", "serious case review notified on 13/06/2025")
    assert done.code == 0, done.err
    assert cli(capsys, db, "audit", "verify").code == 0
    return db


def test_the_records_as_secured_edited_are_caught(capsys: Capsys, secured: Path) -> None:
    sql(
        secured,
        "UPDATE cases SET secured_document = json_set(secured_document, '$.people[0].given_names', 'Someone') "
        f"WHERE reference = '{SECURED}'",
    )
    failed(capsys, secured, SECURED, "records as secured")
    store = Store.open(Officer("J. Officer", "j"), db=secured)
    finding = store.integrity(SECURED)
    assert finding is not None and "records as secured" in finding.problem  # the desk marks it UNVERIFIED
    with pytest.raises(SecuredError):  # no officer's acceptance blesses it
        store.accept(SECURED, "looks right to me")
    store.close()


def test_a_cleared_securing_is_caught_and_a_record_made_before_it_cannot_then_be_deleted(
    capsys: Capsys, secured: Path
) -> None:
    sql(secured, f"UPDATE cases SET secured_at = NULL, secured_document = NULL WHERE reference = '{SECURED}'")
    failed(capsys, secured, SECURED, "no longer marked secured")
    store = Store.open(Officer("J. Officer", "j"), db=secured)
    loaded = store.load(SECURED)
    before = len(loaded.case.people)
    loaded.case.people.pop()  # a record made before securing, deleted
    with pytest.raises(Unverified):
        store.save(loaded.case, loaded.version)
    assert len(store.load(SECURED).case.people) == before
    store.close()
    refused = cli(capsys, secured, "audit", "accept", SECURED, "--reason", "it was never secured")
    assert refused.code != 0 and "restore" in refused.err  # un-securing is no officer's acceptance
    exported = cli(capsys, secured, "export", SECURED)
    assert exported.code == 2 and not exported.out and "no longer marked secured" in exported.err


def test_a_securing_slipped_in_is_caught(capsys: Capsys, tmp_path: Path) -> None:
    db = store_of(tmp_path, capsys)
    sql(db, f"UPDATE cases SET secured_at = '2025-06-13T10:00:00+00:00' WHERE reference = '{SECURED}'")
    failed(capsys, db, SECURED, "never secured it")


# -- derived tables --------------------------------------------------------------------------


@pytest.fixture
def db(tmp_path: Path, capsys: Capsys) -> Path:
    return store_of(tmp_path, capsys, count=7)


def found(capsys: Capsys, db: Path, *query: str) -> str:
    done = cli(capsys, db, "find", *query)
    return done.out + done.err


@pytest.mark.parametrize(
    ("statement", "words"),
    [
        ("DELETE FROM person_keys", ["person-search keys", "dutydesk find"]),
        (
            "UPDATE people_index SET places = '' WHERE id = (SELECT MIN(id) FROM people_index WHERE places <> '')",
            ["people index"],
        ),
        ("UPDATE cases SET updated_by = 'Someone Else' WHERE reference = 'DD-2025-000103'", ["updated_by", "000103"]),
        (
            "UPDATE cases SET updated_at = '2019-01-01T00:00:00+00:00' WHERE reference = 'DD-2025-000104'",
            ["updated_at", "000104"],
        ),
        ("INSERT INTO person_keys (h, pid) VALUES (12345, 999999)", ["keys for no one"]),
    ],
    ids=["person-keys", "places", "updated-by", "updated-at", "stray-keys"],
)
def test_a_derived_table_edited_is_named_and_rebuilt_on_record(
    capsys: Capsys, db: Path, statement: str, words: list[str]
) -> None:
    sql(db, statement)
    failed(capsys, db, *words)
    short = cli(capsys, db, "audit", "repair-derived", "--reason", "x")
    assert short.code == 2 and "say why" in short.err.lower()
    rebuilt = cli(capsys, db, "audit", "repair-derived", "--reason", "verify named derived rows edited from outside")
    assert rebuilt.code == 0, rebuilt.out + rebuilt.err
    assert cli(capsys, db, "audit", "verify").code == 0
    with sqlite3.connect(db) as conn:
        action, note = conn.execute("SELECT action, new FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
    assert action == "repair_derived" and "verify named derived rows" in note
    nothing = cli(capsys, db, "audit", "repair-derived", "--reason", "a second look after the repair")
    assert nothing.code == 0 and "nothing was rebuilt" in nothing.out


def test_deleted_person_keys_blind_find_until_rebuilt(capsys: Capsys, db: Path) -> None:
    with sqlite3.connect(db) as conn:
        given, family, born = conn.execute(
            "SELECT given_names, family_name, date_of_birth FROM people_index WHERE date_of_birth IS NOT NULL"
        ).fetchone()
    dob = datetime.fromisoformat(born).strftime("%d/%m/%Y")
    assert family in found(capsys, db, f"{given} {family}", "--dob", dob)
    sql(db, "DELETE FROM person_keys")
    failed(capsys, db, "person-search keys")
    store = Store.open(Officer("J. Officer", "j"), db=db)
    assert any(store.integrity(f"DD-2025-00010{n}") is not None for n in range(1, 8))  # the desk's check
    store.close()
    assert cli(capsys, db, "audit", "repair-derived", "--reason", "person keys were deleted from outside").code == 0
    assert family in found(capsys, db, f"{given} {family}", "--dob", dob)


def test_repair_leaves_a_document_edited_from_outside_for_an_officer(capsys: Capsys, db: Path) -> None:
    sql(
        db,
        "UPDATE cases SET document = json_set(document, '$.people[0].given_names', 'Mohammad') "
        "WHERE reference = 'DD-2025-000107'",
        "DELETE FROM person_keys",
    )
    done = cli(capsys, db, "audit", "repair-derived", "--reason", "verify named derived rows edited from outside")
    assert done.code == 1 and "DD-2025-000107" in done.out and "audit accept" in done.err
    report = failed(capsys, db, "DD-2025-000107")
    assert "person-search keys" not in report  # the other cases' keys were rebuilt


def test_keys_worked_out_in_a_second_process_find_the_same(
    capsys: Capsys, db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A large store's keys are recomputed in a second process beside the document checks: the
    same answer as in this one, an untouched store included."""
    from dutydesk.store import derived_check

    monkeypatch.setattr(derived_check, "IN_PARALLEL_FROM", 1)
    monkeypatch.setattr(derived_check.os, "cpu_count", lambda: 2)
    assert cli(capsys, db, "audit", "verify").code == 0
    sql(db, "DELETE FROM person_keys WHERE pid = (SELECT MIN(id) FROM people_index)")
    failed(capsys, db, "person-search keys")


# -- what a second adversary found (helper-8) --------------------------------------------------


def test_a_rollback_over_a_securing_is_caught(capsys: Capsys, tmp_path: Path) -> None:
    """A backup taken before securing, copied over the store: the securing was not witnessed, so
    the rollback un-secured the case with a clean verify."""
    db = store_of(tmp_path, capsys)
    older = tmp_path / "older.sqlite3"
    assert cli(capsys, db, "backup", "--out", str(older)).code == 0
    assert cli(capsys, db, "secure", SECURED, "--reason", "serious case review notified on 13/06/2025").code == 0
    shutil.copy(older, db)
    failed(capsys, db, "behind its witness", "secured")


def test_what_is_listed_as_recorded_after_securing_must_be_what_the_trail_recorded(
    capsys: Capsys, secured: Path
) -> None:
    for forged in ('\'["p1", "p2"]\'', "NULL", "'{\"a\": 1}'"):
        sql(secured, f"UPDATE cases SET after_securing = {forged} WHERE reference = '{SECURED}'")
        failed(capsys, secured, SECURED, "recorded after securing")


def test_removing_the_row_that_began_keying_is_caught_even_without_the_key(
    capsys: Capsys, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = store_of(tmp_path, capsys)
    monkeypatch.setenv("DUTYDESK_AUDIT_KEY", KEY)
    assert cli(capsys, db, "audit", "start-keying", "--reason", "the office chose its audit key today").code == 0
    monkeypatch.delenv("DUTYDESK_AUDIT_KEY")
    sql(db, "DELETE FROM audit WHERE action = 'start_keying'")
    failed(capsys, db, "behind its witness")


def test_a_restore_line_forged_into_the_witness_log_rewinds_nothing(capsys: Capsys, tmp_path: Path) -> None:
    db = store_of(tmp_path, capsys)
    with sqlite3.connect(db) as conn:
        rows, digest = conn.execute("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
    assert cli(capsys, db, "secure", SECURED, "--reason", "serious case review notified on 13/06/2025").code == 0
    sql(db, f"DELETE FROM audit WHERE seq > {rows}")
    line = {"rows": rows, "hash": digest, "at": "2026-12-05T10:00:00+00:00", "why": f"{anchors.RESTORED} old.bak"}
    line["store"] = str(db)
    with anchors.anchors_file().open("a", encoding="utf-8") as log:
        log.write(json.dumps(line) + "\n")
    failed(capsys, db, "behind its witness")


def test_a_restore_is_a_row_of_the_trail(capsys: Capsys, tmp_path: Path) -> None:
    db = store_of(tmp_path, capsys)
    older = tmp_path / "older.sqlite3"
    assert cli(capsys, db, "backup", "--out", str(older)).code == 0
    assert cli(capsys, db, "secure", SECURED, "--reason", "serious case review notified on 13/06/2025").code == 0
    assert cli(capsys, db, "restore", str(older)).code == 0
    done = cli(capsys, db, "audit", "verify")
    assert done.code == 0, done.out + done.err
    assert "were discarded by that restore" in done.out
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT action FROM audit ORDER BY seq DESC LIMIT 1").fetchone()[0] == "restored"


def test_short_reasons_and_keys_are_bad_input(capsys: Capsys, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = store_of(tmp_path, capsys)
    before = db.read_bytes()
    for args in (("secure", SECURED, "--reason", ""), ("audit", "accept", SECURED, "--reason", "")):
        done = cli(capsys, db, *args)
        assert done.code == 2 and len(done.err.strip().splitlines()) == 1, (args, done.err)
    monkeypatch.setenv("DUTYDESK_AUDIT_KEY", "short")
    done = cli(capsys, db, "audit", "start-keying", "--reason", "the office chose its audit key today")
    assert done.code == 2 and "at least 16" in done.err
    assert db.read_bytes() == before


def test_a_secured_case_s_document_that_drops_its_securing_is_not_accepted(capsys: Capsys, secured: Path) -> None:
    sql(
        secured, f"UPDATE cases SET document = json_remove(document, '$.case.secured_at') WHERE reference = '{SECURED}'"
    )
    failed(capsys, secured, SECURED)
    done = cli(capsys, secured, "audit", "accept", SECURED, "--reason", "the document looks right to me")
    assert done.code != 0 and "restore" in done.err


def test_the_trail_s_guards_dropped_are_named(capsys: Capsys, db: Path) -> None:
    with sqlite3.connect(db) as conn:
        conn.execute("DROP TRIGGER audit_no_update")
    failed(capsys, db, "append-only guards")
