"""Laptops that sync with the office (issue 33).

On every store:
- `sync_state`: this store's device id and what its last sync left (the office's head, kept as
  an off-machine witness; the time), as key/value rows.
- `sync_base`: per case, the version both sides agreed at the last sync — the base of the next
  three-way merge — with the versions it had on each side then.
- `case_aliases`: a reference a case was known by before the office gave it its own (a case
  created offline keeps its laptop reference as an alias, so letters already drafted still name it).
On the office:
- `device_audit`: each laptop's own audit rows as they were sealed there, by device and sequence,
  append-only like the office's own trail, verified by `dutydesk audit verify` as that device's chain.

Revision ID: 0008
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"

SQLITE_GUARDS = [
    "CREATE TRIGGER device_audit_no_update BEFORE UPDATE ON device_audit "
    "BEGIN SELECT RAISE(ABORT, 'a device''s audit trail is append-only: rows cannot be changed'); END",
    "CREATE TRIGGER device_audit_no_delete BEFORE DELETE ON device_audit "
    "BEGIN SELECT RAISE(ABORT, 'a device''s audit trail is append-only: rows cannot be deleted'); END",
]
POSTGRES_GUARDS = [
    "CREATE TRIGGER device_audit_append_only BEFORE UPDATE OR DELETE ON device_audit "
    "FOR EACH ROW EXECUTE FUNCTION dutydesk_audit_append_only()",
    "CREATE TRIGGER device_audit_no_truncate BEFORE TRUNCATE ON device_audit "
    "FOR EACH STATEMENT EXECUTE FUNCTION dutydesk_audit_append_only()",
]


def upgrade() -> None:
    op.create_table(
        "sync_state",
        sa.Column("key", sa.String, primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
    )
    op.create_table(
        "sync_base",
        sa.Column("reference", sa.String, primary_key=True),
        sa.Column("office_version", sa.Integer, nullable=False),
        sa.Column("local_version", sa.Integer, nullable=False),
        sa.Column("document", sa.JSON, nullable=False),
        sa.Column("synced_at", sa.String, nullable=False),
    )
    op.create_table(
        "case_aliases",
        sa.Column("device_id", sa.String, primary_key=True),  # two laptops may both have made DD-2026-000001
        sa.Column("alias", sa.String, primary_key=True),
        sa.Column("reference", sa.String, nullable=False, index=True),
        sa.Column("at", sa.String, nullable=False),
    )
    op.create_table(
        "device_audit",
        sa.Column("device_id", sa.String, primary_key=True),
        sa.Column("seq", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("row", sa.Text, nullable=False),  # the row as sealed on the device, canonical JSON
        sa.Column("prev_hash", sa.String, nullable=False),
        sa.Column("hash", sa.String, nullable=False),
        sa.Column("received_at", sa.String, nullable=False),
        sa.Column("db_user", sa.String, nullable=True),
    )
    guards = POSTGRES_GUARDS if op.get_bind().dialect.name == "postgresql" else SQLITE_GUARDS
    for statement in guards:
        op.execute(statement)
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "CREATE TRIGGER device_audit_db_user BEFORE INSERT ON device_audit "
            "FOR EACH ROW EXECUTE FUNCTION dutydesk_audit_db_user()"
        )
