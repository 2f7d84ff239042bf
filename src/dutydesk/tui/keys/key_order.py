"""Keys handled one at a time, in the order they were typed, by the widget that had the focus.

Why: Textual routes each key to the focused widget's own message queue at once. A printable
character is handled there, but a bound key (Backspace, Ctrl+U, Enter, Tab, a step key) is not:
it bubbles up through every ancestor's queue to the App, which only then runs the binding. When
keys arrive in a burst (a fast typist, a paste, a terminal delivering several keys in one read),
the characters typed *after* a Backspace are inserted *before* it is applied, and the characters
typed after a Tab are already queued in the field being left. That is how "BS-8" became "BS", and
how an Analysis ended up inside the Likelihood field.

The fix, once for every field: the App hands a key (or a paste) to the focused widget only when
everything the previous key set off has finished — the widget and each of its ancestors up to
the App have an empty queue, so the binding ran, the focus moved, and any message it posted
(Input.Submitted, Changed) was handled. The next key then goes to whoever has the focus *now*.
"""

from __future__ import annotations

import asyncio
from collections import deque
from typing import Any

from textual import events
from textual.app import App
from textual.message_pump import MessagePump

ROUNDS = 6  # a handler's message may set off another: settle up to this many rounds
STUCK_AFTER = 1.0  # seconds: a widget removed mid-key never answers; go on without it


def _in_order(event: events.Event) -> bool:
    return isinstance(event, (events.Key, events.Paste)) and not event.is_forwarded


async def _drained(node: MessagePump) -> None:
    """Returns once `node` has handled everything queued for it before this call."""
    done = asyncio.Event()
    if not node.call_later(done.set):
        return  # closing: nothing more will be handled there
    try:
        await asyncio.wait_for(done.wait(), STUCK_AFTER)
    except TimeoutError:
        return


async def _repainted(screen: MessagePump) -> None:
    """Returns once `screen` has run what was asked of it after its next refresh."""
    try:
        await asyncio.wait_for(screen.wait_for_refresh(), STUCK_AFTER)
    except (TimeoutError, AssertionError):
        return


def _typed_in_place(event: events.Event, target: object) -> bool:
    # By class name: importing TextArea (and its document machinery) would slow every start-up.
    kinds = {c.__name__ for c in type(target).__mro__}
    return isinstance(event, events.Key) and event.is_printable and bool(kinds & {"Input", "TextArea"})


def _plain_input(target: object) -> bool:
    """An Input or a TextArea taking any text: what it accepts does not depend on each character's
    turn."""
    kinds = {c.__name__ for c in type(target).__mro__}
    if "TextArea" in kinds:
        return not getattr(target, "read_only", True)
    return (
        "Input" in kinds
        and not getattr(target, "restrict", None)
        and not getattr(target, "max_length", 0)
        and getattr(target, "type", "text") == "text"
        and not getattr(target, "password", False)
    )


def _insert(target: Any, text: str) -> None:
    """What Input (or TextArea) does with one typed character, for several: replace a selection,
    else insert at the cursor."""
    selection = target.selection
    if hasattr(target, "document"):  # a TextArea: its keyboard edit, as its own key handler does
        target._replace_via_keyboard(text, *selection)
        return
    if selection.is_empty:
        target.insert_text_at_cursor(text)
    else:
        target.replace(text, *selection)


def _busy(node: object) -> bool:
    # Textual keeps each pump's queue private; reading its size is the cheap way to know that a
    # handler posted a further message that must be handled before the next key.
    queue = getattr(node, "_message_queue", None)
    return queue is not None and not queue.empty()


class KeysInOrder(App[Any]):
    """The App's key path, made sequential (see the module's docstring)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._key_backlog: deque[events.Event] = deque()
        self._key_worker: asyncio.Task[None] | None = None
        self._key_pending = 0
        self._key_screen: object = None

    @property
    def keys_pending(self) -> int:
        """Keys received but not yet handled (tests and the latency benchmark wait on it)."""
        return len(self._key_backlog) + self._key_pending

    async def on_event(self, event: events.Event) -> None:
        if _in_order(event) and not getattr(event, "_dutydesk_in_order", False):
            self._key_backlog.append(event)
            if self._key_worker is None or self._key_worker.done():
                self._key_worker = asyncio.create_task(self._route_keys())
            return
        await super().on_event(event)

    def _printable_run(self, event: events.Event, target: object) -> str:
        """This character and every printable one queued right behind it, when they all go into
        the same plain text field (no restriction to check character by character)."""
        if not (_typed_in_place(event, target) and _plain_input(target) and self._key_backlog):
            return ""
        head = self._key_backlog[0]
        if not (isinstance(head, events.Key) and head.is_printable and not head.is_forwarded):
            return ""
        assert isinstance(event, events.Key) and event.character is not None
        chars = [event.character]
        while self._key_backlog:
            nxt = self._key_backlog[0]
            if not (isinstance(nxt, events.Key) and nxt.is_printable and not nxt.is_forwarded and nxt.character):
                break
            chars.append(nxt.character)
            self._key_backlog.popleft()
        return "".join(chars)

    async def _route_keys(self) -> None:
        while self._key_backlog:
            event = self._key_backlog.popleft()
            self._key_pending = 1
            try:
                event._dutydesk_in_order = True  # type: ignore[attr-defined]
                if self.screen is not self._key_screen:
                    # A screen just came up: its on_mount (which sets the focus, a moment later,
                    # through the App) finishes before the next key is routed, or the key would go
                    # to whatever had the focus before and a "0" typed at once would be lost.
                    self._key_screen = self.screen
                    await _drained(self.screen)
                    await _repainted(self.screen)
                    await _drained(self)
                target = self.focused or self.screen
                run = self._printable_run(event, target)
                if run:
                    # A burst of characters into a text field goes in at once, in order, as one
                    # edit: handled one by one, each cost a message round and a field update,
                    # and a 1,000-character paste took seconds (issue 28).
                    _insert(target, run)
                    await _drained(target)
                    continue
                await super().on_event(event)
                if _typed_in_place(event, target):
                    # A character into a text field is handled by the field itself and goes no
                    # further: waiting for the field alone keeps full-speed typing quick.
                    await _drained(target)
                    continue
                chain = [n for n in (target, *target.ancestors) if isinstance(n, MessagePump)]
                for node in chain:  # the key itself, bubbled up to the App's bindings
                    await _drained(node)
                # The binding's action ran in the App; what it asked for after the next repaint
                # (call_after_refresh: a step's focus) and what it asked the App to do next (a
                # focus change: Widget.focus() is carried out by the App a moment later) too.
                await _repainted(self.screen)
                await _drained(self)
                # What its handlers posted (Input.Submitted, a field's change) goes to the widgets,
                # never the App, whose queue is never empty for long (repaints, timers).
                widgets = [n for n in chain if n is not self]
                for _ in range(ROUNDS):
                    busy = [n for n in widgets if _busy(n)]
                    if not busy:
                        break
                    for node in busy:
                        await _drained(node)
            finally:
                self._key_pending = 0
