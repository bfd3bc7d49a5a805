"""`microinf report`: one self-contained HTML page with the summary and the shortlist."""

from __future__ import annotations

import sys
from datetime import date
from typing import Annotated

import typer

from microinf.cli import filters as f
from microinf.cli.common import errors_to_exit_codes, say, warn
from microinf.cli.inputs import Inputs, with_inputs
from microinf.cli.output import report as report_lines


@with_inputs
def report(
    sources: Annotated[
        list[str], typer.Argument(help="Creator lists: paths, - for stdin, URLs.", metavar="SOURCE")
    ],
    output: Annotated[
        str,
        typer.Option(
            "--output", "-o", metavar="FILE", help="The HTML file to write (- for stdout)."
        ),
    ],
    tiers: f.Tiers = None,
    niche: f.Niche = None,
    tier: f.Tier = None,
    platform: f.Platform = None,
    min_followers: f.MinFollowers = None,
    max_followers: f.MaxFollowers = None,
    min_relevance: f.MinRelevance = None,
    exclude_flagged: f.ExcludeFlagged = False,
    budget: Annotated[
        float | None,
        typer.Option(min=0, metavar="AMOUNT", help="Shortlist the best set within this budget."),
    ] = None,
    max_per_tier: Annotated[
        int | None, typer.Option(min=1, metavar="N", help="With --budget, at most N per tier.")
    ] = None,
    top: Annotated[int, typer.Option(min=1, metavar="N", help="Creators on the shortlist.")] = 50,
    title: Annotated[
        str, typer.Option(metavar="TEXT", help="The page's title.")
    ] = "Creator report",
    *,
    inputs: Inputs,
) -> None:
    """Write an HTML report: summary charts, the shortlist with flags and reasons, tiers, sources.

    Example: microinf report creators.csv --niche fitness --top 20 -o report.html
    """
    with errors_to_exit_codes(), inputs.read_options() as options:
        from microinf.jobs.report import report as run
        from microinf.render.atomic import write_atomic
        from microinf.render.report import ReportView, page
        from microinf.tiers.load import load_tiers, resolve_tiers_path

        if inputs.shown_columns(sources, options):
            return
        query = f.query(
            niches=niche, tiers=tier, platforms=platform, min_followers=min_followers,
            max_followers=max_followers, min_relevance=min_relevance,
            exclude_flagged=exclude_flagged, top=top, budget=budget, max_per_tier=max_per_tier,
        )  # fmt: skip
        found = run(sources, query, load_tiers(resolve_tiers_path(tiers)), options, warn=warn)
        inputs.close()
        ledger = found.summary.ledger
        report_lines(found.result, False)
        html = page(ReportView(found, title, date.today().isoformat()))
        if output == "-":
            sys.stdout.write(html)
            sys.stdout.flush()
            return
        write_atomic(output, html)
        say("", f"wrote {output}: {found.result.stats.shown} of {ledger.counted} creators")
