"""The rows of the people index for one case document (names, DOB, postcodes)."""

from __future__ import annotations

from typing import Any


def index_rows(reference: str, doc: dict[str, Any]) -> list[dict[str, Any]]:
    rows = []
    for person in doc.get("people") or []:
        if not isinstance(person, dict):
            continue
        postcodes = sorted(
            {a.get("postcode") or "" for a in person.get("addresses") or [] if isinstance(a, dict)} - {""}
        )
        rows.append(
            {
                "case_ref": reference,
                "person_id": str(person.get("id", "")),
                "role": str(person.get("role", "")),
                "given_names": person.get("given_names") or "",
                "family_name": person.get("family_name") or "",
                "previous_names": "|".join(person.get("previous_names") or []),
                "date_of_birth": person.get("date_of_birth"),
                "postcodes": "|".join(postcodes),
            }
        )
    return rows
