"""Case data out of sight: Ctrl+B blanks everything at once, the idle lock after a quiet spell,
and a notification that arrives meanwhile is held (it may quote case text) and shown on return."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

from textual import events

from dutydesk.tui.dialogs.blank import BlankScreen
from dutydesk.tui.keys.key_order import KeysInOrder
from dutydesk.tui.screens.lock import LockScreen
from dutydesk.tui.widgets.text import clean

if TYPE_CHECKING:
    from textual.notifications import SeverityLevel

Held = tuple[str, str, "SeverityLevel", float | None, bool]


class Privacy(KeysInOrder):
    """Mixed into the app. Every notification, widgets' too, passes through `notify` here."""

    idle_lock_minutes = 0.0  # set by run_app from the officer's settings; off in tests
    lock_passphrase: str | None = None

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._held: list[Held] = []  # toasts kept while hidden
        self._last_input = time.monotonic()

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key | events.MouseDown | events.MouseScrollDown | events.MouseScrollUp):
            self._last_input = time.monotonic()
        await super().on_event(event)

    def start_idle_lock(self) -> None:
        if self.idle_lock_minutes:
            self.set_interval(min(15.0, self.idle_lock_minutes * 15), self._check_idle)

    def came_back(self) -> None:
        """The officer unlocked or unblanked: the idle clock starts again, held toasts show."""
        self._last_input = time.monotonic()
        self.call_after_refresh(self.show_held)

    def _check_idle(self) -> None:
        idle = time.monotonic() - self._last_input
        if self.idle_lock_minutes and idle >= self.idle_lock_minutes * 60 and not self.locked:
            self.push_screen(LockScreen(self.idle_lock_minutes, self.lock_passphrase, self.came_back))

    @property
    def locked(self) -> bool:
        return any(isinstance(s, LockScreen) for s in self.screen_stack)

    @property
    def hidden(self) -> bool:
        """Whether case data is hidden now (Ctrl+B's blank screen or the lock)."""

        return self.locked or any(isinstance(s, BlankScreen) for s in self.screen_stack)

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """A message may quote a name or a note: shown as text, and held while case data is hidden."""
        if self.hidden:
            self._held.append((clean(message), clean(title), severity, timeout, markup))
            return
        super().notify(clean(message), title=clean(title), severity=severity, timeout=timeout, markup=markup)

    def show_held(self) -> None:
        held, self._held = self._held, []
        for message, title, severity, timeout, markup in held:
            self.notify(message, title=title, severity=severity, timeout=timeout, markup=markup)

    def action_command_palette(self) -> None:
        if not self.locked:  # the palette finds cases: not while they are hidden
            super().action_command_palette()

    def action_blank(self) -> None:
        """Ctrl+B hides everything at once — toasts and dialogs too; Ctrl+B again brings it back,
        through the passphrase when one is set (the idle lock's rules)."""

        if isinstance(self.screen, BlankScreen):
            if self.lock_passphrase:
                self.switch_screen(
                    LockScreen(self.idle_lock_minutes, self.lock_passphrase, self.came_back, blanked=True)
                )
            else:
                self.screen.dismiss(None)
                self.came_back()
        elif not self.locked:
            self.clear_notifications()
            self.push_screen(BlankScreen())
