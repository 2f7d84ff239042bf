"""`dutydesk screen FILE.json`: evaluate a case file without storing it."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import click

from dutydesk.cli.root import cli
from dutydesk.cli.store_cmds import read_json_file, report_problems
from dutydesk.domain.casefile import parse_case
from dutydesk.domain.codec import Problems
from dutydesk.domain.dates import parse_instant
from dutydesk.domain.screen import screen
from dutydesk.domain.screen_report import as_json, as_text
from dutydesk.policy import load_policy
from dutydesk.safe_text import neutralise


@cli.command(name="screen")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--now", "now_text", metavar="WHEN", help="Evaluate as at this time (UK or ISO); default: now.")
@click.option("--json", "as_json_flag", is_flag=True, help="Print one JSON object.")
def screen_cmd(file: Path, now_text: str | None, as_json_flag: bool) -> None:
    """What the framework requires next for a case file, why, and by when. Stores nothing."""
    now = parse_instant(now_text) if now_text else datetime.now(UTC)
    policy = load_policy()
    try:
        case = parse_case(read_json_file(file), policy.risk_factors.factors)
    except Problems as problems:
        raise report_problems(file, problems) from None
    result = screen(case, policy, now)
    if as_json_flag:
        click.echo(json.dumps(as_json(case, result), ensure_ascii=False))
    else:
        click.echo(neutralise(as_text(case, result)))
