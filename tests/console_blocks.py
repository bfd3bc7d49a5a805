"""The ```console blocks of README.md and docs/*.md: read them, run them, and rewrite them.

A line starting with `$ ` is a command, run from the repository root with COLUMNS=80 and stdout
not a terminal (so classify prints JSON unless the command asks for a table); the lines after
it, up to the next command, are what it prints (stdout, then stderr). Lines are compared with
trailing spaces and blank lines dropped, the repository's path written as `.`. A block fenced
```console illustrative is not run (installs, network, long runs, tools a test machine lacks).

    python tests/console_blocks.py            check every block, print the ones that differ
    python tests/console_blocks.py --update   paste what each command prints now
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
BLOCK = re.compile(r"^```console\n(.*?)^```", re.S | re.M)


@dataclass(frozen=True)
class Example:
    """One command of a console block and the output the page shows for it."""

    page: str
    command: str
    expected: str

    def __str__(self) -> str:
        return f"{self.page}: $ {self.command}"


def _split(block: str) -> list[tuple[str, list[str]]]:
    out: list[tuple[str, list[str]]] = []
    for line in block.splitlines():
        if line.startswith("$ "):
            out.append((line[2:], []))
        elif out:
            out[-1][1].append(line)
    return out


def examples(pages: list[Path] | None = None) -> list[Example]:
    """Every command of every runnable console block."""
    found = []
    for page in pages or PAGES:
        text = page.read_text(encoding="utf-8")
        for block in BLOCK.findall(text):
            for command, lines in _split(block):
                found.append(Example(page.relative_to(ROOT).as_posix(), command, "\n".join(lines)))
    return found


def run(command: str) -> str:
    """What a command prints, stdout then stderr, as the page shows it."""
    env = {**os.environ, "PATH": f"{BIN}:{os.environ['PATH']}", "COLUMNS": "80"}
    env.pop("MICROINF_TIERS", None)
    env.pop("NO_COLOR", None)
    done = subprocess.run(
        command, shell=True, cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    return (done.stdout + done.stderr).replace(str(ROOT), ".")


def tidy(text: str) -> list[str]:
    """The lines that are compared."""
    return [line.rstrip() for line in text.splitlines() if line.strip()]


def update(page: Path) -> int:
    """Paste what each command of the page prints now; the number of commands whose output moved."""
    text = page.read_text(encoding="utf-8")
    moved = 0

    def redo(match: re.Match[str]) -> str:
        nonlocal moved
        parts = []
        for command, lines in _split(match.group(1)):
            printed = run(command)
            if tidy(printed) != tidy("\n".join(lines)):
                moved += 1
            body = "\n".join(line.rstrip() for line in printed.rstrip("\n").splitlines())
            parts.append(f"$ {command}\n{body}\n" if body else f"$ {command}\n")
        return "```console\n" + "".join(parts) + "```"

    page.write_text(BLOCK.sub(redo, text), encoding="utf-8")
    return moved


def main(argv: list[str]) -> int:
    if "--update" in argv:
        for page in PAGES:
            print(f"{page.relative_to(ROOT)}: {update(page)} outputs updated")
        return 0
    wrong = [e for e in examples() if tidy(run(e.command)) != tidy(e.expected)]
    for e in wrong:
        print(f"differs: {e}")
    return 1 if wrong else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
