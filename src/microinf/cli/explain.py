"""`microinf explain`: why a creator got its tier, its score and its place (or none)."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from microinf.cli.common import errors_to_exit_codes, fail, format_option, warn
from microinf.cli.filters import FilterArgs, filter_options
from microinf.cli.inputs import Inputs, input_options
from microinf.errors import ExitCode


@filter_options
@input_options
def explain(
    args: Annotated[
        list[str], typer.Argument(metavar="SOURCE... HANDLE", help="Creator lists, then a handle.")
    ],
    filters: FilterArgs,
    inputs: Inputs,
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
        from microinf.jobs.explain import closest_handle
        from microinf.jobs.explain import explain as run
        from microinf.render.registry import render
        from microinf.tiers.load import load_tiers, resolve_tiers_path

        with inputs.read_options(sources) as options:
            if inputs.show(sources, options):
                return
            loaded = load_tiers(resolve_tiers_path(filters.tiers))
            found = run(sources, handle, filters.query(), loaded, options, warn=warn)
            close = None if found else closest_handle(sources, handle, options)
        if not found:
            fail(
                [f"no creator with the handle {handle!r} in {', '.join(sources)}"],
                f'did you mean "{close}"?' if close else None,
                ExitCode.DATA,
            )
        render("explanation", "json" if as_json else output_format, found, sys.stdout)
