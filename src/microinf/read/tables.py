"""A source's rows as a Table, whatever its format: text formats and spreadsheets alike."""

from __future__ import annotations

from microinf.read.detect import SPREADSHEETS
from microinf.read.formats import Table, detect_format, read_table
from microinf.read.options import ReadOptions
from microinf.read.sources import Opened


def open_table(
    opened: Opened,
    fmt: str,
    *,
    delimiter: str | None = None,
    records_path: str | None = None,
    sheet: str | None = None,
) -> Table:
    """Parse a source into a Table of rows; `sheet` picks a spreadsheet's sheet."""
    if fmt in SPREADSHEETS:
        from microinf.read.spreadsheet import read_spreadsheet

        return read_spreadsheet(opened, fmt, sheet)
    return read_table(opened, fmt, delimiter=delimiter, records_path=records_path)


def table_of(opened: Opened, options: ReadOptions) -> Table:
    """An open source as a Table, in the format and with the reading options asked for."""
    fmt = detect_format(opened, options.input_format)
    return open_table(
        opened, fmt, delimiter=options.delimiter, records_path=options.records, sheet=options.sheet
    )
