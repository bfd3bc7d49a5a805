"""The command line: parse options, call the core, pick a renderer, map errors to exit codes."""

from __future__ import annotations

from typing import Annotated

import typer

from microinf import __version__
from microinf.cli import classify, compare, explain, niches, report, sql, summary, tiers
from microinf.cli.usage import Group

HELP = {"help_option_names": ["-h", "--help"]}

app = typer.Typer(
    name="microinf",
    cls=Group,
    context_settings=HELP,
    help="Classify and rank creator lists into follower tiers.\n\n"
    "Example: microinf classify creators.csv --niche fitness --top 20",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

app.command()(classify.classify)
app.command()(explain.explain)
app.command()(niches.niches)
app.command()(summary.summary)
app.command()(report.report)
app.command()(compare.compare)
app.command()(sql.sql)
app.add_typer(tiers.tiers_app, name="tiers")


def _version(value: bool) -> None:
    if value:
        print(f"microinf {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """Classify and rank creator lists into follower tiers.

    Example: microinf classify creators.csv --niche fitness --top 20
    """
