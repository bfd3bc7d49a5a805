"""The filter options that summary and report share with classify's."""

from __future__ import annotations

from typing import Annotated, Any

import typer

Tiers = Annotated[
    str | None,
    typer.Option(
        "--tiers",
        metavar="FILE",
        help="Tier rules file (default: $MICROINF_TIERS, ./tiers.yaml, then the built-in).",
    ),
]
Niche = Annotated[
    list[str] | None, typer.Option(metavar="NAME", help="Keep creators of this niche (repeatable).")
]
Tier = Annotated[
    list[str] | None, typer.Option(metavar="NAME", help="Keep this tier (repeatable).")
]
Platform = Annotated[
    list[str] | None, typer.Option(metavar="NAME", help="Keep this platform (repeatable).")
]
MinFollowers = Annotated[
    int | None, typer.Option(min=0, metavar="N", help="Keep creators with at least N followers.")
]
MaxFollowers = Annotated[
    int | None, typer.Option(min=0, metavar="N", help="Keep creators with at most N followers.")
]
MinRelevance = Annotated[
    float | None,
    typer.Option(
        min=0, max=1, metavar="R", help="With --niche, keep creators at least this relevant."
    ),
]
ExcludeFlagged = Annotated[
    bool, typer.Option("--exclude-flagged", help="Leave out creators with authenticity flags.")
]


def query(**values: Any) -> Any:
    """The core's Query from filter option values (None lists become empty)."""
    from microinf.jobs.classify import Query

    for name in ("niches", "tiers", "platforms"):
        values[name] = values.get(name) or []
    return Query(**values)
