"""Issue 18 in the desk: a letter asked for before the office's details are set opens the Office
details dialog (typed at full speed, checked as it is saved) and then drafts; `p` writes a PDF
without holding up the desk."""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

import pytest
from textual.widgets import DataTable, Label

from dutydesk.store.repository import Store
from dutydesk.tui.dialogs.office import OfficeDialog
from dutydesk.tui.screens.case import CaseScreen
from tests.drafting.output_text import needs_pdf_tools
from tests.tui.bursts import burst, keys_done
from tests.tui.conftest import make_app
from tests.tui.test_workflow import settle


def config() -> Path:
    return Path(os.environ["DUTYDESK_CONFIG_DIR"]) / "config.toml"


@pytest.fixture
def no_office() -> None:
    config().write_text('# mine\ncutoff = "16:00"\n', encoding="utf-8")


async def open_letter(app, pilot, reference: str, key: str) -> DataTable[object]:  # type: ignore[no-untyped-def]
    await settle(pilot)
    app.open_case(reference)
    await settle(pilot)
    await pilot.press("9")
    table: DataTable[object] = app.screen.query_one("#letters", DataTable)
    table.focus()
    table.move_cursor(row=table.get_row_index(key))
    return table


async def test_a_letter_without_the_office_details_asks_for_them_then_drafts(
    demo_store: Store, no_office: None
) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_letter(app, pilot, "DD-2025-000104", "court_referral_made|r1")
        await pilot.press("w")
        await settle(pilot)
        assert isinstance(app.screen, OfficeDialog)
        # Typed at full speed: each line, Tab, the next — no waiting between keys.
        lines = [
            "Cafcass, Birmingham office",
            "Level 5, 10 Colmore Row, Birmingham, B3 2QD",
            "+44 (0)300 456 4000",
            "duty.birmingham@cafcass.gov.uk.cjsm.net",
            "Family Court Adviser",
        ]
        keys: list[str] = []
        for line in lines:
            keys += [line, "tab"]
        burst(app, *keys[:-1], "enter")
        await keys_done(app, pilot)
        await settle(pilot)
        assert isinstance(app.screen, CaseScreen)
        saved = tomllib.loads(config().read_text(encoding="utf-8"))
        assert saved["cutoff"] == "16:00" and config().read_text(encoding="utf-8").startswith("# mine")
        assert saved["office"]["phone"] == "+44 (0)300 456 4000" and saved["office"]["role"] == "Family Court Adviser"
        await pilot.press("w")
        await settle(pilot, 1.5)
    events = [e for e in demo_store.load("DD-2025-000104").case.events if e.kind == "document_drafted"]
    assert sorted(e.extra["format"] for e in events) == ["docx", "txt"]
    text = Path(next(e.extra["file"] for e in events if e.extra["format"] == "txt")).read_text(encoding="utf-8")
    assert "Level 5" in text and "+44 (0)300 456 4000" in text


async def test_a_wrong_office_detail_is_named_and_never_saved(demo_store: Store, no_office: None) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_letter(app, pilot, "DD-2025-000104", "court_referral_made|r1")
        await pilot.press("w")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, OfficeDialog)
        values = {"name": "Cafcass", "address": "1 High St, Leeds", "phone": "12345", "email": "x@y.z", "role": "FCA"}
        for name, value in values.items():
            dialog.query_one(f"#office-{name}").value = value  # type: ignore[attr-defined]
        dialog.query_one("#office-phone").focus()
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, OfficeDialog)
        assert "UK telephone number" in str(dialog.query_one(".error", Label).render())
        await pilot.press("escape")  # Esc keeps the details that are right (issue 34), never the phone
        await settle(pilot)
    office = tomllib.loads(config().read_text(encoding="utf-8"))["office"]
    assert office == {k: v for k, v in values.items() if k != "phone"}


async def test_p_writes_a_pdf_and_records_it(demo_store: Store) -> None:
    needs_pdf_tools()
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_letter(app, pilot, "DD-2025-000104", "court_referral_made|r1")
        await pilot.press("p")
        for _ in range(60):  # LibreOffice works in a thread; the desk stays live
            await settle(pilot, 0.5)
            if any(e.kind == "document_drafted" for e in app.screen.session.case.events):  # type: ignore[attr-defined]
                break
        await settle(pilot, 1.5)
    events = [e for e in demo_store.load("DD-2025-000104").case.events if e.kind == "document_drafted"]
    assert [e.extra["format"] for e in events] == ["pdf"]
    assert Path(events[0].extra["file"]).read_bytes().startswith(b"%PDF")


async def test_esc_in_office_details_keeps_what_was_typed_and_names_what_it_could_not(
    demo_store: Store, no_office: None
) -> None:
    """Issue 34: Esc closed the dialog and silently threw away an address typed in full. Now what
    is accepted is kept, what is not is named, and the rest waits for later."""
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.edit_office()
        await settle(pilot)
        assert isinstance(app.screen, OfficeDialog)
        burst(app, "Cafcass, Leeds office", "tab", "1 Park Row, Leeds, LS1 5AB", "tab", "not a phone", "escape")
        await keys_done(app, pilot)
        await settle(pilot)
        assert not isinstance(app.screen, OfficeDialog)
        said = " ".join(str(n.message) for n in app._notifications)
        assert "Office details kept: office name, postal address" in said, said
        assert "Not kept: office telephone" in said, said
    office = tomllib.loads(config().read_text(encoding="utf-8"))["office"]
    assert office == {"name": "Cafcass, Leeds office", "address": "1 Park Row, Leeds, LS1 5AB"}
    assert 'cutoff = "16:00"' in config().read_text(encoding="utf-8")  # the rest of the file as it was
