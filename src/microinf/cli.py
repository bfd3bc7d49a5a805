"""The command line: parse options, call the core, pick a renderer, map errors to exit codes."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from typing import Annotated, NoReturn

import typer

from . import __version__

app = typer.Typer(
    name="microinf",
    help="Classify and rank creator lists into follower tiers.\n\n"
    "Example: microinf classify creators.csv --niche fitness --top 20",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


class OutputFormat(StrEnum):
    auto = "auto"
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    markdown = "markdown"


def _say(prefix: str, message: str) -> None:
    print(f"{prefix}: {message}" if prefix else message, file=sys.stderr)


def warn(message: str) -> None:
    """A warning on stderr."""
    _say("warning", message)


def fail(lines: list[str], hint: str | None, code: int) -> NoReturn:
    """Print an error (one line per problem) and exit with its code."""
    for line in lines:
        _say("error", line)
    if hint:
        _say("hint", hint)
    raise typer.Exit(code)


@contextmanager
def errors_to_exit_codes() -> Iterator[None]:
    """MicroinfError -> its message and exit code; a closed stdout -> a quiet exit."""
    from .errors import MicroinfError

    try:
        yield
    except MicroinfError as exc:
        fail(exc.lines(), exc.hint, int(exc.exit_code))
    except BrokenPipeError:
        # the reader went away (| head): stop quietly, and keep Python from complaining at exit
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        raise typer.Exit(0) from None


def _version(value: bool) -> None:
    if value:
        print(f"microinf {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """Classify and rank creator lists into follower tiers.

    Example: microinf classify creators.csv --niche fitness --top 20
    """


def _split_fields(text: str | None) -> list[str] | None:
    if text is None:
        return None
    fields = [f.strip() for f in text.split(",") if f.strip()]
    if not fields:
        raise typer.BadParameter("give at least one field name", param_hint="--fields")
    return fields


@app.command()
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
    top: Annotated[
        int | None, typer.Option(min=1, metavar="N", help="Keep the best N after filtering.")
    ] = None,
    output_format: Annotated[
        OutputFormat,
        typer.Option("--format", help="auto: a table on a terminal, JSON otherwise."),
    ] = OutputFormat.auto,
    fields: Annotated[
        str | None,
        typer.Option(
            metavar="A,B,C", help="Output fields, comma-separated (e.g. handle,tier,score)."
        ),
    ] = None,
) -> None:
    """Classify creators into tiers, rank them and print the list.

    Example: microinf classify creators.csv --niche fitness --tier micro --top 20
    """
    wanted = _split_fields(fields)
    with errors_to_exit_codes():
        from .config import load_tiers, resolve_tiers_path
        from .pipeline import Query
        from .pipeline import classify as run

        loaded = load_tiers(resolve_tiers_path(tiers))
        query = Query(
            niches=niche or [],
            tiers=tier or [],
            platforms=platform or [],
            min_followers=min_followers,
            max_followers=max_followers,
            top=top,
        )
        result = run(sources, query, loaded, warn=warn)
        fmt = output_format.value
        if fmt == "auto":
            fmt = "table" if sys.stdout.isatty() else "json"
        _emit(result, fmt, wanted)


def _emit(result: object, fmt: str, wanted: list[str] | None) -> None:
    from .models import LOCATION_FIELDS, OUTPUT_FIELDS
    from .pipeline import Result
    from .render import RENDERERS, Meta, default_fields

    assert isinstance(result, Result)
    passthrough = list(result.columns)
    fields = wanted or default_fields(fmt, passthrough)
    known = {*OUTPUT_FIELDS, *LOCATION_FIELDS, *passthrough}
    unknown = [f for f in fields if f not in known]
    if unknown:
        fail(
            [f"--fields: unknown field {unknown[0]!r}"],
            "fields: " + ", ".join([*OUTPUT_FIELDS, *LOCATION_FIELDS, *passthrough]),
            2,
        )
    stats = result.stats
    meta = Meta(
        tiers=result.tiers.origin,
        read=stats.read,
        shown=stats.shown,
        filtered=stats.filtered,
        beyond_top=stats.beyond_top,
        rejected=stats.rejected,
        duplicates=stats.duplicates,
    )
    render: Callable[..., None] = RENDERERS[fmt]
    render(result.creators, fields, sys.stdout, meta)
    sys.stdout.flush()


def main() -> None:
    """The console script."""
    app()
