"""The app's case session: after a conflict it reloads, re-applies what the officer typed and
tells them what the other dutydesk changed — also when the other saves again meanwhile."""

from __future__ import annotations

from datetime import UTC, datetime

from dutydesk.domain.case.model import Case, CaseInfo, Person
from dutydesk.services.session import CaseSession
from dutydesk.store.audit import Officer
from dutydesk.store.repository import Store
from tests.store.conftest import OpenStore

REF = "DD-2026-000900"
NOW = datetime(2026, 11, 20, 10, tzinfo=UTC)


def _case() -> Case:
    return Case(case=CaseInfo(reference=REF), people=[Person(id="p1", role="applicant", given_names="Ann")])


def _other_sets(store: Store, path: str, value: str) -> None:
    other = CaseSession(store, REF)
    other.set(path, value)
    assert other.save(NOW).saved


def test_a_clash_in_a_second_conflict_is_reported_not_dropped(open_store: OpenStore) -> None:
    mine_store, theirs = open_store(Officer("Ann Able", "ann")), open_store(Officer("Bob Baker", "bob"))
    mine_store.create(_case())
    mine = CaseSession(mine_store, REF)
    mine.set("case.court", "Leeds")
    mine.set("people[p1].given_names", "Anne")
    _other_sets(theirs, "people[p1].family_name", "Able")  # first conflict: no clash

    reload = mine_store.load

    def load_then_other_saves(reference: str) -> object:
        loaded = reload(reference)
        mine_store.load = reload  # type: ignore[method-assign]
        _other_sets(theirs, "case.court", "Bradford")  # saved between our reload and re-save
        return loaded

    mine_store.load = load_then_other_saves  # type: ignore[method-assign]
    outcome = mine.save(NOW)

    assert outcome.saved
    assert ("case.court", "Leeds") in outcome.clashes  # their court stands, and we are told
    assert outcome.message is not None and "Leeds" in outcome.message
    final = mine_store.load(REF).case
    assert (final.case.court, final.people[0].given_names, final.people[0].family_name) == ("Bradford", "Anne", "Able")


def test_a_conflict_note_names_the_field_as_an_officer_does(open_store: OpenStore) -> None:
    """Issue 30: "Item ids (`events[nc59cfe]`) reach the recovery dialog and conflict notes." The
    Chronology's conflict note, and the message, name the person and the field in words."""
    mine_store, theirs = open_store(Officer("Ann Able", "ann")), open_store(Officer("Bob Baker", "bob"))
    mine_store.create(_case())
    mine = CaseSession(mine_store, REF)
    mine.set("people[p1].given_names", "Anne")
    _other_sets(theirs, "people[p1].given_names", "Annie")
    outcome = mine.save(NOW)
    assert outcome.saved and outcome.message is not None
    (note,) = [e.text for e in mine_store.load(REF).case.events if e.kind == "conflict"]
    assert note.startswith("Annie — Given names: Bob Baker changed this at the same time"), note
    assert "yours was: Anne" in note
    for text in (note, outcome.message):
        assert "p1" not in text and "people[" not in text and "given_names" not in text
