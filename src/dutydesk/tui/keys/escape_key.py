"""The Escape key, told apart from an escape sequence by what a terminal actually sends.

Why: a terminal sends the Escape key as one ESC byte, and arrow keys, function keys and the
mouse as ESC followed by more bytes. Textual's parser waits 100 ms after an ESC to see which it
is, and reads anything that arrives meanwhile as part of a sequence: Esc then `c` typed 50 ms
apart became "^c" typed into the dialog being closed (issue 28: the next child's details went
into the previous child's record), and Esc then "Oscar" became "3car". Two facts decide it
instead:

- a terminal writes a whole sequence at once, so an ESC that ends a read which did not fill the
  buffer is the Escape key, reported at once (no 100 ms wait either);
- a sequence continues with `[` (CSI: arrows, function keys, the mouse), `O` and one of the
  letters a terminal sends after it (cursor keys, F1-F4), `P`, `]` or `_` (device strings); an
  ESC followed by anything else is the Escape key followed by that key. dutydesk binds no Alt key
  (Alt+c arrives as ESC c), so nothing is lost by reading it so.

Inside a bracketed paste nothing is changed: what is pasted goes to Textual as it came.

Textual builds its parser inside its Linux driver's input thread; `install()` hands that driver
this subclass. `tests/tui/test_escape_key.py` fails if Textual stops building its parser there.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from textual import events
from textual._xterm_parser import XTermParser
from textual.message import Message

ESC = "\x1b"
READ_SIZE = 4096  # Textual's Linux driver reads at most this much at a time
SEQUENCE_STARTS = frozenset("[P]_")
SS3_FINALS = frozenset("ABCDHFPQRS")  # ESC O x: cursor keys in application mode, Home/End, F1-F4
PASTE_START, PASTE_END = f"{ESC}[200~", f"{ESC}[201~"


class EscapeKeyParser(XTermParser):
    """XTermParser, with the Escape key reported as soon as it is known to be one."""

    def __init__(self, debug: bool = False) -> None:
        super().__init__(debug)
        self._in_paste = False

    def feed(self, data: str) -> Iterable[Message]:
        return list(self._feed(data))

    def _feed(self, data: str) -> Iterator[Message]:
        if not data:
            yield from super().feed(data)
            return
        full_read = len(data.encode("utf-8", "surrogatepass")) >= READ_SIZE
        start = 0
        i = data.find(ESC)
        while i != -1:
            if self._in_paste or data.startswith(PASTE_START, i) or data.startswith(PASTE_END, i):
                # A paste's markers, and everything pasted, go to Textual as they came.
                if data.startswith(PASTE_START, i):
                    self._in_paste = True
                elif data.startswith(PASTE_END, i):
                    self._in_paste = False
                i = data.find(ESC, i + 1)
                continue
            after = data[i + 1 : i + 2]
            if after == "" and full_read:
                break  # the buffer filled: the rest of a sequence may be in the next read
            if after in SEQUENCE_STARTS and after != "":
                i = data.find(ESC, i + 1)
                continue
            if after == "O" and data[i + 2 : i + 3] in SS3_FINALS and data[i + 2 : i + 3] != "":
                i = data.find(ESC, i + 1)
                continue
            # The Escape key: what came before it, then the key, then on from the next byte.
            if i > start:
                yield from super().feed(data[start:i])
            yield events.Key("escape", ESC)
            start = i + 1
            i = data.find(ESC, start)
        if start < len(data):
            yield from super().feed(data[start:])


def install() -> None:
    """Have Textual's Linux driver build this parser (it looks the name up when its input thread
    starts). Windows' driver reads key events, not bytes, and needs nothing."""
    try:
        from textual.drivers import linux_driver  # noqa: PLC0415  (Linux and macOS only)
    except ImportError:  # pragma: no cover - not a POSIX terminal
        return
    linux_driver.XTermParser = EscapeKeyParser  # type: ignore[attr-defined]
