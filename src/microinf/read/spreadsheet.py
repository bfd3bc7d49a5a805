"""Spreadsheets (.xlsx through openpyxl, .ods through the standard library) as Tables of rows."""

from __future__ import annotations

import datetime as dt
import io
import warnings
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from microinf.errors import DataError, SourceError, UsageError, suggestion
from microinf.read.columns import ALIASES, FIELDS, normalise
from microinf.read.formats import Table, unique_names
from microinf.read.ods import ods_rows, ods_sheets
from microinf.read.sources import Opened

HEADER_SEARCH = 20  # rows looked at for the header, after blank ones
_KNOWN = {alias for aliases in ALIASES.values() for alias in aliases} | set(FIELDS)
XLSX_EXTRA = 'pip install "microinf[xlsx]"'


@dataclass
class SheetTable(Table):
    """A sheet's rows as mappings under its header row (so values keep their types)."""

    columns: list[str] = field(default_factory=list)  # the header row


def cell_value(value: Any) -> Any:
    """A cell as a record value: whole floats as ints, dates as ISO text."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    return value


def _blank(row: tuple[Any, ...] | list[Any]) -> bool:
    return all(v is None or (isinstance(v, str) and not v.strip()) for v in row)


def _trim(row: Iterable[Any]) -> list[Any]:
    cells = [cell_value(v) for v in row]
    while cells and (cells[-1] is None or cells[-1] == ""):
        cells.pop()
    return cells


def _is_header(cells: list[Any]) -> bool:
    return any(isinstance(c, str) and normalise(c) in _KNOWN for c in cells)


def split_header(
    rows: Iterator[tuple[int, list[Any]]], where: str, notes: list[str]
) -> tuple[list[str], Iterator[tuple[int, list[Any]]]]:
    """The header row (the first naming a known column, else the first) and the rows under it."""
    ahead: list[tuple[int, list[Any]]] = []
    for number, cells in rows:
        if _blank(cells):
            continue
        ahead.append((number, cells))
        if _is_header(cells) or len(ahead) >= HEADER_SEARCH:
            break
    if not ahead:
        return [], iter(())
    pick = next((i for i, (_, cells) in enumerate(ahead) if _is_header(cells)), 0)
    number, header = ahead[pick]
    if pick:
        notes.append(
            f"{where}: the header is row {number}; {pick} row(s) above it skipped "
            f"(first: row {ahead[0][0]})"
        )

    def rest() -> Iterator[tuple[int, list[Any]]]:
        for line, cells in ahead[pick + 1 :]:
            yield line, cells
        for line, cells in rows:
            if not _blank(cells):
                yield line, cells

    names = unique_names(["" if c is None else str(c).strip() for c in header])
    return names, rest()


def _choose(sheet: str | None, names: list[str], where: str) -> str:
    if not names:
        raise DataError(f"{where}: the workbook has no sheet")
    if sheet is None:
        return names[0]
    if sheet in names:
        return sheet
    if sheet.isdigit() and 1 <= int(sheet) <= len(names):
        return names[int(sheet) - 1]
    raise UsageError(
        f'--sheet: {where} has no sheet "{sheet}"{suggestion(sheet, names)}',
        hint="sheets: " + ", ".join(f'"{n}"' for n in names) + " (or a number from 1)",
    )


class _Book:
    """A workbook's sheet names and the rows of any sheet."""

    def __init__(self, data: bytes, name: str, fmt: str) -> None:
        self.data, self.name, self.fmt = data, name, fmt
        self.book: Any = None
        if fmt == "ods":
            self.names = ods_sheets(data, name)
            return
        try:
            import openpyxl
        except ImportError:
            raise SourceError(
                f"{name}: reading .xlsx needs openpyxl, which is not installed",
                hint=f"install it with: {XLSX_EXTRA}",
            ) from None
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about styles it does not use
            try:
                self.book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
            except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
                raise DataError(f"{name}: not a valid .xlsx workbook ({exc})") from None
        self.names = list(self.book.sheetnames)

    def rows(self, sheet: str) -> Iterator[tuple[int, list[Any]]]:
        """(row number, cells) of a sheet, trailing empty cells dropped."""
        if self.book is None:
            for number, cells in ods_rows(self.data, self.name, sheet):
                yield number, _trim(cells)
            return
        found = self.book[sheet]
        if not hasattr(found, "iter_rows"):
            raise DataError(f'{self.name}: sheet "{sheet}" is a chart, not a table of rows')
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            for number, row in enumerate(found.iter_rows(values_only=True), 1):
                yield number, _trim(row)

    def close(self) -> None:
        if self.book is not None:
            self.book.close()


def _mapping(header: list[str], cells: list[Any]) -> dict[str, Any]:
    # an empty cell is None (null in JSON output); surplus cells are kept as column_N
    row: dict[str, Any] = dict.fromkeys(header)
    for i, cell in enumerate(cells):
        row[header[i] if i < len(header) else f"column_{i + 1}"] = cell
    return row


def read_spreadsheet(opened: Opened, fmt: str, sheet: str | None = None) -> SheetTable:
    """One sheet as a Table: `sheet` by name or 1-based number, else the first that has a header
    naming a creator column (else the first)."""
    book = _Book(opened.stream.read(), opened.name, fmt)
    names = book.names
    notes: list[str] = []
    if sheet is not None or len(names) < 2:
        chosen = _choose(sheet, names, opened.name)
    else:
        chosen = next((n for n in names if _has_header(book.rows(n))), names[0])
        listed = ", ".join(f'"{n}"' for n in names)
        notes.append(f'{opened.name}: read sheet "{chosen}" of {listed} (choose with --sheet)')
    where = f'{opened.name}: sheet "{chosen}"' if len(names) > 1 else opened.name
    header, body = split_header(book.rows(chosen), where, notes)

    def records() -> Iterator[tuple[int, dict[str, Any]]]:
        try:
            for number, cells in body:
                yield number, _mapping(header, cells)
        finally:
            book.close()

    return SheetTable(opened.name, fmt, records(), notes=notes, columns=header)


def _has_header(rows: Iterator[tuple[int, list[Any]]]) -> bool:
    seen = 0
    for _, cells in rows:
        if _blank(cells):
            continue
        if _is_header(cells):
            return True
        seen += 1
        if seen >= HEADER_SEARCH:
            break
    return False
