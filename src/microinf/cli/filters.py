"""The tiers file and the filters, defined once for classify and explain."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any

import typer

from microinf.cli.inputs import adding

_FILTERS = "Filters"

TiersFile = Annotated[
    str | None,
    typer.Option(
        "--tiers",
        metavar="FILE",
        help="Tier rules file (default: $MICROINF_TIERS, ./tiers.yaml, then the built-in).",
    ),
]


@dataclass
class FilterArgs:
    """The tiers file and the filters, as given on the command line."""

    tiers: TiersFile = None
    niche: Annotated[
        list[str] | None,
        typer.Option(
            metavar="NAME",
            help="Keep creators of this niche (repeatable).",
            rich_help_panel=_FILTERS,
        ),
    ] = None
    tier: Annotated[
        list[str] | None,
        typer.Option(metavar="NAME", help="Keep this tier (repeatable).", rich_help_panel=_FILTERS),
    ] = None
    platform: Annotated[
        list[str] | None,
        typer.Option(
            metavar="NAME",
            help="Keep this platform (repeatable; aliases such as twitter or yt work).",
            rich_help_panel=_FILTERS,
        ),
    ] = None
    min_followers: Annotated[
        int | None,
        typer.Option(
            min=0,
            metavar="N",
            help="Keep creators with at least N followers.",
            rich_help_panel=_FILTERS,
        ),
    ] = None
    max_followers: Annotated[
        int | None,
        typer.Option(
            min=0,
            metavar="N",
            help="Keep creators with at most N followers.",
            rich_help_panel=_FILTERS,
        ),
    ] = None
    min_relevance: Annotated[
        float | None,
        typer.Option(
            min=0,
            max=1,
            metavar="R",
            help="With --niche, keep creators at least this relevant (default 0.25).",
            rich_help_panel=_FILTERS,
        ),
    ] = None
    exclude_flagged: Annotated[
        bool,
        typer.Option(
            "--exclude-flagged",
            help="Leave out creators with authenticity flags.",
            rich_help_panel=_FILTERS,
        ),
    ] = False
    peers: Annotated[
        bool,
        typer.Option(
            "--peers",
            help="Judge rates against the input's own creators of the same platform and tier "
            "(reads the input twice).",
            rich_help_panel=_FILTERS,
        ),
    ] = False
    top: Annotated[
        int | None,
        typer.Option(
            min=1, metavar="N", help="Keep the best N after filtering.", rich_help_panel=_FILTERS
        ),
    ] = None

    def query(self, **more: Any) -> Any:
        """The core's Query of these filters (plus classify's own settings in `more`)."""
        from microinf.jobs.query import Query

        return Query(
            niches=self.niche or [],
            tiers=self.tier or [],
            platforms=self.platform or [],
            min_followers=self.min_followers,
            max_followers=self.max_followers,
            top=self.top,
            min_relevance=self.min_relevance,
            exclude_flagged=self.exclude_flagged,
            peers=self.peers,
            **more,
        )


filter_options = adding("filters", FilterArgs)
