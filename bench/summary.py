#!/usr/bin/env python3
"""Time `microinf summary` against a stdlib baseline on a 1,000,000-row file; check its quartiles.

usage: python bench/summary.py [ROWS]      (needs ../shared/bench/gen.py; ROWS defaults to 1e6)

The baseline (bench/baseline_summary.py) reads the CSV with csv.reader, looks tiers up with
bisect, keeps every follower count and computes exact quartiles with statistics.quantiles.
Prints wall time and peak RSS of each, the ratio, and the largest relative difference between
microinf's quartiles (a sketch beyond 10,000 values per tier) and the exact ones.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from classify import CACHE, GEN, measure

HERE = Path(__file__).resolve().parent


def main() -> None:
    rows = int(float(sys.argv[1])) if len(sys.argv) > 1 else 1_000_000
    CACHE.mkdir(exist_ok=True)
    data = CACHE / f"creators_{rows}.csv"
    if not data.exists():
        subprocess.run([sys.executable, str(GEN), str(rows), str(data)], check=True)
    microinf = str(Path(sys.executable).parent / "microinf")
    with tempfile.TemporaryDirectory() as folder:
        ours, base = Path(folder) / "ours.json", Path(folder) / "base.json"
        summary = [microinf, "summary", str(data), "--format", "json"]
        baseline = [sys.executable, str(HERE / "baseline_summary.py"), str(data)]
        cases = [
            ("microinf summary --format json", summary, ours),
            (
                "microinf summary --keep-duplicates",
                [*summary, "--keep-duplicates"],
                Path(os.devnull),
            ),
            ("baseline (exact, every count kept)", baseline, base),
        ]
        results = [(name, *measure(argv, str(out))) for name, argv, out in cases]
        exact = json.loads(base.read_text())
        found = {str(t["tier"]): t["followers"] for t in json.loads(ours.read_text())["tiers"]}
    print(f"{rows:,} rows ({data.name})")
    for name, wall, rss in results:
        print(f"{name:<40} {wall:7.2f}s {rss:8.0f} MB")
    print(f"ratio microinf / baseline: {results[0][1] / results[2][1]:.2f} (time), "
          f"{results[0][2] / results[2][2]:.2f} (memory)")  # fmt: skip
    worst = max(
        abs(found[tier][k] / value - 1)
        for tier, quartiles in exact.items()
        for k, value in quartiles.items()
        if value
    )
    print(
        f"largest quartile difference from exact: {worst:.3%} (bound: 0.5% of a value at the rank)"
    )


if __name__ == "__main__":
    main()
