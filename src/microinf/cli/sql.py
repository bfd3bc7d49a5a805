"""`microinf sql`: the rules of classify as one SQL query for a table of creators."""

from __future__ import annotations

import sys
from enum import StrEnum
from typing import Annotated

import typer

from microinf.cli.common import errors_to_exit_codes, fail, warn
from microinf.cli.filters import FilterArgs, filter_options
from microinf.errors import ExitCode


class Dialect(StrEnum):
    duckdb = "duckdb"
    sqlite = "sqlite"
    postgres = "postgres"
    spark = "spark"
    bigquery = "bigquery"
    snowflake = "snowflake"


def _columns(items: list[str]) -> dict[str, str | None]:
    from microinf.sql.compile import FIELDS

    out: dict[str, str | None] = {}
    for item in items:
        name, sep, column = item.partition("=")
        name = name.strip()
        if not sep or name not in FIELDS:
            raise typer.BadParameter(
                f"{item!r}: write FIELD=COLUMN (or FIELD= when the table has none) with a field "
                f"among {', '.join(FIELDS)}",
                param_hint="--map",
            )
        out[name] = column.strip() or None
    return out


def _columns_of(source: str, mapped: dict[str, str | None]) -> dict[str, str | None]:
    """Every field's column as classify maps the source's header; None where it has none."""
    from microinf.errors import UsageError
    from microinf.jobs.show_columns import survey
    from microinf.read.options import ReadOptions
    from microinf.sql.compile import FIELDS

    given = {f: c for f, c in mapped.items() if c is not None}
    found = survey([source], ReadOptions(columns=given))[0]
    for line in found.warnings:
        warn(f"{found.source}: {line}")
    others = found.plan.columns.secondary.get("niche")
    if others and "niche" not in mapped:  # classify reads them all; a query reads one
        raise UsageError(
            f'{found.source}: several category columns ("{found.plan.columns.fields["niche"]}", '
            + ", ".join(f'"{c}"' for c in others)
            + "); the query reads one",
            hint="choose it with --map niche=COLUMN",
        )
    return {f: found.plan.columns.fields.get(f) for f in FIELDS}


@filter_options
def sql(
    filters: FilterArgs,
    dialect: Annotated[
        Dialect, typer.Option("--dialect", "-d", help="The SQL dialect to write.")
    ] = Dialect.duckdb,
    table: Annotated[
        str, typer.Option(metavar="NAME", help="The table (or view) of creators.")
    ] = "creators",
    column_map: Annotated[
        list[str] | None,
        typer.Option(
            "--map",
            metavar="FIELD=COLUMN",
            help="Read FIELD from COLUMN; FIELD= when the table has no such column (repeatable).",
        ),
    ] = None,
    columns_from: Annotated[
        str | None,
        typer.Option(
            "--columns-from",
            metavar="SOURCE",
            help="Name the table's columns as classify reads this file's header (one with the "
            "table's columns); fields it lacks read as NULL. --map still wins.",
        ),
    ] = None,
    platform_default: Annotated[
        str | None, typer.Option(metavar="NAME", help="Platform of rows that name none.")
    ] = None,
) -> None:
    """Print one SQL query that classifies, scores and ranks the creators of a table.

    Example: microinf sql --dialect postgres --table creators --niche fitness --top 50
    """
    columns = _columns(column_map or [])
    if filters.peers:
        fail(
            ["--peers is not compiled to SQL: it needs the medians of the whole input before "
             "the first score"],
            "leave it out, or use classify (the default engine) for --peers",
            ExitCode.USAGE,
        )  # fmt: skip
    with errors_to_exit_codes():
        from microinf.sql import require

        require("sqlglot", "sql", "microinf sql")
        from microinf.jobs.engine import spec_of
        from microinf.sql.compile import compile_sql
        from microinf.tiers.load import load_tiers, resolve_tiers_path

        loaded = load_tiers(resolve_tiers_path(filters.tiers))
        if columns_from is not None:
            columns = {**_columns_of(columns_from, columns), **columns}
        spec = spec_of(filters.query(), table, columns, platform_default)
        text = compile_sql(spec, loaded, dialect.value)
        if dialect is Dialect.sqlite:
            warn(
                "sqlite: platforms are put in lower case by SQLite's lower(), which changes "
                "ASCII letters only"
            )
        sys.stdout.write(text)
