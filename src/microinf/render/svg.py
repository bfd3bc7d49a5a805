"""Charts as inline SVG: horizontal bars for counts, ranges for quartiles. No script, no fonts."""

from __future__ import annotations

import html
import math
import re
from collections.abc import Callable, Sequence

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
COLOURS = ("#2f6fdf", "#4f8ae8", "#6fa2ee", "#8fbaf3", "#afd0f7", "#c9dff9")


def inert(text: object) -> str:
    """Text from data made safe for HTML: markup escaped, control characters replaced."""
    return html.escape(_CONTROL.sub("\ufffd", str(text)), quote=True)


def bars(rows: Sequence[tuple[str, int]], title: str, width: int = 440) -> str:
    """A horizontal bar chart of (label, count) rows, with the count at each bar's end."""
    row_h, label_w, pad = 24, 160, 48
    height = row_h * len(rows) + 8
    most = max((n for _, n in rows), default=0) or 1
    span = width - label_w - pad
    parts = [
        f'<svg viewBox="0 0 {width} {height}" role="img" aria-label="{inert(title)}"'
        ' xmlns="http://www.w3.org/2000/svg">'
    ]
    for i, (label, n) in enumerate(rows):
        y = i * row_h + 4
        w = max(1.0, n / most * span) if n else 0.0
        colour = COLOURS[0] if not label.startswith("(") else "#b8bfcc"
        short = label if len(label) <= 22 else label[:21] + "…"
        parts.append(
            f'<text x="{label_w - 8}" y="{y + 16}" text-anchor="end">{inert(short)}</text>'
            f'<rect x="{label_w}" y="{y + 3}" width="{w:.1f}" height="{row_h - 8}" rx="3"'
            f' fill="{colour}"><title>{inert(label)}: {n:,}</title></rect>'
            f'<text x="{label_w + w + 6:.1f}" y="{y + 16}" class="axis">{n:,}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def ranges(
    rows: Sequence[tuple[str, dict[str, float | None]]],
    title: str,
    fmt: Callable[[float], str],
    log: bool = False,
    width: int = 440,
) -> str:
    """One line per row from min to max, a box from q1 to q3 and a tick at the median.

    On a linear axis the axis ends a little after the largest q3 (longer lines stop there); on
    a log axis (`log`, for follower counts) it spans whole powers of ten from min to max.
    """
    found = [(label, five) for label, five in rows if five.get("median") is not None]
    if not found:
        return (
            f'<svg viewBox="0 0 {width} 30" role="img" aria-label="{inert(title)}"'
            ' xmlns="http://www.w3.org/2000/svg"><text x="0" y="20" class="axis">'
            "no values in the list</text></svg>"
        )
    row_h, label_w, pad = 30, 160, 20
    height = row_h * len(found) + 26
    span = width - label_w - pad
    if log:
        lows = [five["min"] or 1.0 for _, five in found] or [1.0]
        highs = [five["max"] or 1.0 for _, five in found] or [10.0]
        first = math.floor(math.log10(max(min(lows), 1.0)))
        last = max(math.ceil(math.log10(max(max(highs), 1.0))), first + 1)
        ticks = [10.0**p for p in range(first, last + 1)]

        def x(value: float | None) -> float:
            p = math.log10(max(value or 1.0, 1.0))
            return label_w + (min(max(p, first), last) - first) / (last - first) * span

    else:
        top = max((five["q3"] or 0 for _, five in found), default=0.0) * 1.15 or 1.0
        ticks = [top * i / 4 for i in range(5)]

        def x(value: float | None) -> float:
            return label_w + min(value or 0.0, top) / top * span

    parts = [
        f'<svg viewBox="0 0 {width} {height}" role="img" aria-label="{inert(title)}"'
        ' xmlns="http://www.w3.org/2000/svg">'
    ]
    for i, (label, five) in enumerate(found):
        y = i * row_h + 6
        mid = y + row_h / 2 - 3
        lo, q1, med, q3 = (x(five[k]) for k in ("min", "q1", "median", "q3"))
        hi = x(five["max"])
        tip = ", ".join(f"{k} {fmt(v)}" for k, v in five.items() if v is not None)
        parts.append(
            f'<text x="{label_w - 8}" y="{mid + 4}" text-anchor="end">{inert(label)}</text>'
            f'<line x1="{lo:.1f}" x2="{hi:.1f}" y1="{mid}" y2="{mid}" stroke="#9aa3b2"/>'
            f'<rect x="{q1:.1f}" y="{mid - 8}" width="{max(q3 - q1, 1):.1f}" height="16" rx="3"'
            f' fill="#afd0f7" stroke="#2f6fdf"><title>{inert(label)}: {inert(tip)}</title></rect>'
            f'<line x1="{med:.1f}" x2="{med:.1f}" y1="{mid - 8}" y2="{mid + 8}" stroke="#1d2330"'
            ' stroke-width="2"/>'
        )
    axis_y = height - 6
    for value in ticks:
        parts.append(
            f'<text x="{x(value):.1f}" y="{axis_y}" text-anchor="middle"'
            f' class="axis">{inert(fmt(value))}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)
