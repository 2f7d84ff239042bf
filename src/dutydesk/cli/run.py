"""The `dutydesk` command line (click). Thin: parse, call the domain or store, print.

Scriptable by contract: never waits for input, exit 0 on success, 2 on bad input with one
clear line on stderr (never a traceback).
"""

from __future__ import annotations

import errno
import os
import sys
from typing import NoReturn

import click

from dutydesk.cli.root import cli
from dutydesk.errors import BadInput, DutydeskError, PolicyError
from dutydesk.infra.crash import print_and_exit
from dutydesk.infra.safe_text import one_line

GLOBAL_OPTIONS = ("--db", "-v", "--verbose")  # accepted before or after the sub-command


def global_options_first(argv: list[str]) -> list[str]:
    """`dutydesk cases --db X` as `dutydesk --db X cases`: click takes a group's options only
    before the sub-command, people type them anywhere."""
    front: list[str] = []
    rest: list[str] = []
    i = 0
    while i < len(argv):
        arg = argv[i]
        if arg == "--":
            rest += argv[i:]
            break
        name = arg.split("=", 1)[0]
        if name in GLOBAL_OPTIONS and rest:  # after the sub-command (before it, click reads it)
            takes = 1 if "=" in arg or name != "--db" else 2
            front += argv[i : i + takes]
            i += takes
            continue
        rest.append(arg)
        i += 1
    return front + rest


def _file_id(stat: os.stat_result) -> tuple[int, int, int]:
    return stat.st_dev, stat.st_ino, stat.st_rdev


def _stdout_file() -> tuple[int, int, int] | None:
    try:
        return _file_id(os.fstat(sys.stdout.fileno()))
    except (OSError, ValueError):  # no stdout (closed, or a test's replacement without a file)
        return None


_DEVNULL = _file_id(os.stat(os.devnull))


def _reader_gone() -> NoReturn:
    """The reader closed the pipe (`dutydesk cases -q | head -n 1`): it has what it wanted, so
    the command ends quietly and successfully, as `cat` would; stdout goes to /dev/null so the
    interpreter's last flush at exit cannot fail again."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    sys.exit(0)


def main(argv: list[str] | None = None) -> None:
    """Entry point: run the command, turning every expected failure into one line and a code."""
    argv = global_options_first(list(sys.argv[1:] if argv is None else argv))
    stdout, stdout_was = sys.stdout, _stdout_file()
    try:
        result = cli.main(args=argv, prog_name="dutydesk", standalone_mode=False)
        sys.stdout.flush()  # a closed pipe is found here, not in the interpreter's exit
    except BrokenPipeError:
        _reader_gone()
    except OSError as exc:
        if exc.errno not in (errno.ENOSPC, errno.EIO, errno.EDQUOT):
            print_and_exit(exc)
        # Nowhere to write (stdout is /dev/full, the disk is full): one line, nothing else.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        click.echo(f"dutydesk: could not write: {exc.strerror or exc}; nothing more was done", err=True)
        sys.exit(2)
    except SystemExit:
        # click meets a closed pipe itself, swaps stdout for a quiet wrapper and exits 1; only
        # that path replaces sys.stdout, so a replaced stdout means the reader went away. Rich
        # (the tables of `stats`, `review`) puts /dev/null under stdout and exits 1 instead.
        if sys.stdout is not stdout or (stdout_was != _DEVNULL and _stdout_file() == _DEVNULL):
            _reader_gone()
        raise
    except click.exceptions.Abort:
        click.echo("dutydesk: aborted", err=True)
        sys.exit(130)
    except click.UsageError as exc:
        hint = f" (see: {exc.ctx.command_path} --help)" if exc.ctx else ""
        click.echo(f"dutydesk: {one_line(exc.format_message())}{hint}", err=True)
        sys.exit(2)
    except (BadInput, PolicyError) as exc:
        click.echo(f"dutydesk: {one_line(str(exc))}", err=True)
        sys.exit(2)
    except DutydeskError as exc:
        click.echo(f"dutydesk: {one_line(str(exc))}", err=True)
        sys.exit(getattr(exc, "exit_code", 1))
    except Exception as exc:  # a bug: its message may quote case data, so none of it is shown
        print_and_exit(exc)
    sys.exit(result if isinstance(result, int) else 0)
