"""`dutydesk screen FILE.json|REFERENCE`: evaluate a case file, or a case in the store, without
storing anything."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import click

from dutydesk.cli.complete import complete_reference_or_file
from dutydesk.cli.root import cli
from dutydesk.cli.store_cmds import open_store, read_json_file, report_problems
from dutydesk.config.policy_files import load_policy
from dutydesk.domain.case.casefile import parse_case
from dutydesk.domain.case.codec import Problems
from dutydesk.domain.rules.report import as_json, as_text
from dutydesk.domain.rules.screening import screen_case
from dutydesk.domain.time.dates import parse_instant
from dutydesk.errors import BadInput, NotFound
from dutydesk.infra.safe_text import neutralise
from dutydesk.store.location import resolve

if TYPE_CHECKING:
    from dutydesk.domain.case.model import Case


@cli.command(name="screen")
@click.argument("source", metavar="FILE|REFERENCE", shell_complete=complete_reference_or_file)
@click.option("--now", "now_text", metavar="WHEN", help="Evaluate as at this time (UK or ISO); default: now.")
@click.option("--json", "as_json_flag", is_flag=True, help="Print one JSON object.")
@click.pass_context
def screen_cmd(ctx: click.Context, source: str, now_text: str | None, as_json_flag: bool) -> None:
    """What the framework requires next for a case file (or a case in the store, by its
    reference), why, and by when. Stores nothing.

    \b
    Example:
      dutydesk screen DD-2025-000104
      dutydesk screen case.json --json
    """
    now = parse_instant(now_text, datetime.now(UTC)) if now_text else datetime.now(UTC)
    policy = load_policy()
    file = Path(source)
    if file.is_file() or file.suffix.lower() == ".json":
        try:
            case = parse_case(read_json_file(file), policy.risk_factors.factors, strict_keys=True)
        except Problems as problems:
            raise report_problems(file, problems) from None
    else:
        case = _stored_case(ctx, source)
    result = screen_case(case, policy, now)
    if as_json_flag:
        click.echo(json.dumps(as_json(case, result), ensure_ascii=False))
    else:
        click.echo(neutralise(as_text(case, result)))


def _stored_case(ctx: click.Context, reference: str) -> Case:
    """The case as stored, without creating a store where there is none."""

    location = resolve(ctx.obj.get("db"))
    if location.path is not None and not location.path.is_file():
        raise BadInput(f"{reference} is not a file, and there is no store at {location.path} to find it in")
    with open_store(ctx) as store:
        try:
            return store.load(reference).case
        except NotFound:
            where = location.describe()
            raise BadInput(f"{reference} is neither a file nor a case in the store {where}") from None
