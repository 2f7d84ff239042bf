"""The Service Manager's 12-month compliance review over a large store; prints JSON.

Run: python benchmarks/review.py [--cases 100000] [--repeats 3]
Generated cases (received over eight years) written to a store; then, in a fresh process each
time as `dutydesk review` runs, `run_review` for the cases received in the twelve months before
the clock — chosen by the indexed received column, decoded and reviewed (in worker processes
when there are many). Target: under 5 s for the 12-month review of a 100,000-case store.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from itertools import islice
from pathlib import Path

from dutydesk.config.policy_files import load_policy
from dutydesk.domain.review.review import totals
from dutydesk.services.review import run_review, select_references
from dutydesk.store.audit import Officer
from dutydesk.store.repository import Store, create_many
from dutydesk.store.review_scope import Scope
from dutydesk.tools.synthetic import generate


def child(db: str, now_iso: str) -> None:
    """One review as `dutydesk review` runs it: a fresh process on a store already there."""
    now = datetime.fromisoformat(now_iso)
    policy = load_policy()
    store = Store.open(Officer("Bench", "bench"), db=Path(db))
    scope = Scope(received_from=(now - timedelta(days=365)).date())
    t0 = time.perf_counter()
    reviews = run_review(store, policy, now, scope)
    took = time.perf_counter() - t0
    t0 = time.perf_counter()
    select_references(store, scope)
    choosing = time.perf_counter() - t0
    store.close()
    summary = totals(reviews)
    print(
        json.dumps({"s": took, "reviewed": len(reviews), "obligations": summary["obligations"], "choosing": choosing})
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--child", nargs=2, metavar=("DB", "NOW"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "review.sqlite3"
        store = Store.open(Officer("Bench", "bench"), db=db)
        cases = generate(args.cases, seed=21)
        while batch := list(islice(cases, 2000)):
            create_many(store, batch)
        store.close()
        now = datetime.now(UTC).isoformat()
        results = [
            json.loads(
                subprocess.run(
                    [sys.executable, __file__, "--child", str(db), now], capture_output=True, text=True, check=True
                ).stdout
            )
            for _ in range(args.repeats)
        ]
    runs = [r["s"] for r in results]
    reviewed = results[-1]["reviewed"]
    print(
        json.dumps(
            {
                "cases_in_store": args.cases,
                "cases_reviewed_12_months": reviewed,
                "obligations": results[-1]["obligations"],
                "cpu_count": os.cpu_count(),
                "review_median_s": round(statistics.median(runs), 2),
                "review_runs_s": [round(r, 2) for r in runs],
                "per_case_ms": round(statistics.median(runs) / max(reviewed, 1) * 1000, 3),
                "choosing_the_cases_s": round(statistics.median(r["choosing"] for r in results), 3),
                "target_s": 5,
                "meets_target": statistics.median(runs) < 5,
            }
        )
    )


if __name__ == "__main__":
    main()
