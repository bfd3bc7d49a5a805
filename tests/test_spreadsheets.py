"""Spreadsheets read like CSV: .xlsx (openpyxl writes the test files) and .ods (odfpy writes them)."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import EXAMPLES, ROOT, Run

ROWS = [
    ["handle", "platform", "followers", "engagement_rate", "niche", "bio"],
    ["ana.fit", "Instagram", 12500, 0.051, "fitness", "gym and #fitness daily"],
    ["bo", "tiktok", 800, None, "food", "recipes"],
    ["cy", "YouTube", 60000, 0.02, "Fitness;travel", "Café, vlogs"],
    ["di", "twitter", 2000000, 0.004, "beauty", None],
]


def as_csv(rows: list[list[object]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    for row in rows:
        writer.writerow(["" if v is None else v for v in row])
    return out.getvalue()


def write_xlsx(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


def write_ods(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table, TableCell, TableRow
    from odf.text import P

    doc = OpenDocumentSpreadsheet()
    for name, rows in sheets.items():
        table = Table(name=name)
        for row in rows:
            tr = TableRow()
            for value in row:
                if value is None:
                    cell = TableCell()
                elif isinstance(value, int | float):
                    cell = TableCell(valuetype="float", value=value)
                    cell.addElement(P(text=str(value)))
                else:
                    cell = TableCell(valuetype="string")
                    for part in str(value).split("\n"):
                        cell.addElement(P(text=part))
                tr.addElement(cell)
            # the padding LibreOffice writes: one cell repeated to the sheet's width
            tr.addElement(TableCell(numbercolumnsrepeated=1000))
            table.addElement(tr)
        table.addElement(TableRow(numberrowsrepeated=1048000))
        doc.spreadsheet.addElement(table)
    doc.save(str(path))
    return path


def creators(run: Run, *args: str, input: bytes | None = None) -> list[dict]:  # type: ignore[type-arg]
    result = run("classify", *args, "--format", "json", input=input)
    assert result.exit_code == 0, result.stderr
    rows = json.loads(result.stdout)
    return [{k: v for k, v in r.items() if k not in ("source", "line")} for r in rows]


@pytest.mark.parametrize("writer", [write_xlsx, write_ods])
def test_a_spreadsheet_reads_as_the_same_csv_does(run: Run, tmp_path: Path, writer) -> None:  # type: ignore[no-untyped-def]
    ext = "xlsx" if writer is write_xlsx else "ods"
    book = writer(tmp_path / f"c.{ext}", {"Creators": ROWS})
    text = tmp_path / "c.csv"
    text.write_text(as_csv(ROWS), encoding="utf-8")
    from_book = creators(run, str(book))
    assert from_book == creators(run, str(text))
    by_handle = {c["handle"]: c for c in from_book}
    assert set(by_handle) == {"ana.fit", "bo", "cy", "di"}
    assert by_handle["ana.fit"]["followers"] == 12500
    assert by_handle["ana.fit"]["engagement_rate"] == 0.051
    assert by_handle["cy"]["niche"] == ["Fitness", "travel"]
    assert by_handle["bo"]["engagement_rate"] is None


@pytest.mark.parametrize("writer", [write_xlsx, write_ods])
def test_title_rows_above_the_header_are_skipped_and_said(run: Run, tmp_path: Path, writer) -> None:  # type: ignore[no-untyped-def]
    ext = "xlsx" if writer is write_xlsx else "ods"
    rows = [["Spring campaign shortlist"], [], *ROWS]
    book = writer(tmp_path / f"t.{ext}", {"List": rows})
    result = run("classify", str(book), "--format", "json", "--fields", "handle,line")
    assert result.exit_code == 0, result.stderr
    got = json.loads(result.stdout)
    assert {r["handle"]: r["line"] for r in got}["ana.fit"] == 4  # the row number in the sheet
    assert "the header is row 3; 1 row(s) above it skipped (first: row 1)" in result.stderr


@pytest.mark.parametrize("writer", [write_xlsx, write_ods])
def test_sheet_by_name_or_number(run: Run, tmp_path: Path, writer) -> None:  # type: ignore[no-untyped-def]
    ext = "xlsx" if writer is write_xlsx else "ods"
    other = [["handle", "followers"], ["zed", 5000]]
    book = writer(tmp_path / f"s.{ext}", {"Notes": [["nothing here"]], "Roster": other})
    assert [c["handle"] for c in creators(run, str(book), "--sheet", "Roster")] == ["zed"]
    assert [c["handle"] for c in creators(run, str(book), "--sheet", "2")] == ["zed"]
    wrong = run("classify", str(book), "--sheet", "Rooster")
    assert wrong.exit_code == 2
    assert 'has no sheet "Rooster" (did you mean "Roster"?)' in wrong.stderr
    assert 'sheets: "Notes", "Roster"' in wrong.stderr
    # by default, the first sheet with a creator column, said on stderr
    first = run("classify", str(book), "--format", "json")
    assert [c["handle"] for c in json.loads(first.stdout)] == ["zed"]
    assert f'{book}: read sheet "Roster" of "Notes", "Roster" (choose with --sheet)' in (
        first.stderr
    )
    notes = run("classify", str(book), "--sheet", "Notes")
    assert notes.exit_code == 1
    assert "no column holds a handle or a follower count" in notes.stderr


def test_xlsx_on_stdin_is_detected(run: Run, tmp_path: Path) -> None:
    book = write_xlsx(tmp_path / "c.xlsx", {"Creators": ROWS})
    assert creators(run, "-", input=book.read_bytes()) == creators(run, str(book))


def test_xlsx_without_openpyxl_names_the_extra(tmp_path: Path) -> None:
    book = write_xlsx(tmp_path / "c.xlsx", {"Creators": ROWS})
    code = (
        "import sys; sys.modules['openpyxl'] = None\n"
        "from microinf.cli.entry import main\n"
        f"sys.argv = ['microinf', 'classify', {str(book)!r}]\n"
        "main()\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 3, done.stderr
    assert done.stdout == ""
    assert 'pip install "microinf[xlsx]"' in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize(
    ("name", "content", "says"),
    [
        ("list.parquet", b"PAR1\x15\x04\x15\x10garbage-without-an-end", "a Parquet file"),
        ("list.parquet", b"not really parquet, and text", "a .parquet file"),
        ("photo.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "a PNG image"),
        ("export.zip", b"PK\x03\x04\x14\x00\x00\x00\x08\x00data.csv", "a ZIP archive"),
        (
            "old.xls",
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(64),
            "an old Office file (.xls or .doc)",
        ),
        ("blob", bytes(range(256)) * 4, "a binary file"),
    ],
)
def test_binary_formats_are_refused_never_empty(
    run: Run, tmp_path: Path, name: str, content: bytes, says: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    result = run("classify", str(path))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert f"error: {path}: {says}, not a format microinf reads" in result.stderr
    assert "hint: " in result.stderr


def test_excel_csv_has_a_bom_and_crlf(tmp_path: Path) -> None:
    bin_dir = Path(sys.executable).parent
    args = [
        str(bin_dir / "microinf"),
        "classify",
        str(EXAMPLES / "creators.csv"),
        "--format",
        "csv",
    ]
    plain = subprocess.run(args, capture_output=True, check=True).stdout
    excel = subprocess.run([*args, "--excel"], capture_output=True, check=True).stdout
    assert excel.startswith(b"\xef\xbb\xbf")
    assert excel.count(b"\r\n") == plain.count(b"\n")
    assert excel.decode("utf-8-sig").replace("\r\n", "\n") == plain.decode("utf-8")
    assert b"\r\n" not in plain


def test_excel_needs_csv(run: Run) -> None:
    result = run("classify", str(EXAMPLES / "creators.csv"), "--excel", "--format", "json")
    assert result.exit_code == 2
    assert result.stderr.startswith("error: --excel goes with --format csv")


def test_yaml_on_stdin_is_read_as_yaml(run: Run) -> None:
    roster = EXAMPLES / "roster.yaml"
    piped = creators(run, "-", input=roster.read_bytes())
    assert piped == creators(run, str(roster))
    assert len(piped) > 5


def test_header_only_csv_with_no_known_column_is_an_error(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "h.csv"
    path.write_text("colour,size\n", encoding="utf-8")
    result = run("classify", str(path))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert 'no column holds a handle or a follower count (columns: "colour", "size")' in (
        result.stderr
    )


def test_environment_is_not_touched() -> None:
    assert "openpyxl" not in os.environ.get("PYTHONPATH", "")


def test_ods_cells_of_every_kind(tmp_path: Path) -> None:
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import CoveredTableCell, Table, TableCell, TableRow
    from odf.text import LineBreak, P, S

    from microinf.read.ods import ods_rows, ods_sheets

    def cell(**kw: object) -> TableCell:
        return TableCell(**kw)

    doc = OpenDocumentSpreadsheet()
    table = Table(name="Kinds")
    row = TableRow()
    row.addElement(cell(valuetype="percentage", value=0.043))
    row.addElement(cell(valuetype="currency", value=250, currency="EUR"))
    row.addElement(cell(valuetype="date", datevalue="2024-03-01"))
    row.addElement(cell(valuetype="boolean", booleanvalue="true"))
    text = cell(valuetype="string")
    p = P()
    p.addText("a")
    p.addElement(S(c=2))
    p.addText("b")
    p.addElement(LineBreak())
    p.addText("c")
    text.addElement(p)
    text.addElement(P(text="second paragraph"))
    row.addElement(text)
    row.addElement(cell(numbercolumnsrepeated=2))  # two empty cells inside the row
    twice = cell(valuetype="float", value=7, numbercolumnsrepeated=2)
    row.addElement(twice)
    row.addElement(CoveredTableCell())
    table.addElement(row)
    repeated = TableRow(numberrowsrepeated=2)
    repeated.addElement(cell(valuetype="float", value=1.5))
    table.addElement(repeated)
    table.addElement(TableRow(numberrowsrepeated=3))  # blank rows: counted, not yielded
    last = TableRow()
    last.addElement(cell(valuetype="string", stringvalue="x"))
    last.lastChild.addElement(P(text="end"))
    table.addElement(last)
    doc.spreadsheet.addElement(table)
    doc.spreadsheet.addElement(Table(name="Empty"))
    path = tmp_path / "kinds.ods"
    doc.save(str(path))
    data = path.read_bytes()
    assert ods_sheets(data, "kinds.ods") == ["Kinds", "Empty"]
    assert list(ods_rows(data, "kinds.ods", "Kinds")) == [
        (1, [0.043, 250.0, "2024-03-01", True, "a  b\nc\nsecond paragraph", None, None, 7.0, 7.0]),
        (2, [1.5]),
        (3, [1.5]),
        (7, ["end"]),
    ]
    assert list(ods_rows(data, "kinds.ods", "Empty")) == []


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (b"PK\x03\x04" + b"mimetypeapplication/vnd.oasis.opendocument.spreadsheet" + bytes(40),
         "not a valid .ods file"),
        (b"PK\x03\x04" + b"[Content_Types].xml xl/workbook.xml" + bytes(40),
         "not a valid .xlsx workbook"),
    ],
)  # fmt: skip
def test_broken_spreadsheets_are_data_errors(
    run: Run, tmp_path: Path, content: bytes, says: str
) -> None:
    path = tmp_path / "broken.bin"
    path.write_bytes(content)
    result = run("classify", str(path))
    assert result.exit_code == 1
    assert says in result.stderr
    assert result.stdout == ""


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=600))
def test_any_bytes_are_read_or_refused_cleanly(content: bytes) -> None:
    from microinf.errors import MicroinfError
    from microinf.jobs.classify import iter_creators

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "any"
        path.write_bytes(content)
        with contextlib.suppress(MicroinfError):  # anything else fails the test
            list(iter_creators([str(path)]))
