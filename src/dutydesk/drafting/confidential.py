"""The one place that decides what a document may say about where people live (¶2.60, ¶3.83).

Every address and phone number a template can print comes from `address_for` / `phone_for`,
which withhold confidential ones from the court and the parties, and mark them for children's
social care. Free text the officer wrote (call records, notes, allegations) is scrubbed of any
confidential detail for the court and the parties too. Last, `assert_no_leak` reads the
finished document and refuses it if any part of a confidential address or number is in it,
so a template that found another way to print one still cannot send it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from dutydesk.domain.model import Address, Case, Person
from dutydesk.drafting.address_forms import line_patterns, phone_pattern, postcode_pattern
from dutydesk.drafting.kinds import Recipient
from dutydesk.errors import DutydeskError

WITHHELD_ADDRESS = "address withheld (confidential)"
WITHHELD_PHONE = "phone number withheld (confidential)"
# Shorter fragments than this are not searched for (e.g. a flat number "2").
MIN_FRAGMENT = 3


class ConfidentialityError(DutydeskError):
    """A document for the court or a party would have carried a confidential detail."""


def withholds(recipient: Recipient) -> bool:
    return recipient in ("court", "party")


@dataclass(frozen=True)
class Secret:
    """One confidential detail and whose it is."""

    text: str
    what: str
    owner: str


def secrets(case: Case) -> list[Secret]:
    """Every confidential address part and phone number in the case, and any local authority
    whose name would say where a confidential address is."""
    found: list[Secret] = []
    # Places printed anyway (the court, addresses nobody keeps secret): a town named there is
    # not this address.
    public = " | ".join(
        filter(
            None,
            (case.case.court, *(a.one_line() for p in case.people for a in p.addresses if not a.confidential)),
        )
    ).lower()
    hidden_towns: dict[str, str] = {}
    for person in case.people:
        for address in person.addresses:
            if not address.confidential:
                continue
            for what, part, locality in (
                ("address", address.line1, False),
                ("address", address.line2, True),
                ("postcode", address.postcode, False),
                ("town", address.town, True),
            ):
                if not part or len(part.strip()) < MIN_FRAGMENT:
                    continue
                # A district or town printed anyway ("Leeds Family Court", the other parent's
                # address) is not searched for; it is still never printed as this address.
                if locality and part.strip().lower() in public:
                    continue
                found.append(Secret(part.strip(), what, person.full_name))
                if what == "town":
                    hidden_towns[part.strip().lower()] = person.full_name
        if person.phone and person.phone_is_confidential:
            found.append(Secret(person.phone.strip(), "phone", person.full_name))
    # "Referred to Penarth Children's Social Care" says where a parent fled to (issue 18).
    for la in {r.la.strip() for r in case.referrals if r.la and r.la.strip()}:
        owner = next((o for town, o in hidden_towns.items() if re.search(rf"\b{re.escape(town)}\b", la.lower())), None)
        if owner:
            found.append(Secret(la, "area", owner))
    return found


def _pattern(secret: Secret) -> re.Pattern[str]:
    """The secret in every form a person writes it (drafting/address_forms.py)."""
    if secret.what == "phone":
        source = phone_pattern(secret.text)
    elif secret.what == "postcode":
        source = postcode_pattern(secret.text)
    elif secret.what == "area":
        source = r"\b" + r"\s+".join(re.escape(w) for w in secret.text.split()) + r"(?!\w)"
    else:
        source = "|".join(f"(?:{p})" for p in line_patterns(secret.text)) or None
    return re.compile(source or r"(?!x)x", re.IGNORECASE)  # nothing searchable: matches nothing


REPLACEMENT = {"phone": f"[{WITHHELD_PHONE}]", "area": "the local authority"}


def scrubber(case: Case, recipient: Recipient) -> Callable[[str], str]:
    """Withholds confidential details from free text, for the court and the parties; the
    case's secrets are found once, not again for every string of a document."""
    if not withholds(recipient):
        return lambda text: text
    # The local authority's name first: its town is then gone with it, not withheld inside it.
    found = sorted(secrets(case), key=lambda s: s.what != "area")
    rules = [(_pattern(s), REPLACEMENT.get(s.what, f"[{WITHHELD_ADDRESS}]")) for s in found]

    def scrub(text: str) -> str:
        for pattern, replacement in rules:
            text = pattern.sub(replacement, text)
        return text

    return scrub


MARK = "CONFIDENTIAL: not to be disclosed to"


def marker(case: Case) -> Callable[[str], str]:
    """For children's social care: every confidential detail in free text is marked where it
    stands, with whom it must not reach (issue 18). A structured address already carrying the
    mark is left as it is."""
    owners = {p.full_name: p for p in case.people}
    rules = [
        (
            _pattern(s),
            f" [{MARK} {other_parties(case, owners[s.owner])}]" if s.owner in owners else f" [{MARK} the other party]",
        )
        for s in secrets(case)
        if s.what != "area"
    ]

    def mark(text: str) -> str:
        if MARK in text:
            return text
        for pattern, note in rules:
            text = pattern.sub(r"\g<0>" + note.replace("\\", "\\\\"), text)
        return text

    return mark


def other_parties(case: Case, person: Person) -> str:
    """Who must not learn a confidential address: every adult party but its owner."""
    names = [p.full_name for p in case.with_role("applicant", "respondent") if p.id != person.id]
    return " or ".join(names) if names else "the other party"


def address_for(case: Case, person: Person, address: Address | None, recipient: Recipient) -> str:
    if address is None or not address.one_line():
        return "not known"
    if not address.confidential:
        return address.one_line()
    if withholds(recipient):
        return WITHHELD_ADDRESS
    if recipient == "local_authority":
        return f"{address.one_line()} — {MARK} {other_parties(case, person)}"
    return f"{address.one_line()} (confidential)"


def phone_for(case: Case, person: Person, recipient: Recipient) -> str:
    if not person.phone:
        return "not known"
    if not person.phone_is_confidential:
        return person.phone
    if withholds(recipient):
        return WITHHELD_PHONE
    if recipient == "local_authority":
        return f"{person.phone} — {MARK} {other_parties(case, person)}"
    return f"{person.phone} (confidential)"


def assert_no_leak(text: str, case: Case, recipient: Recipient, title: str) -> None:
    """Refuse a finished court or party document that still holds a confidential detail."""
    if not withholds(recipient):
        return
    for secret in secrets(case):
        if _pattern(secret).search(text):
            raise ConfidentialityError(
                f"{title} is for the {recipient.replace('_', ' ')} and would contain part of "
                f"{secret.owner}'s confidential {secret.what}; it was not written (¶3.83)"
            )
