"""`dutydesk sync`: this laptop's store and the office's PostgreSQL store made one record (issue 33)."""

from __future__ import annotations

import json
from datetime import datetime

import click

from dutydesk.cli.root import cli
from dutydesk.cli.store_cmds import open_store
from dutydesk.config.identity import resolve_officer
from dutydesk.errors import BadInput
from dutydesk.infra.progress import progress
from dutydesk.services.sync import office_url, sync
from dutydesk.store.location import Location
from dutydesk.store.repository import Store


@cli.command("sync")
@click.option(
    "--office",
    "office",
    metavar="URL",
    help="The office store (default: DUTYDESK_OFFICE_URL or config.toml's office_url).",
)
@click.option(
    "--fetch", "fetch", multiple=True, metavar="REF", help="Also bring this closed case to the laptop (repeatable)."
)
@click.option("--json", "as_json", is_flag=True, help="Print what was synced as JSON.")
@click.pass_context
def sync_cmd(ctx: click.Context, office: str | None, fetch: tuple[str, ...], as_json: bool) -> None:
    """Sync this laptop's store with the office's: both end up holding every change.

    Each case changed on either side since the last sync is merged item by item and field by
    field; where both changed the same field the office's text stays and this laptop's is kept
    as a conflict note in the case's Chronology. Cases made here get the office's next reference
    (the laptop's stays an alias). Every open case of the office comes to the laptop. Run it as
    often as you like: a sync cut short is finished by the next.

    \b
    Example:
      dutydesk sync --office postgresql+psycopg://jsmith@db.office.local/dutydesk
      dutydesk sync --json
    """
    url = office_url(office)
    with open_store(ctx) as laptop:
        if laptop.location.path is None:
            raise BadInput("sync is for a laptop's own store (a file); this desk already works on a shared store")
        the_office = Store.open(resolve_officer(), location=Location(url, None))
        try:
            with progress("Syncing", None) as advance:
                report = sync(laptop, the_office, datetime.now().astimezone(), fetch, advance)
        finally:
            the_office.close()
    if as_json:
        click.echo(json.dumps(report.as_json(), ensure_ascii=False))
        return
    click.echo(f"Synced with {url.split('@')[-1]}: {report.line()}.")
    for old, new in report.renamed.items():
        click.echo(f"  {old} is now {new} at the office (its old reference still finds it)")
    for line in report.not_synced:
        click.echo(f"  not synced: {line}", err=True)
