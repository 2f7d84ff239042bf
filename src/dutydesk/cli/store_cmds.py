"""Store commands: import, export, cases, secure, backup, restore (the audit trail: audit_cmds)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from dutydesk.cli.complete import complete_reference
from dutydesk.cli.output_flags import one_output_form
from dutydesk.cli.root import cli
from dutydesk.config.identity import resolve_officer
from dutydesk.domain.case.codec import Problems
from dutydesk.domain.time.calendar import LONDON
from dutydesk.errors import BadInput, DutydeskError
from dutydesk.infra import json_gate
from dutydesk.infra.log import LOGGER
from dutydesk.infra.safe_output import check_new_file, write_new
from dutydesk.infra.safe_text import neutralise
from dutydesk.services.importing import import_file
from dutydesk.store import anchors
from dutydesk.store.backup import backup as take
from dutydesk.store.backup import restore as put_back
from dutydesk.store.location import asked_for, resolve
from dutydesk.store.repository import Store
from dutydesk.store.trail_acts import record_restore

if TYPE_CHECKING:
    from dutydesk.store.repository import Store


@contextmanager
def open_store(ctx: click.Context, warn: bool = True, create: bool = False) -> Iterator[Store]:
    """The store, saying on stderr what opening it found (not for `audit verify`, which reports
    the same findings itself, once). A store named by --db or DUTYDESK_DB that is not there is
    made only by a command that puts cases in it (`create`: import, sync); any other command
    would answer from an empty store made of a typing slip ("No open cases.") — issue 34."""

    location = asked_for(resolve(ctx.obj.get("db")))
    if not create and location.named and location.path is not None and not location.path.exists():
        raise BadInput(
            f"there is no store at {location.path}: check the path (--db or DUTYDESK_DB); "
            "`dutydesk import FILE` or `dutydesk sync` with it starts a new store there"
        )
    store = Store.open(resolve_officer(), location=location)
    if store.backup_taken:
        click.echo(f"dutydesk: upgraded the store; backup kept at {store.backup_taken}", err=True)
    for warning in store.anchor_warnings if warn else []:
        click.echo(neutralise(f"dutydesk: warning: the audit trail is not what it was: {warning}"), err=True)
    try:
        yield store
    finally:
        store.close()


def read_json_file(path: Path) -> Any:
    """A JSON file through the one gate every way in uses (json_gate.py)."""

    return json_gate.read(path)


class CaseFileProblems(DutydeskError):
    exit_code = 2


def report_problems(path: Path, problems: Problems) -> CaseFileProblems:
    """Every problem on its own line on stderr; the summary line is the error."""
    for problem in problems.problems:
        click.echo(neutralise(f"{path}: {problem}"), err=True)
    count = len(problems.problems)
    return CaseFileProblems(f"{path}: {count} problem{'s' if count != 1 else ''}; nothing was imported")


@cli.command(name="import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--hmcts", is_flag=True, help="Refuse FILE unless it is HMCTS's Cafcass feed (the searchCases response).")
@click.pass_context
def import_cmd(ctx: click.Context, file: Path, hmcts: bool) -> None:
    """Import a case file (dutydesk-case/1) or HMCTS's Cafcass feed, told apart by what it
    holds; prints each case's reference (a feed: with what happened to it).

    \b
    Example:
      dutydesk import case.json
      dutydesk import --hmcts tests/fixtures/hmcts/cafcass-search-response.json
    """
    with open_store(ctx, create=True) as store:
        try:
            done = import_file(store, file, datetime.now(UTC), expect_feed=True if hmcts else None, show_progress=True)
        except Problems as problems:
            raise report_problems(file, problems) from None
    if done.case is not None:
        click.echo(done.case.case.case.reference)
        return
    results = done.feed or []
    for r in results:
        detail = f"; kept the officer's value for {', '.join(r.kept)}" if r.kept else ""
        click.echo(
            neutralise(f"{r.reference}\t{r.outcome}\tHMCTS {r.hmcts_case_id}\t{len(r.changed)} change(s){detail}")
        )
    for r in results:
        for warning in r.warnings:  # e.g. a confidentiality flag neither Yes nor No: kept confidential
            click.echo(neutralise(f"dutydesk: warning: {warning}"), err=True)
    if not results:
        click.echo("the feed holds no cases", err=True)


@cli.command()
@click.argument("reference", shell_complete=complete_reference)
@click.option("--out", type=click.Path(path_type=Path), help="Write to this new file instead of stdout.")
@click.option("--force", is_flag=True, help="Replace --out if it already exists.")
@click.pass_context
def export(ctx: click.Context, reference: str, out: Path | None, force: bool) -> None:
    """Export a case as a case file (dutydesk-case/1).

    \b
    Example:
      dutydesk export DD-2025-000104 --out DD-2025-000104.json
    """

    if out is not None:
        check_new_file(out, force)  # before the store is opened: a wrong --out changes nothing
    with open_store(ctx) as store:
        finding = store.integrity(reference)
        if finding is not None:  # what leaves as the record is what its trail sealed (issue 30)
            raise BadInput(
                f"{finding}. It is not exported as the record until an officer has looked "
                f"(`dutydesk audit verify`, then `dutydesk audit accept {reference} --reason …`)"
            )
        doc = store.export(reference)
        # The trail's head now, in the file and in the data folder: proof later that it is unchanged.
        doc["audit_anchor"] = store.anchor(f"export {reference}").as_json()
    text = json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
    if out is None:
        click.echo(text, nl=False)
        return
    write_new(out, text.encode("utf-8"), replace=force)
    click.echo(str(out), err=True)


@cli.command()
@click.option("--all", "show_all", is_flag=True, help="Include complete and closed cases.")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list.")
@click.option("-q", "--quiet", is_flag=True, help="Print only the references, one a line (for scripts).")
@click.pass_context
def cases(ctx: click.Context, show_all: bool, as_json: bool, quiet: bool) -> None:
    """Open cases, first hearing soonest first.

    \b
    Example:
      dutydesk cases
      dutydesk cases --all --json
      dutydesk cases -q | head -n 1
    """
    one_output_form(**{"--json": as_json, "-q": quiet})
    statuses = ("open", "allocated", "complete", "closed") if show_all else ("open", "allocated")
    with open_store(ctx) as store:
        found = store.list_cases(statuses)
    if quiet:
        for c in found:
            click.echo(c.reference)
        return
    today = datetime.now(UTC).astimezone(LONDON).date()
    if as_json:
        click.echo(
            json.dumps(
                [
                    {
                        "reference": c.reference,
                        "status": c.status,
                        "first_hearing_at": c.first_hearing_at.astimezone(LONDON).isoformat()
                        if c.first_hearing_at
                        else None,
                        "children": [
                            {"given_name": n, "date_of_birth": d.isoformat() if d else None} for n, d in c.children
                        ],
                    }
                    for c in found
                ],
                ensure_ascii=False,
            )
        )
        return
    if not found:
        click.echo("No cases." if show_all else "No open cases.")
    for c in found:
        hearing = (
            c.first_hearing_at.astimezone(LONDON).strftime("%a %d/%m/%Y %H:%M")
            if c.first_hearing_at
            else "no hearing listed"
        )
        kids = c.children_text(today, unknown_age="age not known") or "no children recorded"
        click.echo(neutralise(f"{c.reference}  {c.status:<9}  {hearing:<22}  {kids}"))


@cli.command()
@click.argument("reference", shell_complete=complete_reference)
@click.option("--reason", required=True, help="Why (e.g. serious case review notified on 13/06/2025).")
@click.pass_context
def secure(ctx: click.Context, reference: str, reason: str) -> None:
    """Secure a case's records (¶3.42-3.45): what is recorded can no longer be changed.

    \b
    Example:
      dutydesk secure DD-2025-000104 --reason "proceedings concluded"   # permanent: the records as they were cannot be changed
    """
    with open_store(ctx) as store:
        loaded = store.secure(reference, reason)
    when = loaded.secured_at
    at = datetime.fromisoformat(when) if isinstance(when, str) else when
    shown = at.astimezone(LONDON).strftime("%d/%m/%Y %H:%M") if at else "now"
    click.echo(
        f"{reference} secured at {shown} (UK time), for good: its records can no longer be changed; "
        "anything added later is marked 'recorded after securing'"
    )


def _sqlite_file(ctx: click.Context) -> tuple[Path, str | None]:
    """The store's file and, for an encrypted one, its key (DUTYDESK_DB_KEY)."""

    location = resolve(ctx.obj.get("db"))
    if location.path is None:
        raise BadInput("backup and restore work on a SQLite store; for a database server use its own tools")
    return location.path, location.key


@cli.command()
@click.option("--out", type=click.Path(path_type=Path), help="A file or folder. Default: backups/ beside the store.")
@click.pass_context
def backup(ctx: click.Context, out: Path | None) -> None:
    """Take a consistent copy of the store (safe while dutydesk is in use), owner-only, checked.

    \b
    Example:
      dutydesk backup
    """

    path, key = _sqlite_file(ctx)
    checked = take(path, out, key)
    if out is not None and out.is_dir():
        click.echo(f"dutydesk: --out {out} is a folder: the backup is {checked.path.name} inside it", err=True)
    anchor = anchors.record(
        str(path), anchors.Anchor(checked.audit_rows, checked.head_hash), f"backup {checked.path.name}"
    )
    LOGGER.info("backup of %s taken: %s (%d cases)", path, checked.path, checked.cases)
    click.echo(str(checked.path))
    click.echo(f"audit anchor {anchor.short()} (kept in {anchors.anchors_file()})")
    click.echo(
        f"{checked.cases} cases · audit chain verifies ({checked.audit_rows} rows, head {checked.head_hash[:16]}…)"
    )


@cli.command()
@click.argument("source", type=click.Path(path_type=Path))
@click.pass_context
def restore(ctx: click.Context, source: Path) -> None:
    """Replace the store with SOURCE after checking it (integrity, schema, audit chain); the
    store it replaces is kept beside it.

    \b
    Example:
      dutydesk backup --out /media/usb/dutydesk-copy.sqlite3   # first, a copy to restore from
      dutydesk restore /media/usb/dutydesk-copy.sqlite3
    """

    path, key = _sqlite_file(ctx)
    checked, kept = put_back(path, source, key)
    # The trail is rewound to the backup's on purpose: later anchors no longer apply — a row of
    # the restored trail says so, and the witness log's restore line names that row.

    store = Store.open(resolve_officer(), db=path)
    try:
        record_restore(store, source.name)
    finally:
        store.close()
    LOGGER.info("restored %s from %s (%d cases)", path, checked.path, checked.cases)
    click.echo(f"restored {checked.cases} cases from {checked.path}")
    if kept:
        click.echo(f"the store as it was is kept at {kept}")
