"""The input options, defined once and added to every command that reads creators.

`@input_options` adds --map, --show-columns, --platform-default, --input-format, --delimiter,
--records, --sheet, --max-bytes, --timeout, --on-error, --rejects and --keep-duplicates to a
command, which receives them as one `inputs: Inputs` value. classify, explain and `tiers diff
--on` use it; cli/filters.py adds the filters the same way.
"""

from __future__ import annotations

import functools
import inspect
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, fields
from enum import StrEnum
from typing import Annotated, Any, TypeVar

import typer

from microinf.read.limits import DEFAULT_MAX_BYTES, READ_TIMEOUT, Limits

F = TypeVar("F", bound=Callable[..., Any])


class InputFormat(StrEnum):
    csv = "csv"
    tsv = "tsv"
    json = "json"
    jsonl = "jsonl"
    yaml = "yaml"
    xlsx = "xlsx"
    ods = "ods"


class OnError(StrEnum):
    fail = "fail"
    skip = "skip"


_IN = "Input"
_LIMITS = "Limits"
_DEFAULTS = Limits()
_BAD = "Bad rows"


@dataclass
class Inputs:
    """How to read the sources, as given on the command line."""

    column_map: Annotated[
        list[str] | None,
        typer.Option(
            "--map",
            metavar="FIELD=COLUMN",
            help="Read FIELD from COLUMN (a dotted path in nested JSON/YAML); repeatable.",
            rich_help_panel=_IN,
        ),
    ] = None
    show_columns: Annotated[
        bool,
        typer.Option(
            "--show-columns",
            help="Print the column mapping of each source and stop.",
            rich_help_panel=_IN,
        ),
    ] = False
    platform_default: Annotated[
        str | None,
        typer.Option(metavar="NAME", help="Platform of rows that name none.", rich_help_panel=_IN),
    ] = None
    input_format: Annotated[
        InputFormat | None,
        typer.Option(
            help="Force the input format (default: from the extension or content).",
            rich_help_panel=_IN,
        ),
    ] = None
    delimiter: Annotated[
        str | None,
        typer.Option(
            metavar="CHAR",
            help="CSV delimiter (default: sniffed among , ; TAB |).",
            rich_help_panel=_IN,
        ),
    ] = None
    records: Annotated[
        str | None,
        typer.Option(
            metavar="PATH",
            help="Where the records sit in a JSON/YAML document (a.b).",
            rich_help_panel=_IN,
        ),
    ] = None
    sheet: Annotated[
        str | None,
        typer.Option(
            metavar="NAME",
            help="The sheet of a spreadsheet to read, by name or number (default: the first).",
            rich_help_panel=_IN,
        ),
    ] = None
    max_bytes: Annotated[
        int,
        typer.Option(
            min=1,
            metavar="N",
            help="Most bytes read from one source, after decompression.",
            rich_help_panel=_LIMITS,
        ),
    ] = DEFAULT_MAX_BYTES
    max_document_bytes: Annotated[
        int,
        typer.Option(
            min=1,
            metavar="N",
            help="Most bytes of one JSON document (read whole).",
            rich_help_panel=_LIMITS,
        ),
    ] = _DEFAULTS.max_document_bytes
    max_yaml_bytes: Annotated[
        int,
        typer.Option(
            min=1,
            metavar="N",
            help="Most bytes of one YAML document (read whole).",
            rich_help_panel=_LIMITS,
        ),
    ] = _DEFAULTS.max_yaml_bytes
    max_field_size: Annotated[
        int,
        typer.Option(
            min=1,
            metavar="N",
            help="Longest field, in characters (a line: 16 times this, in bytes).",
            rich_help_panel=_LIMITS,
        ),
    ] = _DEFAULTS.max_field
    max_depth: Annotated[
        int,
        typer.Option(
            min=1, metavar="N", help="Deepest nesting of JSON or YAML.", rich_help_panel=_LIMITS
        ),
    ] = _DEFAULTS.max_depth
    max_alias_nodes: Annotated[
        int,
        typer.Option(
            min=0,
            metavar="N",
            help="Most YAML nodes reached through aliases.",
            rich_help_panel=_LIMITS,
        ),
    ] = _DEFAULTS.max_alias_nodes
    max_columns: Annotated[
        int,
        typer.Option(
            min=1, metavar="N", help="Most columns in one header.", rich_help_panel=_LIMITS
        ),
    ] = _DEFAULTS.max_columns
    deadline: Annotated[
        float,
        typer.Option(
            min=0.01,
            metavar="SECONDS",
            help="Give up on a URL whose download takes longer than this.",
            rich_help_panel=_LIMITS,
        ),
    ] = _DEFAULTS.deadline
    timeout: Annotated[
        float,
        typer.Option(
            min=0.01,
            metavar="SECONDS",
            help="Give up on a URL that sends nothing for this long.",
            rich_help_panel=_IN,
        ),
    ] = READ_TIMEOUT
    on_error: Annotated[
        OnError,
        typer.Option(
            help="fail: stop at the first bad row (exit 1); skip: report and go on.",
            rich_help_panel=_BAD,
        ),
    ] = OnError.fail
    rejects: Annotated[
        str | None,
        typer.Option(
            metavar="FILE",
            help="Write rejected rows to FILE (.csv or .jsonl).",
            rich_help_panel=_BAD,
        ),
    ] = None
    keep_duplicates: Annotated[
        bool,
        typer.Option(
            "--keep-duplicates",
            help="Keep rows with the same platform and handle.",
            rich_help_panel=_BAD,
        ),
    ] = False

    @contextmanager
    def read_options(self, sources: Sequence[str | None] = ()) -> Iterator[Any]:
        """The ReadOptions these values mean, with the rejects file and progress bar open.

        The rejects file replaces FILE only when the run gets to its end (or stops at a bad row
        that it holds); a rejects file that is one of the `sources` is refused.
        """
        from microinf.cli.output import rejects_writer, split_map
        from microinf.read.options import ReadOptions

        mapping = split_map(self.column_map or [])
        delimiter = self.delimiter
        if delimiter is not None:
            delimiter = {"\\t": "\t", "tab": "\t", "TAB": "\t"}.get(delimiter, delimiter)
            if len(delimiter) != 1:
                raise typer.BadParameter("give one character", param_hint="--delimiter")
        writer = rejects_writer(self.rejects, list(sources))
        options = ReadOptions(
            input_format=self.input_format.value if self.input_format else None,
            delimiter=delimiter,
            records=self.records,
            sheet=self.sheet,
            columns=mapping,
            platform_default=self.platform_default,
            on_error=self.on_error.value,
            rejects=writer.write if writer else None,
            keep_duplicates=self.keep_duplicates,
            max_bytes=self.max_bytes,
            timeout=self.timeout,
            limits=Limits(
                max_bytes=self.max_bytes,
                max_document_bytes=self.max_document_bytes,
                max_yaml_bytes=self.max_yaml_bytes,
                max_field=self.max_field_size,
                max_depth=self.max_depth,
                max_alias_nodes=self.max_alias_nodes,
                max_columns=self.max_columns,
                deadline=self.deadline,
                read_timeout=self.timeout,
            ),
        )
        bar = None
        if sys.stderr.isatty():
            from microinf.render.progress import ProgressBar

            bar = ProgressBar()
            options.progress = bar
        from microinf.read.rows import RowError

        committed = False
        try:
            yield options
            committed = True
        except RowError:
            committed = True  # the rejects file holds the row that stopped the run
            raise
        finally:
            if bar:
                bar.close()
            if writer:
                writer.close(commit=committed)

    def show(self, sources: list[str], options: Any) -> bool:
        """With --show-columns: print each source's column mapping and return True."""
        if not self.show_columns:
            return False
        from microinf.jobs.show_columns import describe, survey

        sys.stdout.write(describe(survey(sources, options)))
        return True


def adding(name: str, cls: type) -> Callable[[F], F]:
    """A decorator adding the fields of `cls` as options; the command gets them as `name`."""
    hints = inspect.get_annotations(cls, eval_str=True)
    added = [
        inspect.Parameter(f.name, inspect.Parameter.KEYWORD_ONLY, default=f.default,
                          annotation=hints[f.name])
        for f in fields(cls)
    ]  # fmt: skip

    def decorate(command: F) -> F:
        signature = inspect.signature(command, eval_str=True)
        params: list[inspect.Parameter] = []
        for p in signature.parameters.values():
            # the added options take the place of the parameter that receives them
            params += added if p.name == name else [p.replace(kind=inspect.Parameter.KEYWORD_ONLY)]

        @functools.wraps(command)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            values = {p.name: kwargs.pop(p.name) for p in added}
            return command(*args, **kwargs, **{name: cls(**values)})

        wrapper.__signature__ = signature.replace(parameters=params)  # type: ignore[attr-defined]
        wrapper.__annotations__ = {p.name: p.annotation for p in params}
        return wrapper  # type: ignore[return-value]

    return decorate


input_options = adding("inputs", Inputs)
NAMES = tuple(f.name for f in fields(Inputs))  # the input options every reading command takes
