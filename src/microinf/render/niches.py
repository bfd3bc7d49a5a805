"""The niche report: text for people, JSON for scripts."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, TextIO

from microinf.render.registry import register

if TYPE_CHECKING:
    from microinf.jobs.niches import NicheReport


def _inert(text: str) -> str:
    return "".join(ch if ch.isprintable() else "?" for ch in text)


@register("niches", "text")
def _text(report: NicheReport, out: TextIO) -> None:
    if not report.categories:
        for name, keywords in report.niches.items():
            out.write(f"{name}: {' '.join(keywords[1:])}\n")
        return
    missed = report.unreached
    total = sum(c.creators for c in missed)
    out.write(
        f"{len(missed)} of {len(report.categories)} categories reach no niche "
        f"(held {total} times):\n"
    )
    for c in missed:
        out.write(f"  {c.creators:>6}  {_inert(c.category)}\n")
    reached = [c for c in report.categories if c.niches]
    if reached:
        out.write(f"{len(reached)} reach a niche:\n")
        for c in reached:
            out.write(f"  {c.creators:>6}  {_inert(c.category)} -> {', '.join(c.niches)}\n")


@register("niches", "json")
def _json(report: NicheReport, out: TextIO) -> None:
    data = {
        "niches": report.niches,
        "categories": [
            {"category": c.category, "creators": c.creators, "niches": c.niches}
            for c in report.categories
        ],
    }
    out.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
