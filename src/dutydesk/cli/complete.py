"""Shell completion (click's own: `eval "$(_DUTYDESK_COMPLETE=bash_source dutydesk)"`) for
case references and document kinds.

Completion runs on every Tab, so it reads the store file directly, read-only: no upgrade, no
anchor check, no audit row, nothing written, and any trouble (no store yet, an encrypted or
shared store) completes nothing rather than printing into the officer's command line.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import click
from click.shell_completion import CompletionItem

from dutydesk.config.settings import KNOWN_KEYS
from dutydesk.drafting.kinds import KINDS
from dutydesk.store.location import resolve

MAX_ITEMS = 200  # a shell lists the rest after more letters are typed


def _store_path(ctx: click.Context) -> Path | None:

    db = ctx.find_root().params.get("db")
    location = resolve(db if isinstance(db, Path) else None)
    if location.key or location.path is None or not location.path.is_file():
        return None
    return location.path


def references(ctx: click.Context, incomplete: str) -> list[str]:
    """References in the store beginning with what was typed (any case), newest first."""
    try:
        path = _store_path(ctx)
        if path is None:
            return []
        with sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, timeout=0.5) as conn:
            rows = conn.execute(
                "SELECT reference FROM cases WHERE reference LIKE ? ESCAPE '\\' ORDER BY id DESC LIMIT ?",
                (_like_prefix(incomplete), MAX_ITEMS),
            ).fetchall()
        return [r[0] for r in rows]
    except (sqlite3.Error, OSError, ValueError):
        return []


def _like_prefix(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return escaped + "%"


def complete_reference(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    return [CompletionItem(r) for r in references(ctx, incomplete)]


def complete_kind(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[CompletionItem]:

    return [CompletionItem(name, help=kind.title) for name, kind in KINDS.items() if name.startswith(incomplete)]


def complete_reference_or_file(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    """`screen` takes a case file or a reference: references first, the shell's files otherwise."""
    found = complete_reference(ctx, param, incomplete)
    return found or [CompletionItem(incomplete, type="file")]


def complete_config_key(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[CompletionItem]:

    return [CompletionItem(key, help=what) for key, what in KNOWN_KEYS.items() if key.startswith(incomplete)]
