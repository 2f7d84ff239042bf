"""Issue 17 by Pilot: partial dates, the first-run name dialog, the theme remembered, keyboard
scrolling, the palette finding a case by anyone's name or the court's number, messages that
wrap whole at 80 columns, and the defaults that protect."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from textual.widgets import Input

from dutydesk.config.policy_files import load_policy
from dutydesk.domain.case.partial_date import PartialDate
from dutydesk.store.repository import Store
from dutydesk.tui.app import CaseCommands, DutydeskApp
from dutydesk.tui.dialogs.name import NameDialog
from dutydesk.tui.screens.case import CaseScreen
from dutydesk.tui.steps import StepPane
from tests.tui.test_desk_80x24 import screen_text
from tests.tui.test_workflow import field, settle, type_into


@pytest.fixture
def config_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cfg"
    monkeypatch.setenv("DUTYDESK_CONFIG_DIR", str(folder))
    monkeypatch.delenv("DUTYDESK_OFFICER", raising=False)
    return folder


async def test_a_finding_dated_by_year_or_month_is_kept_as_precise_as_typed(demo_store: Store) -> None:
    app = DutydeskApp(demo_store, load_policy())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.open_case("DD-2025-000101")
        await settle(pilot)
        await pilot.press("4")
        await settle(pilot, 0.3)
        app.screen.query_one("#checks").focus()
        await pilot.press("g")
        await settle(pilot)
        date_row = next(r for r in app.screen.query("FieldRow") if r.spec.path.endswith(".date"))
        await type_into(pilot, date_row, "2012")
        await settle(pilot)
        assert not date_row.query_one(".error").has_class("-shown")
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, CaseScreen)
        app.screen.flush()
    finding = demo_store.load("DD-2025-000101").case.findings[-1]
    assert finding.date == PartialDate(2012)


async def test_a_year_where_a_whole_date_is_needed_is_refused_in_plain_english_shown_whole(
    demo_store: Store,
) -> None:
    app = DutydeskApp(demo_store, load_policy())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.open_case("DD-2025-000101")
        await settle(pilot)
        row = field(app.screen, "case.first_hearing_at")
        await type_into(pilot, row, "2012")
        await settle(pilot)
        message = str(row.query_one(".error").render())
        assert "only part of a date" in message and "13/06/2025" in message
        assert "isoformat" not in message and "Invalid" not in message
        # Wrapped whole: every word of the message is on the screen, none cut at the edge.
        shown = " ".join(" ".join(line.split()) for line in screen_text(app).splitlines())
        for word in message.split():
            assert word in shown


async def test_first_start_asks_the_name_in_a_dialog_and_keeps_it(store: Store, config_dir: Path) -> None:
    app = DutydeskApp(store, load_policy())
    app.ask_name = True
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, NameDialog)
        app.screen.query_one(Input).focus()
        await pilot.press(*"Priya Shah", "enter")
        await settle(pilot)
        assert not isinstance(app.screen, NameDialog)
        # Then the letterhead (issue 18): asked once, in the desk; Esc leaves it for later.
        from dutydesk.tui.dialogs.office import OfficeDialog

        assert isinstance(app.screen, OfficeDialog)
        assert app.screen.focused is not None and app.screen.focused.id == "office-name"
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, OfficeDialog)
    saved = tomllib.loads((config_dir / "config.toml").read_text(encoding="utf-8"))
    assert saved["officer_name"] == "Priya Shah" and "office" not in saved
    assert store.officer.name == "Priya Shah"  # what is recorded from now on says so


async def test_the_name_is_written_at_the_top_level_of_a_config_with_tables(config_dir: Path) -> None:
    from dutydesk.config.identity import save_officer_name
    from dutydesk.config.settings import load_settings

    config_dir.mkdir(parents=True)
    (config_dir / "config.toml").write_text('# mine\ncutoff = "16:00"\n\n[extra]\nnote = "kept"\n')
    save_officer_name('O\'Brien "Sam"')
    text = (config_dir / "config.toml").read_text()
    assert "# mine" in text and 'note = "kept"' in text
    assert load_settings().officer_name == 'O\'Brien "Sam"'


async def test_the_theme_chosen_is_the_theme_next_time(store: Store, config_dir: Path) -> None:
    app = DutydeskApp(store, load_policy())
    app.remember_theme = True
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.theme = "nord"
        await settle(pilot)
    from dutydesk.config.settings import load_settings

    assert load_settings().theme == "nord"


async def test_page_down_from_the_step_list_scrolls_the_step(demo_store: Store) -> None:
    app = DutydeskApp(demo_store, load_policy())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.open_case("DD-2025-000104")
        await settle(pilot)
        await pilot.press("8")  # Referrals: the detail runs below the screen at 80×24
        await settle(pilot, 0.3)
        app.screen.query_one("#steps").focus()
        pane = app.screen.query_one("#pane-referrals", StepPane)
        assert pane.scroll_y == 0 and pane.max_scroll_y > 0
        await pilot.press("pagedown")
        await settle(pilot, 0.3)
        assert pane.scroll_y > 0
        await pilot.press("tab")  # into the step's first field or table, never the pane itself
        await settle(pilot)
        assert app.focused is not None and app.focused is not pane and pane in app.focused.ancestors
        await pilot.press("ctrl+w")  # What's next takes the focus and scrolls from the keys
        await settle(pilot)
        assert app.focused is not None and app.focused.id == "whats-next"


async def test_the_palette_finds_a_case_by_a_persons_name_and_the_court_number(demo_store: Store) -> None:
    app = DutydeskApp(demo_store, load_policy())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        case = demo_store.load("DD-2025-000104").case
        adult = next(p for p in case.people if p.role == "applicant")
        provider = CaseCommands(app.screen)
        for query in (adult.family_name or "", case.case.court_case_number or ""):
            assert query
            hits = [str(hit.text) async for hit in provider.search(query)]
            assert any("DD-2025-000104" in h for h in hits), (query, hits)


async def test_a_child_added_is_a_child_and_a_hidden_address_hides_the_phone(store: Store) -> None:
    app = DutydeskApp(store, load_policy())
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("n", "enter")  # a new case: asked first, Enter makes it
        await settle(pilot)
        reference = app.screen.session.case.case.reference  # type: ignore[attr-defined]
        await pilot.press("2")
        await settle(pilot, 0.3)
        for key in ("c", "escape", "c", "escape", "a", "escape"):
            await pilot.press(key)
            await settle(pilot, 0.3)
        assert isinstance(app.screen, CaseScreen)
        app.screen.flush()
    people = store.load(reference).case.people
    assert [p.role for p in people] == ["child", "child", "applicant"]
    parent = people[2]
    parent.phone = "07700 900123"
    assert parent.phone_is_confidential is False
    from dutydesk.domain.case.model import Address

    parent.addresses.append(Address(line1="4 Elm Rd", confidential=True))
    assert parent.phone_is_confidential is True  # not said: as confidential as the address
    parent.phone_confidential = False
    assert parent.phone_is_confidential is False  # the officer said otherwise


async def test_q_in_a_case_quits_with_what_was_typed_saved(demo_store: Store) -> None:
    """Issue 17: q did nothing in a case. Typed in a field it is a letter; elsewhere it quits,
    and the half-second of typing not yet saved is saved on the way out."""
    app = DutydeskApp(demo_store, load_policy())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.open_case("DD-2025-000101")
        await settle(pilot)
        row = field(app.screen, "case.court_case_number")
        await type_into(pilot, row, "LQ25P00999")
        assert row.query_one(Input).value == "LQ25P00999"  # the q was typed, not a quit
        app.screen.query_one("#steps").focus()
        await pilot.press("q")
        await pilot.pause(0.5)
        assert not app.is_running
    assert demo_store.load("DD-2025-000101").case.case.court_case_number == "LQ25P00999"
