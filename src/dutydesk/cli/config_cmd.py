"""`dutydesk config list|get|set|unset`: config.toml read and written through tomlkit (comments,
order and tables kept), each value checked as dutydesk will read it before the file changes."""

from __future__ import annotations

import json
import os
from typing import TYPE_CHECKING, Any

import click
import tomlkit

from dutydesk.cli.complete import complete_config_key
from dutydesk.cli.root import cli
from dutydesk.config.settings import KNOWN_KEYS, config_file, not_a_setting, os_user, settings_from_text
from dutydesk.errors import BadInput, PolicyError
from dutydesk.infra.safe_text import neutralise

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


# Settings an environment variable overrides, as dutydesk reads them.
FROM_ENVIRONMENT = {"officer_name": "DUTYDESK_OFFICER", "office_url": "DUTYDESK_OFFICE_URL"}
# What dutydesk does when a setting is not given: the default said as what happens.
DEFAULTS: dict[str, Any] = {
    "officer_name": None,  # the OS user name: computed below
    "cutoff": None,
    "safeguarding_letter_days_before_hearing": 3,
    "police_check_all_child_arrangements": False,
    "idle_lock_minutes": 10,
    "theme": "textual-dark",
}
WHEN_NONE = {
    "cutoff": "off: events count on the day they happen",
    "lock_passphrase": "none: Enter unlocks",
    "office_url": "none: this desk does not sync",
}


def _effective(doc: TOMLDocument, key: str) -> tuple[Any, str]:
    """The value dutydesk uses and where it comes from: the environment, config.toml or its default."""
    variable = FROM_ENVIRONMENT.get(key)
    if variable and os.environ.get(variable):
        return os.environ[variable], variable
    value = _get(doc, key)
    if value is not None:
        return ("(set)" if key == "lock_passphrase" else value), "config.toml"
    if key == "officer_name":
        return os_user(), "default (your OS user name)"
    if DEFAULTS.get(key) is not None:
        return DEFAULTS[key], "default"
    return None, "not set" + (f" ({WHEN_NONE[key]})" if key in WHEN_NONE else "")


@config_group.command(name="list")
@click.option("--json", "as_json", is_flag=True, help="Print the settings as JSON: key, value, source, what it is.")
def list_cmd(as_json: bool) -> None:
    """Every setting dutydesk knows: the value it uses, where that comes from (the environment,
    config.toml or the default) and what it is.

    \b
    Example:
      dutydesk config list
      dutydesk config list --json
    """

    doc = _document()
    rows = [(key, *_effective(doc, key), what) for key, what in KNOWN_KEYS.items()]
    if as_json:
        click.echo(
            json.dumps(
                [{"key": k, "value": v, "source": src, "what": w} for k, v, src, w in rows],
                ensure_ascii=False,
                default=str,
            )
        )
        return
    for key, value, source, what in rows:
        shown = "" if value is None else f" {str(value).lower() if isinstance(value, bool) else value}"
        click.echo(neutralise(f"{key} ={shown}    [{source}]    # {what}"))


@config_group.command(name="get")
@click.argument("key", shell_complete=complete_config_key)
def get_cmd(key: str) -> None:
    """Print the value dutydesk uses for one setting (exit 2 for a key dutydesk does not know;
    exit 1, saying so on stderr, for one with no value and no default).

    \b
    Example:
      dutydesk config get idle_lock_minutes
    """

    if key not in KNOWN_KEYS:
        raise BadInput(_unknown(key))
    value, source = _effective(_document(), key)
    if value is None:
        click.echo(f"dutydesk: {key} is {source}", err=True)
        raise SystemExit(1)
    click.echo(str(value).lower() if isinstance(value, bool) else str(value))


@config_group.command(name="set")
@click.argument("key", shell_complete=complete_config_key)
@click.argument("value")
def set_cmd(key: str, value: str) -> None:
    """Set KEY to VALUE (numbers and true/false as such); checked before it is written.

    \b
    Example:
      dutydesk config set cutoff 16:30
      dutydesk config set office.phone "0300 456 4000"
    """
    if key == "theme":
        from textual.theme import BUILTIN_THEMES  # noqa: PLC0415  (Textual: only for this one key)

        if value not in BUILTIN_THEMES:
            raise BadInput(f"theme = {value!r} is not a theme the desk has; one of: {', '.join(BUILTIN_THEMES)}")
    _change(key, _typed(key, value))


@config_group.command(name="unset")
@click.argument("key", shell_complete=complete_config_key)
def unset_cmd(key: str) -> None:
    """Remove KEY: dutydesk uses its default again.

    \b
    Example:
      dutydesk config unset cutoff
    """
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
    return not_a_setting(key)


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
        shown = "the URL given" if key == "office_url" else repr(value)  # a URL may hold a secret: never echoed
        raise BadInput(f"{key} = {shown} is not accepted: {exc}") from None
    path = config_file()
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    path.write_text(text, encoding="utf-8")
    path.chmod(0o600)
    click.echo(f"{key} = {value}" if value is not None else f"{key} removed")
