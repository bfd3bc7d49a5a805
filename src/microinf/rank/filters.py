"""Which creators a query keeps: every filter's decision and its reason, in one place.

The reader asks these while reading (so that rows left out never become records), the line
screen asks `screen_keys` before a CSV line is even parsed, and `explain` asks `reasons`.
Order, which decides what a left-out row is checked for: the niche first (it needs only the
categories and the bio, which cannot be wrong), then the follower count (a row is rejected when
it cannot be read), then tier, follower bounds and platform; flags come after scoring.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from microinf.models import Creator
from microinf.rank.niches import NicheMatcher
from microinf.tiers.lookup import TierRules


@dataclass
class Filters:
    """A query's filters, compiled: tiers, platforms, niches with their minimum relevance,
    follower bounds, and whether flagged creators are left out."""

    rules: TierRules
    tiers: frozenset[str] | None = None
    platforms: frozenset[str] | None = None
    niches: NicheMatcher | None = None
    min_relevance: float = 0.0
    min_followers: int | None = None
    max_followers: int | None = None
    exclude_flagged: bool = False

    @property
    def sized(self) -> bool:
        """True when the tier or a follower bound can leave a creator out."""
        return not (
            self.tiers is None and self.min_followers is None and self.max_followers is None
        )

    def niche_ok(self, categories: Sequence[str], bio: str | None) -> bool:
        """--niche: relevance (categories and bio) at least --min-relevance."""
        return self.niches is None or self.niches.passes(categories, bio, self.min_relevance)

    def size_ok(self, followers: int, tier: str | None) -> bool:
        """--tier, --min-followers and --max-followers."""
        return not (
            (self.tiers is not None and tier not in self.tiers)
            or (self.min_followers is not None and followers < self.min_followers)
            or (self.max_followers is not None and followers > self.max_followers)
        )

    def platform_ok(self, platform: str | None) -> bool:
        """--platform."""
        return self.platforms is None or platform in self.platforms

    def flags_ok(self, flags: Sequence[str]) -> bool:
        """--exclude-flagged."""
        return not (self.exclude_flagged and flags)

    def screen_keys(self) -> tuple[str, ...] | None:
        """Folded words of which a line must hold one to pass --niche; None: no screen.

        A category or a bio word can only match a niche when the niche's keyword (its first word)
        occurs in the folded text, so a line holding none of them cannot pass. With a minimum
        relevance of 0 every creator passes, and nothing may be screened.
        """
        if self.niches is None or self.min_relevance <= 0:
            return None
        return self.niches.screen

    def reasons(self, c: Creator, relevance: float | None) -> list[str]:
        """Every filter that leaves this creator out, each with its reason."""
        out = []
        if self.niches is not None and (relevance or 0.0) < self.min_relevance:
            names = " ".join(n.name for n in self.niches.niches)
            out.append(
                f"--niche {names}: relevance {relevance or 0.0:.2f} is under {self.min_relevance:g}"
            )
        if self.tiers is not None and c.tier not in self.tiers:
            out.append(f"--tier {' '.join(sorted(self.tiers))}: its tier is {c.tier or 'none'}")
        if self.min_followers is not None and c.followers < self.min_followers:
            out.append(f"--min-followers {self.min_followers}: it has {c.followers:,}")
        if self.max_followers is not None and c.followers > self.max_followers:
            out.append(f"--max-followers {self.max_followers}: it has {c.followers:,}")
        if not self.platform_ok(c.platform):
            wanted = " ".join(sorted(self.platforms or ()))
            out.append(f"--platform {wanted}: its platform is {c.platform or 'none'}")
        if not self.flags_ok(c.flags):
            out.append(f"--exclude-flagged: flagged {', '.join(c.flags)}")
        return out
