"""docs/limits.md stays true: its console blocks run and print what is pasted."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

PAGE = (ROOT / "docs" / "limits.md").read_text(encoding="utf-8")
BIN = Path(sys.executable).parent


def examples() -> list[tuple[str, list[str]]]:
    found: list[tuple[str, list[str]]] = []
    for block in re.findall(r"```console\n(.*?)```", PAGE, re.S):
        for line in block.splitlines():
            if line.startswith("$ "):
                found.append((line[2:], []))
            elif found:
                found[-1][1].append(line)
    return found


@pytest.mark.parametrize(("command", "expected"), examples())
def test_console_block_prints_what_is_pasted(command: str, expected: list[str]) -> None:
    env = {**os.environ, "PATH": f"{BIN}:{os.environ['PATH']}", "COLUMNS": "80"}
    env.pop("MICROINF_TIERS", None)
    result = subprocess.run(
        command, shell=True, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    printed = (result.stdout + result.stderr).replace(str(ROOT), ".").splitlines()
    assert [p.rstrip() for p in printed if p.strip()] == [e.rstrip() for e in expected if e.strip()]


def test_every_limit_option_is_documented() -> None:
    from typer.main import get_command

    from microinf.cli.app import app

    classify = get_command(app).commands["classify"]  # type: ignore[attr-defined]
    options = [
        o
        for p in classify.params
        for o in p.opts
        if (o.startswith("--max") and o not in ("--max-followers", "--max-per-tier"))
        or o in ("--deadline", "--timeout")
    ]
    assert options
    for option in options:
        assert f"`{option}`" in PAGE, option
