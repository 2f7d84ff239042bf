"""The App. II offence picker's search (issue 29): the alias table and the Acts searched as well as
the list's names, each result saying why it matched, and a wording that is not on the list said so.

Appendix II (the framework's table, quoted):
  "Assault or battery | Common Law"
  "Assault occasioning actual bodily harm | Section 47 | Offences Against the Person Act 1861"
  "Wounding and causing grievous bodily harm: Inflicting bodily injury | Section 20 | Offences Against
   the Person Act 1861"
  "Sexual Activity with a Child | Section 9 | Sexual Offences Act 2003"
and its notes: "Unless stated otherwise, the victim of the offences listed above will be under 18";
"The revised list of offences, below, should not be deemed exhaustive".

So "assault by beating" — battery, charged under s39 Criminal Justice Act 1988 — IS on the list, as
the common-law "Assault or battery", where the victim was under 18 (the issue wondered whether it
was; the framework decides): the picker lists it, saying why.
"""

from __future__ import annotations

import pytest

from dutydesk.config.policy_files import load_policy
from dutydesk.domain.rules.offence_match import Found
from tests.rules.test_app_ii_wordings import CL, WORDINGS

MATCHER = load_policy().offence_matcher
OAPA = "Offences Against the Person Act 1861"
SOA03 = "Sexual Offences Act 2003"


def first(query: str) -> tuple[str, str, str]:
    found = MATCHER.find(query)
    assert found.hits, (query, found.not_listed)
    hit = found.hits[0]
    return hit.offence.offence, hit.offence.section, hit.why


def test_assault_by_beating_is_found_through_the_alias_table() -> None:
    offence, section, why = first("assault by beating")
    assert (offence, section) == ("Assault or battery", CL)
    assert why == "alias: assault by beating"
    hit = MATCHER.find("assault by beating").hits[0]
    # How the police charge it, and App. II's note on the victim's age, shown with it.
    assert "s39 Criminal Justice Act 1988" in hit.note
    assert "victim was under 18" in hit.note


@pytest.mark.parametrize(
    "typed",
    ["ASSAULT BY BEATING", "Assault by beating contrary to section 39 of the Criminal Justice Act 1988", "battery"],
)
def test_police_wordings_of_battery(typed: str) -> None:
    offence, section, _why = first(typed)
    assert (offence, section) == ("Assault or battery", CL)


def test_the_charging_section_is_named_as_why() -> None:
    found = MATCHER.find("s.39 CJA 1988")
    assert found.hits[0].offence.offence == "Assault or battery"
    assert found.hits[0].why == "Act: s.39 CJA 1988 (as charged)"


def test_abh() -> None:
    assert first("ABH") == ("Assault occasioning actual bodily harm", "Section 47", "alias: abh")


@pytest.mark.parametrize(
    "typed", ["s.47 OAPA", "s47 OAPA 1861", "section 47 Offences Against the Person Act 1861", "S.47 O.A.P.A."]
)
def test_section_and_act(typed: str) -> None:
    offence, section, why = first(typed)
    assert (offence, section) == ("Assault occasioning actual bodily harm", "Section 47")
    assert why == "Act: s.47 OAPA 1861"
    # The Act named: the other Act's section 47 (paying for the sexual services of a child) is not offered.
    assert [h.offence.act for h in MATCHER.find(typed).hits] == [OAPA]


def test_a_section_alone_offers_each_acts_section() -> None:
    found = MATCHER.find("section 47")
    assert {h.offence.act for h in found.hits[:2]} == {OAPA, SOA03}
    assert all(h.why == "section 47" for h in found.hits[:2])


def test_gbh_is_s20_first_with_s18_offered() -> None:
    found = MATCHER.find("GBH")
    sections = [h.offence.section for h in found.hits]
    assert sections[0] == "Section 20" and "Section 18" in sections
    assert found.hits[0].why == "alias: gbh"
    assert "s18 if the charge says with intent" in found.hits[0].note


@pytest.mark.parametrize(
    ("typed", "section"),
    [
        ("ASSAULT OCCASIONING ACTUAL BODILY HARM", "Section 47"),
        ("ASSAULT A PERSON THEREBY OCCASIONING THEM ACTUAL BODILY HARM", "Section 47"),
        ("WOUNDING WITH INTENT TO DO GRIEVOUS BODILY HARM", "Section 18"),
        ("WOUND / INFLICT GRIEVOUS BODILY HARM WITHOUT INTENT", "Section 20"),
    ],
)
def test_pnc_wordings(typed: str, section: str) -> None:
    hit = MATCHER.find(typed).hits[0]
    assert (hit.offence.act, hit.offence.section) == (OAPA, section)


def test_sexual_activity_with_a_child_by_its_name_first_and_its_relatives_after() -> None:
    found = MATCHER.find("sexual activity with a child")
    assert (found.hits[0].offence.section, found.hits[0].offence.act) == ("Section 9", SOA03)
    assert found.hits[0].why == "the list's own name"
    assert len(found.hits) > 1  # the abuse-of-trust and family-member offences are offered too


def test_typing_in_progress_already_finds_it() -> None:
    assert any(h.offence.offence == "Assault or battery" for h in MATCHER.find("assault by bea").hits)
    assert MATCHER.find("assault by bea").hits[0].why.startswith("alias: assault by beating")


def test_a_misspelling_is_found_by_similarity_and_says_so() -> None:
    hit = MATCHER.find("assualt by beatting").hits[0]
    assert hit.offence.offence == "Assault or battery"
    assert hit.why.startswith("similar to") and "% alike" in hit.why


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        (
            "Assault a constable in the execution of his duty",
            "“Assault a constable in the execution of his duty” is not an Appendix II offence: An assault "
            "on a police constable (s89 Police Act 1996): the victim is an adult by definition",
        ),
        (
            "Harassment",
            "Harassment (Protection from Harassment Act 1997) is not an App. II offence: information about harm",
        ),
        (
            "Breach of non-molestation order",
            "Breach of a non-molestation order (s42A Family Law Act 1996) is not an App. II offence: information "
            "about domestic abuse",
        ),
    ],
)
def test_a_wording_known_not_to_be_on_the_list_is_said_plainly(typed: str, said: str) -> None:
    """The alias table's own reason, said once (never "not an offence: ... is not an offence")."""
    assert MATCHER.find(typed) == Found((), (said,))


def test_a_section_not_on_the_list_is_said_plainly() -> None:
    found = MATCHER.find("s.76 Serious Crime Act 2015")
    assert found.hits == ()
    assert found.not_listed == ("s.76 SCA 2015 is not on the Appendix II list",)


def test_nothing_matching_is_an_empty_answer_the_picker_words() -> None:
    assert MATCHER.find("drink driving") == Found((), ())


@pytest.mark.parametrize(("wording", "section", "act", "expected"), WORDINGS, ids=[w[0][:60] for w in WORDINGS])
def test_the_picker_offers_first_what_the_matcher_matches(
    wording: str, section: str | None, act: str | None, expected: tuple[str, str] | None
) -> None:
    """Every realistic wording of the App. II corpus, typed into the picker (with its section and
    Act where the record has them): the row the finding would be matched to is highlighted first."""
    typed = " ".join(p for p in (wording, section, act) if p)
    found = MATCHER.find(typed)
    if expected is None:
        assert not [h for h in found.hits if not h.why.startswith("similar")], found
        return
    assert found.hits, typed
    hit = found.hits[0].offence
    row_section, act_or_offence = expected
    assert (hit.section, hit.act if row_section != CL else hit.offence) == (row_section, act_or_offence)
    assert found.hits[0].why


def test_search_still_answers_in_offences() -> None:
    assert [o.offence for o in MATCHER.search("grooming")] == ["Meeting a child following sexual grooming etc."]
