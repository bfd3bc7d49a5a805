#!/usr/bin/env python3
"""Time `microinf tiers check` over 1,000 config files in one process.

usage: python bench/tiers_check.py [FILES]

The baseline, in the same run, only parses the same files with libyaml (yaml.CSafeLoader);
the ratio says what the complete check costs on top of reading the YAML.
"""

from __future__ import annotations

import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml


def config(rng: random.Random, i: int) -> str:
    bounds = sorted(rng.sample(range(100, 5_000_000, 100), 5))
    lines = ["version: 1", "tiers:"]
    for j, lo in enumerate(bounds):
        lines.append(f"  - name: t{j}\n    min: {lo}")
        if j + 1 < len(bounds):
            lines.append(f"    max: {bounds[j + 1]}")
    lines += ["platforms:", "  tiktok:", "    tiers:"]
    lines += ["      - {name: small, min: 0, max: 20000}", "      - {name: big, min: 20000}"]
    lines += ["niches:", "  fitness: [gym, yoga]", f"  topic{i}: [word{i}]", "examples:"]
    lines += [
        f"  - {{followers: {bounds[1]}, expect: t1}}",
        "  - {followers: 5, platform: tiktok, expect: small}",
    ]
    if i % 10 == 0:
        lines.append("  - {followers: 1, expect: t4}")  # one file in ten fails
    return "\n".join(lines) + "\n"


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    rng = random.Random(7)
    folder = Path(tempfile.mkdtemp(prefix="microinf-tiers-"))
    try:
        files = []
        for i in range(count):
            path = folder / f"tiers{i:04d}.yaml"
            path.write_text(config(rng, i))
            files.append(str(path))
        exe = shutil.which("microinf") or str(Path(sys.executable).parent / "microinf")
        start = time.perf_counter()
        proc = subprocess.run([exe, "tiers", "check", *files], capture_output=True, text=True)
        ours = time.perf_counter() - start
        start = time.perf_counter()
        for f in files:
            with open(f, encoding="utf-8") as handle:
                yaml.load(handle, Loader=yaml.CSafeLoader)
        base = time.perf_counter() - start
        summary = proc.stdout.strip().splitlines()[-1]
        print(
            f"{count} files: microinf tiers check {ours:.2f}s (exit {proc.returncode}; {summary})"
        )
        ratio = ours / base
        print(f"baseline: parsing them {base:.2f}s; ratio {ratio:.2f}; target < 2 s")
    finally:
        shutil.rmtree(folder)


if __name__ == "__main__":
    main()
