"""`microinf compare OLD NEW`: new and gone creators, tier moves, growth, engagement change."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from microinf.cli.common import errors_to_exit_codes, format_option, say, warn
from microinf.cli.filters import TiersFile
from microinf.cli.inputs import Inputs, input_options


@input_options
def compare(
    old: Annotated[str, typer.Argument(metavar="OLD", help="The earlier snapshot of the list.")],
    new: Annotated[str, typer.Argument(metavar="NEW", help="The later snapshot of the list.")],
    inputs: Inputs,
    tiers: TiersFile = None,
    top: Annotated[
        int, typer.Option(min=1, metavar="N", help="Creators in each list of the table.")
    ] = 10,
    output_format: Annotated[str, format_option("compare")] = "auto",
) -> None:
    """Compare two snapshots of a list: new and gone creators, tier moves, the biggest movers.

    Example: microinf compare creators-june.csv creators-july.csv --format table
    """
    if inputs.keep_duplicates:
        raise typer.BadParameter(
            "compare pairs creators by platform and handle, so it merges duplicates",
            param_hint="--keep-duplicates",
        )
    with errors_to_exit_codes():
        from microinf.jobs.compare import compare as run
        from microinf.render.compare import CompareView
        from microinf.render.registry import render
        from microinf.tiers.load import load_tiers, resolve_tiers_path

        with inputs.read_options([old, new]) as options:
            if inputs.show([old, new], options):
                return
            found = run(old, new, load_tiers(resolve_tiers_path(tiers)), options, warn=warn)
        for side in (found.old, found.new):
            if side.rejected:
                say(
                    "",
                    f"{side.source}: {side.rejected} of {side.read} rows rejected "
                    f"(first: {side.first_rejection})",
                )
            if side.duplicates:
                say("", f"{side.source}: {side.duplicates} duplicate rows merged")
        render("compare", output_format, CompareView(found, top), sys.stdout)
        sys.stdout.flush()
