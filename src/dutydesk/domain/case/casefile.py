"""Reading and writing case files (dutydesk-case/1): shape, enumerations and references."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable, Iterator
from typing import Any

from dutydesk.domain.case.codec import Problem, Problems, decode, encode
from dutydesk.domain.case.model import Case

FORMAT = "dutydesk-case/1"
MAJOR = "dutydesk-case/1"


def _check_format(data: Any) -> None:
    if not isinstance(data, dict):
        raise Problems([Problem("$", 'a case file is a JSON object with "format": "dutydesk-case/1"')])
    fmt = data.get("format")
    if not isinstance(fmt, str) or not fmt.startswith("dutydesk-case/"):
        raise Problems([Problem("$.format", f"{fmt!r} is not a dutydesk case file; expected {FORMAT!r}")])
    major = fmt.split(".", 1)[0]
    if major != MAJOR:
        raise Problems([Problem("$.format", f"{fmt!r} is a version this dutydesk cannot read; it reads {FORMAT}")])


def case_wide_lists(case: Case) -> tuple[tuple[str, list[Any]], ...]:
    """The lists whose ids are unique across the whole case (they are referred to by id)."""
    return (
        ("people", case.people),
        ("checks", case.checks),
        ("findings", case.findings),
        ("discussions", case.discussions),
        ("referrals", case.referrals),
        ("concerns", case.concerns),
        ("screening.prompt_decisions", case.screening.prompt_decisions),
    )


# One grammar for every way in: letters, digits, - and _ — never "/" or "." — because a reference
# names the case's outbox folder and its files.
REFERENCE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")


def _references(case: Case, risk_factor_ids: Iterable[str] | None) -> list[Problem]:
    problems: list[Problem] = []
    if case.case.reference and not REFERENCE.match(case.case.reference):
        problems.append(
            Problem(
                "$.case.reference",
                f"{case.case.reference[:40]!r} is not a case reference: use letters, digits, - and _ (at most 64), e.g. DD-2025-000123",
            )
        )
    ids: dict[str, str] = {}
    for group, items in case_wide_lists(case):
        for i, item in enumerate(items):
            iid = item.id
            if not iid:
                problems.append(Problem(f"$.{group}[{i}].id", "must not be empty"))
            elif iid in ids:
                problems.append(Problem(f"$.{group}[{i}].id", f"{iid!r} is already used by {ids[iid]}"))
            else:
                ids[iid] = f"$.{group}[{i}]"
    people = {p.id for p in case.people}
    children = {p.id for p in case.children}

    def ref(path: str, pid: str | None, allowed: set[str], what: str = "a person") -> None:
        if pid is not None and pid not in allowed:
            problems.append(
                Problem(path, f"{pid!r} is not {what} in this file (known: {', '.join(sorted(allowed)) or 'none'})")
            )

    for i, p in enumerate(case.people):
        for j, other in enumerate(p.lives_with):
            ref(f"$.people[{i}].lives_with[{j}]", other, people)
        ref(f"$.people[{i}].partner_of", p.partner_of, people)
    for form in ("c1a", "respondent_c1a"):
        for i, a in enumerate(getattr(case.forms, form).allegations):
            ref(f"$.forms.{form}.allegations[{i}].by", a.by, people)
            ref(f"$.forms.{form}.allegations[{i}].against", a.against, people)
            for j, c in enumerate(a.children_at_risk):
                ref(f"$.forms.{form}.allegations[{i}].children_at_risk[{j}]", c, children, "a child")
    for i, concern in enumerate(case.concerns):
        ref(f"$.concerns[{i}].told_by", concern.told_by, people)
        for j, c in enumerate(concern.children):
            ref(f"$.concerns[{i}].children[{j}]", c, children, "a child")
    for i, k in enumerate(case.checks):
        ref(f"$.checks[{i}].subject", k.subject, people)
    for i, f in enumerate(case.findings):
        ref(f"$.findings[{i}].subject", f.subject, people)
    for i, r in enumerate(case.referrals):
        for j, c in enumerate(r.children):
            ref(f"$.referrals[{i}].children[{j}]", c, children, "a child")
    for i, d in enumerate(case.case.court_directions):
        if d.working_days is None and d.due_on is None:
            problems.append(Problem(f"$.case.court_directions[{i}]", "needs working_days with from, or due_on"))
        if d.working_days is not None and (d.from_ is None or d.working_days < 0):
            problems.append(Problem(f"$.case.court_directions[{i}]", "working_days must be ≥ 0 and come with from"))
    if risk_factor_ids is not None:
        known = set(risk_factor_ids)
        for i, rf in enumerate(case.risk.factors):
            if rf.factor not in known:
                problems.append(
                    Problem(
                        f"$.risk.factors[{i}].factor",
                        f"{rf.factor!r} is not a listed factor; use one of: {', '.join(sorted(known))}",
                    )
                )
    for i, rf in enumerate(case.risk.factors):
        if rf.level == "imminent":
            problems.append(
                Problem(
                    f"$.risk.factors[{i}].level", "'imminent' is only for risk.overall; use none, low, medium or high"
                )
            )
    return problems


def _lists(case: Case) -> Iterator[tuple[str, list[Any]]]:
    """(id prefix, list) for every list of items that the reader gives ids to."""
    yield "cd", case.case.court_directions
    for person in case.people:
        yield f"{person.id}-a", person.addresses
    for form in (case.forms.c1a, case.forms.respondent_c1a):
        prefix = "ra" if form is case.forms.respondent_c1a else "a"
        yield prefix, form.allegations
        yield prefix + "o", form.protective_orders
    yield "rf", case.risk.factors
    yield "e", case.events
    for concern in case.concerns:
        yield f"{concern.id}-i", concern.injuries
        yield f"{concern.id}-t", concern.actions


def assign_ids(case: Case, positional: bool = False) -> Case:
    """Every item of every list carries an id, so edits, merges and the audit trail address it by
    identity, never by position; ids already there stay. A file from before ids gets them from
    its list's prefix and position (`positional`: the same file always reads the same); an item
    just made gets a random one, so two officers adding at once never share an id."""
    for prefix, items in _lists(case):
        taken = {item.id for item in items if item.id}
        for i, item in enumerate(items, start=1):
            if item.id:
                continue
            candidate, n = (f"{prefix}{i}", i) if positional else (f"{prefix}{uuid.uuid4().hex[:8]}", 0)
            while candidate in taken:
                n += len(items)
                candidate = f"{prefix}{n}"
            item.id = candidate
            taken.add(candidate)
    return case


def parse_case(data: Any, risk_factor_ids: Iterable[str] | None = None, *, strict_keys: bool = False) -> Case:
    """A valid Case, or Problems listing every problem with its JSON path. With `strict_keys` (a
    file coming in: import, `screen FILE`) an unknown key that is a slip for a known one
    (`"confidental": true` on an address) is one of them; any other unknown key is kept
    (dutydesk-case/1 keeps them). What is already stored is read as it was accepted: a case
    stored before this check keeps opening and saving."""
    _check_format(data)
    case = assign_ids(decode(Case, data, strict=strict_keys), positional=True)
    problems = _references(case, risk_factor_ids)
    if problems:
        raise Problems(problems)
    return case


def to_document(case: Case, compact: bool = False) -> dict[str, Any]:
    """The case file; `compact` omits known fields that are null or empty (same meaning).
    Items still without an id (just made) get one first: every file written carries them."""
    doc: dict[str, Any] = encode(assign_ids(case), compact)
    doc["format"] = FORMAT
    return doc
