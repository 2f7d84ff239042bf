"""The root command group and options shared by sub-commands."""

from __future__ import annotations

from pathlib import Path

import click

from dutydesk import __version__


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="dutydesk")
@click.option(
    "--db",
    type=click.Path(dir_okay=False, path_type=Path),
    envvar="DUTYDESK_DB",
    help="The case store (SQLite file). Default: your data folder; DUTYDESK_DB sets it too.",
)
@click.pass_context
def cli(ctx: click.Context, db: Path | None) -> None:
    """dutydesk: screening, risk identification and referrals for a Cafcass duty officer."""
    ctx.obj = {"db": db}
