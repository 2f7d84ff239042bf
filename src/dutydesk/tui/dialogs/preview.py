"""A drafted document as it will read, before it is written."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from dutydesk.drafting.kinds import RECIPIENT_WORDS
from dutydesk.drafting.templates import LINE_BREAK
from dutydesk.tui.dialogs.keys import DIALOG_KEYS
from dutydesk.tui.keys.footer_order import HelpAndQuitFirst
from dutydesk.tui.widgets.footer import DeskFooter


class DocumentPreview(HelpAndQuitFirst, ModalScreen[bool]):
    """A drafted document as it will read; w writes it to the outbox, Esc goes back."""

    BINDINGS = [
        Binding("escape,q", "close", "Back", id="preview.close"),
        Binding("w", "write", "Write to outbox", id="preview.write"),
        *DIALOG_KEYS,
    ]
    DEFAULT_CSS = """
    DocumentPreview { align: center middle; }
    DocumentPreview > Vertical { width: 86; max-width: 100%; height: 90%; border: round $accent; background: $panel; }
    DocumentPreview VerticalScroll { height: 1fr; padding: 0 1; }
    DocumentPreview .hint { padding: 0 1; background: $boost; }
    """

    def __init__(self, made: Any) -> None:
        super().__init__()
        self.made = made

    def compose(self) -> ComposeResult:

        kind = self.made.kind
        with Vertical():
            yield Label(
                Text(f"{kind.title} — for {RECIPIENT_WORDS[kind.recipient]} ({kind.ref})", style="bold"), classes="hint"
            )
            with VerticalScroll():
                yield Static(self.as_text(), markup=False)
            yield Label("w write to the outbox (.docx and .txt) and record it · Esc back", classes="hint")
        yield DeskFooter()

    def as_text(self) -> Text:
        """The document's own blocks, wrapped by the terminal (the .txt is wrapped for 78 columns)."""

        text = Text()
        for block in self.made.blocks:
            body = block.text.replace(LINE_BREAK, "\n")
            if block.kind == "blank":
                text.append("\n")
            elif block.kind == "heading":
                text.append(body + "\n", style="bold underline")
            elif block.kind == "bold":
                text.append(body + "\n", style="bold")
            elif block.kind == "bullet":
                text.append("• " + body + "\n")
            else:
                text.append(body + "\n")
        return text

    def action_close(self) -> None:
        self.dismiss(False)

    def action_write(self) -> None:
        self.dismiss(True)
