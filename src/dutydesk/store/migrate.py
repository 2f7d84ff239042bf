"""Bringing a store to this dutydesk's schema with Alembic: back up first, refuse newer."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, inspect, text
from sqlalchemy.exc import DBAPIError

from dutydesk.errors import StoreError
from dutydesk.store.engine import Location
from dutydesk.store.sqlite_file import online_copy, stamp

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).parent / "migrations"
from dutydesk.store.summary import HEAD  # noqa: E402  (known here, Alembic is imported only to migrate)


def _alembic() -> Any:
    """Alembic, imported only to read or run the migrations (a tenth of a second: opening a store
    at HEAD never needs it)."""
    from alembic import command, config, script  # noqa: PLC0415  (a tenth of a second: only to migrate)

    return SimpleNamespace(command=command, config=config, script=script)


def _config() -> Config:
    config: Config = _alembic().config.Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def head_revision() -> str:
    head: str | None = _alembic().script.ScriptDirectory.from_config(_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    try:
        with engine.connect() as conn:
            return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except DBAPIError as exc:
        if "alembic_version" in str(exc.orig) or "no such table" in str(exc.orig):
            return None  # a new (or not-dutydesk) database
        raise


def known_revisions() -> set[str]:
    """Every schema this dutydesk's migrations know (older stores can be brought up to HEAD)."""
    return {rev.revision for rev in _alembic().script.ScriptDirectory.from_config(_config()).walk_revisions()}


def backup_sqlite(path: Path, label: str, key: str | None = None) -> Path:
    """A consistent copy beside the store, owner-only, named with the time it was taken (and
    encrypted with the store's key when it is encrypted)."""
    target = path.with_name(f"{path.name}.{label}-{stamp()}.bak")
    target.touch(mode=0o600, exist_ok=False)
    online_copy(path, target, key)
    return target


def upgrade(engine: Engine, loc: Location, target: str = "head") -> Path | None:
    """Bring the store to `target`; returns the backup taken, if any."""
    current = current_revision(engine)
    if target == "head" and current == HEAD:
        return None
    head = head_revision() if target == "head" else target
    if current == head:
        return None
    if current is not None and current not in known_revisions():
        raise StoreError(
            f"the store {loc.describe()} was made by a newer dutydesk (schema {current}); "
            f"this version knows up to {head}. Nothing was changed: upgrade dutydesk."
        )
    if loc.read_only:
        raise StoreError(f"the store {loc.describe()} needs an upgrade but is read-only; nothing was changed")
    backup = None
    has_data = current is not None or bool(inspect(engine).get_table_names())
    if has_data and current is None:
        raise StoreError(f"{loc.describe()} holds tables that are not a dutydesk store; it was left untouched")
    if has_data and loc.path is not None:
        backup = backup_sqlite(loc.path, f"before-{head}", loc.key)
    config = _config()
    with engine.connect() as conn:
        conn = conn.execution_options(dutydesk_write=True)
        config.attributes["connection"] = conn
        _alembic().command.upgrade(config, target)
        conn.commit()
    return backup
