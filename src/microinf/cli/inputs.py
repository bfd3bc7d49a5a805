"""The input options every reading command takes, defined once: --map, --platform-default, ...

`@with_inputs` adds them to a command's signature and hands the command one `Inputs` value,
whose `read_options()` builds the core's ReadOptions (with the --rejects writer and, on a
terminal, the progress bar, both closed on the way out).
"""

from __future__ import annotations

import functools
import inspect
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Annotated, Any, TypeVar

import typer

from microinf.cli.output import rejects_writer, split_map
from microinf.read.sources import DEFAULT_MAX_BYTES, READ_TIMEOUT


class InputFormat(StrEnum):
    csv = "csv"
    tsv = "tsv"
    json = "json"
    jsonl = "jsonl"
    yaml = "yaml"


class OnError(StrEnum):
    fail = "fail"
    skip = "skip"


def _input(*decls: str, **kwargs: Any) -> Any:
    return typer.Option(*decls, rich_help_panel="Input", **kwargs)


def _bad_rows(*decls: str, **kwargs: Any) -> Any:
    return typer.Option(*decls, rich_help_panel="Bad rows", **kwargs)


# name, annotation, default: the parameters @with_inputs adds, in --help order
_PARAMETERS: list[tuple[str, Any, Any]] = [
    ("column_map", Annotated[list[str] | None, _input(
        "--map", metavar="FIELD=COLUMN",
        help="Read FIELD from COLUMN (a dotted path in nested JSON/YAML); repeatable.",
    )], None),
    ("show_columns", Annotated[bool, _input(
        "--show-columns", help="Print the column mapping of each source and stop.",
    )], False),
    ("platform_default", Annotated[str | None, _input(
        metavar="NAME", help="Platform of rows that name none.",
    )], None),
    ("input_format", Annotated[InputFormat | None, _input(
        help="Force the input format (default: from the extension or content).",
    )], None),
    ("delimiter", Annotated[str | None, _input(
        metavar="CHAR", help="CSV delimiter (default: sniffed among , ; TAB |).",
    )], None),
    ("records", Annotated[str | None, _input(
        metavar="PATH", help="Where the records sit in a JSON/YAML document (a.b).",
    )], None),
    ("max_bytes", Annotated[int, _input(
        min=1, metavar="N", help="Largest download from a URL, in bytes.",
    )], DEFAULT_MAX_BYTES),
    ("timeout", Annotated[float, _input(
        min=0.01, metavar="SECONDS", help="Give up on a URL that sends nothing for this long.",
    )], READ_TIMEOUT),
    ("on_error", Annotated[OnError, _bad_rows(
        help="fail: stop at the first bad row (exit 1); skip: report and go on.",
    )], OnError.fail),
    ("rejects", Annotated[str | None, _bad_rows(
        metavar="FILE", help="Write rejected rows to FILE (.csv or .jsonl).",
    )], None),
    ("keep_duplicates", Annotated[bool, _bad_rows(
        "--keep-duplicates", help="Keep rows with the same platform and handle.",
    )], False),
]  # fmt: skip
NAMES = tuple(name for name, _, _ in _PARAMETERS)


@dataclass
class Inputs:
    """The values of the input options of one command line.

    A command calls `close()` once the job has read everything, before it writes its output.
    """

    column_map: list[str] | None
    show_columns: bool
    platform_default: str | None
    input_format: InputFormat | None
    delimiter: str | None
    records: str | None
    max_bytes: int
    timeout: float
    on_error: OnError
    rejects: str | None
    keep_duplicates: bool
    _open: list[Any] = field(default_factory=list)

    def check(self) -> None:
        """Usage errors found before anything is read."""
        split_map(self.column_map or [])
        if self.delimiter is not None:
            delimiter = {"\\t": "\t", "tab": "\t", "TAB": "\t"}.get(self.delimiter, self.delimiter)
            if len(delimiter) != 1:
                raise typer.BadParameter("give one character", param_hint="--delimiter")
            self.delimiter = delimiter

    @contextmanager
    def read_options(self) -> Iterator[Any]:
        """The core's ReadOptions; the rejects file and the progress bar close on the way out."""
        from microinf.jobs.classify import ReadOptions

        writer = rejects_writer(self.rejects)
        options = ReadOptions(
            input_format=self.input_format.value if self.input_format else None,
            delimiter=self.delimiter,
            records=self.records,
            columns=split_map(self.column_map or []),
            platform_default=self.platform_default,
            on_error=self.on_error.value,
            rejects=writer.write if writer else None,
            keep_duplicates=self.keep_duplicates,
            max_bytes=self.max_bytes,
            timeout=self.timeout,
        )
        self._open = [writer] if writer else []
        if sys.stderr.isatty():
            from microinf.render.progress import ProgressBar

            options.progress = bar = ProgressBar()
            self._open.append(bar)
        try:
            yield options
        finally:
            self.close()

    def close(self) -> None:
        """Close the rejects file and remove the progress bar (which holds stdout while shown)."""
        while self._open:
            self._open.pop().close()

    def shown_columns(self, sources: list[str], options: Any) -> bool:
        """With --show-columns, print each source's column mapping; True when it did."""
        if not self.show_columns:
            return False
        from microinf.jobs.show_columns import describe, survey

        sys.stdout.write(describe(survey(sources, options)))
        return True


F = TypeVar("F", bound=Callable[..., Any])


def with_inputs(command: F) -> F:
    """Give a command the input options; it receives them as `inputs: Inputs`."""
    signature = inspect.signature(command, eval_str=True)
    own = [p for p in signature.parameters.values() if p.name != "inputs"]
    added = [
        inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=default, annotation=kind)
        for name, kind, default in _PARAMETERS
    ]

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        values = Inputs(**{name: kwargs.pop(name) for name in NAMES})
        values.check()
        return command(*args, inputs=values, **kwargs)

    hints = {p.name: p.annotation for p in own}
    wrapper.__signature__ = signature.replace(parameters=[*own, *added])  # type: ignore[attr-defined]
    wrapper.__annotations__ = {**hints, **{p.name: p.annotation for p in added}}
    return wrapper  # type: ignore[return-value]
