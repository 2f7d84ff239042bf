"""`dutydesk config list|get|set|unset`: config.toml read and written through tomlkit (comments,
order and tables kept), each value checked as dutydesk will read it before the file changes."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import click
import tomlkit

from dutydesk.cli.complete import complete_config_key
from dutydesk.cli.root import cli
from dutydesk.config.settings import KNOWN_KEYS, config_file, settings_from_text, unknown_keys
from dutydesk.errors import BadInput, PolicyError

if TYPE_CHECKING:
    from tomlkit import TOMLDocument


@cli.group(name="config")
def config_group() -> None:
    """Your settings (config.toml): office practice, the letterhead, the idle lock."""


def _document() -> TOMLDocument:

    path = config_file()
    return tomlkit.parse(path.read_text(encoding="utf-8") if path.exists() else "")


def _get(doc: TOMLDocument, key: str) -> Any:
    value: Any = doc
    for part in key.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    return value


@config_group.command(name="list")
def list_cmd() -> None:
    """Every setting dutydesk knows, its value (or "not set") and what it is."""

    doc = _document()
    for key, what in KNOWN_KEYS.items():
        value = _get(doc, key)
        if key == "lock_passphrase" and value is not None:
            value = "(set)"
        click.echo(f"{key} = {value if value is not None else '(not set)'}    # {what}")


@config_group.command(name="get")
@click.argument("key", shell_complete=complete_config_key)
def get_cmd(key: str) -> None:
    """Print one setting's value (exit 2 for a key dutydesk does not know)."""

    if key not in KNOWN_KEYS:
        raise BadInput(_unknown(key))
    value = _get(_document(), key)
    click.echo("" if value is None else str(value))


@config_group.command(name="set")
@click.argument("key", shell_complete=complete_config_key)
@click.argument("value")
def set_cmd(key: str, value: str) -> None:
    """Set KEY to VALUE (numbers and true/false as such); checked before it is written."""
    _change(key, _typed(key, value))


@config_group.command(name="unset")
@click.argument("key", shell_complete=complete_config_key)
def unset_cmd(key: str) -> None:
    """Remove KEY: dutydesk uses its default again."""
    _change(key, None)


NOT_TEXT = {"safeguarding_letter_days_before_hearing", "idle_lock_minutes", "police_check_all_child_arrangements"}


def _typed(key: str, value: str) -> object:
    """A number or true/false for the settings that are one; text (a phone, a time) otherwise."""
    if key not in NOT_TEXT:
        return value
    if value.lower() in ("true", "false"):
        return value.lower() == "true"
    for kind in (int, float):
        try:
            return kind(value)
        except ValueError:
            continue
    return value


def _unknown(key: str) -> str:

    table, _, name = key.partition(".")
    asked: dict[str, object] = {table: {name: None}} if name else {key: None}
    return unknown_keys(asked)[0].replace("config.toml: ", "")


def _change(key: str, value: object) -> None:

    if key not in KNOWN_KEYS:
        raise BadInput(_unknown(key))
    if key == "lock_passphrase" and value is not None:
        raise BadInput("set the passphrase with `dutydesk lock-passphrase` (only its hash is kept)")
    doc = _document()
    group, _, name = key.partition(".")
    table: Any = doc
    if name:
        if group not in doc:
            doc[group] = tomlkit.table()
        table = doc[group]
    else:
        name = key
    if value is None:
        table.pop(name, None)
    else:
        table[name] = value
    text = tomlkit.dumps(doc)
    try:
        settings_from_text(text, "config.toml")  # as dutydesk will read it: a wrong value changes nothing
    except PolicyError as exc:
        raise BadInput(f"{key} = {value!r} is not accepted: {exc}") from None
    path = config_file()
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    path.write_text(text, encoding="utf-8")
    path.chmod(0o600)
    click.echo(f"{key} = {value}" if value is not None else f"{key} removed")
