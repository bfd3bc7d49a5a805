"""The tier of a follower count: a bisect over the sorted lower bounds."""

from __future__ import annotations

from bisect import bisect_right

from .models import TiersConfig, TierSpec


class TierIndex:
    """Looks up tiers of a validated (sorted, contiguous) tier list."""

    __slots__ = ("_mins", "_names", "_top", "tiers")

    def __init__(self, tiers: list[TierSpec]) -> None:
        self.tiers = tiers
        self._mins = [t.min for t in tiers]
        self._names = [t.name for t in tiers]
        self._top = tiers[-1].max  # None when the last tier is open-ended

    @classmethod
    def from_config(cls, config: TiersConfig) -> TierIndex:
        """The index of a config's tier list."""
        return cls(config.tiers)

    def lookup(self, followers: int) -> str | None:
        """The name of the tier holding `followers`, or None below (or above) every tier."""
        i = bisect_right(self._mins, followers) - 1
        if i < 0:
            return None
        if self._top is not None and i == len(self._mins) - 1 and followers >= self._top:
            return None
        return self._names[i]

    def names(self) -> list[str]:
        """Tier names, lowest first."""
        return list(self._names)

    def get(self, name: str) -> TierSpec:
        """The tier of a name."""
        return self.tiers[self._names.index(name)]
