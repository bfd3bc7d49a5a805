"""OpenDocument spreadsheets (.ods) read with the standard library: zip + streamed XML."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from typing import Any
from xml.etree.ElementTree import Element, ParseError, iterparse

from microinf.errors import DataError

_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
MAX_COLUMNS = 16384  # the widest sheet LibreOffice makes; repeated empty cells beyond are dropped


def _open(data: bytes, name: str) -> tuple[zipfile.ZipFile, str]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        if "content.xml" not in archive.namelist():
            raise DataError(f"{name}: not a valid .ods file (no content.xml)")
    except zipfile.BadZipFile as exc:
        raise DataError(f"{name}: not a valid .ods file ({exc})") from None
    return archive, "content.xml"


def _events(data: bytes, name: str) -> Iterator[tuple[str, Element]]:
    archive, member = _open(data, name)
    with archive, archive.open(member) as xml:
        try:
            yield from iterparse(xml, events=("start", "end"))
        except ParseError as exc:
            raise DataError(f"{name}: not a valid .ods file (content.xml: {exc})") from None


def ods_sheets(data: bytes, name: str) -> list[str]:
    """The names of the sheets, in order."""
    names: list[str] = []
    for event, elem in _events(data, name):
        if event == "start" and elem.tag == f"{_TABLE}table":
            names.append(elem.get(f"{_TABLE}name") or f"Sheet{len(names) + 1}")
        elif event == "end" and elem.tag == f"{_TABLE}table-row":
            elem.clear()  # rows are not needed here; keep memory flat
    return names


def _text(cell: Element) -> str:
    parts: list[str] = []
    for p in cell.iter(f"{_TEXT}p"):
        parts.append(_inline(p))
    return "\n".join(parts)


def _inline(elem: Element) -> str:
    out = [elem.text or ""]
    for child in elem:
        if child.tag == f"{_TEXT}s":
            out.append(" " * int(child.get(f"{_TEXT}c", "1")))
        elif child.tag == f"{_TEXT}tab":
            out.append("\t")
        elif child.tag == f"{_TEXT}line-break":
            out.append("\n")
        else:
            out.append(_inline(child))
        out.append(child.tail or "")
    return "".join(out)


def _value(cell: Element) -> Any:
    kind = cell.get(f"{_OFFICE}value-type")
    if kind in ("float", "percentage", "currency"):
        raw = cell.get(f"{_OFFICE}value")
        if raw is not None:
            try:
                return float(raw)
            except ValueError:
                return raw
    if kind == "date":
        return cell.get(f"{_OFFICE}date-value")
    if kind == "time":
        return cell.get(f"{_OFFICE}time-value")
    if kind == "boolean":
        return cell.get(f"{_OFFICE}boolean-value") == "true"
    text = _text(cell)
    return text if text or kind else None


def _cells(row: Element) -> list[Any]:
    cells: list[Any] = []
    for cell in row:
        if cell.tag not in (f"{_TABLE}table-cell", f"{_TABLE}covered-table-cell"):
            continue
        value = _value(cell)
        repeat = int(cell.get(f"{_TABLE}number-columns-repeated", "1"))
        if value is None or value == "":
            # runs of empty cells pad a row to the sheet's full width: keep only those before data
            cells.extend([None] * min(repeat, MAX_COLUMNS - len(cells)))
        else:
            cells.extend([value] * min(repeat, MAX_COLUMNS - len(cells)))
    while cells and cells[-1] is None:
        cells.pop()
    return cells


def ods_rows(data: bytes, name: str, sheet: str) -> Iterator[tuple[int, list[Any]]]:
    """(row number, cells) of one sheet; runs of repeated empty rows are skipped, not expanded."""
    inside = False
    number = 0
    for event, elem in _events(data, name):
        tag = elem.tag
        if tag == f"{_TABLE}table":
            if event == "start":
                inside = elem.get(f"{_TABLE}name") == sheet
            elif inside:
                return
            continue
        if event != "end" or tag != f"{_TABLE}table-row":
            continue
        repeat = int(elem.get(f"{_TABLE}number-rows-repeated", "1"))
        if inside:
            cells = _cells(elem)
            if cells:
                for _ in range(repeat):
                    number += 1
                    yield number, list(cells)
            else:
                number += repeat
        elem.clear()
