"""Forms: the C1 and C7 harm answers, and each party's C1A (the applicant's, filed with the C1;
the respondent's, filed with the C7) with its allegations and protective orders."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import get_args

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Label, Static

from dutydesk.domain.case.enums import AllegationKind, HarmType, OrderKind
from dutydesk.domain.case.model import Allegation, ProtectiveOrder
from dutydesk.domain.rules.labels import PATHWAY_ROWS, label, labels
from dutydesk.domain.time.dates import day
from dutydesk.tui.dialogs.item import ItemDialog
from dutydesk.tui.steps.base import StepPane, fill_table
from dutydesk.tui.widgets.fields import FieldSpec
from dutydesk.tui.widgets.text import literal

# Each form's harm answer beside the C1A it calls for (App. III reads them together); the
# dates received after.
SPECS = [
    FieldSpec(
        "forms.c1.harm_indicated", "C1 harm ticked (Q7)", "tri", hint="Not known = form not received or unanswered"
    ),
    FieldSpec(
        "forms.c1a.completed",
        "Applicant's C1A completed",
        "tri",
        hint="App. III: C1 harm ticked and no C1A → tell the court",
    ),
    FieldSpec("forms.c7.harm_indicated", "C7 harm ticked (Q7)", "tri"),
    FieldSpec(
        "forms.respondent_c1a.completed",
        "Respondent's C1A completed",
        "tri",
        hint="App. III: C7 harm ticked and no C1A of the respondent's → tell the court",
    ),
    FieldSpec("forms.c1.received_on", "C1 received", "date"),
    FieldSpec("forms.c1a.received_on", "Applicant's C1A received", "date"),
    FieldSpec("forms.c7.received_on", "C7 received", "date"),
    FieldSpec("forms.respondent_c1a.received_on", "Respondent's C1A received", "date"),
]
WHOSE = {"c1a": "applicant's", "respondent_c1a": "respondent's"}


def allegation_specs(i: int, form: str = "c1a") -> list[FieldSpec]:
    p = f"forms.{form}.allegations[{i}]"
    return [
        FieldSpec(f"{p}.kind", "Kind", "enum", get_args(AllegationKind)),
        FieldSpec(f"{p}.types", "Types of harm", "list", get_args(HarmType), hint="Space ticks"),
        FieldSpec(f"{p}.by", "Alleged by", "person"),
        FieldSpec(f"{p}.against", "Against", "person"),
        FieldSpec(f"{p}.children_at_risk", "Children at risk", "people", who="children"),
        FieldSpec(f"{p}.witnessed_by_children", "Children saw or heard", "tri"),
        FieldSpec(f"{p}.ongoing", "Ongoing", "tri", hint="¶2.79: still at risk → referral, not notification"),
        FieldSpec(f"{p}.period", "When"),
        FieldSpec(f"{p}.police_involved", "Police involved", "tri"),
        FieldSpec(f"{p}.description", "As written on the form", "long"),
    ]


def order_specs(i: int, form: str = "c1a") -> list[FieldSpec]:
    p = f"forms.{form}.protective_orders[{i}]"
    return [
        FieldSpec(f"{p}.kind", "Kind", "enum", get_args(OrderKind)),
        FieldSpec(f"{p}.current", "Current", "tri"),
        FieldSpec(f"{p}.issued_on", "Issued", "date"),
        FieldSpec(f"{p}.ends_on", "Ends", "date"),
        FieldSpec(f"{p}.court", "Court"),
    ]


def _yes_no(value: bool | None) -> str:
    return "not known" if value is None else ("yes" if value else "no")


class FormsPane(StepPane):
    KEYS = ("3", "f4")  # its own keys, declared here: a new step takes free ones (issue 34)
    step_id = "forms"
    KEY_HELP = (("Enter", "edit the allegation or order"),)
    BINDINGS = [
        Binding(
            "a",
            "add_allegation('c1a')",
            "Applicant allegation",
            id="forms.allegation",
            tooltip="add an allegation to the applicant's C1A",
        ),
        Binding(
            "r",
            "add_allegation('respondent_c1a')",
            "Respondent allegation",
            id="forms.allegation_r",
            tooltip="add an allegation to the respondent's C1A",
        ),
        Binding(
            "o",
            "add_order('c1a')",
            "Applicant order",
            id="forms.order",
            tooltip="add a protective order to the applicant's C1A",
        ),
        Binding(
            "O",
            "add_order('respondent_c1a')",
            "Respondent order",
            id="forms.order_r",
            show=False,
            tooltip="add a protective order to the respondent's C1A",
        ),
    ]

    def content(self) -> ComposeResult:
        yield Label("C1 / C7 / each party's C1A", classes="section")
        yield from self.fields(SPECS)
        yield Static("", id="forms-pathway", classes="derived", markup=False)
        yield Label("C1A allegations (a: applicant's · r: respondent's · Enter: edit)", classes="section")
        allegations: DataTable[object] = DataTable(cursor_type="row", id="allegations")
        # Widths that fit 80 columns; the rows wrap (fill_table), so nothing is cut.
        for heading, width in (("C1A", 9), ("Kind", 8), ("Types", 10), ("By → against", 10), ("Ongoing", 7)):
            allegations.add_column(heading, width=width)
        yield allegations
        yield Label("Protective orders (o: applicant's · O: respondent's)", classes="section")
        orders: DataTable[object] = DataTable(cursor_type="row", id="orders")
        for heading, width in (("C1A", 10), ("Kind", 14), ("Current", 7), ("Ends", 10)):
            orders.add_column(heading, width=width)
        yield orders

    def refresh_derived(self) -> None:
        rows = self.result.pathway.rows
        text = Text()
        text.append("App. III row: ", style="bold")
        text.append("; ".join(PATHWAY_ROWS.get(r, label(r)) for r in rows) or "not settled yet")
        if self.result.harm:
            for status in self.result.harm.c1a:
                if status.ticked is not None:
                    text.append(f"\n  · {status.reason.text} ({status.reason.ref})")
        self.derived("forms-pathway", text)
        allegation_rows, order_rows = [], []
        for form, whose in WHOSE.items():
            c1a = getattr(self.case.forms, form)
            for i, a in enumerate(c1a.allegations):
                who = literal(f"{self.case.name_of(a.by)} → {self.case.name_of(a.against)}")
                cells = [f"{whose} {i + 1}", label(a.kind), labels(a.types), who, _yes_no(a.ongoing)]
                allegation_rows.append((f"{form}:{i}", cells))
            for i, o in enumerate(c1a.protective_orders):
                ends = day(o.ends_on) if o.ends_on else ""
                order_rows.append((f"{form}:{i}", [f"{whose} {i + 1}", label(o.kind), _yes_no(o.current), ends]))
        fill_table(self.query_one("#allegations", DataTable), allegation_rows)
        fill_table(self.query_one("#orders", DataTable), order_rows)

    def action_add_allegation(self, form: str = "c1a") -> None:
        c1a = getattr(self.case.forms, form)
        allegation = self.new_allegation(form)
        c1a.allegations.append(allegation)
        self.changed_structure()
        pristine = copy.deepcopy(allegation)  # with the id the case gave it
        self.open_allegation(
            len(c1a.allegations) - 1,
            form,
            discard=lambda: self._take_back(lambda: getattr(self.case.forms, form).allegations, pristine),
        )

    def new_allegation(self, form: str) -> Allegation:
        """As the form itself says until the officer changes it: a party's C1A alleges harm by
        the other party, about the children of the application."""
        mine, theirs = ("applicant", "respondent") if form == "c1a" else ("respondent", "applicant")
        by = self.case.with_role(mine)
        against = self.case.with_role(theirs)
        return Allegation(
            kind="domestic_abuse",
            by=by[0].id if len(by) == 1 else None,
            against=against[0].id if len(against) == 1 else None,
            children_at_risk=[c.id for c in self.case.children],
        )

    def action_add_order(self, form: str = "c1a") -> None:
        c1a = getattr(self.case.forms, form)
        order = ProtectiveOrder(kind="non_molestation")
        c1a.protective_orders.append(order)
        self.changed_structure()
        pristine = copy.deepcopy(order)  # with the id the case gave it
        index = len(c1a.protective_orders) - 1
        self._open(
            order_specs(index, form),
            f"Protective order {index + 1}, {WHOSE[form]} C1A",
            discard=lambda: self._take_back(lambda: getattr(self.case.forms, form).protective_orders, pristine),
        )

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        form, _, index_text = str(event.row_key.value).partition(":")
        index = int(index_text)
        if event.data_table.id == "allegations":
            self.open_allegation(index, form)
        else:
            self._open(order_specs(index, form), f"Protective order {index + 1}, {WHOSE[form]} C1A")

    def open_allegation(self, index: int, form: str = "c1a", discard: Callable[[], None] | None = None) -> None:
        self._open(allegation_specs(index, form), f"Allegation {index + 1}, {WHOSE[form]} C1A", discard)

    def _open(self, specs: list[FieldSpec], title: str, discard: Callable[[], None] | None = None) -> None:
        fields = self.item_fields(specs)

        def closed(_touched: bool | None) -> None:
            if discard is not None:
                discard()  # takes the new item back only if nothing was recorded in it
            self.refresh_derived()

        self.app.push_screen(ItemDialog(title, fields, self.edit), closed)
