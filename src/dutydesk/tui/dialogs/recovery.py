"""On start: recovery files left by a refused save, what each holds, and one key to put it back
into its case (merged, nothing overwritten) or to set it aside."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from dutydesk.errors import DutydeskError
from dutydesk.services.recovery import Recovery, put_back, set_aside
from dutydesk.store.repository import Store
from dutydesk.tui.widgets.footer import DeskFooter
from dutydesk.tui.widgets.text import literal


class RecoveryDialog(ModalScreen[None]):
    BINDINGS = [
        Binding("r", "put_back", "Put back into the case", id="recovery.put_back"),
        Binding("a", "set_aside", "Set aside", id="recovery.set_aside"),
        Binding("escape", "later", "Later", id="recovery.later"),
    ]
    DEFAULT_CSS = """
    RecoveryDialog { align: center middle; }
    RecoveryDialog > Vertical { width: 90%; max-width: 100; height: auto; max-height: 90%; border: round $warning; background: $panel; padding: 0 1; }
    RecoveryDialog OptionList { height: auto; max-height: 12; }
    """

    def __init__(self, store: Store, found: list[Recovery], clock: Callable[[], datetime]) -> None:
        super().__init__()
        self.clock = clock
        self.store, self.found = store, list(found)

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(Text("Unsaved work was kept when the store refused a save", style="bold"))
            yield Label(
                "r: put it back into the case (merged: nothing saved since is overwritten) · a: set it aside · Esc: later"
            )
            yield OptionList(*self._options(), id="recoveries")
            yield DeskFooter()

    def _options(self) -> list[Option]:
        return [Option(literal(r.describe()), id=str(i)) for i, r in enumerate(self.found)]

    def _chosen(self) -> Recovery | None:
        options = self.query_one(OptionList)
        index = options.highlighted
        return self.found[index] if index is not None and 0 <= index < len(self.found) else None

    def _done_with(self, recovery: Recovery) -> None:
        self.found.remove(recovery)
        if not self.found:
            self.dismiss(None)
            return
        options = self.query_one(OptionList)
        options.clear_options()
        options.add_options(self._options())
        options.highlighted = 0

    def action_put_back(self) -> None:
        recovery = self._chosen()
        if recovery is None:
            return
        try:
            message = put_back(self.store, recovery, self.clock())
        except DutydeskError as exc:
            self.notify(f"Not put back: {exc}", severity="error", markup=False)
            return
        self.notify(message, timeout=10, markup=False)
        self._done_with(recovery)

    def action_set_aside(self) -> None:
        recovery = self._chosen()
        if recovery is None:
            return
        where = set_aside(recovery)
        self.notify(f"Set aside, kept in {where}", markup=False)
        self._done_with(recovery)

    def action_later(self) -> None:
        self.dismiss(None)
