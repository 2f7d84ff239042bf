"""Issue 18: letters to the court, children's social care and the parties speak statute and court
procedure — never Cafcass's internal paragraph numbers or the guidance written for the officer.
The framework's numbers stay in Cafcass's own records (the case record, the Service Manager's
record, the serious case review notification)."""

from __future__ import annotations

import re

import pytest

from dutydesk.config.policy_files import load_policy
from dutydesk.domain.case.model import Case
from dutydesk.drafting.draft import draft
from dutydesk.drafting.kinds import KINDS
from dutydesk.errors import DutydeskError
from tests.drafting.helpers import NOW, letter_samples, sample, with_referral

POLICY = load_policy()
EXTERNAL = [k for k, kind in KINDS.items() if kind.recipient in ("court", "party", "local_authority")]
INTERNAL_WORDS = re.compile(
    r"¶|\bAppendix\b|\bApp\. [IVX]+\b|\bframework\b|\bSay it is not known\b|\bmust not delay\b|\bseed \d",
    re.IGNORECASE,
)


def cases() -> list[tuple[str, Case]]:
    return letter_samples()


@pytest.mark.parametrize("kind", EXTERNAL)
def test_an_external_letter_carries_no_internal_reference_or_officer_guidance(kind: str) -> None:
    drafted = 0
    for name, case in cases():
        try:
            made = draft(case, kind, POLICY, "J. Officer", NOW)
        except DutydeskError:
            continue  # a letter this case does not call for is refused, with the reason
        drafted += 1
        found = INTERNAL_WORDS.findall(made.text)
        assert found == [], (kind, name, found)
    assert drafted, f"{kind} was drafted for none of the samples"


def test_the_words_agree_with_the_number_of_children_and_claim_only_what_is_recorded() -> None:
    two = with_referral(sample("02"))  # Tobi and Ada
    assert len(two.referrals[-1].children) == 2
    letter = " ".join(draft(two, "referral_letter", POLICY, "J. Officer", NOW).text.split())
    assert "the children may be suffering, or are likely to suffer," in letter and "the child may" not in letter
    court = " ".join(draft(two, "court_referral_made", POLICY, "J. Officer", NOW).text.split())
    assert "confirmed in writing on" not in court  # no fax or post recorded yet
    assert "is being confirmed in writing" in court
    two.referrals[-1].fax_sent_at = NOW
    court = " ".join(draft(two, "court_referral_made", POLICY, "J. Officer", NOW).text.split())
    assert "The referral was confirmed in writing on 16 June 2025." in court


PROMISES = {
    # what a letter says is enclosed → what must then be in it
    "Attached is a schedule of availability": "Schedule of availability for the Children and Family Reporter",
    "follows in CAF format": "Referral information (CAF format)",
}
AGREEMENT = re.compile(r"\bthe children (is|was|has)\b|\bthe child (are|were|have)\b|\bchildren is\b", re.IGNORECASE)


@pytest.mark.parametrize("kind", EXTERNAL)
def test_an_external_letter_promises_only_what_it_holds_and_agrees_with_its_children(kind: str) -> None:
    for name, case in cases():
        try:
            made = draft(case, kind, POLICY, "J. Officer", NOW)
        except DutydeskError:
            continue
        text = " ".join(made.text.split())
        for promise, held in PROMISES.items():
            if promise in text:
                assert held in text, (kind, name, promise)
        assert not AGREEMENT.search(text), (kind, name, AGREEMENT.search(text))
        assert "not yet requested" not in text.split("Still awaited")[0] or kind != "safeguarding_letter"
