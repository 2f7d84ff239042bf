"""Issue 18: a confidential address or phone never reaches the court or a party in any wording a
person types — no house number, abbreviated suffixes, a line break in the middle, the postcode in
any spacing, the phone as +44, 0044 or +44 (0) — in any free-text field, any document, txt and
docx; and a local authority's name does not say where a parent fled to."""

from __future__ import annotations

import re
from datetime import date

import pytest

from dutydesk.config.policy_files import load_policy
from dutydesk.domain.case.model import Address, Allegation, Case, Check, Concern, Event, Finding
from dutydesk.drafting import confidential
from dutydesk.drafting.draft import FORMATS, Format, draft
from dutydesk.drafting.kinds import KINDS
from tests.drafting.helpers import NOW, sample, with_referral
from tests.drafting.output_text import document_text, needs_pdf_tools

POLICY = load_policy()

# The father (sample 07): 7 Quiet Close, Cardiff CF24 9ZZ, 07700 900777 — his number marked
# confidential. The mother, moved: Flat 2, 14 Elm Road, Penarth CF64 1AA, +44 7700 900123 — her
# number's confidentiality not said (so it follows her address).
FATHER_FORMS = [
    "7 Quiet Close",
    "7, Quiet Close",
    "Quiet Close",
    "7 Quiet Cl",
    "7 quiet cl.",
    "7 QUIET CLOSE",
    "7 Quiet\nClose",
    "cf24 9zz",
    "CF249ZZ",
    "CF24  9ZZ",
    "CF24\n9ZZ",
    "07700 900777",
    "07700900777",
    "07700-900-777",
    "07700.900.777",
    "+44 7700 900777",
    "+447700900777",
    "0044 7700 900777",
    "+44 (0)7700 900777",
    "(07700) 900777",
    "+44 (0) 7700 900 777",
]
MOTHER_FORMS = [
    "14 Elm Road",
    "14 Elm Rd",
    "Elm Rd",
    "14 elm rd.",
    "Flat 2, 14 Elm Road",
    "14 Elm\nRoad",
    "Penarth",
    "cf64 1aa",
    "CF641AA",
    "+44 7700 900123",
    "07700 900123",
    "07700-900123",
]
assert len(FATHER_FORMS) + len(MOTHER_FORMS) >= 30


def two_confidential_parties() -> Case:
    case = with_referral(sample("07"), la="Cardiff Children's Services")
    mother = case.people[1]
    mother.addresses[0].to = date(2025, 5, 1)
    mother.addresses.append(
        Address(line1="Flat 2, 14 Elm Road", town="Penarth", postcode="CF64 1AA", confidential=True)
    )
    mother.phone = "+44 7700 900123"  # confidentiality not said: as confidential as her address
    case.forms.c1.harm_indicated, case.forms.c1a.completed = True, False  # every court letter applies
    forms = FATHER_FORMS + MOTHER_FORMS
    # Every free-text field an officer types into carries some of them.
    case.referrals[0].call_record = "Call: " + "; ".join(forms[0::5])
    case.events += [Event(at=NOW, by="J. Officer", kind="note", text=f"Spoke to them at {f}.") for f in forms[1::5]]
    case.checks.append(
        Check(id="k9", kind="police", outcome="concern", summary="Police attended " + " and ".join(forms[2::5]))
    )
    case.findings.append(
        Finding(id="f9", kind="caution", offence="Common assault", notes="At " + ", ".join(forms[3::5]))
    )
    case.forms.c1a.allegations.append(
        Allegation(kind="domestic_abuse", description="Outside " + " / ".join(forms[4::5]))
    )
    case.concerns.append(Concern(id="n9", what_was_said="She said she now lives at " + forms[-8]))
    # The fields the safeguarding letter now prints (issue 18): the recommendation and the schedule.
    case.risk.recommendation = "Contact only at a centre well away from " + " or ".join(forms[0::7])
    case.risk.availability = "Any day but the one she moves to " + " or ".join(forms[3::7])
    case.risk.analysis = "Risk at " + ", ".join(forms[5::6])
    case.checks.append(
        Check(id="k10", kind="health", requested_at=NOW, expected_by=date(2025, 6, 27), summary="GP at " + forms[-3])
    )
    # Every court and party letter applies: a past-witnessing notification, work without screening.
    case.screening.harm_classification = "witnessing_past"
    case.case.emergency_without_screening = True
    return case


def leaks(text: str) -> list[str]:
    """Any part of either address or number, however written, in what a reader sees."""
    words = " ".join(text.lower().split())
    found = [w for w in ("quiet close", "quiet cl", "elm road", "elm rd", "penarth") if w in words]
    squashed = re.sub(r"[^a-z0-9]", "", text.lower())
    found += [p for p in ("cf249zz", "cf641aa") if p in squashed]
    digits = re.sub(r"\D", "", text)
    found += [n for n in ("7700900777", "7700900123") if n in digits]
    return found


WITHHOLDING = [k for k, kind in KINDS.items() if kind.recipient in ("court", "party")]


@pytest.mark.parametrize("kind", WITHHOLDING)
@pytest.mark.parametrize("fmt", FORMATS)
def test_no_wording_of_either_address_reaches_the_court_or_a_party(kind: str, fmt: Format) -> None:
    if fmt == "pdf":
        needs_pdf_tools()
    made = draft(two_confidential_parties(), kind, POLICY, "J. Officer", NOW)
    text = document_text(made.render(fmt), fmt)
    assert leaks(text) == [], kind


@pytest.mark.parametrize("written", FATHER_FORMS + MOTHER_FORMS)
def test_the_last_guard_knows_every_form(written: str) -> None:
    case = two_confidential_parties()
    with pytest.raises(confidential.ConfidentialityError):
        confidential.assert_no_leak(f"They are at {written} now.", case, "court", "Letter to the court")


def test_the_scrubber_withholds_every_form_in_free_text() -> None:
    scrub = confidential.scrubber(two_confidential_parties(), "court")
    for written in FATHER_FORMS + MOTHER_FORMS:
        assert leaks(scrub(f"They are at {written} now.")) == [], written


def test_a_local_authority_named_for_the_hidden_town_is_named_neutrally() -> None:
    case = two_confidential_parties()
    case.referrals[0].la = "Penarth Children's Social Care"
    scrub = confidential.scrubber(case, "court")
    assert scrub("Referred to Penarth Children's Social Care today.") == "Referred to the local authority today."
    court = draft(case, "court_referral_made", POLICY, "J. Officer", NOW).text
    assert "Penarth" not in court


def test_what_is_not_secret_is_left_alone() -> None:
    scrub = confidential.scrubber(two_confidential_parties(), "court")
    for text in (
        "The mother used to live at 31 Castle Street, Newport.",  # her old address: not confidential
        "Hearing at Cardiff Civil and Family Justice Centre.",
        "Quiet week; the elm tree on the road; call 0300 456 4000.",
        "Flat 2 was mentioned.",
    ):
        assert scrub(text) == text


def test_children_social_care_sees_every_detail_marked_in_free_text_too() -> None:
    """Issue 18: the LA needs the details, and must see which it may not pass on — a confidential
    detail typed into a call record is marked where it stands, not only in the address block."""
    case = two_confidential_parties()
    case.referrals[0].call_record = "Father now at 7 Quiet Cl; mother on +44 (0)7700 900123."
    text = " ".join(draft(case, "referral_letter", POLICY, "J. Officer", NOW).text.split())
    assert "7 Quiet Cl [CONFIDENTIAL: not to be disclosed to Fatima Rahman]" in text
    assert "+44 (0)7700 900123 [CONFIDENTIAL: not to be disclosed to Mohammed Rahman]" in text
    # The address block is marked once, not twice over.
    assert "7 Quiet Close [CONFIDENTIAL" not in text
