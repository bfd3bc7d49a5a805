"""Authenticity flags: each a rule on a creator's own numbers, with a sentence that explains it."""

from __future__ import annotations

from microinf.models import Creator
from microinf.numbers import human
from microinf.tiers.scoring import FlagsConfig


def _pct(rate: float) -> str:
    return f"{rate * 100:.2f}%"


def check_flags(c: Creator, benchmark: float, rules: FlagsConfig) -> list[tuple[str, str]]:
    """(flag, reason) for each rule the creator breaks."""
    found: list[tuple[str, str]] = []
    rate = c.engagement_rate
    if rate is not None:
        low = rules.low_engagement
        if low.enabled and rate < low.below_ratio * benchmark:
            found.append((
                "low_engagement",
                f"engagement {_pct(rate)} is under {low.below_ratio:g} x the {_pct(benchmark)} "
                f"typical of its tier: followers who do not engage (bought followers?)",
            ))  # fmt: skip
        high = rules.implausible_engagement
        if high.enabled and (rate > high.above_ratio * benchmark or rate > high.ceiling):
            found.append((
                "implausible_engagement",
                f"engagement {_pct(rate)} is over {high.above_ratio:g} x the {_pct(benchmark)} "
                f"typical of its tier (or the {_pct(high.ceiling)} ceiling): "
                "engagement pods or bought likes?",
            ))  # fmt: skip
    ratio = rules.comment_ratio
    likes, comments = c.avg_likes, c.avg_comments
    if ratio.enabled and likes is not None and comments is not None and likes >= ratio.min_likes:
        per_like = comments / likes
        if not ratio.min <= per_like <= ratio.max:
            found.append((
                "comment_ratio",
                f"{human(comments)} comments for {human(likes)} likes ({per_like:.3f} per like) "
                f"is outside the usual {ratio.min:g}-{ratio.max:g}: bought likes or comment pods?",
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
        ))  # fmt: skip
    cred = rules.low_credibility
    if cred.enabled and c.credibility is not None and c.credibility < cred.below:
        found.append((
            "low_credibility",
            f"credibility {_pct(c.credibility)} is under {_pct(cred.below)}",
        ))  # fmt: skip
    return found
