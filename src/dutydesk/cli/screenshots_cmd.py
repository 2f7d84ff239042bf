"""`dutydesk screenshots`: regenerate the SVG captures of every screen (README's pictures)."""

from __future__ import annotations

from pathlib import Path

import click

from dutydesk.cli.root import cli
from dutydesk.tools.letter_pages import letter_pages
from dutydesk.tui.capture import capture_all


@cli.command()
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=Path("screens"), show_default=True)
@click.option(
    "--letters",
    is_flag=True,
    help="Instead: the first page of every document kind as PNG in OUT/letters (needs LibreOffice and pdftoppm).",
)
def screenshots(out: Path, letters: bool) -> None:
    """Capture every screen from the demo store, at 80×24 and 120×40, as SVG files in OUT."""
    if letters:
        for path in letter_pages(out / "letters"):
            click.echo(str(path))
        return

    for path in capture_all(out):
        click.echo(str(path))
