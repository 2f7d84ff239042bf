"""`dutydesk screenshots`: regenerate the SVG captures of every screen (README's pictures)."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from unittest import mock

import click

from dutydesk.cli.root import cli
from dutydesk.infra import log
from dutydesk.tools.letter_pages import letter_pages
from dutydesk.tui.capture import capture_all


@cli.command()
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("screens"),
    show_default=True,
    help="The folder the SVG files go in.",
)
@click.option(
    "--letters",
    is_flag=True,
    help="Instead: the first page of every document kind as PNG in OUT/letters (needs LibreOffice and pdftoppm).",
)
def screenshots(out: Path, letters: bool) -> None:
    """Capture every screen from the demo store, at 80×24 and 120×40, as SVG files in OUT.

    A progress bar at a terminal; the demo stores and their log lines are made in a scratch
    folder and removed, so your own store and activity log are untouched.

    \b
    Example:
      dutydesk screenshots --out screens/
    """
    if letters:
        for path in letter_pages(out / "letters"):
            click.echo(str(path))
        return

    # The captures make a demo store per screen: their "created case …" lines go to a scratch log
    # and data folder, never the officer's own activity log (issue 34).
    with tempfile.TemporaryDirectory(prefix="dutydesk-screens-") as scratch, _scratch_folders(Path(scratch)):
        written = capture_all(out)
    for path in written:
        click.echo(str(path))


@contextmanager
def _scratch_folders(scratch: Path) -> Iterator[None]:
    folders = {name: str(scratch / name.split("_")[1].lower()) for name in ("DUTYDESK_STATE_DIR", "DUTYDESK_DATA_DIR")}
    try:
        with mock.patch.dict(os.environ, folders):  # put back as they were, whatever happens
            log.setup()
            yield
    finally:
        log.setup()  # the officer's own log again
