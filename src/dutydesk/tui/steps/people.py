"""People: parties, children and other relevant adults, with names, addresses and flags."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import get_args

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Label, Static

from dutydesk.domain.case.enums import DaAsked, Role
from dutydesk.domain.case.model import Case, Person
from dutydesk.domain.people.previous_knowledge import facts_of_person, searchable
from dutydesk.domain.rules.labels import label
from dutydesk.domain.rules.obligations import PARTY_ROLES, party_asked
from dutydesk.domain.time.calendar import LONDON
from dutydesk.domain.time.dates import day
from dutydesk.tui.dialogs.item import ItemDialog
from dutydesk.tui.steps.base import StepPane, fill_table, new_id, selected_key
from dutydesk.tui.widgets.earlier_records import EarlierRecords
from dutydesk.tui.widgets.fields import FieldRow, FieldSpec, person_label
from dutydesk.tui.widgets.text import literal


def _role(case: Case, pid: str) -> str | None:
    person = case.person(pid)
    return person.role if person is not None else None


def da_specs(pid: str) -> list[FieldSpec]:
    """¶2.60: a party asked about domestic violence separately, in private, at the first meeting or
    interview — and the record of the interview (what they said, or why it was not possible)."""
    p = f"people[{pid}]"
    group = "Domestic violence, asked in private (¶2.60)"

    def party(case: Case) -> bool:
        return _role(case, pid) in PARTY_ROLES

    def answered(case: Case) -> bool:
        person = case.person(pid)
        return party(case) and person is not None and person.da_asked in ("asked", "not_possible")

    return [
        FieldSpec(
            f"{p}.da_asked",
            "Asked about domestic violence",
            "enum",
            get_args(DaAsked),
            hint="¶2.60: separately, in private, at the first meeting or interview",
            group=group,
            when=party,
        ),
        FieldSpec(
            f"{p}.da_asked_at",
            "When asked",
            "instant",
            hint="stamped when the answer is chosen",
            group=group,
            when=answered,
        ),
        FieldSpec(f"{p}.da_asked_note", "What they said, or why not possible", "long", group=group, when=answered),
    ]


def person_specs(pid: str) -> list[FieldSpec]:
    """The person's fields; a party's (applicant, respondent) show ¶2.60's record."""
    who_and_where, more = _person_specs(pid)
    return who_and_where + da_specs(pid) + more  # ¶2.60 before "More"


def _person_specs(pid: str) -> tuple[list[FieldSpec], list[FieldSpec]]:
    """Who they are, where they live (an adult: a child's address is the parent's they live with),
    then what the rest of the record may need; a child is asked what a child needs."""
    p = f"people[{pid}]"
    a = f"{p}.addresses[0]"

    def child(case: Case) -> bool:
        return _role(case, pid) == "child"

    def adult(case: Case) -> bool:
        return _role(case, pid) != "child"

    def has(attr: str) -> Callable[[Case], bool]:
        def when(case: Case) -> bool:
            person = case.person(pid)
            return person is not None and bool(getattr(person, attr))

        return when

    who, where, more = "Who", "Where they live", "More about them"
    first = [
        FieldSpec(f"{p}.role", "Role", "enum", get_args(Role), group=who),
        FieldSpec(f"{p}.given_names", "Given names", group=who),
        FieldSpec(f"{p}.family_name", "Family name", group=who),
        FieldSpec(f"{p}.date_of_birth", "Date of birth", "date", group=who),
        FieldSpec(f"{p}.relationship_to_children", "Relationship to children", group=who, when=adult),
        FieldSpec(
            f"{p}.lives_with",
            "Lives with",
            "people",
            who="adults",
            hint="their address comes from them",
            group=who,
            when=child,
        ),
        FieldSpec(f"{a}.line1", "Address", group=where, when=adult),
        FieldSpec(f"{a}.town", "Town", group=where, when=adult),
        FieldSpec(f"{a}.postcode", "Postcode", group=where, when=adult),
        FieldSpec(
            f"{a}.confidential",
            "Address confidential",
            "tri",
            hint="Never shown to the court or the other party (¶2.60)",
            group=where,
            when=adult,
        ),
        FieldSpec(f"{p}.addresses_last_5_years_complete", "All addresses 5 yrs known", "tri", group=where, when=adult),
        FieldSpec(f"{p}.phone", "Phone", group=where, when=adult),
        FieldSpec(
            f"{p}.phone_confidential",
            "Phone confidential",
            "tri",
            hint="Not known: confidential whenever the address is",
            group=where,
            when=has("phone"),
        ),
    ]
    rest = [
        FieldSpec(
            f"{p}.previous_names", "Previous names", "list", hint="Comma-separated; ¶2.17 repeat checks", group=more
        ),
        FieldSpec(f"{p}.language", "Language", group=more),
        FieldSpec(f"{p}.interpreter_needed", "Interpreter needed", "tri", group=more, when=has("language")),
        FieldSpec(f"{p}.school", "School", group=more, when=child),
        FieldSpec(f"{p}.gp", "GP", group=more),
        FieldSpec(f"{p}.ethnicity", "Ethnic origin", group=more),
        FieldSpec(f"{p}.religion", "Religion", group=more),
        FieldSpec(f"{p}.disability", "Disability", group=more),
    ]
    return first, rest


DV_SHORT = {"asked": "asked", "not_yet": "NOT YET", "not_possible": "not possible"}


def asked_lines(case: Case) -> Text:
    """¶2.60 under the table (a column would not fit 80 columns): each party asked, not yet, or not
    possible and why — what the person dialog records."""
    text = Text("Asked about domestic violence, separately and in private (¶2.60; Enter: record it)\n", style="bold")
    parties = [p for p in case.people if p.role in PARTY_ROLES]
    for person in parties:
        party = party_asked(person)
        state = DV_SHORT[party.state]
        if party.state == "not_possible" and not party.done:
            state += " — say why"
        elif party.at is not None:
            state += f" {party.at.astimezone(LONDON):%d/%m/%Y}"
        text.append("  ")
        text.append_text(literal(party.name))
        text.append(f" ({party.role}): ")
        text.append(state + "\n", style="" if party.done else "bold yellow")
    if not parties:
        text.append("  No applicant or respondent recorded yet\n", style="dim")
    return text


class PeoplePane(StepPane):
    KEYS = ("2", "f3")  # its own keys, declared here: a new step takes free ones (issue 34)
    step_id = "people"
    BINDINGS = [
        Binding("c", "add('child')", "Add child", id="people.add_child", tooltip="add a child"),
        Binding("a", "add('adult')", "Add adult", id="people.add", tooltip="add an adult"),
        Binding("e", "edit", "Edit", id="people.edit", show=False, tooltip="edit the highlighted person (or Enter)"),
    ]

    def content(self) -> ComposeResult:
        yield Label("People (c: add a child · a: add an adult · Enter: edit)", classes="section")
        table: DataTable[object] = DataTable(cursor_type="row", id="people-table")
        for heading, width in (("Name", 16), ("Role", 10), ("Born", 10), ("Confidential", 13)):
            table.add_column(heading, width=width)
        yield table
        yield Static("", id="people-dv", classes="derived", markup=False)

    def refresh_derived(self) -> None:
        rows = []
        for p in self.case.people:
            secret = "address" if any(a.confidential for a in p.addresses) else ""
            if p.phone and p.phone_is_confidential:
                secret = f"{secret} phone".strip()
            dob = day(p.date_of_birth) if p.date_of_birth else "not known"
            rows.append((p.id, [literal(p.full_name), label(p.role), dob, secret or "—"]))
        fill_table(self.query_one(DataTable), rows)
        self.derived("people-dv", asked_lines(self.case))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.open(str(event.row_key.value))

    def action_edit(self) -> None:
        key = selected_key(self.query_one(DataTable))
        if key:
            self.open(key)

    def action_add(self, who: str = "adult") -> None:
        pid = new_id("p")
        self.case.people.append(Person(id=pid, role=self.role_for_new(who)))
        self.changed_structure()
        self.refresh_derived()
        self.open(pid)

    def role_for_new(self, who: str) -> Role:
        """A child added is a child; an adult fills the first party missing, else another adult
        (the officer changes it in the first field)."""
        if who == "child":
            return "child"
        roles = {p.role for p in self.case.people}
        return next((r for r in ("applicant", "respondent") if r not in roles), "other_relevant_adult")

    def open(self, pid: str) -> None:
        person = self.case.person(pid)
        # "Lives with" offers everyone else: never the person themselves.
        fields = [
            (
                replace(spec, options=tuple(o for o in spec.options if o != pid)) if spec.kind == "people" else spec,
                value,
            )
            for spec, value in self.item_fields(person_specs(pid))
        ]
        fields = [
            (replace(spec, option_labels=tuple(person_label(self.case, o) for o in spec.options)), v)
            if spec.kind == "people"
            else (spec, v)
            for spec, v in fields
        ]

        # Like a duplicate check: earlier records of this person show while they are typed in.
        panel = EarlierRecords(self.workspace.records, self.case.case.reference, id="earlier-records")

        def look_up() -> None:
            person = self.case.person(pid)
            if person is None or not searchable(person):
                panel.hint("Type a name and a date of birth or address to look for earlier records.")
            else:
                panel.look_up(facts_of_person(person))

        def changed(path: str, value: object) -> str | None:
            problem = self.edit(path, value)
            if problem is None and path.endswith(".da_asked"):
                stamp_asked(value)
            elif problem is None and not path.endswith(("role", "relationship_to_children", "confidential")):
                look_up()
            return problem

        def stamp_asked(value: object) -> None:
            """An answer chosen with no time yet is timed now (¶2.95's habit: the time of each action)."""
            person = self.case.person(pid)
            if person is None or value not in ("asked", "not_possible") or person.da_asked_at is not None:
                return
            at_path = f"people[{pid}].da_asked_at"
            now = self.now()
            if self.edit(at_path, now) is None:
                for row in dialog.query(FieldRow):
                    if row.spec.path == at_path:
                        row.show_value(now)

        heading = Label("Earlier records of this person in Cafcass's store (¶2.17-2.18)", classes="section")
        title = person.full_name if person and (person.given_names or person.family_name) else "New person"
        dialog = ItemDialog(title, fields, changed, extra=[heading, panel], case=lambda: self.case)
        self.app.push_screen(dialog, lambda _: self.refresh_derived())
        dialog.call_after_refresh(look_up)
