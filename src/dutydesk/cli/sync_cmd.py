"""`dutydesk sync`: this laptop's store and the office's PostgreSQL store made one record (issue 33)."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime

import click

from dutydesk.cli.root import cli
from dutydesk.cli.store_cmds import open_store
from dutydesk.config.identity import resolve_officer
from dutydesk.domain.case.casefile import REFERENCE
from dutydesk.errors import BadInput
from dutydesk.infra.progress import progress
from dutydesk.services.sync import office_url, open_office, sync


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
@click.option(
    "--timeout",
    type=click.IntRange(5, 86_400),
    default=600,
    show_default=True,
    metavar="SECONDS",
    help="Stop if the sync has not finished in this time (a network that stalls without closing); the next sync goes on.",
)
@click.pass_context
def sync_cmd(ctx: click.Context, office: str | None, fetch: tuple[str, ...], as_json: bool, timeout: int) -> None:
    """Sync this laptop's store with the office's: both end up holding every change.

    Each case changed on either side since the last sync is merged item by item and field by
    field; where both changed the same field the office's text stays and this laptop's is kept
    as a conflict note in the case's Chronology. Cases made here get the office's next reference
    (the laptop's stays an alias). Every open case of the office comes to the laptop. Run it as
    often as you like: a sync cut short is finished by the next. Exit 0 when everything synced;
    1 when a case could not be (each named on stderr, left as it was on both sides) or the sync
    was refused; 2 for bad input.

    \b
    Example:
      dutydesk sync --office postgresql+psycopg://jsmith@db.office.local/dutydesk
      dutydesk sync --json
    """
    url = office_url(office)
    for ref in fetch:
        if not REFERENCE.match(ref):
            raise BadInput(f"--fetch {ref!r} is not a case reference: letters, digits, - and _, e.g. DD-2025-000123")
    the_office = open_office(resolve_officer(), url)  # first: an office that is not one makes nothing here
    with contextlib.ExitStack() as closing:
        closing.callback(the_office.close)
        laptop = closing.enter_context(open_store(ctx, create=True))
        if laptop.location.path is None:
            raise BadInput("sync is for a laptop's own store (a file); this desk already works on a shared store")
        with progress("Syncing", None) as advance, _deadline(timeout):
            report = sync(laptop, the_office, datetime.now().astimezone(), fetch, advance)
    if as_json:
        click.echo(json.dumps(report.as_json(), ensure_ascii=False))
        if report.not_synced:
            raise SystemExit(1)
        return
    click.echo(f"Synced with {url.split('@')[-1]}: {report.line()}.")
    for old, new in report.renamed.items():
        click.echo(f"  {old} is now {new} at the office (its old reference still finds it)")
    for line in report.not_synced:
        click.echo(f"  not synced: {line}", err=True)
    if report.not_synced:
        # Left as they were on both sides; said on stderr, and the exit code says it to a script.
        raise SystemExit(1)


@contextmanager
def _deadline(seconds: int) -> Iterator[None]:
    """A stalled network never closes the connection, and the driver would wait on it for ever —
    and so would any rollback or reset on the way out. When the time is up the process ends
    there and then, as a kill would: each case is its own transactions (a killed sync is finished
    by the next, tests/faults/test_sync_faults.py), so what was done stays done."""

    def stop(_signum: int, _frame: object) -> None:
        if sys.stderr.isatty():
            sys.stderr.write("\x1b[?25h\n")  # the progress bar hid the cursor: give it back
        sys.stderr.write(
            f"dutydesk: the sync did not finish in {seconds} s (the office store stopped answering?); "
            "what was done is kept — run it again to finish\n"
        )
        sys.stderr.flush()
        os._exit(1)

    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
