"""`microinf summary`: what a list holds, per tier, platform, niche and flag."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from microinf.cli import filters as f
from microinf.cli.common import errors_to_exit_codes, format_option, say, warn
from microinf.cli.inputs import Inputs, with_inputs


@with_inputs
def summary(
    sources: Annotated[
        list[str], typer.Argument(help="Creator lists: paths, - for stdin, URLs.", metavar="SOURCE")
    ],
    tiers: f.Tiers = None,
    niche: f.Niche = None,
    tier: f.Tier = None,
    platform: f.Platform = None,
    min_followers: f.MinFollowers = None,
    max_followers: f.MaxFollowers = None,
    min_relevance: f.MinRelevance = None,
    exclude_flagged: f.ExcludeFlagged = False,
    output_format: Annotated[str, format_option("summary")] = "auto",
    *,
    inputs: Inputs,
) -> None:
    """Count creators per tier, platform, niche and flag, with follower and engagement quartiles.

    Example: microinf summary creators.csv --format markdown
    """
    with errors_to_exit_codes(), inputs.read_options() as options:
        from microinf.jobs.summary import summary as run
        from microinf.render.registry import render
        from microinf.tiers.load import load_tiers, resolve_tiers_path

        if inputs.shown_columns(sources, options):
            return
        query = f.query(
            niches=niche, tiers=tier, platforms=platform, min_followers=min_followers,
            max_followers=max_followers, min_relevance=min_relevance,
            exclude_flagged=exclude_flagged,
        )  # fmt: skip
        found = run(sources, query, load_tiers(resolve_tiers_path(tiers)), options, warn=warn)
        inputs.close()
        ledger = found.ledger
        if ledger.rejected:
            first = found.first_rejection
            say("", f"{ledger.rejected} of {ledger.read} rows rejected (first: {first})")
        if ledger.duplicates:
            say(
                "",
                f"{ledger.duplicates} duplicate rows merged (same platform and handle); "
                "--keep-duplicates keeps them",
            )
        render("summary", output_format, found, sys.stdout)
        sys.stdout.flush()
