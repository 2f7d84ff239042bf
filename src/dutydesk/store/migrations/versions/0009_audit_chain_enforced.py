"""The office's trail is a chain the database keeps (issue 33's review): on PostgreSQL a row is
accepted only as the next of the chain — its number one more than the last row's, its prev_hash
the last row's hash. An officer's role may add audit rows (its desk must); with this, a row added
by hand cannot leave a gap or a fork that breaks the trail for good: it must follow, and a
forged hash in it is then caught by `audit verify` as before. A laptop (SQLite) has one user.

Revision ID: 0009
"""

from __future__ import annotations

from alembic import op

revision = "0009"
down_revision = "0008"

POSTGRES = [
    "CREATE FUNCTION dutydesk_audit_follows() RETURNS trigger AS $$ "
    "DECLARE last_seq integer; last_hash text; BEGIN "
    "SELECT seq, hash INTO last_seq, last_hash FROM audit ORDER BY seq DESC LIMIT 1; "
    "IF NEW.seq <> COALESCE(last_seq, 0) + 1 OR NEW.prev_hash <> COALESCE(last_hash, repeat('0', 64)) THEN "
    "RAISE EXCEPTION 'the audit trail is a chain: a new row must be row % and follow its hash', "
    "COALESCE(last_seq, 0) + 1; END IF; RETURN NEW; END; $$ LANGUAGE plpgsql",
    "CREATE TRIGGER audit_follows BEFORE INSERT ON audit FOR EACH ROW EXECUTE FUNCTION dutydesk_audit_follows()",
]


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for statement in POSTGRES:
            op.execute(statement)
