"""`microinf report`: the summary of the creators that pass the filters, and their shortlist."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from microinf.jobs.classify import Query, ReadOptions, Result, classify
from microinf.jobs.summary import Ledger, Summary, start
from microinf.tiers.load import LoadedTiers, load_tiers
from microinf.tiers.schema import TierSpec


@dataclass
class Report:
    """Everything a report page shows."""

    summary: Summary
    result: Result
    query: Query
    tiers: list[tuple[str, list[TierSpec]]]  # ("default" or a platform, its tiers)

    def filters(self) -> list[str]:
        """The filters as they were given on the command line."""
        q = self.query
        found = [f"--niche {n}" for n in q.niches]
        found += [f"--tier {t}" for t in q.tiers] + [f"--platform {p}" for p in q.platforms]
        for flag, value in (
            ("--min-followers", q.min_followers),
            ("--max-followers", q.max_followers),
            ("--min-relevance", q.min_relevance),
            ("--budget", q.budget),
            ("--max-per-tier", q.max_per_tier),
            ("--top", q.top),
        ):
            if value is not None:
                found.append(f"{flag} {value:g}")
        if q.exclude_flagged:
            found.append("--exclude-flagged")
        return found


def report(
    sources: Sequence[str],
    query: Query | None = None,
    tiers: LoadedTiers | None = None,
    options: ReadOptions | None = None,
    warn: Callable[[str], None] | None = None,
) -> Report:
    """Classify with the query (scores explained), counting every creator that passes."""
    query = query or Query()
    tiers = tiers or load_tiers(None)
    found = start(tiers, sources)
    explained = Query(**{**vars(query), "explain": True})
    result = classify(sources, explained, tiers, options, warn, observe=found.add)
    stats = result.stats
    found.ledger = Ledger(
        stats.read, stats.rejected, stats.duplicates, stats.filtered, found.creators
    )
    found.first_rejection = stats.first_rejection
    config = tiers.config
    lists = [("default", config.tier_list())]
    lists += [(name, p.tiers) for name, p in sorted(config.platforms.items())]
    return Report(found, result, query, lists)
