"""`microinf explain`: why a creator got its tier, its score and its place (or none)."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from microinf.cli.common import errors_to_exit_codes, fail, format_option


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
    peers: Annotated[bool, typer.Option("--peers", help="As in classify.")] = False,
    top: Annotated[int | None, typer.Option(min=1, metavar="N")] = None,
    output_format: Annotated[str, format_option("explanation", with_auto=False)] = "text",
    as_json: Annotated[bool, typer.Option("--json", hidden=True)] = False,
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
        from microinf.jobs.classify import Query
        from microinf.jobs.explain import explain as run
        from microinf.render.registry import render
        from microinf.tiers.load import load_tiers, resolve_tiers_path

        query = Query(
            niches=niche or [], tiers=tier or [], platforms=platform or [],
            min_followers=min_followers, max_followers=max_followers, top=top,
            min_relevance=min_relevance, exclude_flagged=exclude_flagged, peers=peers,
        )  # fmt: skip
        found = run(sources, handle, query, load_tiers(resolve_tiers_path(tiers)))
        if not found:
            fail([f"no creator with the handle {handle!r} in {', '.join(sources)}"], None, 1)
        render("explanation", "json" if as_json else output_format, found, sys.stdout)
