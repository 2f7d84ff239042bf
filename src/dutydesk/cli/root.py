"""The root command group and options shared by sub-commands."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from dutydesk import __version__
from dutydesk.config.identity import resolve_officer
from dutydesk.config.settings import config_warnings
from dutydesk.infra import log

if TYPE_CHECKING:
    pass

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
    "lock-passphrase": "lock_cmd",
    "office-store": "office_store_cmd",
    "sync": "sync_cmd",
    "paths": "paths_cmd",
}


def _who() -> str:

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

    log.setup(verbose)
    if ctx.invoked_subcommand:
        log.LOGGER.info("command %s by %s", ctx.invoked_subcommand, _who())

        # A typo in config.toml is never silent; the desk says it in a notification instead
        # (printed here, it would flash before the full screen and vanish).
        for warning in config_warnings():
            click.echo(f"dutydesk: warning: {warning}", err=True)
    else:
        if not (sys.stdin.isatty() and sys.stdout.isatty()):
            click.echo(ctx.get_help())
            return 0
        from dutydesk.cli.desk import open_desk  # noqa: PLC0415  (Textual and the desk: only when the desk opens)

        return open_desk(db, verbose)
    return 0
