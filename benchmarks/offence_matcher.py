"""Time to match one finding to Appendix II (118 rows, the alias table, the Acts' spellings); prints JSON.

The findings are every real wording of tests/rules/test_app_ii_wordings.py and every row's own
name; each is matched `--repeats` times. Target: under 1 ms per finding (median and p95).
Run: python benchmarks/offence_matcher.py [--repeats 50]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.rules.test_app_ii_wordings import WORDINGS

from dutydesk.config.policy_files import load_policy


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=50)
    args = parser.parse_args()
    policy = load_policy()
    matcher = policy.offence_matcher
    findings = [(w, s, a) for w, s, a, _ in WORDINGS] + [(o.offence, None, None) for o in policy.offences]
    samples = []
    for _ in range(args.repeats):
        for wording, section, act in findings:
            t = time.perf_counter()
            matcher.match(wording, section, act)
            samples.append(time.perf_counter() - t)
    ordered = sorted(samples)
    print(
        json.dumps(
            {
                "findings": len(findings),
                "rows": len(policy.offences),
                "aliases": len(matcher.aliases),
                "matches_timed": len(samples),
                "median_ms": round(statistics.median(ordered) * 1000, 4),
                "p95_ms": round(ordered[int(len(ordered) * 0.95) - 1] * 1000, 4),
                "max_ms": round(ordered[-1] * 1000, 4),
                "target_ms": 1.0,
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
