"""--rejects FILE: every rejected row, with its original fields, source, line and reason."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import IO, Any

from microinf.errors import SourceError, UsageError
from microinf.read.records import RowError

_LOCATION = ("source", "line", "reason")


class RejectsWriter:
    """Writes rejected rows as they arrive: CSV or JSONL, by the file's extension."""

    def __init__(self, path: str) -> None:
        suffix = Path(path).suffix.lower()
        if suffix not in (".csv", ".jsonl", ".ndjson"):
            raise UsageError(
                f"--rejects {path}: use a .csv or .jsonl file name", hint="e.g. --rejects bad.csv"
            )
        self.path = path
        self.kind = "csv" if suffix == ".csv" else "jsonl"
        try:
            self._file: IO[str] = open(path, "w", encoding="utf-8", newline="")  # noqa: SIM115
        except OSError as exc:
            raise SourceError(f"--rejects {path}: cannot write ({exc.strerror})") from None
        self._writer: Any = None
        self._columns: list[str] = []

    def write(self, err: RowError) -> None:
        """One rejected row."""
        original = {str(k): v for k, v in err.original.items()}
        where = {"source": err.location.source, "line": err.location.line, "reason": err.reason}
        if self.kind == "jsonl":
            record = {**original, **where}
            self._file.write(json.dumps(record, ensure_ascii=False, default=str) + "\n")
            return
        if self._writer is None:
            self._columns = [c for c in original if c not in _LOCATION]
            self._writer = csv.writer(self._file, lineterminator="\n")
            self._writer.writerow([*_LOCATION, *self._columns, "other_fields"])
        others = {k: v for k, v in original.items() if k not in self._columns}
        row = [where["source"], where["line"], where["reason"]]
        row += [_cell(original.get(c)) for c in self._columns]
        row.append(json.dumps(others, ensure_ascii=False, default=str) if others else "")
        self._writer.writerow(row)

    def close(self) -> None:
        """Flush and close the file."""
        self._file.close()


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False, default=str)
    return str(value)
