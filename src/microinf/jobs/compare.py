"""`microinf compare OLD NEW`: two snapshots of a list, creator by creator.

Creators are matched by (platform, handle ignoring case), as classify merges duplicates; within
a snapshot a duplicate fills the first record's empty fields and is counted once.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from microinf.jobs.classify import ReadOptions, _Counter, dup_key, fill, iter_creators
from microinf.models import Creator
from microinf.rank.filters import Filters
from microinf.tiers.load import LoadedTiers, load_tiers
from microinf.tiers.lookup import TierRules

Key = tuple[str | None, str]


@dataclass
class Snapshot:
    """One side: its source and the rows that became creators."""

    source: str
    read: int = 0
    rejected: int = 0
    duplicates: int = 0
    first_rejection: str | None = None
    creators: dict[Key, Creator] = field(default_factory=dict)


@dataclass
class Change:
    """One creator across the two snapshots; `status` is kept, new or gone."""

    handle: str
    platform: str | None
    name: str | None
    status: str
    old_followers: int | None
    new_followers: int | None
    old_tier: str | None
    new_tier: str | None
    old_engagement: float | None
    new_engagement: float | None

    @property
    def growth(self) -> int | None:
        """Followers gained (negative: lost)."""
        if self.old_followers is None or self.new_followers is None:
            return None
        return self.new_followers - self.old_followers

    @property
    def growth_pct(self) -> float | None:
        """Growth as a fraction of the old count (None from 0 followers)."""
        growth = self.growth
        if growth is None or not self.old_followers:
            return None
        return growth / self.old_followers

    @property
    def engagement_change(self) -> float | None:
        """New rate minus old rate (0.01 is one percentage point)."""
        if self.old_engagement is None or self.new_engagement is None:
            return None
        return self.new_engagement - self.old_engagement

    @property
    def tier_moved(self) -> bool:
        """True for a kept creator whose tier changed."""
        return self.status == "kept" and self.old_tier != self.new_tier

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready; rates and fractions rounded to 6 decimals."""
        return {
            "handle": self.handle,
            "platform": self.platform,
            "name": self.name,
            "status": self.status,
            "old_followers": self.old_followers,
            "new_followers": self.new_followers,
            "growth": self.growth,
            "growth_pct": _round(self.growth_pct),
            "old_tier": self.old_tier,
            "new_tier": self.new_tier,
            "tier_moved": self.tier_moved,
            "old_engagement_rate": _round(self.old_engagement),
            "new_engagement_rate": _round(self.new_engagement),
            "engagement_change": _round(self.engagement_change),
        }


CHANGE_FIELDS = (
    "handle", "platform", "name", "status", "old_followers", "new_followers", "growth",
    "growth_pct", "old_tier", "new_tier", "tier_moved", "old_engagement_rate",
    "new_engagement_rate", "engagement_change",
)  # fmt: skip


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 6)


@dataclass
class Comparison:
    """Every creator of either snapshot, and the tiers' order for the matrix."""

    old: Snapshot
    new: Snapshot
    changes: list[Change]
    tier_order: list[str]
    tiers_origin: str

    def count(self, status: str) -> int:
        """How many creators are kept, new or gone."""
        return sum(1 for c in self.changes if c.status == status)

    def matrix(self) -> Counter[tuple[str | None, str | None]]:
        """Kept creators by (old tier, new tier)."""
        return Counter((c.old_tier, c.new_tier) for c in self.changes if c.status == "kept")

    def tiers_seen(self) -> list[str | None]:
        """The tiers of the matrix, lowest first, no tier last."""
        used = {t for pair in self.matrix() for t in pair}
        order: list[str | None] = [t for t in self.tier_order if t in used]
        order += sorted(t for t in used if t is not None and t not in self.tier_order)
        return order + ([None] if None in used else [])

    def movers(self, n: int, gainers: bool = True) -> list[Change]:
        """The n kept creators that grew (or shrank) the most, in percent of their followers."""
        kept = [c for c in self.changes if c.growth_pct is not None]
        if gainers:
            found = [c for c in kept if (c.growth or 0) > 0]
            found.sort(key=lambda c: (-(c.growth_pct or 0), -(c.growth or 0), c.handle))
        else:
            found = [c for c in kept if (c.growth or 0) < 0]
            found.sort(key=lambda c: (c.growth_pct or 0, c.growth or 0, c.handle))
        return found[:n]

    def engagement_movers(self, n: int) -> list[Change]:
        """The n kept creators whose engagement rate changed the most, either way."""
        found = [c for c in self.changes if c.engagement_change]
        found.sort(key=lambda c: (-abs(c.engagement_change or 0), c.handle))
        return found[:n]


def compare(
    old: str,
    new: str,
    tiers: LoadedTiers | None = None,
    options: ReadOptions | None = None,
    warn: Callable[[str], None] | None = None,
) -> Comparison:
    """Read both snapshots and pair their creators."""
    tiers = tiers or load_tiers(None)
    rules = TierRules(tiers.config)
    before = _counted(old, rules, options, warn)
    after = _counted(new, rules, options, warn)
    changes = []
    for key, b in after.creators.items():
        a = before.creators.get(key)
        if a is None:
            changes.append(_change(None, b))
        else:
            changes.append(_change(a, b))
    for key, a in before.creators.items():
        if key not in after.creators:
            changes.append(_change(a, None))
    order = {"kept": 0, "new": 1, "gone": 2}
    changes.sort(
        key=lambda c: (
            order[c.status],
            -(c.growth or 0),
            -(c.new_followers or c.old_followers or 0),
            c.handle.casefold(),
            c.platform or "",
        )
    )
    return Comparison(before, after, changes, rules.names(), tiers.origin)


def _counted(
    source: str,  # one snapshot; duplicates are always merged (they cannot be paired)
    rules: TierRules,
    options: ReadOptions | None,
    warn: Callable[[str], None] | None,
) -> Snapshot:
    counter = _Counter()
    snap = Snapshot(source)
    options = options or ReadOptions()
    for c in iter_creators([source], options, warn, Filters(rules), counter):
        key = dup_key(c)
        known = snap.creators.get(key)
        if known is not None:
            snap.duplicates += 1
            fill(known, c)
            continue
        snap.creators[key] = c
    snap.read, snap.rejected, snap.first_rejection = counter.seen, counter.rejected, counter.first
    return snap


def _change(a: Creator | None, b: Creator | None) -> Change:
    c = b or a
    assert c is not None
    return Change(
        handle=c.handle,
        platform=c.platform,
        name=c.name,
        status="kept" if a and b else ("new" if b else "gone"),
        old_followers=a.followers if a else None,
        new_followers=b.followers if b else None,
        old_tier=a.tier if a else None,
        new_tier=b.tier if b else None,
        old_engagement=a.engagement_rate if a else None,
        new_engagement=b.engagement_rate if b else None,
    )
