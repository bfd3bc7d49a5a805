"""Authenticity signals: each a rule on a creator's own numbers, a strength and a sentence.

A signal measured against a band grows smoothly with the distance beyond its edge: strength
1 - (edge / value)^2 above a top (1 - (value / edge)^2 under a floor), so 0 at the edge, 0.75 at
twice as far, towards 1 beyond; the score has no cliff and no plateau. The other signals are
whole. Their sum decides the severity: nothing, a `review` (at most one signal's worth) or a
`flag` (corroborated).
"""

from __future__ import annotations

import math

from microinf.models import Creator
from microinf.numbers import human
from microinf.rank.bands import Band
from microinf.tiers.scoring import FlagsConfig

Signal = tuple[str, str, float]  # name, reason, strength
STRONG = 2.0  # a vendor's own verdict (low credibility) is a flag on its own


def _pct(rate: float) -> str:
    return f"{rate * 100:.2f}%"


def ramp(ratio: float) -> float:
    """A signal's strength at `ratio` times beyond its edge: 1 - 1/ratio^2 (0 at 1, 0.75 at 2)."""
    return 1.0 - 1.0 / (ratio * ratio) if ratio > 1 else 0.0


def check_flags(
    c: Creator, band: Band, rules: FlagsConfig, comment_band: tuple[float, float] | None = None
) -> list[Signal]:
    """(signal, reason, strength) for each rule the creator breaks.

    `comment_band` is the band of comments per like (default: tiers.yaml `flags.comment_ratio`).
    """
    found: list[Signal] = []
    rate = c.engagement_rate
    of = f"the {band.source} band" if band.source != "published" else "its published band"
    if rate is not None and band.judged:
        low = rules.low_engagement
        if low.enabled and rate < band.low:
            strength = 1.0 if rate <= 0 else max(ramp(band.low / rate), 1e-4)
            found.append((
                "low_engagement",
                f"engagement {_pct(rate)} is under {_pct(band.low)}, {low.below_ratio:g} x the "
                f"{_pct(band.typical)} typical of {of}: followers who do not engage "
                "(bought followers?)",
                strength,
            ))  # fmt: skip
        high = rules.implausible_engagement
        top = min(band.high, high.ceiling)
        if high.enabled and rate > top:
            strength = max(ramp(rate / top), 1e-4)
            found.append((
                "implausible_engagement",
                f"engagement {_pct(rate)} is over {_pct(top)}, the top of the plausible "
                f"range of {of}: engagement pods or bought likes?",
                strength,
            ))  # fmt: skip
    ratio = rules.comment_ratio
    likes, comments = c.avg_likes, c.avg_comments
    # no likes, no ratio to judge (min_likes may be 0)
    if ratio.enabled and likes and comments is not None and likes >= ratio.min_likes:
        per_like = comments / likes
        least, most = (ratio.min, ratio.max) if comment_band is None else comment_band
        if not least <= per_like <= most:
            beyond = most / per_like if per_like > most else per_like / least
            strength = 1.0 if per_like <= 0 else max(ramp(1 / beyond), 1e-4)
            found.append((
                "comment_ratio",
                f"{human(comments)} comments for {human(likes)} likes ({per_like * 100:.2f} per "
                f"100) is outside the usual {least * 100:.2g}-{most * 100:.2g} per 100: "
                "bought likes or comment pods?",
                strength,
            ))  # fmt: skip
    mass = rules.mass_following
    if (
        mass.enabled
        and c.following is not None
        and c.following > mass.min_following
        and c.following >= mass.min_ratio * c.followers
    ):
        found.append((
            "mass_following",
            f"follows {human(c.following)} accounts with {human(c.followers)} followers: "
            "follow-for-follow growth?",
            1.0,
        ))  # fmt: skip
    few = rules.few_posts
    if (
        few.enabled
        and c.posts is not None
        and c.posts < few.min_posts
        and c.followers >= few.min_followers
    ):
        found.append((
            "few_posts",
            f"{c.posts} posts for {human(c.followers)} followers: an audience that the content "
            "cannot explain (bought followers?)",
            1.0,
        ))  # fmt: skip
    cred = rules.low_credibility
    if cred.enabled and c.credibility is not None and c.credibility < cred.below:
        found.append((
            "low_credibility",
            f"credibility {_pct(c.credibility)} is under {_pct(cred.below)}",
            STRONG,
        ))  # fmt: skip
    return found


def penalty_factor(strength: float, review_penalty: float, flag_penalty: float) -> float:
    """(1 - review x min(S, 1)) x (1 - flag)^max(S - 1, 0): continuous in the signals' sum S."""
    first = 1.0 - review_penalty * min(strength, 1.0)
    return first * math.pow(1.0 - flag_penalty, max(strength - 1.0, 0.0))


def severity(strength: float) -> str | None:
    """None without signals, "review" for at most one signal's worth, "flag" beyond."""
    if strength <= 0:
        return None
    return "review" if strength <= 1.0 else "flag"
