#!/usr/bin/env python3
"""Long fuzz runs: messy files and tiers files through the command line, crashes counted.

usage: python bench/fuzz.py [CASES]      (default 2000 per kind; about 1,000 cases a minute)

Uses the strategies of tests/hostile_files.py and the checks of tests/test_fuzz.py. A crash is a
run that breaks a promise: an exception out of the command, an undocumented exit code, invalid
output, or a ledger that does not add up. Each crash is printed with its input; the totals and
the peak memory of the process come last.
"""

from __future__ import annotations

import resource
import sys
import tempfile
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from hostile_files import any_source, tiers_bytes  # noqa: E402
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from test_fuzz import check_output  # noqa: E402
from typer.testing import CliRunner  # noqa: E402

from microinf.cli.app import app  # noqa: E402

FORMATS = st.sampled_from(["json", "jsonl", "csv", "markdown", "table"])


def main() -> None:
    cases = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    runner = CliRunner()
    folder = Path(tempfile.mkdtemp(prefix="microinf-fuzz-"))
    counts = {"files": 0, "tiers": 0}
    crashes: list[str] = []
    options = settings(
        max_examples=cases,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )

    def attempt(kind: str, what: str, args: list[str], fmt: str) -> None:
        counts[kind] += 1
        try:
            result = runner.invoke(app, args, catch_exceptions=False)
            check_output(result.exit_code, result.stdout, result.stderr, fmt)
        except BaseException as exc:
            if isinstance(exc, KeyboardInterrupt):
                raise
            crashes.append(f"{kind}: {what}\n{traceback.format_exc(limit=3)}")

    @options
    @given(source=any_source(), fmt=FORMATS, skip=st.booleans())
    def files(source: tuple[str, bytes], fmt: str, skip: bool) -> None:
        name, data = source
        path = folder / name
        path.write_bytes(data)
        args = ["classify", str(path), "--format", fmt, "--stats"]
        attempt(
            "files", f"{name} {data[:300]!r}", args + (["--on-error", "skip"] if skip else []), fmt
        )

    @options
    @given(text=tiers_bytes())
    def tiers(text: bytes) -> None:
        path = folder / "tiers.yaml"
        path.write_bytes(text)
        args = [
            "classify",
            str(ROOT / "examples" / "creators.csv"),
            "--tiers",
            str(path),
            "--stats",
        ]
        attempt("tiers", repr(text[:300]), args, "json")

    started = time.perf_counter()
    files()
    tiers()
    elapsed = time.perf_counter() - started
    for crash in crashes:
        print(crash)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"{counts['files']} files and {counts['tiers']} tiers files in {elapsed:.0f} s: "
        f"{len(crashes)} crashes; peak memory {peak:.0f} MB"
    )


if __name__ == "__main__":
    main()
