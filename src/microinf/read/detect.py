"""What a source's first bytes say: a spreadsheet, another binary format, or a YAML document."""

from __future__ import annotations

import re

from microinf.errors import DataError

SPREADSHEETS = ("xlsx", "ods")
_SPREADSHEET_EXTENSIONS = {"xlsx": "xlsx", "xlsm": "xlsx", "ods": "ods"}

# (magic bytes at offset 0, what the file is)
_MAGIC = (
    (b"PAR1", "a Parquet file"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Office file (.xls or .doc)"),
    (b"%PDF", "a PDF document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\xfd7zXZ\x00", "an xz-compressed file"),
    (b"\x28\xb5\x2f\xfd", "a Zstandard-compressed file"),
    (b"ARROW1", "an Arrow or Feather file"),
    (b"Obj\x01", "an Avro file"),
    (b"\x7fELF", "a program"),
)
_HINTS = {
    "a Parquet file": "export it as CSV first, e.g. with DuckDB: "
    "COPY (SELECT * FROM 'FILE') TO 'creators.csv'",
    "an old Office file (.xls or .doc)": "save it as .xlsx, .ods or CSV",
}


_BINARY_EXTENSIONS = frozenset(
    {"parquet", "pq", "feather", "arrow", "avro", "orc", "xls", "xlsb", "numbers", "pdf", "png",
     "jpg", "jpeg", "gif", "webp", "zip", "tar", "7z", "rar", "sqlite", "db", "docx", "pptx"}
)  # fmt: skip
_CONTROL = frozenset(range(32)) - {9, 10, 12, 13, 27}


def _binary(head: bytes) -> bool:
    # text holds no NUL and almost no control characters; binary data is full of them
    sample = head[:4096]
    if b"\x00" in sample:
        return True
    return bool(sample) and sum(b in _CONTROL for b in sample) > len(sample) // 20


def _zip_kind(head: bytes) -> str:
    # the first entries' names sit in the local headers near the start of the archive
    if b"opendocument.spreadsheet" in head[:200]:
        return "ods"
    if b"xl/" in head or (b"[Content_Types].xml" in head and b"word/" not in head):
        return "xlsx"
    if b"opendocument" in head[:200] or b"word/" in head or b"ppt/" in head:
        return "a document that is not a spreadsheet"
    return "a ZIP archive"


def binary_format(name: str, head: bytes) -> str | None:
    """`xlsx` or `ods` for a spreadsheet, None for text; other binary formats are refused."""
    kind: str | None = None
    if head.startswith(b"PK\x03\x04"):
        kind = _zip_kind(head)
        if kind in SPREADSHEETS:
            return kind
    if kind is None:
        kind = next((what for magic, what in _MAGIC if head.startswith(magic)), None)
    if kind is None and head[8:12] == b"WEBP" and head.startswith(b"RIFF"):
        kind = "a WebP image"
    if kind is None and head[257:262] == b"ustar":
        kind = "a tar archive"
    if kind is None and re.match(rb"BZh[1-9]1AY&SY", head):
        kind = "a bzip2-compressed file"
    if kind is None and not head.startswith((b"\xff\xfe", b"\xfe\xff")) and _binary(head):
        kind = "a binary file"
    ext = name.lower().split("?", 1)[0].removesuffix(".gz").rsplit(".", 1)[-1]
    if kind is None and ext in _BINARY_EXTENSIONS:
        kind = f"a .{ext} file"
    if kind is None:
        return None
    hint = _HINTS.get(kind, "give CSV, TSV, JSON, JSON Lines, YAML, .xlsx or .ods")
    raise DataError(f"{name}: {kind}, not a format microinf reads", hint=hint.replace("FILE", name))


def spreadsheet_extension(name: str) -> str | None:
    """`xlsx` or `ods` from a file name's extension."""
    base = name.lower().split("?", 1)[0]
    return _SPREADSHEET_EXTENSIONS.get(base.rsplit(".", 1)[-1]) if "." in base else None


_YAML_KEY = re.compile(r"""^(?:[A-Za-z_][\w .\-]*|"[^"]*"|'[^']*')\s*:(?:\s|$)""")


def looks_like_yaml(text: str) -> bool:
    """True when the first lines that are not comments read as a YAML mapping or list."""
    lines = [line for line in text.splitlines()[:50] if line.strip() and not line.startswith("#")][
        :2
    ]
    if not lines:
        return False
    first = lines[0]
    if first.startswith(("---", "- ", "%YAML")):
        return True
    if not _YAML_KEY.match(first):
        return False
    # a key line; a CSV header never holds ": " before its first delimiter
    second = lines[1] if len(lines) > 1 else ""
    return not second or second.startswith((" ", "- ", "\t")) or bool(_YAML_KEY.match(second))
