"""Referrals: the kind, the call ("phoned now", editable), consent and who was told, and each
follow-up stamped with one key; the deadlines update live with their explanation."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from typing import get_args

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Label, Static

from dutydesk.domain.case.enums import Consent, Informed, ReferralKind
from dutydesk.domain.case.model import Case, Referral
from dutydesk.domain.policy.tables import ConsentRule
from dutydesk.domain.rules.labels import label
from dutydesk.domain.rules.obligations import agencies_informed
from dutydesk.domain.rules.referrals import MISSING_GUIDANCE
from dutydesk.domain.time.calendar import uk_date
from dutydesk.domain.time.dates import day_and_time, uk_instant
from dutydesk.tui.dialogs.item import ItemDialog
from dutydesk.tui.steps.base import StepPane, fill_table, new_id, selected_key
from dutydesk.tui.widgets.fields import FieldSpec
from dutydesk.tui.widgets.text import literal

STAMPS = {
    "p": ("phoned_at", "Phoned now"),
    "x": ("fax_sent_at", "Fax sent"),
    "o": ("post_sent_at", "Post sent"),
    "s": ("sm_copy_sent_at", "Manager's copy sent"),
    "l": ("la_responded_at", "LA responded"),
    "c": ("chased_at", "Chased LA"),
    "t": ("court_informed_at", "Court told"),
    "m": ("sm_informed_at", "Manager told of referral"),  # ¶2.83: referred before the Service Manager was reached
    "w": ("social_worker_copy_sent_at", "Social worker's copy sent"),  # ¶2.100: any allocated social worker
    "e": ("involvement_end_sent_at", "LA told involvement ended"),  # App. III, ¶3.90: when the case closes
}


SHORT_KIND = {
    "s47_protection": "Section 47",
    "s17_needs": "Section 17",
    "promoting_welfare": "Welfare",
    "s120_notification": "Section 120",
}


def referral_specs(rid: str, consent: Mapping[str, ConsentRule] | None = None) -> list[FieldSpec]:
    """The referral's fields under four headings; consent and telling asked as its kind needs
    (consent.toml, ¶2.63), a reason only when someone was not told, follow-ups that apply."""
    p = f"referrals[{rid}]"

    def kind(case: Case) -> str:
        referral = next((r for r in case.referrals if r.id == rid), None)
        return referral.kind if referral is not None else "s47_protection"

    def needs_consent(whose: str) -> Callable[[Case], bool]:
        return lambda case: consent is None or whose in consent[kind(case)].required

    def told(whose: str) -> Callable[[Case], bool]:
        return lambda case: consent is None or whose in consent[kind(case)].inform

    def not_told(attr: str) -> Callable[[Case], bool]:
        def when(case: Case) -> bool:
            referral = next((r for r in case.referrals if r.id == rid), None)
            return referral is not None and getattr(referral, attr) in ("no", "not_yet")

        return when

    def to_la(case: Case) -> bool:
        return kind(case) != "promoting_welfare"  # the agency's reply is the outcome's to say

    def has_social_worker(case: Case) -> bool:
        referral = next((r for r in case.referrals if r.id == rid), None)
        return referral is not None and bool((referral.social_worker or "").strip())

    def closed(case: Case) -> bool:
        return case.case.status == "closed"

    follow_up_when: dict[str, Callable[[Case], bool] | None] = {
        "la_responded_at": to_la,
        "chased_at": to_la,
        "social_worker_copy_sent_at": has_social_worker,
        "involvement_end_sent_at": closed,
    }
    g1, g2, g3, g4, g5 = "The referral", "The call", "Consent and telling", "Sent and done", "For the letter"
    return [
        FieldSpec(
            f"{p}.kind",
            "Kind",
            "enum",
            get_args(ReferralKind),
            hint="¶2.63: s47 protection, s17 needs, promoting welfare",
            group=g1,
        ),
        FieldSpec(f"{p}.la", "Local authority", group=g1),
        FieldSpec(
            f"{p}.social_worker",
            "Allocated social worker",
            hint="name and team: ¶2.100, a copy of the written information goes to them too",
            group=g1,
        ),
        FieldSpec(f"{p}.children", "Children", "people", who="children", group=g1),
        FieldSpec(
            f"{p}.phoned_at", "Phoned", "instant", hint="The call time; deadlines run from it (¶2.103)", group=g2
        ),
        FieldSpec(f"{p}.spoke_to", "Spoke to", group=g2),
        FieldSpec(
            f"{p}.call_record", "Record of the call", "long", hint="¶2.103: keep a record of the conversation", group=g2
        ),
        FieldSpec(
            f"{p}.consent.child", "Child's consent", "enum", get_args(Consent), group=g3, when=needs_consent("child")
        ),
        FieldSpec(
            f"{p}.consent.parents",
            "Parents' consent",
            "enum",
            get_args(Consent),
            group=g3,
            when=needs_consent("parents"),
        ),
        FieldSpec(
            f"{p}.consent.court", "Court's consent", "enum", get_args(Consent), group=g3, when=needs_consent("court")
        ),
        FieldSpec(
            f"{p}.child_informed",
            "Child told",
            "enum",
            get_args(Informed),
            hint="¶2.91",
            group=g3,
            when=told("child"),
        ),
        FieldSpec(
            f"{p}.child_not_informed_reason",
            "Why the child was not told",
            "long",
            group=g3,
            when=not_told("child_informed"),
        ),
        FieldSpec(f"{p}.child_views", "Child's views", "long", group=g3, when=told("child")),
        FieldSpec(
            f"{p}.parents_informed",
            "Parents told",
            "enum",
            get_args(Informed),
            hint="¶2.98",
            group=g3,
            when=told("parents"),
        ),
        FieldSpec(
            f"{p}.parents_not_informed_reason",
            "Why parents were not told",
            "long",
            group=g3,
            when=not_told("parents_informed"),
        ),
        FieldSpec(f"{p}.parents_agreed", "Parents agreed", "tri", hint="¶2.99", group=g3, when=told("parents")),
        *(
            FieldSpec(f"{p}.{attr}", label, "instant", group=g4, when=follow_up_when.get(attr))
            for attr, label in STAMPS.values()
            if attr != "phoned_at"
        ),
        FieldSpec(f"{p}.outcome", "Outcome", "long", group=g5),
        # For the letter, last: the call's facts come first in the order they happen.
        FieldSpec(f"{p}.la_address", "LA's address", hint="where the written confirmation goes", group=g5),
        FieldSpec(f"{p}.la_reference", "LA's reference", hint="quoted as 'Your reference'", group=g5),
    ]


class ReferralsPane(StepPane):
    KEYS = ("8", "f9")  # its own keys, declared here: a new step takes free ones (issue 34)
    step_id = "referrals"
    KEY_HELP = (("Enter", "edit the referral"),)
    BINDINGS = [
        Binding("a", "add", "Add referral", id="referrals.add", tooltip="add a referral (s47 by default)"),
        *(
            Binding(
                k, f"stamp('{attr}')", label, id=f"referrals.{attr}", show=k in "pxs", tooltip=f"stamp: {label.lower()}"
            )
            for k, (attr, label) in STAMPS.items()
        ),
    ]

    def content(self) -> ComposeResult:
        yield Label("Referrals (a: add · Enter: edit · p x o s l c t m w e: stamp now)", classes="section")
        table: DataTable[object] = DataTable(cursor_type="row", id="referrals")
        # Kind and the two things owed first (80 columns show these); the rest where there is room.
        # Times as "04/12 16:40" wrap at the space into two lines: the five fit 80 columns.
        for heading, width in (("Kind", 11), ("Phoned", 7), ("Fax", 7), ("Manager", 7), ("LA reply", 8)):
            table.add_column(heading, width=width)
        yield table
        yield Static("", id="referral-detail", classes="derived", markup=False)

    def _current(self) -> Referral | None:
        key = selected_key(self.query_one(DataTable))
        return next((r for r in self.case.referrals if r.id == key), None)

    def refresh_derived(self) -> None:
        def at(value: datetime | None) -> str:
            return day_and_time(value) if value else "—"

        fill_table(
            self.query_one(DataTable),
            [
                (
                    r.id,
                    [
                        SHORT_KIND.get(r.kind, label(r.kind)),
                        at(r.phoned_at),
                        at(r.fax_sent_at),
                        at(r.sm_copy_sent_at),
                        at(r.la_responded_at),
                    ],
                )
                for r in self.case.referrals
            ],
        )
        self.show_detail()

    def show_detail(self) -> None:
        referral = self._current()
        if referral is None:
            self.derived("referral-detail", Text("No referral yet. Press a to record one."))
            return
        result = next((r for r in self.result.referrals if r.referral.id == referral.id), None)
        text = Text()
        rule = self.workspace.policy.consent[referral.kind]
        text.append(f"{rule.title} ({rule.ref}). ", style="bold")
        text.append(rule.note + "\n")
        if result:
            for d in result.deadlines:
                style = {"overdue": "bold red", "due_today": "bold yellow", "done": "green", "done_late": "yellow"}.get(
                    d.status, ""
                )
                text.append(f"{d.status.replace('_', ' ').upper():>9} ", style=style)
                text.append(f"{uk_date(d.due.due)} {d.rule.title} ({d.rule.label})\n")
                text.append(f"          {d.due.explanation}\n", style="dim")
            for m in (*result.consent_missing, *result.telling):
                text.append("! ", style="bold yellow")
                text.append(f"{m.text} ({m.ref})\n")
            if result.information_missing:
                text.append(f"{MISSING_GUIDANCE}:\n", style="italic")
            for m in result.information_missing:
                text.append("· ", style="dim")
                text.append(f"{m.text} ({m.ref})\n")
        if (referral.social_worker or "").strip():
            sent = referral.social_worker_copy_sent_at
            text.append("Allocated social worker: ", style="bold")
            text.append_text(literal(referral.social_worker or ""))
            text.append(
                f" — copy of the written information sent {uk_instant(sent)}\n"
                if sent
                else " — copy of the written information to send (¶2.100; w when sent)\n"
            )
        if referral.involvement_end_sent_at:
            text.append(f"Told Cafcass's involvement ended: {uk_instant(referral.involvement_end_sent_at)}\n")
        elif self.case.case.status == "closed" and any(
            e.referral_id == referral.id for e in agencies_informed(self.case)
        ):
            text.append("! ", style="bold yellow")
            text.append("The case is closed: tell the LA Cafcass's involvement has ended, and the outcome ")
            text.append("(App. III; ¶3.90; e when sent)\n")
        if referral.call_record:
            text.append("Call record: ", style="bold")
            text.append_text(literal(referral.call_record))
        self.derived("referral-detail", text)

    def on_data_table_row_highlighted(self, _event: DataTable.RowHighlighted) -> None:
        self.show_detail()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.open(str(event.row_key.value))

    def action_add(self) -> None:
        rid = new_id("r")
        children = [c.id for c in self.case.children]
        self.case.referrals.append(Referral(id=rid, kind="s47_protection", children=children))
        self.changed_structure()
        self.refresh_derived()
        self.query_one(DataTable).move_cursor(row=len(self.case.referrals) - 1)
        self.open(rid)

    def open(self, rid: str) -> None:
        fields = self.item_fields(referral_specs(rid, self.workspace.policy.consent))
        referral = next(r for r in self.case.referrals if r.id == rid)
        title = f"Referral {self.case.referrals.index(referral) + 1}: {label(referral.kind)}"
        dialog = ItemDialog(title, fields, self.edit, case=lambda: self.case)
        self.app.push_screen(dialog, lambda _: self.refresh_derived())

    def action_stamp(self, attr: str) -> None:
        referral = self._current()
        if referral is None:
            self.notify("Add a referral first (a).", severity="warning", markup=False)
            return
        if getattr(referral, attr) is not None:
            self.notify(f"Already recorded at {uk_instant(getattr(referral, attr))}; edit it with Enter.", markup=False)
            return
        self.edit(f"referrals[{referral.id}].{attr}", self.now())
        self.refresh_derived()
