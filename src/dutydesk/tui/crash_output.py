"""An unexpected error ends the desk with one line, never case data: the one patch of Textual's
internals, kept here alone.

Why a patch: Textual prints the traceback of an unexpected error with the local variables of
every frame — a child's name, an address marked confidential — to the terminal as the app stops,
and offers no public hook to say otherwise. `App._fatal_error` and `App._print_error_renderables`
are overridden here and nowhere else; tests/hostile/test_crash_output.py fails the day Textual
renames or stops calling them."""

from __future__ import annotations

import sys

from dutydesk.infra.crash import record
from dutydesk.tui.keys.key_order import KeysInOrder

PATCHED = ("_fatal_error", "_print_error_renderables", "_close_messages_no_wait")  # Textual's, relied on


class CrashOutput(KeysInOrder):
    """Mixed into the app: a report without case data in an owner-only file, and one line."""

    crash_line: str | None = None

    def _fatal_error(self) -> None:
        error = sys.exc_info()[1] or self._exception
        self.crash_line = record(error) if error else "dutydesk stopped on an unexpected error"
        self.bell()
        self._close_messages_no_wait()

    def _print_error_renderables(self) -> None:
        super()._print_error_renderables()
        if self.crash_line:  # printed whole, once the terminal is back: Rich would crop the path
            print(self.crash_line, file=sys.stderr)
