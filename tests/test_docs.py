"""Every ```console block of docs/*.md runs, and prints what the page shows.

Lines starting with `$ ` are commands, run from the repository root with COLUMNS=80 and stdout
not a terminal; the lines after a command, up to the next one, are its output (stdout, then
stderr), compared after stripping trailing spaces and blank lines, with the repository's path
written as `.`. A block fenced ```console illustrative does not run.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

BIN = Path(sys.executable).parent
PAGES = sorted((ROOT / "docs").glob("*.md"))


def examples() -> list[tuple[str, str, str]]:
    found = []
    for page in PAGES:
        text = page.read_text(encoding="utf-8")
        for block in re.findall(r"^```console\n(.*?)^```", text, re.S | re.M):
            command, lines = None, []
            for line in block.splitlines():
                if line.startswith("$ "):
                    if command is not None:
                        found.append((page.name, command, "\n".join(lines)))
                    command, lines = line[2:], []
                else:
                    lines.append(line)
            if command is not None:
                found.append((page.name, command, "\n".join(lines)))
    return found


def tidy(text: str) -> list[str]:
    lines = [line.rstrip() for line in text.replace(str(ROOT), ".").splitlines()]
    return [line for line in lines if line]


@pytest.mark.parametrize(("page", "command", "expected"), examples())
def test_console_block(page: str, command: str, expected: str) -> None:
    env = {**os.environ, "PATH": f"{BIN}:{os.environ['PATH']}", "COLUMNS": "80"}
    env.pop("MICROINF_TIERS", None)
    done = subprocess.run(
        command, shell=True, cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    assert tidy(done.stdout + done.stderr) == tidy(expected), f"{page}: $ {command}"


def test_pages_have_examples() -> None:
    assert PAGES
    pages = {page for page, _, _ in examples()}
    assert {"input.md", "cli.md"} <= pages


def test_the_pre_commit_snippets_use_the_shipped_hook() -> None:
    import yaml

    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    ids = {hook["id"]: hook for hook in hooks}
    for page in (ROOT / "README.md", ROOT / "docs" / "cli.md"):
        text = page.read_text(encoding="utf-8")
        snippets = [s for s in re.findall(r"```yaml\n(.*?)```", text, re.S) if "rev:" in s]
        assert snippets, page
        for snippet in snippets:
            config = yaml.safe_load(snippet)
            for repo in config["repos"]:
                # a commit SHA: pre-commit accepts it, and it cannot name a tag that does not exist
                assert re.fullmatch(r"[0-9a-f]{40}", str(repo["rev"])), repo["rev"]
                for hook in repo["hooks"]:
                    assert hook["id"] in ids
    pattern = re.compile(ids["microinf-tiers-check"]["files"])
    assert pattern.search("tiers.yaml") and pattern.search("config/tiers-tiktok.yml")
    assert not pattern.search("creators.yaml")
    entry = ids["microinf-tiers-check"]["entry"].split()
    done = subprocess.run(
        [str(BIN / entry[0]), *entry[1:], "--strict", "tiers.yaml"], cwd=ROOT, capture_output=True
    )
    assert done.returncode == 0, done.stderr
