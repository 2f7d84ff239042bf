"""`dutydesk review` and `dutydesk stats`: the Service Manager's compliance review of the duty
desk's work, and the team's monthly datasets — a table, JSON, CSV or a self-contained HTML page."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click
from rich.console import Console
from rich.table import Table
from rich.text import Text

from dutydesk.cli.complete import complete_reference
from dutydesk.cli.output_flags import one_output_form
from dutydesk.cli.root import cli
from dutydesk.cli.store_cmds import open_store
from dutydesk.config.policy_files import load_policy
from dutydesk.domain.review.charts import rate_words
from dutydesk.domain.review.review import stats_by_month, totals
from dutydesk.domain.time.dates import day, parse_date, parse_instant
from dutydesk.drafting.review_report import html_report
from dutydesk.errors import BadInput
from dutydesk.infra.progress import progress
from dutydesk.infra.safe_output import check_new_file, write_new
from dutydesk.services.review import run_review, select_references
from dutydesk.store.review_scope import Scope

if TYPE_CHECKING:
    from dutydesk.domain.review.review import CaseReview
    from dutydesk.store.review_scope import Scope

STATUS_STYLE = {"on_time": "green", "late": "yellow", "missed": "bold red", "open": "cyan", "not_applicable": "dim"}


def _scope_options(command: Any) -> Any:
    for option in reversed(
        [
            click.option("--last", type=click.IntRange(1, 1_000_000), help="The N most recently received cases."),
            click.option("--from", "received_from", help="Received on or after this date (13/06/2025)."),
            click.option("--to", "received_to", help="Received on or before this date."),
            click.option("--officer", help="Cases this officer recorded on (as the audit trail names them)."),
            click.option("--urgent", is_flag=True, help="Urgent and without notice, or worked before screening."),
            click.option("--case", "reference", help="One case.", shell_complete=complete_reference),
            click.option("--now", "now_text", help="Review as at this time (default: now), e.g. '16/06/2025 09:00'."),
        ]
    ):
        command = option(command)
    return command


def _scope(
    last: int | None = None,
    received_from: str | None = None,
    received_to: str | None = None,
    officer: str | None = None,
    urgent: bool = False,
    reference: str | None = None,
) -> Scope:

    return Scope(
        last,
        parse_date(received_from) if received_from else None,
        parse_date(received_to) if received_to else None,
        officer,
        urgent,
        reference,
    )


def _now(now_text: str | None) -> datetime:

    return parse_instant(now_text, datetime.now(UTC)) if now_text else datetime.now(UTC)


def _reviews(ctx: click.Context, scope: Scope, now: datetime) -> list[CaseReview]:

    policy = load_policy()
    with open_store(ctx) as store:
        references = select_references(store, scope)  # once: counted for the bar, then reviewed
        with progress("Reviewing cases", len(references)) as advance:
            return run_review(store, policy, now, scope, advance, references)


@cli.command()
@_scope_options
@click.option("--json", "as_json", is_flag=True, help="Print JSON: cases, their obligations, totals.")
@click.option("--csv", "as_csv", is_flag=True, help="Print CSV: a row per obligation, with a header.")
@click.option("--html", "html_file", type=click.Path(path_type=Path), help="Write a self-contained HTML report.")
@click.option("--force", is_flag=True, help="Replace --html if it exists.")
@click.pass_context
def review(
    ctx: click.Context,
    /,
    now_text: str | None,
    as_json: bool,
    as_csv: bool,
    html_file: Path | None,
    force: bool,
    **chosen: Any,
) -> None:
    """Every obligation on each case in scope — checks (¶2.18-2.20), the C1A notice (App. III),
    the Service Manager discussion (¶2.81), written confirmation (¶2.103), the Service Manager's
    copy (¶2.108), the LA chased (¶2.104), the court informed (¶2.106), emergency work recorded
    (¶2.22), risk identification before the first hearing (¶2.28) — due, done, and on_time,
    late, missed, open or not_applicable, each explained.

    \b
    Example:
      dutydesk review
      dutydesk review --from 01/01/2026 --csv > review.csv
      dutydesk review --html review.html
    """

    one_output_form(**{"--json": as_json, "--csv": as_csv, "--html": html_file is not None})
    if html_file is not None:
        check_new_file(html_file, force)
    scope = _scope(**chosen)
    reference = scope.reference
    now = _now(now_text)
    reviews = _reviews(ctx, scope, now)
    if reference and not reviews:
        raise BadInput(f"no case {reference!r} in the store")
    summary = totals(reviews)
    if as_json:
        click.echo(
            json.dumps(
                {
                    "scope": scope.describe(),
                    "as_at": now.isoformat(),
                    "cases": [r.as_json() for r in reviews],
                    "totals": summary,
                },
                ensure_ascii=False,
            )
        )
    elif as_csv:
        click.echo(_csv(reviews), nl=False)
    elif html_file is not None:
        write_new(html_file, html_report(reviews, summary, scope.describe(), now).encode("utf-8"), replace=force)
        click.echo(str(html_file))
    else:
        _table(reviews, summary, scope.describe())


def _csv(reviews: list[CaseReview]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(
        ["reference", "urgent", "obligation", "what", "ref", "due", "done", "status", "days_late", "how", "flag"]
    )
    for r in reviews:
        for o in r.obligations:
            writer.writerow(
                [
                    r.reference,
                    "yes" if r.urgent else "no",
                    o.key,
                    o.what,
                    o.ref,
                    o.due.isoformat() if o.due else "",
                    o.done.isoformat() if o.done else "",
                    o.status,
                    "" if o.days_late is None else o.days_late,
                    o.how,
                    o.flag or "",
                ]
            )
    return out.getvalue()


def _table(reviews: list[CaseReview], summary: dict[str, object], scope: str) -> None:

    console = Console(highlight=False)
    table = Table(
        title=Text(f"Compliance review — {scope}"), title_justify="left", expand=True
    )  # an officer's name: literal
    for name in ("Case", "Obligation", "Due", "Done", "Status"):
        table.add_column(name, overflow="fold")
    # Flagged first (¶2.30, ¶2.81 "immediately"; ¶2.87): an Imminent or High case's open discussion
    # or urgent action heads the table, then every case in its order.
    rows = [(r, o) for r in reviews for o in r.obligations if o.status != "not_applicable"]
    rows.sort(key=lambda pair: 0 if pair[1].flag else 1)
    for r in reviews:
        if r.problem:
            table.add_row(Text(r.reference), Text(r.problem, style="red"), "", "", "")
    for r, o in rows:
        status = o.status.replace("_", " ") + (f" ({o.days_late} wd)" if o.days_late else "")
        what = Text(f"! {o.flag}: ", style="bold red") if o.flag else Text("")
        what.append(f"{o.what} ({o.ref})")
        table.add_row(
            Text(r.reference),
            what,
            day(o.due) if o.due else "—",
            day(o.done) if o.done else "—",
            Text(status, style=STATUS_STYLE[o.status]),
        )
    console.print(table)
    due = sum(int(summary[k]) for k in ("on_time", "late", "missed"))  # type: ignore[call-overload]
    rate = summary["on_time_rate"]
    flagged = sum(1 for _r, o in rows if o.flag)
    console.print(
        Text(
            f"{summary['cases']} cases · on time {summary['on_time']} · late {summary['late']} · missed "
            f"{summary['missed']} · open {summary['open']} · not applicable {summary['not_applicable']} · "
            + rate_words(100 * rate if isinstance(rate, float) else None, due)
            + (f" · {flagged} flagged (!)" if flagged else "")
        )
    )


@cli.command()
@click.option(
    "--by", type=click.Choice(["month"]), default="month", show_default=True, help="The grouping: the month received."
)
@_scope_options
@click.option("--json", "as_json", is_flag=True, help="Print JSON: a row per month.")
@click.option("--csv", "as_csv", is_flag=True, help="Print CSV: a row per month, plain cells (empty for none).")
@click.pass_context
def stats(ctx: click.Context, /, by: str, now_text: str | None, as_json: bool, as_csv: bool, **chosen: Any) -> None:
    """The team's datasets by month received: applications screened, police checks required and
    made, referrals by kind, written confirmations on time (%), LA chased, Service Manager
    discussions, C1A-missing notices, median working days from receipt to screening.

    \b
    Example:
      dutydesk stats
      dutydesk stats --csv > datasets.csv
    """

    del by  # one grouping today; the option keeps the command's shape for more
    one_output_form(**{"--json": as_json, "--csv": as_csv})
    reviews = _reviews(ctx, _scope(**chosen), _now(now_text))
    rows = stats_by_month(reviews)
    if as_json:
        click.echo(json.dumps({"by": "month", "months": rows}, ensure_ascii=False))
        return
    columns = [k for k in (rows[0] if rows else {}) if k != "referrals"] + ["referrals"]
    if as_csv:
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(columns)
        for row in rows:
            writer.writerow([_csv_cell(row[c]) for c in columns])
        click.echo(out.getvalue(), nl=False)
        return

    # Months across, measures down: a year fits a terminal, thirteen measures would not.
    table = Table(title="Datasets by month received", title_justify="left")
    table.add_column("", overflow="fold")
    for row in rows:
        table.add_column(str(row["month"]), overflow="fold")
    for name in columns[1:]:
        table.add_row(name.replace("_", " ").replace(" pct", " %"), *(_cell(row[name]) for row in rows))
    Console(highlight=False).print(table)


def _csv_cell(value: object) -> str:
    """A plain cell for a spreadsheet: empty for none, a count per kind as kind=count."""
    if isinstance(value, dict):
        return "; ".join(f"{k}={v}" for k, v in sorted(value.items()))
    return "" if value is None else str(value)


def _cell(value: object) -> str:
    if isinstance(value, dict):
        return "; ".join(f"{k.replace('_', ' ')} {v}" for k, v in sorted(value.items())) or "none"
    return "—" if value is None else str(value)
