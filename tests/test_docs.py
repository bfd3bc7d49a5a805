"""Every ```console block of docs/*.md runs and prints what the page shows; so do the README's
examples of summary, report and compare."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, SHARED_DATA

BIN = Path(sys.executable).parent
PAGES = sorted((ROOT / "docs").glob("*.md"))


NEW_COMMANDS = ("microinf summary", "microinf report", "microinf compare")


def examples() -> list[tuple[str, str, str]]:
    """(page, command, expected output) for every command of every console block."""
    found = []
    for page in [*PAGES, ROOT / "README.md"]:
        text = page.read_text(encoding="utf-8")
        for block in re.findall(r"^```console\n(.*?)^```", text, re.S | re.M):
            command, lines = None, []
            for line in [*block.splitlines(), "$ "]:
                if line.startswith("$ "):
                    readme = page.name == "README.md"
                    if command and (not readme or command.startswith(NEW_COMMANDS)):
                        found.append((page.name, command, "\n".join(lines)))
                    command, lines = line[2:], []
                else:
                    lines.append(line)
    return found


def tidy(text: str) -> list[str]:
    lines = [line.rstrip() for line in text.replace(str(ROOT), "<repo>").splitlines()]
    return [line for line in lines if line]


@pytest.mark.parametrize(("page", "command", "expected"), examples())
def test_console_example(page: str, command: str, expected: str) -> None:
    if "../shared/" in command and not SHARED_DATA.is_dir():
        pytest.skip("the shared data files are absent")
    env = {**os.environ, "PATH": f"{BIN}:{os.environ['PATH']}", "COLUMNS": "80"}
    env.pop("MICROINF_TIERS", None)
    result = subprocess.run(
        command, shell=True, cwd=ROOT, env=env, capture_output=True, text=True, check=False,
        stdin=subprocess.DEVNULL, timeout=300,
    )  # fmt: skip
    assert tidy(result.stdout + result.stderr) == tidy(expected), f"{page}: {command}"


def test_pages_have_examples() -> None:
    assert {"summary.md", "report.md", "compare.md"} <= {p.name for p in PAGES}
    assert len(examples()) >= 9
