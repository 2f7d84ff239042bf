"""The store keeps everything, refuses silent overwrites, and keeps secured records as they were."""

from __future__ import annotations

import json

import pytest

from dutydesk.errors import Conflict, NotFound, SecuredError
from dutydesk.services.demo import sample_files
from dutydesk.store.audit import Officer
from tests.store.conftest import OpenStore


def sample(name: str) -> dict:  # type: ignore[type-arg]
    return json.loads(next(p for p in sample_files() if name in p.stem).read_text())


def test_saving_records_each_field_change_with_officer(open_store: OpenStore) -> None:
    store = open_store()
    ref = store.import_document(sample("no-harm")).case.case.reference
    loaded = store.load(ref)
    loaded.case.people[0].given_names = "Sophia"
    loaded.case.forms.c7.harm_indicated = True
    saved = store.save(loaded.case, loaded.version)
    assert saved.version == loaded.version + 1
    assert store.load(ref).case.people[0].given_names == "Sophia"
    changes = {(r["entity"], r["field"], r["old"], r["new"]) for r in store.history(ref) if r["action"] == "update"}
    assert changes == {
        ("people[p1]", "given_names", '"Sophie"', '"Sophia"'),
        ("forms.c7", "harm_indicated", "false", "true"),
    }
    assert all(r["officer"] == "J. Officer" and r["os_user"] == "jofficer" for r in store.history(ref))


def test_saving_nothing_new_writes_nothing(open_store: OpenStore) -> None:
    store = open_store()
    ref = store.import_document(sample("no-harm")).case.case.reference
    loaded = store.load(ref)
    assert store.save(loaded.case, loaded.version).version == loaded.version
    assert len(store.history(ref)) == 1


def test_conflict_between_two_sessions_names_the_other_change(open_store: OpenStore) -> None:
    """Two officers open the same case; the second save must not overwrite the first."""
    first, second = open_store(Officer("Ann Able", "ann")), open_store(Officer("Bob Baker", "bob"))
    ref = first.import_document(sample("no-harm")).case.case.reference
    a, b = first.load(ref), second.load(ref)
    a.case.people[1].family_name = "Turner-Smith"
    first.save(a.case, a.version)
    b.case.people[2].school = "Oak Academy"
    with pytest.raises(Conflict) as exc:
        second.save(b.case, b.version)
    assert "people[p2].family_name by Ann Able" in str(exc.value)
    after = second.load(ref)
    assert after.case.people[1].family_name == "Turner-Smith"  # the first save stands
    assert after.case.people[2].school == "Mill Lane Primary"  # the refused save left no trace
    after.case.people[2].school = "Oak Academy"
    second.save(after.case, after.version)  # reloaded and re-applied: accepted


def test_missing_case_is_named(open_store: OpenStore) -> None:
    with pytest.raises(NotFound, match="DD-0000"):
        open_store().load("DD-0000")


def test_duplicate_reference_is_refused_and_nothing_changes(open_store: OpenStore) -> None:
    store = open_store()
    store.import_document(sample("no-harm"))
    with pytest.raises(Exception, match="already in the store"):
        store.import_document(sample("no-harm"))
    assert len(store.list_cases()) == 1
    assert store.verify_audit().rows == 1


def test_open_cases_are_listed_by_first_hearing(open_store: OpenStore) -> None:
    store = open_store()
    for path in sample_files():
        store.import_document(json.loads(path.read_text()))
    listed = store.list_cases()
    hearings = [c.first_hearing_at for c in listed]
    assert hearings == sorted(hearings)  # type: ignore[type-var]
    loaded = store.load(listed[0].reference)
    loaded.case.case.status = "closed"
    store.save(loaded.case, loaded.version)
    assert listed[0].reference not in [c.reference for c in store.list_cases()]


def test_audit_chain_verifies_and_the_table_refuses_edits(open_store: OpenStore) -> None:
    store = open_store()
    ref = store.import_document(sample("no-harm")).case.case.reference
    loaded = store.load(ref)
    loaded.case.people[0].phone = "07700 900999"
    store.save(loaded.case, loaded.version)
    verdict = store.verify_audit()
    assert verdict.ok and verdict.rows == 2
    from sqlalchemy import text

    for statement in ("UPDATE audit SET officer = 'someone else'", "DELETE FROM audit WHERE seq = 1"):
        with pytest.raises(Exception, match="append-only"), store.engine.begin() as conn:
            conn.execute(text(statement))
    assert store.verify_audit().ok


def test_securing_keeps_the_records_as_they_were(open_store: OpenStore) -> None:
    """¶3.42-3.45: once secured, recorded values cannot change; new entries are marked."""
    store = open_store()
    ref = store.import_document(sample("past-witnessed")).case.case.reference
    store.secure(ref, "SCR notified by the LSCB on 01/07/2025")
    loaded = store.load(ref)
    assert loaded.secured_at is not None
    loaded.case.people[0].given_names = "Changed"
    with pytest.raises(SecuredError, match=r"people\[p1\]\.given_names"):
        store.save(loaded.case, loaded.version)
    loaded = store.load(ref)
    assert loaded.case.people[0].given_names == "Amira"
    from datetime import UTC, datetime

    from dutydesk.domain.case.model import Event

    loaded.case.events.append(
        Event(at=datetime.now(UTC), by="J. Officer", kind="note", text="Called the LA after securing.")
    )
    saved = store.save(loaded.case, loaded.version)
    # Addressed by the note's identity, not its position.
    assert next(e["path"] for e in saved.after_securing).startswith(f"events[{saved.case.events[0].id}]")
    exported = store.export(ref)
    assert exported["secured"]["records_as_secured"]["events"] == []
    assert exported["events"][0]["text"] == "Called the LA after securing."
    assert exported["secured"]["recorded_after_securing"][0]["by"] == "J. Officer"
    assert any(r["action"] == "after_securing" for r in store.history(ref))
    with pytest.raises(SecuredError, match="already secured"):
        store.secure(ref, "again")
