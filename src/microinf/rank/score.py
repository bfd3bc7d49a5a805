"""The score of a creator, and a deterministic order: pure functions, no I/O."""

from __future__ import annotations

import heapq
import math
from collections.abc import Iterable

from microinf.models import Creator
from microinf.rank.flags import check_flags
from microinf.rank.niches import NicheMatcher
from microinf.tiers.lookup import TierRules
from microinf.tiers.schema import TiersConfig, TierSpec

# HypeAuditor's Instagram benchmark (2018, ~37,000 accounts): average engagement rate by
# follower bracket. A tier's typical rate is the bracket rate at the tier's geometric middle.
ER_BRACKETS: tuple[tuple[int, float], ...] = (
    (0, 0.1058),
    (1_000, 0.0426),
    (5_000, 0.0228),
    (20_000, 0.0162),
    (100_000, 0.0155),
    (1_000_000, 0.0154),
)
SCORE_DIGITS = 4


def bracket_rate(followers: float) -> float:
    """The benchmark engagement rate of the bracket holding `followers`."""
    rate = ER_BRACKETS[0][1]
    for low, value in ER_BRACKETS:
        if followers >= low:
            rate = value
    return rate


def typical_rate(tier: TierSpec | None, followers: int) -> float:
    """What is typical for a creator's tier (or for its own size, when it has no tier)."""
    if tier is None:
        return bracket_rate(followers)
    top = tier.max if tier.max is not None else tier.min * 10
    middle = math.sqrt(max(tier.min, 1) * max(top, 1))
    return bracket_rate(middle)


def engagement_quality(rate: float | None, typical: float) -> float:
    """rate / (rate + typical): 0.5 at the typical rate, towards 1 above, 0 without a rate."""
    if rate is None or rate <= 0:
        return 0.0
    return rate / (rate + typical)


class Scorer:
    """Scores creators: relevance, engagement against the benchmark, flags (see the README)."""

    def __init__(
        self, config: TiersConfig, matcher: NicheMatcher | None = None, explain: bool = False
    ) -> None:
        self.config = config
        self.matcher = matcher
        self.explain = explain
        weights = config.ranking
        self.w_rel, self.w_eng, self.penalty = (
            weights.relevance,
            weights.engagement,
            weights.flag_penalty,
        )
        self._tiers = {t.name: t for t in TierRules(config).specs()}
        self._bench: dict[tuple[str | None, str | None], float] = {}

    def benchmark(self, tier: str | None, platform: str | None, followers: int) -> float:
        """tiers.yaml `benchmarks:` for the platform (else `default`), else HypeAuditor's."""
        key = (tier, platform)
        rate = self._bench.get(key)
        if rate is None:
            table = self.config.benchmarks
            given = table.get(platform or "", {}).get(tier or "") or table.get("default", {}).get(
                tier or ""
            )
            if given:
                rate = given
            else:
                rate = typical_rate(self._tiers.get(tier or ""), followers)
                if tier is None:
                    return rate  # by the creator's own size: not cached
            self._bench[key] = rate
        return rate

    def __call__(self, c: Creator) -> Creator:
        bench = self.benchmark(c.tier, c.platform, c.followers)
        quality = engagement_quality(c.engagement_rate, bench)
        flags = check_flags(c, bench, self.config.flags)
        relevance = self.matcher.relevance(c.niche, c.bio) if self.matcher else None
        if relevance is not None and self.w_rel + self.w_eng > 0:
            base = (self.w_rel * relevance + self.w_eng * quality) / (self.w_rel + self.w_eng)
        else:
            base = quality
        factor = (1 - self.penalty) ** len(flags)
        c.score = round(base * factor, SCORE_DIGITS)
        c.flags = tuple(name for name, _ in flags)
        if self.explain:
            c.parts = {
                "relevance": relevance,
                "engagement_quality": round(quality, SCORE_DIGITS),
                "benchmark_rate": bench,
                "engagement_rate": c.engagement_rate,
                "flag_factor": round(factor, SCORE_DIGITS),
                "flags": {name: reason for name, reason in flags},
            }
        return c


OrderKey = tuple[float, int, str, str, str, str, str, int]


def order_key(creator: Creator) -> OrderKey:
    """A total order: score descending, followers descending, then the identifying fields
    handle (ignoring case, then exactly), platform, source and line, so that the output is the
    same for any input order."""
    return (
        -creator.score,
        -creator.followers,
        creator.handle.casefold(),
        creator.handle,
        (creator.platform or "").casefold(),
        creator.platform or "",
        creator.source,
        creator.line,
    )


def rank(creators: Iterable[Creator], top: int | None = None) -> list[Creator]:
    """The creators in order, or only the best `top`, keeping at most `top` in memory."""
    if top is None:
        return sorted(creators, key=order_key)
    if top <= 0:
        for _ in creators:
            pass
        return []
    # a max-heap of the best `top` by order_key: the worst kept sits at heap[0]
    heap: list[tuple[_Neg, int, Creator]] = []
    push, replace = heapq.heappush, heapq.heapreplace
    for seq, creator in enumerate(creators):
        key = _Neg(order_key(creator))
        if len(heap) < top:
            push(heap, (key, -seq, creator))
        elif heap[0][0] < key:
            replace(heap, (key, -seq, creator))
    heap.sort(key=lambda item: (order_key(item[2]), -item[1]))
    return [c for _, _, c in heap]


class _Neg:
    """Inverts the order of a key, so that heapq's min-heap keeps the largest keys' opposite."""

    __slots__ = ("key",)

    def __init__(self, key: OrderKey) -> None:
        self.key = key

    def __lt__(self, other: _Neg) -> bool:
        return self.key > other.key

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Neg) and self.key == other.key

    __hash__ = None  # type: ignore[assignment]
