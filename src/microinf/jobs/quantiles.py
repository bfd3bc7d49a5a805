"""Medians and quartiles in bounded memory: exact while small, a log-bucket sketch beyond.

Up to EXACT_LIMIT values a distribution keeps them all and its quantiles are exact (linear
interpolation between the two nearest ranks). Past that it moves them into logarithmic buckets
whose bounds grow by a factor GAMMA = (1 + ALPHA) / (1 - ALPHA), as in DDSketch: any quantile is
then within ALPHA (0.5%) of a value at the right rank, and memory is one counter per bucket that
holds values (at most about 4,400 between 1e-9 and 1e12, whatever the number of values).
"""

from __future__ import annotations

import math
from collections.abc import Iterable

EXACT_LIMIT = 10_000
ALPHA = 0.005
GAMMA = (1 + ALPHA) / (1 - ALPHA)
_LOG_GAMMA = math.log(GAMMA)
SMALLEST = 1e-9  # smaller values count as 0
LARGEST = 1e12  # larger values share the top bucket
_TOP = math.ceil(math.log(LARGEST) / _LOG_GAMMA)


class Distribution:
    """The values of one measure, for min, max, median and quartiles."""

    __slots__ = ("buckets", "count", "high", "limit", "low", "values", "zeros")

    def __init__(self, values: Iterable[float] = (), limit: int = EXACT_LIMIT) -> None:
        self.limit = limit  # values kept exactly; past it, the sketch
        self.count = 0
        self.low = math.inf
        self.high = -math.inf
        self.values: list[float] | None = []
        self.buckets: dict[int, int] = {}
        self.zeros = 0
        for value in values:
            self.add(value)

    @property
    def exact(self) -> bool:
        """True while every value is kept."""
        return self.values is not None

    def add(self, value: float) -> None:
        """Count one finite value (at least 0)."""
        self.count += 1
        self.low = min(self.low, value)
        self.high = max(self.high, value)
        if self.values is not None:
            self.values.append(value)
            if len(self.values) > self.limit:
                kept, self.values = self.values, None
                for v in kept:
                    self._bucket(v)
            return
        self._bucket(value)

    def _bucket(self, value: float) -> None:
        if value < SMALLEST:
            self.zeros += 1
            return
        key = min(math.ceil(math.log(value) / _LOG_GAMMA), _TOP)
        self.buckets[key] = self.buckets.get(key, 0) + 1

    def quantile(self, q: float) -> float | None:
        """The q-quantile (0 <= q <= 1); None when there are no values."""
        if not self.count:
            return None
        if self.values is not None:
            ordered = sorted(self.values)
            pos = q * (len(ordered) - 1)
            lo = math.floor(pos)
            hi = min(lo + 1, len(ordered) - 1)
            return ordered[lo] + (ordered[hi] - ordered[lo]) * (pos - lo)
        rank = math.floor(q * (self.count - 1))
        if rank < self.zeros:
            return max(0.0, self.low)
        seen = self.zeros
        for key in sorted(self.buckets):
            seen += self.buckets[key]
            if seen > rank:
                value = 2 * GAMMA**key / (GAMMA + 1)
                return min(max(value, self.low), self.high)
        return self.high

    def five(self) -> dict[str, float | None]:
        """min, q1, median, q3, max."""
        return {
            "min": self.low if self.count else None,
            "q1": self.quantile(0.25),
            "median": self.quantile(0.5),
            "q3": self.quantile(0.75),
            "max": self.high if self.count else None,
        }
