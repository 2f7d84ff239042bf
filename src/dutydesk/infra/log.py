"""The activity log: what was done, to which case reference, by whom — never a case's content —
in `dutydesk.log` in the data folder (owner-only, rotated at 1 MB, five kept). `-v` also echoes
it to stderr. The audit trail remains the record; this log says what the program did and when
(a failed import, a backup taken, a store upgraded), for whoever supports the desk."""

from __future__ import annotations

import logging
import os
import sys
from logging.handlers import RotatingFileHandler
from pathlib import Path

from dutydesk.config.paths import state_dir
from dutydesk.infra.safe_text import neutralise

LOGGER = logging.getLogger("dutydesk")
FORMAT = "%(asctime)s %(levelname)s %(message)s"


class OneLine(logging.Formatter):
    """Every entry on one line, with nothing a terminal would act on: an officer's name or a
    case reference with a line break in it cannot forge a second entry (issue 30), and an escape
    sequence is shown, not run, when the log is read in a terminal."""

    def format(self, record: logging.LogRecord) -> str:
        text = super().format(record)
        return neutralise(text.replace("\r\n", " ⏎ ").replace("\n", " ⏎ ").replace("\r", " ⏎ "))


class PrivateRotatingFile(RotatingFileHandler):
    """Every file it opens, the first and each rotation's, is owner-only."""

    def _open(self):  # type: ignore[no-untyped-def]
        fd = os.open(self.baseFilename, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        return os.fdopen(fd, "a", encoding=self.encoding or "utf-8")


def log_file() -> Path:
    """In the state folder (issue 34: a log is state, not data; XDG_STATE_HOME on Linux)."""
    return state_dir() / "dutydesk.log"


_file: RotatingFileHandler | None = None
_echo: logging.Handler | None = None


def setup(verbose: bool = False) -> None:
    """The file (again if the data folder changed), and with `verbose` stderr too."""
    global _file, _echo
    LOGGER.setLevel(logging.INFO)
    LOGGER.propagate = False
    path = log_file()
    if _file is None or Path(_file.baseFilename) != path.absolute():
        if _file is not None:
            LOGGER.removeHandler(_file)
            _file.close()
            _file = None
        try:
            path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            _file = PrivateRotatingFile(path, maxBytes=1_048_576, backupCount=5, encoding="utf-8", delay=True)
            _file.setFormatter(OneLine(FORMAT))
            LOGGER.addHandler(_file)
        except OSError:
            _file = None  # a read-only data folder: the work goes on without a log file
    if _echo is not None:
        LOGGER.removeHandler(_echo)
        _echo = None
    if verbose:
        _echo = logging.StreamHandler(sys.stderr)
        _echo.setFormatter(OneLine("dutydesk: %(message)s"))
        LOGGER.addHandler(_echo)


def close() -> None:
    """Every handler gone and the file closed: a process that runs several commands (the tests)
    starts each without the last one's `-v` echo, which held a stderr since closed."""
    global _file, _echo
    for handler in (_file, _echo):
        if handler is not None:
            LOGGER.removeHandler(handler)
            handler.close()
    _file = _echo = None
