"""Pilot tests: each step filled from the keyboard, validated, persisted and found on reload."""

from __future__ import annotations

from datetime import datetime

import pytest
from textual.widgets import DataTable, Input, Select, Static

from dutydesk.domain.time.calendar import LONDON
from dutydesk.store.repository import Store
from dutydesk.tui.app import DutydeskApp
from dutydesk.tui.dialogs.blank import BlankScreen
from dutydesk.tui.dialogs.deadline import DeadlineScreen
from dutydesk.tui.dialogs.help import HelpScreen
from dutydesk.tui.dialogs.item import ItemDialog
from dutydesk.tui.quiet import until_quiet
from dutydesk.tui.screens.board import BoardScreen
from dutydesk.tui.screens.case import CaseScreen
from dutydesk.tui.widgets.fields import FieldRow
from dutydesk.tui.widgets.whats_next import WhatsNext
from tests.tui.conftest import make_app


async def settle(pilot: object, seconds: float = 0.7) -> None:
    """Until the desk has nothing left to do (tui/quiet.py), not for a fixed time: `seconds`
    was the old fixed pause, kept as a floor for the time limit. A test that needs time itself
    to pass (a poll, the idle lock) says so with pilot.pause."""
    await until_quiet(pilot, at_most=max(10.0, seconds))


def field(screen: object, path: str) -> FieldRow:
    return next(r for r in screen.query(FieldRow) if r.spec.path == path)  # type: ignore[attr-defined]


async def type_into(pilot: object, row: FieldRow, text: str) -> None:
    editor = row.query_one("Input, TextArea")
    editor.focus()
    editor.value = ""
    await pilot.press(*list(text))  # type: ignore[attr-defined]


async def choose(pilot: object, row: FieldRow, value: str) -> None:
    row.query_one(Select).value = value
    await pilot.pause()  # type: ignore[attr-defined]


def whats_next(app: DutydeskApp) -> str:
    return app.screen.query_one(WhatsNext).plain


async def test_new_case_harm_ticked_without_c1a_shows_app_iii_actions_and_persists(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("n", "enter")  # a new case: asked first, Enter makes it
        await settle(pilot)
        assert isinstance(app.screen, CaseScreen)
        reference = app.screen.session.case.case.reference
        await pilot.press("3")  # Forms
        await choose(pilot, field(app.screen, "forms.c1.harm_indicated"), "yes")
        await choose(pilot, field(app.screen, "forms.c1a.completed"), "no")
        await settle(pilot)
        assert "Notify the court that the C1A form has not been completed" in whats_next(app)
        assert "harm ticked but no C1A — tell the court" in str(app.screen.query_one("#forms-pathway", Static).render())
    reloaded = store.load(reference).case
    assert reloaded.forms.c1.harm_indicated is True and reloaded.forms.c1a.completed is False


async def test_a_bad_date_is_refused_at_entry_and_nothing_recorded_changes(demo_store: Store) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.open_case("DD-2025-000101")
        await settle(pilot)
        row = field(app.screen, "case.first_hearing_at")
        await type_into(pilot, row, "31/02/2025")
        await settle(pilot)
        error = str(row.query_one(".error").render())
        assert "not a real date" in error and "February 2025 has no day 31" in error and "13/06/2025" in error
        await type_into(pilot, row, "15/07/2025 11:30")
        await settle(pilot)
        assert str(row.query_one(".error").render()) == ""
    case = demo_store.load("DD-2025-000101").case
    assert case.case.first_hearing_at == datetime(2025, 7, 15, 11, 30, tzinfo=LONDON)


async def test_referral_phoned_on_a_friday_shows_written_confirmation_due_monday(demo_store: Store) -> None:
    """¶2.103: a call on Friday 13/06/2025 must be confirmed in writing by Monday 16/06/2025."""
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.open_case("DD-2025-000102")
        await settle(pilot)
        await pilot.press("8")
        await pilot.press("a")  # add a referral: the dialog opens on it
        await settle(pilot)
        assert isinstance(app.screen, ItemDialog)
        phoned = next(r for r in app.screen.query(FieldRow) if r.spec.path.endswith(".phoned_at"))
        await type_into(pilot, phoned, "13/06/2025 16:10")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        detail = str(app.screen.query_one("#referral-detail", Static).render())
        assert "Mon 16/06/2025 Confirm the telephone referral in writing" in detail
        assert "1 working day after Fri 13/06/2025" in detail
    referral = demo_store.load("DD-2025-000102").case.referrals[0]
    assert referral.kind == "s47_protection"
    assert referral.phoned_at == datetime(2025, 6, 13, 16, 10, tzinfo=LONDON)


async def test_follow_ups_are_one_key_each(demo_store: Store) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.open_case("DD-2025-000104")
        await settle(pilot)
        await pilot.press("8")
        app.screen.query_one("#referrals", DataTable).focus()
        await pilot.press("x", "s")
        await settle(pilot)
    referral = demo_store.load("DD-2025-000104").case.referrals[0]
    assert referral.fax_sent_at is not None and referral.sm_copy_sent_at is not None


async def test_risk_levels_from_the_keyboard_raise_the_escalation_banner(demo_store: Store) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.open_case("DD-2025-000101")
        await settle(pilot)
        await pilot.press("6")
        app.screen.query_one("#factors", DataTable).focus()
        await pilot.press("down", "h")  # domestic violence: high
        await pilot.pause()
        table = app.screen.query_one("#factors", DataTable)
        assert str(table.get_row_at(1)[0]) == "high"  # the level column comes first, always in view
        detail = str(app.screen.query_one("#factor-detail", Static).render())
        assert detail == "Domestic violence — level: high (¶2.14; SCR learning, App. A)"
        await choose(pilot, field(app.screen, "risk.overall"), "high")
        await settle(pilot)
        banner = app.screen.query_one("EscalationBanner")
        assert banner.has_class("-shown") and "Service Manager" in str(banner.render())
    case = demo_store.load("DD-2025-000101").case
    assert [(f.factor, f.level) for f in case.risk.factors] == [("domestic_violence", "high")]
    assert case.risk.overall == "high"


async def test_a_note_is_saved_while_typing_and_names_render_literally(demo_store: Store) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.open_case("DD-2025-000103")
        await settle(pilot)
        await pilot.press("0")  # the step: the cursor is not put in a field (a step key never types)
        await pilot.press("n")  # n: write a note
        await pilot.press(*list("[bold]Father[/bold] called \x1b[31m"))
        await settle(pilot)
        events = demo_store.load("DD-2025-000103").case.events
        assert events[-1].text is not None and events[-1].text.startswith("[bold]Father[/bold] called")
        await pilot.press("enter")
        await settle(pilot)
        chronology = str(app.screen.query_one("#chronology", Static).render())
        assert "[bold]Father[/bold] called" in chronology  # shown as typed, not as markup


async def test_blank_screen_help_and_deadline_calculator(demo_store: Store) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+b")
        assert isinstance(app.screen, BlankScreen)
        await pilot.press("ctrl+b")
        assert isinstance(app.screen, BoardScreen)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape", "d")
        assert isinstance(app.screen, DeadlineScreen)
        app.screen.query_one("#from", Input).value = "17/04/2025 11:00"
        await settle(pilot, 0.3)
        answer = str(app.screen.query_one("#answer", Static).render())
        assert "Due: Tue 22/04/2025" in answer and "Good Friday" in answer and "Easter Monday" in answer


async def test_board_orders_overdue_first_and_filters(demo_store: Store) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, 1.5)
        board = app.screen
        assert isinstance(board, BoardScreen)
        table = board.query_one(DataTable)
        first = board.rows[str(table.coordinate_to_cell_key((0, 0)).row_key.value)]
        assert first.next_status == "overdue"
        await pilot.press("f")
        await settle(pilot, 0.2)
        assert all(board.rows[str(k.value)].next_status == "overdue" for k in table.rows)


async def test_conflicting_change_from_another_dutydesk_is_never_overwritten(demo_store: Store) -> None:
    """Two apps on one store: the second save reloads, keeps the other's change and says so."""
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.open_case("DD-2025-000101")
        await settle(pilot)
        other = demo_store.load("DD-2025-000101")  # another officer's copy
        other.case.case.court = "Bradford Combined Court Centre"
        demo_store.save(other.case, other.version)
        await type_into(pilot, field(app.screen, "case.court_case_number"), "LS25P09999")
        await settle(pilot, 1.0)
        assert any("Another dutydesk changed this case" in n.message for n in app._notifications)
    case = demo_store.load("DD-2025-000101").case
    assert case.case.court == "Bradford Combined Court Centre"
    assert case.case.court_case_number == "LS25P09999"


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_every_step_renders_at_both_sizes(demo_store: Store, size: tuple[int, int]) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        app.open_case("DD-2025-000105")
        await settle(pilot)
        for key in "1234567890":
            await pilot.press(key)
            await pilot.pause()
        assert isinstance(app.screen, CaseScreen)


async def test_import_an_hmcts_feed_from_the_board(store: Store) -> None:
    """Issue 7: the same import from the duty board; the cases appear on it."""
    from tests.conftest import FIXTURES

    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("i")
        await settle(pilot, 0.3)
        await pilot.press(*list(str(FIXTURES / "hmcts" / "cafcass-search-response.json")), "enter")
        await settle(pilot, 1.5)
        assert any("HMCTS feed" in n.message and "created" in n.message for n in app._notifications)
        board = app.screen
        assert isinstance(board, BoardScreen) and len(board.rows) == 2
    hmcts_ids = {store.load(s.reference).case.case.hmcts_case_id for s in store.list_cases()}
    assert hmcts_ids == {"1661164783455399", "1661447479032162"}


async def test_people_step_adds_a_person_with_a_confidential_address(demo_store: Store) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.open_case("DD-2025-000101")
        await settle(pilot)
        await pilot.press("2", "a")  # People: add → the person's form opens
        await settle(pilot)
        assert isinstance(app.screen, ItemDialog)
        rows = {r.spec.path.rsplit(".", 1)[-1]: r for r in app.screen.query(FieldRow)}
        await choose(pilot, rows["role"], "new_partner")
        await type_into(pilot, rows["given_names"], "Lee")
        await type_into(pilot, rows["postcode"], "LS2 7AB")
        await choose(pilot, rows["confidential"], "yes")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
    person = demo_store.load("DD-2025-000101").case.people[-1]
    assert (person.role, person.given_names) == ("new_partner", "Lee")
    assert person.addresses[0].postcode == "LS2 7AB" and person.addresses[0].confidential is True


async def test_checks_step_finding_from_the_offence_picker_shows_risk_to_children(demo_store: Store) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.open_case("DD-2025-000101")
        await settle(pilot)
        await pilot.press("4")
        app.screen.query_one("#checks", DataTable).focus()
        await pilot.press("g")  # a finding; its form has the Appendix II picker
        await settle(pilot)
        subject = next(r for r in app.screen.query(FieldRow) if r.spec.path.endswith(".subject"))
        await choose(pilot, subject, "p2")  # chosen by name (issue 17), stored as the person
        search = app.screen.query_one("#offence-search", Input)
        search.focus()
        await pilot.press(*list("cruelty"))
        await settle(pilot, 0.3)
        await pilot.press("enter")  # the best match, from the search box itself (issue 17)
        await settle(pilot)
        offence = next(r for r in app.screen.query(FieldRow) if r.spec.path.endswith(".offence"))
        assert offence.query_one(Input).value == "Cruelty to children"
        filled = str(app.screen.query_one("#offence-filled", Static).render())
        assert filled.startswith("✓ Filled in from Appendix II: Cruelty to children")
        await pilot.press("escape")
        await settle(pilot)
        assert "RISK TO CHILDREN" in str(app.screen.query_one("#checks-risk", Static).render())
    finding = demo_store.load("DD-2025-000101").case.findings[-1]
    assert (finding.subject, finding.offence, finding.act) == (
        "p2",
        "Cruelty to children",
        "Children and Young Persons Act 1933",
    )


async def test_pathway_step_confirms_the_classification_and_marks_an_action_done(demo_store: Store) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.open_case("DD-2025-000103")
        await settle(pilot)
        await pilot.press("5")
        await choose(pilot, field(app.screen, "screening.harm_classification"), "witnessing_past")
        await settle(pilot)
        app.screen.query_one("#pane-pathway").focus()
        await pilot.press("m")  # the s120 notification letter recorded as sent
        await settle(pilot)
    case = demo_store.load("DD-2025-000103").case
    assert case.screening.harm_classification == "witnessing_past"
    assert [e.kind for e in case.events] == ["s120_notification_sent"]


async def test_escalation_step_records_the_discussion_and_urgent_actions(demo_store: Store) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.open_case("DD-2025-000105")
        await settle(pilot)
        await pilot.press("7")
        await type_into(
            pilot, next(r for r in app.screen.query(FieldRow) if r.spec.path.endswith(".with")), "S. Manager"
        )
        await type_into(
            pilot,
            next(r for r in app.screen.query(FieldRow) if r.spec.path.endswith("nature_of_concerns")),
            "Bruising reported twice; child at home with the partner",
        )
        await settle(pilot)
        app.screen.query_one("#pane-escalation").focus()
        await pilot.press("u")  # police contacted first (¶2.87)
        await settle(pilot)
    case = demo_store.load("DD-2025-000105").case
    (discussion,) = case.discussions
    assert discussion.with_ == "S. Manager" and discussion.record["nature_of_concerns"].startswith("Bruising")
    assert "police_first" in case.risk.urgent_actions


async def test_letters_step_records_a_letter_as_sent(demo_store: Store) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.open_case("DD-2025-000102")
        await settle(pilot)
        await pilot.press("9")
        table = app.screen.query_one("#letters", DataTable)
        table.focus()
        table.move_cursor(row=table.get_row_index("court_c1a_not_completed|"))
        await pilot.press("s")  # court told the C1A was not completed — not drafted here, so: how?
        await settle(pilot)
        from dutydesk.tui.dialogs.prompt import PromptDialog

        assert isinstance(app.screen, PromptDialog)
        await pilot.press("escape")  # cancelled: nothing recorded
        await settle(pilot)
        assert "court_told_c1a_not_completed" not in [e.kind for e in app.screen.session.case.events]  # type: ignore[attr-defined]
        await pilot.press("s")
        await settle(pilot)
        await pilot.press(*"Emailed by the legal adviser at court", "enter")
        await settle(pilot)
        assert "Notify the court that the C1A" not in whats_next(app)
    events = demo_store.load("DD-2025-000102").case.events
    (sent,) = [e for e in events if e.kind == "court_told_c1a_not_completed"]
    assert sent.text is not None and sent.text.endswith(
        "not drafted in dutydesk: Emailed by the legal adviser at court"
    )


async def test_a_sent_recorded_by_mistake_is_withdrawn_and_the_trail_keeps_both(demo_store: Store) -> None:
    """Issue 28: "`s` records 'Sent' for a letter never drafted, with no undo"."""
    app = make_app(demo_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.open_case("DD-2025-000102")
        await settle(pilot)
        await pilot.press("9")
        table = app.screen.query_one("#letters", DataTable)
        table.focus()
        table.move_cursor(row=table.get_row_index("court_c1a_not_completed|"))
        await pilot.press("s")
        await settle(pilot)
        await pilot.press(*"Handed to the usher", "enter")
        await settle(pilot)
        await pilot.press("u")
        await settle(pilot)
        assert "Notify the court that the C1A" in whats_next(app)
    case = demo_store.load("DD-2025-000102").case
    assert "court_told_c1a_not_completed" not in [e.kind for e in case.events]
    assert any("Withdrawn, recorded by mistake" in (e.text or "") for e in case.events)
    trail = demo_store.history("DD-2025-000102")
    assert sum("court_told_c1a_not_completed" in str(row.get("new")) for row in trail) >= 1
    assert sum("court_told_c1a_not_completed" in str(row.get("old")) for row in trail) >= 1


async def test_letters_step_previews_and_writes_the_referral_letter(demo_store: Store) -> None:
    import hashlib
    import stat
    from pathlib import Path

    from dutydesk.tui.dialogs.preview import DocumentPreview

    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.open_case("DD-2025-000104")
        await settle(pilot)
        await pilot.press("9")
        table = app.screen.query_one("#letters", DataTable)
        table.focus()
        table.move_cursor(row=table.get_row_index("referral_letter|r1"))
        await pilot.press("v")
        await settle(pilot)
        assert isinstance(app.screen, DocumentPreview)
        preview = str(app.screen.query_one("VerticalScroll Static", Static).render())
        assert "SECTION 47 CHILDREN ACT 1989" in preview
        await pilot.press("w")  # write from the preview
        await settle(pilot, 1.5)
        assert isinstance(app.screen, CaseScreen)
        row = table.get_row("referral_letter|r1")
        assert row[2] != "—"  # the Drafted column shows when
    events = [e for e in demo_store.load("DD-2025-000104").case.events if e.kind == "document_drafted"]
    assert sorted(e.extra["format"] for e in events) == ["docx", "txt"]
    for event in events:
        path = Path(event.extra["file"])
        assert hashlib.sha256(path.read_bytes()).hexdigest() == event.extra["sha256"]
        assert stat.S_IMODE(path.stat().st_mode) == 0o600


async def test_the_command_palette_shows_childrens_names_literally(store: Store) -> None:
    """Names are data, never markup: a child called "[b]Zed[/b]" is listed as typed."""
    from dutydesk.domain.case.model import Case, CaseInfo, Person

    store.create(
        Case(
            case=CaseInfo(reference="DD-2025-000900"), people=[Person(id="c1", role="child", given_names="[b]Zed[/b]")]
        )
    )
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.press(*list("000900"))
        await settle(pilot, 1.0)
        from textual.command import CommandList

        shown = " ".join(str(o.prompt) for o in app.screen.query_one(CommandList).options)
        assert "[b]Zed[/b]" in shown


async def test_the_board_shows_the_highlighted_case_in_full_at_80_columns(demo_store: Store) -> None:
    """At 80×24 the table cannot show risk and police check; the line below it always does."""
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, 1.5)
        board = app.screen
        assert isinstance(board, BoardScreen)
        await pilot.press("down")
        await pilot.pause()
        reference = board.selected_reference()
        assert reference is not None
        row = board.rows[reference]
        detail = str(board.query_one("#detail").render())
        assert detail.startswith(f"{reference} · ")  # then the children (issue 29), then:
        assert f" · risk: {row.risk} · police check: {row.police}" in detail.splitlines()[0]
        assert row.risk != "…" and row.next_item.split()[0] in detail.splitlines()[1]
