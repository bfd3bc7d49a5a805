"""What every command shares: messages on stderr, errors mapped to exit codes."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, NoReturn

import typer

from microinf.errors import ExitCode, MicroinfError


def say(prefix: str, message: str) -> None:
    print(f"{prefix}: {message}" if prefix else message, file=sys.stderr)


def warn(message: str) -> None:
    """A warning on stderr."""
    say("warning", message)


def fail(lines: list[str], hint: str | None, code: ExitCode) -> NoReturn:
    """Print an error (one line per problem) and exit with its code."""
    for line in lines:
        say("error", line)
    if hint:
        say("hint", hint)
    raise typer.Exit(int(code))


@contextmanager
def errors_to_exit_codes() -> Iterator[None]:
    """MicroinfError -> its message and exit code; a closed stdout -> a quiet exit."""
    try:
        yield
    except MicroinfError as exc:
        fail(exc.lines(), exc.hint, exc.exit_code)
    except BrokenPipeError:
        # the reader went away (| head): stop quietly, and keep Python from complaining at exit
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        raise typer.Exit(int(ExitCode.OK)) from None


def format_option(what: str, with_auto: bool = True) -> Any:
    """A --format option whose choices are the render registry's formats of `what`."""
    from microinf.render.registry import formats

    choices = formats(what, with_auto)

    def parse(value: str) -> str:
        if value not in choices:
            raise typer.BadParameter(f"{value!r} is not one of {', '.join(choices)}")
        return value

    return typer.Option(
        "--format",
        "-f",
        parser=parse,
        metavar="[" + "|".join(choices) + "]",
        autocompletion=lambda: choices,
        help="Output format: " + ", ".join(choices) + ".",
    )
