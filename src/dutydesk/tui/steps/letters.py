"""Letters: what the pathway and the deadlines call for, drafting each document with a preview,
and the record of what was drafted and sent."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.widgets import DataTable, Label, Static

from dutydesk.domain.case.model import Event
from dutydesk.domain.time.dates import day_and_time
from dutydesk.drafting.draft import Format, referrals_for
from dutydesk.drafting.kinds import KINDS, applies
from dutydesk.drafting.outbox import EVENT_KIND
from dutydesk.tui.dialogs.prompt import PromptDialog
from dutydesk.tui.steps.base import StepPane, fill_table, selected_key
from dutydesk.tui.widgets.text import literal

SHORT_RECIPIENT = {"court": "court", "party": "party", "local_authority": "LA", "internal": "Cafcass only"}
# Sent-only records with no document of their own (App. III), and the event each writes.
SENT_ONLY = {
    "la_given_information": "LA given all information",
    "la_told_outcome": "LA told the outcome",
}


def short(at: datetime | None) -> str:
    """13/06 16:10: a day and time fit a narrow column (the year is this case's)."""
    return day_and_time(at) if at else "—"


class LettersPane(StepPane):
    """The documents the case can have, and what was drafted and sent. Drafting, writing and
    recording are the case screen's (services/letters.py, the same as `dutydesk draft`): the pane
    says which document is wanted."""

    KEYS = ("9", "f10")  # its own keys, declared here: a new step takes free ones (issue 34)

    @dataclass
    class DocumentWanted(Message):
        """Draft document `kind` (about `referral`): to preview, or to write in `formats` and record."""

        kind: str
        referral: str | None
        formats: tuple[Format, ...] = ("docx", "txt")
        preview: bool = False

    step_id = "letters"
    BINDINGS = [
        Binding("v", "preview", "Preview", id="letters.preview", tooltip="preview the highlighted document"),
        Binding(
            "w", "write", "Write", id="letters.write", tooltip="write it to the outbox (.docx and .txt) and record it"
        ),
        Binding("p", "pdf", "PDF", id="letters.pdf", tooltip="write it as a PDF (LibreOffice) and record it"),
        Binding("s", "sent", "Record sent", id="letters.sent", tooltip="record the highlighted letter as sent now"),
        Binding(
            "u",
            "unsent",
            "Undo sent",
            id="letters.unsent",
            show=False,
            tooltip="undo a 'sent' recorded by mistake (the trail keeps both)",
        ),
    ]

    def content(self) -> ComposeResult:
        yield Label("Documents (v preview · w write · p PDF · s sent)", classes="section")
        table: DataTable[object] = DataTable(cursor_type="row", id="letters")
        # Every column fits 80 columns (a column past the pane's edge lost its last characters
        # unseen, issue 29); a long title or a date and time wraps within its column.
        for label, width in (("Document", 19), ("Sent", 9), ("For", 9), ("Drafted", 9)):
            table.add_column(label, width=width)
        yield table
        yield Label("Letters the case calls for", classes="section")
        yield Static("", id="letters-needed", classes="derived", markup=False)

    def rows(self) -> list[tuple[str, str, str | None, str | None]]:
        """(row key, label, referral id, sent-event kind) for every document the case can have."""
        out: list[tuple[str, str, str | None, str | None]] = []
        for kind in KINDS.values():
            if kind.referral == "none":
                if applies(kind, self.case, None):
                    out.append((f"{kind.name}|", kind.label, None, kind.sent_event))
                continue
            matching = [r for r in referrals_for(self.case, kind) if applies(kind, self.case, r)]
            for referral in matching:
                out.append(
                    (
                        f"{kind.name}|{referral.id}",
                        # Numbered only when the case has more than one referral it could be for.
                        kind.label + (f" #{self.case.referrals.index(referral) + 1}" if len(matching) > 1 else ""),
                        referral.id,
                        kind.sent_event,
                    )
                )
            if not matching and kind.referral == "optional":
                out.append((f"{kind.name}|", kind.label, None, kind.sent_event))
        out += [(f"sent:{event}", label, None, event) for event, label in SENT_ONLY.items()]
        return out

    def refresh_derived(self) -> None:
        needed = Text()
        for item in self.result.outstanding:
            if item.step in ("letters", "pathway") or "court" in item.what.lower():
                needed.append(f"· {item.what} ({item.ref})\n")
        self.derived("letters-needed", needed or Text("Nothing the rules call for yet."))
        sent: dict[str, datetime] = {}
        drafted: dict[tuple[str, str | None], datetime] = {}
        for e in self.case.events:
            if e.at is None:
                continue
            sent[e.kind] = e.at
            if e.kind == EVENT_KIND:
                drafted[(str(e.extra.get("document")), e.extra.get("referral"))] = e.at
        table_rows = []
        for key, label, referral, event in self.rows():
            kind = key.split("|")[0]
            recipient = SHORT_RECIPIENT[KINDS[kind].recipient] if kind in KINDS else "LA"
            table_rows.append(
                # The label carries a referral id from the case file: data, never markup.
                (
                    key,
                    [
                        literal(label),
                        short(sent.get(event)) if event else "",
                        recipient,
                        short(drafted.get((kind, referral))),
                    ],
                )
            )
        fill_table(self.query_one(DataTable), table_rows)

    def _selected(self) -> tuple[str, str | None] | None:
        key = selected_key(self.query_one(DataTable))
        if key is None or key.startswith("sent:"):
            if key:
                self.notify("That is a record of something sent, with no document: press s.", markup=False)
            return None
        kind, _, referral = key.partition("|")
        return kind, referral or None

    def action_preview(self) -> None:
        chosen = self._selected()
        if chosen is not None:
            self.post_message(self.DocumentWanted(*chosen, preview=True))

    def action_write(self) -> None:
        chosen = self._selected()
        if chosen is not None:
            self.post_message(self.DocumentWanted(*chosen))

    def action_pdf(self) -> None:
        chosen = self._selected()
        if chosen is not None:
            self.post_message(self.DocumentWanted(*chosen, formats=("pdf",)))

    def action_sent(self) -> None:
        key = selected_key(self.query_one(DataTable))
        if key is None:
            return
        label, event = next(((lbl, ev) for k, lbl, _r, ev in self.rows() if k == key), ("", None))
        if event is None:
            self.notify("Record when a referral letter was faxed or posted on the Referrals step (x, o).", markup=False)
            return
        kind, _, referral = key.partition("|")
        if key.startswith("sent:") or self._drafted(kind, referral or None):
            self._record_sent(event, f"Sent: {label}")
            return
        # Nothing drafted here: "sent" is recorded only with how it was sent (issue 28).

        def reasoned(reason: str | None) -> None:
            if reason:
                self._record_sent(event, f"Sent: {label} — not drafted in dutydesk: {reason.strip()}")

        self.app.push_screen(
            PromptDialog(
                f"{label} has not been drafted here. How was it sent? (e.g. written by hand at court)",
                "Typed at court and handed to the usher",
                check=lambda text: None if len(text.strip()) >= 5 else "Say how it was sent (a few words)",
            ),
            reasoned,
        )

    def _drafted(self, kind: str, referral: str | None) -> bool:
        return any(
            e.kind == EVENT_KIND and e.extra.get("document") == kind and e.extra.get("referral") == referral
            for e in self.case.events
        )

    def _record_sent(self, event: str, text: str) -> None:
        self.case.events.append(Event(at=self.now(), by=self.workspace.officer, kind=event, text=text))
        self.changed_structure()
        self.refresh_derived()

    def action_unsent(self) -> None:
        """A "sent" recorded by mistake comes off the case; the trail keeps its recording and its
        removal, and the chronology says what was withdrawn and when."""
        key = selected_key(self.query_one(DataTable))
        event = next((ev for k, _lbl, _r, ev in self.rows() if k == key), None)
        last = next((e for e in reversed(self.case.events) if event and e.kind == event), None)
        if last is None:
            self.notify("Nothing is recorded as sent for this document.", markup=False)
            return
        self.case.events.remove(last)
        when = short(last.at)
        self.case.events.append(
            Event(
                at=self.now(),
                by=self.workspace.officer,
                kind="note",
                text=f"Withdrawn, recorded by mistake: “{last.text or last.kind}” ({when})",
            )
        )
        self.changed_structure()
        self.refresh_derived()
        self.notify(f"Withdrawn: {last.text or last.kind}", markup=False)
