"""`dutydesk paths`: every folder and file dutydesk reads or writes, and what moves it (issue 34)."""

from __future__ import annotations

import json
from pathlib import Path

import click

from dutydesk.cli.root import cli
from dutydesk.config.holiday_cache import cache_file
from dutydesk.config.paths import data_dir, user_data_dir
from dutydesk.config.settings import config_file, user_closures_file, validated_cache_file
from dutydesk.infra.crash import crash_dir
from dutydesk.infra.log import log_file
from dutydesk.services.demo import demo_db_path
from dutydesk.store.anchors import anchors_file
from dutydesk.store.location import resolve


def _paths(db: Path | None) -> list[tuple[str, str, str]]:
    """(what, where, what moves it)."""
    store = resolve(db)
    where = str(store.path) if store.path else store.describe()
    journal = store.path.with_name(f"{store.path.name}.edits") if store.path else user_data_dir() / "edits"
    return [
        ("settings", str(config_file()), "DUTYDESK_CONFIG_DIR"),
        ("office closure days", str(user_closures_file()), "DUTYDESK_CONFIG_DIR"),
        (
            "settings as last validated",
            str(validated_cache_file()),
            "DUTYDESK_CONFIG_DIR",
        ),
        ("store", where, "--db, DUTYDESK_DB, DUTYDESK_DB_URL"),
        ("edits not yet saved (journal)", str(journal), "beside the store"),
        ("data folder", str(user_data_dir()), "DUTYDESK_DATA_DIR"),
        ("demo store (dutydesk demo)", str(demo_db_path()), "DUTYDESK_DATA_DIR"),
        ("letters drafted (outbox)", str(user_data_dir() / "outbox"), "DUTYDESK_DATA_DIR"),
        ("recovery files", str(user_data_dir() / "recovery"), "DUTYDESK_DATA_DIR"),
        ("crash reports", str(crash_dir()), "DUTYDESK_DATA_DIR"),
        ("audit witness log", str(anchors_file()), "DUTYDESK_DATA_DIR"),
        ("log", str(log_file()), "DUTYDESK_STATE_DIR"),
        ("bank holidays computed", str(cache_file()), "DUTYDESK_CACHE_DIR"),
        ("policy tables (shipped)", str(data_dir()), "the installed package"),
    ]


@cli.command("paths")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list: what, path, what moves it.")
@click.pass_context
def paths_cmd(ctx: click.Context, as_json: bool) -> None:
    """Every folder and file dutydesk uses, and the setting or variable that moves each.

    \b
    Example:
      dutydesk paths
      dutydesk --db /tmp/other.sqlite3 paths --json
    """
    rows = _paths(ctx.find_root().obj.get("db"))
    if as_json:
        click.echo(json.dumps([{"what": w, "path": p, "moved_by": m} for w, p, m in rows], ensure_ascii=False))
        return
    width = max(len(w) for w, _, _ in rows)
    for what, path, moved in rows:
        click.echo(f"{what:<{width}}  {path}    ({moved})")
