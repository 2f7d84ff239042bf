"""The `dutydesk` entry point. `dutydesk` alone (or with `--db`) at a terminal opens the desk
straight away (cli/desk.py); anything else is the command line (cli/run.py, click).

Why two paths: the desk is the commonest launch, and click with the command line's modules cost
it about 15 ms before the first paint (benchmarks/startup.py) for nothing it uses.
"""

from __future__ import annotations

import os
import sys


def desk_only(argv: list[str]) -> tuple[bool, str | None]:
    """Whether these arguments ask for the desk and nothing else, and the --db they give.
    Anything unusual (-v, --help, a --db that is a folder) goes to the command line, which
    knows every option and its errors."""
    if not argv:
        # DUTYDESK_DB naming a folder is refused by the command line in one line (exit 2), as
        # --db is; the desk would only have said so in a notification over an empty board.
        named = os.environ.get("DUTYDESK_DB")
        return not (named and os.path.isdir(named)), None
    if len(argv) == 2 and argv[0] == "--db" and argv[1] and not argv[1].startswith("-"):
        db = argv[1]
    elif len(argv) == 1 and argv[0].startswith("--db=") and argv[0] != "--db=":
        db = argv[0].split("=", 1)[1]
    else:
        return False, None
    return not os.path.isdir(db), db


def main(argv: list[str] | None = None) -> None:
    args = list(sys.argv[1:] if argv is None else argv)
    desk, db = desk_only(args)
    if desk and sys.stdin.isatty() and sys.stdout.isatty():
        from dutydesk.cli.desk import open_desk  # noqa: PLC0415  (the desk's own path: no click)

        sys.exit(open_desk(db))
    from dutydesk.cli.run import main as command_line  # noqa: PLC0415  (click: only for a command)

    command_line(args)
