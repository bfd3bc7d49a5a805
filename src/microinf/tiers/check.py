"""`tiers check`: check config files; one bad or unreadable file never stops the others."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from microinf.errors import ExitCode, Location, MicroinfError, Problem
from microinf.tiers.load import check_text, read_config_text


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
