#!/usr/bin/env python3
"""Peak memory and time of `microinf classify` on hostile inputs, each in its own process.

usage: python bench/limits.py

Each input is built in a temporary folder; the figures are the child's maximum resident set
size (from os.wait4) and its wall time. The baseline is `classify` on examples/creators.csv.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def inputs(folder: Path) -> list[tuple[str, list[str]]]:
    def put(name: str, data: bytes) -> str:
        (folder / name).write_bytes(data)
        return str(folder / name)

    aliases = ["a: &x0 [{handle: a, followers: 5000}]"]
    aliases += [f"b{i}: &x{i} [" + ", ".join([f"*x{i - 1}"] * 10) + "]" for i in range(1, 10)]
    laughs = ("\n".join(aliases) + "\ncreators: *x9\n").encode()
    row = {"handle": "h", "followers": 5000, "bio": "gym and yoga " * 4, "x": {"y": 1}}
    big_json = json.dumps([{**row, "handle": f"h{i}"} for i in range(135_000)])
    big_yaml = "".join(
        f"- {{handle: h{i}, followers: {i}, bio: gym and yoga}}\n" for i in range(35_000)
    ).encode()
    names = ",".join(f"c{i}" for i in range(9_998))
    wide = f"handle,followers,{names}\na,5000{',1' * 9_998}\n".encode()
    return [
        ("examples/creators.csv (baseline)", [str(ROOT / "examples" / "creators.csv")]),
        ("/dev/zero", ["/dev/zero"]),
        ("1 GB of NULs, gzipped (1 MB)", [put("nul.csv.gz", _nuls())]),
        ("YAML billion laughs (10^9 nodes)", [put("lol.yaml", laughs)]),
        ("JSON nested 100,000 deep", [put("deep.json", b"[" * 100_000 + b"]" * 100_000)]),
        ("a 10,000-column header", [put("wide.csv", wide)]),
        (f"a {len(big_json) / 2**20:.0f} MB JSON document", [put("big.json", big_json.encode())]),
        (f"a {len(big_yaml) / 2**20:.1f} MB YAML document", [put("big.yaml", big_yaml)]),
        ("a 16 MB field", [put("field.csv", b"handle,followers,bio\na,5,%s\n" % (b"x" * 2**24))]),
    ]  # fmt: skip


# a small process starts each run, so that the child's peak is not the parent's (fork shares it)
_RUNNER = """
import os, resource, subprocess, sys
code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode
print(code, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def _nuls() -> bytes:
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)  # the gzip format
    chunk = b"\0" * 2**20
    return b"".join([*(packer.compress(chunk) for _ in range(1024)), packer.flush()])


def measure(args: list[str]) -> tuple[int, float, float]:
    started = time.perf_counter()
    command = [sys.executable, "-m", "microinf", "classify", *args, "--format", "csv"]
    out = subprocess.run(
        [sys.executable, "-c", _RUNNER, *command], capture_output=True, text=True, check=True
    ).stdout.split()
    return int(out[0]), time.perf_counter() - started, int(out[1]) / 1024


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        cases = inputs(Path(tmp))
        base = None
        print(f"{'input':40} {'exit':>4} {'seconds':>8} {'peak MB':>8} {'x baseline':>10}")
        for name, args in cases:
            code, seconds, peak = measure(args)
            base = base or peak
            print(f"{name:40} {code:>4} {seconds:>8.2f} {peak:>8.0f} {peak / base:>10.1f}")


if __name__ == "__main__":
    main()
