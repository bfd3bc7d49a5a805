"""Detect and parse CSV/TSV/JSON/JSONL/YAML into rows, each with its line or record number."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from operator import methodcaller
from typing import Any, BinaryIO, cast

from microinf.errors import DataError, UsageError
from microinf.read.detect import binary_format, looks_like_yaml
from microinf.read.sources import Opened
from microinf.read.textcodec import choose_encoding, decode_head

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
RECORD_KEYS = ("creators", "data", "items", "results", "records", "rows", "influencers", "users")


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
            json.loads(first)
        except ValueError:
            return "json"
        return "jsonl" if rest.strip().startswith("{") or not rest.strip() else "json"
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
    lines: Iterator[bytes]
    if encoding in ("utf-8", "utf-8-sig"):
        # UTF-8 decodes line by line as it decodes whole, so lines stay bytes until wanted
        stream = cast(BinaryIO, opened.stream)
        # a line ends at LF or CRLF; a file that also ends lines with a lone CR (old Mac
        # exports) has them split where text mode would split them, at some cost
        lines = byte_lines(stream) if _lone_cr(opened.head) else iter(stream)
        decode = methodcaller("decode", "utf-8", UTF8_ERRORS)
        reader = csv.reader(_header_lines(lines, encoding), delimiter=delimiter, strict=False)
    else:
        text = _text(opened, notes)
        reader = csv.reader(text, delimiter=delimiter, strict=False)
        lines = (line.encode("utf-8", "surrogatepass") for line in text)
        decode = methodcaller("decode", "utf-8", "surrogatepass")
    try:
        header = next(reader, None)
    except UnicodeDecodeError as exc:
        raise encoding_error(opened.name, 1, exc) from None
    body = csv.reader(map(decode, lines), delimiter=delimiter, strict=False)
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
    table.rows = csv_rows(body, opened.name, reader.line_num)
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


def unique_names(header: list[str]) -> list[str]:
    """Header names made unique (a repeated or empty name gets a number), so none is lost."""
    seen: dict[str, int] = {}
    out = []
    for i, name in enumerate(header, 1):
        name = name if name.strip() else f"column_{i}"
        if name in seen:
            seen[name] += 1
            name = f"{name}_{seen[name]}"
        seen.setdefault(name, 1)
        out.append(name)
    return out


def encoding_error(name: str, line: int, exc: UnicodeDecodeError) -> DataError:
    return DataError(
        f"{name}:{line}: cannot decode the text ({exc.reason})",
        hint="save the file as UTF-8, or as CSV with a BOM",
    )


def csv_rows(reader: Any, name: str, offset: int = 0) -> Iterator[tuple[int, list[str]]]:
    """(line, cells) for each non-blank record; the line is where the record starts.

    `offset` is the number of lines read before `reader` started (the header's).
    """
    start = reader.line_num + 1 + offset
    try:
        for cells in reader:
            if cells:
                yield start, cells
            start = reader.line_num + 1 + offset
    except UnicodeDecodeError as exc:
        raise encoding_error(name, start, exc) from None
    except csv.Error as exc:
        raise DataError(f"{name}:{start}: malformed CSV ({exc})") from None


def _jsonl_table(opened: Opened) -> Table:
    notes: list[str] = []
    text = _text(opened, notes)

    def rows() -> Iterator[tuple[int, Any]]:
        for number, line in enumerate(text, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line, parse_constant=lambda _c: None)
            except ValueError as exc:
                raise DataError(f"{opened.name}:{number}: invalid JSON ({exc})") from None
            yield number, record

    return Table(opened.name, "jsonl", rows(), notes=notes)


def _load_document(opened: Opened, fmt: str) -> Any:
    notes: list[str] = []
    text = _text(opened, notes).read()
    if fmt == "json":
        try:
            return json.loads(text, parse_constant=lambda _c: None)
        except ValueError as exc:
            raise DataError(f"{opened.name}: invalid JSON ({exc})") from None
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        return yaml.load(text, Loader=loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}:{mark.column + 1}" if mark else ""
        reason = getattr(exc, "problem", None) or exc
        raise DataError(f"{opened.name}{where}: invalid YAML ({reason})") from None


def find_records(data: Any, name: str, path: str | None = None) -> list[Any]:
    """The list of records in a document: top level, a --records path, or one list-valued key."""
    if path:
        node = data
        for part in path.split("."):
            if isinstance(node, dict) and part in node:
                node = node[part]
            elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
                node = node[int(part)]
            else:
                raise DataError(f'{name}: no "{path}" in the document (stopped at "{part}")')
        data = node
    if isinstance(data, list):
        return data
    if isinstance(data, dict):
        lists = {k: v for k, v in data.items() if isinstance(v, list)}
        for key in RECORD_KEYS:
            if key in lists:
                return list(lists[key])
        if len(lists) == 1:
            return list(next(iter(lists.values())))
        if lists:
            keys = ", ".join(sorted(lists))
            raise DataError(
                f"{name}: several lists ({keys}); which holds the creators?",
                hint="name it with --records KEY",
            )
        return [data]
    raise DataError(f"{name}: expected a list of records, found {type(data).__name__}")


def _document_table(opened: Opened, fmt: str, records_path: str | None) -> Table:
    records = find_records(_load_document(opened, fmt), opened.name, records_path)
    return Table(opened.name, fmt, iter(enumerate(records, 1)))
