"""The review's two charts, as data first (so the desk draws them in the terminal and the HTML
report as SVG from the same numbers): on-time rate by month, and how many working days late.

A rate is never shown without its n: "100% on time" over one obligation says little, so each
month carries how many obligations fell due, and count axes tick in whole numbers."""

from __future__ import annotations

from dutydesk.domain.review.review import CaseReview, month_of


def on_time_by_month(reviews: list[CaseReview]) -> list[tuple[str, float | None, int]]:
    """Per month received: the share of obligations that fell due and were done on time, and n —
    how many fell due (on time, late or missed)."""
    months: dict[str, list[str]] = {}
    for review in reviews:
        statuses = [o.status for o in review.obligations if o.status in ("on_time", "late", "missed")]
        months.setdefault(month_of(review), []).extend(statuses)
    return [
        (month, round(100 * s.count("on_time") / len(s), 1) if s else None, len(s))
        for month, s in sorted(months.items())
    ]


def days_late_counts(reviews: list[CaseReview]) -> list[tuple[str, int]]:
    """How many obligations were done 1, 2, 3, 4 and 5 or more working days late."""
    buckets = {"1": 0, "2": 0, "3": 0, "4": 0, "5+": 0}
    for review in reviews:
        for o in review.obligations:
            if o.days_late:
                buckets[str(o.days_late) if o.days_late < 5 else "5+"] += 1
    return list(buckets.items())


def count_ticks(top: int, most: int = 6) -> list[int]:
    """Whole-number ticks from 0 to at least `top`, at most `most` of them (a count has no 0.5)."""
    top = max(top, 1)
    step, scale = 1, 1
    while top // step + 1 > most:  # 1, 2, 5, 10, 20, 50, …
        for m in (1, 2, 5):
            step = m * scale
            if top // step + 1 <= most:
                break
        else:
            scale *= 10
            step = scale
    ticks = list(range(0, top + 1, step))
    if ticks[-1] < top:
        ticks.append(ticks[-1] + step)
    return ticks


def rate_words(rate: float | None, n: int) -> str:
    """'67% on time (n = 12 due)'; 'nothing due yet (n = 0)'."""
    if rate is None or n == 0:
        return "nothing due yet (n = 0)"
    return f"{round(rate)}% on time (n = {n} due)"
