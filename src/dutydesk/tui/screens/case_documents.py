"""The case screen's documents: a document the Letters step asks for is previewed, or written and
recorded through services/letters.py — the same implementation as `dutydesk draft`, with its
guarantee (recorded, or not kept).

Everything typed is saved before a document is recorded, and the case is then followed to the
version holding the record: the record is never this desk's own change met later as "another
dutydesk changed this case"."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from textual import on, work
from textual.screen import Screen

from dutydesk.config.office import OfficeMissing
from dutydesk.domain.case.codec import Problems
from dutydesk.domain.policy.bundle import Policy
from dutydesk.drafting.draft import Draft, Format
from dutydesk.drafting.outbox import Written
from dutydesk.errors import DutydeskError
from dutydesk.services.letters import Recorded, discard, draft_document, record_written, write_documents
from dutydesk.services.session import CaseSession
from dutydesk.tui.dialogs.preview import DocumentPreview
from dutydesk.tui.steps.letters import LettersPane


class CaseDocuments(Screen[None]):
    """Mixed into CaseScreen: the handlers of LettersPane.DocumentWanted."""

    session: CaseSession
    policy: Policy
    edit_office: Callable[[str], None]  # the letterhead dialog (the app's), given to the screen

    def now(self) -> datetime:
        raise NotImplementedError

    def flush(self) -> None:
        raise NotImplementedError

    def refresh_all(self) -> None:
        raise NotImplementedError

    @on(LettersPane.DocumentWanted)
    def _document_wanted(self, wanted: LettersPane.DocumentWanted) -> None:
        made = self._draft(wanted.kind, wanted.referral, preview=wanted.preview)
        if made is None:
            return
        if wanted.preview:

            def after(write_it: bool | None) -> None:
                if write_it:
                    self.post_message(LettersPane.DocumentWanted(wanted.kind, wanted.referral))

            self.app.push_screen(DocumentPreview(made), after)
        elif "pdf" in wanted.formats:
            self.notify("Making the PDF with LibreOffice…", markup=False, timeout=4)
            self._write_in_background(made, wanted.formats)
        else:
            try:
                written = write_documents(made, wanted.formats)
            except (DutydeskError, OSError) as exc:
                self.notify(f"The document was not written: {exc}", severity="error", markup=False, timeout=10)
                return
            self._record(made, written)

    def _draft(self, kind: str, referral: str | None, preview: bool) -> Draft | None:
        """The document from the case as it is now; for writing, after everything typed is saved
        (what is recorded is drafted from what is stored)."""
        if not preview:
            self.flush()
            if self.session.dirty:
                self.notify(
                    "Not drafted: the case could not be saved first (the status line says why).",
                    severity="error",
                    markup=False,
                    timeout=10,
                )
                return None
        reference = self.session.case.case.reference
        try:
            return draft_document(
                self.session.store, reference, kind, self.policy, self.now(), referral, self.session.case
            )
        except OfficeMissing as exc:
            self.edit_office(f"This letter cannot be drafted yet: {exc}.")
        except (DutydeskError, Problems) as exc:
            self.notify(f"Not drafted: {exc}", severity="error", markup=False, timeout=15)
        return None

    @work(thread=True, exclusive=True, group="documents")
    def _write_in_background(self, made: Draft, formats: tuple[Format, ...]) -> None:
        # LibreOffice takes seconds: off the UI thread, so typing elsewhere is never held up.
        try:
            written = write_documents(made, formats)
        except (DutydeskError, OSError) as exc:
            self.app.call_from_thread(self.notify, str(exc), severity="error", markup=False, timeout=12)
            return
        self.app.call_from_thread(self._record, made, written)

    def _record(self, made: Draft, written: list[Written]) -> None:
        self.flush()  # typed while the PDF was made: saved first, so the record follows it
        if self.session.dirty:
            discard(written)
            self.notify(
                "Not recorded, so not kept: the case could not be saved first (the status line says why).",
                severity="error",
                markup=False,
                timeout=15,
            )
            return
        try:
            done: Recorded = record_written(self.session.store, made, written, self.now())
        except (DutydeskError, Problems) as exc:
            self.notify(f"Not recorded, so not kept: {exc}", severity="error", markup=False, timeout=15)
            return
        self.session.follow()
        self.refresh_all()
        first = done.written[0].path
        self.notify(f"Written to {first.parent} and recorded: {first.name}", markup=False, timeout=8)
