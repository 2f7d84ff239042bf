"""The root command group and options shared by sub-commands."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from dutydesk.store.repository import Store

from dutydesk import __version__

# Sub-commands are imported when asked for (their modules register themselves on `cli`): the
# duty desk itself, the commonest launch, then pays for none of their imports.
SUBCOMMAND_MODULES = {
    "deadline": "calendar_cmds",
    "calendar": "calendar_cmds",
    "demo": "demo_cmd",
    "screen": "screen_cmd",
    "screenshots": "screenshots_cmd",
    "import": "store_cmds",
    "export": "store_cmds",
    "cases": "store_cmds",
    "audit": "audit_cmds",
    "draft": "draft_cmd",
    "office": "office_cmd",
    "config": "config_cmd",
    "review": "review_cmd",
    "find": "find_cmd",
    "stats": "review_cmd",
    "secure": "store_cmds",
    "backup": "store_cmds",
    "restore": "store_cmds",
}


def _who() -> str:
    from dutydesk.config.identity import resolve_officer

    try:
        return resolve_officer().name
    except Exception:
        return "unknown"


class LazyGroup(click.Group):
    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        module = SUBCOMMAND_MODULES.get(cmd_name)
        if module and cmd_name not in self.commands:
            importlib.import_module(f"dutydesk.cli.{module}")
        return super().get_command(ctx, cmd_name)

    def list_commands(self, ctx: click.Context) -> list[str]:
        for module in sorted(set(SUBCOMMAND_MODULES.values())):
            importlib.import_module(f"dutydesk.cli.{module}")
        return super().list_commands(ctx)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]}, invoke_without_command=True)
@click.version_option(__version__, prog_name="dutydesk")
@click.option(
    "--db",
    type=click.Path(dir_okay=False, path_type=Path),
    envvar="DUTYDESK_DB",
    help="The case store (SQLite file). Default: your data folder; DUTYDESK_DB sets it too.",
)
@click.option("-v", "--verbose", is_flag=True, help="Echo the activity log (what was done, to which case) to stderr.")
@click.pass_context
def cli(ctx: click.Context, db: Path | None, verbose: bool) -> int:
    """dutydesk: screening, risk identification and referrals for a Cafcass duty officer.

    With no command, opens the duty desk on your store (at a terminal).
    """
    ctx.obj = {"db": db}
    from dutydesk.infra import log

    log.setup(verbose)
    if ctx.invoked_subcommand:
        log.LOGGER.info("command %s by %s", ctx.invoked_subcommand, _who())
        from dutydesk.config.settings import config_warnings

        # A typo in config.toml is never silent; the desk says it in a notification instead
        # (printed here, it would flash before the full screen and vanish).
        for warning in config_warnings():
            click.echo(f"dutydesk: warning: {warning}", err=True)
    else:
        if not (sys.stdin.isatty() and sys.stdout.isatty()):
            click.echo(ctx.get_help())
            return 0
        from dutydesk.config.identity import resolve_officer
        from dutydesk.store.location import resolve
        from dutydesk.tui.app import run_app

        officer, location = resolve_officer(), resolve(db)

        def opener() -> Store:
            from dutydesk.store.repository import Store

            return Store.open(officer, location=location)

        return run_app(opener=opener, quick_path=location.path)  # 1 after an unexpected error
    return 0


@cli.command(name="lock-passphrase")
@click.option("--clear", is_flag=True, help="Remove the passphrase (Enter alone unlocks).")
def lock_passphrase(clear: bool) -> None:
    """Set the passphrase that unlocks dutydesk after the idle lock (idle_lock_minutes in
    config.toml). Read from the terminal without echo, or one line from stdin in a script;
    config.toml keeps only a scrypt hash."""
    import getpass

    from dutydesk.config.passphrase import hash_passphrase
    from dutydesk.config.settings import config_file, load_settings
    from dutydesk.config.write import set_config_value
    from dutydesk.errors import BadInput

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
