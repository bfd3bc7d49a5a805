"""`microinf niches`: the niche dictionary, or the input's categories and the niches they reach."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from microinf.cli.common import errors_to_exit_codes, format_option
from microinf.cli.output import split_map


def niches(
    sources: Annotated[
        list[str] | None,
        typer.Argument(help="Creator lists whose categories to check.", metavar="SOURCE"),
    ] = None,
    tiers: Annotated[
        str | None, typer.Option("--tiers", metavar="FILE", help="Config (default as classify).")
    ] = None,
    column_map: Annotated[
        list[str] | None,
        typer.Option("--map", metavar="FIELD=COLUMN", help="As in classify."),
    ] = None,
    output_format: Annotated[str, format_option("niches", with_auto=False)] = "text",
) -> None:
    """List the niches and their keywords; with sources, the categories that reach no niche.

    Example: microinf niches creators.csv
    """
    with errors_to_exit_codes():
        from microinf.jobs.niches import niche_report
        from microinf.read.options import ReadOptions
        from microinf.render.registry import render
        from microinf.tiers.load import load_tiers, resolve_tiers_path

        options = ReadOptions(columns=split_map(column_map or []))
        report = niche_report(sources or [], load_tiers(resolve_tiers_path(tiers)), options)
        render("niches", output_format, report, sys.stdout)
