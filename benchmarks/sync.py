"""`dutydesk sync` against a local PostgreSQL (issue 33): an office store of 20,000 cases of which
2,000 are open; a laptop's first sync (every open case fetched), then an incremental sync after
10 cases were changed on the laptop and 10 at the office; prints JSON with the targets.

Needs a PostgreSQL it may create a database on: DUTYDESK_BENCH_PG_URL (or DUTYDESK_TEST_PG_URL),
e.g. postgresql+psycopg://dutydesk@127.0.0.1:5432/postgres. The database is dropped afterwards.
Run: python benchmarks/sync.py [--cases 20000] [--open 2000] [--changed 20] [--repeats 3]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime
from itertools import islice
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from dutydesk.domain.case.model import Event
from dutydesk.services.sync import sync
from dutydesk.store.audit import Officer
from dutydesk.store.engine import Location, make_engine
from dutydesk.store.migrate import upgrade
from dutydesk.store.repository import Store, create_many
from dutydesk.tools.synthetic import generate

NOW = datetime(2026, 12, 6, 9, 12, tzinfo=UTC)


def fill(office: Store, cases: int, open_cases: int) -> None:
    made = generate(cases, seed=33, open_share=0.0)
    n = 0
    while batch := list(islice(made, 2000)):
        for case in batch:
            case.case.status = "open" if n < open_cases else "closed"
            n += 1
        create_many(office, batch)


def note(store: Store, ref: str, words: str) -> None:
    loaded = store.load(ref)
    loaded.case.events.append(Event(at=NOW, by=store.officer.name, kind="note", text=words))
    store.save(loaded.case, loaded.version)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=20_000)
    parser.add_argument("--open", type=int, default=2_000)
    parser.add_argument("--changed", type=int, default=20)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    base = os.environ.get("DUTYDESK_BENCH_PG_URL") or os.environ.get("DUTYDESK_TEST_PG_URL")
    if not base:
        sys.exit("benchmarks/sync.py: set DUTYDESK_BENCH_PG_URL to a PostgreSQL it may create a database on")
    name = f"bench_sync_{uuid.uuid4().hex[:8]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"CREATE DATABASE {name}"))
    url = make_url(base).set(database=name).render_as_string(hide_password=False)
    first, incremental = [], []
    try:
        engine = make_engine(Location(url, None))
        upgrade(engine, Location(url, None))
        engine.dispose()
        office = Store.open(Officer("Office", "office"), location=Location(url, None))
        fill(office, args.cases, args.open)
        refs = [s.reference for s in office.list_cases()]
        for repeat in range(args.repeats):
            with tempfile.TemporaryDirectory() as tmp:
                laptop = Store.open(Officer(f"Laptop {repeat}", "laptop"), db=Path(tmp) / "laptop.sqlite3")
                t0 = time.perf_counter()
                report = sync(laptop, office, NOW)
                first.append(time.perf_counter() - t0)
                assert report.received == len(refs), report.line()
                half = args.changed // 2
                for i, ref in enumerate(refs[:half]):
                    note(laptop, ref, f"laptop note {repeat}-{i}")
                for i, ref in enumerate(refs[half : args.changed]):
                    note(office, ref, f"office note {repeat}-{i}")
                t0 = time.perf_counter()
                report = sync(laptop, office, NOW)
                incremental.append(time.perf_counter() - t0)
                assert report.sent == half and report.received == args.changed - half, report.line()
                laptop.close()
        office.close()
    finally:
        with admin.connect() as conn:
            conn.execute(text(f"DROP DATABASE {name} WITH (FORCE)"))
        admin.dispose()
    f, i = statistics.median(first), statistics.median(incremental)
    print(
        json.dumps(
            {
                "benchmark": "sync",
                "office_cases": args.cases,
                "open_cases_fetched": len(refs),
                "changed_cases": args.changed,
                "repeats": args.repeats,
                "first_sync_s": [round(x, 3) for x in first],
                "first_sync_median_s": round(f, 3),
                "first_sync_target_s": 10.0,
                "incremental_sync_s": [round(x, 3) for x in incremental],
                "incremental_sync_median_s": round(i, 3),
                "incremental_sync_target_s": 1.0,
                "met": f <= 10.0 and i <= 1.0,
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
