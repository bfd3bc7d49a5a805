"""`microinf summary`: counts per tier, platform, niche and flag, and distributions per tier.

The counts stream: each creator that passes the filters is counted once as it is read (the
first of its duplicates), and only counters and bounded distributions are kept.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from microinf.jobs.classify import Query, ReadOptions, classify
from microinf.jobs.quantiles import Distribution
from microinf.models import Creator
from microinf.tiers.load import LoadedTiers, load_tiers
from microinf.tiers.lookup import TierRules

MAX_NAMES = 1_000  # distinct niches (or platforms) counted by name; later ones count as other
OTHER = "(other)"


@dataclass
class TierStats:
    """The creators of one tier (None: below or above every tier)."""

    tier: str | None
    creators: int = 0
    followers: Distribution = field(default_factory=Distribution)
    engagement: Distribution = field(default_factory=Distribution)


@dataclass
class Ledger:
    """rows read = rejected + duplicates merged + filtered out + counted."""

    read: int = 0
    rejected: int = 0
    duplicates: int = 0
    filtered: int = 0
    counted: int = 0


@dataclass
class Summary:
    """What a list holds, for people to size it up."""

    tier_order: list[str]
    sources: list[str] = field(default_factory=list)
    tiers_origin: str = ""
    creators: int = 0
    tiers: dict[str | None, TierStats] = field(default_factory=dict)
    platforms: Counter[str] = field(default_factory=Counter)
    niches: Counter[str] = field(default_factory=Counter)
    flags: Counter[str] = field(default_factory=Counter)
    flagged: int = 0
    without_niche: int = 0
    without_rate: int = 0
    ledger: Ledger = field(default_factory=Ledger)
    first_rejection: str | None = None

    def add(self, c: Creator) -> None:
        """Count one creator."""
        self.creators += 1
        stats = self.tiers.get(c.tier)
        if stats is None:
            stats = self.tiers[c.tier] = TierStats(c.tier)
        stats.creators += 1
        stats.followers.add(c.followers)
        if c.engagement_rate is not None:
            stats.engagement.add(c.engagement_rate)
        else:
            self.without_rate += 1
        _count(self.platforms, c.platform or "(none)")
        if c.niche:
            for name in dict.fromkeys(n.casefold() for n in c.niche):
                _count(self.niches, name)
        else:
            self.without_niche += 1
        if c.flags:
            self.flagged += 1
            self.flags.update(c.flags)

    def by_tier(self) -> list[TierStats]:
        """Tiers lowest first (those with creators), then creators with no tier."""
        order = [*self.tier_order, *sorted(t for t in self.tiers if t and t not in self.tier_order)]
        found = [self.tiers[t] for t in order if t in self.tiers]
        return found + ([self.tiers[None]] if None in self.tiers else [])

    @property
    def exact(self) -> bool:
        """True when every quartile is exact (no distribution went over to the sketch)."""
        return all(s.followers.exact and s.engagement.exact for s in self.tiers.values())

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready, shares rounded to 4 decimals."""

        def share(n: int) -> float:
            return round(n / self.creators, 4) if self.creators else 0.0

        def counts(key: str, counter: Counter[str]) -> list[dict[str, Any]]:
            return [{key: name, "creators": n, "share": share(n)} for name, n in ordered(counter)]

        return {
            "creators": self.creators,
            "sources": self.sources,
            "tiers_file": self.tiers_origin,
            "ledger": vars(self.ledger),
            "quartiles": "exact" if self.exact else "sketch",
            "tiers": [
                {
                    "tier": s.tier,
                    "creators": s.creators,
                    "share": share(s.creators),
                    "followers": {"count": s.followers.count, **_rounded(s.followers, 1)},
                    "engagement_rate": {"count": s.engagement.count, **_rounded(s.engagement, 6)},
                }
                for s in self.by_tier()
            ],
            "platforms": counts("platform", self.platforms),
            "niches": counts("niche", self.niches),
            "without_niche": self.without_niche,
            "flags": counts("flag", self.flags),
            "flagged": self.flagged,
            "without_rate": self.without_rate,
        }


def _rounded(d: Distribution, digits: int) -> dict[str, float | int | None]:
    """min, q1, median, q3, max rounded; whole numbers as integers."""
    out: dict[str, float | int | None] = {}
    for key, value in d.five().items():
        if value is not None:
            value = round(float(value), digits)
            if value.is_integer() and digits < 3:
                value = int(value)
        out[key] = value
    return out


def ordered(counter: Counter[str]) -> list[tuple[str, int]]:
    """Most creators first, then by name; the lump of other names last."""
    items = sorted(counter.items(), key=lambda kv: (kv[0] == OTHER, -kv[1], kv[0]))
    return items


def _count(counter: Counter[str], name: str) -> None:
    if name in counter or len(counter) < MAX_NAMES:
        counter[name] += 1
    else:
        counter[OTHER] += 1


def start(tiers: LoadedTiers, sources: Sequence[str]) -> Summary:
    """An empty summary for these tiers and sources."""
    return Summary(TierRules(tiers.config).names(), list(sources), tiers.origin)


def summary(
    sources: Sequence[str],
    query: Query | None = None,
    tiers: LoadedTiers | None = None,
    options: ReadOptions | None = None,
    warn: Callable[[str], None] | None = None,
) -> Summary:
    """Read the sources and count the creators that pass the query's filters."""
    tiers = tiers or load_tiers(None)
    found = start(tiers, sources)
    # a heap of one: the ranking is not needed, only the creators passing by
    counting = Query(**{**vars(query or Query()), "top": 1, "budget": None, "explain": False})
    result = classify(sources, counting, tiers, options, warn, observe=found.add)
    stats = result.stats
    found.ledger = Ledger(
        stats.read, stats.rejected, stats.duplicates, stats.filtered, found.creators
    )
    found.first_rejection = stats.first_rejection
    return found
