"""`microinf classify`: options -> the core's classify -> a renderer."""

from __future__ import annotations

import sys
from enum import StrEnum
from typing import Annotated

import typer

from microinf.cli.common import errors_to_exit_codes, format_option, warn
from microinf.cli.output import emit, rejects_writer, report, split_map
from microinf.read.sources import DEFAULT_MAX_BYTES, READ_TIMEOUT


class InputFormat(StrEnum):
    csv = "csv"
    tsv = "tsv"
    json = "json"
    jsonl = "jsonl"
    yaml = "yaml"


class Engine(StrEnum):
    python = "python"
    duckdb = "duckdb"


class OnError(StrEnum):
    fail = "fail"
    skip = "skip"


def _split_fields(text: str | None) -> list[str] | None:
    if text is None:
        return None
    fields = [f.strip() for f in text.split(",") if f.strip()]
    if not fields:
        raise typer.BadParameter("give at least one field name", param_hint="--fields")
    return fields


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
    column_map: Annotated[
        list[str] | None,
        typer.Option(
            "--map",
            metavar="FIELD=COLUMN",
            help="Read FIELD from COLUMN (a dotted path in nested JSON/YAML); repeatable.",
            rich_help_panel="Input",
        ),
    ] = None,
    show_columns: Annotated[
        bool,
        typer.Option(
            "--show-columns",
            help="Print the column mapping of each source and stop.",
            rich_help_panel="Input",
        ),
    ] = False,
    platform_default: Annotated[
        str | None,
        typer.Option(
            metavar="NAME", help="Platform of rows that name none.", rich_help_panel="Input"
        ),
    ] = None,
    input_format: Annotated[
        InputFormat | None,
        typer.Option(
            help="Force the input format (default: from the extension or content).",
            rich_help_panel="Input",
        ),
    ] = None,
    delimiter: Annotated[
        str | None,
        typer.Option(
            metavar="CHAR",
            help="CSV delimiter (default: sniffed among , ; TAB |).",
            rich_help_panel="Input",
        ),
    ] = None,
    records: Annotated[
        str | None,
        typer.Option(
            metavar="PATH",
            help="Where the records sit in a JSON/YAML document (a.b).",
            rich_help_panel="Input",
        ),
    ] = None,
    max_bytes: Annotated[
        int,
        typer.Option(
            min=1,
            metavar="N",
            help="Largest download from a URL, in bytes.",
            rich_help_panel="Input",
        ),
    ] = DEFAULT_MAX_BYTES,
    timeout: Annotated[
        float,
        typer.Option(
            min=0.01,
            metavar="SECONDS",
            help="Give up on a URL that sends nothing for this long.",
            rich_help_panel="Input",
        ),
    ] = READ_TIMEOUT,
    on_error: Annotated[
        OnError,
        typer.Option(
            help="fail: stop at the first bad row (exit 1); skip: report and go on.",
            rich_help_panel="Bad rows",
        ),
    ] = OnError.fail,
    rejects: Annotated[
        str | None,
        typer.Option(
            metavar="FILE",
            help="Write rejected rows to FILE (.csv or .jsonl).",
            rich_help_panel="Bad rows",
        ),
    ] = None,
    keep_duplicates: Annotated[
        bool,
        typer.Option(
            "--keep-duplicates",
            help="Keep rows with the same platform and handle.",
            rich_help_panel="Bad rows",
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
    mapping = split_map(column_map or [])
    if delimiter is not None:
        delimiter = {"\\t": "\t", "tab": "\t", "TAB": "\t"}.get(delimiter, delimiter)
        if len(delimiter) != 1:
            raise typer.BadParameter("give one character", param_hint="--delimiter")
    with errors_to_exit_codes():
        from microinf.jobs.classify import Query, ReadOptions
        from microinf.jobs.classify import classify as run
        from microinf.tiers.load import load_tiers, resolve_tiers_path

        writer = rejects_writer(rejects)
        options = ReadOptions(
            input_format=input_format.value if input_format else None,
            delimiter=delimiter,
            records=records,
            columns=mapping,
            platform_default=platform_default,
            on_error=on_error.value,
            rejects=writer.write if writer else None,
            keep_duplicates=keep_duplicates,
            max_bytes=max_bytes,
            timeout=timeout,
        )
        bar = None
        if sys.stderr.isatty():
            from microinf.render.progress import ProgressBar

            bar = ProgressBar()
            options.progress = bar
        if show_columns:
            from microinf.jobs.show_columns import describe, survey

            sys.stdout.write(describe(survey(sources, options)))
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
        if engine is Engine.duckdb:
            from microinf.jobs.engine import classify_duckdb as run
        try:
            result = run(sources, query, loaded, options, warn=warn)
        finally:
            if bar:
                bar.close()
            if writer:
                writer.close()
        report(result, stats)
        emit(result, output_format, wanted, explain)
