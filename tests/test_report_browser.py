"""The HTML report in a real headless Chromium: it loads cleanly, holds the rows, sorts, is inert."""

from __future__ import annotations

import base64
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from cdp import CHROMIUM, Browser

from conftest import EXAMPLES, ROOT

BIN = Path(sys.executable).parent / "microinf"

pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="chromium is not installed (apt-get install chromium; .ci/run does)"
)

HOSTILE = (
    "handle,platform,followers,engagement_rate,name,bio,url\n"
    '"x<b>y",instagram,25000,0.05,"</td></tr></table><h1>broken",'
    '"<script>window.pwned=1</script><img src=x onerror=""window.pwned=2""> \x07bell",'
    "javascript:window.pwned=3\n"
)


def microinf(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(BIN), *args], cwd=ROOT, capture_output=True, text=True, check=True, timeout=120
    )


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[Browser]:
    profile = tmp_path / "profile"
    profile.mkdir()
    b = Browser(profile)
    try:
        yield b
    finally:
        b.close()


def load(browser: Browser, page: Path) -> None:
    browser.send("Page.navigate", url=page.as_uri())
    browser.wait_for("Page.loadEventFired")


def column(browser: Browser, index: int) -> list[str]:
    return list(
        browser.evaluate(
            "Array.from(document.querySelectorAll('#shortlist tbody tr'),"
            f" r => r.cells[{index}].getAttribute('data-value'))"
        )
    )


def test_report_loads_holds_the_rows_sorts_and_stays_inert(
    browser: Browser, tmp_path: Path
) -> None:
    hostile = tmp_path / "hostile.csv"
    hostile.write_text(HOSTILE, encoding="utf-8")
    page = tmp_path / "report.html"
    sources = [str(EXAMPLES / "creators.csv"), str(hostile)]
    microinf("report", *sources, "--top", "400", "-o", str(page))
    expected = [
        c["handle"] for c in json.loads(microinf("classify", *sources, "--format", "json").stdout)
    ]
    assert len(expected) == 321

    load(browser, page)
    assert browser.errors() == []
    assert set(browser.requests()) == {page.as_uri()}
    handles = browser.evaluate(
        "Array.from(document.querySelectorAll('#shortlist tbody tr'), r => r.cells[1].textContent)"
    )
    assert handles == expected

    # hostile text is shown as text: nothing ran, no element came from it
    assert browser.evaluate("typeof window.pwned") == "undefined"
    assert browser.evaluate("document.querySelectorAll('img, h1').length") == 1  # the title
    row = browser.evaluate(
        "Array.from(document.querySelectorAll('#shortlist tbody tr'))"
        ".find(r => r.cells[1].textContent === 'x<b>y').textContent"
    )
    assert "<script>window.pwned=1</script>" in row and "</table><h1>broken" in row
    assert browser.evaluate("document.querySelectorAll('a[href^=javascript]').length") == 0

    # a click on "followers" sorts ascending, a second click descending
    browser.click("#shortlist th:nth-child(5) button")
    followers = [int(v) for v in column(browser, 4)]
    assert (
        followers == sorted(followers) and followers != [int(v) for v in column(browser, 4)][::-1]
    )
    browser.click("#shortlist th:nth-child(5) button")
    assert [int(v) for v in column(browser, 4)] == sorted(followers, reverse=True)
    # engagement: creators with no rate stay last either way
    browser.click("#shortlist th:nth-child(8) button")
    rates = column(browser, 7)
    known = [float(v) for v in rates if v]
    assert known == sorted(known) and rates[len(known) :] == [""] * (len(rates) - len(known))
    assert (
        browser.evaluate(
            "document.querySelector('#shortlist th:nth-child(8)').getAttribute('aria-sort')"
        )
        == "ascending"
    )
    assert browser.errors() == []


def test_report_screenshot(browser: Browser, tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    microinf(
        "report", "examples/creators.csv", "--niche", "fitness", "--top", "12",
        "--title", "Fitness creators", "-o", str(page),
    )  # fmt: skip
    load(browser, page)
    assert browser.errors() == []
    assert browser.evaluate("document.querySelectorAll('#shortlist tbody tr').length") == 12
    assert browser.evaluate("document.querySelectorAll('svg').length") == 6
    shot = browser.send(
        "Page.captureScreenshot",
        format="png",
        captureBeyondViewport=True,
        clip={"x": 0, "y": 0, "width": 1280, "height": 1900, "scale": 1},
    )
    png = base64.b64decode(shot["data"])
    assert png.startswith(b"\x89PNG\r\n\x1a\n") and len(png) > 20_000
    (tmp_path / "report.png").write_bytes(png)
    # printing works: a PDF comes out, with the print stylesheet applied
    browser.send("Emulation.setEmulatedMedia", media="print")
    assert browser.evaluate(
        "getComputedStyle(document.querySelector('th button'), '::after').content"
    ) in ('""', "none")
    pdf = base64.b64decode(browser.send("Page.printToPDF", printBackground=False)["data"])
    assert pdf.startswith(b"%PDF") and len(pdf) > 10_000
    assert browser.errors() == []
    keep = os.environ.get("MICROINF_SCREENSHOT")  # e.g. docs/report.png, to refresh the README's
    if keep:
        shutil.copyfile(tmp_path / "report.png", ROOT / keep)
