"""What `microinf classify` prints: the data on stdout, the summary lines on stderr."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import typer

from microinf.cli.common import fail, say
from microinf.errors import ExitCode, did_you_mean, suggestion

if TYPE_CHECKING:
    from microinf.jobs.classify import Result
    from microinf.rank.budget import Choice
    from microinf.render.rejects import RejectsWriter


def split_map(items: list[str]) -> dict[str, str]:
    """--map FIELD=COLUMN values as a mapping; a bad one is a usage error."""
    from microinf.read.columns import FIELDS

    mapping: dict[str, str] = {}
    for item in items:
        name, sep, column = item.partition("=")
        name = name.strip()
        if not sep or not column:
            raise typer.BadParameter(f"{item!r}: write FIELD=COLUMN", param_hint="--map")
        if name not in FIELDS:
            raise typer.BadParameter(
                f"unknown field {name!r}{suggestion(name, FIELDS)}; fields: {', '.join(FIELDS)}",
                param_hint="--map",
            )
        mapping[name] = column
    return mapping


def rejects_writer(
    path: str | None, inputs: list[str | None] | None = None
) -> RejectsWriter | None:
    """The --rejects file's writer, or None; an input named as the rejects file is refused."""
    if path is None:
        return None
    from microinf.render.rejects import RejectsWriter

    return RejectsWriter(path, [i for i in inputs or [] if i])


def report(result: Result, show_ledger: bool) -> None:
    """The budget, rejects, duplicates and ledger lines on stderr."""
    stats = result.stats
    choice = result.choice
    if choice is not None:
        how = (
            f"exact knapsack, costs rounded up to {choice.unit:g}"
            if choice.method == "exact"
            else "greedy by engagements per unit of cost: too many candidates to be exact"
        )
        say("", budget_line(choice, how))
    if stats.rejected:
        say("", f"{stats.rejected} of {stats.read} rows rejected (first: {stats.first_rejection})")
    if stats.duplicates:
        say(
            "",
            f"{stats.duplicates} duplicate rows merged (same platform and handle); "
            "--keep-duplicates keeps them",
        )
    if show_ledger:
        say(
            "",
            f"rows read {stats.read} = classified {stats.classified} + rejected {stats.rejected}"
            f" + duplicates merged {stats.duplicates}; of the classified: shown {stats.shown},"
            f" filtered out {stats.filtered}, below --top {stats.beyond_top}"
            + (f", not chosen by --budget {stats.not_chosen}" if result.choice else "")
            + (f" ({stats.flagged_out} of the filtered are flagged)" if stats.flagged_out else ""),
        )


def budget_line(choice: Choice, how: str) -> str:
    """What --budget did, with numbers that add up: offered = candidates + each reason left."""
    reasons = [
        (choice.no_cost, "with no cost"),
        (choice.no_engagement, "with no engagement rate"),
        (choice.over_budget, "costing more than the whole budget"),
    ]
    left = "; ".join(f"{n} {why}" for n, why in reasons if n)
    return (
        f"budget {choice.budget:,.0f}: {choice.offered} creators passed the filters, "
        f"{choice.candidates} of them candidates" + (f" (not: {left})" if left else "") + "; "
        f"chose {len(choice.creators)}, cost {choice.cost:,.0f}, expected engagements "
        f"{choice.engagements:,.0f} ({how})"
    )


def emit(
    result: Result, fmt: str, wanted: list[str] | None, explain: bool = False, excel: bool = False
) -> None:
    """The creators on stdout in the chosen format and fields."""
    from microinf.models import EXPLAIN_FIELDS, LOCATION_FIELDS, OUTPUT_FIELDS
    from microinf.render.creators import Meta, Shortlist, default_fields
    from microinf.render.registry import render, resolve

    fmt = resolve("creators", fmt, sys.stdout)
    if excel and fmt != "csv":
        fail([f"--excel goes with --format csv, not {fmt}"], "add --format csv", ExitCode.USAGE)
    passthrough = list(result.columns)
    fields = wanted or default_fields(fmt, passthrough, explain)
    known = {*OUTPUT_FIELDS, *LOCATION_FIELDS, *passthrough, *(EXPLAIN_FIELDS if explain else ())}
    unknown = [f for f in fields if f not in known]
    if unknown:
        every = [*OUTPUT_FIELDS, *LOCATION_FIELDS, *passthrough]
        close = did_you_mean(unknown[0], every)
        fail(
            [f"--fields: unknown field {unknown[0]!r}"],
            (f'did you mean "{close}"? ' if close else "") + "fields: " + ", ".join(every),
            ExitCode.USAGE,
        )
    stats = result.stats
    meta = Meta(
        tiers=result.tiers.origin,
        read=stats.read,
        shown=stats.shown,
        filtered=stats.filtered,
        beyond_top=stats.beyond_top,
        rejected=stats.rejected,
        duplicates=stats.duplicates,
        not_chosen=stats.not_chosen,
        excel=excel,
    )
    render("creators", fmt, Shortlist(result.creators, fields, meta), sys.stdout)
    sys.stdout.flush()
