"""Time 100,000 deadline computations over random dates 2012-2028; prints JSON.

Run: python benchmarks/working_days.py [--n 100000] [--repeats 5]
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import time
from datetime import datetime, timedelta
from datetime import time as dt_time

from dutydesk.config.holiday_cache import SHARED as HOLIDAYS
from dutydesk.domain.time.calendar import LONDON, WorkingCalendar


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    rng = random.Random(20251122)
    start = datetime(2012, 1, 1, tzinfo=LONDON)
    span = (datetime(2028, 11, 30, tzinfo=LONDON) - start).total_seconds()
    events = [(start + timedelta(seconds=rng.uniform(0, span)), rng.choice((1, 1, 1, 3, 5, 10))) for _ in range(args.n)]
    timings = {}
    calendars = {
        "no_cutoff": WorkingCalendar(bank_holidays=HOLIDAYS.bank_holidays),
        "cutoff_16_30": WorkingCalendar(bank_holidays=HOLIDAYS.bank_holidays, cutoff=dt_time(16, 30)),
    }
    for label, cal in calendars.items():
        runs = []
        for _ in range(args.repeats):
            t0 = time.perf_counter()
            for event, n in events:
                cal.count_from_event(event, n)
            runs.append(time.perf_counter() - t0)
        median = statistics.median(runs)
        timings[label] = {
            "median_seconds": round(median, 4),
            "per_call_microseconds": round(median / args.n * 1e6, 2),
        }
    print(json.dumps({"benchmark": "calendar", "computations": args.n, "repeats": args.repeats, **timings}, indent=2))


if __name__ == "__main__":
    main()
