"""Peer statistics: the median and spread of the input's own rates per platform, tier and basis.

A separate step before scoring (a first pass over the input). Each group keeps a fixed histogram
of log rates (bins of 1% in rate, from 0.001% to 1000%), so memory is bounded whatever the input
size, the result does not depend on the input order, and the median and MAD it gives are within
half a bin (0.5% of the rate) of the exact ones.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from microinf.models import Creator
from microinf.rank.bands import basis_of
from microinf.rank.engagement import apply_engagement
from microinf.tiers.schema import TiersConfig

STEP = math.log(1.01)  # one bin: rates 1% apart
LOWEST = math.log(1e-5)
BINS = int((math.log(10.0) - LOWEST) / STEP) + 1
MAD_TO_SIGMA = 1.4826  # MAD x this estimates the standard deviation of a normal distribution

Key = tuple[str | None, str | None, str]  # platform, tier, basis
COMMENTS = "comments per like"  # the basis of a platform's comment-ratio group (tier None)


def peer_key(c: Creator) -> Key:
    """The group a creator's rate is compared with."""
    platform = c.platform.lower() if c.platform else None
    return (platform, c.tier, basis_of(platform, c.engagement_method))


@dataclass(frozen=True, slots=True)
class PeerBand:
    """A group's median rate, the spread of its log rates (robust sigma), and its size."""

    median: float
    sigma: float
    count: int


@dataclass
class _Histogram:
    counts: dict[int, int] = field(default_factory=dict)  # sparse: bin -> count
    total: int = 0

    def add(self, rate: float) -> None:
        index = min(BINS - 1, max(0, int((math.log(rate) - LOWEST) / STEP)))
        self.counts[index] = self.counts.get(index, 0) + 1
        self.total += 1

    def median_bin(self, counts: Iterable[tuple[float, int]]) -> float:
        """The median of (value, count) pairs: the middle value, or the mean of the two middle."""
        ordered = sorted(counts)
        lower_rank, upper_rank = (self.total + 1) // 2, self.total // 2 + 1  # 1-based
        lower = upper = ordered[-1][0]
        seen = 0
        for value, count in ordered:
            if seen < lower_rank <= seen + count:
                lower = value
            if seen < upper_rank <= seen + count:
                upper = value
                break
            seen += count
        return (lower + upper) / 2

    def band(self) -> PeerBand:
        middle = [(LOWEST + (i + 0.5) * STEP, n) for i, n in self.counts.items()]
        med = self.median_bin(middle)
        mad = self.median_bin((abs(v - med), n) for v, n in middle)
        return PeerBand(math.exp(med), MAD_TO_SIGMA * mad, self.total)


class PeerStats:
    """Collects rates by group; `bands(minimum)` gives the groups with enough of them."""

    def __init__(self) -> None:
        self._groups: dict[Key, _Histogram] = {}

    def add(self, c: Creator, min_likes: int = 0) -> None:
        """Count a creator's rate and comments per like (positive ones) in their groups."""
        if c.engagement_rate is not None and c.engagement_rate > 0:
            self._add(peer_key(c), c.engagement_rate)
        likes, comments = c.avg_likes, c.avg_comments
        if likes is not None and comments and likes >= max(min_likes, 1):
            platform = c.platform.lower() if c.platform else None
            self._add((platform, None, COMMENTS), comments / likes)

    def _add(self, key: Key, value: float) -> None:
        group = self._groups.get(key)
        if group is None:
            group = self._groups[key] = _Histogram()
        group.add(value)

    def bands(self, minimum: int) -> dict[Key, PeerBand]:
        """The median and robust spread of each group holding at least `minimum` rates."""
        return {k: g.band() for k, g in self._groups.items() if g.total >= minimum}


def collect(
    creators: Iterable[Creator],
    tier_of: Callable[[int, str | None], str | None],
    config: TiersConfig,
    keep_duplicates: bool = False,
) -> dict[Key, PeerBand]:
    """The peer bands of a stream of creators (each duplicate handle counted once, unless kept)."""
    stats = PeerStats()
    # the handles seen: as many as the main pass remembers to merge duplicates
    seen: set[tuple[str | None, str]] = set()
    for creator in creators:
        if not keep_duplicates:
            key = (creator.platform, creator.handle.casefold())
            if key in seen:
                continue
            seen.add(key)
        creator.tier = tier_of(creator.followers, creator.platform)
        apply_engagement(creator)
        stats.add(creator, config.flags.comment_ratio.min_likes)
    return stats.bands(config.ranking.peer_min)
