"""`dutydesk screenshots`: regenerate the SVG captures of every screen (README's pictures)."""

from __future__ import annotations

from pathlib import Path

import click

from dutydesk.cli.root import cli


@cli.command()
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=Path("screens"), show_default=True)
def screenshots(out: Path) -> None:
    """Capture every screen from the demo store, at 80×24 and 120×40, as SVG files in OUT."""
    from dutydesk.capture import capture_all

    for path in capture_all(out):
        click.echo(str(path))
