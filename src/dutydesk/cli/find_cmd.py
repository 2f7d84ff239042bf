"""`dutydesk find`: the board's person search from the shell (¶2.17-2.18: previous knowledge is
the first screening source, and officers and scripts need it without opening the desk)."""

from __future__ import annotations

import json

import click

from dutydesk.cli.root import cli
from dutydesk.cli.store_cmds import open_store
from dutydesk.domain.people.matching import typed_query
from dutydesk.domain.rules.labels import label
from dutydesk.domain.time.dates import day, parse_date
from dutydesk.errors import BadInput
from dutydesk.infra.safe_text import neutralise


@cli.command()
@click.argument("name")
@click.option("--dob", help="Date of birth, e.g. 13/06/2015 (a slip of day and month is still found).")
@click.option("--postcode", help="A postcode, or the first line of an address, the person lived at.")
@click.option("--limit", type=click.IntRange(1, 200), default=20, show_default=True, help="At most this many.")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list, best match first.")
@click.pass_context
def find(ctx: click.Context, name: str, dob: str | None, postcode: str | None, limit: int, as_json: bool) -> None:
    """Find a person in every case in the store, whatever the spelling: each earlier record
    with its case reference, the person, how alike (likely / possible) and why, best first.
    Nothing found is not an error (exit 0, an empty list).

    \b
    Example:
      dutydesk find "Mohamed Rahman"
      dutydesk find --dob 1988-03-02 "Rahman" --json
    """
    if not name.strip():
        raise BadInput('give the person\'s name, e.g. dutydesk find "Mohammed Rahman"')
    born = None
    if dob is not None:
        try:
            born = parse_date(dob.strip())
        except BadInput as exc:
            raise BadInput(f"--dob: {exc}") from exc
    query = typed_query(name, born, postcode or "")
    assert query is not None  # a name was given
    with open_store(ctx) as store:
        found = store.search_people(query, limit=limit)
    if as_json:
        records = [
            {
                "reference": f.case_ref,
                "person_id": f.person_id,
                "name": f.name,
                "role": f.role,
                "date_of_birth": f.date_of_birth.isoformat() if f.date_of_birth else None,
                "label": f.match.label,
                "score": f.match.score,
                "reasons": list(f.match.reasons),
            }
            for f in found
        ]
        click.echo(json.dumps(records, ensure_ascii=False))
        return
    if not found:
        click.echo("Nobody found.")
    for f in found:
        born_text = day(f.date_of_birth) if f.date_of_birth else "date of birth not known"
        person = " ".join(f.name.split())  # a name is one line, whatever was pasted into it
        click.echo(
            neutralise(f"{f.match.label or '':<8} {f.match.score:.2f}  {f.case_ref}  {person} ({label(f.role)})")
        )
        click.echo(neutralise(f"         born {born_text}; why: {'; '.join(f.match.reasons)}"))
