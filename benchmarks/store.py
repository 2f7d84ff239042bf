"""Store figures at 10,000 and 100,000 generated cases; prints JSON.

Run: python benchmarks/store.py [--sizes 10000 100000] [--samples 200]
Import rate (bulk, 2,000 cases a transaction, one audit row each), median time to load one
case (random references), median time to list open cases by first hearing, store size.
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


def measure(size: int, samples: int, folder: Path) -> dict[str, object]:
    db = folder / f"bench-{size}.sqlite3"
    store = Store.open(Officer("Bench", "bench"), db=db)
    cases = generate(size, seed=size)
    import_seconds = 0.0
    while batch := list(islice(cases, 2000)):  # generating is not timed, storing is
        t0 = time.perf_counter()
        create_many(store, batch)
        import_seconds += time.perf_counter() - t0
    with store.engine.connect() as conn:
        refs = conn.exec_driver_sql("SELECT reference FROM cases").scalars().all()
    rng = random.Random(7)
    loads = []
    for ref in rng.sample(list(refs), min(samples, len(refs))):
        t = time.perf_counter()
        store.load(ref)
        loads.append(time.perf_counter() - t)
    lists, open_count = [], 0
    for _ in range(max(20, samples // 10)):
        t = time.perf_counter()
        open_count = len(store.list_cases())
        lists.append(time.perf_counter() - t)
    store.close()
    return {
        "cases": size,
        "open_cases": open_count,
        "import_cases_per_second": round(size / import_seconds),
        "load_case_median_ms": round(statistics.median(loads) * 1000, 3),
        "load_case_p95_ms": round(sorted(loads)[int(len(loads) * 0.95) - 1] * 1000, 3),
        "list_open_median_ms": round(statistics.median(lists) * 1000, 3),
        "store_bytes": db.stat().st_size,
        "store_mb": round(db.stat().st_size / 1_048_576, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--samples", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        results = [measure(size, args.samples, Path(tmp)) for size in args.sizes]
    print(
        json.dumps(
            {
                "benchmark": "store",
                "targets": {"load_case_median_ms": 10, "list_open_median_ms_at_100000": 50},
                "results": results,
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
