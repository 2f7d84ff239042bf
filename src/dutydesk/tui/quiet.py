"""Waiting until the desk has nothing left to do: for the screen captures, the tests and the
benchmarks. A wait on a condition, not a guess at a time — a guess is too long on a quiet
machine (the suite spent minutes asleep) and too short on a busy one (a flaky picture).

It reads a few of Textual's private attributes (the message queues, a screen's pending
callbacks and layout); tests/tui/test_quiet.py checks they are there, so a Textual
that renames them fails a test rather than waiting forever."""

from __future__ import annotations

import asyncio
from typing import Any

from textual.app import App
from textual.worker import WorkerState

from dutydesk.tui.screens.board import BoardScreen

STILL = (WorkerState.PENDING, WorkerState.RUNNING)


def busy_with(app: App[Any]) -> str | None:
    """What the desk is still doing, in a few words; None once it is quiet."""
    if getattr(app, "keys_pending", 0):
        return "keys typed and not yet handled"
    if any(worker.state in STILL for worker in app.workers):
        return "work in the background"
    if getattr(app, "store", None) is None and getattr(app, "opener", None) is not None:
        return "the store opening"
    screen = app.screen
    for flag, what in (("_save_pending", "a save due"), ("_rules_pending", "the rules due")):
        if getattr(screen, flag, False):
            return what
    rows = screen.rows.values() if isinstance(screen, BoardScreen) and getattr(app, "store", None) else ()
    if any(row.next_item == "…" for row in rows):
        return "the board's cases being screened"
    nodes: list[Any] = [app, *app._registry]
    if any(not node._message_queue.empty() or node._next_callbacks for node in nodes):
        return "messages not yet delivered"
    animator = app.animator
    if animator._animations or animator._scheduled:
        return "something still moving (a scroll)"
    if screen._callbacks or screen._layout_required or screen._repaint_required:
        return "the screen not yet painted"
    return None


async def until_quiet(pilot: Any, at_most: float = 10.0) -> str | None:
    """Wait until the desk is quiet twice running (a callback may start more work), or
    `at_most` seconds; returns what it was still busy with if the time ran out."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + at_most
    quiet_checks = 0
    busy: str | None = None
    while loop.time() < deadline:
        await pilot.pause()  # one idle window of the event loop: Textual's own wait
        busy = busy_with(pilot.app)
        quiet_checks = quiet_checks + 1 if busy is None else 0
        if quiet_checks >= 2:
            return None
    return busy
