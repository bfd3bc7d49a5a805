"""A creator explained: plain lines for people, JSON for scripts."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, TextIO

from microinf.numbers import human
from microinf.render.registry import register
from microinf.render.safe import one_line

if TYPE_CHECKING:
    from microinf.jobs.explain import Explanation


def explanation_text(e: Explanation) -> str:
    """One creator explained in plain lines."""
    c, parts = e.creator, e.creator.parts or {}
    where = f"{c.source}:{c.line}"
    lines = [
        f"{c.handle} ({c.platform or 'no platform'}) · {human(c.followers)} followers · {where}"
    ]
    lines.append(f"  tier: {c.tier or 'none'}: {e.tier_reason}")
    rate = (
        "none"
        if c.engagement_rate is None
        else f"{c.engagement_rate * 100:.2f}% ({c.engagement_method})"
    )
    low, high = parts["plausible"]
    lines.append(f"  engagement: {rate}; typical for its tier {parts['benchmark_rate'] * 100:.2f}%")
    if parts["band"] == "none":
        lines.append("  plausible range: none published for this rate (no rate signals)")
    else:
        lines.append(
            f"  plausible range: {low * 100:.2f}% to {high * 100:.2f}% ({parts['band']} band)"
        )
    lines.append(
        f"  engagement quality: {parts['engagement_quality']:.3f} = rate / (rate + typical)"
        + (" (rate capped at the range's top)" if _capped(c.engagement_rate, parts) else "")
    )
    if parts.get("relevance") is not None:
        lines.append(f"  niche relevance: {parts['relevance']:.2f}")
    level = parts.get("severity") or "flag"
    for name, reason in parts.get("flags", {}).items():
        lines.append(f"  {level} {name}: {reason}")
    cost = f" (x{parts['flag_factor']:g} for the signals)" if c.flags or c.review else ""
    lines.append(f"  score: {c.score:.4f}{cost}")
    if e.rank is not None:
        lines.append(f"  rank: {e.rank} of {e.shown}")
    else:
        lines.append("  rank: not shown")
        lines += [f"  left out by {reason}" for reason in e.excluded_by]
    return "\n".join(one_line(line) for line in lines) + "\n"


def _capped(rate: float | None, parts: dict[str, object]) -> bool:
    top = parts["plausible"]
    return rate is not None and parts["band"] != "none" and isinstance(top, list) and rate > top[1]


@register("explanation", "text")
def _text(found: Sequence[Explanation], out: TextIO) -> None:
    for e in found:
        out.write(explanation_text(e))


@register("explanation", "json")
def _json(found: Sequence[Explanation], out: TextIO) -> None:
    out.write(json.dumps([e.as_dict() for e in found], indent=2, ensure_ascii=False) + "\n")
