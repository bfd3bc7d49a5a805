"""`microinf classify`: options -> the core's classify -> a renderer."""

from __future__ import annotations

import sys
from enum import StrEnum
from typing import Annotated

import typer

from microinf.cli.common import errors_to_exit_codes, format_option, warn
from microinf.cli.filters import FilterArgs, filter_options
from microinf.cli.inputs import Inputs, input_options
from microinf.cli.output import emit, report


class Engine(StrEnum):
    python = "python"
    duckdb = "duckdb"


def _split_fields(text: str | None) -> list[str] | None:
    if text is None:
        return None
    fields = [f.strip() for f in text.split(",") if f.strip()]
    if not fields:
        raise typer.BadParameter("give at least one field name", param_hint="--fields")
    return fields


@filter_options
@input_options
def classify(
    sources: Annotated[
        list[str],
        typer.Argument(help="Creator lists: paths, - for stdin, or URLs.", metavar="SOURCE"),
    ],
    filters: FilterArgs,
    inputs: Inputs,
    explain: Annotated[
        bool,
        typer.Option("--explain", help="Add each score's parts (JSON) or a breakdown (table)."),
    ] = False,
    budget: Annotated[
        float | None,
        typer.Option(
            min=0,
            metavar="AMOUNT",
            help="Choose the creators that bring the most expected engagements within this budget.",
        ),
    ] = None,
    max_per_tier: Annotated[
        int | None, typer.Option(min=1, metavar="N", help="With --budget, at most N per tier.")
    ] = None,
    output_format: Annotated[str, format_option("creators")] = "auto",
    fields: Annotated[
        str | None,
        typer.Option(
            metavar="A,B,C", help="Output fields, comma-separated (e.g. handle,tier,score)."
        ),
    ] = None,
    excel: Annotated[
        bool,
        typer.Option(
            "--excel",
            help="With --format csv: a byte-order mark and CRLF line ends, for Excel.",
        ),
    ] = False,
    stats: Annotated[
        bool,
        typer.Option(
            "--stats", help="Print the ledger of rows to stderr.", rich_help_panel="Bad rows"
        ),
    ] = False,
    engine: Annotated[
        Engine,
        typer.Option(
            help="python, or duckdb for large CSV/Parquet/JSON files (microinf[duckdb]).",
            rich_help_panel="Input",
        ),
    ] = Engine.python,
) -> None:
    """Classify creators into tiers, rank them and print the list.

    Example: microinf classify creators.csv --niche fitness --tier micro --top 20
    """
    wanted = _split_fields(fields)
    with errors_to_exit_codes():
        from microinf.jobs.classify import classify as run
        from microinf.tiers.load import load_tiers, resolve_tiers_path

        # the progress bar must be gone before the data is written (it holds the terminal)
        with inputs.read_options([*sources, resolve_tiers_path(filters.tiers)]) as options:
            if inputs.show(sources, options):
                return
            loaded = load_tiers(resolve_tiers_path(filters.tiers))
            query = filters.query(explain=explain, budget=budget, max_per_tier=max_per_tier)
            if engine is Engine.duckdb:
                from microinf.jobs.engine import classify_duckdb
                from microinf.render.creators import LEDGER_FORMATS
                from microinf.render.registry import resolve

                # counting every row costs a pass over the input: only for a ledger shown
                shown = resolve("creators", output_format, sys.stdout) in LEDGER_FORMATS
                result = classify_duckdb(
                    sources, query, loaded, options, warn=warn, count_all=stats or shown
                )
            else:
                result = run(sources, query, loaded, options, warn=warn)
        report(result, stats)
        emit(result, output_format, wanted, explain, excel)
