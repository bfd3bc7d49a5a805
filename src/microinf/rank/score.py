"""The score of a creator, and a deterministic order: pure functions, no I/O."""

from __future__ import annotations

import heapq
import math
from collections.abc import Iterable, Mapping

from microinf.models import Creator
from microinf.rank.bands import NEUTRAL, PUBLISHED, Band, bracket, good_of, tier_middle
from microinf.rank.engagement import apply_engagement
from microinf.rank.flags import check_flags, penalty_factor, severity
from microinf.rank.niches import NicheMatcher
from microinf.rank.peers import COMMENTS, Key, PeerBand, peer_key
from microinf.tiers.lookup import TierRules
from microinf.tiers.schema import TiersConfig, TierSpec
from microinf.tiers.scoring import Benchmark

SCORE_DIGITS = 4
MIN_PEER_SIGMA = 0.25  # a group of near-identical rates still gets a plausible range


def engagement_quality(rate: float | None, typical: float) -> float:
    """rate / (rate + typical): 0.5 at the typical rate, towards 1 above, 0 without a rate."""
    if rate is None or rate <= 0:
        return 0.0
    return rate / (rate + typical)


def typical_rate(tier: TierSpec | None, followers: int) -> float:
    """The published Instagram typical rate for a tier (or for its own size, without a tier)."""
    middle = followers if tier is None else tier_middle(tier.min, tier.max)
    return bracket(NEUTRAL, middle)[0]


class Scorer:
    """Scores creators: relevance, engagement against its band, signals (see docs/ranking.md)."""

    def __init__(
        self,
        config: TiersConfig,
        matcher: NicheMatcher | None = None,
        explain: bool = False,
        peers: Mapping[Key, PeerBand] | None = None,
    ) -> None:
        self.config = config
        self.matcher = matcher
        self.explain = explain
        self.peers = peers or {}
        weights = config.ranking
        self.w_rel, self.w_eng = weights.relevance, weights.engagement
        self._tiers = {t.name: t for t in TierRules(config).specs()}
        self._bands: dict[Key, Band] = {}

    def _given(self, platform: str | None, tier: str | None) -> tuple[float, float | None] | None:
        table = self.config.benchmarks
        value = table.get(platform or "", {}).get(tier or "")
        if value is None:
            return None
        if isinstance(value, Benchmark):
            return value.typical, value.good
        return value, None

    def band(self, c: Creator) -> Band:
        """The yardstick of a creator's rate: tiers.yaml, published figures or its peers."""
        key = peer_key(c)
        found = self._bands.get(key)
        if found is not None:
            return found
        platform, tier, basis = key
        spec = self._tiers.get(tier or "")
        middle = c.followers if spec is None else tier_middle(spec.min, spec.max)
        source = "tiers.yaml"
        given = self._given(platform, tier)
        if given is None and (platform or "", basis) in PUBLISHED:
            given, source = bracket(PUBLISHED[(platform or "", basis)], middle), "published"
        if given is None:
            given, source = self._given("default", tier), "tiers.yaml"
        if given is None:
            given, source = (bracket(NEUTRAL, middle)[0], None), "none"
        typical, good = given[0], good_of(*given)
        rules = self.config.flags
        low = typical * rules.low_engagement.below_ratio
        high = good * rules.implausible_engagement.above_ratio
        peer = self.peers.get(key)
        if peer is not None and source == "none":
            # no band to shift: the peers' own spread (robust sigma from the MAD) makes one
            spread = self.config.ranking.peer_spread * max(peer.sigma, MIN_PEER_SIGMA)
            typical, low = peer.median, peer.median * math.exp(-spread)
            good = peer.median * math.exp(spread)
            high, source = good * rules.implausible_engagement.above_ratio, "peers"
        elif peer is not None:
            # sources disagree on the level more than on the shape: the peers move the band
            # to their median, and may only widen it (a rate in the published band stays in)
            shift = peer.median / typical
            typical, source = peer.median, "peers"
            low, good, high = (
                min(low, low * shift),
                max(good, good * shift),
                max(high, high * shift),
            )
        found = Band(typical, low, high, source, good)
        if spec is not None:
            self._bands[key] = found  # by the creator's own size when it has no tier: not cached
        return found

    def comment_band(self, c: Creator) -> tuple[float, float] | None:
        """Comments per like: the published band, moved towards the platform's peers (widened)."""
        peer = self.peers.get((c.platform.lower() if c.platform else None, None, COMMENTS))
        if peer is None:
            return None
        rule = self.config.flags.comment_ratio
        shift = peer.median / math.sqrt(rule.min * rule.max)  # from the band's geometric middle
        return min(rule.min, rule.min * shift), max(rule.max, rule.max * shift)

    def __call__(self, c: Creator) -> Creator:
        apply_engagement(c)
        band = self.band(c)
        rate = c.engagement_rate
        # above the top of the good band a rate earns no more quality
        capped = rate if rate is None or not band.judged else min(rate, band.good)
        quality = engagement_quality(capped, band.typical)
        signals = check_flags(c, band, self.config.flags, self.comment_band(c))
        relevance = self.matcher.relevance(c.niche, c.bio) if self.matcher else None
        if relevance is not None and self.w_rel + self.w_eng > 0:
            base = (self.w_rel * relevance + self.w_eng * quality) / (self.w_rel + self.w_eng)
        else:
            base = quality
        strength = sum(s for _, _, s in signals)
        ranking = self.config.ranking
        factor = penalty_factor(strength, ranking.review_penalty, ranking.flag_penalty)
        level = severity(strength)
        names = tuple(name for name, _, _ in signals)
        c.score = round(base * factor, SCORE_DIGITS)
        c.flags = names if level == "flag" else ()
        c.review = names if level == "review" else ()
        c.flag_factor = factor
        if self.explain:
            c.parts = {
                "relevance": relevance,
                "engagement_quality": round(quality, SCORE_DIGITS),
                "benchmark_rate": round(band.typical, 6),
                "plausible": [round(band.low, 6), round(band.high, 6)],
                "band": band.source,
                "engagement_rate": c.engagement_rate,
                "flag_factor": round(factor, SCORE_DIGITS),
                "severity": level,
                "flags": {name: reason for name, reason, _ in signals},
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
