"""Confidential addresses and phone numbers never reach the court or a party (¶2.60, ¶3.83), in
any document kind or format, even when the officer typed them into free text."""

from __future__ import annotations

import re

import pytest

from dutydesk.config.policy_files import load_policy
from dutydesk.domain.case.model import Address, Case, Event
from dutydesk.drafting import confidential
from dutydesk.drafting.draft import Format, draft
from dutydesk.drafting.kinds import KINDS
from tests.drafting.helpers import NOW, flat, sample, with_referral
from tests.drafting.output_text import document_text

POLICY = load_policy()
# Sample 07: the father's address and phone are confidential; the court is in Cardiff too.
SECRETS = ("7 Quiet Close", "Quiet Close", "CF24 9ZZ", "CF249ZZ", "07700 900777", "07700900777", "900777")


def confidential_case() -> Case:
    case = with_referral(sample("07"))
    father = case.people[0]
    father.addresses.insert(
        0, Address(line1="Flat 3, Hidden House", town="Penarth", postcode="CF64 1AA", confidential=True, to=None)
    )
    father.addresses[1].to = None
    case.forms.c1.harm_indicated, case.forms.c1a.completed = True, False  # every court letter applies
    # The officer typed the address and number into free text, as happens on the phone.
    case.referrals[0].call_record = "Father now at 7 Quiet Close, cf24 9zz, phone 07700-900-777."
    case.events.append(
        Event(at=NOW, by="J. Officer", kind="note", text="Called him on 07700900777 at Flat 3, Hidden House")
    )
    return case


def leaks(text: str) -> list[str]:
    squashed = re.sub(r"[\s\-]", "", text).lower()
    found = [s for s in (*SECRETS, "Hidden House", "CF64 1AA", "Penarth") if s.lower() in text.lower()]
    found += [s for s in ("cf249zz", "07700900777", "cf641aa") if s in squashed]
    return found


@pytest.mark.parametrize("kind", list(KINDS))
@pytest.mark.parametrize("fmt", ["txt", "docx"])  # PDF: test_confidential_wordings (two parties, 30 forms)
def test_no_court_or_party_document_carries_any_part_of_a_confidential_address(kind: str, fmt: Format) -> None:
    case = confidential_case()
    # The two kinds a case calls for only later: an allocated social worker, a closed case.
    case.referrals[0].social_worker = "Priya Shah, Cardiff Children's Services"
    if kind == "involvement_ended":
        case.case.status = "closed"
    if "s120" in kind:  # said only where a section 120 notification is the pathway (App. III)
        case.screening.harm_classification = "witnessing_past"
    if kind == "court_no_screening":  # said only where work was done without screening (¶2.22)
        case.case.emergency_without_screening = True
    made = draft(case, kind, POLICY, "J. Officer", NOW)
    text = document_text(made.render(fmt), fmt)
    if KINDS[kind].recipient in ("court", "party"):
        assert leaks(text) == [], kind
    elif kind in (
        "referral_letter",
        "s120_notification",
        "service_manager_copy",
        "social_worker_copy",
        "scr_notification",
        "case_record",
    ):
        assert leaks(text), f"{kind} is for {KINDS[kind].recipient}: it should carry the details, marked"


def test_the_local_authority_sees_the_address_marked_not_to_be_disclosed() -> None:
    text = flat(draft(confidential_case(), "referral_letter", POLICY, "J. Officer", NOW).text)
    assert "CF24 9ZZ — CONFIDENTIAL: not to be disclosed to Fatima Rahman" in text
    assert "07700 900777 — CONFIDENTIAL: not to be disclosed to Fatima Rahman" in text


def test_the_court_sees_that_an_address_is_withheld() -> None:
    text = flat(draft(confidential_case(), "case_record", POLICY, "J. Officer", NOW).text)
    assert "(confidential)" in text  # internal: shown, marked
    court = flat(draft(confidential_case(), "consent_to_checks", POLICY, "J. Officer", NOW).text)
    assert "Quiet Close" not in court


def test_the_last_guard_refuses_a_leak_that_got_past_the_context() -> None:
    case = confidential_case()
    with pytest.raises(confidential.ConfidentialityError, match="Mohammed Rahman's confidential postcode"):
        confidential.assert_no_leak("He lives at CF24 9ZZ.", case, "court", "Letter to the court")
    confidential.assert_no_leak("He lives at CF24 9ZZ.", case, "local_authority", "Referral")  # allowed


def test_a_town_the_court_is_named_after_is_not_treated_as_a_leak() -> None:
    secrets = {s.text for s in confidential.secrets(confidential_case())}
    assert "Cardiff" not in secrets  # "Cardiff Civil and Family Justice Centre" is printed anyway
    assert {"7 Quiet Close", "CF24 9ZZ", "07700 900777", "Penarth"} <= secrets
