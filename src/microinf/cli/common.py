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
    """A message on stderr; characters from the data that could drive a terminal are escaped."""
    from microinf.render.safe import one_line

    text = one_line(message)
    print(f"{prefix}: {text}" if prefix else text, file=sys.stderr)


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
    """MicroinfError -> its message and exit code; a closed stdout -> a quiet exit.

    Ctrl-C -> 130; an output that cannot be written (a full disk) -> its reason and 3.
    """
    try:
        yield
    except MicroinfError as exc:
        fail(exc.lines(), exc.hint, exc.exit_code)
    except BrokenPipeError:
        # the reader went away (| head): stop quietly, and keep Python from complaining at exit
        _quiet_stdout()
        raise typer.Exit(int(ExitCode.OK)) from None
    except KeyboardInterrupt:
        say("", "interrupted")
        raise typer.Exit(int(ExitCode.INTERRUPTED)) from None
    except OSError as exc:
        # reads are SourceErrors already: what is left is a write (stdout, a file) that failed
        _quiet_stdout()
        where = f"{exc.filename}: " if exc.filename else ""
        fail([f"{where}cannot write ({exc.strerror or exc})"], None, ExitCode.SOURCE)


def _quiet_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass  # no real file descriptor (a test runner's buffer)


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
