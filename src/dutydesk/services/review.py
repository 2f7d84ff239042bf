"""Running a compliance review over a store: the cases in scope chosen in SQL (references only),
then fetched, decoded and reviewed a chunk at a time — in worker processes, each with its own
connection, when there are many: every case is independent of the others."""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import fields
from datetime import datetime
from operator import attrgetter
from typing import Any

from dutydesk.config.policy_files import load_policy
from dutydesk.domain.case.casefile import parse_case
from dutydesk.domain.case.codec import Problems
from dutydesk.domain.policy.bundle import Policy
from dutydesk.domain.review.review import CaseReview, Obligation, review_case
from dutydesk.domain.time.calendar import london_date
from dutydesk.store.engine import make_engine
from dutydesk.store.location import Location
from dutydesk.store.repository import Store
from dutydesk.store.review_scope import Scope, documents, in_scope

PARALLEL_FROM = 1500  # below this, starting worker processes costs more than it saves
CHUNK = 400


@contextmanager
def _collector_paused() -> Iterator[None]:
    """The cyclic garbage collector off while a review builds its objects: with thousands of
    decoded cases alive, each of its full passes walked them all — measured, half of a
    review's time. Nothing a review builds needs it (no cycles); it runs again afterwards."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


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


_WORKER: dict[str, Any] = {}


def _worker_init(location: Location) -> None:

    _WORKER["policy"] = load_policy()
    _WORKER["engine"] = make_engine(location)


def _worker(references: list[str], now: datetime) -> list[tuple[Any, ...]]:
    with _collector_paused(), _WORKER["engine"].connect() as conn:
        items = documents(conn, references)
        return [_pack(r) for r in _review_documents(items, _WORKER["policy"], now)]


# Results cross from a worker as plain tuples: pickling thousands of dataclasses (their class
# looked up, their __dict__ rebuilt, field by field) cost more than reviewing them.
_OBLIGATION_FIELDS = tuple(f.name for f in fields(Obligation))
_REVIEW_FIELDS = tuple(f.name for f in fields(CaseReview))
_obligation_values = attrgetter(*_OBLIGATION_FIELDS)
_review_values = attrgetter(*_REVIEW_FIELDS)
_OBLIGATIONS_AT = _REVIEW_FIELDS.index("obligations")


def _pack(review: CaseReview) -> tuple[Any, ...]:
    values = list(_review_values(review))
    values[_OBLIGATIONS_AT] = tuple(_obligation_values(o) for o in review.obligations)
    return tuple(values)


def _unpack(values: tuple[Any, ...]) -> CaseReview:
    fields_ = list(values)
    fields_[_OBLIGATIONS_AT] = tuple(Obligation(*o) for o in values[_OBLIGATIONS_AT])
    return CaseReview(*fields_)


def select_references(store: Store, scope: Scope) -> list[str]:
    with store.engine.connect() as conn:
        rows = in_scope(conn, scope)
    chosen = []
    for reference, received in rows:
        try:
            day = london_date(datetime.fromisoformat(received)) if received else None
        except (TypeError, ValueError):
            day = None
        if scope.received_from and (day is None or day < scope.received_from):
            continue
        if scope.received_to and (day is None or day > scope.received_to):
            continue
        chosen.append(reference)
    return chosen[: scope.last] if scope.last else chosen


def run_review(
    store: Store,
    policy: Policy,
    now: datetime,
    scope: Scope,
    advance: Callable[[int], None] | None = None,
    references: list[str] | None = None,
) -> list[CaseReview]:
    """`references`: the scope already chosen (`select_references`), so it is not chosen twice."""
    if references is None:
        references = select_references(store, scope)
    with _collector_paused():
        return _run(store, policy, now, references, advance)


def _run(
    store: Store, policy: Policy, now: datetime, references: list[str], advance: Callable[[int], None] | None
) -> list[CaseReview]:
    parts = [references[i : i + CHUNK] for i in range(0, len(references), CHUNK)]
    workers = min(os.cpu_count() or 1, 8)
    reviews: list[CaseReview] = []
    if len(references) < PARALLEL_FROM or workers < 2:
        for part in parts:
            with store.engine.connect() as conn:
                items = documents(conn, part)
            reviews += _review_documents(items, policy, now)
            if advance:
                advance(len(part))
        return reviews
    # The workers take chunks from the front; the main process, instead of waiting, takes them
    # from the back — each one no worker has started yet — until the two meet. What the main
    # process reviews never has to cross between processes.
    with ProcessPoolExecutor(max_workers=workers - 1, initializer=_worker_init, initargs=(store.location,)) as pool:
        futures = [pool.submit(_worker, part, now) for part in parts]
        done: dict[int, list[CaseReview]] = {}
        for i in range(len(parts) - 1, -1, -1):
            if not futures[i].cancel():
                break  # a worker has it: every chunk before it is taken too
            with store.engine.connect() as conn:
                done[i] = _review_documents(documents(conn, parts[i]), policy, now)
            if advance:
                advance(len(parts[i]))
        for i, future in enumerate(futures):
            if i not in done:
                done[i] = [_unpack(values) for values in future.result()]
                if advance:
                    advance(len(parts[i]))
    return [review for i in range(len(parts)) for review in done[i]]
