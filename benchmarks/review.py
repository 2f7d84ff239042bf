"""The Service Manager's 12-month compliance review over a large store; prints JSON.

Run: python benchmarks/review.py [--cases 100000] [--repeats 3]
Generated cases (received over eight years), then `run_review` for the cases received in the
twelve months before the clock — chosen in SQL, decoded and reviewed (in worker processes when
there are many). Target: under 5 s for the 12-month review of a 100,000-case store.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta
from itertools import islice
from pathlib import Path

from dutydesk.domain.review import totals
from dutydesk.policy import load_policy
from dutydesk.review_run import run_review, select_references
from dutydesk.store.audit import Officer
from dutydesk.store.repository import Store, create_many
from dutydesk.store.review_scope import Scope
from dutydesk.synthetic import generate


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    policy = load_policy()
    with tempfile.TemporaryDirectory() as folder:
        store = Store.open(Officer("Bench", "bench"), db=Path(folder) / "review.sqlite3")
        cases = generate(args.cases, seed=21)
        while batch := list(islice(cases, 2000)):
            create_many(store, batch)
        now = datetime.now(UTC)
        scope = Scope(received_from=(now - timedelta(days=365)).date())
        runs, reviewed = [], 0
        for _ in range(args.repeats):
            t0 = time.perf_counter()
            reviews = run_review(store, policy, now, scope)
            runs.append(time.perf_counter() - t0)
            reviewed = len(reviews)
        summary = totals(reviews)
        t0 = time.perf_counter()
        select_references(store, scope)
        choosing = time.perf_counter() - t0
        store.close()
    print(
        json.dumps(
            {
                "cases_in_store": args.cases,
                "cases_reviewed_12_months": reviewed,
                "obligations": summary["obligations"],
                "cpu_count": os.cpu_count(),
                "review_median_s": round(statistics.median(runs), 2),
                "review_runs_s": [round(r, 2) for r in runs],
                "per_case_ms": round(statistics.median(runs) / max(reviewed, 1) * 1000, 3),
                "choosing_the_cases_s": round(choosing, 2),
                "target_s": 5,
                "meets_target": statistics.median(runs) < 5,
            }
        )
    )


if __name__ == "__main__":
    main()
