"""The write-ahead journal (issue 28): every accepted edit is written before the store, replayed
by the next desk to open the case when the desk that wrote it died, and gone once the store holds
it. Encrypted with the store's key when the store is encrypted."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

import pytest

from dutydesk.domain.case.model import Case, CaseInfo, Event, Person
from dutydesk.services.session import CaseSession, journal_folder, replay_journals
from dutydesk.store.audit import Officer
from dutydesk.store.journal import RESERVE, Journal, new_journal
from dutydesk.store.repository import Store

REF = "DD-2026-000950"
NOW = datetime(2026, 12, 4, 10, tzinfo=UTC)


def _store(tmp_path: Path) -> Store:
    store = Store.open(Officer("J. Officer", "j"), db=tmp_path / "s.sqlite3")
    store.create(Case(case=CaseInfo(reference=REF), people=[Person(id="p1", role="applicant", given_names="Ann")]))
    return store


def _crash(session: CaseSession) -> None:
    """The desk dies: its journal file is closed by the kernel, never emptied."""
    assert session.journal is not None
    os.close(session.journal._fd)
    session.journal = None


def test_edits_of_a_desk_that_died_are_replayed_and_saved(tmp_path: Path) -> None:
    store = _store(tmp_path)
    dead = CaseSession(store, REF)
    dead.set("case.court", "Leeds Combined Court Centre")
    dead.set("people[p1].previous_names", ["Ann Smith"])
    dead.case.events.append(Event(at=NOW, by="J. Officer", kind="note", text="Rang the school."))
    dead.touched()
    dead.set(f"events[{dead.case.events[-1].id}].text", "Rang the school; the head saw him leave.")
    _crash(dead)
    assert store.load(REF).case.case.court is None  # never saved
    lines = replay_journals(store, NOW)
    assert lines and "saved" in lines[0]
    case = store.load(REF).case
    assert case.case.court == "Leeds Combined Court Centre"
    assert case.people[0].previous_names == ["Ann Smith"]
    assert [e.text for e in case.events] == ["Rang the school; the head saw him leave."]
    assert not list(journal_folder(store).glob("*.journal"))
    assert store.verify_audit().ok


def test_a_replay_after_another_desk_saved_merges_field_by_field(tmp_path: Path) -> None:
    store = _store(tmp_path)
    dead = CaseSession(store, REF)
    dead.set("case.court", "Leeds")
    _crash(dead)
    other = CaseSession(store, REF)
    other.set("case.court_case_number", "LS26P00950")
    assert other.save(NOW).saved
    other.close()
    replay_journals(store, NOW)
    info = store.load(REF).case.case
    assert (info.court, info.court_case_number) == ("Leeds", "LS26P00950")


def test_a_running_desk_s_journal_is_never_replayed_by_another(tmp_path: Path) -> None:
    store = _store(tmp_path)
    live = CaseSession(store, REF)
    live.set("case.court", "Leeds")
    other = CaseSession(store, REF)
    assert other.recovered == 0 and other.case.case.court is None
    other.close()
    live.close()


def test_a_record_cut_short_ends_the_journal_there(tmp_path: Path) -> None:
    journal = new_journal(tmp_path / "j", REF)
    journal.append({"op": "set", "path": "case.court", "value": "Leeds"})
    journal.append({"op": "set", "path": "case.court", "value": "Leeds Combined"})
    path = journal.path
    os.close(journal._fd)
    data = bytearray(path.read_bytes())
    second = 8 + int.from_bytes(data[0:4], "big")
    data[second + 12] ^= 0xFF  # the second record damaged, as a crash mid-write leaves it
    path.write_bytes(bytes(data))
    again = Journal(path, REF)
    assert [r["value"] for r in again.records()] == ["Leeds"]
    again.close(remove=True)


def test_space_is_reserved_and_the_file_is_owner_only(tmp_path: Path) -> None:
    journal = new_journal(tmp_path / "j", REF)
    stat = journal.path.stat()
    assert stat.st_blocks * 512 >= RESERVE  # allocated, not a sparse length: a full disk still takes keys
    assert oct(stat.st_mode & 0o777) == "0o600"
    journal.close(remove=True)
    assert not journal.path.exists()


def test_an_encrypted_store_s_journal_holds_no_plain_text(tmp_path: Path) -> None:
    pytest.importorskip("cryptography")
    journal = new_journal(tmp_path / "j", REF, key="correct horse battery staple")
    journal.append({"op": "set", "path": "people[p2].addresses[0].line1", "value": "14 Acacia Avenue"})
    journal.sync()
    assert b"Acacia" not in journal.path.read_bytes()
    path = journal.path
    os.close(journal._fd)
    again = Journal(path, REF, key="correct horse battery staple")
    assert again.records()[0]["value"] == "14 Acacia Avenue"
    again.close(remove=True)
