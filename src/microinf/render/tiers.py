"""The tiers of a config, and the diff of two configs: tables for people, JSON for scripts."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, TextIO

from microinf.numbers import human
from microinf.render.registry import auto, register
from microinf.render.safe import inert, one_line

if TYPE_CHECKING:
    from microinf.jobs.impact import Impact
    from microinf.tiers.schema import TierSpec


def span(tier: TierSpec) -> str:
    """A tier's range as people write it: 10K \u2013 50K, 1M+."""
    if tier.max is None:
        return f"{human(tier.min)}+"
    return f"{human(tier.min)} \u2013 {human(tier.max)}"


def render_tiers(tiers: Sequence[TierSpec], where: str, out: TextIO) -> None:
    """Name, range and label of each tier."""
    from rich import box
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column("tier")
    table.add_column("followers", justify="right")
    table.add_column("label")
    for tier in tiers:
        table.add_row(tier.name, span(tier), Text(inert(tier.label or "")))
    console = Console(file=out)
    console.print(table)
    console.print(one_line(f"tiers: {where}"), highlight=False, soft_wrap=True, markup=False)


def _name(tier: str | None) -> str:
    return tier if tier is not None else "(none)"


def render_diff(
    old: str, new: str, changes: Sequence[str], moved: Impact | None, out: TextIO
) -> None:
    """The changes, then the from → to matrix and the movers."""
    from rich import box
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    console = Console(file=out)
    console.print(one_line(f"{old} → {new}"), highlight=False, soft_wrap=True, markup=False)
    for change in changes or ["no change to the tiers"]:
        console.print(one_line(f"  {change}"), highlight=False, soft_wrap=True, markup=False)
    if moved is None:
        return
    changed = sum(n for (a, b), n in moved.matrix.items() if a != b)
    console.print(
        f"\n{changed} of {moved.creators} creators change tier", highlight=False, soft_wrap=True
    )
    if changed:
        matrix = Table(box=box.SIMPLE_HEAD, pad_edge=False, title="from → to")
        for column in ("from", "to", "creators"):
            matrix.add_column(column, justify="right" if column == "creators" else "left")
        for (a, b), n in sorted(moved.matrix.items(), key=lambda kv: -kv[1]):
            if a != b:
                matrix.add_row(_name(a), _name(b), str(n))
        console.print(matrix)
        movers = Table(box=box.SIMPLE_HEAD, pad_edge=False, title="movers")
        for column in ("handle", "platform", "followers", "from", "to"):
            movers.add_column(column, justify="right" if column == "followers" else "left")
        for m in moved.movers:
            movers.add_row(
                Text(one_line(m.handle)),
                Text(one_line(m.platform or "")),
                human(m.followers),
                _name(m.old),
                _name(m.new),
            )
        console.print(movers)


@dataclass
class TierList:
    """The tiers in effect and where they come from."""

    tiers: Sequence[TierSpec]
    where: str


@dataclass
class ConfigDiff:
    """Two configs compared, and the creators that move when a list was given."""

    old: str
    new: str
    changes: Sequence[str]
    moved: Impact | None


def _dump(value: object, out: TextIO) -> None:
    out.write(json.dumps(value, indent=2, ensure_ascii=False) + "\n")


@register("tiers", "table")
def _tiers_table(view: TierList, out: TextIO) -> None:
    render_tiers(view.tiers, view.where, out)


@register("tiers", "json")
def _tiers_json(view: TierList, out: TextIO) -> None:
    _dump([t.model_dump(exclude_none=True) for t in view.tiers], out)


@register("diff", "table")
def _diff_table(view: ConfigDiff, out: TextIO) -> None:
    render_diff(view.old, view.new, view.changes, view.moved, out)


@register("diff", "json")
def _diff_json(view: ConfigDiff, out: TextIO) -> None:
    data: dict[str, object] = {"changes": list(view.changes)}
    moved = view.moved
    if moved is not None:
        data["creators"] = moved.creators
        data["matrix"] = [
            {"from": a, "to": b, "count": n}
            for (a, b), n in sorted(
                moved.matrix.items(), key=lambda kv: (str(kv[0][0]), str(kv[0][1]))
            )
        ]
        data["movers"] = [vars(m) for m in moved.movers]
    _dump(data, out)


auto("tiers", terminal="table", pipe="json")
auto("diff", terminal="table", pipe="json")
