"""`dutydesk deadline` and `dutydesk calendar`: the working-day calendar from the shell."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import click

from dutydesk.cli.root import cli
from dutydesk.config import calendar_files
from dutydesk.config.settings import load_settings
from dutydesk.domain.time.calendar import Count, WorkingCalendar, london_date, uk_date
from dutydesk.domain.time.dates import parse_hhmm, parse_instant
from dutydesk.errors import BadInput
from dutydesk.infra.safe_text import neutralise

_closures_opt = click.option(
    "--closures",
    "closures_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help='TOML file of [[closure]] tables (date = 2025-12-24, title = "…") to add.',
)


def _calendar(closures_file: Path | None, cutoff: str | None) -> WorkingCalendar:
    if closures_file is not None and not closures_file.is_file():
        raise BadInput(f"closures file {closures_file} does not exist")
    settings = load_settings()
    calendar = calendar_files.working_calendar(settings, closures_file)
    if cutoff is not None:
        calendar.cutoff = parse_hhmm(cutoff)
    return calendar


def count_as_json(count: Count, from_text: str) -> dict[str, object]:
    return {
        "from": from_text,
        "working_days": count.working_days,
        "direction": count.direction,
        "deemed_start": count.deemed_start.date.isoformat() if count.deemed_start else None,
        "deemed_start_reason": count.deemed_start.reason if count.deemed_start else None,
        "due": count.due.isoformat(),
        "skipped": [{"date": s.date.isoformat(), "reason": s.reason} for s in count.skipped],
        "explanation": count.explain(),
    }


@cli.command()
@click.argument("from_", metavar="FROM")
@click.option("--working-days", "-n", type=int, required=True, help="How many working days.")
@click.option("--before", is_flag=True, help="Count back (e.g. before a hearing).")
@click.option("--cutoff", metavar="HH:MM", help="Events at/after this time count from the next working day.")
@_closures_opt
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
def deadline(
    from_: str,
    working_days: int,
    before: bool,
    cutoff: str | None,
    closures_file: Path | None,
    as_json: bool,
) -> None:
    """The date N working days after (or before) FROM, in clear days, with the days skipped.

    FROM: 13/06/2025, 13/06/2025 16:10 (UK, day first) or ISO 8601.

    \b
    Example:
      dutydesk deadline "13/06/2025 16:10" --working-days 1
    """
    if working_days < 0:
        raise BadInput(f"--working-days must be 0 or more, not {working_days}")
    instant = parse_instant(from_, datetime.now(UTC))  # "today 16:10" counts from the wall clock
    calendar = _calendar(closures_file, cutoff)
    try:
        if before:
            count = calendar.count(london_date(instant), working_days, "before")
        else:
            count = calendar.count_from_event(instant, working_days)
    except ValueError as exc:  # an answer past the years the bank-holiday calendar knows
        raise BadInput(f"{working_days} working days from {from_} goes past what the calendar knows: {exc}") from None
    if as_json:
        click.echo(json.dumps(count_as_json(count, instant.isoformat()), ensure_ascii=False))
        return
    click.echo(f"Due: {uk_date(count.due)}")
    click.echo(neutralise(count.explain()))


@cli.command(name="calendar")
@click.argument("year", type=int)
@_closures_opt
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list.")
def calendar_cmd(year: int, closures_file: Path | None, as_json: bool) -> None:
    """List the weekdays in YEAR that are not working days in England and Wales, and why.

    \b
    Example:
      dutydesk calendar 2026
    """
    calendar = _calendar(closures_file, None)
    try:
        days = calendar.non_working_weekdays(year)
    except ValueError as exc:
        raise BadInput(str(exc)) from None
    if as_json:
        click.echo(json.dumps([{"date": d.isoformat(), "name": n} for d, n in days], ensure_ascii=False))
        return
    for d, name in days:
        click.echo(neutralise(f"{uk_date(d)}  {name}"))
