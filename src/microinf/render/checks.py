"""`tiers check` results rendered: text lines, JSON, or GitHub annotations."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, TextIO

from microinf.render.registry import register
from microinf.render.safe import one_line

if TYPE_CHECKING:
    from microinf.tiers.check import FileResult


@dataclass
class CheckReport:
    """The results of one `tiers check` run and whether warnings fail."""

    results: Sequence[FileResult]
    strict: bool


def _rows(results: Sequence[FileResult]) -> list[tuple[str, int, int, str, str]]:
    rows = []
    for r in results:
        if r.unreadable:
            rows.append((r.path, 0, 0, "error", r.unreadable.removeprefix(f"{r.path}: ")))
        for p in r.problems:
            rows.append(
                (r.path, p.location.line or 0, p.location.column or 0, p.severity, p.message)
            )
    return rows


def format_text(results: Sequence[FileResult], strict: bool) -> str:
    """FILE:LINE:COL: severity: message lines, then a one-line summary."""
    lines = []
    rows = _rows(results)
    for path, line, col, severity, message in rows:
        where = f"{path}:{line}:{col}" if line else path
        lines.append(one_line(f"{where}: {severity}: {message}"))
    counts = {s: sum(1 for row in rows if row[3] == s) for s in ("error", "warning", "note")}
    failed = sum(1 for r in results if r.failed(strict))
    parts = [f"{n} {s}{'s' if n != 1 else ''}" for s, n in counts.items() if n]
    files = f"{len(results)} file{'s' if len(results) != 1 else ''} checked"
    verdict = f"{failed} failed" if failed else "all passed"
    lines.append(f"{files}: {verdict}" + (f" ({', '.join(parts)})" if parts else ""))
    return "\n".join(lines) + "\n"


def format_json(results: Sequence[FileResult], strict: bool) -> str:
    """A JSON list of {file, line, column, severity, message}."""
    items = [
        {"file": f, "line": line or None, "column": col or None, "severity": s, "message": m}
        for f, line, col, s, m in _rows(results)
    ]
    return json.dumps(items, indent=2, ensure_ascii=False) + "\n"


def _escape(text: str, *, prop: bool = False) -> str:
    # GitHub workflow commands: %, CR and LF in data; also : and , in properties
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    text = one_line(text)
    return text.replace(":", "%3A").replace(",", "%2C") if prop else text


def format_github(results: Sequence[FileResult], strict: bool) -> str:
    """::error file=F,line=L,col=C::message lines, which GitHub Actions shows on the diff."""
    lines = []
    for path, line, col, severity, message in _rows(results):
        kind = {"error": "error", "warning": "warning"}.get(severity, "notice")
        where = f"file={_escape(path, prop=True)}"
        if line:
            where += f",line={line},col={col}"
        lines.append(f"::{kind} {where}::{_escape(message)}")
    return "\n".join(lines) + ("\n" if lines else "")


@register("checks", "text")
def _text(report: CheckReport, out: TextIO) -> None:
    out.write(format_text(report.results, report.strict))


@register("checks", "json")
def _json(report: CheckReport, out: TextIO) -> None:
    out.write(format_json(report.results, report.strict))


@register("checks", "github")
def _github(report: CheckReport, out: TextIO) -> None:
    out.write(format_github(report.results, report.strict))
