"""Fuzzing: messy files of every format and tiers files through the command line.

Every run ends with a documented exit code, output that is valid for its format, and the ledger
holding. An exception escaping the command fails the test (the runner does not catch it).
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hostile_files import any_source, tiers_bytes
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import EXAMPLES, Run

DOCUMENTED = {0, 1, 2, 3}
LEDGER = re.compile(
    r"rows read (\d+) = classified (\d+) \+ rejected (\d+) \+ duplicates merged (\d+); "
    r"of the classified: shown (\d+), filtered out (\d+), below --top (\d+)"
)
FUZZ = settings(
    max_examples=int(os.environ.get("MICROINF_FUZZ_EXAMPLES", "25")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def check_output(code: int, stdout: str, stderr: str, fmt: str) -> None:
    """The promises every run keeps, whatever its input."""
    assert code in DOCUMENTED, (code, stderr)
    assert "Traceback" not in stderr and "\x1b" not in stderr, stderr
    if code != 0:
        assert "\nerror: " in "\n" + stderr, stderr
        return
    ledger = LEDGER.search(stderr)
    assert ledger, stderr
    read, classified, rejected, merged, shown, filtered, below = map(int, ledger.groups())
    assert read == classified + rejected + merged
    assert classified == shown + filtered + below
    if fmt == "json":
        rows = json.loads(stdout, parse_constant=_refuse)
        assert isinstance(rows, list) and len(rows) == shown
    elif fmt == "jsonl":
        lines = stdout.splitlines()  # str.splitlines: NEL and U+2028 must be escaped
        assert len(lines) == shown
        for line in lines:
            assert isinstance(json.loads(line, parse_constant=_refuse), dict)
    elif fmt == "csv":
        table = list(csv.reader(io.StringIO(stdout, newline="")))
        assert len(table) == shown + 1
        assert all(len(row) == len(table[0]) for row in table)
        for row in table:
            for cell in row:
                assert not cell.startswith(("=", "+", "@")) or _number(cell), cell
    else:
        assert "\x1b" not in stdout
        assert not any(ord(ch) < 32 and ch not in "\n" for ch in stdout), repr(stdout)


def _refuse(name: str) -> None:
    raise AssertionError(f"{name} in JSON output")


def _number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


formats = st.sampled_from(["json", "jsonl", "csv", "markdown", "table"])
extras = st.sampled_from(
    [[], ["--top", "2"], ["--keep-duplicates"], ["--niche", "fitness"], ["--tier", "micro"],
     ["--explain"], ["--fields", "handle,source,line,score"], ["--max-depth", "3"]]
)  # fmt: skip


@FUZZ
@given(source=any_source(), fmt=formats, extra=extras, skip=st.booleans())
def test_messy_files_through_the_command_line(
    run: Run, tmp_path: Path, source: tuple[str, bytes], fmt: str, extra: list[str], skip: bool
) -> None:
    name, data = source
    path = tmp_path / name
    path.write_bytes(data)
    rejects = tmp_path / "rejects.jsonl"
    args = ["classify", str(path), "--format", fmt, "--stats", "--rejects", str(rejects), *extra]
    result = run(*args, *(["--on-error", "skip"] if skip else []))
    check_output(result.exit_code, result.stdout, result.stderr, fmt)
    if result.exit_code == 0 and rejects.exists():
        for line in rejects.read_text(encoding="utf-8").splitlines():  # NEL, U+2028: escaped
            json.loads(line, parse_constant=_refuse)


@FUZZ
@given(source=any_source())
def test_messy_files_on_stdin(run: Run, source: tuple[str, bytes]) -> None:
    _, data = source
    result = run("classify", "-", "--stats", "--on-error", "skip", input=data)
    check_output(result.exit_code, result.stdout, result.stderr, "json")


@FUZZ
@given(text=tiers_bytes())
def test_mutated_tiers_files(run: Run, tmp_path: Path, text: bytes) -> None:
    path = tmp_path / "tiers.yaml"
    path.write_bytes(text)
    checked = run("tiers", "check", str(path), "--format", "json")
    assert checked.exit_code in (0, 1), checked.stderr
    problems = json.loads(checked.stdout)
    assert all(p["line"] for p in problems if p["severity"] == "error"), problems
    used = run("classify", str(EXAMPLES / "creators.csv"), "--tiers", str(path), "--stats")
    check_output(used.exit_code, used.stdout, used.stderr, "json")
    assert (used.exit_code == 0) == (checked.exit_code == 0)


@settings(max_examples=5, deadline=None)
@given(source=any_source(), fmt=formats)
def test_a_sample_through_a_real_process(source: tuple[str, bytes], fmt: str) -> None:
    name, data = source
    folder = Path(os.environ.get("TMPDIR", "/tmp")) / f"microinf-fuzz-{os.getpid()}"
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_bytes(data)
    proc = subprocess.run(
        [sys.executable, "-m", "microinf", "classify", str(path), "--format", fmt, "--stats"],
        capture_output=True,
        timeout=120,
        env={**os.environ, "COLUMNS": "80"},
    )
    stdout = proc.stdout.decode("utf-8", errors="strict")
    check_output(proc.returncode, stdout, proc.stderr.decode("utf-8", "replace"), fmt)


@pytest.mark.parametrize("name", ["creators.csv", "roster.yaml"])
def test_the_examples_pass_the_same_checks(run: Run, name: str) -> None:
    result = run("classify", str(EXAMPLES / name), "--stats", "--format", "csv")
    check_output(result.exit_code, result.stdout, result.stderr, "csv")
