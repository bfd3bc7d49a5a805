#!/usr/bin/env python3
"""Time `microinf classify` against stdlib baselines on a 1,000,000-row file, in one run.

usage: python bench/classify.py [ROWS]      (needs ../shared/bench/gen.py; ROWS defaults to 1e6)
       python bench/classify.py --instructions [ROWS]   (valgrind; ROWS defaults to 50,000)

Prints wall time and peak RSS of each command and the ratio microinf / baseline. On a machine
whose speed drifts, --instructions counts instructions instead (valgrind's callgrind), which
repeat exactly: the whole run, the start-up alone, and the per-row ratio.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
GEN = HERE.parent.parent / "shared" / "bench" / "gen.py"
CACHE = HERE / ".cache"


def measure(
    argv: list[str], stdout_path: str = os.devnull, env: dict[str, str] | None = None
) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of one process."""
    with open(stdout_path, "wb") as out:
        start = time.perf_counter()
        proc = subprocess.Popen(argv, stdout=out, env=env)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(argv)}")
    return wall, usage.ru_maxrss / 1024


def best_of(n: int, argv: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    runs = [measure(argv, env=env) for _ in range(n)]
    return min(r[0] for r in runs), max(r[1] for r in runs)


def instructions(argv: list[str]) -> int:
    """Instructions one process executes, counted by callgrind."""
    with tempfile.TemporaryDirectory() as folder:
        out = subprocess.run(
            ["valgrind", "--tool=callgrind", f"--callgrind-out-file={folder}/cg", *argv],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            check=True,
        )
    return int(out.stderr.split("Collected :")[1].split()[0])


def count_instructions(rows: int) -> None:
    CACHE.mkdir(exist_ok=True)
    data = CACHE / f"creators_{rows}.csv"
    if not data.exists():
        subprocess.run([sys.executable, str(GEN), str(rows), str(data)], check=True)
    tiny = CACHE / "creators_1.csv"
    tiny.write_text(
        data.read_text().split("\n", 2)[0] + "\n" + data.read_text().split("\n", 2)[1] + "\n"
    )
    exe = shutil.which("microinf") or str(Path(sys.executable).parent / "microinf")
    args = ["--niche", "fitness", "--tier", "micro", "--top", "50", "--format", "json"]
    ours = instructions([exe, "classify", str(data), *args])
    start = instructions([exe, "classify", str(tiny), *args])
    base = instructions([sys.executable, str(HERE / "baseline_top.py"), str(data)])
    base_start = instructions([sys.executable, str(HERE / "baseline_top.py"), str(tiny)])
    per_row = (ours - start) / max(base - base_start, 1)
    print(f"case (a) on {rows:,} rows, instructions (callgrind):")
    print(
        f"  microinf {ours / 1e9:.2f}e9 (start-up {start / 1e9:.2f}e9), baseline {base / 1e9:.2f}e9"
        f" (start-up {base_start / 1e9:.2f}e9)"
    )
    print(f"  ratio {ours / base:.2f} in all; {per_row:.2f} per row, start-up left out")
    per_ours = (ours - start) / rows
    per_base = (base - base_start) / rows
    for n in (100_000, 1_000_000):
        projected = (start + per_ours * n) / (base_start + per_base * n)
        print(f"  at {n:,} rows: ratio {projected:.2f} (from these counts)")


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--instructions":
        count_instructions(int(float(sys.argv[2])) if len(sys.argv) > 2 else 50_000)
        return
    rows = int(float(sys.argv[1])) if len(sys.argv) > 1 else 1_000_000
    CACHE.mkdir(exist_ok=True)
    data = CACHE / f"creators_{rows}.csv"
    if not data.exists():
        subprocess.run([sys.executable, str(GEN), str(rows), str(data)], check=True)
    exe = shutil.which("microinf") or str(Path(sys.executable).parent / "microinf")
    py = sys.executable
    cases = [
        (
            "(a) --niche fitness --tier micro --top 50 --format json",
            [
                exe,
                "classify",
                str(data),
                "--niche",
                "fitness",
                "--tier",
                "micro",
                "--top",
                "50",
                "--format",
                "json",
            ],
            [py, str(HERE / "baseline_top.py"), str(data)],
            1.0,
        ),
        (
            "(b) --format jsonl > /dev/null",
            [exe, "classify", str(data), "--format", "jsonl"],
            [py, str(HERE / "baseline_jsonl.py"), str(data)],
            2.0,
        ),
    ]
    print(f"{rows:,} rows, {data.stat().st_size / 1e6:.0f} MB ({data.name}); best of 3")
    print(f"{'case':58} {'microinf':>9} {'baseline':>9} {'ratio':>6} {'target':>6} {'RSS MB':>8}")
    for name, ours, base, target in cases:
        t_ours, rss_ours = best_of(3, ours)
        t_base, rss_base = best_of(3, base)
        ratio = t_ours / t_base
        print(
            f"{name:58} {t_ours:8.2f}s {t_base:8.2f}s {ratio:6.2f} {'<=' + str(target):>6} "
            f"{rss_ours:5.0f}/{rss_base:.0f}"
        )
    t_help, _ = best_of(5, [exe, "--help"])
    t_py, _ = best_of(5, [py, "-c", "pass"])
    label = f"microinf --help (python -c pass: {t_py:.3f}s)"
    print(f"{label:58} {t_help:8.3f}s {'':>9} {'':>6} {'<0.25s':>6}")


if __name__ == "__main__":
    main()
