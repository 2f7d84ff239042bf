"""Importing HMCTS's Cafcass feed at scale; prints JSON.

Run: python benchmarks/hmcts_import.py [--cases 2000] [--repeats 3]
A feed of N cases made from HMCTS's published sample (each case given its own id), imported
into a new store (one transaction), then imported again (nothing changes). Targets: 2,000 cases
in at most 3 s; the no-op re-import in at most 2 s.
"""

from __future__ import annotations

import argparse
import copy
import json
import statistics
import tempfile
import time
from pathlib import Path

from dutydesk.services.importing import import_feed
from dutydesk.store.audit import Officer
from dutydesk.store.repository import Store

SAMPLE = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "hmcts" / "cafcass-search-response.json"


def feed(size: int) -> dict[str, object]:
    sample = json.loads(SAMPLE.read_text(encoding="utf-8"))
    cases = []
    for i in range(size):
        item = copy.deepcopy(sample["cases"][i % len(sample["cases"])])
        item["id"] = 1_700_000_000_000_000 + i
        cases.append(item)
    return {"total": size, "cases": cases}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=2000)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    data = feed(args.cases)
    first, again = [], []
    for run in range(args.repeats):
        with tempfile.TemporaryDirectory() as folder:
            store = Store.open(Officer("Bench", "bench"), db=Path(folder) / f"feed-{run}.sqlite3")
            t0 = time.perf_counter()
            made = import_feed(store, data, "bench.json")
            first.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            same = import_feed(store, data, "bench.json")
            again.append(time.perf_counter() - t0)
            assert sum(r.outcome == "created" for r in made) == args.cases
            assert all(r.outcome == "unchanged" for r in same)
            store.close()
    print(
        json.dumps(
            {
                "cases": args.cases,
                "import_median_s": round(statistics.median(first), 2),
                "reimport_unchanged_median_s": round(statistics.median(again), 2),
                "targets_s": {"import": 3, "reimport": 2},
                "meets_targets": statistics.median(first) <= 3 and statistics.median(again) <= 2,
            }
        )
    )


if __name__ == "__main__":
    main()
