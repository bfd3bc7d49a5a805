"""`microinf classify`: options -> the core's classify -> a renderer."""

from __future__ import annotations

from typing import Annotated

import typer

from microinf.cli.common import errors_to_exit_codes, format_option, warn
from microinf.cli.inputs import Inputs, with_inputs
from microinf.cli.output import emit, report


def _split_fields(text: str | None) -> list[str] | None:
    if text is None:
        return None
    fields = [f.strip() for f in text.split(",") if f.strip()]
    if not fields:
        raise typer.BadParameter("give at least one field name", param_hint="--fields")
    return fields


@with_inputs
def classify(
    sources: Annotated[
        list[str], typer.Argument(help="Creator lists: paths, or - for stdin.", metavar="SOURCE")
    ],
    tiers: Annotated[
        str | None,
        typer.Option(
            "--tiers",
            metavar="FILE",
            help="Tier rules file (default: $MICROINF_TIERS, ./tiers.yaml, then the built-in).",
        ),
    ] = None,
    niche: Annotated[
        list[str] | None,
        typer.Option(metavar="NAME", help="Keep creators of this niche (repeatable)."),
    ] = None,
    tier: Annotated[
        list[str] | None, typer.Option(metavar="NAME", help="Keep this tier (repeatable).")
    ] = None,
    platform: Annotated[
        list[str] | None, typer.Option(metavar="NAME", help="Keep this platform (repeatable).")
    ] = None,
    min_followers: Annotated[
        int | None,
        typer.Option(min=0, metavar="N", help="Keep creators with at least N followers."),
    ] = None,
    max_followers: Annotated[
        int | None, typer.Option(min=0, metavar="N", help="Keep creators with at most N followers.")
    ] = None,
    min_relevance: Annotated[
        float | None,
        typer.Option(
            min=0,
            max=1,
            metavar="R",
            help="With --niche, keep creators at least this relevant (default 0.25).",
        ),
    ] = None,
    exclude_flagged: Annotated[
        bool, typer.Option("--exclude-flagged", help="Leave out creators with authenticity flags.")
    ] = False,
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
    top: Annotated[
        int | None, typer.Option(min=1, metavar="N", help="Keep the best N after filtering.")
    ] = None,
    output_format: Annotated[str, format_option("creators")] = "auto",
    fields: Annotated[
        str | None,
        typer.Option(
            metavar="A,B,C", help="Output fields, comma-separated (e.g. handle,tier,score)."
        ),
    ] = None,
    stats: Annotated[
        bool,
        typer.Option(
            "--stats", help="Print the ledger of rows to stderr.", rich_help_panel="Bad rows"
        ),
    ] = False,
    *,
    inputs: Inputs,
) -> None:
    """Classify creators into tiers, rank them and print the list.

    Example: microinf classify creators.csv --niche fitness --tier micro --top 20
    """
    wanted = _split_fields(fields)
    with errors_to_exit_codes(), inputs.read_options() as options:
        from microinf.jobs.classify import Query
        from microinf.jobs.classify import classify as run
        from microinf.tiers.load import load_tiers, resolve_tiers_path

        if inputs.shown_columns(sources, options):
            return
        loaded = load_tiers(resolve_tiers_path(tiers))
        query = Query(
            niches=niche or [],
            tiers=tier or [],
            platforms=platform or [],
            min_followers=min_followers,
            max_followers=max_followers,
            top=top,
            min_relevance=min_relevance,
            exclude_flagged=exclude_flagged,
            explain=explain,
            budget=budget,
            max_per_tier=max_per_tier,
        )
        result = run(sources, query, loaded, options, warn=warn)
        inputs.close()
        report(result, stats)
        emit(result, output_format, wanted, explain)
