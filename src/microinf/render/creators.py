"""The shortlist rendered: table, JSON, JSONL, CSV and markdown."""

from __future__ import annotations

import csv
import json
import math
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, TextIO

from microinf.models import OUTPUT_FIELDS, Creator
from microinf.numbers import human
from microinf.rank.engagement import COMPUTED
from microinf.render.registry import auto, register
from microinf.render.safe import finite, inert, one_line, spreadsheet_safe

TABLE_FIELDS = (
    "rank",
    "handle",
    "platform",
    "followers",
    "tier",
    "niche",
    "engagement_rate",
    "score",
)


@dataclass
class Meta:
    """What a caption says: the tiers file and the counts."""

    tiers: str
    read: int
    shown: int
    filtered: int
    beyond_top: int = 0
    rejected: int = 0
    duplicates: int = 0
    not_chosen: int = 0
    excel: bool = False  # CSV for Excel: a byte-order mark and CRLF line ends


def records(creators: Sequence[Creator], fields: Sequence[str]) -> Iterator[dict[str, Any]]:
    """Each creator as a dict of the requested fields, ranks from 1."""
    wanted = list(fields)
    location = "source" in wanted or "line" in wanted
    if not location and wanted[: len(OUTPUT_FIELDS)] == list(OUTPUT_FIELDS):
        # the default fields: the record as it is, when it holds exactly those fields
        for i, c in enumerate(creators, 1):
            row = c.as_dict(i, location=False)
            if len(row) == len(wanted):
                yield row
            else:
                yield {f: row.get(f) for f in wanted}
        return
    for i, c in enumerate(creators, 1):
        row = c.as_dict(i, location)
        yield {f: row.get(f) for f in wanted}


def render_json(
    creators: Sequence[Creator], fields: Sequence[str], out: TextIO, meta: Meta
) -> None:
    """One JSON array, written object by object."""
    out.write("[")
    for i, row in enumerate(records(creators, fields)):
        out.write(",\n  " if i else "\n  ")
        out.write(to_json(row))
    out.write("\n]\n" if creators else "]\n")


_LINE_BREAKS = {0x85: "\\u0085", 0x2028: "\\u2028", 0x2029: "\\u2029"}


def to_json(row: dict[str, Any]) -> str:
    """One record as strict JSON: never NaN or Infinity; values JSON lacks (dates) as text.

    The characters that some readers take for a line break (NEL, U+2028, U+2029) are escaped,
    so that one record is one line of JSONL for every reader.
    """
    try:
        text = json.dumps(row, ensure_ascii=False, allow_nan=False, default=str)
    except ValueError:
        text = json.dumps(finite(row), ensure_ascii=False, allow_nan=False, default=str)
    if not text.isascii() and ("\x85" in text or "\u2028" in text or "\u2029" in text):
        text = text.translate(_LINE_BREAKS)
    return text


def render_jsonl(
    creators: Sequence[Creator], fields: Sequence[str], out: TextIO, meta: Meta
) -> None:
    """One JSON object per line."""
    write = out.write
    for row in records(creators, fields):
        write(to_json(row))
        write("\n")


def csv_cell(value: Any) -> str:
    """A value as a CSV cell; text a spreadsheet would run as a formula gets a leading '."""
    if value is None:
        return ""
    if isinstance(value, list):
        value = "; ".join(str(v) for v in value)
    elif isinstance(value, dict):
        value = json.dumps(value, ensure_ascii=False)
    elif isinstance(value, bool):
        return "true" if value else "false"
    elif isinstance(value, float):
        return "" if not math.isfinite(value) else repr(value)
    elif not isinstance(value, str):
        return str(value)
    return spreadsheet_safe(value)


def write_csv_row(writer: Any, out: TextIO, cells: list[str]) -> None:
    """One CSV row; a cell with a carriage return is quoted too, so the row reads back whole."""
    for cell in cells:
        if "\r" in cell:
            out.write(",".join(_quoted(c) for c in cells) + writer.dialect.lineterminator)
            return
    writer.writerow(cells)


def _quoted(cell: str) -> str:
    if any(ch in cell for ch in ',"\r\n'):
        return '"' + cell.replace('"', '""') + '"'
    return cell


def render_csv(creators: Sequence[Creator], fields: Sequence[str], out: TextIO, meta: Meta) -> None:
    """A header, then one row per creator (for Excel: with a BOM and CRLF line ends); header
    names are escaped as cells are."""
    if meta.excel:
        out.write("\ufeff")  # without it Excel reads UTF-8 as the local code page
    writer = csv.writer(out, lineterminator="\r\n" if meta.excel else "\n")
    write_csv_row(writer, out, [csv_cell(f) for f in fields])
    for row in records(creators, fields):
        write_csv_row(writer, out, [csv_cell(row[f]) for f in fields])


def display(field: str, value: Any) -> str:
    """A value as people read it in a table."""
    if value is None or value == []:
        return "—" if field in ("tier", "engagement_rate") else ""
    if field == "followers" or field in ("avg_likes", "avg_comments", "avg_views"):
        return human(value)
    if field == "engagement_rate":
        return f"{value * 100:.2f}%"
    if field == "score":
        return f"{value:.3f}"
    if field == "score_parts" and isinstance(value, dict):
        parts = []
        if value.get("relevance") is not None:
            parts.append(f"rel {value['relevance']:.2f}")
        parts.append(f"q {value['engagement_quality']:.2f}")
        parts.append(f"typ. {value['benchmark_rate'] * 100:.2f}%")
        if value.get("flag_factor", 1) != 1:
            parts.append(f"x{value['flag_factor']:g}")
        return " · ".join(parts)
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


def heading(field: str) -> str:
    """A column's heading: its short name, or the field (an input column's name) made inert."""
    return HEADINGS.get(field) or one_line(field)


HEADINGS = {"engagement_rate": "eng.", "followers": "followers", "rank": "#"}


LEDGER_FORMATS = frozenset({"table", "markdown"})  # their caption shows the rows read


def caption(meta: Meta) -> str:
    """The line under a table: the tiers in use and the ledger."""
    parts = [f"tiers: {meta.tiers}", f"{meta.read} read", f"{meta.shown} shown"]
    if meta.filtered or not meta.beyond_top:
        parts.append(f"{meta.filtered} filtered out")
    if meta.beyond_top:
        parts.append(f"{meta.beyond_top} below the top {meta.shown}")
    if meta.not_chosen:
        parts.append(f"{meta.not_chosen} not chosen by --budget")
    if meta.rejected:
        parts.append(f"{meta.rejected} rejected")
    if meta.duplicates:
        parts.append(f"{meta.duplicates} duplicates merged")
    return " · ".join(parts)


def _cells(c: Creator, rank: int, fields: Sequence[str]) -> list[str]:
    row = c.as_dict(rank)
    cells = [display(f, row.get(f)) for f in fields]
    if "engagement_rate" in fields and c.engagement_method in COMPUTED:
        cells[list(fields).index("engagement_rate")] += "*"
    if "score" in fields and c.flags:
        cells[list(fields).index("score")] += "!"
    elif "score" in fields and c.review:
        cells[list(fields).index("score")] += "?"
    return cells


_WRAPPED = ("handle", "niche", "score_parts", "flags", "review")
_MIN_WIDTH = {"niche": 8, "score_parts": 24, "flags": 16, "review": 16}


def legend(creators: Sequence[Creator], fields: Sequence[str]) -> list[str]:
    """The lines that explain a table's markers."""
    lines = []
    if "engagement_rate" in fields and any(c.engagement_method in COMPUTED for c in creators):
        lines.append("* engagement computed from average likes and comments (or views)")
    if "score" in fields and any(c.flags for c in creators):
        lines.append("! flagged (authenticity): see the flags field or --explain")
    if "score" in fields and any(c.review and not c.flags for c in creators):
        lines.append("? worth a review (one signal): see the review field or --explain")
    return lines


def render_markdown(
    creators: Sequence[Creator], fields: Sequence[str], out: TextIO, meta: Meta
) -> None:
    """A pipe table."""

    def esc(text: str) -> str:
        return inert(text.replace("\r\n", " ").replace("\n", " ")).replace("|", "\\|")

    out.write("| " + " | ".join(esc(heading(f)) for f in fields) + " |\n")
    out.write("|" + "|".join("---:" if f in _NUMERIC else "---" for f in fields) + "|\n")
    for i, c in enumerate(creators, 1):
        out.write("| " + " | ".join(esc(x) for x in _cells(c, i, fields)) + " |\n")
    out.write(f"\n{esc(caption(meta))}\n")
    for line in legend(creators, fields):
        out.write(f"{line}\n")


_NUMERIC = {
    "rank",
    "followers",
    "engagement_rate",
    "score",
    "avg_likes",
    "avg_comments",
    "avg_views",
}


def render_table(
    creators: Sequence[Creator], fields: Sequence[str], out: TextIO, meta: Meta
) -> None:
    """A rich table for people, with a caption."""
    from rich import box
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    console = Console(file=out)
    table = Table(
        box=box.SIMPLE_HEAD,
        pad_edge=False,
        collapse_padding=True,
    )
    for name in ("flags", "review"):
        if name in fields and not any(getattr(c, name) for c in creators):
            fields = [f for f in fields if f != name]  # an empty column only takes room
    longest = max((len(c.handle) for c in creators), default=6)
    for f in fields:
        numeric = f in _NUMERIC
        table.add_column(
            Text(heading(f)),
            justify="right" if numeric else "left",
            no_wrap=f not in _WRAPPED,
            overflow="fold" if f in _WRAPPED else "ellipsis",
            max_width=None if numeric or f in ("handle", "score_parts", "flags", "review") else 12,
            min_width=min(longest, 14) if f == "handle" else _MIN_WIDTH.get(f),
        )
    for i, c in enumerate(creators, 1):
        # Text, not str: a cell is never read as markup; inert: never a terminal control
        table.add_row(*(Text(inert(cell)) for cell in _cells(c, i, fields)))
    console.print(table)
    console.print(one_line(caption(meta)), soft_wrap=True, highlight=False, markup=False)
    for line in legend(creators, fields):
        console.print(line, highlight=False, soft_wrap=True, markup=False)


Renderer = Callable[[Sequence[Creator], Sequence[str], TextIO, Meta], None]
RENDERERS: dict[str, Renderer] = {
    "table": render_table,
    "json": render_json,
    "jsonl": render_jsonl,
    "csv": render_csv,
    "markdown": render_markdown,
}


@dataclass
class Shortlist:
    """The creators to render, the fields to show and the caption's counts."""

    creators: Sequence[Creator]
    fields: Sequence[str]
    meta: Meta


def _registered(fn: Renderer) -> Callable[[Shortlist, TextIO], None]:
    def render(view: Shortlist, out: TextIO) -> None:
        fn(view.creators, view.fields, out, view.meta)

    return render


for _fmt, _fn in RENDERERS.items():
    register("creators", _fmt)(_registered(_fn))
auto("creators", terminal="table", pipe="json")


def default_fields(fmt: str, passthrough: Sequence[str], explain: bool = False) -> list[str]:
    """The fields a format shows when --fields is not given."""
    if fmt in ("table", "markdown"):
        if explain:
            return [
                "rank", "handle", "tier", "engagement_rate", "score", "score_parts", "flags",
                "review",
            ]  # fmt: skip
        return list(TABLE_FIELDS)
    return [*OUTPUT_FIELDS, *passthrough, *(["relevance", "score_parts"] if explain else [])]
