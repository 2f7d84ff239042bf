"""`dutydesk office`: the letterhead's details (office name, address, phone, secure email, your
role and direct line), shown or set in config.toml's [office] table."""

from __future__ import annotations

import json

import click

from dutydesk.cli.root import cli
from dutydesk.config.office import FIELDS, REQUIRED, parse_office
from dutydesk.config.settings import load_settings
from dutydesk.config.write import set_config_table


@cli.command()
@click.option("--name", help="The office's name as on the letterhead, e.g. 'Cafcass, Birmingham office'.")
@click.option("--address", help="The office's postal address, lines separated by commas.")
@click.option("--phone", help="The office's telephone number.")
@click.option("--email", help="The office's secure email address.")
@click.option("--role", help="Your role as letters sign it, e.g. 'Family Court Adviser'.")
@click.option("--direct-line", help="Your direct line (optional).")
@click.option(
    "--clear",
    multiple=True,
    type=click.Choice(["name", "address", "phone", "email", "role", "direct-line"]),
    help="Remove this detail from the letterhead (repeatable).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the office details as JSON (null where not set).")
def office(clear: tuple[str, ...], as_json: bool, **given: str | None) -> None:
    """Show the office details letters are headed with, or set some of them.

    A letter to the court, children's social care or a party is not drafted while one it needs
    is missing. Each value is checked as it is set (a UK phone number, an email address).

    \b
    Example:
      dutydesk office --name "Cafcass, Birmingham office" --phone "0300 456 4000"
      dutydesk office
    """

    current = load_settings().office
    changes: dict[str, str | None] = {k: v for k, v in given.items() if v is not None}
    changes.update({name.replace("-", "_"): None for name in clear})
    if changes:
        merged = {**current.given(), **changes}
        merged = {k: v for k, v in merged.items() if v is not None}
        checked = parse_office(merged, "office")  # BadInput (exit 2) before anything is written
        set_config_table("office", {k: getattr(checked, k) if v is not None else None for k, v in changes.items()})
        current = checked
    if as_json:
        click.echo(json.dumps({name: getattr(current, name) or None for name in FIELDS}, ensure_ascii=False))
        return
    for name in FIELDS:
        value = getattr(current, name)
        shown = value if value else ("(not set: letters need it)" if name in REQUIRED else "(not set)")
        click.echo(f"{name.replace('_', ' '):<12} {shown}")
