"""Crash output without case data.

An unexpected error's message and the values in play (a traceback's locals) can hold a child's
name, an address or a note. What dutydesk writes and prints for a crash therefore holds only
where it happened — exception types, files, lines and functions, and the line of code — in an
owner-only report file, with one line on the terminal pointing at it.
"""

from __future__ import annotations

import os
import platform
import sys
import traceback
from datetime import UTC, datetime
from pathlib import Path

from dutydesk import __version__
from dutydesk.config.paths import user_data_dir


def crash_dir() -> Path:
    return user_data_dir() / "crash"


def _chain(exc: BaseException) -> list[BaseException]:
    """The exception and those that led to it, outermost last (as Python prints them)."""
    seen: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and current not in seen:
        seen.append(current)
        current = current.__cause__ or (None if current.__suppress_context__ else current.__context__)
    return list(reversed(seen))


def _kind(exc: BaseException) -> str:
    cls = type(exc)
    return cls.__qualname__ if cls.__module__ == "builtins" else f"{cls.__module__}.{cls.__qualname__}"


def report_text(exc: BaseException, when: datetime) -> str:
    lines = [
        f"dutydesk {__version__} stopped on an unexpected error at {when.isoformat(timespec='seconds')}",
        f"Python {platform.python_version()} on {platform.system()} {platform.release()}",
        "The error's message and the values in play are left out: they may hold case data.",
        "",
    ]
    for number, link in enumerate(_chain(exc)):
        if number:
            lines += ["", "which led to:"]
        lines.append(f"{_kind(link)} — traceback (most recent call last):")
        for frame in traceback.extract_tb(link.__traceback__):
            lines.append(f'  File "{frame.filename}", line {frame.lineno}, in {frame.name}')
            if frame.line:
                lines.append(f"    {frame.line.strip()}")
    return "\n".join(lines) + "\n"


def write_report(exc: BaseException) -> Path | None:
    """Write the report owner-only; None if even that fails (the one line still says what)."""
    when = datetime.now(UTC)
    try:
        folder = crash_dir()
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        path = folder / f"crash-{when.strftime('%Y%m%dT%H%M%S%fZ')}-{os.getpid()}.txt"
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(report_text(exc, when))
        return path
    except OSError:
        return None


def where(exc: BaseException) -> str:
    frames = traceback.extract_tb(exc.__traceback__)
    if not frames:
        return _kind(exc)
    last = frames[-1]
    return f"{_kind(exc)} in {Path(last.filename).name} line {last.lineno}, {last.name}"


def summary_line(exc: BaseException, report: Path | None) -> str:
    """The one line for the terminal: what kind of error, where, and where the report is."""
    kept = f"a report (no case data) is in {report}" if report else "no report could be written"
    return f"dutydesk stopped on an unexpected error ({where(exc)}); {kept}"


def record(exc: BaseException) -> str:
    """Write the report and return the line to show; for the CLI and the app alike."""
    return summary_line(exc, write_report(exc))


def print_and_exit(exc: BaseException) -> None:
    print(record(exc), file=sys.stderr)
    sys.exit(1)
