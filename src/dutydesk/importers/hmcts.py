"""HMCTS's Cafcass case feed (the `GET /cases/searchCases` response, `CafCassResponse`) into
dutydesk cases. Pure: the feed in, case files and a record of where each value came from out.

Every imported value remembers its source (`provenance.hmcts`: feed, case id, time and the
value as imported, by path), so a later feed updates what HMCTS sent and never what the
officer recorded since.

A confidentiality flag (`isAddressConfidential`, `isPhoneNumberConfidential`) is read as HMCTS
writes it, "Yes" or "No". Any other value where the key is present ("yes", "Y", "", "unknown",
null) cannot be taken as a No: the detail is treated as confidential (¶2.60, ¶3.83) and the
import says so, naming the case and the party, in its warnings and in the case's chronology.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from dutydesk.domain.case.codec import decode, encode
from dutydesk.domain.case.model import Person
from dutydesk.errors import BadInput

ORDERS = {
    "childArrangementsOrder": "child_arrangements",
    "prohibitedStepsOrder": "prohibited_steps",
    "specificIssueOrder": "specific_issue",
}
FIRST_HEARING_TYPES = ("ABA5-FHD", "ABA5-FHR")  # FHDRA first, else a first hearing
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class Signal:
    """Something in the feed the screening rules must surface (each cites its source field)."""

    kind: str
    text: str
    source: str


@dataclass
class Imported:
    hmcts_case_id: str
    values: dict[str, Any]  # path -> value, as the feed gives it (dutydesk-case/1 JSON values)
    people: list[dict[str, Any]]
    signals: list[Signal]
    # One line each, for whoever runs the import: a flag that could not be read as Yes or No.
    warnings: list[str] = field(default_factory=list)


def _yes(value: Any) -> bool | None:
    """'Yes'/'yes' → True, 'No'/'no' → False, 'dontKnow'/missing → None."""
    if isinstance(value, str):
        low = value.strip().lower()
        if low == "yes":
            return True
        if low == "no":
            return False
    return None


CONFIDENTIALITY_FLAGS = {"isAddressConfidential": "address", "isPhoneNumberConfidential": "phone number"}
ROLE_WORDS = {
    "applicant": "applicant",
    "respondent": "respondent",
    "other_relevant_adult": "other person",
    "child": "child",
}


@dataclass(frozen=True)
class Unclear:
    """A confidentiality flag present with a value that is neither "Yes" nor "No"."""

    flag: str
    value: Any


def _confidential(v: dict[str, Any], flag: str, unclear: list[Unclear]) -> bool | None:
    """The flag: "Yes" → True, "No" → False, the key absent → None (not said). Any other value with the
    key present is not a No: True, and noted in `unclear`."""
    if flag not in v:
        return None
    value = v[flag]
    if value == "Yes":
        return True
    if value == "No":
        return False
    unclear.append(Unclear(flag, value))
    return True


def _shown(value: Any) -> str:
    if value is None:
        return "null"
    text = repr(value) if isinstance(value, str) else type(value).__name__
    return text if len(text) <= 30 else text[:27] + "..."


def _text(value: Any) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def _obj(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _values(items: Any) -> list[tuple[str, dict[str, Any]]]:
    """HMCTS collections are [{id, value: {...}}]; anything else is skipped."""
    out: list[tuple[str, dict[str, Any]]] = []
    for item in _list(items):
        item = _obj(item)
        value = _obj(item.get("value"))
        if value:
            out.append((str(item.get("id") or len(out)), value))
    return out


def _date(value: Any) -> str | None:
    if isinstance(value, str) and _ISO_DATE.match(value.strip()):
        try:
            return date.fromisoformat(value.strip()).isoformat()
        except ValueError:
            return None
    return None


def _instant(value: Any) -> str | None:
    """CCD times are UTC without an offset."""
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        parsed = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    return (parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)).isoformat()


def _address(raw: Any, confidential: bool) -> dict[str, Any] | None:
    a = _obj(raw)
    line1 = _text(a.get("AddressLine1"))
    town, postcode = _text(a.get("PostTown")), _text(a.get("PostCode"))
    if not (line1 or town or postcode):
        return None
    line2 = ", ".join(
        x for x in (_text(a.get("AddressLine2")), _text(a.get("AddressLine3")), _text(a.get("County"))) if x
    )
    return {"line1": line1, "line2": line2 or None, "town": town, "postcode": postcode, "confidential": confidential}


def _person(
    pid: str, role: str, v: dict[str, Any], normalise: bool = True, unclear: list[Unclear] | None = None
) -> dict[str, Any] | None:
    """The person as a case file holds them; a confidentiality flag that was neither Yes nor No
    is added to `unclear`."""
    given, family = _text(v.get("firstName")), _text(v.get("lastName"))
    if not (given or family):
        return None  # the feed's empty placeholders ("otherPeopleInTheCaseTable": [{address: {}}])
    unclear = unclear if unclear is not None else []
    person: dict[str, Any] = {
        "id": pid,
        "role": role,
        "given_names": given,
        "family_name": family,
        "gender": _text(v.get("gender")),
    }
    if _yes(v.get("isDateOfBirthKnown")) is not False:
        person["date_of_birth"] = _date(v.get("dateOfBirth"))
    previous = _text(v.get("previousName"))
    if previous:
        person["previous_names"] = [previous]
    address = _address(v.get("address"), _confidential(v, "isAddressConfidential", unclear) is True)
    if address:
        person["addresses"] = [address]
    five = v.get("isAtAddressLessThan5Years", v.get("isAtAddressLessThan5YearsWithDontKnow"))
    if isinstance(five, str) and five.strip().lower() in ("no", "dontknow"):
        person["addresses_last_5_years_complete"] = False
    phone = _text(v.get("phoneNumber"))
    if phone:
        person["phone"] = phone
        # not said: as confidential as the address
        person["phone_confidential"] = _confidential(v, "isPhoneNumberConfidential", unclear)
    elif "isPhoneNumberConfidential" in v:
        _confidential(v, "isPhoneNumberConfidential", unclear)  # no number, but a flag to read
    person = {k: val for k, val in person.items() if val is not None}
    return as_case_file_person(person) if normalise else person


def as_case_file_person(person: dict[str, Any]) -> dict[str, Any]:
    """The person as a case file writes it (every field), so comparisons are like for like."""

    encoded: dict[str, Any] = encode(decode(Person, person))
    return encoded


def _first_hearing(hearing_data: Any) -> str | None:
    hearings = _list(_obj(hearing_data).get("caseHearings"))
    for wanted in FIRST_HEARING_TYPES:
        starts = []
        for hearing in hearings:
            hearing = _obj(hearing)
            if hearing.get("hearingType") != wanted:
                continue
            for day in _list(hearing.get("hearingDaySchedule")):
                start = _instant(_obj(day).get("hearingStartDateTime"))
                if start:
                    starts.append(start)
        if starts:
            return min(starts, key=lambda s: datetime.fromisoformat(s))
    return None


def _case(raw: dict[str, Any]) -> Imported:
    case_id = raw.get("id")
    if not isinstance(case_id, (int, str)) or not str(case_id).strip():
        raise BadInput("a case in the feed has no id")
    cid = str(case_id)
    if "case_data" in raw and not isinstance(raw["case_data"], dict):
        # A feed entry whose case data is not an object says nothing: not "unchanged" (issue 30).
        raise BadInput(f"HMCTS case {cid}: case_data is {type(raw['case_data']).__name__}, not an object")
    data = _obj(raw.get("case_data"))
    values: dict[str, Any] = {
        "case.hmcts_case_id": cid,
        "case.court": _text(data.get("courtName")),
        "case.court_case_number": _text(data.get("familymanCaseNumber")),
        "case.received_at": _instant(raw.get("created_date")) or _instant(data.get("dateSubmitted")),
        "case.applications": sorted(
            {ORDERS[o] for o in _list(data.get("ordersApplyingFor")) if isinstance(o, str) and o in ORDERS}
        )
        or None,
        "case.first_hearing_at": _first_hearing(data.get("hearingData")),
    }
    people: list[dict[str, Any]] = []
    ids_by_role: dict[str, list[str]] = {}
    signals: list[Signal] = []
    warnings: list[str] = []

    def unclear_flags(person: dict[str, Any], role: str, source: str, unclear: list[Unclear]) -> None:
        name = " ".join(filter(None, (person.get("given_names"), person.get("family_name"))))
        for u in unclear:
            what = CONFIDENTIALITY_FLAGS.get(u.flag, "details")
            text = (
                f"The {ROLE_WORDS.get(role, role)} {name}'s {u.flag} is {_shown(u.value)}, neither Yes nor No: "
                f"their {what} is treated as confidential (¶3.83); confirm it with the court"
            )
            warnings.append(f"HMCTS case {cid}: {text}")
            signals.append(Signal("confidentiality_unclear", text, f"{source}.{u.flag}"))

    for key, role, prefix in (
        ("applicants", "applicant", "a"),
        ("respondents", "respondent", "r"),
        ("otherPeopleInTheCaseTable", "other_relevant_adult", "o"),
    ):
        for hid, v in _values(data.get(key)):
            unclear: list[Unclear] = []
            person = _person(f"h{prefix}-{hid[:8]}", role, v, unclear=unclear)
            if person:
                people.append(person)
                ids_by_role.setdefault(role, []).append(person["id"])
                unclear_flags(person, role, f"{key}[{hid}]", unclear)
    for hid, v in _values(data.get("children")):
        unclear = []
        child = _person(f"hc-{hid[:8]}", "child", v, normalise=False, unclear=unclear)
        if child is None:
            continue
        unclear_flags(child, "child", f"children[{hid}]", unclear)
        lives = [pid for who in _list(v.get("childLiveWith")) for pid in ids_by_role.get(str(who), [])]
        if lives:
            child["lives_with"] = lives
        rel = [
            x
            for x in (_text(v.get("applicantsRelationshipToChild")), _text(v.get("respondentsRelationshipToChild")))
            if x
        ]
        if rel:
            child["relationship_to_children"] = "applicant: " + " / respondent: ".join(rel) if len(rel) == 2 else rel[0]
        people.append(as_case_file_person(child))
    known = data.get("childrenKnownToLocalAuthority")
    if isinstance(known, str) and known:
        word = {"yes": "are known", "no": "are not known", "dontknow": "may be known (applicant does not know)"}.get(
            known.lower(), known
        )
        signals.append(
            Signal(
                "children_known_to_la",
                f"Application says the children {word} to the local authority",
                "childrenKnownToLocalAuthority",
            )
        )
    miam = _obj(data.get("miamExemptionsTable"))
    if _text(miam.get("domesticViolenceEvidence")):
        signals.append(
            Signal(
                "miam_domestic_violence",
                "MIAM exemption claimed with evidence of domestic violence",
                "miamExemptionsTable.domesticViolenceEvidence",
            )
        )
    if _text(miam.get("childProtectionEvidence")):
        signals.append(
            Signal(
                "miam_child_protection",
                "MIAM exemption claimed on child protection grounds",
                "miamExemptionsTable.childProtectionEvidence",
            )
        )
    if _obj(data.get("c1ADocument")):
        signals.append(
            Signal("c1a_document", "A C1A was filed as a document: read it and record the allegations", "c1ADocument")
        )
    if _obj(data.get("ordersNonMolestationDocument")):
        signals.append(
            Signal(
                "non_molestation_order",
                "A non-molestation order was filed with the application",
                "ordersNonMolestationDocument",
            )
        )
    if _yes(data.get("isInterpreterNeeded")):
        needs = (
            "; ".join(str(_obj(n).get("value", n)) for n in _list(data.get("interpreterNeeds"))) or "details not given"
        )
        signals.append(Signal("interpreter_needed", f"An interpreter is needed: {needs}", "isInterpreterNeeded"))
    return Imported(cid, {k: v for k, v in values.items() if v is not None}, people, signals, warnings)


def parse_feed(feed: Any) -> list[Imported]:
    """The cases of a CafCassResponse; BadInput naming where the shape is wrong."""
    out: list[Imported] = []
    if not isinstance(feed, dict):
        raise BadInput('not an HMCTS Cafcass feed: expected a JSON object with "cases"')
    cases = feed.get("cases")
    if not isinstance(cases, list):
        raise BadInput('not an HMCTS Cafcass feed: "cases" is missing or not a list')
    out = []
    for i, raw in enumerate(cases):
        if not isinstance(raw, dict):
            raise BadInput(f"cases[{i}] is not an object")
        try:
            out.append(_case(raw))
        except BadInput as exc:
            raise BadInput(f"cases[{i}]: {exc}") from None
    return out
