"""microinf report: one self-contained, inert HTML file, written atomically."""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.main import get_command

from conftest import EXAMPLES, Run

CREATORS = str(EXAMPLES / "creators.csv")
HOSTILE = (
    "handle,followers,engagement_rate,bio,niche,url\n"
    'evil,20000,0.04,"<script>alert(1)</script><img src=x onerror=alert(2)>","a&b",'
    '"javascript:alert(3)"\n'
)


def test_the_page_is_self_contained(run: Run, tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    result = run("report", CREATORS, "--niche", "fitness", "--top", "7", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert "wrote" in result.stderr and result.stdout == ""
    page = out.read_text(encoding="utf-8")
    assert page.count('<tr><td class="num" data-value=') == 7
    assert not re.search(r"<(link|iframe|object|embed|img)\b", page, re.I)
    assert not re.search(r"\bsrc\s*=", page, re.I)
    assert "@import" not in page and "url(" not in page
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page)
    assert csp and "default-src 'none'" in csp.group(1)
    for tag in ("script", "style"):
        body = re.search(rf"<{tag}>(.*?)</{tag}>", page, re.S)
        assert body is not None
        digest = base64.b64encode(hashlib.sha256(body.group(1).encode()).digest()).decode()
        assert f"'sha256-{digest}'" in csp.group(1)
    assert "@media print" in page and page.count("<svg") == 6


def test_data_is_escaped(run: Run, write: Callable[..., Path], tmp_path: Path) -> None:
    source = write("hostile.csv", HOSTILE)
    result = run("report", str(source), "-o", "-")
    assert result.exit_code == 0
    page = result.stdout
    assert "<script>alert" not in page and "<img" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;" in page
    assert "a&amp;b" in page and 'href="javascript' not in page


def test_written_atomically(run: Run, tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    out.write_text("old", encoding="utf-8")
    assert run("report", CREATORS, "-o", str(out)).exit_code == 0
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.html"]
    missing = run("report", CREATORS, "-o", str(tmp_path / "no" / "r.html"))
    assert missing.exit_code == 3
    assert missing.stderr.startswith("error: ") and "Traceback" not in missing.output


def test_report_takes_the_filters_and_the_budget(run: Run, tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    result = run("report", CREATORS, "--tier", "micro", "--budget", "2000", "-o", str(out))
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert "--tier micro --budget 2000" in page
    assert run("report", CREATORS, "--tier", "huge", "-o", str(out)).exit_code == 2


@pytest.mark.parametrize("command", ["classify", "summary", "report", "compare"])
def test_every_reading_command_takes_the_same_input_options(command: str) -> None:
    from microinf.cli.app import app
    from microinf.cli.inputs import NAMES

    group = get_command(app)
    params = {p.name for p in group.commands[command].params}  # type: ignore[attr-defined]
    assert set(NAMES) <= params
