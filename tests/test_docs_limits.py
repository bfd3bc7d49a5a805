"""docs/limits.md names every limit option (its console blocks run with the others)."""

from __future__ import annotations

import sys
from pathlib import Path

from conftest import ROOT

PAGE = (ROOT / "docs" / "limits.md").read_text(encoding="utf-8")
BIN = Path(sys.executable).parent


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
