"""Every ```console block of README.md and docs/*.md runs and prints what the page shows.

The rules of a block are in tests/console_blocks.py; `python tests/console_blocks.py --update`
pastes what the commands print now.
"""

from __future__ import annotations

import re
import subprocess

import pytest

from conftest import ROOT, SHARED_DATA
from console_blocks import BIN, Example, examples, run, tidy

EXAMPLES = examples()


@pytest.mark.parametrize("example", EXAMPLES, ids=str)
def test_console_block(example: Example) -> None:
    if "../shared/" in example.command and not SHARED_DATA.is_dir():
        pytest.skip("the shared data files are absent")
    assert tidy(run(example.command)) == tidy(example.expected), str(example)


def test_the_readme_and_the_docs_have_examples() -> None:
    pages = {e.page for e in EXAMPLES}
    assert "README.md" in pages
    assert len([p for p in pages if p.startswith("docs/")]) >= 3


def test_a_wrong_output_is_caught() -> None:
    # the comparison can fail: a pasted line that the command does not print
    example = Example("x.md", "microinf --version", "microinf 0.0.0")
    assert tidy(run(example.command)) != tidy(example.expected)


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
