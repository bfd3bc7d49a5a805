"""Errors a person can act on, and the exit codes they map to."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from enum import IntEnum


class ExitCode(IntEnum):
    """Documented process exit codes."""

    OK = 0
    DATA = 1  # invalid data or config, a failed check, a rejected row under --on-error fail
    USAGE = 2  # a bad flag or argument
    SOURCE = 3  # a source could not be read: missing file, permission, network, HTTP error
    INTERNAL = 70  # a bug in microinf: the message asks for a report
    INTERRUPTED = 130


@dataclass(frozen=True, slots=True)
class Location:
    """Where a problem sits: a file (or URL, or `<stdin>`), a line and a column."""

    source: str
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        parts = [self.source]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)


class MicroinfError(Exception):
    """A user mistake or an unreadable source: a message, an optional hint, an exit code."""

    exit_code: ExitCode = ExitCode.DATA

    def __init__(
        self, message: str, hint: str | None = None, exit_code: ExitCode | None = None
    ) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        if exit_code is not None:
            self.exit_code = exit_code

    def lines(self) -> list[str]:
        """The messages to show, one per problem."""
        return [self.message]


class SourceError(MicroinfError):
    """A source (file, stdin, URL) could not be read."""

    exit_code = ExitCode.SOURCE


class DataError(MicroinfError):
    """A row of input data is invalid."""

    exit_code = ExitCode.DATA


class UsageError(MicroinfError):
    """An option value that cannot work, found by the core rather than by the parser."""

    exit_code = ExitCode.USAGE


@dataclass(frozen=True, slots=True)
class Problem:
    """One finding about a config file."""

    location: Location
    message: str
    severity: str = "error"  # error | warning | note

    def __str__(self) -> str:
        return f"{self.location}: {self.message}"


class ConfigError(MicroinfError):
    """A tiers config has one or more errors; all of them are kept."""

    def __init__(self, problems: list[Problem], hint: str | None = None) -> None:
        errors = [p for p in problems if p.severity == "error"]
        first = str(errors[0]) if errors else "invalid config"
        super().__init__(first, hint)
        self.problems = problems

    def lines(self) -> list[str]:
        return [str(p) for p in self.problems if p.severity == "error"]


def did_you_mean(word: str, choices: Iterable[str]) -> str | None:
    """The choice closest to a misspelt word, or None when none is close."""
    options = list(dict.fromkeys(choices))
    folded = {c.casefold(): c for c in options}
    close = difflib.get_close_matches(word.casefold(), list(folded), n=1, cutoff=0.6)
    return folded[close[0]] if close else None


def suggestion(word: str, choices: Iterable[str]) -> str:
    """' (did you mean "X"?)' for a close choice, else ''."""
    close = did_you_mean(word, choices)
    return f' (did you mean "{close}"?)' if close else ""
