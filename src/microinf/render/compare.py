"""Two snapshots compared: tables for people, one row per creator for machines."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TextIO

from microinf.numbers import human
from microinf.render.registry import auto, register

if TYPE_CHECKING:
    from microinf.jobs.compare import Change, Comparison


@dataclass
class CompareView:
    """A comparison and how many creators each list of a table shows."""

    comparison: Comparison
    top: int = 10


def _tier(t: str | None) -> str:
    return t if t is not None else "(no tier)"


def _count(n: int | None) -> str:
    return "—" if n is None else human(n)


def _rate(r: float | None) -> str:
    return "—" if r is None else f"{r * 100:.2f}%"


def _points(x: float | None) -> str:
    return "—" if x is None else f"{x * 100:+.2f} pt"


def headline(cmp: Comparison) -> list[str]:
    """The lines above the tables."""
    old, new = cmp.old, cmp.new
    moved = sum(1 for c in cmp.changes if c.tier_moved)
    lines = [f"{old.source} → {new.source} · tiers: {cmp.tiers_origin}"]
    lines.append(
        f"{len(old.creators):,} then {len(new.creators):,} creators: {cmp.count('kept'):,} in "
        f"both, {cmp.count('new'):,} new, {cmp.count('gone'):,} gone · {moved:,} changed tier"
    )
    return lines


def matrix_rows(cmp: Comparison) -> tuple[list[str], list[list[str]]]:
    """The from/to matrix of kept creators: headings, then one row per old tier."""
    tiers = cmp.tiers_seen()
    counts = cmp.matrix()
    headings = ["before \\ after", *(_tier(t) for t in tiers)]
    rows = []
    for a in tiers:
        if any(counts[(a, b)] for b in tiers):
            rows.append([_tier(a), *(str(counts[(a, b)] or "·") for b in tiers)])
    return headings, rows


HEADINGS = {
    "growth": ["handle", "platform", "before", "after", "growth", "tier"],
    "engagement": ["handle", "platform", "tier", "eng. before", "eng. after", "change"],
    "presence": ["handle", "platform", "followers", "tier", "eng."],
}
_LEFT = {"handle", "platform", "tier"}


def _tier_move(c: Change) -> str:
    if c.status == "kept" and c.tier_moved:
        return f"{_tier(c.old_tier)}→{_tier(c.new_tier)}"
    return _tier(c.new_tier if c.status != "gone" else c.old_tier)


def cells(kind: str, c: Change) -> list[str]:
    """One creator's row in a list of the given kind."""
    head = [c.handle, c.platform or ""]
    if kind == "growth":
        return [*head, _count(c.old_followers), _count(c.new_followers), _growth(c.growth_pct),
                _tier_move(c)]  # fmt: skip
    if kind == "engagement":
        return [*head, _tier_move(c), _rate(c.old_engagement), _rate(c.new_engagement),
                _points(c.engagement_change)]  # fmt: skip
    gone = c.status == "gone"
    followers = c.old_followers if gone else c.new_followers
    rate = c.old_engagement if gone else c.new_engagement
    return [*head, _count(followers), _tier_move(c), _rate(rate)]


def _growth(x: float | None) -> str:
    if x is None:
        return "—"
    return f"{x * 100:+.0f}%" if abs(x) >= 0.1 else f"{x * 100:+.1f}%"


def lists(view: CompareView) -> Iterator[tuple[str, str, list[Change], int]]:
    """The lists of a table: (title, kind, the first creators, how many there are in all)."""
    cmp, n = view.comparison, view.top
    gainers = [c for c in cmp.changes if (c.growth or 0) > 0 and c.growth_pct is not None]
    losers = [c for c in cmp.changes if (c.growth or 0) < 0 and c.growth_pct is not None]
    moved = [c for c in cmp.changes if c.tier_moved]
    moved.sort(key=lambda c: (-(c.new_followers or 0), c.handle))
    engaged = [c for c in cmp.changes if c.engagement_change]
    new = [c for c in cmp.changes if c.status == "new"]
    gone = [c for c in cmp.changes if c.status == "gone"]
    yield "biggest follower gains", "growth", cmp.movers(n, gainers=True), len(gainers)
    yield "biggest follower losses", "growth", cmp.movers(n, gainers=False), len(losers)
    yield "tier changes (most followers first)", "growth", moved[:n], len(moved)
    yield "biggest engagement changes", "engagement", cmp.engagement_movers(n), len(engaged)
    yield "new creators (most followers first)", "presence", new[:n], len(new)
    yield "gone creators (most followers first)", "presence", gone[:n], len(gone)


def _more(shown: int, total: int) -> str | None:
    if total > shown:
        return f"… {total - shown:,} more (--top N shows more; --format csv lists every creator)"
    return None


@register("compare", "table")
def render_table(view: CompareView, out: TextIO) -> None:
    """Headline, the tier matrix and the lists of movers."""
    from rich import box
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    cmp = view.comparison
    console = Console(file=out, highlight=False)
    for line in headline(cmp):
        console.print(line, soft_wrap=True, markup=False)
    headings, rows = matrix_rows(cmp)
    if rows:
        table = Table(box=box.SIMPLE_HEAD, pad_edge=False, title="tier moves", title_justify="left")
        for i, h in enumerate(headings):
            table.add_column(h, justify="left" if i == 0 else "right")
        for row in rows:
            table.add_row(*map(Text, row))
        console.print()
        console.print(table)
    for title, kind, shown, total in lists(view):
        if not shown:
            continue
        table = Table(box=box.SIMPLE_HEAD, pad_edge=False, title=title, title_justify="left")
        for h in HEADINGS[kind]:
            table.add_column(
                h, justify="left" if h in _LEFT else "right", overflow="fold",
                no_wrap=h != "handle",
            )  # fmt: skip
        for c in shown:
            table.add_row(*(Text(x) for x in cells(kind, c)))
        console.print()
        console.print(table)
        more = _more(len(shown), total)
        if more:
            console.print(more, soft_wrap=True, markup=False)


@register("compare", "markdown")
def render_markdown(view: CompareView, out: TextIO) -> None:
    """The same as the table, as pipe tables."""

    def esc(text: str) -> str:
        return text.replace("|", "\\|").replace("\n", " ")

    def row(cells: list[str]) -> str:
        return "| " + " | ".join(esc(c) for c in cells) + " |\n"

    cmp = view.comparison
    out.write("\n\n".join(esc(line) for line in headline(cmp)) + "\n")
    headings, rows = matrix_rows(cmp)
    if rows:
        out.write("\n### Tier moves\n\n" + row(headings))
        out.write("|---|" + "---:|" * (len(headings) - 1) + "\n")
        out.write("".join(row(r) for r in rows))
    for title, kind, shown, total in lists(view):
        if not shown:
            continue
        heads = HEADINGS[kind]
        out.write(f"\n### {title.capitalize()}\n\n" + row(heads))
        out.write("|" + "".join("---|" if h in _LEFT else "---:|" for h in heads) + "\n")
        out.write("".join(row(cells(kind, c)) for c in shown))
        more = _more(len(shown), total)
        if more:
            out.write(f"\n{more}\n")


def as_dict(view: CompareView) -> dict[str, Any]:
    """The whole comparison, JSON-ready."""
    cmp = view.comparison

    def side(s: Any) -> dict[str, Any]:
        return {
            "source": s.source, "read": s.read, "rejected": s.rejected,
            "duplicates": s.duplicates, "creators": len(s.creators),
        }  # fmt: skip

    def keys(changes: list[Change]) -> list[dict[str, Any]]:
        return [{"handle": c.handle, "platform": c.platform} for c in changes]

    return {
        "old": side(cmp.old),
        "new": side(cmp.new),
        "tiers_file": cmp.tiers_origin,
        "kept": cmp.count("kept"),
        "added": cmp.count("new"),
        "gone": cmp.count("gone"),
        "tier_moves": [
            {"from": a, "to": b, "creators": n}
            for (a, b), n in sorted(cmp.matrix().items(), key=lambda kv: (-kv[1], str(kv[0])))
        ],
        "biggest_gains": keys(cmp.movers(view.top, gainers=True)),
        "biggest_losses": keys(cmp.movers(view.top, gainers=False)),
        "biggest_engagement_changes": keys(cmp.engagement_movers(view.top)),
        "creators": [c.as_dict() for c in cmp.changes],
    }


@register("compare", "json")
def render_json(view: CompareView, out: TextIO) -> None:
    """One JSON object: counts, the matrix, the movers' keys and every creator."""
    out.write(json.dumps(as_dict(view), indent=2, ensure_ascii=False) + "\n")


@register("compare", "jsonl")
def render_jsonl(view: CompareView, out: TextIO) -> None:
    """One object per creator."""
    for c in view.comparison.changes:
        out.write(json.dumps(c.as_dict(), ensure_ascii=False) + "\n")


@register("compare", "csv")
def render_csv(view: CompareView, out: TextIO) -> None:
    """A header and one row per creator."""
    from microinf.jobs.compare import CHANGE_FIELDS
    from microinf.render.creators import csv_cell

    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CHANGE_FIELDS)
    for c in view.comparison.changes:
        row = c.as_dict()
        writer.writerow([csv_cell(row[f]) for f in CHANGE_FIELDS])


auto("compare", terminal="table", pipe="json")
