"""CSV rows -> Creators, fast: a line screen before parsing, then the one row builder.

The screen skips a line only when it provably cannot pass the filters: a line that starts a
record and whose folded text holds none of the niche's keywords has no category nor bio that
can match (rank/filters.py). A line longer than the csv field limit is never skipped, so that
its error is the same. Every other line is parsed by the csv module and built by RowBuilder.
"""

from __future__ import annotations

import csv
import re
from collections import deque
from collections.abc import Callable, Iterator
from typing import TextIO

from microinf.errors import DataError
from microinf.models import Creator
from microinf.rank.niches import fold
from microinf.read.formats import Table, encoding_error
from microinf.read.rows import Layout

Build = Callable[[Layout, list[str], int], "Creator | None"]
_EMPTY = ("\n", "\r\n", "\r", "")


def whole_record(delimiter: str) -> Callable[[str], bool]:
    """A test that a line starting a record also ends it, read as csv.reader(strict=False) does.

    A quote opens a quoted field only at the start of a field; inside one, "" is a quote; after
    the closing quote, anything up to the delimiter is literal. Possessive loops follow the csv
    module's one reading instead of finding another one that happens to close.
    """
    d = re.escape(delimiter)
    field = rf'(?:"(?:[^"]|"")*+"[^{d}\r\n]*+|[^"{d}\r\n][^{d}\r\n]*+|)'
    pattern = re.compile(rf"{field}(?:{d}{field})*+(?:\r\n|\n|\r)?")
    match = pattern.fullmatch

    def whole(line: str) -> bool:
        return match(line) is not None

    return whole


class LineScreen:
    """Lines of a CSV body, less those that cannot pass; keeps the physical line numbers.

    The csv module asks for a line either to start a record or to go on with one (a quoted
    field over several lines); `at_record_start` is set by the loop each time a record comes
    out, so only lines that start a record are screened, and only when the record ends on the
    same line: no quote, or quotes that close as the csv module reads them.
    """

    def __init__(
        self, text: TextIO, delimiter: str, first_line: int, keys: tuple[str, ...], limit: int
    ) -> None:
        self.text = text
        self.whole = whole_record(delimiter)
        self.keys = keys
        self.limit = limit  # a longer line is left to the csv module (and its field limit)
        self.line = first_line - 1  # the physical line last read
        self.skipped = 0  # non-blank lines screened out
        self.starts: deque[int] = deque()  # physical numbers of the lines handed on
        self.at_record_start = True

    def __iter__(self) -> Iterator[str]:
        keys, limit, starts, whole = self.keys, self.limit, self.starts, self.whole
        for self.line, text in enumerate(self.text, self.line + 1):  # noqa: B020
            if (
                keys
                and self.at_record_start
                and len(text) <= limit
                and ('"' not in text or whole(text))
            ):
                folded = text.lower() if text.isascii() else fold(text)
                for key in keys:
                    if key in folded:
                        break
                else:
                    if text not in _EMPTY:
                        self.skipped += 1
                    continue
            self.at_record_start = False
            starts.append(self.line)
            yield text


def csv_creators(
    table: Table,
    layout: Layout,
    build: Build,
    keys: tuple[str, ...] | None,
    on_count: Callable[[int], None],
) -> Iterator[Creator]:
    """The creators of a CSV table; `on_count` gets the non-blank rows read, screened included."""
    source = table.source
    if table.text is None or table.delimiter is None:
        raise ValueError("csv_creators needs a CSV table")
    screen = LineScreen(
        table.text, table.delimiter, table.body_line, keys or (), csv.field_size_limit()
    )
    reader = csv.reader(screen, delimiter=table.delimiter, strict=False)
    starts = screen.starts
    read = 0
    consumed = 0  # lines the csv module has taken
    start = table.body_line
    try:
        for cells in reader:
            screen.at_record_start = True
            taken = reader.line_num - consumed
            consumed = reader.line_num
            start = starts.popleft()
            for _ in range(taken - 1):
                starts.popleft()
            if not cells:
                continue
            read += 1
            if not read & 0x3FFF:
                on_count(read + screen.skipped)
            creator = build(layout, cells, start)
            if creator is not None:
                yield creator
    except UnicodeDecodeError as exc:
        raise encoding_error(source, screen.line, exc) from None
    except csv.Error as exc:
        raise DataError(f"{source}:{start}: malformed CSV ({exc})") from None
    finally:
        on_count(read + screen.skipped)
