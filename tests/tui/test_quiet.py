"""tui/quiet.py waits on Textual's private attributes (message queues, a screen's pending
callbacks and layout): the day Textual renames one, this fails rather than every wait running
to its time limit."""

from __future__ import annotations

from textual.app import App
from textual.widgets import Input

from dutydesk.tui.quiet import busy_with, until_quiet


class Gliding:
    y = 0.0


class One(App[None]):
    def compose(self):  # type: ignore[no-untyped-def]
        yield Input()


async def test_the_private_attributes_it_reads_are_there_and_a_desk_goes_quiet() -> None:
    app = One()
    async with app.run_test() as pilot:
        for node in [app, *app._registry]:
            assert hasattr(node, "_message_queue") and hasattr(node, "_next_callbacks")
        for name in ("_callbacks", "_layout_required", "_repaint_required"):
            assert hasattr(app.screen, name), name
        assert hasattr(app.animator, "_animations") and hasattr(app.animator, "_scheduled")
        assert await until_quiet(pilot, at_most=5) is None
        gliding = Gliding()
        app.animator.animate(gliding, "y", 10.0, duration=0.3)
        assert busy_with(app) == "something still moving (a scroll)"
        assert await until_quiet(pilot, at_most=5) is None
        app.screen.refresh(layout=True)
        assert busy_with(app) is not None  # a layout asked for: its message, then its paint
        assert await until_quiet(pilot, at_most=5) is None
