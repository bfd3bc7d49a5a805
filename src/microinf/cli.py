"""The command line: parse options, call the core, pick a renderer, map errors to exit codes."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
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


def say(prefix: str, message: str) -> None:
    print(f"{prefix}: {message}" if prefix else message, file=sys.stderr)


def warn(message: str) -> None:
    """A warning on stderr."""
    say("warning", message)


def fail(lines: list[str], hint: str | None, code: int) -> NoReturn:
    """Print an error (one line per problem) and exit with its code."""
    for line in lines:
        say("error", line)
    if hint:
        say("hint", hint)
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


def main() -> None:
    """The console script."""
    app()


# the commands register themselves on `app`
from . import cli_classify, cli_explain, cli_tiers  # noqa: E402, F401
