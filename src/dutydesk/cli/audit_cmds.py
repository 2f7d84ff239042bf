"""The audit trail's commands: verify, accept, show, and the deliberate acts on the whole trail
(start-keying, repair-derived), each recorded in the trail (issue 30)."""

from __future__ import annotations

import json
from datetime import datetime

import click

from dutydesk.cli.complete import complete_reference
from dutydesk.cli.root import cli
from dutydesk.cli.store_cmds import open_store
from dutydesk.domain.time.dates import uk_instant_seconds
from dutydesk.errors import BadInput
from dutydesk.infra.progress import progress
from dutydesk.infra.safe_text import neutralise
from dutydesk.services.sync import cross_check, laptop_device, office_url, open_office
from dutydesk.store import anchors
from dutydesk.store.audit import UNKEYED_WITH_KEY
from dutydesk.store.repository import Store
from dutydesk.store.trail_acts import repair_derived as rebuild
from dutydesk.store.trail_acts import start_keying as begin


@cli.group()
def audit() -> None:
    """The audit trail: verify the chain, show a case's history."""


@audit.command()
@click.option(
    "--since",
    "since",
    multiple=True,
    metavar="ANCHOR",
    help="An anchor (ROWS:HASH, or an export file): the trail up to it must be unchanged. Repeatable.",
)
@click.option(
    "--office",
    "office",
    metavar="URL",
    help="Also check this laptop against the office store it syncs with: each still holds what the other saw of it.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the verdict as JSON (exit 0 or 1 as without it).")
@click.pass_context
def verify(ctx: click.Context, since: tuple[str, ...], office: str | None, as_json: bool) -> int:
    """Exit 0 when everything holds, 1 naming what does not.

    Checks the hash chain; every case's document, columns and people index against its trail
    (a case deleted or edited from outside); and the trail against every anchor written down
    outside the store (backups, exports, drafted documents) and any given with --since.

    \b
    Example:
      dutydesk audit verify
      dutydesk audit verify --office postgresql+psycopg://jsmith@db.office.local/dutydesk
    """

    given = [anchors.parse(a) for a in since]  # a wrong anchor is bad input (exit 2) before any work
    with open_store(ctx.find_root(), warn=False) as store:
        verdict = store.verify_audit()
        rewritten = store.anchor_problems(given)

        with progress("Checking every case against its trail", store.count_cases()) as advance:
            findings = store.check_integrity(advance)
        kept = len(store.known_anchors()) + len(given)
        restores = store.restores_named()
        guards = store.guard_problems()
        devices, device_problems = store.device_problems()
        crossed = _cross_check(store, office) if office else []
    if verdict.ok:
        problems = []
    elif verdict.problem == UNKEYED_WITH_KEY:  # not a broken row: a key set over a trail never keyed
        problems = [verdict.problem]
    else:
        problems = [f"audit trail broken at row {verdict.first_bad_seq}: {verdict.problem}"]
    problems += rewritten + [str(f) for f in findings] + guards + device_problems + crossed
    if as_json:
        verdict_doc = {
            "ok": not problems,
            "rows": verdict.rows,
            "head": f"{verdict.rows}:{verdict.head}",
            "problems": problems,
            "restores": restores,
            "anchors": kept,
            "laptop_chains": devices,
        }
        click.echo(json.dumps(verdict_doc, ensure_ascii=False))
        return 1 if problems else 0
    for line in restores:  # recorded acts, not faults: said every time, so nothing vanishes unseen
        click.echo(neutralise(line))
    if not problems:
        click.echo(
            f"audit trail intact: {verdict.rows} rows; head {verdict.rows}:{verdict.head}; every case matches "
            f"its trail; {kept} anchor{'s' if kept != 1 else ''} hold"
            + (f"; {devices} laptop chain{'s' if devices != 1 else ''} hold" if devices else "")
            + ("; the office and this laptop each hold what the other saw" if office else "")
        )
        return 0
    for problem in problems:
        click.echo(neutralise(problem))
    click.echo(f"dutydesk: the store does not match its audit trail: {neutralise(problems[0])}", err=True)
    return 1


@audit.command()
@click.argument("reference", shell_complete=complete_reference)
@click.option("--reason", required=True, help="What was found and why the stored case is right.")
@click.pass_context
def accept(ctx: click.Context, reference: str, reason: str) -> None:
    """After looking at a case `audit verify` names: accept the stored case as the record.

    The whole document, who, when and why go into the trail; nothing in it is rewritten.

    \b
    Example:
      dutydesk audit accept DD-2025-000104 --reason "checked against the paper file"
    """
    with open_store(ctx.find_root()) as store:
        finding = store.integrity(reference)
        if finding is None:
            raise BadInput(f"case {reference} already matches its audit trail; there is nothing to accept")
        loaded = store.accept(reference, reason)
    click.echo(neutralise(f"{reference}: accepted as version {loaded.version} ({finding.problem})"))


@audit.command()
@click.argument("reference", shell_complete=complete_reference)
@click.option("--json", "as_json", is_flag=True, help="Print the case's trail rows as JSON.")
@click.pass_context
def show(ctx: click.Context, reference: str, as_json: bool) -> None:
    """Print a case's history: who changed what, when (London time).

    \b
    Example:
      dutydesk audit show DD-2025-000104
      dutydesk audit show DD-2025-000104 --json
    """
    with open_store(ctx.find_root()) as store:
        rows = store.history(reference)
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False))
        return
    for r in rows:
        at = uk_instant_seconds(datetime.fromisoformat(r["at"]))
        what = {
            "create": "created the case",
            "baseline": "sealed the case document as it stood (schema upgrade)",
            "accepted": f"accepted the stored case as the record after a check: {r['old']}",
        }.get(r["action"], f"{r['entity']}.{r['field']}: {r['old']} → {r['new']}")
        mark = " [recorded after securing]" if r["action"] == "after_securing" else ""
        # On the office store the database's own name for who connected (schema 0007) is shown too.
        who = f"{r['os_user']}, connected as {r['db_user']}" if r.get("db_user") else r["os_user"]
        click.echo(neutralise(f"#{r['seq']} {at} {r['officer']} ({who}) v{r['version']} {what}{mark}"))


@audit.command(name="start-keying")
@click.option("--reason", required=True, help="Why the trail is sealed with the office's audit key from now on.")
@click.pass_context
def start_keying(ctx: click.Context, reason: str) -> None:
    """Seal the trail with DUTYDESK_AUDIT_KEY from the next row on (HMAC-SHA256).

    Never started by a key merely being set: the trail is checked first, and this act is a row
    of the trail and a line of the witness log outside the store.

    \b
    Example:
      DUTYDESK_AUDIT_KEY=… dutydesk audit start-keying --reason "the office chose its audit key"
    """

    with open_store(ctx.find_root(), warn=False) as store:  # the warning is what this answers
        head = begin(store, reason)
    click.echo(f"the audit trail is sealed with the audit key from row {head.rows} on; head {head.short()}")


@audit.command(name="repair-derived")
@click.option("--reason", required=True, help="What verify found and why it is rebuilt.")
@click.pass_context
def repair_derived(ctx: click.Context, reason: str) -> int:
    """Rebuild the tables kept beside the documents (lists' columns, updated by/at, people
    index, person-search keys) from documents that match their trail; recorded in the trail.

    A case whose document does not match its trail is left for an officer to look at and accept.

    \b
    Example:
      dutydesk audit repair-derived
    """

    with open_store(ctx.find_root()) as store:
        done = rebuild(store, reason)
    for finding in done.rebuilt:
        click.echo(neutralise(f"rebuilt {finding}"))
    if done.stray_keys:
        click.echo("removed person-search keys that belonged to no one")
    if not done.rebuilt and not done.stray_keys:
        click.echo("every derived table matches its documents; nothing was rebuilt")
    for finding in done.left:
        click.echo(neutralise(f"left for an officer: {finding}"))
    if done.left:
        click.echo(
            f"dutydesk: {len(done.left)} case(s) do not match their trail: look at each and accept it "
            "(`dutydesk audit accept REF --reason …`)",
            err=True,
        )
        return 1
    return 0


def _cross_check(laptop: Store, url: str) -> list[str]:
    """`verify --office`: this laptop and the office store against each other (issue 33)."""
    device = laptop_device(laptop)
    if device is None:
        return ["this store has never synced with an office: nothing to check against"]
    office = open_office(laptop.officer, office_url(url))
    try:
        verdict = office.verify_audit()
        problems = (
            [] if verdict.ok else [f"the office's audit trail broken at row {verdict.first_bad_seq}: {verdict.problem}"]
        )
        return problems + cross_check(laptop, office, device)
    finally:
        office.close()
