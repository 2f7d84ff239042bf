"""Running a compliance review over a store: the cases in scope (chosen in SQL), decoded and
reviewed — in worker processes when there are many, each case independent of the others."""

from __future__ import annotations

import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from datetime import datetime
from typing import Any

from dutydesk.domain.calendar import london_date
from dutydesk.domain.casefile import parse_case
from dutydesk.domain.codec import Problems
from dutydesk.domain.policy_bundle import Policy
from dutydesk.domain.review import CaseReview, review_case
from dutydesk.store.repository import Store
from dutydesk.store.review_scope import Scope, in_scope

PARALLEL_FROM = 1500  # below this, starting worker processes costs more than it saves


def _review_documents(items: list[tuple[str, dict[str, Any]]], policy: Policy, now: datetime) -> list[CaseReview]:
    out = []
    for reference, document in items:
        try:
            case = parse_case(document)
        except Problems as problems:
            out.append(CaseReview(reference, None, None, False, (), problem=f"cannot be read: {problems.problems[0]}"))
            continue
        out.append(review_case(case, policy, now))
    return out


_POLICY: Policy | None = None


def _worker_init() -> None:
    global _POLICY
    from dutydesk.policy import load_policy

    _POLICY = load_policy()


def _worker(items: list[tuple[str, dict[str, Any]]], now: datetime) -> list[CaseReview]:
    assert _POLICY is not None
    return _review_documents(items, _POLICY, now)


def select_documents(store: Store, scope: Scope) -> list[tuple[str, dict[str, Any]]]:
    with store.engine.connect() as conn:
        rows = in_scope(conn, scope)
    exact = []
    for reference, document in rows:
        received = (document.get("case") or {}).get("received_at")
        try:
            day = london_date(datetime.fromisoformat(received)) if received else None
        except (TypeError, ValueError):
            day = None
        if scope.received_from and (day is None or day < scope.received_from):
            continue
        if scope.received_to and (day is None or day > scope.received_to):
            continue
        exact.append((reference, document))
    return exact[: scope.last] if scope.last else exact


def run_review(
    store: Store, policy: Policy, now: datetime, scope: Scope, advance: Callable[[int], None] | None = None
) -> list[CaseReview]:
    items = select_documents(store, scope)
    workers = min(os.cpu_count() or 1, 8)
    if len(items) < PARALLEL_FROM or workers < 2:
        reviews = []
        for start in range(0, len(items), 200):
            reviews += _review_documents(items[start : start + 200], policy, now)
            if advance:
                advance(len(items[start : start + 200]))
        return reviews
    chunk = max(200, len(items) // (workers * 4))
    parts = [items[i : i + chunk] for i in range(0, len(items), chunk)]
    reviews = []
    with ProcessPoolExecutor(max_workers=workers, initializer=_worker_init) as pool:
        for part, done in zip(parts, pool.map(_worker, parts, [now] * len(parts)), strict=True):
            reviews += done
            if advance:
                advance(len(part))
    return reviews
