"""The README and the reference pages stay true to the code."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, SHARED_DATA
from console_blocks import run

README = (ROOT / "README.md").read_text(encoding="utf-8")
DOCS = README + "".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "docs").glob("*.md")))
BIN = Path(sys.executable).parent
BLOCKS = re.findall(r"```console(?: illustrative)?\n(.*?)```", README, re.S)


def commands() -> list[str]:
    found = []
    for block in BLOCKS:
        for line in block.splitlines():
            if line.startswith("$ ") and "pip install" not in line and "bench/" not in line:
                found.append(line[2:])
    return found


def test_first_command_output_is_pasted_as_printed() -> None:
    block = BLOCKS[0].splitlines()
    command = block[0].split(" && ")[-1]
    pasted = [line.rstrip() for line in block[1:]]
    printed = [line.rstrip() for line in run(command + " --format table").splitlines()]
    assert [p for p in printed if p] == [p for p in pasted if p]


def test_every_command_is_documented() -> None:
    from typer.main import get_command

    from microinf.cli.app import app

    group = get_command(app)
    names = []
    for name, command in getattr(group, "commands", {}).items():
        names.append(name)
        names += [f"{name} {sub}" for sub in getattr(command, "commands", {})]
    assert "tiers check" in names
    for name in names:
        assert f"microinf {name}" in DOCS, f"`microinf {name}` is not documented"


def test_the_test_command_is_what_ci_runs() -> None:
    lines = [line[2:] for block in BLOCKS for line in block.splitlines() if line.startswith("$ ")]
    test_command = next(c for c in lines if c.endswith("pytest"))
    ci = (ROOT / ".ci" / "run").read_text().splitlines()
    assert any(line.startswith(test_command) for line in ci)


def test_alias_table_matches_the_code() -> None:
    from microinf.read.columns import ALIASES

    for name, aliases in ALIASES.items():
        row = next(line for line in DOCS.splitlines() if line.startswith(f"| `{name}` |"))
        assert row.split(" | ")[1].split(" (then ")[0].rstrip(" |") == ", ".join(aliases)


REAL_WORLD = re.findall(r"^\| `[^`]+` \| `(microinf classify [^`]+)` \|", DOCS, re.M)


@pytest.mark.skipif(not SHARED_DATA.is_dir(), reason="the shared data files are absent")
@pytest.mark.parametrize("command", REAL_WORLD)
def test_real_world_commands_run(command: str) -> None:
    env = {**os.environ, "PATH": f"{BIN}:{os.environ['PATH']}"}
    result = subprocess.run(
        command + " --format json",
        shell=True,
        cwd=SHARED_DATA,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert len(json.loads(result.stdout)) > 50


def test_real_world_table_covers_every_file() -> None:
    assert len(REAL_WORLD) == 8


def test_python_examples_run(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    blocks = re.findall(r"```python\n(.*?)```", README, re.S)
    assert blocks
    monkeypatch.chdir(ROOT)
    for block in blocks:
        exec(compile(block, "README.md", "exec"), {})
    assert capsys.readouterr().out.strip()


def test_documented_fields_are_the_output_fields() -> None:
    from microinf.models import OUTPUT_FIELDS

    sentence = DOCS.split("**Fields** of every record: `", 1)[1].split("`", 1)[0]
    assert [f.strip() for f in " ".join(sentence.split()).split(",")] == list(OUTPUT_FIELDS)
