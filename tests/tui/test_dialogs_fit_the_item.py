"""Issue 29: dialogs that fit the item, at 80×24, keys in bursts.

"Show the fields this person, check, finding or referral needs (a child is not asked for a
solicitor; a referral shows consent fields for its kind), group the rest under headings with a key
to jump to each group, and let Enter on the last filled field finish. Choose with type-ahead in
every select (type "sec" for "Section 47"). A date or time field takes "now", "today",
"yesterday 16:40"." Every key of a test is handed to the terminal driver at once; each test
asserts what the store holds afterwards, not what the widgets show.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from textual.widgets import Input, Select, TextArea

from dutydesk.domain.time.calendar import LONDON
from dutydesk.store.repository import Store
from dutydesk.tui.dialogs.item import ItemDialog
from dutydesk.tui.screens.case import CaseScreen
from dutydesk.tui.widgets.fields import FieldRow
from tests.tui.bursts import burst, keys_done
from tests.tui.conftest import OFFICER
from tests.tui.test_bursts import opened

SMALL = (80, 24)
# The desk's clock in these tests: Friday 5 December 2025, 10:30 in London.
NOW = datetime(2025, 12, 5, 10, 30, tzinfo=LONDON)


def shown(app: Any) -> dict[str, bool]:
    """Each field of the open dialog: whether the officer can see it."""
    return {row.spec.path.split(".", 1)[1]: bool(row.display) for row in app.screen.query(FieldRow)}


def live(app: Any) -> Any:
    """The case as the desk holds it now (the store has it within the half-second save)."""
    return next(s for s in app.screen_stack if isinstance(s, CaseScreen)).session.case


def focused_path(app: Any) -> str:
    widget = app.focused
    row = next((a for a in widget.ancestors if isinstance(a, FieldRow)), None) if widget else None
    return row.spec.path.split(".", 1)[1] if row else f"<{type(widget).__name__}>"


async def tab_to(app: Any, pilot: Any, path: str, most: int = 12) -> None:
    """Tab, as an officer would, until the field `path` (e.g. "call_record") has the focus."""
    for _ in range(most):
        if focused_path(app) == path:
            return
        burst(app, "tab")
        await keys_done(app, pilot)
    assert focused_path(app) == path


async def test_a_child_is_asked_what_a_child_needs_and_typing_starts_at_her_name(store: Store) -> None:
    """A child's address is the address of the adult she lives with (the letters read it there):
    the child's dialog asks for no address, phone or ¶2.60 question, and offers as "Lives with"
    the adults — never herself."""
    async with opened(store, "2", SMALL) as (app, pilot, ref):
        burst(app, "c", "Lily Grace", "tab", "Whitmore", "enter", "14/02/2015", "enter")
        await keys_done(app, pilot)
        assert isinstance(app.screen, ItemDialog)
        fields = shown(app)
        assert not fields["addresses[0].line1"] and not fields["phone"] and not fields["da_asked"]
        assert fields["lives_with"] and fields["school"]
        lives_with = next(r for r in app.screen.query(FieldRow) if r.spec.path.endswith(".lives_with"))
        child = store.load(ref).case.people[-1]
        assert child.id not in lives_with.spec.options
        assert all(store.load(ref).case.person(o).role != "child" for o in lives_with.spec.options)  # type: ignore[union-attr]
        assert focused_path(app) == "lives_with"  # Enter went on to the next field still empty
        burst(app, "escape")
        await keys_done(app, pilot)
    lily = store.load(ref).case.people[-1]
    assert (lily.role, lily.given_names, lily.family_name, str(lily.date_of_birth)) == (
        "child",
        "Lily Grace",
        "Whitmore",
        "2015-02-14",
    )


async def test_an_adult_made_a_party_is_asked_about_domestic_violence_and_a_child_is_not(store: Store) -> None:
    """¶2.60 is asked of the parties: the question shows for an applicant or respondent, and goes
    when the role is changed to a child (nothing was recorded in it)."""
    async with opened(store, "2", SMALL) as (app, pilot, _ref):
        burst(app, "a")
        await keys_done(app, pilot)
        assert shown(app)["da_asked"] is (store.load(_ref).case.people[-1].role in ("applicant", "respondent"))
        assert shown(app)["addresses[0].line1"]
        role = next(r for r in app.screen.query(FieldRow) if r.spec.path.endswith(".role"))
        role.query_one(Select).value = "child"
        await keys_done(app, pilot)
        assert not shown(app)["da_asked"] and not shown(app)["addresses[0].line1"]
        burst(app, "escape")
        await keys_done(app, pilot)


async def test_a_field_holding_a_value_is_never_hidden(store: Store) -> None:
    """An adult's address typed, then the role changed to child by mistake: the address stays on
    screen (nothing recorded is hidden), and stays in the store."""
    async with opened(store, "2", SMALL) as (app, pilot, ref):
        burst(app, "a", "Sam", "tab", "Able")
        await keys_done(app, pilot)
        line1 = next(r for r in app.screen.query(FieldRow) if r.spec.path.endswith("addresses[0].line1"))
        line1.query_one(Input).focus()
        burst(app, "12 Acacia Avenue")
        await keys_done(app, pilot)
        role = next(r for r in app.screen.query(FieldRow) if r.spec.path.endswith(".role"))
        role.query_one(Select).value = "child"
        await keys_done(app, pilot)
        assert shown(app)["addresses[0].line1"]
        assert not shown(app)["addresses[0].town"]
        burst(app, "escape")
        await keys_done(app, pilot)
    sam = store.load(ref).case.people[-1]
    assert sam.addresses[0].line1 == "12 Acacia Avenue"


async def test_a_referral_shows_consent_its_kind_needs(store: Store) -> None:
    """¶2.63(a): for a section 47 referral "Consent of the court, the child or the parents is not
    required"; ¶2.63(b): for section 17 "The consent of the child, the parents and the court is
    required". The consent fields show for the kind chosen — chosen by typing its name."""
    async with opened(store, "8", SMALL) as (app, pilot, _ref):
        burst(app, "a")
        await keys_done(app, pilot)
        assert not shown(app)["consent.child"] and not shown(app)["consent.parents"]
        burst(app, "shift+tab", "sec", "down", "enter")  # the menu found Section 47; one down: 17
        await keys_done(app, pilot)
        assert live(app).referrals[0].kind == "s17_needs"
        assert shown(app)["consent.child"] and shown(app)["consent.parents"] and shown(app)["consent.court"]
        assert focused_path(app) == "kind"  # the focus stays on the choice: Tab goes on
        burst(app, "escape")
        await keys_done(app, pilot)


async def test_promoting_welfare_found_by_typing_pro(store: Store) -> None:
    async with opened(store, "8", SMALL) as (app, pilot, ref):
        burst(app, "a", "shift+tab", "pro", "enter")
        await keys_done(app, pilot)
        burst(app, "escape")
        await keys_done(app, pilot)
    assert store.load(ref).case.referrals[0].kind == "promoting_welfare"


async def test_a_reason_is_asked_only_when_the_child_was_not_told(store: Store) -> None:
    """¶2.91: the child is kept informed "unless there are specific reasons not to" — the reason
    field comes up when "Not yet" or "No" is chosen, and not before."""
    async with opened(store, "8", SMALL) as (app, pilot, ref):
        burst(app, "a")
        await keys_done(app, pilot)
        assert not shown(app)["child_not_informed_reason"]
        told = next(r for r in app.screen.query(FieldRow) if r.spec.path.endswith(".child_informed"))
        told.query_one(Select).focus()
        burst(app, "not", "enter")
        await keys_done(app, pilot)
        assert live(app).referrals[0].child_informed == "not_yet"
        assert shown(app)["child_not_informed_reason"]
        burst(app, "tab")  # the reason asked for comes next
        await keys_done(app, pilot)
        assert focused_path(app) == "child_not_informed_reason"
        burst(app, "She is 6; her mother asked to tell her after school with the social worker.")
        burst(app, "escape")
        await keys_done(app, pilot)
    referral = store.load(ref).case.referrals[0]
    assert referral.child_not_informed_reason == (
        "She is 6; her mother asked to tell her after school with the social worker."
    )


async def test_yesterday_and_now_in_time_fields(store: Store) -> None:
    """The call was yesterday at 16:40; the fax goes now."""
    async with opened(store, "8", SMALL) as (app, pilot, ref):
        app.clock = lambda: NOW.astimezone(UTC)
        burst(app, "a")
        await keys_done(app, pilot)
        phoned = next(r for r in app.screen.query(FieldRow) if r.spec.path.endswith(".phoned_at"))
        phoned.query_one(Input).focus()
        burst(app, "ctrl+u", "yesterday 16:40", "tab")
        await keys_done(app, pilot)
        assert phoned.query_one(Input).value == "04/12/2025 16:40"  # shown as what it was taken to mean
        fax = next(r for r in app.screen.query(FieldRow) if r.spec.path.endswith(".fax_sent_at"))
        fax.query_one(Input).focus()
        burst(app, "now", "tab")
        await keys_done(app, pilot)
        burst(app, "escape")
        await keys_done(app, pilot)
    referral = store.load(ref).case.referrals[0]
    assert referral.phoned_at == datetime(2025, 12, 4, 16, 40, tzinfo=LONDON)
    assert referral.fax_sent_at == NOW


async def test_enter_moves_to_the_next_empty_field_and_finishes_after_the_last(store: Store) -> None:
    """Enter in a field goes on to the next field still empty (filled ones are skipped); with none
    left after it, Enter finishes the dialog."""
    async with opened(store, "8", SMALL) as (app, pilot, ref):
        burst(app, "a")
        await keys_done(app, pilot)
        assert focused_path(app) == "la"
        burst(app, "Leeds City Council", "enter")
        await keys_done(app, pilot)
        assert focused_path(app) == "social_worker"
        reference = next(r for r in app.screen.query(FieldRow) if r.spec.path.endswith(".la_reference"))
        reference.query_one(Input).focus()
        burst(app, "LS-2025-0042", "enter")  # the last field: Enter finishes
        await keys_done(app, pilot)
        assert isinstance(app.screen, CaseScreen)
    referral = store.load(ref).case.referrals[0]
    assert (referral.la, referral.la_reference) == ("Leeds City Council", "LS-2025-0042")


async def test_ctrl_down_jumps_to_the_next_group(store: Store) -> None:
    async with opened(store, "8", SMALL) as (app, pilot, _ref):
        burst(app, "a", "ctrl+down")
        await keys_done(app, pilot)
        assert focused_path(app) == "phoned_at"  # "The call"
        burst(app, "ctrl+down")
        await keys_done(app, pilot)
        assert focused_path(app) == "child_informed"  # "Consent and telling" (s47: no consent asked)
        burst(app, "ctrl+up", "ctrl+up")
        await keys_done(app, pilot)
        assert focused_path(app) == "kind"
        burst(app, "escape")
        await keys_done(app, pilot)


async def test_a_call_record_is_written_on_several_lines_in_a_burst(store: Store) -> None:
    """Long text is long: the record of the call keeps its lines, typed at full speed, with a
    paste from an email (CRLF line ends, an escape sequence) among them."""
    from textual import events

    async with opened(store, "8", SMALL) as (app, pilot, ref):
        burst(app, "a")
        await keys_done(app, pilot)
        record = next(r for r in app.screen.query(FieldRow) if r.spec.path.endswith(".call_record"))
        area = record.query_one(TextArea)
        area.focus()
        burst(
            app,
            "Spoke to Jo Patel, duty SW.",
            "enter",
            "She will check the file.",
            events.Paste("\r\nEmail: \x1b[2Jseen by MASH 03/12\r\n"),
            "Next: call back by 17:00.",
        )
        await keys_done(app, pilot)
        assert area.size.height >= 4  # the area grew to show what was written
        burst(app, "escape")
        await keys_done(app, pilot)
    assert store.load(ref).case.referrals[0].call_record == (
        "Spoke to Jo Patel, duty SW.\nShe will check the file.\nEmail: \ufffd[2Jseen by MASH 03/12\nNext: call back by 17:00."
    )


async def test_every_focused_field_of_every_dialog_is_visible_at_80x24(tmp_path: Path) -> None:
    """Tab through the person and referral dialogs at 80×24: whatever has the focus is on screen,
    inside the dialog, above the footer."""
    for n, (step, key) in enumerate((("2", "a"), ("2", "c"), ("8", "a"))):
        store = Store.open(OFFICER, db=tmp_path / f"fit{n}.sqlite3")
        async with opened(store, step, SMALL) as (app, pilot, _ref):
            burst(app, key)
            await keys_done(app, pilot)
            dialog = app.screen
            box = dialog.query_one("VerticalScroll").region
            for _ in range(40):
                widget = app.focused
                assert widget is not None
                region = widget.region
                assert region.height > 0, focused_path(app)
                assert box.contains_region(region) or widget.id == "done", (key, focused_path(app), region, box)
                assert region.bottom <= 23, (focused_path(app), region)  # the footer is row 23
                burst(app, "tab")
                await keys_done(app, pilot, 5)
                if app.screen is not dialog:
                    break
            burst(app, "escape")
            await keys_done(app, pilot)
        store.close()


async def test_the_line_being_typed_in_a_long_field_stays_in_sight(store: Store) -> None:
    """A narrative field grows as it is typed; at 80×24 its tenth line went on below the dialog's
    edge, typed unseen (an officer found it in the People dialog). Pasted lines, then typed ones,
    in one burst: the line with the cursor is inside what the dialog shows, and all of it kept."""
    from textual import events

    from dutydesk.tui.widgets.focus_scroll import FocusKeepingScroll
    from dutydesk.tui.widgets.safe_text_area import SafeTextArea

    async with opened(store, "8", SMALL) as (app, pilot, ref):
        burst(app, "a")
        await keys_done(app, pilot)
        await tab_to(app, pilot, "call_record")
        lines = [f"Line {n}: what the social worker said" for n in range(1, 7)]
        burst(app, events.Paste("\n".join(lines)), "enter", "Typed after the paste", "enter", "And the last line")
        await keys_done(app, pilot)
        await pilot.pause(0.3)
        area = app.focused
        assert isinstance(area, SafeTextArea)
        column = next(a for a in area.ancestors if isinstance(a, FocusKeepingScroll))
        cursor = area.cursor_screen_offset
        shown_rows = column.region.intersection(app.screen.find_widget(area).clip)
        assert shown_rows.y <= cursor.y < shown_rows.bottom, (cursor, shown_rows)
        burst(app, "escape")
        await keys_done(app, pilot)
    assert store.load(ref).case.referrals[0].call_record == "\n".join(
        [*lines, "Typed after the paste", "And the last line"]
    )


async def test_a_new_item_closed_at_once_is_not_kept_as_an_empty_record(store: Store) -> None:
    """An officer found an empty respondent's allegation and an empty action stored after a key
    pressed by mistake and Esc at once. A new item's dialog closed with nothing changed takes the
    item off again; one with anything typed keeps it."""
    async with opened(store, "3", SMALL) as (app, pilot, ref):
        before = len(live(app).forms.respondent_c1a.allegations)
        burst(app, "r", "escape")
        await keys_done(app, pilot)
        assert len(live(app).forms.respondent_c1a.allegations) == before
        burst(app, "r")
        await keys_done(app, pilot)
        for _ in range(8):
            if focused_path(app).endswith("period"):
                break
            burst(app, "tab")
            await keys_done(app, pilot)
        burst(app, "Since 2024", "escape")
        await keys_done(app, pilot)
        assert len(live(app).forms.respondent_c1a.allegations) == before + 1
    assert [a.period for a in store.load(ref).case.forms.respondent_c1a.allegations][before:] == ["Since 2024"]


async def test_a_police_check_is_not_asked_about_a_plan_and_a_reason_only_without_consent(store: Store) -> None:
    """A tester found a police check asking "Child protection plan — for a plan check" and "Why
    not sought" with consent still unrecorded. ¶3.76: the reason is recorded where consent was
    not sought; the plan is what a plan check (or the LA) answers."""
    async with opened(store, "4", SMALL) as (app, pilot, _ref):
        burst(app, "a")
        await keys_done(app, pilot)
        fields = shown(app)
        kind = live(app).checks[-1].kind
        assert fields["plan"] == (kind in ("child_protection_plan", "la_knowledge"))
        assert not fields["consent_note"]
        check = live(app).checks[-1]
        row = next(r for r in app.screen.query(FieldRow) if r.spec.path.endswith(".consent"))
        row.query_one(Select).value = "not_sought"
        await keys_done(app, pilot)
        await pilot.pause(0.2)
        assert live(app).checks[-1].consent == "not_sought"
        assert shown(app)["consent_note"] and (check.kind not in ("child_protection_plan", "la_knowledge")) == (
            not shown(app)["plan"]
        )
        burst(app, "escape")
        await keys_done(app, pilot)
