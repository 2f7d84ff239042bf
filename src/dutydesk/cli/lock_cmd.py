"""`dutydesk lock-passphrase`: the passphrase that unlocks the desk after the idle lock."""

from __future__ import annotations

import getpass
import sys

import click

from dutydesk.cli.root import cli
from dutydesk.config.passphrase import hash_passphrase
from dutydesk.config.settings import config_file, load_settings
from dutydesk.config.write import set_config_value
from dutydesk.errors import BadInput


@cli.command(name="lock-passphrase")
@click.option("--clear", is_flag=True, help="Remove the passphrase (Enter alone unlocks).")
def lock_passphrase(clear: bool) -> None:
    """Set the passphrase that unlocks dutydesk after the idle lock (idle_lock_minutes in
    config.toml). Read from the terminal without echo, or one line from stdin in a script;
    config.toml keeps only a scrypt hash.

    \b
    Example:
      dutydesk lock-passphrase
      printf '%s\n' "$PASSPHRASE" | dutydesk lock-passphrase
    """
    stored: str | None = None
    if not clear:
        if sys.stdin.isatty() and not sys.stdout.isatty():
            raise BadInput(
                "give the passphrase on stdin (one line) or run this at a terminal: it never asks into a pipe"
            )
        at_terminal = sys.stdin.isatty() and sys.stdout.isatty()
        passphrase = getpass.getpass("Passphrase: ") if at_terminal else sys.stdin.readline().rstrip("\n")
        if len(passphrase) < 8:
            raise BadInput("a passphrase needs at least 8 characters")
        stored = hash_passphrase(passphrase)
    # Through tomlkit, at the top level whatever tables follow (a hand-appended line after a
    # table landed inside it and silently did nothing).
    set_config_value("lock_passphrase", stored)
    if load_settings().lock_passphrase != stored:  # said only when it is so
        raise BadInput(f"the passphrase could not be saved in {config_file()}")
    click.echo("passphrase removed" if clear else f"passphrase set (a scrypt hash in {config_file()})")
