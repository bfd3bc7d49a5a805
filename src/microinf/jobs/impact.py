"""`tiers diff --on`: which creators of a list change tier between two configs."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from microinf.jobs.classify import dup_key, iter_creators
from microinf.rank.filters import Filters
from microinf.read.options import ReadOptions
from microinf.tiers.lookup import TierRules
from microinf.tiers.schema import TiersConfig


@dataclass
class Mover:
    """A creator whose tier changes."""

    handle: str
    platform: str | None
    followers: int
    old: str | None
    new: str | None


@dataclass
class Impact:
    """How the creators of some sources move between the tiers of two configs."""

    creators: int = 0
    matrix: Counter[tuple[str | None, str | None]] = field(default_factory=Counter)
    movers: list[Mover] = field(default_factory=list)


def impact(
    old: TiersConfig, new: TiersConfig, sources: Sequence[str], options: ReadOptions | None = None
) -> Impact:
    """Classify every creator under both configs."""
    before, after = TierRules(old), TierRules(new)
    result = Impact()
    seen: set[tuple[str | None, str]] = set()
    for c in iter_creators(sources, options, filters=Filters(before)):
        key = dup_key(c)  # duplicates count once, as classify merges them
        if key in seen:
            continue
        seen.add(key)
        result.creators += 1
        a, b = c.tier, after.lookup(c.followers, c.platform)  # the reader set the old tier
        result.matrix[(a, b)] += 1
        if a != b:
            result.movers.append(Mover(c.handle, c.platform, c.followers, a, b))
    result.movers.sort(key=lambda m: (-m.followers, m.handle))
    return result
