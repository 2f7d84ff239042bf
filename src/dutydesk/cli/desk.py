"""`dutydesk` with no command: the duty desk on the officer's store, as the command line would
open it (the same store location, officer and log), without importing click."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from dutydesk.config.identity import resolve_officer
from dutydesk.errors import BadInput, DutydeskError, PolicyError
from dutydesk.infra import log
from dutydesk.infra.crash import print_and_exit
from dutydesk.infra.safe_text import one_line
from dutydesk.store.location import asked_for, resolve
from dutydesk.tui.app import run_app

if TYPE_CHECKING:
    from dutydesk.store.repository import Store


def open_desk(db: str | Path | None, verbose: bool = False) -> int:
    """Run the desk; the exit code (2 for a bad store setting, said in one line on stderr)."""
    try:
        log.setup(verbose)
        officer, location = resolve_officer(), asked_for(resolve(Path(db) if db else None))

        def opener() -> Store:
            from dutydesk.store.repository import Store  # noqa: PLC0415  (SQLAlchemy: after the board's first paint)

            return Store.open(officer, location=location)

        return run_app(opener=opener, quick_path=location.path)  # 1 after an unexpected error
    except DutydeskError as exc:  # as the command line says it (cli/run.py)
        print(f"dutydesk: {one_line(str(exc))}", file=sys.stderr)
        return 2 if isinstance(exc, (BadInput, PolicyError)) else int(getattr(exc, "exit_code", 1))
    except Exception as exc:  # a bug: its message may quote case data, so none of it is shown
        print_and_exit(exc)
    return os.EX_SOFTWARE  # not reached: print_and_exit exits
