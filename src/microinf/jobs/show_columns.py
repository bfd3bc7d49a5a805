"""--show-columns: what each source holds and which column feeds which field."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import islice

from microinf.read.columns import Plan, plan_for
from microinf.read.options import ReadOptions
from microinf.read.sources import open_source
from microinf.read.tables import table_of
from microinf.read.values import flatten

SAMPLE = 1000  # JSON/YAML records looked at for their keys


@dataclass
class Survey:
    """One source's format, its column plan and the warnings the plan raised."""

    source: str
    format: str
    plan: Plan
    warnings: list[str] = field(default_factory=list)


def survey(sources: Sequence[str], options: ReadOptions | None = None) -> list[Survey]:
    """The column mapping chosen for each source, without reading past its first records."""
    options = options or ReadOptions()
    out: list[Survey] = []
    for spec in sources:
        with open_source(spec, None, options.max_bytes, options.timeout, options.limits) as opened:
            table = table_of(opened, options)
            if table.header is not None:
                headers = list(table.header)
            else:
                keys: dict[str, None] = {}
                for _, record in islice(table.rows, SAMPLE):
                    if isinstance(record, dict):
                        keys.update(dict.fromkeys(flatten(record)))
                headers = list(keys)
            plan = plan_for(headers, options.columns or None)
            warnings = [
                f'columns "{kept}" and "{ignored}" both look like {name}; using "{kept}"'
                for name, kept, ignored in plan.columns.competing
            ]
            out.append(Survey(opened.name, table.format, plan, warnings + table.notes))
    return out


def describe(surveys: Sequence[Survey]) -> str:
    """The surveys as text: one block per source."""
    lines: list[str] = []
    for s in surveys:
        lines.append(f"{s.source} ({s.format})")
        fields = s.plan.columns.fields
        width = max((len(f) for f in fields), default=6)
        for name, column in fields.items():
            more = s.plan.columns.secondary.get(name, [])
            extra = "".join(f' + "{_one_line(c)}"' for c in more)
            lines.append(f'  {name:<{width}} <- "{_one_line(column)}"{extra}')
        for name in ("handle", "followers"):
            if name not in fields and not (name == "handle" and "url" in fields):
                lines.append(f"  {name:<{width}} <- (none: use --map {name}=COLUMN)")
        if s.plan.passthrough:
            kept = ", ".join(f'"{_one_line(c)}"' for c in s.plan.passthrough)
            lines.append(f"  passed through: {kept}")
        for warning in s.warnings:
            lines.append(f"  warning: {warning}")
    return "\n".join(lines) + "\n"


def _one_line(text: str) -> str:
    return text.replace("\r", "\\r").replace("\n", "\\n")
