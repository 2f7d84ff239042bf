"""Whether what is kept beside a case document is what the document and its trail give (issue 30).

Every derived table and column is recomputed and compared: the list columns (status, first
hearing, received, children), who and when last changed it (the trail's last row), the people
index (addresses with their dates included) and the person-search keys. A key deleted behind
dutydesk's back would make `dutydesk find` answer "Nobody found" for someone in the store — the
¶2.18 previous-knowledge check blinded — so the keys are checked as the search reads them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, func, select

from dutydesk.store.derived import derived_columns
from dutydesk.store.people_index import index_rows, key_rows
from dutydesk.store.tables import PERSON_KEYS

INDEX_COLUMNS = (
    "person_id",
    "role",
    "given_names",
    "family_name",
    "previous_names",
    "date_of_birth",
    "postcodes",
    "places",
)
# Rows whose officer and time are not a save's: a schema upgrade sealed the case as it stood.
NOT_A_SAVE = ("baseline",)
SAME_INSTANT = 2.0  # seconds: stores written before issue 30 took the row's time and the column's apart

# (pid, count of keys, sum of key >> 20): what the search keys hold for one person, in one number
# pair the database adds up in a single pass (`>>` is arithmetic in SQLite, PostgreSQL and Python).
KeyPrint = tuple[int, int]
KeysCheck = Callable[[list[dict[str, Any]]], bool]


def key_print(keys: Iterable[int]) -> KeyPrint:
    listed = list(keys)
    return len(listed), sum(h >> 20 for h in listed)


def all_key_prints(conn: Connection) -> dict[int, KeyPrint]:
    query = select(PERSON_KEYS.c.pid, func.count(), func.sum(PERSON_KEYS.c.h.op(">>")(20))).group_by(PERSON_KEYS.c.pid)
    return {pid: (int(n), int(total or 0)) for pid, n, total in conn.execute(query)}


def keys_by_print(prints: dict[int, KeyPrint]) -> KeysCheck:
    """For `audit verify`: every person's keys against the prints read in one pass."""

    def hold(people: list[dict[str, Any]]) -> bool:
        return all(prints.get(p["id"]) == key_print(k["h"] for k in key_rows(p["id"], p)) for p in people)

    return hold


def keys_by_lookup(conn: Connection) -> KeysCheck:
    """For one case (opening it): each person's keys looked up by primary key — no scan."""

    def hold(people: list[dict[str, Any]]) -> bool:
        for person in people:
            wanted = [k["h"] for k in key_rows(person["id"], person)]
            if not wanted:
                continue
            found = conn.execute(
                select(func.count())
                .select_from(PERSON_KEYS)
                .where(PERSON_KEYS.c.h.in_(wanted), PERSON_KEYS.c.pid == person["id"])
            ).scalar_one()
            if found != len(wanted):
                return False
        return True

    return hold


def _instant(value: Any) -> datetime | None:
    try:
        return datetime.fromisoformat(str(value))
    except ValueError:
        return None


def problem(
    reference: str,
    doc: dict[str, Any],
    columns: dict[str, Any],
    last: dict[str, Any],
    people: list[dict[str, Any]],
    keys_hold: KeysCheck,
) -> str | None:
    """What differs, named, or None. `columns` are the case row's, `last` its trail's last row."""
    derived = derived_columns(doc)
    for name in ("status", "first_hearing_utc", "received_utc", "children"):
        if derived[name] != columns[name]:
            return f"its {name} column is {columns[name]!r} but its document says {derived[name]!r}"
    if last["action"] not in NOT_A_SAVE:
        if columns["updated_by"] != last["officer"]:
            return (
                f"its updated_by column is {columns['updated_by']!r}; its trail's last change is by {last['officer']!r}"
            )
        stored, sealed = _instant(columns["updated_at"]), _instant(last["at"])
        if stored is None or sealed is None or abs((stored - sealed).total_seconds()) > SAME_INSTANT:
            return f"its updated_at column is {columns['updated_at']!r}; its trail's last change is at {last['at']!r}"
    wanted = sorted(tuple(r[c] for c in INDEX_COLUMNS) for r in index_rows(reference, doc))
    if sorted(tuple(p[c] for c in INDEX_COLUMNS) for p in people) != wanted:
        return "the people index does not match its document (edited from outside)"
    if not keys_hold(people):
        return (
            "its person-search keys are not those of its people (edited from outside: `dutydesk find` would miss them)"
        )
    return None
