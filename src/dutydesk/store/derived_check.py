"""Whether what is kept beside a case document is what the document and its trail give (issue 30).

Every derived table and column is recomputed and compared: the list columns (status, first
hearing, received, children), who and when last changed it (the trail's last row), the people
index (addresses with their dates included) and the person-search keys. A key deleted behind
dutydesk's back would make `dutydesk find` answer "Nobody found" for someone in the store — the
¶2.18 previous-knowledge check blinded — so the keys are checked as the search reads them.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, func, literal_column, select

from dutydesk.store.derived import derived_columns
from dutydesk.store.people_index import index_rows, key_hashes, key_rows
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
KEYS_WRONG = "its person-search keys are not those of its people (edited from outside: `dutydesk find` would miss them)"
KeysCheck = Callable[[list[dict[str, Any]]], bool]


def key_print(keys: Iterable[int]) -> KeyPrint:
    listed = list(keys)
    return len(listed), sum(h >> 20 for h in listed)


def all_key_prints(conn: Connection) -> dict[int, KeyPrint]:
    # 20 written into the query: PostgreSQL has bigint >> integer, and a bound 20 arrives as a bigint
    query = select(PERSON_KEYS.c.pid, func.count(), func.sum(PERSON_KEYS.c.h.op(">>")(literal_column("20")))).group_by(
        PERSON_KEYS.c.pid
    )
    return {pid: (int(n), int(total or 0)) for pid, n, total in conn.execute(query)}


KEY_FIELDS = ("given_names", "family_name", "previous_names", "date_of_birth", "postcodes")
IN_PARALLEL_FROM = 50_000  # people: below this a second process costs more than it saves


def expected_prints(rows: list[tuple[Any, ...]]) -> dict[int, KeyPrint]:
    """(id, *KEY_FIELDS) rows -> what each person's keys must add up to. Module-level, so a
    second process can run it."""
    return {row[0]: key_print(key_hashes(dict(zip(KEY_FIELDS, row[1:], strict=True)))) for row in rows}


def expected_prints_soon(people: list[dict[str, Any]]) -> Callable[[], dict[int, KeyPrint]]:
    """Start working out every person's key prints — in a second process for a large store, while
    this one checks the documents (recomputing the keys of 400,000 people is most of a verify's
    work) — and return how to collect them."""
    rows = [(p["id"], *(p[f] for f in KEY_FIELDS)) for p in people]
    if len(rows) < IN_PARALLEL_FROM or (os.cpu_count() or 1) < 2:
        return lambda: expected_prints(rows)
    try:
        pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"))
        future = pool.submit(expected_prints, rows)
    except OSError:  # no second process to be had: the same work, here
        return lambda: expected_prints(rows)

    def collect() -> dict[int, KeyPrint]:
        try:
            return future.result()
        finally:
            pool.shutdown()

    return collect


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
    keys_hold: KeysCheck | None,
) -> str | None:
    """What differs, named, or None. `columns` are the case row's, `last` its trail's last row;
    without `keys_hold` the person-search keys are left to the caller (verify checks them all at once)."""
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
    if keys_hold is not None and not keys_hold(people):
        return KEYS_WRONG
    return None
