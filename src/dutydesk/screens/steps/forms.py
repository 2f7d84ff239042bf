"""Forms: the C1 and C7 harm answers, the C1A, its allegations and protective orders."""

from __future__ import annotations

from typing import get_args

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Label, Static

from dutydesk.domain.enums import AllegationKind, HarmType, OrderKind
from dutydesk.domain.model import Allegation, ProtectiveOrder
from dutydesk.screens.dialogs import ItemDialog
from dutydesk.screens.steps.base import StepPane, fill_table
from dutydesk.widgets.fields import FieldSpec
from dutydesk.widgets.text import literal

SPECS = [
    FieldSpec(
        "forms.c1.harm_indicated", "C1 harm ticked (Q7)", "tri", hint="Not known = form not received or unanswered"
    ),
    FieldSpec("forms.c1.received_on", "C1 received", "date"),
    FieldSpec("forms.c7.harm_indicated", "C7 harm ticked (Q7)", "tri"),
    FieldSpec("forms.c7.received_on", "C7 received", "date"),
    FieldSpec("forms.c1a.completed", "C1A completed", "tri", hint="App. III: harm ticked and no C1A → tell the court"),
    FieldSpec("forms.c1a.received_on", "C1A received", "date"),
]


def allegation_specs(i: int) -> list[FieldSpec]:
    p = f"forms.c1a.allegations[{i}]"
    return [
        FieldSpec(f"{p}.kind", "Kind", "enum", get_args(AllegationKind)),
        FieldSpec(f"{p}.types", "Types", "list", get_args(HarmType), hint=", ".join(get_args(HarmType))),
        FieldSpec(f"{p}.by", "Alleged by (id)"),
        FieldSpec(f"{p}.against", "Against (id)"),
        FieldSpec(f"{p}.children_at_risk", "Children at risk (ids)", "list"),
        FieldSpec(f"{p}.witnessed_by_children", "Children saw or heard", "tri"),
        FieldSpec(f"{p}.ongoing", "Ongoing", "tri", hint="¶2.79: still at risk → referral, not notification"),
        FieldSpec(f"{p}.period", "When"),
        FieldSpec(f"{p}.police_involved", "Police involved", "tri"),
        FieldSpec(f"{p}.description", "As written on the form"),
    ]


def order_specs(i: int) -> list[FieldSpec]:
    p = f"forms.c1a.protective_orders[{i}]"
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
    step_id = "forms"
    KEYS = (("a", "add a C1A allegation"), ("o", "add a protective order"), ("enter", "edit the allegation"))
    BINDINGS = [
        Binding("a", "add_allegation", "Add allegation", id="forms.allegation"),
        Binding("o", "add_order", "Add order", id="forms.order"),
    ]

    def content(self) -> ComposeResult:
        yield Label("C1 / C7 / C1A", classes="section")
        yield from self.fields(SPECS)
        yield Static("", id="forms-pathway", classes="derived", markup=False)
        yield Label("C1A allegations (a: add · Enter: edit)", classes="section")
        allegations: DataTable[object] = DataTable(cursor_type="row", id="allegations")
        allegations.add_columns("#", "Kind", "Types", "By → against", "Ongoing")
        yield allegations
        yield Label("Protective orders (o: add)", classes="section")
        orders: DataTable[object] = DataTable(cursor_type="row", id="orders")
        orders.add_columns("#", "Kind", "Current", "Ends")
        yield orders

    def refresh_derived(self) -> None:
        rows = self.result.pathway.rows
        text = Text("App. III row: ", style="bold")
        text.append(", ".join(r.replace("_", " ") for r in rows) or "not settled yet")
        self.derived("forms-pathway", text)
        c1a = self.case.forms.c1a
        fill_table(
            self.query_one("#allegations", DataTable),
            [
                (
                    str(i),
                    [
                        str(i + 1),
                        a.kind.replace("_", " "),
                        ", ".join(a.types),
                        literal(f"{self.case.name_of(a.by)} → {self.case.name_of(a.against)}"),
                        _yes_no(a.ongoing),
                    ],
                )
                for i, a in enumerate(c1a.allegations)
            ],
        )
        fill_table(
            self.query_one("#orders", DataTable),
            [
                (
                    str(i),
                    [
                        str(i + 1),
                        o.kind.replace("_", " "),
                        _yes_no(o.current),
                        o.ends_on.strftime("%d/%m/%Y") if o.ends_on else "",
                    ],
                )
                for i, o in enumerate(c1a.protective_orders)
            ],
        )

    def action_add_allegation(self) -> None:
        self.case.forms.c1a.allegations.append(Allegation(kind="domestic_abuse"))
        self.changed_structure()
        self.open_allegation(len(self.case.forms.c1a.allegations) - 1)

    def action_add_order(self) -> None:
        self.case.forms.c1a.protective_orders.append(ProtectiveOrder(kind="non_molestation"))
        self.changed_structure()
        self._open(order_specs(len(self.case.forms.c1a.protective_orders) - 1), "Protective order")

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        index = int(str(event.row_key.value))
        if event.data_table.id == "allegations":
            self.open_allegation(index)
        else:
            self._open(order_specs(index), "Protective order")

    def open_allegation(self, index: int) -> None:
        self._open(allegation_specs(index), f"C1A allegation {index + 1}")

    def _open(self, specs: list[FieldSpec], title: str) -> None:
        from dutydesk.domain import fieldpath

        fields = [(s, fieldpath.get(self.case, s.path)) for s in specs]
        self.app.push_screen(ItemDialog(title, fields, self.edit), lambda _: self.refresh_derived())
