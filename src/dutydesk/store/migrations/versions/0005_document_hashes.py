"""Tie each case document to its audit trail: audit rows carry the SHA-256 of the document their
change left (`doc_hash`), and every case present at the upgrade gets a baseline row holding its
whole document and that hash, appended to the chain (the trail stays append-only).

Revision ID: 0005
"""

from __future__ import annotations

import getpass
import json
import os

import sqlalchemy as sa
from alembic import op

from dutydesk.store.audit import GENESIS, doc_hash, row_hash, sealing_key, utc_now

revision = "0005"
down_revision = "0004"


def _os_user() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return os.environ.get("USER", "unknown")


def upgrade() -> None:
    op.add_column("audit", sa.Column("doc_hash", sa.String, nullable=True))
    # Imported lazily: rows are chained exactly as the store chains them.

    bind = op.get_bind()
    last = bind.execute(sa.text("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1")).first()
    seq, prev = (last[0], last[1]) if last else (0, GENESIS)
    at = utc_now()
    audit = sa.table("audit", *(sa.column(c) for c in ROW_COLUMNS))
    cases = bind.execute(sa.text("SELECT reference, version, document FROM cases ORDER BY id")).fetchall()
    for reference, version, document in cases:
        doc = json.loads(document) if isinstance(document, str) else document
        seq += 1
        row = {
            "seq": seq,
            "at": at,
            "officer": "dutydesk (schema 0005: document hashes)",
            "os_user": _os_user(),
            "case_ref": reference,
            "version": version,
            "action": "baseline",
            "entity": "$",
            "field": "(case file)",
            "old": None,
            "new": json.dumps(doc, ensure_ascii=False, sort_keys=True),
            "doc_hash": doc_hash(doc),
            "prev_hash": prev,
        }
        row["hash"] = prev = row_hash(prev, row, sealing_key(prev))
        bind.execute(sa.insert(audit).values(**row))
        bind.execute(
            sa.text("UPDATE cases SET last_audit_seq = :seq WHERE reference = :ref"), {"seq": seq, "ref": reference}
        )


ROW_COLUMNS = (
    "seq", "at", "officer", "os_user", "case_ref", "version", "action", "entity", "field",
    "old", "new", "doc_hash", "prev_hash", "hash",
)  # fmt: skip
