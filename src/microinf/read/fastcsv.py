"""CSV rows -> Creators, fast: a line screen before parsing, then the one row builder.

The screen skips a line only when it provably cannot pass the filters (rank/filters.py): a
line that starts and ends a record and whose follower count, read from an unquoted cell, is
outside every wanted tier and bound; or whose folded text holds none of the niche's keywords,
so that no category nor bio can match. A line longer than the csv field limit is never skipped,
so that its error is the same. Every other line is parsed by the csv module and built by
RowBuilder, like the rows of every other format.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections import deque
from collections.abc import Callable, Iterator

from microinf.models import Creator
from microinf.numbers import MAX_FOLLOWERS, parse_count
from microinf.rank.filters import Filters
from microinf.read.formats import Table, csv_error_reason, encoding_error
from microinf.read.rows import Layout

Build = Callable[[Layout, list[str], int], "Creator | None"]
_EMPTY = (b"\n", b"\r\n", b"\r", b"")


def whole_record(delimiter: str) -> Callable[[bytes], bool]:
    """A test that a line starting a record also ends it, read as csv.reader(strict=False) does.

    A quote opens a quoted field only at the start of a field; inside one, "" is a quote; after
    the closing quote, anything up to the delimiter is literal. Possessive loops follow the csv
    module's one reading instead of finding another one that happens to close.
    """
    d = re.escape(delimiter.encode("utf-8"))
    field = rb'(?:"(?:[^"]|"")*+"[^' + d + rb"\r\n]*+|[^\"" + d + rb"\r\n][^" + d + rb"\r\n]*+|)"
    pattern = re.compile(field + rb"(?:" + d + field + rb")*+(?:\r\n|\n|\r)?")
    match = pattern.fullmatch
    sep = delimiter.encode("utf-8")
    ends = (b"", sep, b"\r", b"\n", b"\r\n")
    width = len(sep)

    def whole(line: bytes) -> bool:
        # the common shape first: one quoted field, opened at a field's start, closed at its end
        if line.count(b'"') == 2:
            i = line.index(b'"')
            j = line.index(b'"', i + 1)
            if (i == 0 or line[i - width : i] == sep) and line[j + 1 : j + 1 + width] in ends:
                return True
        return match(line) is not None

    return whole


class LineScreen:
    """The lines of a CSV body, less those that cannot pass; keeps the physical line numbers.

    The csv module asks for a line either to start a record or to go on with one (a quoted
    field over several lines); `at_record_start` is set by the loop each time a record comes
    out, so only lines that start a record are screened, and only when the record ends on the
    same line: no quote, or quotes that close as the csv module reads them.
    """

    def __init__(
        self,
        lines: Iterator[bytes],
        decode: Callable[[bytes], str],
        delimiter: str,
        first_line: int,
        limit: int,
    ) -> None:
        self.lines = lines
        self.decode = decode
        self.delimiter = delimiter.encode("utf-8")
        self.whole = whole_record(delimiter)
        self.limit = limit  # a longer line is left to the csv module (and its field limit)
        self.line = first_line - 1  # the physical line last read
        self.skipped = 0  # non-blank lines screened out
        self.starts: deque[int] = deque()  # physical numbers of the lines handed on
        self.at_record_start = True
        self.keys: tuple[str, ...] = ()  # one of them must occur in the folded line
        self.size: Callable[[int], bool] | None = None  # the follower count must pass it
        self.column = -1  # the follower count's column

    def __iter__(self) -> Iterator[bytes]:
        limit, starts, whole, decode = self.limit, self.starts, self.whole, self.decode
        size, column, delimiter = self.size, self.column, self.delimiter
        keys = self.keys
        if column < 0:
            size = None
        lo, hi = _span(size)
        count_at = plain_count_at(delimiter, max(column, 0))
        screening = bool(keys) or size is not None
        number = self.line
        skipped = 0
        try:
            for text in self.lines:
                number += 1
                if screening and self.at_record_start and len(text) <= limit:
                    out = False
                    if size is not None:
                        plain_count = count_at(text)
                        if plain_count is not None:
                            n: int | None = int(plain_count[1])
                        else:  # a quote before the count, or a count written 12.5K or 1,204
                            n = None
                            cells = text.split(delimiter, column + 1)
                            if len(cells) > column:
                                cell = cells[column]
                                if len(cells) == column + 1:
                                    cell = cell.rstrip(b"\r\n")
                                    end = len(text)
                                else:
                                    end = len(text) - len(cells[-1])
                                if text.find(b'"', 0, end) < 0:
                                    n = follower_count(decode(cell))
                        if n is not None and n <= MAX_FOLLOWERS:
                            out = not lo <= n < hi if hi else not size(n)
                    if not out and keys:
                        # str searches beat bytes searches; ASCII decodes at memory speed
                        if text.isascii():
                            folded = text.decode("ascii").lower()
                        else:
                            folded = screen_fold(decode(text))
                        out = True
                        for key in keys:
                            if key in folded:
                                out = False
                                break
                    if out and (b'"' not in text or whole(text)):
                        if text not in _EMPTY:
                            skipped += 1
                        continue
                self.at_record_start = False
                self.skipped = skipped
                starts.append(number)
                yield text
        finally:
            self.line = number
            self.skipped = skipped


def plain_count_at(delimiter: bytes, column: int) -> Callable[[bytes], re.Match[bytes] | None]:
    """A match of a line whose cells before `column` hold no quote and whose cell at `column`
    is plain digits (at most 18: longer ones are left to the number parser)."""
    d = re.escape(delimiter)
    cell = rb"[^" + d + rb'"\r\n]*'
    prefix = rb"(?:" + cell + d + rb"){" + str(column).encode() + rb"}"
    return re.compile(prefix + rb"([0-9]{1,18})(?=" + d + rb"|\r|\n|$)").match


def _span(size: Callable[[int], bool] | None) -> tuple[int, int]:
    """(lo, hi) when the size test is lo <= n < hi, for the loop to test inline; else (0, 0)."""
    span = getattr(size, "span", None)
    return span if isinstance(span, tuple) else (0, 0)


def follower_count(cell: str) -> int | None:
    """The follower count the row builder reads from this cell, when it reads one at all."""
    try:
        n = parse_count(cell)
    except ValueError:
        return None
    return n if n is not None and 0 <= n <= MAX_FOLLOWERS else None


def screen_fold(text: str) -> str:
    """Lower case, accents and every other non-ASCII character dropped.

    Keywords are ASCII; each ASCII run of fold(text) is kept whole here, so a keyword found in
    fold(text) is found here too (this may find more, which only screens out less).
    """
    return unicodedata.normalize("NFKD", text.lower()).encode("ascii", "ignore").decode("ascii")


def csv_creators(
    table: Table,
    layout: Layout,
    build: Build,
    filters: Filters,
    on_count: Callable[[int], None],
    on_bad: Callable[[int, str], None],
) -> Iterator[Creator]:
    """The creators of a CSV table; `on_count` gets the non-blank rows read, screened included;
    `on_bad` gets the line and reason of a record the csv module refuses (an oversize field)."""
    source = table.source
    if table.lines is None or table.decode is None or table.delimiter is None:
        raise ValueError("csv_creators needs a CSV table")
    max_field = csv.field_size_limit()
    screen = LineScreen(table.lines, table.decode, table.delimiter, table.body_line, max_field)
    screen.keys = filters.screen_keys() or ()
    screen.size = filters.size_screen()
    screen.column = layout.at.get("followers", -1)
    reader = csv.reader(map(table.decode, screen), delimiter=table.delimiter, strict=False)
    starts = screen.starts
    read = 0
    consumed = 0  # lines the csv module has taken
    try:
        while True:
            try:
                cells = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:  # the record is refused; the csv module reads on after it
                screen.at_record_start = True
                taken = reader.line_num - consumed
                consumed = reader.line_num
                start = starts.popleft() if starts else screen.line
                for _ in range(min(taken - 1, len(starts))):
                    starts.popleft()
                read += 1
                on_bad(start, csv_error_reason(exc, max_field))
                continue
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
    finally:
        on_count(read + screen.skipped)
