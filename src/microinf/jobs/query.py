"""The filters of a query, checked before a run: unknown names, typos, and empty results."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from microinf.errors import UsageError, did_you_mean, suggestion
from microinf.platforms import KNOWN, canonical_platform, is_known
from microinf.tiers.lookup import TierRules


@dataclass
class Query:
    """Which creators to keep and how many."""

    niches: list[str] = field(default_factory=list)
    tiers: list[str] = field(default_factory=list)
    platforms: list[str] = field(default_factory=list)
    min_followers: int | None = None
    max_followers: int | None = None
    top: int | None = None
    min_relevance: float | None = None  # None: tiers.yaml ranking.min_relevance
    exclude_flagged: bool = False
    explain: bool = False  # keep each score's parts
    budget: float | None = None  # choose the best set within this budget
    max_per_tier: int | None = None
    peers: bool = False  # compare rates with the input's own peers (a first pass)


def check_query(query: Query, index: TierRules) -> None:
    """Reject a query that cannot match: an unknown tier, a misspelt platform."""
    unknown = [t for t in query.tiers if t not in index.names()]
    if unknown:
        close = did_you_mean(unknown[0], index.names())
        raise UsageError(
            f"--tier: unknown tier {unknown[0]!r}",
            hint=(f'did you mean "{close}"? ' if close else "")
            + f"tiers in use: {', '.join(index.names())}",
        )
    for name in query.platforms:
        close = None if is_known(name) else did_you_mean(name, KNOWN)
        if close is not None:
            raise UsageError(
                f"--platform: unknown platform {name!r}",
                hint=f'did you mean "{close}"? known platforms: {", ".join(KNOWN)}',
            )


def platform_filter(names: Sequence[str]) -> frozenset[str] | None:
    """The platform values a --platform filter keeps: each name as written and canonical."""
    if not names:
        return None
    return frozenset(n.strip().lower() for n in names) | {canonical_platform(n) for n in names}


def query_notes(query: Query, unknown: Sequence[str], known_niches: Sequence[str]) -> list[str]:
    """Notes on filter values that may be typos: unknown niches and platforms."""
    notes = []
    for name in unknown:
        notes.append(
            f'niche "{name}" is not in the built-in dictionary nor in tiers.yaml `niches:`; '
            f"matching the word itself{suggestion(name, known_niches)}"
        )
    for name in query.platforms:
        if not is_known(name):
            notes.append(f'platform "{name}" is not a known one; matching it as written')
    return notes


def empty_note(query: Query, shown: int, filtered: int) -> str | None:
    """What to say when creators were classified but no filter let one through."""
    if shown or not filtered:
        return None
    used = [f"--niche {n}" for n in query.niches]
    used += [f"--tier {t}" for t in query.tiers]
    used += [f"--platform {p}" for p in query.platforms]
    if query.min_followers is not None:
        used.append(f"--min-followers {query.min_followers}")
    if query.max_followers is not None:
        used.append(f"--max-followers {query.max_followers}")
    if query.exclude_flagged:
        used.append("--exclude-flagged")
    if not used:
        return None
    return (
        f"no creator matched the filters ({', '.join(used)}): "
        f"all {filtered} classified creators were left out"
    )
