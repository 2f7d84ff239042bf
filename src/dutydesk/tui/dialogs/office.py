"""Office details for the letterhead, asked inside the desk: at first start (after the name)
and whenever a letter needs one that is missing. Saved to config.toml's [office] table."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from dutydesk.config.office import FIELDS, Office, parse_office
from dutydesk.errors import BadInput
from dutydesk.tui.dialogs.keys import DIALOG_KEYS
from dutydesk.tui.keys.footer_order import HelpAndQuitFirst
from dutydesk.tui.widgets.footer import DeskFooter
from dutydesk.tui.widgets.safe_input import SafeInput
from dutydesk.tui.widgets.text import literal

LABELS = {
    "name": "Office name",
    "address": "Postal address",
    "phone": "Office telephone",
    "email": "Secure email",
    "role": "Your role",
    "direct_line": "Your direct line",
}
# "e.g." first: an example in full would read as a value already filled in (a tester took them so).
EXAMPLES = {
    "name": "e.g. Cafcass, Birmingham office",
    "address": "e.g. Level 5, 10 Colmore Row, Birmingham, B3 2QD",
    "phone": "e.g. 0300 456 4000",
    "email": "e.g. duty.birmingham@cafcass.gov.uk.cjsm.net",
    "role": "e.g. Family Court Adviser",
    "direct_line": "optional, e.g. 0300 456 4123",
}


class OfficeDialog(HelpAndQuitFirst, ModalScreen[Office | None]):
    BINDINGS = [Binding("escape", "later", "Not now", id="office.later"), *DIALOG_KEYS]
    DEFAULT_CSS = """
    OfficeDialog { align: center middle; }
    OfficeDialog > VerticalScroll { width: 76; max-width: 100%; height: auto; max-height: 100%;
        border: round $accent; background: $panel; padding: 0 1; }
    OfficeDialog Label { width: 1fr; height: auto; }
    OfficeDialog .error { color: $error; }
    /* One line per input: at 80×24 bordered inputs were squashed to their top edge, typed blind. */
    OfficeDialog .office-field { height: auto; }
    OfficeDialog .office-field SafeInput { width: 1fr; }
    /* The focused detail has a bar beside it, a shape and not only a shade (as every input has;
       a compact input has no border of its own to carry one). */
    OfficeDialog .office-field { border-left: blank; }
    OfficeDialog .office-field:focus-within { border-left: outer $accent; }
    """

    def __init__(self, current: Office, why: str = "") -> None:
        super().__init__()
        self.current = current
        self.why = why

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Label(Text("Office details for your letters", style="bold"))
            yield Label(
                literal(
                    self.why
                    or "Letters to the court and children's social care are headed with these and say how to reach you."
                )
            )
            for name in FIELDS:
                with Vertical(classes="office-field"):
                    yield Label(LABELS[name])
                    yield SafeInput(
                        getattr(self.current, name) or "", placeholder=EXAMPLES[name], id=f"office-{name}", compact=True
                    )
            yield Label("", classes="error")
            yield Label(
                "Tab: next line · Enter: save (or go to what is still needed) · Esc: keep what is typed, finish later"
            )
        yield DeskFooter()

    def on_mount(self) -> None:
        first_gap = next((n for n in FIELDS if not getattr(self.current, n)), "name")
        self.query_one(f"#office-{first_gap}", SafeInput).focus()

    def values(self) -> dict[str, str]:
        found = {name: " ".join(self.query_one(f"#office-{name}", SafeInput).value.split()) for name in FIELDS}
        return {name: value for name, value in found.items() if value}

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        # Enter saves once every needed detail is there; until then it goes to the next one missing.
        try:
            office = parse_office(self.values(), "Office details")
        except BadInput as exc:
            self.query_one(".error", Label).update(literal(exc))  # it may quote what was typed
            return
        if office.missing():
            gaps = ", ".join(LABELS[n].lower() for n in office.missing())
            self.query_one(".error", Label).update(f"Still needed for letters: {gaps}.")
            self.query_one(f"#office-{office.missing()[0]}", SafeInput).focus()
            return
        _save({name: getattr(office, name) for name in FIELDS})
        self.dismiss(office)

    def action_later(self) -> None:
        """Esc keeps what was typed (README: a dialog closes with everything kept): each detail
        that is accepted is saved, one that is not is named, and the rest waits for later."""
        typed = {name: value for name, value in self.values().items() if value != getattr(self.current, name)}
        kept, refused = {}, []
        for name, value in typed.items():
            try:
                parse_office({name: value}, "Office details")
            except BadInput as exc:
                refused.append(f"{LABELS[name].lower()} ({exc})")
                continue
            kept[name] = value
        if kept:
            _save(dict(kept))
            self.app.notify(f"Office details kept: {', '.join(LABELS[n].lower() for n in kept)}.", markup=False)
        if refused:
            self.app.notify("Not kept: " + "; ".join(refused), severity="warning", timeout=15, markup=False)
        self.dismiss(None)


def _save(values: dict[str, str | None]) -> None:
    from dutydesk.config.write import set_config_table  # noqa: PLC0415  (tomlkit: only when saved)

    set_config_table("office", values)
