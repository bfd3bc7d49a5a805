"""`microinf explain`: why a creator got its tier, its score and its place (or none)."""

from __future__ import annotations

import json
import sys
from typing import Annotated

import typer

from .cli import app, errors_to_exit_codes, fail


@app.command()
def explain(
    args: Annotated[
        list[str], typer.Argument(metavar="SOURCE... HANDLE", help="Creator lists, then a handle.")
    ],
    tiers: Annotated[
        str | None, typer.Option("--tiers", metavar="FILE", help="Tier rules file.")
    ] = None,
    niche: Annotated[list[str] | None, typer.Option(metavar="NAME", help="As in classify.")] = None,
    tier: Annotated[list[str] | None, typer.Option(metavar="NAME", help="As in classify.")] = None,
    platform: Annotated[
        list[str] | None, typer.Option(metavar="NAME", help="As in classify.")
    ] = None,
    min_followers: Annotated[int | None, typer.Option(min=0, metavar="N")] = None,
    max_followers: Annotated[int | None, typer.Option(min=0, metavar="N")] = None,
    min_relevance: Annotated[float | None, typer.Option(min=0, max=1, metavar="R")] = None,
    exclude_flagged: Annotated[bool, typer.Option("--exclude-flagged")] = False,
    top: Annotated[int | None, typer.Option(min=1, metavar="N")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="JSON instead of text.")] = False,
) -> None:
    """Explain one creator: its tier and why, each score part, each flag, its rank, its filters.

    Example: microinf explain creators.csv ana.fit --niche fitness --tier micro --top 20
    """
    if len(args) < 2:
        raise typer.BadParameter(
            "give at least one source and a handle", param_hint="SOURCE... HANDLE"
        )
    *sources, handle = args
    with errors_to_exit_codes():
        from .config import load_tiers, resolve_tiers_path
        from .explain import explain as run
        from .pipeline import Query

        query = Query(
            niches=niche or [], tiers=tier or [], platforms=platform or [],
            min_followers=min_followers, max_followers=max_followers, top=top,
            min_relevance=min_relevance, exclude_flagged=exclude_flagged,
        )  # fmt: skip
        found = run(sources, handle, query, load_tiers(resolve_tiers_path(tiers)))
        if not found:
            fail([f"no creator with the handle {handle!r} in {', '.join(sources)}"], None, 1)
        if as_json:
            sys.stdout.write(
                json.dumps([e.as_dict() for e in found], indent=2, ensure_ascii=False) + "\n"
            )
            return
        for e in found:
            sys.stdout.write(_text(e))


def _text(e: object) -> str:
    from .explain import Explanation
    from .numbers import human

    assert isinstance(e, Explanation)
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
    lines.append(f"  engagement: {rate}; typical for its tier {parts['benchmark_rate'] * 100:.2f}%")
    lines.append(
        f"  engagement quality: {parts['engagement_quality']:.3f} = rate / (rate + typical)"
    )
    if parts.get("relevance") is not None:
        lines.append(f"  niche relevance: {parts['relevance']:.2f}")
    for name, reason in parts.get("flags", {}).items():
        lines.append(f"  flag {name}: {reason}")
    lines.append(
        f"  score: {c.score:.4f}" + (f" (x{parts['flag_factor']:g} for flags)" if c.flags else "")
    )
    if e.rank is not None:
        lines.append(f"  rank: {e.rank} of {e.shown}")
    else:
        lines.append("  rank: not shown")
        lines += [f"  left out by {reason}" for reason in e.excluded_by]
    return "\n".join(lines) + "\n"
