"""The people index: one row per person per case (names, DOB, postcodes, addresses with their
dates), and the hashed blocking keys person search looks up. Kept in step with every save."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from dutydesk.domain.people.matching import Facts, Place, key_hash, place, record_keys


def _day(value: Any) -> date | None:
    try:
        return date.fromisoformat(value) if isinstance(value, str) and value else None
    except ValueError:
        return None


def index_rows(reference: str, doc: dict[str, Any]) -> list[dict[str, Any]]:
    rows = []
    for person in doc.get("people") or []:
        if not isinstance(person, dict):
            continue
        addresses = [a for a in person.get("addresses") or [] if isinstance(a, dict)]
        postcodes = sorted({a.get("postcode") or "" for a in addresses} - {""})
        places = [[a.get("postcode") or "", a.get("line1") or "", a.get("from"), a.get("to")] for a in addresses]
        rows.append(
            {
                "case_ref": reference,
                "person_id": str(person.get("id", "")),
                "role": str(person.get("role", "")),
                "given_names": person.get("given_names") or "",
                "family_name": person.get("family_name") or "",
                "previous_names": "|".join(p for p in person.get("previous_names") or [] if isinstance(p, str)),
                "date_of_birth": person.get("date_of_birth"),
                "postcodes": "|".join(postcodes),
                "places": json.dumps(places, separators=(",", ":")) if places else "",
            }
        )
    return rows


def facts(row: Any, with_places: bool = True) -> Facts:
    """What the matcher knows of an index row (a mapping or a Row); addresses only when asked
    (reading them is most of the cost of a candidate, and most searches have none)."""
    get = row.get if isinstance(row, dict) else row._mapping.get
    places: list[Place] = []
    try:
        raw = json.loads(get("places") or "[]") if with_places else []
    except ValueError:
        raw = []
    for item in raw if isinstance(raw, list) else []:
        if isinstance(item, list) and len(item) == 4:
            places.append(place(item[0], item[1], _day(item[2]), _day(item[3])))
    if not places and with_places:  # rows from before schema 0004 carry postcodes only
        places = [place(p) for p in (get("postcodes") or "").split("|") if p]
    previous = tuple(p for p in (get("previous_names") or "").split("|") if p)
    return Facts(
        get("given_names") or "", get("family_name") or "", previous, _day(get("date_of_birth")), tuple(places)
    )


def key_rows(pid: int, row: Any) -> list[dict[str, int]]:
    return [{"h": key_hash(k), "pid": pid} for k in sorted(record_keys(facts(row)))]


def key_hashes(row: dict[str, Any]) -> list[int]:
    """The same keys as `key_rows`, for `audit verify` over every person: the keys need only the
    addresses' postcodes (the `postcodes` column holds each once), so the addresses' first lines and
    dates are not parsed and folded for a hundred thousand cases."""
    light = {**row, "places": ""}
    return [key_hash(k) for k in record_keys(facts(light))]
