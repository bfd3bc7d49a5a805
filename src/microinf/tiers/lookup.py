"""The tier of a follower count: a bisect over the sorted lower bounds."""

from __future__ import annotations

from bisect import bisect_right

from microinf.platforms import spellings
from microinf.tiers.schema import TiersConfig, TierSpec


class TierIndex:
    """Looks up tiers of a validated (sorted, contiguous) tier list."""

    __slots__ = ("bounds", "mins", "names_", "slots", "tiers", "top")

    def __init__(self, tiers: list[TierSpec]) -> None:
        self.tiers = tiers
        self.mins = [t.min for t in tiers]
        self.names_ = [t.name for t in tiers]
        self.top = tiers[-1].max if tiers else None  # None when the last tier is open-ended
        # one bisect gives the tier: slots[bisect_right(bounds, n)], None below and above
        self.bounds = self.mins + ([self.top] if self.top is not None else [])
        self.slots: list[str | None] = [None, *self.names_]
        if self.top is not None:
            self.slots.append(None)

    @classmethod
    def from_config(cls, config: TiersConfig) -> TierIndex:
        """The index of a config's default tier list."""
        return cls(config.tier_list())

    def lookup(self, followers: int) -> str | None:
        """The name of the tier holding `followers`, or None below (or above) every tier."""
        return self.slots[bisect_right(self.bounds, followers)]

    def names(self) -> list[str]:
        """Tier names, lowest first."""
        return list(self.names_)


class TierRules:
    """The default tiers and each platform's own, as one lookup."""

    def __init__(self, config: TiersConfig) -> None:
        self.config = config
        self.default = TierIndex(config.tier_list())
        self.platforms = {name: TierIndex(p.tiers) for name, p in config.platforms.items()}
        # every spelling of a platform finds its tiers (`twitter` rows meet the tiers of `x`)
        self._by_spelling = {
            alias: index
            for name, index in self.platforms.items()
            for alias in sorted(spellings(name))
            if alias not in self.platforms
        }
        self._by_spelling.update(self.platforms)

    def index_for(self, platform: str | None) -> TierIndex:
        """The index that applies to a platform."""
        if platform is not None and self.platforms:
            return self._by_spelling.get(platform, self.default)
        return self.default

    def lookup(self, followers: int, platform: str | None = None) -> str | None:
        """The tier of a creator on a platform."""
        return self.index_for(platform).lookup(followers)

    def names(self) -> list[str]:
        """Every tier name in use, default tiers first."""
        names = self.default.names()
        for index in self.platforms.values():
            names += [n for n in index.names() if n not in names]
        return names

    def specs(self) -> list[TierSpec]:
        """Every tier spec (the first of each name)."""
        seen: dict[str, TierSpec] = {t.name: t for t in reversed(self.default.tiers)}
        for index in self.platforms.values():
            for t in index.tiers:
                seen.setdefault(t.name, t)
        return list(seen.values())
