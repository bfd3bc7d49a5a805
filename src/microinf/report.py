"""`tiers check`: check config files; report problems as text, JSON or GitHub annotations."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from .config import check_text, read_config_text
from .errors import ExitCode, Location, MicroinfError, Problem


@dataclass
class FileResult:
    """The problems of one file, or why it could not be read."""

    path: str
    problems: list[Problem] = field(default_factory=list)
    unreadable: str | None = None

    def failed(self, strict: bool) -> bool:
        """True when an error (or, under --strict, a warning) was found."""
        bad = {"error", "warning"} if strict else {"error"}
        return self.unreadable is not None or any(p.severity in bad for p in self.problems)


def check_files(paths: Sequence[str]) -> list[FileResult]:
    """Check every file; one bad or unreadable file never stops the others."""
    results = []
    for path in paths:
        try:
            text = read_config_text(path)
        except MicroinfError as exc:
            if exc.exit_code == ExitCode.SOURCE:
                results.append(FileResult(path, unreadable=exc.message))
            else:
                results.append(FileResult(path, [Problem(Location(path), exc.message)]))
            continue
        _, problems = check_text(text, path)
        results.append(FileResult(path, problems))
    return results


def exit_code(results: Sequence[FileResult], strict: bool) -> ExitCode:
    """3 when a file could not be read (3 wins), 1 when any failed, else 0."""
    if any(r.unreadable for r in results):
        return ExitCode.SOURCE
    if any(r.failed(strict) for r in results):
        return ExitCode.DATA
    return ExitCode.OK


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
        lines.append(f"{where}: {severity}: {message}")
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


REPORTERS: dict[str, Callable[[Sequence[FileResult], bool], str]] = {
    "text": format_text,
    "json": format_json,
    "github": format_github,
}
