"""`microinf report`: one self-contained HTML page with the summary and the shortlist."""

from __future__ import annotations

import sys
from datetime import date
from typing import Annotated

import typer

from microinf.cli.common import errors_to_exit_codes, say, warn
from microinf.cli.filters import FilterArgs, filter_options
from microinf.cli.inputs import Inputs, input_options
from microinf.cli.output import report as report_lines

SHORTLIST = 50  # creators on the shortlist when --top is not given


@filter_options
@input_options
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
    filters: FilterArgs,
    inputs: Inputs,
    budget: Annotated[
        float | None,
        typer.Option(min=0, metavar="AMOUNT", help="Shortlist the best set within this budget."),
    ] = None,
    max_per_tier: Annotated[
        int | None, typer.Option(min=1, metavar="N", help="With --budget, at most N per tier.")
    ] = None,
    title: Annotated[
        str, typer.Option(metavar="TEXT", help="The page's title.")
    ] = "Creator report",
) -> None:
    """Write an HTML report: summary charts, the shortlist with flags and reasons, tiers, sources.

    The shortlist holds the best 50 unless --top says otherwise.

    Example: microinf report creators.csv --niche fitness --top 20 -o report.html
    """
    with errors_to_exit_codes():
        from microinf.jobs.report import report as run
        from microinf.render.atomic import write_atomic
        from microinf.render.report import ReportView, page
        from microinf.tiers.load import load_tiers, resolve_tiers_path

        with inputs.read_options(sources) as options:
            if inputs.show(sources, options):
                return
            query = filters.query(budget=budget, max_per_tier=max_per_tier)
            if query.top is None:
                query.top = SHORTLIST
            loaded = load_tiers(resolve_tiers_path(filters.tiers))
            found = run(sources, query, loaded, options, warn=warn)
        ledger = found.summary.ledger
        report_lines(found.result, False)
        html = page(ReportView(found, title, date.today().isoformat()))
        if output == "-":
            sys.stdout.write(html)
            sys.stdout.flush()
            return
        write_atomic(output, html)
        say("", f"wrote {output}: {found.result.stats.shown} of {ledger.counted} creators")
