"""A field of the case as an officer would name it, from its path in the case file.

`people[p2].given_names` is how the merge and the recovery know a field; an officer reading a
conflict note in the Chronology reads "Sarah Whitmore — Given names" (ids are for the machine,
never the screen: issue 17; issue 30 found them in conflict notes and the recovery dialog).
"""

from __future__ import annotations

import re

from dutydesk.domain.case.model import Case
from dutydesk.domain.rules.labels import label

_SEGMENT = re.compile(r"^(?P<name>[A-Za-z_0-9]+)(?:\[(?P<key>[^\]]*)\])?$")
_TOP = {"case": "Intake", "forms": "Forms", "risk": "Risk", "screening": "Screening"}
_ITEM = {
    "checks": "a check",
    "findings": "a finding",
    "discussions": "the Service Manager discussion",
    "concerns": "a concern record",
    "allegations": "an allegation",
    "addresses": "an address",
    "injuries": "an injury",
    "actions": "an action",
}


def _item(case: Case, name: str, key: str) -> str:
    if name == "people":
        person = case.person(key)
        return person.full_name if person else "a person"
    if name == "referrals":
        named = case.referral_named(key, phoned=False)
        return named[0].upper() + named[1:]
    if name == "events":
        event = next((e for e in case.events if getattr(e, "id", None) == key), None)
        when = f" of {event.at.strftime('%d/%m/%Y %H:%M')}" if event is not None and event.at else ""
        return f"the Chronology note{when}"
    if key.isdigit():
        return f"{label(name)} ({int(key) + 1})"
    return _ITEM.get(name, label(name))


def path_words(case: Case, path: str) -> str:
    words: list[str] = []
    for index, segment in enumerate(path.split(".")):
        found = _SEGMENT.match(segment)
        if not found:
            words.append(segment)
            continue
        name, key = found.group("name"), found.group("key")
        if key is not None:
            words.append(_item(case, name, key))
        elif index == 0 and name in _TOP:
            words.append(_TOP[name])
        else:
            words.append(label(name))
    return " — ".join(words)
