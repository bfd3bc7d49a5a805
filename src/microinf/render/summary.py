"""A list summarised: bar charts for people, JSON, CSV and markdown for the rest."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, TextIO

from microinf.numbers import human
from microinf.render.registry import auto, register

if TYPE_CHECKING:
    from microinf.jobs.summary import Summary

BAR_WIDTH = 24
NOTHING = "no creator to count: none passes the filters"
_EIGHTHS = " ▏▎▍▌▋▊▉"


def bar(n: int, most: int, width: int = BAR_WIDTH) -> str:
    """n of most as a bar of unicode blocks, in eighths of a character."""
    if most <= 0 or n <= 0:
        return ""
    eighths = max(1, round(n / most * width * 8))
    full, part = divmod(eighths, 8)
    return "█" * full + (_EIGHTHS[part] if part else "")


def pct(n: int, total: int) -> str:
    """A share as people read it."""
    if not total or not n:
        return "0%"
    share = n / total * 100
    return "<1%" if share < 0.5 else f"{share:.0f}%"


def rate(value: float | None) -> str:
    """An engagement rate in percent."""
    return "—" if value is None else f"{value * 100:.2f}%"


def count(value: float | None) -> str:
    """A follower count as people write it."""
    return "—" if value is None else human(value)


def tier_name(tier: str | None) -> str:
    """A tier name, or what a missing tier means."""
    return tier if tier is not None else "(no tier)"


def sections(s: Summary) -> Iterator[tuple[str, list[tuple[str, int]]]]:
    """The count sections: title and (name, creators) rows."""
    from microinf.jobs.summary import ordered

    yield "tier", [(tier_name(t.tier), t.creators) for t in s.by_tier()]
    yield "platform", ordered(s.platforms)
    niches = ordered(s.niches) + ([("(none)", s.without_niche)] if s.without_niche else [])
    yield "niche", niches
    flags = [*ordered(s.flags), ("(no flag)", s.creators - s.flagged)]
    yield "flag", flags


_TITLES = {
    "tier": "creators by tier",
    "platform": "creators by platform",
    "niche": "creators by niche (a creator may have several)",
    "flag": "authenticity flags (a creator may have several)",
}


def headline(s: Summary) -> str:
    """The first line: how many creators, from where, with which tiers."""
    return f"{s.creators:,} creators · {', '.join(s.sources)} · tiers: {s.tiers_origin}"


def ledger_line(s: Summary) -> str:
    """Where every row went."""
    led = s.ledger
    parts = [f"{led.read:,} rows read"]
    for n, what in (
        (led.rejected, "rejected"),
        (led.duplicates, "duplicates merged"),
        (led.filtered, "filtered out"),
    ):
        if n:
            parts.append(f"{n:,} {what}")
    return " · ".join(parts)


def quartile_note(s: Summary) -> str:
    """How exact the quartiles are."""
    from microinf.jobs.quantiles import ALPHA, EXACT_LIMIT

    if s.exact:
        return "quartiles are exact"
    return (
        f"quartiles of tiers over {EXACT_LIMIT:,} creators are estimated "
        f"(within {ALPHA:.1%} of the exact value)"
    )


@register("summary", "table")
def render_table(s: Summary, out: TextIO) -> None:
    """Bar charts and quartile tables, for a terminal."""
    from rich import box
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    console = Console(file=out, highlight=False)
    console.print(headline(s), soft_wrap=True, markup=False)
    console.print(ledger_line(s), soft_wrap=True, markup=False)
    if not s.creators:
        console.print(NOTHING, soft_wrap=True)
        return
    for key, rows in sections(s):
        table = Table(box=box.SIMPLE_HEAD, pad_edge=False, title=_TITLES[key], title_justify="left")
        table.add_column(key, overflow="fold", max_width=28)
        table.add_column("creators", justify="right")
        table.add_column("share", justify="right")
        table.add_column("", no_wrap=True)
        most = max((n for _, n in rows), default=0)
        for name, n in rows:
            table.add_row(Text(name), f"{n:,}", pct(n, s.creators), bar(n, most))
        console.print()
        console.print(table)
    for title, cells in distributions(s):
        table = Table(box=box.SIMPLE_HEAD, pad_edge=False, title=title, title_justify="left")
        for i, heading in enumerate(("tier", "n", "min", "q1", "median", "q3", "max")):
            table.add_column(heading, justify="left" if i == 0 else "right")
        for row in cells:
            table.add_row(*(Text(c) for c in row))
        console.print()
        console.print(table)
    console.print(quartile_note(s), soft_wrap=True)


def distributions(s: Summary) -> Iterator[tuple[str, list[list[str]]]]:
    """The follower and engagement quartiles per tier, as display rows."""
    followers, engagement = [], []
    for t in s.by_tier():
        f = t.followers.five()
        followers.append([tier_name(t.tier), f"{t.followers.count:,}", *map(count, f.values())])
        e = t.engagement.five()
        engagement.append([tier_name(t.tier), f"{t.engagement.count:,}", *map(rate, e.values())])
    yield "followers by tier", followers
    yield "engagement rate by tier (creators with a rate)", engagement


@register("summary", "markdown")
def render_markdown(s: Summary, out: TextIO) -> None:
    """Headings and pipe tables, bars included."""

    def esc(text: str) -> str:
        return text.replace("|", "\\|").replace("\n", " ")

    out.write(f"{esc(headline(s))}\n\n{esc(ledger_line(s))}\n")
    if not s.creators:
        out.write(f"\n{NOTHING}\n")
        return
    for key, rows in sections(s):
        most = max((n for _, n in rows), default=0)
        out.write(f"\n### {_TITLES[key].capitalize()}\n\n| {key} | creators | share | |\n")
        out.write("|---|---:|---:|---|\n")
        for name, n in rows:
            out.write(f"| {esc(name)} | {n:,} | {pct(n, s.creators)} | {bar(n, most)} |\n")
    for title, cells in distributions(s):
        out.write(f"\n### {title.capitalize()}\n\n| tier | n | min | q1 | median | q3 | max |\n")
        out.write("|---|---:|---:|---:|---:|---:|---:|\n")
        for row in cells:
            out.write("| " + " | ".join(esc(c) for c in row) + " |\n")
    out.write(f"\n{quartile_note(s)}\n")


@register("summary", "json")
def render_json(s: Summary, out: TextIO) -> None:
    """One JSON object."""
    out.write(json.dumps(s.as_dict(), indent=2, ensure_ascii=False) + "\n")


CSV_FIELDS = (
    "dimension", "value", "creators", "share",
    "followers_min", "followers_q1", "followers_median", "followers_q3", "followers_max",
    "engagement_count", "engagement_min", "engagement_q1", "engagement_median", "engagement_q3",
    "engagement_max",
)  # fmt: skip


def csv_rows(s: Summary) -> Iterator[dict[str, Any]]:
    """One row per tier, platform, niche and flag; distributions on the tier rows."""
    data = s.as_dict()
    for t in data["tiers"]:
        row: dict[str, Any] = {"dimension": "tier", "value": t["tier"] or "(no tier)"}
        row.update(creators=t["creators"], share=t["share"])
        row.update({f"followers_{k}": v for k, v in t["followers"].items() if k != "count"})
        row.update({f"engagement_{k}": v for k, v in t["engagement_rate"].items()})
        yield row
    for key, plural in (("platform", "platforms"), ("niche", "niches"), ("flag", "flags")):
        for item in data[plural]:
            yield {
                "dimension": key,
                "value": item[key],
                "creators": item["creators"],
                "share": item["share"],
            }


@register("summary", "csv")
def render_csv(s: Summary, out: TextIO) -> None:
    """A header and one row per counted value, for spreadsheets."""
    from microinf.render.creators import csv_cell

    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_FIELDS)
    for row in csv_rows(s):
        writer.writerow([csv_cell(row.get(f)) for f in CSV_FIELDS])


auto("summary", terminal="table", pipe="json")
