"""`dutydesk demo`: a demo store of sample cases; `--generate N` writes synthetic cases."""

from __future__ import annotations

import sys
from itertools import islice
from pathlib import Path

import click

from dutydesk.cli.root import cli
from dutydesk.config.identity import resolve_officer
from dutydesk.errors import BadInput
from dutydesk.infra.progress import progress
from dutydesk.services.demo import demo_db_path, prepare_demo
from dutydesk.store.repository import Store, create_many
from dutydesk.store.summary import quick_open_cases
from dutydesk.tui.app import run_app


@cli.command()
@click.option("--generate", "count", type=int, help="Write N synthetic cases (Faker en_GB) into --db.")
@click.option("--seed", type=int, default=1, show_default=True, help="Random seed for --generate.")
@click.option("--no-ui", is_flag=True, help="Prepare the demo store and list it; do not start the app.")
@click.option(
    "--db", "demo_db", type=click.Path(dir_okay=False, path_type=Path), help="The store to use (as dutydesk --db)."
)
@click.pass_context
def demo(ctx: click.Context, count: int | None, seed: int, no_ui: bool, demo_db: Path | None) -> None:
    """Open the demo store of sample cases (made on first use) in the duty desk.

    \b
    Example:
      dutydesk demo
      dutydesk demo --no-ui
    """
    db: Path | None = demo_db or ctx.obj.get("db")
    officer = resolve_officer()
    if count is not None:
        if db is None:
            raise BadInput("--generate needs --db PATH: synthetic cases never go into your real store")
        if count < 0:
            raise BadInput(f"--generate must be 0 or more, not {count}")

        try:
            from dutydesk.tools.synthetic import generate  # noqa: PLC0415  (Faker: an optional extra)
        except ImportError:
            raise BadInput(
                "--generate needs Faker, which is not installed: pip install 'dutydesk[synthetic]'"
            ) from None

        store = Store.open(officer, db=db)
        cases = generate(count, seed=seed)
        with progress("Generating cases", count) as advance:
            while batch := list(islice(cases, 2000)):
                create_many(store, batch)
                advance(len(batch))
        store.close()
        click.echo(f"wrote {count} synthetic cases to {db}")
        return
    path = db or demo_db_path()
    if not no_ui and sys.stdin.isatty() and sys.stdout.isatty():
        if quick_open_cases(path) is not None:  # made before: paint now, open (and top up) behind
            run_app(opener=lambda: prepare_demo(officer, path), quick_path=path)
        else:
            run_app(prepare_demo(officer, path))
        return
    store = prepare_demo(officer, path)
    for summary in store.list_cases():
        kids = ", ".join(name for name, _ in summary.children)
        click.echo(f"{summary.reference}  {kids}")
    store.close()
    click.echo(f"demo store: {path}", err=True)
