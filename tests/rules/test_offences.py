"""Appendix II: the whole offence table, searchable, and findings that match it."""

from __future__ import annotations

import pytest

from dutydesk.config.policy_files import load_policy
from tests.framework_tables import appendix_ii_rows
from tests.rules.builders import case, run

OFFENCES = load_policy().offences
MATCHER = load_policy().offence_matcher


def test_offences_csv_has_every_row_of_the_frameworks_table() -> None:
    framework = appendix_ii_rows()
    ours = {(o.offence, o.section, o.act) for o in OFFENCES}
    assert len(framework) == 118
    assert [r for r in framework if r not in ours] == []
    assert len(OFFENCES) == len(framework)


SPOT = [
    ("Murder", None, None, "Murder"),
    ("Threats to kill", "s.16", "Offences Against the Person Act 1861", "Threats to kill"),
    ("ABH", "Section 47", "Offences Against the Person Act 1861", "Assault occasioning actual bodily harm"),
    ("Drunk in charge of a child", "s 2", "Licensing Act 1902", "Drunk in charge of a child under 7 years"),
    ("Cruelty", "S1", "Children and Young Persons Act 1933", "Cruelty to children"),
    ("Infanticide", "section 1", "Infanticide Act 1938", "Infanticide"),
    ("Indecency with children", "s1", "Indecency with Children Act 1960", "Indecent conduct towards young child"),
    ("Supply class A to a child", "s.4", "Misuse of Drugs Act 1971", "Supplying or offering to supply"),
    ("Indecent photographs of children", None, None, "Indecent photographs of children"),
    ("Child abduction by parent", "s1", "Child Abduction Act 1984", "Offence of abduction of a child by parent"),
    (
        "Possession of indecent photographs of children",
        "s160",
        "Criminal Justice Act 1988",
        "Possession of indecent photographs",
    ),
    ("Abuse of trust", "s3", "Sexual Offences (Amendment) Act 2000", "Abuse of Trust"),
    ("Sexual assault of a child under 13", "s7", "Sexual Offences Act 2003", "Sexual assault of a child under 13"),
    ("Meeting a child following sexual grooming etc.", None, None, "Meeting a child following sexual grooming"),
    ("Rape", "s1", "Sexual Offences Act 1956", "Rape"),
    ("Mental Health Act offence", "s128", "Mental Health Act 1959", "Sexual intercourse with patients"),
]


@pytest.mark.parametrize(("offence", "section", "act", "expected"), SPOT, ids=[s[0] for s in SPOT])
def test_spot_checks_across_the_acts(offence: str, section: str | None, act: str | None, expected: str) -> None:
    matched = MATCHER.match(offence, section, act)
    assert matched is not None and matched.offence is not None and matched.offence.offence.startswith(expected)


@pytest.mark.parametrize("prefix", ["Attempted", "Conspiracy to commit", "Incitement to commit", "Aiding and abetting"])
def test_attempts_conspiracy_incitement_and_aiding_are_included(prefix: str) -> None:
    matched = MATCHER.match(f"{prefix} rape of a child under 13")
    assert matched is not None and matched.offence is not None and matched.offence.section == "Section 5"
    assert matched.inchoate is not None


@pytest.mark.parametrize("offence", ["Theft", "Drink driving", "Criminal damage", "Common assault on a police officer"])
def test_offences_not_on_the_list_do_not_match(offence: str) -> None:
    matched = MATCHER.match(offence)
    assert matched is None or matched.offence is None


def test_risk_to_children_names_the_offence_and_requires_the_procedure() -> None:
    c = case(
        findings=[
            {
                "id": "f1",
                "subject": "p2",
                "kind": "caution",
                "offence": "Attempted cruelty to children",
                "section": "s.1",
                "act": "Children and Young Persons Act 1933",
            }
        ]
    )
    s = run(c)
    (risk,) = s.risk_to_children
    text = risk.text(c)
    assert text.startswith(
        "Risk to Children: Bob Able — caution for Cruelty to children (Section 1, Children and Young Persons Act 1933)"
    )
    assert "attempt" in text and "Child Welfare (Protection) procedure must be followed" in text
    assert s.police_check.status == "required"
    # ¶2.81: "must first discuss this with their Service Manager" — then the App. II procedure.
    assert [o.ref for o in s.outstanding[:2]] == ["¶2.30, ¶2.81-2.82", "App. II"]


def test_an_allegation_is_not_a_conviction() -> None:
    c = case(findings=[{"id": "f1", "subject": "p2", "kind": "allegation", "offence": "Cruelty to children"}])
    assert run(c).risk_to_children == ()


def test_search_by_words() -> None:
    assert [o.offence for o in MATCHER.search("grooming")] == ["Meeting a child following sexual grooming etc."]
    assert len(MATCHER.search("sexual offences act 2003", limit=200)) > 40
    assert MATCHER.search("abduction child")[0].act in ("Sexual Offences Act 1956", "Child Abduction Act 1984")
