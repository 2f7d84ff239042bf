"""The review's two charts, as data first (so the desk draws them in the terminal and the HTML
report as SVG from the same numbers): on-time rate by month, and how many working days late."""

from __future__ import annotations

from dutydesk.domain.review import CaseReview, month_of


def on_time_by_month(reviews: list[CaseReview]) -> list[tuple[str, float | None]]:
    """Per month received: the share of obligations that fell due and were done on time."""
    months: dict[str, list[str]] = {}
    for review in reviews:
        statuses = [o.status for o in review.obligations if o.status in ("on_time", "late", "missed")]
        months.setdefault(month_of(review), []).extend(statuses)
    return [(month, round(100 * s.count("on_time") / len(s), 1) if s else None) for month, s in sorted(months.items())]


def days_late_counts(reviews: list[CaseReview]) -> list[tuple[str, int]]:
    """How many obligations were done 1, 2, 3, 4 and 5 or more working days late."""
    buckets = {"1": 0, "2": 0, "3": 0, "4": 0, "5+": 0}
    for review in reviews:
        for o in review.obligations:
            if o.days_late:
                buckets[str(o.days_late) if o.days_late < 5 else "5+"] += 1
    return list(buckets.items())
