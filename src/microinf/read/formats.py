"""Detect and parse CSV/TSV/JSON/JSONL/YAML into rows, each with its line or record number."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from operator import methodcaller
from typing import Any, BinaryIO, cast

from microinf.errors import DataError, Location, UsageError
from microinf.read.detect import binary_format, looks_like_yaml
from microinf.read.documents import (
    RECORD_KEYS,
    BadRecord,
    DocumentRows,
    JsonlRows,
    find_records,
    load_document,
    loads,
)
from microinf.read.limits import Limits
from microinf.read.sources import Opened
from microinf.read.textcodec import choose_encoding, decode_head

__all__ = ["RECORD_KEYS", "BadRecord", "Table", "find_records", "loads", "read_table"]

FORMATS = ("csv", "tsv", "json", "jsonl", "yaml", "xlsx", "ods")
_EXTENSIONS = {
    "csv": "csv",
    "txt": "csv",
    "tsv": "tsv",
    "tab": "tsv",
    "json": "json",
    "jsonl": "jsonl",
    "ndjson": "jsonl",
    "yaml": "yaml",
    "yml": "yaml",
}
_CONTENT_TYPES = {
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
    "application/json": "json",
    "application/x-ndjson": "jsonl",
    "application/jsonl": "jsonl",
    "application/x-yaml": "yaml",
    "application/yaml": "yaml",
    "text/yaml": "yaml",
}
DELIMITERS = (",", ";", "\t", "|")


@dataclass
class Table:
    """Rows of one source: lists of cells under `header` (CSV) or mappings (JSON, YAML)."""

    source: str
    format: str
    rows: Iterator[tuple[int, Any]]  # (line or record number, list[str] | dict)
    header: list[str] | None = None
    notes: list[str] = field(default_factory=list)
    csv_reader: Any = None  # the csv.reader behind `rows`
    lines: Iterator[bytes] | None = None  # a CSV body's lines, as UTF-8 bytes
    decode: Callable[[bytes], str] | None = None  # one line of `lines` as text
    delimiter: str | None = None
    body_line: int = 1  # the line the body starts on


def detect_format(opened: Opened, forced: str | None = None) -> str:
    """The format from --input-format, else the extension, else Content-Type, else the content."""
    if forced:
        return forced
    spreadsheet = binary_format(opened.name, opened.head)  # other binary formats are refused
    if spreadsheet:
        return spreadsheet
    name = opened.name.lower().split("?", 1)[0]
    if name.endswith(".gz"):
        name = name[:-3]
    ext = name.rsplit(".", 1)[-1] if "." in name.rsplit("/", 1)[-1] else ""
    if ext in _EXTENSIONS:
        return _EXTENSIONS[ext]
    if opened.content_type:
        kind = opened.content_type.split(";", 1)[0].strip().lower()
        if kind in _CONTENT_TYPES:
            return _CONTENT_TYPES[kind]
    return sniff(opened.head)


def sniff(head: bytes) -> str:
    """The format of some bytes: JSON, JSONL, YAML or CSV."""
    text = decode_head(head).lstrip()
    if text.startswith("["):
        return "json"
    if text.startswith("{"):
        first, _, rest = text.partition("\n")
        try:
            record = json.loads(first)
        except (ValueError, RecursionError):
            return "json"
        if rest.strip():
            return "jsonl" if rest.strip().startswith("{") else "json"
        # one line: a document holding a list of records ({"data": [...]}), else one record
        lists = (
            [v for v in record.values() if isinstance(v, list)] if isinstance(record, dict) else []
        )
        return "json" if any(v and all(isinstance(x, dict) for x in v) for v in lists) else "jsonl"
    if looks_like_yaml(text):
        return "yaml"
    first = text.split("\n", 1)[0]
    if first.rstrip().endswith(":") and "," not in first:
        return "yaml"
    return "csv"


def sniff_delimiter(sample: str) -> str:
    """The delimiter among , ; TAB | that the header line uses most (outside quotes)."""
    counts = dict.fromkeys(DELIMITERS, 0)
    quoted = False
    for ch in sample:
        if ch == '"':
            quoted = not quoted
        elif not quoted:
            if ch in "\r\n":
                break
            if ch in counts:
                counts[ch] += 1
    best = max(DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


def read_table(
    opened: Opened,
    fmt: str,
    *,
    delimiter: str | None = None,
    records_path: str | None = None,
) -> Table:
    """Parse a source into a Table of rows."""
    guard, limits = opened.guard, opened.limits
    if guard is not None:
        if fmt == "json":
            guard.limit = min(guard.limit, limits.max_document_bytes)
            guard.option = "--max-document-bytes (a JSON document is read whole)"
        elif fmt == "yaml":
            guard.limit = min(guard.limit, limits.max_yaml_bytes)
            guard.option = "--max-yaml-bytes (a YAML document is read whole)"
        else:
            guard.max_line = limits.max_line
    if fmt in ("csv", "tsv"):
        return _csv_table(opened, "\t" if fmt == "tsv" and not delimiter else delimiter, fmt)
    if fmt == "jsonl":
        return _jsonl_table(opened)
    if fmt in ("json", "yaml"):
        return _document_table(opened, fmt, records_path)
    raise UsageError(f"unknown input format {fmt!r}", hint=f"use one of {', '.join(FORMATS)}")


def _text(opened: Opened, notes: list[str]) -> io.TextIOWrapper:
    encoding, note = choose_encoding(opened.head)
    if note:
        notes.append(f"{opened.name}: {note}")
    errors = "microinf-cp1252" if encoding in ("utf-8", "utf-8-sig") else "replace"
    return io.TextIOWrapper(
        cast(BinaryIO, opened.stream), encoding=encoding, errors=errors, newline=""
    )


def _csv_table(opened: Opened, delimiter: str | None, fmt: str) -> Table:
    notes: list[str] = []
    encoding, _ = choose_encoding(opened.head)
    if delimiter is None:
        delimiter = sniff_delimiter(opened.head.decode(encoding, errors="ignore"))
    limits = opened.limits
    # the csv module's limit is process-wide: set it for each source from its own limits
    csv.field_size_limit(limits.max_field)
    lines: Iterator[bytes]
    if encoding in ("utf-8", "utf-8-sig"):
        # UTF-8 decodes line by line as it decodes whole, so lines stay bytes until wanted
        stream = cast(BinaryIO, opened.stream)
        # a line ends at LF or CRLF; a file that also ends lines with a lone CR (old Mac
        # exports) has them split where text mode would split them, at some cost
        lines = byte_lines(stream) if _lone_cr(opened.head) else iter(stream)
        decode = methodcaller("decode", "utf-8", UTF8_ERRORS)
        first = csv.reader(_header_lines(lines, encoding), delimiter=delimiter, strict=False)
    else:
        text = _text(opened, notes)
        first = csv.reader(text, delimiter=delimiter, strict=False)
        lines = (line.encode("utf-8", "surrogatepass") for line in text)
        decode = methodcaller("decode", "utf-8", "surrogatepass")
    reader = SafeReader(first, opened.name, limits)
    try:
        header = next(reader, None)
    except UnicodeDecodeError as exc:
        raise encoding_error(opened.name, 1, exc) from None
    except BadRecord as exc:
        raise DataError(f"{exc.location}: the header: {exc.reason}") from None
    if header is not None and len(header) > limits.max_columns:
        raise DataError(
            f"{opened.name}:1: the header has {len(header):,} columns, over the "
            f"{limits.max_columns:,} allowed",
            hint="raise the cap with --max-columns",
        )
    body = SafeReader(
        csv.reader(map(decode, lines), delimiter=delimiter, strict=False),
        opened.name,
        limits,
        reader.line_num,
    )
    table = Table(
        opened.name,
        fmt,
        iter(()),
        header=unique_names(header or []),
        notes=notes,
        csv_reader=body,
        lines=lines,
        decode=decode,
        delimiter=delimiter,
        body_line=reader.line_num + 1,
    )
    table.rows = csv_rows(body, opened.name)
    return table


UTF8_ERRORS = "microinf-cp1252"


def byte_lines(stream: BinaryIO) -> Iterator[bytes]:
    """The lines of a binary stream, split where text mode with newline="" splits them."""
    for line in stream:
        if b"\r" in line and (line.count(b"\r") > 1 or not line.endswith((b"\r\n", b"\r"))):
            yield from line.splitlines(keepends=True)
        else:
            yield line


def _lone_cr(head: bytes) -> bool:
    return b"\r" in head.replace(b"\r\n", b"")


def _header_lines(lines: Iterator[bytes], encoding: str) -> Iterator[str]:
    # the csv module asks for a line only while the header record goes on: the body is left
    for i, line in enumerate(lines):
        yield line.decode(encoding if i == 0 else "utf-8", UTF8_ERRORS)


class SafeReader:
    """A csv.reader whose errors are BadRecords naming the line; it reads on when asked again."""

    def __init__(self, reader: Any, name: str, limits: Limits, offset: int = 0) -> None:
        self._reader = reader
        self._name = name
        self._limits = limits
        self._offset = offset  # lines read before this reader started (a header's)

    @property
    def line_num(self) -> int:
        """The physical line last read."""
        return int(self._reader.line_num) + self._offset

    def __iter__(self) -> SafeReader:
        return self

    def __next__(self) -> list[str]:
        start = self.line_num + 1
        try:
            return cast(list[str], next(self._reader))
        except csv.Error as exc:
            reason = csv_error_reason(exc, self._limits.max_field)
            raise BadRecord(Location(self._name, start), reason, {}) from None


def csv_error_reason(exc: csv.Error, max_field: int) -> str:
    """Why the csv module refused a record, in the user's terms."""
    if "field larger than field limit" in str(exc):
        return (
            f"a field is longer than {max_field:,} characters (raise the cap with --max-field-size)"
        )
    return f"malformed CSV ({exc})"


def unique_names(header: list[str]) -> list[str]:
    """Header names made unique (a repeated or empty name gets a number), so none is lost."""
    taken = set(header)
    count: dict[str, int] = {}
    seen: set[str] = set()
    out = []
    for i, name in enumerate(header, 1):
        name = name if name.strip() else f"column_{i}"
        if name in seen:
            n = count.get(name, 1)
            while True:  # skip numbers that another header already uses
                n += 1
                candidate = f"{name}_{n}"
                if candidate not in taken and candidate not in seen:
                    break
            count[name] = n
            name = candidate
        seen.add(name)
        out.append(name)
    return out


def encoding_error(name: str, line: int, exc: UnicodeDecodeError) -> DataError:
    return DataError(
        f"{name}:{line}: cannot decode the text ({exc.reason})",
        hint="save the file as UTF-8, or as CSV with a BOM",
    )


def csv_rows(reader: Any, name: str) -> Iterator[tuple[int, list[str]]]:
    """(line, cells) for each non-blank record; the line is where the record starts.

    A BadRecord (an oversize field) is raised from this iterator, which can be resumed.
    """
    return _CsvRows(reader, name)


class _CsvRows:
    def __init__(self, reader: Any, name: str) -> None:
        self._reader = reader
        self._name = name

    def __iter__(self) -> _CsvRows:
        return self

    def __next__(self) -> tuple[int, list[str]]:
        while True:
            start = self._reader.line_num + 1
            try:
                cells = next(self._reader)
            except UnicodeDecodeError as exc:
                raise encoding_error(self._name, start, exc) from None
            if cells:
                return start, cells


def _jsonl_table(opened: Opened) -> Table:
    notes: list[str] = []
    text = _text(opened, notes)
    return Table(opened.name, "jsonl", JsonlRows(text, opened.name, opened.limits), notes=notes)


def _document_table(opened: Opened, fmt: str, records_path: str | None) -> Table:
    text = _text(opened, []).read()
    document = load_document(text, fmt, opened.name, opened.limits)
    records = find_records(document, opened.name, records_path)
    return Table(opened.name, fmt, DocumentRows(records, opened.name, opened.limits))
