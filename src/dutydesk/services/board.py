"""The duty board's line for one open case: the most urgent thing the framework asks next, the
risk, the police check (¶2.19), whether the officer worked on it last — or why it cannot be
screened. The desk asks this of every open case off its UI thread."""

from __future__ import annotations

from datetime import datetime

from dutydesk.domain.case.codec import Problems
from dutydesk.domain.policy.bundle import Policy
from dutydesk.domain.rules.labels import label
from dutydesk.domain.rules.police import police_progress
from dutydesk.domain.rules.screening import screen_case
from dutydesk.errors import DutydeskError, NotScreenable
from dutydesk.store.repository import Store

Answer = dict[str, object]  # BoardRow's fields that change: next_item, next_due, next_status, risk, police, mine


def board_answer(store: Store, reference: str, policy: Policy, now: datetime) -> Answer | None:
    """None when the store could not be read just now (the next refresh asks again)."""
    try:
        problem = store.integrity(reference)
        loaded = store.load(reference)
        result = screen_case(loaded.case, policy, now)
    except NotScreenable:
        return {"next_item": "not screened: a public law case (¶2.21)", "police": "—"}
    except Problems as problems:
        return {"next_item": f"CANNOT BE READ: {problems.problems[0]}", "police": "—"}
    except DutydeskError:
        return None
    except (ArithmeticError, ValueError, RecursionError) as exc:  # one broken case never stops the desk
        return {"next_item": f"CANNOT BE SCREENED: {exc}", "police": "—"}
    if problem is not None:
        return {"next_item": f"UNVERIFIED: {problem.problem}", "next_status": "overdue"}
    first = result.outstanding[0] if result.outstanding else None
    return {
        "next_item": first.what if first else "nothing outstanding",
        "next_due": first.due if first else None,
        "next_status": first.status if first else None,
        "risk": label(loaded.case.risk.overall) if loaded.case.risk.overall else "not assessed",
        # what the checks came back with, once made: never "required" after both are back (¶2.19)
        "police": police_progress(loaded.case, result.police_check, result.required_checks),
        "mine": loaded.updated_by == store.officer.name,
    }
