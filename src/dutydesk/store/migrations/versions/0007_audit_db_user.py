"""Who the database says made each audit row (issue 33): `db_user`, beside the display name the
application gives. On PostgreSQL a trigger fills it with `session_user` on every insert —
whatever the application sent — so an officer connecting as their own role cannot write rows in
another's name. The hash chain does not cover it (the database, not dutydesk, vouches for it; the
append-only triggers of 0001 keep it from being changed). A SQLite store (a laptop) has one user
and leaves it empty.

Revision ID: 0007
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"

POSTGRES = [
    "CREATE FUNCTION dutydesk_audit_db_user() RETURNS trigger AS $$ BEGIN "
    "NEW.db_user := session_user; RETURN NEW; END; $$ LANGUAGE plpgsql",
    "CREATE TRIGGER audit_db_user BEFORE INSERT ON audit FOR EACH ROW EXECUTE FUNCTION dutydesk_audit_db_user()",
]


def upgrade() -> None:
    op.add_column("audit", sa.Column("db_user", sa.String, nullable=True))
    if op.get_bind().dialect.name == "postgresql":
        for statement in POSTGRES:
            op.execute(statement)
