"""Person search over every case in the store (¶2.17-2.18): blocking keys find the candidates,
the matcher scores them and says why."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import Connection, func, select

from dutydesk.config.name_variants import name_variants
from dutydesk.domain.people.matching import Facts, Match, key_hash, query_keys, score
from dutydesk.store.people_index import facts
from dutydesk.store.tables import PEOPLE_INDEX, PERSON_KEYS

# Candidates scored at most: those sharing the most keys with the query come first (a true
# match shares a name-and-DOB key for each part; a namesake only the name pair).
MAX_CANDIDATES = 120
_CHUNK = 900  # bound parameters per statement, well inside every SQLite's limit


@dataclass(frozen=True)
class Found:
    case_ref: str
    person_id: str
    role: str
    name: str
    date_of_birth: date | None
    match: Match


def candidates(conn: Connection, query: Facts) -> list[int]:
    hashes = sorted({key_hash(k) for k in query_keys(query, name_variants())})
    if not hashes:
        return []
    hits: dict[int, int] = {}
    for start in range(0, len(hashes), _CHUNK):
        chunk = hashes[start : start + _CHUNK]
        stmt = select(PERSON_KEYS.c.pid, func.count()).where(PERSON_KEYS.c.h.in_(chunk)).group_by(PERSON_KEYS.c.pid)
        for pid, count in conn.execute(stmt):
            hits[pid] = hits.get(pid, 0) + count
    return sorted(hits, key=lambda pid: -hits[pid])[:MAX_CANDIDATES]


def search(conn: Connection, query: Facts, limit: int = 20, exclude_case: str | None = None) -> list[Found]:
    """The best matches, most alike first; only those labelled likely or possible."""
    pids = candidates(conn, query)
    variants = name_variants()
    found: list[Found] = []
    for start in range(0, len(pids), _CHUNK):
        rows = conn.execute(select(PEOPLE_INDEX).where(PEOPLE_INDEX.c.id.in_(pids[start : start + _CHUNK])))
        for row in rows:
            if row.case_ref == exclude_case:
                continue
            record = facts(row, with_places=bool(query.places))
            match = score(query, record, variants)
            if match.label is None:
                continue
            name = " ".join(p for p in (row.given_names, row.family_name) if p) or "(name not recorded)"
            found.append(Found(row.case_ref, row.person_id, row.role, name, record.dob, match))
    found.sort(key=lambda f: (-f.match.score, f.match.label != "likely", f.case_ref, f.person_id))
    return found[:limit]
