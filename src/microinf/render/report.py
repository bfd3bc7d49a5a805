"""The report as one self-contained HTML page: no request leaves it (its CSP forbids any)."""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass
from importlib.resources import files
from typing import TYPE_CHECKING, TextIO

from microinf.render.registry import register
from microinf.render.report_parts import charts, quartile_table, shortlist, tiers_table
from microinf.render.svg import inert

if TYPE_CHECKING:
    from microinf.jobs.report import Report


@dataclass
class ReportView:
    """A report, its title and when it was made (as text)."""

    report: Report
    title: str = "Creator report"
    generated: str = ""


def asset(name: str) -> str:
    """A file shipped in render/assets."""
    return (files("microinf.render") / "assets" / name).read_text(encoding="utf-8")


def _hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def _cards(r: Report) -> str:
    s, shown = r.summary, r.result.stats.shown
    rated = sum(t.engagement.count for t in s.tiers.values())
    cards = [
        (f"{s.creators:,}", "creators pass the filters"),
        (f"{shown:,}", "on the shortlist"),
        (f"{len([t for t in s.by_tier() if t.tier])}", "tiers represented"),
        (f"{s.flagged:,}", f"flagged ({s.flagged / s.creators:.0%})" if s.creators else "flagged"),
        (f"{rated:,}", "with an engagement rate"),
    ]
    return '<div class="cards">' + "".join(
        f"<div class=card><b>{inert(big)}</b><span>{inert(small)}</span></div>"
        for big, small in cards
    ) + "</div>"  # fmt: skip


def _sources(r: Report, generated: str) -> str:
    s, led = r.summary, r.summary.ledger
    ledger = (
        f"{led.read:,} rows read: {led.rejected:,} rejected, {led.duplicates:,} duplicates "
        f"merged, {led.filtered:,} filtered out, {led.counted:,} counted; "
        f"{r.result.stats.shown:,} on the shortlist"
    )
    items = [
        ("sources", "<br>".join(inert(src) for src in s.sources)),
        ("tiers file", inert(s.tiers_origin)),
        ("filters", inert(" ".join(r.filters()) or "none")),
        ("rows", inert(ledger)),
    ]
    if generated:
        items.append(("made", inert(generated)))
    return '<dl class="sources">' + "".join(
        f"<dt>{k}</dt><dd>{v}</dd>" for k, v in items
    ) + "</dl>"  # fmt: skip


def page(view: ReportView) -> str:
    """The whole page."""
    r = view.report
    css, js = asset("report.css"), asset("report.js")
    csp = (
        "default-src 'none'; img-src data:; "
        f"style-src {_hash(css)}; script-src {_hash(js)}; form-action 'none'; base-uri 'none'"
    )
    shown, counted = r.result.stats.shown, r.summary.creators
    subtitle = f"{counted:,} creators from {', '.join(r.summary.sources)}"
    if view.generated:
        subtitle += f" · {view.generated}"
    exact = "exact" if r.summary.exact else "estimated within 0.5% (large tiers)"
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>{inert(view.title)}</title>
<style>{css}</style>
</head>
<body>
<main>
<header>
<h1>{inert(view.title)}</h1>
<p>{inert(subtitle)}</p>
</header>
{_cards(r)}
<section>
<h2>The list at a glance</h2>
<p class="note">Every creator that passes the filters, not only the shortlist.</p>
{charts(r)}
<h3>Quartiles per tier ({exact})</h3>
{quartile_table(r)}
</section>
<section>
<h2>Shortlist</h2>
<p class="note">{shown:,} of {counted:,} creators, best score first (filters: \
{inert(" ".join(r.filters()) or "none")}). Click a column to sort. Engagement marked * is \
computed from average likes and comments; a flag halves the score and says why.</p>
{shortlist(r)}
</section>
<section>
<h2>Tiers</h2>
{tiers_table(r)}
</section>
<section>
<h2>Sources</h2>
{_sources(r, view.generated)}
</section>
<footer>Made with microinf. Scores: relevance to the niche and engagement against the typical \
rate of the creator's tier, halved for each authenticity flag.</footer>
</main>
<script>{js}</script>
</body>
</html>
"""


@register("report", "html")
def render_html(view: ReportView, out: TextIO) -> None:
    """The page, self-contained."""
    out.write(page(view))
