"""The root command group and options shared by sub-commands."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from dutydesk.store.repository import Store

from dutydesk import __version__


@click.group(context_settings={"help_option_names": ["-h", "--help"]}, invoke_without_command=True)
@click.version_option(__version__, prog_name="dutydesk")
@click.option(
    "--db",
    type=click.Path(dir_okay=False, path_type=Path),
    envvar="DUTYDESK_DB",
    help="The case store (SQLite file). Default: your data folder; DUTYDESK_DB sets it too.",
)
@click.pass_context
def cli(ctx: click.Context, db: Path | None) -> None:
    """dutydesk: screening, risk identification and referrals for a Cafcass duty officer.

    With no command, opens the duty desk on your store (at a terminal).
    """
    ctx.obj = {"db": db}
    if ctx.invoked_subcommand is None:
        if not (sys.stdin.isatty() and sys.stdout.isatty()):
            click.echo(ctx.get_help())
            return
        from dutydesk.app import run_app
        from dutydesk.identity import resolve_officer
        from dutydesk.store.location import resolve

        officer, location = resolve_officer(), resolve(db)

        def opener() -> Store:
            from dutydesk.store.repository import Store

            return Store.open(officer, location=location)

        run_app(opener=opener, quick_path=location.path)
