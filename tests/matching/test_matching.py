"""Person matching (¶2.17-2.18): each kind of slip is found and explained; a namesake with a
different date of birth and address is never "likely"."""

from __future__ import annotations

from datetime import date

import pytest

from dutydesk.config.name_variants import name_variants
from dutydesk.domain.people.matching import Facts, dob_slips, facts_of, place, query_keys, record_keys, score

RECORD = facts_of(
    "William James",
    "Smith-Jones",
    ["William Brown"],
    date(1980, 3, 7),
    [
        place("LS1 4AP", "12 Example Road", date(2015, 1, 1), date(2020, 12, 31)),
        place("M1 1AA", "3 New Street", date(2021, 1, 1)),
    ],
)

VARIANTS = name_variants()


def found(query: Facts, record: Facts = RECORD) -> tuple[str | None, tuple[str, ...]]:
    assert query_keys(query, VARIANTS) & record_keys(record), "the index would not even offer this record"
    match = score(query, record, VARIANTS)
    return match.label, match.reasons


@pytest.mark.parametrize(
    ("query", "reason"),
    [
        (facts_of("Bill", "Smith-Jones", None, date(1980, 3, 7), []), "nickname: bill / william"),
        (facts_of("WILLIAM", "smith jones", None, date(1980, 3, 7), []), "same date of birth"),
        (facts_of("William", "Jones", None, date(1980, 3, 7), []), "one of a double-barrelled family name"),
        (facts_of("Smith-Jones", "William", None, date(1980, 3, 7), []), "given and family names reversed"),
        (facts_of("William", "Brown", None, date(1980, 3, 7), []), "previous name matches (brown)"),
        (facts_of("William", "Smith-Jones", None, date(1980, 7, 3), []), "DOB day/month swapped"),
        (facts_of("William", "Smith-Jones", None, date(1980, 3, 8), []), "DOB one digit different"),
        (facts_of("William", "Smith-Jones", None, date(1981, 3, 7), []), "DOB year off by one"),
        (facts_of("Wiliam", "Smith-Jones", None, None, [place("ls1 4ap")]), "same postcode LS1 4AP (2015–2020)"),
        (facts_of("Bill", "Brown", None, date(1980, 7, 3), []), "DOB day/month swapped"),
    ],
)
def test_each_kind_of_slip_is_likely_and_says_why(query: Facts, reason: str) -> None:
    label, reasons = found(query)
    assert label == "likely", reasons
    assert reason in reasons


@pytest.mark.parametrize(
    ("recorded", "typed", "why"),
    [
        ("Siobhan", "Shivaun", "spelling variant"),
        ("Mohammed", "Muhammad", "spelling variant"),
        ("Zoë", "Zoe", None),
        ("Katherine", "Kathryn", "spelling variant"),
        ("Jakub", "Jakob", "sounds alike"),
    ],
)
def test_spellings_accents_and_sounds(recorded: str, typed: str, why: str | None) -> None:
    record = facts_of(recorded, "Okafor", None, date(1990, 1, 20), [])
    label, reasons = found(facts_of(typed, "Okafor", None, date(1990, 1, 20), []), record)
    assert label == "likely"
    if why:
        assert any(r.startswith(why) for r in reasons), reasons


def test_a_namesake_with_another_dob_and_address_is_not_likely() -> None:
    namesake = facts_of("John", "Smith", None, date(1975, 5, 1), [place("B1 1AA")])
    other = facts_of("John", "Smith", None, date(1988, 11, 23), [place("NE1 4ST")])
    assert score(namesake, other, VARIANTS).label != "likely"
    assert score(facts_of("John", "Smith", None, None, []), other, VARIANTS).label == "possible"  # a name alone at most


def test_a_different_person_is_not_offered() -> None:
    stranger = facts_of("Agnieszka", "Kowalski", None, date(1969, 2, 14), [place("CF10 1AA")])
    assert score(stranger, RECORD, VARIANTS).label is None


def test_dob_slips_cover_swaps_digits_and_years() -> None:
    slips = dob_slips(date(1980, 3, 7))
    assert {date(1980, 7, 3), date(1981, 3, 7), date(1979, 3, 7), date(1980, 3, 8), date(1980, 3, 17)} <= slips
    assert all(isinstance(d, date) for d in slips)  # impossible dates (31/02) are simply not there
