"""Published engagement bands per platform and follower bracket, and the band of a tier.

A band is what is typical (a median) and the top of what is published as "good" for the rate's
definition on that platform. Sources and choices are in docs/ranking.md.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

# (lowest followers, typical rate, top of the "good" band or None), ascending by followers.
Brackets = tuple[tuple[int, float, float | None], ...]

# Instagram, (likes + comments) / followers. Typical: Modash (72M+ profiles, median of the last
# 30 posts; midpoints of 1k-5k 3.38-4.42%, 10k-50k 0.84-1.11%, 1M+ 1.02-1.27%), 5k-10k and
# 50k-1M interpolated. Good: trendHERO (US; 2-5K 17.7%, micro 11.2%, celebrities 7.2%).
INSTAGRAM: Brackets = (
    (0, 0.039, 0.177),
    (5_000, 0.0195, 0.177),
    (10_000, 0.0098, 0.112),
    (50_000, 0.0100, 0.112),
    (1_000_000, 0.0115, 0.072),
)
# TikTok, engagements / views: Modash (Nov 2025; 1k-5k 12.06-14.04%, micro 8.38-9.37%, mega
# 6.20-6.84%), the brackets between interpolated; no published "good" band.
TIKTOK: Brackets = (
    (0, 0.1305, None),
    (5_000, 0.108, None),
    (10_000, 0.089, None),
    (50_000, 0.076, None),
    (1_000_000, 0.0652, None),
)
# YouTube, engagements / views: Modash (8M+ channels; micro 0.36-0.51%, mega 0.13-0.18%);
# good for mega: CreatorIQ's sponsored mega videos (~1.6%).
YOUTUBE: Brackets = (
    (0, 0.0043, None),
    (50_000, 0.0026, None),
    (1_000_000, 0.00155, 0.016),
)
PUBLISHED: dict[tuple[str, str], Brackets] = {
    ("instagram", "followers"): INSTAGRAM,
    ("tiktok", "views"): TIKTOK,
    ("youtube", "views"): YOUTUBE,
}
# A rate with no published band is scored against this scale, with no rate signals.
NEUTRAL = INSTAGRAM
GOOD_OVER_TYPICAL = 3.0  # Modash's Instagram "high" (2.61%) over its median (0.98%), rounded up


@dataclass(frozen=True, slots=True)
class Band:
    """A rate's yardstick: typical, the plausible range [low, high], where it comes from."""

    typical: float
    low: float
    high: float
    source: str  # "published", "tiers.yaml", "peers" or "none" (no rate signals)
    good: float  # the top of the good band: higher rates earn no more quality

    @property
    def judged(self) -> bool:
        """Whether rates outside [low, high] raise a signal."""
        return self.source != "none"


def bracket(brackets: Brackets, followers: float) -> tuple[float, float | None]:
    """(typical, good) of the bracket holding `followers`."""
    found = brackets[0][1:]
    for low, typical, good in brackets:
        if followers >= low:
            found = (typical, good)
    return found


def good_of(typical: float, good: float | None) -> float:
    """The top of the good band: the published one, else GOOD_OVER_TYPICAL x typical."""
    return max(good or 0.0, GOOD_OVER_TYPICAL * typical)


def tier_middle(low: int, high: int | None) -> float:
    """A tier's geometric middle (an open tier spans one decade)."""
    top = high if high is not None else low * 10
    return math.sqrt(max(low, 1) * max(top, 1))


def basis_of(platform: str | None, method: str | None) -> str:
    """What a rate is a rate of: followers, views or viewers."""
    if method is not None and "views" in method:
        return "views"
    if method == "viewers/followers":
        return "viewers"
    if method == "given":  # a vendor's rate follows the platform's own definition
        return {"tiktok": "views", "youtube": "views", "twitch": "viewers"}.get(
            (platform or "").lower(), "followers"
        )
    return "followers"
