"""--rejects FILE: every rejected row, with its original fields, source, line and reason."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from microinf.errors import UsageError
from microinf.read.records import RowError
from microinf.render.creators import csv_cell, to_json, write_csv_row
from microinf.render.files import AtomicFile

_LOCATION = ("source", "line", "reason")


class RejectsWriter:
    """Writes rejected rows as they arrive (CSV or JSONL, by the extension) to a temporary file
    that replaces FILE on close(commit=True): a run that fails early leaves FILE as it was."""

    def __init__(self, path: str, inputs: Iterable[str] = ()) -> None:
        suffix = Path(path).suffix.lower()
        if suffix not in (".csv", ".jsonl", ".ndjson"):
            raise UsageError(
                f"--rejects {path}: use a .csv or .jsonl file name", hint="e.g. --rejects bad.csv"
            )
        self.path = path
        self.kind = "csv" if suffix == ".csv" else "jsonl"
        self._out = AtomicFile(path, inputs, "--rejects")
        self._writer: Any = None
        self._columns: list[str] = []

    def write(self, err: RowError) -> None:
        """One rejected row."""
        original = _renamed({str(k): v for k, v in err.original.items()})
        where = {"source": err.location.source, "line": err.location.line, "reason": err.reason}
        if self.kind == "jsonl":
            self._out.write(to_json({**original, **where}) + "\n")
            return
        if self._writer is None:
            self._columns = list(original)
            self._writer = csv.writer(self._out, lineterminator="\n")
            header = [*_LOCATION, *self._columns, "other_fields"]
            self._row([csv_cell(c) for c in header])
        others = {k: v for k, v in original.items() if k not in self._columns}
        row = [where["source"], str(where["line"]), where["reason"]]
        row += [_cell(original.get(c)) for c in self._columns]
        row.append(to_json(others) if others else "")
        self._row([csv_cell(c) for c in row])

    def _row(self, cells: list[str]) -> None:
        write_csv_row(self._writer, self._out, cells)  # type: ignore[arg-type]

    def close(self, commit: bool = True) -> None:
        """Put the file in place (commit), or drop it and leave FILE untouched."""
        if commit:
            self._out.commit()
        else:
            self._out.discard()


def _renamed(original: dict[str, Any]) -> dict[str, Any]:
    # an input column named source, line or reason keeps its value under input_<name>
    if not any(k in _LOCATION for k in original):
        return original
    out: dict[str, Any] = {}
    for key, value in original.items():
        if key in _LOCATION:
            name = f"input_{key}"
            n = 1
            while name in original or name in out:
                n += 1
                name = f"input_{key}_{n}"
            key = name
        out[key] = value
    return out


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False, default=str)
    return str(value)
