"""What a store keeps for syncing with the office (schema 0008, issue 33): its device id, the
office's head as last seen (an off-machine witness), each case's merge base, aliases of cases
renamed by the office, and — on the office — each device's audit chain."""

from __future__ import annotations

import copy
import json
import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, bindparam, delete, func, select, text, update

from dutydesk.store import audit
from dutydesk.store.tables import AUDIT, CASE_ALIASES, CASES, DEVICE_AUDIT, SYNC_BASE, SYNC_STATE

DEVICE_ID = "device_id"
OFFICE_ROWS, OFFICE_HASH = "office_head_rows", "office_head_hash"
LAST_SYNC, OFFICE_SEEN = "last_sync_at", "office"
ROW_FIELDS = (
    "seq", "at", "officer", "os_user", "case_ref", "version", "action", "entity", "field", "old", "new", "doc_hash",
)  # fmt: skip


@dataclass(frozen=True)
class Base:
    reference: str
    office_version: int  # 0: sent to the office as a new case, its office reference not yet taken here
    local_version: int
    document: dict[str, Any]


def state(conn: Connection) -> dict[str, str]:
    return {k: v for k, v in conn.execute(select(SYNC_STATE.c.key, SYNC_STATE.c.value))}


def put_state(conn: Connection, **values: str) -> None:
    for key, value in values.items():
        conn.execute(delete(SYNC_STATE).where(SYNC_STATE.c.key == key))
        conn.execute(SYNC_STATE.insert().values(key=key, value=value))


def device_id(conn: Connection) -> str:
    """This store's device id, made on its first sync (inside the caller's write transaction)."""
    found = state(conn).get(DEVICE_ID)
    if found:
        return found
    made = uuid.uuid4().hex
    put_state(conn, **{DEVICE_ID: made})
    return made


def bases(conn: Connection) -> dict[str, Base]:
    rows = conn.execute(select(SYNC_BASE))
    return {r.reference: Base(r.reference, r.office_version, r.local_version, r.document) for r in rows}


def base_of(conn: Connection, reference: str) -> Base | None:
    r = conn.execute(select(SYNC_BASE).where(SYNC_BASE.c.reference == reference)).first()
    return Base(r.reference, r.office_version, r.local_version, r.document) if r else None


def base_versions(conn: Connection) -> dict[str, tuple[int, int]]:
    """Each case's (office version, laptop version) at its last sync, without the documents."""
    query = select(SYNC_BASE.c.reference, SYNC_BASE.c.office_version, SYNC_BASE.c.local_version)
    return {r: (o, loc) for r, o, loc in conn.execute(query)}


def put_base(conn: Connection, base: Base, now: str) -> None:
    conn.execute(delete(SYNC_BASE).where(SYNC_BASE.c.reference == base.reference))
    conn.execute(
        SYNC_BASE.insert().values(
            reference=base.reference,
            office_version=base.office_version,
            local_version=base.local_version,
            document=base.document,
            synced_at=now,
        )
    )


def drop_base(conn: Connection, reference: str) -> None:
    conn.execute(delete(SYNC_BASE).where(SYNC_BASE.c.reference == reference))


def versions(conn: Connection) -> dict[str, tuple[int, str]]:
    """Every case's version and status, without its document."""
    return {r: (v, s) for r, v, s in conn.execute(select(CASES.c.reference, CASES.c.version, CASES.c.status))}


def alias_target(conn: Connection, device: str, alias: str) -> str | None:
    query = select(CASE_ALIASES.c.reference).where(CASE_ALIASES.c.device_id == device, CASE_ALIASES.c.alias == alias)
    return conn.execute(query).scalar()


def add_alias(conn: Connection, device: str, alias: str, reference: str) -> None:
    if alias_target(conn, device, alias) is None:
        conn.execute(
            CASE_ALIASES.insert().values(alias=alias, reference=reference, device_id=device, at=audit.utc_now())
        )


def last_alias(conn: Connection, prefix: str) -> str | None:
    query = select(func.max(CASE_ALIASES.c.alias)).where(CASE_ALIASES.c.alias.startswith(prefix))
    return conn.execute(query).scalar()


def sent_by(conn: Connection, device: str) -> set[str]:
    """The office references of the cases a device made and sent as new."""
    return set(conn.execute(select(CASE_ALIASES.c.reference).where(CASE_ALIASES.c.device_id == device)).scalars())


def resolve_alias(conn: Connection, reference: str) -> str | None:
    """The case a reference now names when it was a laptop's before the office renamed it."""
    return conn.execute(select(CASE_ALIASES.c.reference).where(CASE_ALIASES.c.alias == reference).limit(1)).scalar()


def rename_case(conn: Connection, officer: audit.Officer, old: str, new: str) -> int:
    """The office gave a case made offline its own reference: the row, its document and its
    people index follow, and the trail says so under both (a "renamed" row closes the old
    reference's rows, so the case is not taken for deleted). Returns the new version."""
    row = conn.execute(select(CASES.c.document, CASES.c.version).where(CASES.c.reference == old)).one()
    doc = copy.deepcopy(row.document)
    doc["case"]["reference"] = new
    version = int(row.version) + 1
    now = audit.utc_now()
    entry = audit.Entry(audit.RENAMED, "case", "reference", old, new)
    update_entry = audit.Entry("update", "case", "reference", old, new)
    items = [(old, row.version, entry, None), (new, version, update_entry, audit.doc_hash(doc))]
    seq = audit.append_many(conn, officer, items, now)
    conn.execute(
        update(CASES)
        .where(CASES.c.reference == old)
        .values(
            reference=new, document=doc, version=version, updated_at=now, updated_by=officer.name, last_audit_seq=seq
        )
    )
    conn.execute(text("UPDATE people_index SET case_ref = :new WHERE case_ref = :old"), {"new": new, "old": old})
    return version


def unsealed(conn: Connection, references: list[str]) -> dict[str, str]:
    """Of these cases, those whose stored document is not the one their last audit row sealed (a
    document, or its version, changed in the database behind dutydesk's back): reference -> why.
    One query for a batch, so a first sync of thousands of cases checks every one."""
    if not references:
        return {}
    query = text(
        "SELECT c.reference, c.version, c.document, a.version AS sealed_version, a.doc_hash, a.case_ref "
        "FROM cases c LEFT JOIN audit a ON a.seq = c.last_audit_seq WHERE c.reference IN :refs"
    ).bindparams(bindparam("refs", expanding=True))
    found: dict[str, str] = {}
    for r in conn.execute(query, {"refs": references}):
        doc = r.document if isinstance(r.document, dict) else json.loads(r.document)
        if r.case_ref != r.reference:
            found[r.reference] = "it has no audit row of its own: it was put in from outside"
        elif r.sealed_version != r.version:
            found[r.reference] = f"it is stored as version {r.version}; its trail is at version {r.sealed_version}"
        elif r.doc_hash is not None and audit.doc_hash(doc) != r.doc_hash:
            found[r.reference] = "its document differs from the one its trail sealed"
    return found


# -- each device's chain, on the office --------------------------------------------------------
def device_head(conn: Connection, device: str) -> tuple[int, str]:
    query = select(DEVICE_AUDIT.c.seq, DEVICE_AUDIT.c.hash).where(DEVICE_AUDIT.c.device_id == device)
    last = conn.execute(query.order_by(DEVICE_AUDIT.c.seq.desc()).limit(1)).first()
    return (last[0], last[1]) if last else (0, audit.GENESIS)


def audit_rows_after(conn: Connection, seq: int) -> list[dict[str, Any]]:
    result = conn.execute(text("SELECT * FROM audit WHERE seq > :n ORDER BY seq"), {"n": seq})
    return [dict(r) for r in result.mappings()]


def audit_hash_at(conn: Connection, seq: int) -> str | None:
    return conn.execute(select(AUDIT.c.hash).where(AUDIT.c.seq == seq)).scalar()


def chain_problem_after(conn: Connection, seq: int, prev: str, key: bytes | None) -> str | None:
    """The trail's rows after row `seq` (sealed as `prev`), walked as verify walks them: what a
    laptop checks of the office's trail at each sync, from the head it saw last time — only the
    new rows, so it costs what the office added since."""
    return audit.walk(audit_rows_after(conn, seq), prev, seq, key, unverifiable_ok=True).problem


def sealed(row: dict[str, Any]) -> str:
    """A laptop's audit row as it was sealed: the fields its hash covers, canonical JSON."""
    return json.dumps({f: row.get(f) for f in ROW_FIELDS}, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def store_device_rows(conn: Connection, device: str, rows: list[dict[str, Any]], now: str) -> None:
    if rows:
        conn.execute(
            DEVICE_AUDIT.insert(),
            [
                {
                    "device_id": device,
                    "seq": r["seq"],
                    "row": sealed(r),
                    "prev_hash": r["prev_hash"],
                    "hash": r["hash"],
                    "received_at": now,
                }
                for r in rows
            ],
        )


def verify_devices(conn: Connection, key: bytes | None = None) -> list[str]:
    """Each laptop's chain as the office holds it: contiguous from row 1, each row following the
    one before and sealed as it says. One line per device that does not hold."""
    problems: list[str] = []
    devices = conn.execute(select(DEVICE_AUDIT.c.device_id).distinct()).scalars().all()
    for device in devices:
        query = select(DEVICE_AUDIT).where(DEVICE_AUDIT.c.device_id == device).order_by(DEVICE_AUDIT.c.seq)
        walked = audit.walk((_as_sealed(r) for r in conn.execute(query)), key=key)
        if walked.problem:
            problems.append(f"device {device[:8]}: {walked.problem}")
    return problems


def _as_sealed(stored: Any) -> dict[str, Any]:
    """A device's row as it was sealed, with the columns it is kept under: a row moved to another
    number than it was sealed with no longer matches its hash."""
    return {**json.loads(stored.row), "seq": stored.seq, "prev_hash": stored.prev_hash, "hash": stored.hash}


def device_count(conn: Connection) -> int:
    return int(conn.execute(select(func.count(DEVICE_AUDIT.c.device_id.distinct()))).scalar_one())
