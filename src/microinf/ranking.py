"""The score of a creator, and a deterministic order: pure functions, no I/O."""

from __future__ import annotations

import heapq
import math
import re
from collections.abc import Iterable

from .models import Creator, TierSpec

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
RELEVANCE_CATEGORY = 0.75  # the niche column names the niche
RELEVANCE_BIO = 0.25  # the bio mentions it as a word or hashtag
NICHE_WEIGHT = 0.5  # share of relevance in the score when --niche is given
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


def _words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text.lower()))


def niche_relevance(creator: Creator, niches: Iterable[str]) -> float:
    """1.0 when the niche column and the bio both name a wanted niche; 0.75 for the column alone."""
    wanted = [n.lower() for n in niches]
    score = 0.0
    categories = [c.lower() for c in creator.niche]
    if any(w in categories for w in wanted):
        score += RELEVANCE_CATEGORY
    if creator.bio:
        words = _words(creator.bio)
        if any(w in words for w in wanted):
            score += RELEVANCE_BIO
    return score


def score(creator: Creator, typical: float, niches: list[str] | None) -> float:
    """The score in [0, 1], rounded so that equal scores print and sort as equal."""
    quality = engagement_quality(creator.engagement_rate, typical)
    if niches:
        value = NICHE_WEIGHT * niche_relevance(creator, niches) + (1 - NICHE_WEIGHT) * quality
    else:
        value = quality
    return round(value, SCORE_DIGITS)


def order_key(creator: Creator) -> tuple[float, int, str, str]:
    """Sort key: score descending, then followers descending, then handle."""
    return (-creator.score, -creator.followers, creator.handle.casefold(), creator.handle)


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

    def __init__(self, key: tuple[float, int, str, str]) -> None:
        self.key = key

    def __lt__(self, other: _Neg) -> bool:
        return self.key > other.key

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Neg) and self.key == other.key

    __hash__ = None  # type: ignore[assignment]
