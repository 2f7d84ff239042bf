"""The office's PostgreSQL store (issue 33): its schema, two group roles, and each officer's own
login role. Who may do what is decided here by the database — grants, and the triggers of
migrations 0001 and 0007 — never by dutydesk alone:

- `dutydesk_officer` reads and writes cases (and their search indexes) and may only INSERT and
  SELECT audit rows: UPDATE, DELETE and TRUNCATE on the audit table are not granted, and the
  append-only triggers refuse them even to the table's owner.
- `dutydesk_manager` is an officer who supervises: every case and the review (the manager reads
  through the same grants; the role exists so the office can grant a manager more later, and so
  `session_user`'s role says who supervised).
- Each officer is a LOGIN role of their own, a member of one of the two, so every audit row's
  `db_user` (set by the database from `session_user`) names the person who connected. A stolen
  laptop: `revoke_officer` takes the role's login away; nothing of its trail is lost.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import unquote

from sqlalchemy import Connection, Engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError

from dutydesk.errors import BadInput, StoreError

OFFICER, MANAGER = "dutydesk_officer", "dutydesk_manager"
ROLES = {"officer": OFFICER, "manager": MANAGER}
ROLE_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")
ACCEPTED_NAME = "lower-case letters, digits and _, starting with a letter, at most 63 characters (e.g. jsmith)"
CASE_TABLES = ("cases", "people_index", "person_keys", "case_aliases")
APPEND_ONLY = ("audit", "device_audit")  # the office's trail and each laptop's chain (schema 0008)


@dataclass(frozen=True)
class OfficeRole:
    name: str
    role: str  # officer / manager
    can_login: bool


def check_url(url: str) -> str:
    """A PostgreSQL URL, without a password in it (the password comes from the environment's
    PGPASSWORD or ~/.pgpass, never a file dutydesk writes)."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise BadInput(f"{url!r} is not a database URL; give postgresql+psycopg://USER@HOST/DATABASE") from None
    if not parsed.drivername.startswith("postgresql"):
        raise BadInput(
            f"the office store is PostgreSQL: give postgresql+psycopg://USER@HOST/DATABASE, not {parsed.drivername}"
        )
    if parsed.password or any(unquote(key).lower() in ("password", "passfile") for key in parsed.query):
        raise BadInput(
            "the URL holds a password: leave it out and put it in ~/.pgpass or PGPASSWORD (a URL is "
            "shown, logged and kept in config.toml)"
        )
    if parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    if parsed.drivername != "postgresql+psycopg":
        raise BadInput(
            f"dutydesk reaches PostgreSQL through psycopg 3: give postgresql+psycopg://…, not {parsed.drivername}"
        )
    if not parsed.database:
        raise BadInput("the URL names no database: give postgresql+psycopg://USER@HOST/DATABASE")
    return parsed.render_as_string(hide_password=False)


def _schema(conn: Connection) -> str:
    return str(conn.execute(text("SELECT current_schema()")).scalar())


def _quoted(conn: Connection, name: str) -> str:
    return str(conn.execute(text("SELECT quote_ident(:n)"), {"n": name}).scalar())


def _role_exists(conn: Connection, name: str) -> bool:
    return conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :n"), {"n": name}).first() is not None


def grant_roles(engine: Engine) -> None:
    """The two group roles (made if missing) and their grants on this store's schema; run again
    safely (every statement is idempotent)."""
    try:
        with engine.begin() as conn:
            schema = _quoted(conn, _schema(conn))
            for role in (OFFICER, MANAGER):
                if not _role_exists(conn, role):
                    conn.execute(text(f"CREATE ROLE {role} NOLOGIN"))
            statements = [
                f"REVOKE ALL ON ALL TABLES IN SCHEMA {schema} FROM PUBLIC",
                f"GRANT USAGE ON SCHEMA {schema} TO {OFFICER}",
                f"GRANT SELECT, INSERT, UPDATE, DELETE ON {', '.join(CASE_TABLES)} TO {OFFICER}",
                # A case is never deleted by dutydesk: its record stays (closed, secured), so no officer may;
                # an alias, once the office gave a case its reference, is never changed either.
                f"REVOKE DELETE, TRUNCATE ON cases FROM {OFFICER}",
                f"REVOKE UPDATE, DELETE, TRUNCATE ON case_aliases FROM {OFFICER}",
                f"REVOKE UPDATE, DELETE, TRUNCATE ON {', '.join(APPEND_ONLY)} FROM {OFFICER}",
                f"GRANT SELECT, INSERT ON {', '.join(APPEND_ONLY)} TO {OFFICER}",
                # a laptop's own bookkeeping; on the office it is read, never needed, but a store is a store
                f"GRANT SELECT ON sync_state, sync_base TO {OFFICER}",
                f"GRANT SELECT ON alembic_version TO {OFFICER}",
                f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {schema} TO {OFFICER}",
                f"GRANT {OFFICER} TO {MANAGER}",
            ]
            for statement in statements:
                conn.execute(text(statement))
    except DBAPIError as exc:
        raise StoreError(f"the office store's roles could not be set up: {_reason(exc)}") from None


ENCRYPTED_LAPTOPS = "require_encrypted_laptops"  # a row of the office's sync_state (schema 0008)


def require_encrypted_laptops(engine: Engine, required: bool) -> None:
    """The office's rule for laptops: only stores encrypted at rest may sync (a stolen laptop)."""
    with engine.begin() as conn:
        conn.execute(text("DELETE FROM sync_state WHERE key = :k"), {"k": ENCRYPTED_LAPTOPS})
        conn.execute(
            text("INSERT INTO sync_state (key, value) VALUES (:k, :v)"),
            {"k": ENCRYPTED_LAPTOPS, "v": "1" if required else "0"},
        )


def encrypted_laptops_required(engine: Engine) -> bool:
    with engine.connect() as conn:
        return (
            conn.execute(text("SELECT value FROM sync_state WHERE key = :k"), {"k": ENCRYPTED_LAPTOPS}).scalar() == "1"
        )


def add_officer(engine: Engine, name: str, role: str, password: str | None = None) -> OfficeRole:
    """A login role for one officer, a member of `dutydesk_<role>`; an existing role is given
    the membership (and its login back)."""
    if not ROLE_NAME.match(name):
        raise BadInput(f"{name!r} cannot be an officer's database name: use {ACCEPTED_NAME}")
    if name in ROLES.values() or name.startswith("pg_"):
        raise BadInput(f"{name!r} is a name the database or dutydesk keeps for itself; choose the officer's own")
    if role not in ROLES:
        raise BadInput(f"role {role!r} is not one of: {', '.join(ROLES)}")
    try:
        with engine.begin() as conn:
            if not _role_exists(conn, OFFICER):
                raise StoreError("this store has no dutydesk roles yet: run `dutydesk office-store init URL` first")
            if _role_exists(conn, name):
                conn.execute(text(f"ALTER ROLE {name} LOGIN"))
            else:
                conn.execute(text(f"CREATE ROLE {name} LOGIN"))
            if password:
                # The password is sent as a literal the server quotes itself: never in a log.
                quoted = conn.execute(text("SELECT quote_literal(:p)"), {"p": password}).scalar()
                conn.execute(text(f"ALTER ROLE {name} PASSWORD {quoted}"))
            other = MANAGER if role == "officer" else OFFICER
            conn.execute(text(f"REVOKE {other} FROM {name}"))
            conn.execute(text(f"GRANT {ROLES[role]} TO {name}"))
    except DBAPIError as exc:
        raise StoreError(f"the officer {name} could not be added: {_reason(exc)}") from None
    return OfficeRole(name, role, True)


def revoke_officer(engine: Engine, name: str) -> OfficeRole:
    """The officer's login taken away (a stolen laptop, someone who left): what they recorded
    stays, with their name on it."""
    if not ROLE_NAME.match(name):
        raise BadInput(f"{name!r} is not an officer's database name: {ACCEPTED_NAME}")
    try:
        with engine.begin() as conn:
            if not _role_exists(conn, name):
                raise BadInput(f"there is no officer {name!r} on this store (see `dutydesk office-store officers`)")
            conn.execute(text(f"ALTER ROLE {name} NOLOGIN"))
    except DBAPIError as exc:
        raise StoreError(f"the officer {name} could not be revoked: {_reason(exc)}") from None
    return OfficeRole(name, "revoked", False)


def officers(engine: Engine) -> list[OfficeRole]:
    """Every role that is a member of dutydesk_officer or dutydesk_manager."""
    query = text(
        "SELECT r.rolname, g.rolname, r.rolcanlogin FROM pg_auth_members m "
        "JOIN pg_roles r ON r.oid = m.member JOIN pg_roles g ON g.oid = m.roleid "
        "WHERE g.rolname IN (:o, :m) AND r.rolname NOT IN (:o, :m) ORDER BY r.rolname"
    )
    with engine.connect() as conn:
        rows = conn.execute(query, {"o": OFFICER, "m": MANAGER}).all()
    by_name: dict[str, OfficeRole] = {}
    for name, group, login in rows:
        role = (
            "manager"
            if group == MANAGER or by_name.get(name, OfficeRole(name, "", login)).role == "manager"
            else "officer"
        )
        by_name[name] = OfficeRole(name, role, bool(login))
    return list(by_name.values())


def _reason(exc: DBAPIError) -> str:
    return " ".join(str(exc.orig).split()) if exc.orig is not None else str(exc)
