"""Person search over the store: the index follows every save, with no rebuild step."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from dutydesk.domain.case.model import Address, Case, CaseInfo, Person
from dutydesk.domain.people.matching import facts_of, place, record_keys
from dutydesk.store.people_index import facts
from dutydesk.store.tables import PEOPLE_INDEX, PERSON_KEYS
from tests.store.conftest import OpenStore


def a_case(reference: str, given: str, family: str, dob: date, postcode: str) -> Case:
    return Case(
        case=CaseInfo(reference=reference),
        people=[
            Person(
                id="p1",
                role="respondent",
                given_names=given,
                family_name=family,
                date_of_birth=dob,
                addresses=[
                    Address(line1="1 Any Road", postcode=postcode, from_=date(2019, 1, 1), to=date(2022, 6, 30))
                ],
            )
        ],
    )


def keys_in_step(store: object) -> bool:
    with store.engine.connect() as conn:  # type: ignore[attr-defined]
        rows = conn.execute(select(PEOPLE_INDEX)).fetchall()
        expected = sum(len(record_keys(facts(r))) for r in rows)
        return conn.execute(select(func.count()).select_from(PERSON_KEYS)).scalar_one() == expected


def test_an_earlier_case_is_found_by_a_variant_and_the_index_follows_saves(open_store: OpenStore) -> None:
    store = open_store()
    store.create(a_case("DD-2024-000001", "William", "Okafor", date(1985, 4, 2), "LS6 2AB"))
    store.create(a_case("DD-2025-000002", "Bill", "Okafor", date(1985, 2, 4), "M1 1AA"))
    (hit,) = store.search_people(facts_of("Bill", "Okafor", None, date(1985, 2, 4), []), exclude_case="DD-2025-000002")
    assert (hit.case_ref, hit.person_id, hit.role, hit.match.label) == ("DD-2024-000001", "p1", "respondent", "likely")
    assert "nickname: bill / william" in hit.match.reasons and "DOB day/month swapped" in hit.match.reasons
    by_old_address = store.search_people(facts_of(None, None, None, None, [place("ls6 2ab")]))
    assert [h.case_ref for h in by_old_address] == ["DD-2024-000001"]
    assert "same postcode LS6 2AB (2019–2022)" in by_old_address[0].match.reasons
    # A change of name is searchable at once; the old one no longer leads to this person.
    loaded = store.load("DD-2024-000001")
    loaded.case.people[0].family_name = "Mensah"
    store.save(loaded.case, loaded.version)
    first = store.search_people(facts_of("William", "Mensah", None, date(1985, 4, 2), []))[0]
    assert (first.case_ref, first.match.label) == ("DD-2024-000001", "likely")
    old = store.search_people(facts_of("William", "Okafor", None, date(1985, 4, 2), []), exclude_case="DD-2025-000002")
    assert all(h.match.label != "likely" for h in old)
    assert keys_in_step(store)
