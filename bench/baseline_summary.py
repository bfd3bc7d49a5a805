#!/usr/bin/env python3
"""Baseline for bench/summary.py: exact follower quartiles per default tier, every count kept."""

from __future__ import annotations

import csv
import json
import statistics
import sys
from bisect import bisect_right

BOUNDS = [1_000, 10_000, 50_000, 500_000, 1_000_000]
NAMES = [None, "nano", "micro", "mid", "macro", "mega"]


def main() -> None:
    counts: dict[str | None, list[int]] = {}
    with open(sys.argv[1], encoding="utf-8", newline="") as f:
        reader = csv.reader(f)
        column = next(reader).index("followers")
        for row in reader:
            n = int(row[column])
            counts.setdefault(NAMES[bisect_right(BOUNDS, n)], []).append(n)
    out = {}
    for tier, values in counts.items():
        q1, median, q3 = statistics.quantiles(values, n=4, method="inclusive")
        out[str(tier)] = {"q1": q1, "median": median, "q3": q3}
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
