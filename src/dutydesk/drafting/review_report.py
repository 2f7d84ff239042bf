"""The review as one self-contained HTML page a manager can attach to a quality report: tables
and the two charts as inline SVG (pygal, with its scripts switched off — nothing is fetched).
Case data appears only as references and children's first names; every text is escaped."""

from __future__ import annotations

import re
from datetime import datetime
from html import escape

import pygal
from pygal.style import CleanStyle

from dutydesk.domain.review.charts import count_ticks, days_late_counts, on_time_by_month, rate_words
from dutydesk.domain.review.review import CaseReview
from dutydesk.domain.time.dates import day, uk_instant

STYLE = """
body { font-family: "Liberation Sans", Arial, sans-serif; margin: 2em; color: #111; }
h1 { font-size: 1.4em; } h2 { font-size: 1.1em; margin-top: 2em; }
table { border-collapse: collapse; width: 100%; font-size: 0.9em; }
th, td { border: 1px solid #bbb; padding: 4px 6px; text-align: left; vertical-align: top; }
th { background: #eee; } .on_time { color: #060; } .late { color: #a60; } .missed { color: #b00; font-weight: bold; }
.open { color: #036; } .not_applicable { color: #888; } .charts { display: flex; flex-wrap: wrap; gap: 2em; }
.charts figure { margin: 0; width: 460px; } .marking { text-align: center; font-weight: bold; }
"""


def _svg(chart: object) -> str:
    """The chart's SVG with pygal's own script (its config, for tooltips) taken out: the report
    is a document, it runs nothing and fetches nothing."""
    rendered = str(chart.render(is_unicode=True))  # type: ignore[attr-defined]
    rendered = re.sub(r"<script\b.*?</script>", "", rendered, flags=re.DOTALL)
    return re.sub(r"<!--.*?-->", "", rendered, flags=re.DOTALL)  # pygal's credits name its website


def charts(reviews: list[CaseReview]) -> tuple[str, str]:

    config = {"js": [], "disable_xml_declaration": True, "width": 460, "height": 300, "style": CleanStyle}
    by_month = on_time_by_month(reviews)
    # Each month says its n under its bar: "100%" over one obligation is not "100%" over a hundred.
    rate = pygal.Bar(title="Done on time, by month received (% of n due)", range=(0, 100), show_legend=False, **config)
    rate.x_labels = [f"{m} (n={n})" for m, _, n in by_month]
    rate.add("On time %", [v for _, v, _ in by_month])
    counts = days_late_counts(reviews)
    ticks = count_ticks(max(v for _, v in counts))
    late = pygal.Bar(
        title=f"Working days late (n = {sum(v for _, v in counts)})",
        show_legend=False,
        range=(0, ticks[-1]),
        y_labels=ticks,  # a count: whole numbers only
        print_values=True,
        **config,
    )
    late.x_labels = [f"{k} wd" for k, _ in counts]
    late.add("Obligations", [v for _, v in counts])
    return _svg(rate), _svg(late)


def html_report(reviews: list[CaseReview], totals: dict[str, object], scope: str, now: datetime) -> str:
    rate_svg, late_svg = charts(reviews)
    at = uk_instant(now)
    rows = []
    for r in reviews:
        names = escape(", ".join(r.first_names) or "—")
        if r.problem:
            rows.append(
                f"<tr><td>{escape(r.reference)}</td><td>{names}</td><td colspan=5>{escape(r.problem)}</td></tr>"
            )
        for o in r.obligations:
            late = f" ({o.days_late} working days)" if o.days_late else ""
            flag = f"<br><strong class='missed'>! {escape(o.flag)}</strong>" if o.flag else ""
            rows.append(
                "<tr>"
                f"<td>{escape(r.reference)}</td><td>{names}</td>"
                f"<td>{escape(o.public_what)} <small>({escape(o.ref)})</small></td>"
                f"<td>{day(o.due) if o.due else '—'}</td>"
                f"<td>{uk_instant(o.done) if o.done else '—'}</td>"
                f"<td class='{o.status}'>{escape(o.status.replace('_', ' '))}{late}{flag}</td>"
                f"<td><small>{escape(o.how)}</small></td>"
                "</tr>"
            )
    summary = " · ".join(
        f"{escape(k.replace('_', ' '))}: {escape(str(totals[k]))}"
        for k in ("cases", "on_time", "late", "missed", "open", "not_applicable")
    )
    due = sum(int(totals[k]) for k in ("on_time", "late", "missed"))  # type: ignore[call-overload]
    rate = totals["on_time_rate"]
    summary += " · " + escape(rate_words(100 * rate if isinstance(rate, float) else None, due))
    return f"""<!DOCTYPE html>
<html lang="en-GB"><head><meta charset="utf-8"><title>Duty desk compliance review</title>
<style>{STYLE}</style></head><body>
<p class="marking">OFFICIAL-SENSITIVE</p>
<h1>Duty desk compliance review</h1>
<p>Scope: {escape(scope)}. As at {at}. {summary}</p>
<div class="charts"><figure>{rate_svg}</figure><figure>{late_svg}</figure></div>
<h2>Every obligation</h2>
<table><thead><tr><th>Case</th><th>Children</th><th>Obligation</th><th>Due</th><th>Done</th><th>Status</th>
<th>How it was judged</th></tr></thead><tbody>
{chr(10).join(rows)}
</tbody></table>
<p class="marking">OFFICIAL-SENSITIVE</p>
</body></html>
"""
