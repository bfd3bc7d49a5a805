"""`microinf summary`: what a list holds, per tier, platform, niche and flag."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from microinf.cli.common import errors_to_exit_codes, format_option, say, warn
from microinf.cli.filters import FilterArgs, filter_options
from microinf.cli.inputs import Inputs, input_options


@filter_options
@input_options
def summary(
    sources: Annotated[
        list[str], typer.Argument(help="Creator lists: paths, - for stdin, URLs.", metavar="SOURCE")
    ],
    filters: FilterArgs,
    inputs: Inputs,
    output_format: Annotated[str, format_option("summary")] = "auto",
) -> None:
    """Count creators per tier, platform, niche and flag, with follower and engagement quartiles.

    Example: microinf summary creators.csv --format markdown
    """
    with errors_to_exit_codes():
        from microinf.jobs.summary import summary as run
        from microinf.render.registry import render
        from microinf.tiers.load import load_tiers, resolve_tiers_path

        with inputs.read_options(sources) as options:
            if inputs.show(sources, options):
                return
            loaded = load_tiers(resolve_tiers_path(filters.tiers))
            found = run(sources, filters.query(), loaded, options, warn=warn)
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
