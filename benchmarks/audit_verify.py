"""`audit verify` over a large store; prints JSON.

Run: python benchmarks/audit_verify.py [--cases 100000] [--repeats 3]
Builds a store of generated cases (one create row each, plus an ordinary save on one case in a
hundred), then times the whole check as `dutydesk audit verify` runs it: the hash chain, every
case's document, secured state and derived tables (columns, updated by/at, people index, every
person's search keys recomputed) against its trail, and the anchors. Target: 100,000
cases in under 30 s. Also the median time to check one case (what opening a case costs).
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import tempfile
import time
from itertools import islice
from pathlib import Path

from dutydesk.store.audit import Officer
from dutydesk.store.repository import Store, create_many
from dutydesk.tools.synthetic import generate


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        store = Store.open(Officer("Bench", "bench"), db=Path(folder) / "verify.sqlite3")
        cases = generate(args.cases, seed=19)
        while batch := list(islice(cases, 2000)):
            create_many(store, batch)
        with store.engine.connect() as conn:
            refs = list(conn.exec_driver_sql("SELECT reference FROM cases").scalars())
        rng = random.Random(19)
        for ref in rng.sample(refs, len(refs) // 100):  # some cases with a later change too
            loaded = store.load(ref)
            loaded.case.case.court = (loaded.case.case.court or "") + " (transferred)"
            store.save(loaded.case, loaded.version)
        store.anchor("benchmark")
        whole = []
        for _ in range(args.repeats):
            t0 = time.perf_counter()
            verdict = store.verify_audit()
            findings = store.check_integrity()
            problems = store.anchor_problems()
            whole.append(time.perf_counter() - t0)
            assert verdict.ok and not findings and not problems, (verdict, findings[:3], problems)
        one = []
        for ref in rng.sample(refs, 200):
            t0 = time.perf_counter()
            assert store.integrity(ref) is None
            one.append(time.perf_counter() - t0)
        rows = verdict.rows
        store.close()
    print(
        json.dumps(
            {
                "cases": args.cases,
                "audit_rows": rows,
                "verify_median_s": round(statistics.median(whole), 2),
                "verify_runs_s": [round(w, 2) for w in whole],
                "target_s": 30,
                "meets_target": statistics.median(whole) < 30,
                "one_case_median_ms": round(statistics.median(one) * 1000, 2),
            }
        )
    )


if __name__ == "__main__":
    main()
