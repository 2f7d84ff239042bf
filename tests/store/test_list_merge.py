"""Two officers tick boxes in the same list at the same moment (issue 28): "Alice ticks 'Specific
issue', Bob ticks 'Prohibited steps' at the same moment: one tick is lost, no conflict note".
A list of plain values is a set of choices: both sides' additions and removals are kept."""

from __future__ import annotations

from datetime import UTC, datetime

from dutydesk.domain.case.model import Case, CaseInfo, Person
from dutydesk.services.session import CaseSession, merge_choices
from dutydesk.store.audit import Officer
from tests.store.conftest import OpenStore

REF = "DD-2026-000901"
NOW = datetime(2026, 12, 4, 10, tzinfo=UTC)


def _case() -> Case:
    return Case(
        case=CaseInfo(reference=REF, applications=["child_arrangements"]),
        people=[Person(id="p1", role="applicant", given_names="Ann", previous_names=["Ann Smith"])],
    )


def test_both_ticks_kept(open_store: OpenStore) -> None:
    alice_store, bob_store = open_store(Officer("Alice", "alice")), open_store(Officer("Bob", "bob"))
    alice_store.create(_case())
    alice, bob = CaseSession(alice_store, REF), CaseSession(bob_store, REF)
    alice.set("case.applications", ["child_arrangements", "specific_issue"])
    bob.set("case.applications", ["child_arrangements", "prohibited_steps"])
    bob.set("people[p1].previous_names", ["Ann Smith", "Ann Jones"])
    alice.set("people[p1].previous_names", ["Ann Smith", "Annie Smith"])
    assert alice.save(NOW).saved
    outcome = bob.save(NOW)
    assert outcome.saved and not outcome.clashes
    assert "case.applications" in outcome.theirs  # Bob's screen shows Alice's tick
    final = alice_store.load(REF).case
    assert sorted(final.case.applications) == ["child_arrangements", "prohibited_steps", "specific_issue"]
    assert final.people[0].previous_names == ["Ann Smith", "Annie Smith", "Ann Jones"]
    assert bob.case.case.applications == final.case.applications


def test_an_untick_on_one_side_and_a_tick_on_the_other(open_store: OpenStore) -> None:
    alice_store, bob_store = open_store(Officer("Alice", "alice")), open_store(Officer("Bob", "bob"))
    alice_store.create(_case())
    alice, bob = CaseSession(alice_store, REF), CaseSession(bob_store, REF)
    alice.set("case.applications", [])  # Alice unticks child arrangements
    bob.set("case.applications", ["child_arrangements", "specific_issue"])
    assert alice.save(NOW).saved
    assert bob.save(NOW).saved
    assert alice_store.load(REF).case.case.applications == ["specific_issue"]


def test_merge_choices() -> None:
    assert merge_choices(["a"], ["a", "b"], ["a", "c"]) == ["a", "c", "b"]
    assert merge_choices(["a", "b"], ["b"], ["a", "b", "c"]) == ["b", "c"]
    assert merge_choices([], ["x"], ["x"]) == ["x"]
