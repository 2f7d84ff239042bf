"""Appendix II as findings arrive: police (PNC / CJS offence wording), CPS charging and sentencing
guideline wordings, each mapped by hand to the App. II row it means (or to none) from the
framework's table and its notes — not from the alias table. Sources of the wordings: the CJS
offence wording of the Home Office offence code list as it appears on PNC printouts and court
registers ("Assault a person thereby occasioning them actual bodily harm"), the CPS charging
standards (Offences against the person; Child abuse), and the Sentencing Council's offence names.
"""

from __future__ import annotations

import pytest

from dutydesk.config.policy_files import load_policy
from dutydesk.domain.case.model import Finding
from dutydesk.domain.rules.offences import assess
from tests.rules.builders import case

MATCHER = load_policy().offence_matcher
OAPA, CYPA, SOA03, SOA56 = (
    "Offences Against the Person Act 1861",
    "Children and Young Persons Act 1933",
    "Sexual Offences Act 2003",
    "Sexual Offences Act 1956",
)
CL = "Common Law"

# (wording as recorded, section field, act field) -> (section, act or the common-law offence) or None
WORDINGS: list[tuple[str, str | None, str | None, tuple[str, str] | None]] = [
    # Offences against the person (CJS wordings; CPS charging standard)
    ("Assault by beating", None, None, (CL, "Assault or battery")),
    ("Common assault", "s.39", "Criminal Justice Act 1988", (CL, "Assault or battery")),
    ("Battery", None, "CJA 1988", (CL, "Assault or battery")),
    ("Assault", "s39", "CJA 1988", (CL, "Assault or battery")),
    ("Assault a person thereby occasioning them actual bodily harm", None, None, ("Section 47", OAPA)),
    ("Assault occasioning ABH", "s.47", "O.A.P.A. 1861", ("Section 47", OAPA)),
    ("ABH", None, None, ("Section 47", OAPA)),
    (
        "Assault occasioning actual bodily harm contrary to section 47 of the Offences Against the Person Act 1861",
        None,
        None,
        ("Section 47", OAPA),
    ),
    ("Wound / inflict grievous bodily harm without intent", None, None, ("Section 20", OAPA)),
    ("Unlawful wounding", None, None, ("Section 20", OAPA)),
    ("Wounding", None, None, ("Section 20", OAPA)),
    ("Inflicting GBH", "Section 20", "OAPA 1861", ("Section 20", OAPA)),
    ("Wounding with intent to do grievous bodily harm", None, None, ("Section 18", OAPA)),
    ("Cause grievous bodily harm with intent to do grievous bodily harm", None, None, ("Section 18", OAPA)),
    ("GBH with intent", "s18", "OAPA", ("Section 18", OAPA)),
    ("Threats to kill", None, None, ("Section 16", OAPA)),
    ("Make threat to kill", None, None, ("Section 16", OAPA)),
    ("Murder", None, None, (CL, "Murder")),
    ("Manslaughter", None, None, (CL, "Manslaughter")),
    ("Kidnap", None, None, (CL, "Kidnapping")),
    ("False imprisonment", None, None, (CL, "False Imprisonment")),
    # Child cruelty (CPS Child abuse guidance: s1 CYPA 1933, written without its section)
    ("Cruelty to a person under 16", None, None, ("Section 1", CYPA)),
    ("Child cruelty", None, None, ("Section 1", CYPA)),
    ("Cruelty", "S1", "CYPA 1933", ("Section 1", CYPA)),
    ("Cruelty to children", "s.1(1)", "Children & Young Persons Act 1933", ("Section 1", CYPA)),
    (
        "Wilfully neglect a child in a manner likely to cause unnecessary suffering or injury to health",
        None,
        None,
        ("Section 1", CYPA),
    ),
    ("Ill-treat a child", None, None, ("Section 1", CYPA)),
    ("Child neglect", None, None, ("Section 1", CYPA)),
    # Indecent images (PNC: "photograph / pseudo-photograph")
    (
        "Make indecent photograph / pseudo-photograph of a child",
        None,
        None,
        ("Section 1", "Protection of Children Act 1978"),
    ),
    ("Making indecent images of children", None, None, ("Section 1", "Protection of Children Act 1978")),
    ("Take an indecent photograph of a child", None, None, ("Section 1", "Protection of Children Act 1978")),
    (
        "Distribute an indecent photograph / pseudo-photograph of a child",
        None,
        None,
        ("Section 1", "Protection of Children Act 1978"),
    ),
    (
        "Possess indecent photograph / pseudo-photograph of a child",
        None,
        None,
        ("Section 160", "Criminal Justice Act 1988"),
    ),
    ("Possession of indecent images of children", "s160", "CJA 1988", ("Section 160", "Criminal Justice Act 1988")),
    # Sexual offences (Sexual Offences Act 2003 offence names as charged)
    ("Rape a girl under 13", None, None, ("Section 5", SOA03)),
    ("Rape of a child under 13", "s5", "SOA 2003", ("Section 5", SOA03)),
    ("Sexual assault of a girl under 13 by touching", None, None, ("Section 7", SOA03)),
    ("Cause / incite a girl under 13 to engage in sexual activity - no penetration", None, None, ("Section 8", SOA03)),
    ("Incitement of a child under 13 to engage in sexual activity", None, None, ("Section 8", SOA03)),
    (
        "Sexual activity with a female child under 16 - offender 18 or over - penetration",
        None,
        None,
        ("Section 9", SOA03),
    ),
    ("Cause / incite a female child under 16 to engage in sexual activity", None, None, ("Section 10", SOA03)),
    ("Engage in sexual activity in the presence of a child", None, None, ("Section 11", SOA03)),
    ("Cause a child to watch a sexual act", None, None, ("Section 12", SOA03)),
    ("Arrange / facilitate commission of a child sex offence", None, None, ("Section 14", SOA03)),
    ("Meet a girl under 16 years of age following sexual grooming", None, None, ("Section 15", SOA03)),
    (
        "Attempt to meet a girl under 16 following sexual grooming",
        "s1(1)",
        "Criminal Attempts Act 1981",
        ("Section 15", SOA03),
    ),
    ("Attempted grooming", "s.1", "CAA 1981", ("Section 15", SOA03)),
    ("Sexual activity with a child family member", None, None, ("Section 25", SOA03)),
    ("Sexual assault on a female", None, None, ("Section 3", SOA03)),
    ("Sexual assault - intentionally touch female - no penetration", None, None, ("Section 3", SOA03)),
    ("Assault by penetration", None, None, ("Section 2", SOA03)),
    ("Rape", "s1", "Sexual Offences Act 2003", ("Section 1", SOA03)),
    ("Rape", "Section 1", "SOA 1956", ("Section 1", SOA56)),
    ("Expose genitals with intent to cause alarm / distress", None, None, ("Section 66", SOA03)),
    ("Indecent exposure", None, None, ("Section 66", SOA03)),
    ("Indecent exposure", "s4", "Vagrancy Act 1824", ("Section 4", "Vagrancy Act 1824")),
    ("Voyeurism - record a private act", None, None, ("Section 67", SOA03)),
    ("Observe another person doing a private act for sexual gratification", None, None, ("Section 67", SOA03)),
    ("Indecent assault on a girl under 16", None, None, ("Section 14", SOA56)),
    ("Indecent assault on a male", "s15", "SOA 1956", ("Section 15", SOA56)),
    ("Gross indecency with a child", None, None, ("Section 1", "Indecency with Children Act 1960")),
    ("Pay for the sexual services of a child", None, None, ("Section 47", SOA03)),
    # Abduction (Child Abduction Act 1984 wording)
    (
        "Person connected with child under 16 take / send the child out of the UK without appropriate consent",
        None,
        None,
        ("Section 1", "Child Abduction Act 1984"),
    ),
    (
        "Take a child under 16 without lawful authority so as to remove from person having lawful control",
        None,
        None,
        ("Section 2", "Child Abduction Act 1984"),
    ),
    ("Conspiracy to commit child abduction", "s1", "Criminal Law Act 1977", ("Section 2", "Child Abduction Act 1984")),
    # Drugs: s4 is on the list only for supply to a child (the row says so)
    (
        "Supply a controlled drug of Class A - heroin - contrary to s.4(3) MDA 1971",
        None,
        None,
        ("Section 4", "Misuse of Drugs Act 1971"),
    ),
    # Not on the list: their victims are adults, or the offence post-dates the 2005 list, or it is not violence
    ("Common assault on a police officer", None, None, None),
    ("Assault a constable in the execution of his / her duty", None, None, None),
    ("Assault an emergency worker", None, None, None),
    (
        "Engage in controlling / coercive behaviour in an intimate / family relationship",
        "s76",
        "Serious Crime Act 2015",
        None,
    ),
    ("Intentionally strangle another person", None, None, None),
    ("Harassment - put in fear of violence", None, None, None),
    ("Stalking involving fear of violence", None, None, None),
    ("Breach of non-molestation order", "s42A", "Family Law Act 1996", None),
    ("Sexual communication with a child", None, None, None),
    ("Cause or allow the death of a child", None, None, None),
    ("Theft", None, None, None),
    ("Drink driving", None, None, None),
    ("Criminal damage", None, None, None),
    ("Affray", None, None, None),
    ("Possess offensive weapon in a public place", None, None, None),
    ("Supply a controlled drug of Class A - heroin", None, None, None),
]


@pytest.mark.parametrize(("wording", "section", "act", "expected"), WORDINGS, ids=[w[0][:60] for w in WORDINGS])
def test_a_real_wording_finds_its_row(
    wording: str, section: str | None, act: str | None, expected: tuple[str, str] | None
) -> None:
    match = MATCHER.match(wording, section, act)
    if expected is None:
        assert match is None or match.offence is None, match
        return
    assert match is not None and match.offence is not None, wording
    row_section, act_or_offence = expected
    got = (match.offence.section, match.offence.act if row_section != CL else match.offence.offence)
    assert got == (row_section, act_or_offence), match.detail
    assert match.how and match.detail  # it says how it matched


def test_at_least_sixty_wordings() -> None:
    assert len(WORDINGS) >= 60


def test_section_and_act_beat_the_name_so_the_letter_names_the_right_act() -> None:
    """The wrong-Act case: rape recorded under the 2003 Act must not be reported as the 1956 one."""
    match = MATCHER.match("Rape", "Section 1", "Sexual Offences Act 2003")
    assert match is not None and match.offence is not None
    assert match.offence.act == SOA03 and match.how == "section and Act" and match.certain


@pytest.mark.parametrize(
    ("wording", "section", "act", "kind"),
    [
        ("Attempt to meet a child following sexual grooming", "s1(1)", "Criminal Attempts Act 1981", "attempt"),
        ("Conspire to kidnap", "s.1", "CLA 1977", "conspiracy"),
        ("Encouraging or assisting cruelty to a child", "s44", "Serious Crime Act 2007", "incitement"),
        ("Aid and abet sexual assault of a child under 13", "s.8", "Accessories and Abettors Act 1861", "aiding"),
    ],
)
def test_attempts_conspiracy_incitement_aiding_by_their_own_acts(
    wording: str, section: str, act: str, kind: str
) -> None:
    """App. II notes: "A reference to an offence in this list includes ... an attempt, conspiracy or
    incitement ... aiding, abetting, counselling or procuring"."""
    match = MATCHER.match(wording, section, act)
    assert match is not None and match.offence is not None
    assert match.inchoate is not None and kind in match.inchoate


def test_criminal_law_act_section_54_is_itself_on_the_list() -> None:
    match = MATCHER.match(
        "Inciting girl under 16 to have incestuous sexual intercourse", "s54", "Criminal Law Act 1977"
    )
    assert match is not None and match.offence is not None and match.offence.section == "Section 54"
    assert match.inchoate is None or match.inchoate == "incitement"


def _finding(**kw: object) -> Finding:
    return Finding(id="f1", subject="p2", **kw)  # type: ignore[arg-type]


@pytest.mark.parametrize("disposal", ["conditional_discharge", "absolute_discharge", "caution", "reprimand_warning"])
def test_cautions_and_discharges_count(disposal: str) -> None:
    """App. II notes: "Cautions and discharges for the offences listed above will apply"."""
    a = assess(case(), _finding(kind=disposal, offence="Cruelty to a person under 16"), MATCHER)
    assert a.status == "risk_to_children"


@pytest.mark.parametrize("disposal", ["acquittal", "allegation", "other"])
def test_what_is_not_a_finding_of_guilt_is_harm_information_not_risk_to_children(disposal: str) -> None:
    a = assess(case(), _finding(kind=disposal, offence="Cruelty to a person under 16"), MATCHER)
    assert a.status == "not_counted"


def test_an_assault_on_an_adult_partner_is_domestic_abuse_not_app_ii() -> None:
    """App. II notes: "Unless stated otherwise, the victim of the offences listed above will be under 18"."""
    a = assess(case(), _finding(kind="conviction", offence="Assault by beating", victim_age="adult"), MATCHER)
    assert a.status == "adult_victim" and "domestic abuse" in a.text(case())


def test_victim_age_not_known_asks_and_shows_the_match() -> None:
    a = assess(case(), _finding(kind="conviction", offence="Assault occasioning actual bodily harm"), MATCHER)
    assert a.status == "victim_age"
    assert "Assault occasioning actual bodily harm" in a.text(case()) and "find out the victim's age" in a.text(case())
    child = assess(case(), _finding(kind="conviction", offence="ABH", victim_age="under_18"), MATCHER)
    assert child.status == "risk_to_children"


def test_an_offence_against_a_child_by_its_own_words_needs_no_victim_age() -> None:
    a = assess(case(), _finding(kind="conviction", offence="Rape a girl under 13"), MATCHER)
    assert a.status == "risk_to_children"


def test_a_misspelt_wording_is_uncertain_and_the_officer_confirms_it() -> None:
    c = case()
    f = _finding(kind="conviction", offence="Cruelty to childern")
    a = assess(c, f, MATCHER)
    assert a.status == "to_confirm" and a.match is not None and not a.match.certain
    from dutydesk.domain.case.model import PromptDecision

    c.screening.prompt_decisions.append(PromptDecision(id="pd1", key=a.key, decision="confirmed"))
    assert assess(c, f, MATCHER).status == "risk_to_children"
    c.screening.prompt_decisions.append(
        PromptDecision(id="pd2", key=a.key, decision="dismissed", reason="Typo for theft")
    )
    assert assess(c, f, MATCHER).status == "dismissed"


def test_a_pasted_page_of_wording_is_read_without_blowing_up() -> None:
    """A hostile or pasted offence field (600 KB, 20,000 Act mentions) is still read for its
    provision; only the start of it is scanned for sections and Acts."""
    match = MATCHER.match("cruelty to a child s.1 CYPA 1933 " * 20000)
    assert match is not None and match.offence is not None and match.offence.section == "Section 1"
