"""What a check added now is most likely to be (issue 29): the first check screening still needs
that the record does not hold, in the framework's order — ¶2.18's sources ("Cafcass' previous
knowledge of the child and family", "any information provided by the court about any previous or
current relevant court proceedings", "whether the child is on the Child Protection Register or is
subject of a Child Protection Plan", "Local Authority previous knowledge of the child and family"),
then ¶2.19's police check on each party where one "will be made". When the record already holds
every one, nothing is presumed: the check is "other", and its kind is the field the officer meets
first, so she says what it is (a default that names a check already made would be misleading)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import cast, get_args

from dutydesk.domain.case.enums import CheckKind
from dutydesk.domain.case.model import Case
from dutydesk.domain.rules.checks import CheckStatus


@dataclass(frozen=True)
class NextCheck:
    kind: CheckKind
    subject: str | None  # the person a police check is on; None for a check on the family
    ref: str  # the paragraph that asks for it ("" when nothing is presumed)


NOTHING_PRESUMED = NextCheck("other", None, "")


def recorded(case: Case, status: CheckStatus) -> bool:
    """Whether the record holds a check of this kind (on this person, for a police check), asked
    for or answered: a check recorded is never offered again as the next one."""
    return any(c.kind == status.kind and (status.subject is None or c.subject == status.subject) for c in case.checks)


def next_check(case: Case, required: Iterable[CheckStatus]) -> NextCheck:
    """The first of the checks screening requires (`required_checks`, in the framework's order)
    that the case has no record of; NOTHING_PRESUMED when it has a record of each."""
    for status in required:
        if status.kind in get_args(CheckKind) and not recorded(case, status):
            return NextCheck(cast(CheckKind, status.kind), status.subject, status.ref)
    return NOTHING_PRESUMED
