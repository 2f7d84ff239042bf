"""Previous knowledge in the workflow (¶2.17-2.18): `/` from the board, the duplicate check while
a person is typed in, and the officer's decision on the Checks step bringing the history in."""

from __future__ import annotations

from datetime import date

from textual.widgets import DataTable, Input, Static

from dutydesk.domain.case.model import Case, CaseInfo, Person
from dutydesk.domain.people.previous_knowledge import decisions
from dutydesk.store.repository import Store
from dutydesk.tui.dialogs.item import ItemDialog
from dutydesk.tui.screens.case import CaseScreen
from dutydesk.tui.screens.person_search import PersonSearchScreen
from tests.tui.conftest import make_app
from tests.tui.test_workflow import field, settle, type_into

# Sample 07's father is Mohammed Rahman, born 09/09/1985.
NEW = "DD-2026-000500"


def second_case(store: Store) -> None:
    store.create(
        Case(
            case=CaseInfo(reference=NEW),
            people=[
                Person(
                    id="p1",
                    role="respondent",
                    given_names="Muhammad",
                    family_name="Rahman",
                    date_of_birth=date(1985, 9, 9),
                )
            ],
        )
    )


async def test_slash_on_the_board_finds_a_person_by_another_spelling(demo_store: Store) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        await settle(pilot)
        assert isinstance(app.screen, PersonSearchScreen)
        await pilot.press(*"Muhamad Rahman")
        app.screen.query_one("#dob", Input).value = "09/09/1985"
        await settle(pilot, 1.0)
        table = app.screen.query_one(DataTable)
        assert table.row_count >= 1
        assert str(table.get_row_at(0)[0]) == "likely" and table.get_row_at(0)[5] == "DD-2025-000107"
        why = str(app.screen.query_one("#why", Static).render())
        assert "sounds alike: muhamad / mohammed" in why and "same date of birth" in why
        table.focus()
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, CaseScreen) and app.screen.session.case.case.reference == "DD-2025-000107"


async def test_a_bad_dob_in_the_search_is_named_and_nothing_breaks(demo_store: Store) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        await settle(pilot)
        app.screen.query_one("#dob", Input).value = "31/02/1985"
        await settle(pilot)
        assert "not a date yet" in str(app.screen.query_one("#problem", Static).render())


async def test_typing_a_person_in_shows_their_earlier_record(demo_store: Store) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("n", "enter")  # a new case: asked first, Enter makes it
        await settle(pilot)
        await pilot.press("2")  # People
        app.screen.query_one("#pane-people").focus()
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, ItemDialog)
        pid = app.screen.fields[0][0].path.split("[")[1].split("]")[0]
        await type_into(pilot, field(app.screen, f"people[{pid}].given_names"), "Mohamed")
        await type_into(pilot, field(app.screen, f"people[{pid}].family_name"), "Rahman")
        await type_into(pilot, field(app.screen, f"people[{pid}].date_of_birth"), "09/09/1985")
        await settle(pilot, 1.2)
        shown = str(app.screen.query_one("#earlier-records", Static).render())
        assert "LIKELY" in shown and "Mohammed Rahman" in shown and "DD-2025-000107" in shown


async def test_the_officer_decides_and_the_earlier_risk_history_comes_into_view(demo_store: Store) -> None:
    second_case(demo_store)
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.open_case(NEW)
        await settle(pilot)
        await pilot.press("4")  # Checks
        await settle(pilot, 1.2)
        table = app.screen.query_one("#earlier", DataTable)
        assert table.row_count == 1 and table.get_row_at(0)[2] == "DD-2025-000107"
        assert table.get_row_at(0)[4] == "to decide"
        table.focus()
        await pilot.press("y")
        await settle(pilot, 1.2)
        assert table.get_row_at(0)[4] == "SAME PERSON"
        history = str(app.screen.query_one("#earlier-history", Static).render())
        assert "DD-2025-000107" in history and "Mohammed Rahman was applicant" in history
    case = demo_store.load(NEW).case
    (decision,) = decisions(case).values()
    assert (decision["case"], decision["decision"], decision["by"]) == ("DD-2025-000107", "same_person", "Test Officer")
