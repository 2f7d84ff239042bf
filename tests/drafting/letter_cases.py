"""Twenty-eight case files for the letter suite, each a realistic case varied in one way a real
case varies: whose C1A holds the allegations, who alleges what against whom, a concern record,
a referral on a parent's report, an offence matched by Act and section, a referral to an agency
that is not children's social care, a confidential county, a school that shares a word with a
confidential street. Built as dutydesk-case/1 documents and read through the case-file parser,
as an import would."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from dutydesk.domain.case.casefile import parse_case
from dutydesk.domain.case.model import Case

Doc = dict[str, Any]

# The walkthrough's case: the father applies; the mother's C7 ticks harm and her C1A alleges he
# hit the 11-year-old with a belt, and financial control; a police caution for assault by beating
# of a 15-year-old; an s47 referral phoned at 16:40 on a Thursday and faxed the next morning.
BASE: Doc = {
    "format": "dutydesk-case/1",
    "case": {
        "reference": "DD-2025-000900",
        "law": "private",
        "court": "Leeds Combined Court Centre",
        "court_case_number": "LS25P00900",
        "applications": ["child_arrangements"],
        "received_at": "2025-06-02T09:10:00+01:00",
        "first_hearing_at": "2025-07-01T10:00:00+01:00",
        "status": "open",
    },
    "people": [
        {
            "id": "p1",
            "role": "applicant",
            "given_names": "Daniel James",
            "family_name": "Whitmore",
            "date_of_birth": "1984-02-14",
            "relationship_to_children": "father",
            "addresses": [{"line1": "22 Kirkstall Lane", "town": "Leeds", "postcode": "LS5 3BT"}],
            "phone": "07700 900456",
        },
        {
            "id": "p2",
            "role": "respondent",
            "given_names": "Sarah",
            "family_name": "Whitmore",
            "date_of_birth": "1986-07-01",
            "relationship_to_children": "mother",
            "addresses": [{"line1": "9 Otley Road", "town": "Leeds", "postcode": "LS6 2AA"}],
            "phone": "07700 900123",
        },
        {
            "id": "c1",
            "role": "child",
            "given_names": "Oscar",
            "family_name": "Whitmore",
            "date_of_birth": "2014-03-03",
            "lives_with": ["p2"],
            "school": "Headingley Primary School",
        },
        {
            "id": "c2",
            "role": "child",
            "given_names": "Lily Grace",
            "family_name": "Whitmore",
            "date_of_birth": "2010-05-20",
            "lives_with": ["p2"],
        },
    ],
    "forms": {
        "c1": {"received_on": "2025-06-02", "harm_indicated": False},
        "c7": {"received_on": "2025-06-05", "harm_indicated": True},
        "c1a": {"completed": None},
        "respondent_c1a": {
            "completed": True,
            "received_on": "2025-06-05",
            "allegations": [
                {
                    "by": "p2",
                    "against": "p1",
                    "kind": "child_abuse",
                    "types": ["physical"],
                    "children_at_risk": ["c2"],
                    "ongoing": False,
                    "police_involved": False,
                    "description": "He hit Lily with a belt when she was 11 after she came home late.",
                },
                {
                    "by": "p2",
                    "against": "p1",
                    "kind": "domestic_abuse",
                    "types": ["financial", "emotional"],
                    "children_at_risk": ["c1", "c2"],
                    "witnessed_by_children": True,
                    "ongoing": False,
                    "description": "He controlled all the money and checked my phone.",
                },
            ],
        },
    },
    "checks": [
        {
            "id": "k1",
            "kind": "police",
            "subject": "p1",
            "requested_at": "2025-06-03T10:00:00+01:00",
            "received_at": "2025-06-05T15:00:00+01:00",
            "outcome": "concern",
            "summary": "Caution 2019 for assault by beating of a 15-year-old.",
            "consent": "not_required",
        },
        {
            "id": "k2",
            "kind": "la_knowledge",
            "subject": "c1",
            "requested_at": "2025-06-03T10:00:00+01:00",
            "received_at": "2025-06-04T11:00:00+01:00",
            "outcome": "no_concern",
            "consent": "not_required",
        },
    ],
    "findings": [
        {
            "id": "f1",
            "subject": "p1",
            "source": "police",
            "kind": "caution",
            "offence": "Assault by beating",
            "section": "s.39",
            "act": "Criminal Justice Act 1988",
            "date": "2019-05",
            "victim_age": "under_18",
        }
    ],
    "risk": {
        "overall": "high",
        "analysis": "The mother's account is specific; the caution corroborates it.",
        "recommendation": "That the court makes no order for unsupervised contact before a section 7 report.",
        "availability": "Available 1, 2 and 3 July 2025.",
    },
    "referrals": [
        {
            "id": "r1",
            "kind": "s47_protection",
            "la": "Leeds Children's Social Care",
            "children": ["c1", "c2"],
            "phoned_at": "2025-06-12T16:40:00+01:00",
            "spoke_to": "Duty social worker Amy Clarke",
            "call_record": "Told the duty social worker of the mother's account of the belt and of his caution.",
            "fax_sent_at": "2025-06-13T09:05:00+01:00",
            "child_informed": "not_yet",
            "child_not_informed_reason": "Lily to be told by the social worker at the visit.",
            "parents_informed": "yes",
            "parents_agreed": False,
        }
    ],
}


def _people(doc: Doc) -> dict[str, Doc]:
    return {p["id"]: p for p in doc["people"]}


def base(doc: Doc) -> None:
    """The walkthrough as it is."""


def applicant_only_c1a(doc: Doc) -> None:
    """The father alleges: his C1A (with the C1) holds the allegation; the mother's holds none."""
    doc["forms"]["c1"]["harm_indicated"] = True
    doc["forms"]["c7"]["harm_indicated"] = False
    doc["forms"]["c1a"] = {
        "completed": True,
        "allegations": [
            {
                "by": "p1",
                "against": "p2",
                "kind": "domestic_abuse",
                "types": ["emotional"],
                "children_at_risk": ["c1"],
                "witnessed_by_children": True,
                "ongoing": True,
                "description": "She shouts at me in front of Oscar at every handover.",
            }
        ],
    }
    doc["forms"]["respondent_c1a"] = {"completed": None}


def both_c1as(doc: Doc) -> None:
    """Each parent alleges against the other."""
    applicant_only_c1a(doc)
    doc["forms"]["c7"]["harm_indicated"] = True
    doc["forms"]["respondent_c1a"] = copy.deepcopy(BASE["forms"]["respondent_c1a"])


def none_needed(doc: Doc) -> None:
    """Both harm boxes answered no: no C1A is needed, nothing found, no referral."""
    doc["forms"] = {"c1": {"harm_indicated": False}, "c7": {"harm_indicated": False}}
    doc["findings"] = []
    doc["checks"][0].update(outcome="no_concern", summary=None)
    doc["referrals"] = []
    doc["risk"] = {"overall": "low", "recommendation": "That the court makes the order agreed between the parents."}


def c1a_not_completed(doc: Doc) -> None:
    """Harm ticked on the C7 and the mother's C1A not completed as required."""
    doc["forms"]["respondent_c1a"] = {"completed": False}
    doc["findings"] = []
    doc["checks"][0].update(outcome="no_concern", summary=None)
    doc["referrals"] = []
    doc["risk"]["overall"] = "medium"


def concern_record(doc: Doc) -> None:
    """Lily told the officer herself; the record of what was said reaches the letters."""
    doc["concerns"] = [
        {
            "id": "x1",
            "identified_at": "2025-06-12T15:30:00+01:00",
            "source": "child",
            "told_by": "c2",
            "children": ["c2"],
            "what_was_said": "Dad hit me with his belt on my legs last summer.",
            "what_was_seen": "no marks seen",
            "types": ["physical"],
            "recorded_by": "J. Officer",
            "recorded_at": "2025-06-12T16:00:00+01:00",
        }
    ]


def parent_report_only(doc: Doc) -> None:
    """No C1A at all: the referral rests on what the mother told the officer by phone."""
    doc["forms"]["c7"]["harm_indicated"] = False
    doc["forms"]["respondent_c1a"] = {"completed": None}
    doc["findings"] = []
    doc["checks"][0].update(outcome="no_concern", summary=None)
    doc["concerns"] = [
        {
            "id": "x1",
            "identified_at": "2025-06-12T14:00:00+01:00",
            "source": "parent",
            "told_by": "p2",
            "children": ["c1"],
            "what_was_said": "Oscar came back from his dad's with a bruise on his cheek and said he was slapped.",
            "types": ["physical"],
        }
    ]


def allocated_social_worker(doc: Doc) -> None:
    """The family already has an allocated social worker (a copy of the written information goes to them)."""
    doc["referrals"][0]["social_worker"] = "Priya Shah, Leeds Children's Social Care, West Team"


def offence_by_act_and_section(doc: Doc) -> None:
    """The police printout gives the offence in its own words with its Act and section."""
    doc["findings"] = [
        {
            "id": "f1",
            "subject": "p1",
            "source": "police",
            "kind": "conviction",
            "offence": "Cruelty to a person under 16",
            "section": "s.1",
            "act": "CYPA 1933",
            "date": "2008-10-14",
        }
    ]


def name_only_offence(doc: Doc) -> None:
    """A historic conviction recorded by name alone, matched with certainty: its Act and section are known."""
    doc["findings"].append(
        {
            "id": "f2",
            "subject": "p1",
            "source": "police",
            "kind": "conviction",
            "offence": "Gross indecency with a child",
            "date": "1999",
        }
    )


def mother_against_father_s120(doc: Doc) -> None:
    """Past domestic abuse by the father, alleged by the mother, seen by the children: a section 120 notification."""
    doc["forms"]["respondent_c1a"]["allegations"] = [copy.deepcopy(BASE["forms"]["respondent_c1a"]["allegations"][1])]
    doc["findings"] = []
    doc["checks"][0].update(outcome="no_concern", summary=None)
    doc["risk"]["overall"] = "medium"
    doc["referrals"] = [
        {
            "id": "r1",
            "kind": "s120_notification",
            "la": "Leeds Children's Social Care",
            "children": ["c1", "c2"],
            "post_sent_at": "2025-06-13T12:00:00+01:00",
        }
    ]


def father_against_mother_s120(doc: Doc) -> None:
    """The reverse: the father alleges past domestic abuse by the mother."""
    mother_against_father_s120(doc)
    allegation = doc["forms"]["respondent_c1a"]["allegations"][0]
    allegation.update(by="p1", against="p2")
    doc["forms"]["c1"]["harm_indicated"] = True
    doc["forms"]["c7"]["harm_indicated"] = False
    doc["forms"]["c1a"] = {"completed": True, "allegations": [allegation]}
    doc["forms"]["respondent_c1a"] = {"completed": None}


def other_agency(doc: Doc) -> None:
    """A referral to a young carers' service to promote Lily's welfare: not children's social care."""
    doc["referrals"] = [
        {
            "id": "r1",
            "kind": "promoting_welfare",
            "la": "Leeds Young Carers Service",
            "children": ["c2"],
            "phoned_at": "2025-06-12T11:00:00+01:00",
            "spoke_to": "Referrals coordinator",
            "call_record": "Lily cares for her mother most evenings; the service will contact the family.",
        }
    ]


def confidential_county(doc: Doc) -> None:
    """The mother fled to North Yorkshire: the county's children's services name where she is."""
    people = _people(doc)
    people["p2"]["addresses"] = [
        {
            "line1": "14 Acacia Avenue",
            "line2": "North Yorkshire",
            "town": "Harrogate",
            "postcode": "HG1 4QP",
            "confidential": True,
        }
    ]
    doc["referrals"][0]["la"] = "North Yorkshire Children's Social Care"


def school_shares_street_word(doc: Doc) -> None:
    """The mother's confidential street shares a word with Oscar's school."""
    people = _people(doc)
    people["p2"]["addresses"] = [
        {"line1": "3 Clifton Road", "town": "Harrogate", "postcode": "HG2 0AB", "confidential": True}
    ]
    people["c1"]["school"] = "Clifton Meadows Academy"


def drink_driving(doc: Doc) -> None:
    """A drink-driving conviction is information, not a risk of significant harm."""
    doc["findings"].append(
        {
            "id": "f2",
            "subject": "p1",
            "source": "police",
            "kind": "conviction",
            "offence": "Driving a motor vehicle with excess alcohol",
            "section": "s.5",
            "act": "Road Traffic Act 1988",
            "date": "2016",
        }
    )


def victim_age_unknown(doc: Doc) -> None:
    """A listed offence whose victim's age the printout does not give."""
    doc["findings"][0]["victim_age"] = "not_known"


def s17_referral(doc: Doc) -> None:
    """A referral for an assessment of need, with consent."""
    doc["referrals"][0].update(kind="s17_needs", parents_agreed=True)
    doc["referrals"][0]["consent"] = {"child": "given", "parents": "given", "court": "given"}
    doc["risk"]["overall"] = "medium"


def not_yet_confirmed(doc: Doc) -> None:
    """Phoned, not yet faxed or posted: no letter may say it was confirmed in writing."""
    doc["referrals"][0].pop("fax_sent_at")


def child_own_address(doc: Doc) -> None:
    """Lily lives with her grandmother at an address recorded on Lily herself."""
    people = _people(doc)
    people["c2"]["lives_with"] = []
    people["c2"]["addresses"] = [{"line1": "5 Moor Lane", "town": "Wetherby", "postcode": "LS22 4AA"}]


def order_only(doc: Doc) -> None:
    """The mother's C1A holds a current non-molestation order and no allegation."""
    doc["forms"]["respondent_c1a"]["allegations"] = []
    doc["forms"]["respondent_c1a"]["protective_orders"] = [
        {
            "kind": "non_molestation",
            "current": True,
            "issued_on": "2025-03-01",
            "ends_on": "2026-03-01",
            "court": "Leeds",
        }
    ]


def allegation_without_by(doc: Doc) -> None:
    """A C1A allegation with no 'by': the form's own party alleges it."""
    for a in doc["forms"]["respondent_c1a"]["allegations"]:
        a.pop("by")


def conditional_discharge(doc: Doc) -> None:
    """A conditional discharge counts as a conviction does for the App. II list."""
    doc["findings"][0].update(
        kind="conditional_discharge",
        offence="Cruelty to children",
        section="s.1",
        act="Children and Young Persons Act 1933",
    )


def acquittal(doc: Doc) -> None:
    """An acquittal is information about harm, not Risk to Children."""
    doc["findings"][0]["kind"] = "acquittal"


def imminent_with_factors(doc: Doc) -> None:
    """Imminent risk with factors rated by the officer."""
    doc["risk"]["overall"] = "imminent"
    doc["risk"]["factors"] = [
        {"factor": "domestic_violence", "level": "high"},
        {"factor": "substance_misuse", "level": "medium"},
    ]


def three_children_two_homes(doc: Doc) -> None:
    """A third child lives with the father."""
    doc["people"].append(
        {
            "id": "c3",
            "role": "child",
            "given_names": "Mia",
            "family_name": "Whitmore",
            "date_of_birth": "2019-09-09",
            "lives_with": ["p1"],
        }
    )
    doc["referrals"][0]["children"] = ["c1", "c2", "c3"]


def confidential_phone_in_notes(doc: Doc) -> None:
    """The mother's confidential address, typed into the officer's notes as people type it."""
    people = _people(doc)
    people["p2"]["addresses"] = [
        {"line1": "14 Acacia Avenue", "town": "Harrogate", "postcode": "HG1 4QP", "confidential": True}
    ]
    doc["risk"]["analysis"] = "Mother now at 14 Acacia Ave, Harrogate HG1 4QP, mobile 07700 900123."
    doc["referrals"][0]["call_record"] = "Told the duty social worker she has moved to Acacia Avenue."


def two_referrals(doc: Doc) -> None:
    """An s47 referral for Lily and an s120 notification for Oscar."""
    doc["referrals"][0]["children"] = ["c2"]
    doc["referrals"].append(
        {
            "id": "r2",
            "kind": "s120_notification",
            "la": "Leeds Children's Social Care",
            "children": ["c1"],
            "post_sent_at": "2025-06-13T12:00:00+01:00",
        }
    )


VARIANTS: dict[str, Callable[[Doc], None]] = {
    f.__name__: f
    for f in (
        base,
        applicant_only_c1a,
        both_c1as,
        none_needed,
        c1a_not_completed,
        concern_record,
        parent_report_only,
        allocated_social_worker,
        offence_by_act_and_section,
        name_only_offence,
        mother_against_father_s120,
        father_against_mother_s120,
        other_agency,
        confidential_county,
        school_shares_street_word,
        drink_driving,
        victim_age_unknown,
        s17_referral,
        not_yet_confirmed,
        child_own_address,
        order_only,
        allegation_without_by,
        conditional_discharge,
        acquittal,
        imminent_with_factors,
        three_children_two_homes,
        confidential_phone_in_notes,
        two_referrals,
    )
}


def document(name: str) -> Doc:
    doc = copy.deepcopy(BASE)
    VARIANTS[name](doc)
    return doc


def case(name: str) -> Case:
    return parse_case(document(name))
