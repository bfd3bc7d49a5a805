"""The scoring sections of tiers.yaml: authenticity flags, ranking weights, rates."""

from __future__ import annotations

import math
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, WithJsonSchema


def _number(value: Any) -> Any:
    # YAML reads `true` and `.inf` as values pydantic would take for 1 and infinity
    if isinstance(value, bool):
        raise ValueError(f"{str(value).lower()} is not a number")
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError(f"{value} is not a finite number")
    return value


def _share(value: Any) -> Any:
    if isinstance(value, str) and value.strip().endswith("%"):
        try:
            value = float(value.strip()[:-1]) / 100.0
        except ValueError:
            raise ValueError(f'cannot read "{value}" as a rate (write 0.025 or 2.5%)') from None
    value = _number(value)
    if isinstance(value, int | float) and value < 0:
        raise ValueError(f"a rate cannot be negative (got {value:g})")
    return value


# a number that is finite and not a boolean; the JSON Schema stays that of a float
Number = Annotated[float, BeforeValidator(_number)]
Whole = Annotated[int, BeforeValidator(_number)]
Share = Annotated[
    float,
    BeforeValidator(_share),
    WithJsonSchema({"anyOf": [{"type": "number", "minimum": 0}, {"type": "string"}]}),
]


class _Flag(BaseModel):
    model_config = ConfigDict(extra="forbid")

    enabled: bool = True


class LowEngagement(_Flag):
    """The rate is far below the band's typical rate (bought followers)."""

    below_ratio: Number = Field(
        default=0.25,
        ge=0,
        le=1,
        description="rate < ratio x typical (the floor of the plausible range)",
    )


class ImplausibleEngagement(_Flag):
    """The rate is far above the top of the band's "good" range (pods, bought likes)."""

    above_ratio: Number = Field(
        default=1.0, ge=1, description="rate > ratio x the top of the good band"
    )
    ceiling: Share = Field(
        default=1.0, description="a full-strength signal above this, whatever the band"
    )


class CommentRatio(_Flag):
    """Comments per like outside the genuine band, either way (bought likes, comment pods)."""

    min: Share = Field(
        default=0.0047, description="comments per like below this (InstaFake 5th percentile)"
    )
    max: Share = Field(
        default=0.0771, description="comments per like above this (InstaFake 95th percentile)"
    )
    min_likes: Whole = Field(default=50, ge=0, description="only with at least this many likes")


class MassFollowing(_Flag):
    """Following many accounts, and many for the followers (follow-for-follow)."""

    min_following: Whole = Field(default=1500, ge=0)
    min_ratio: Number = Field(default=0.5, ge=0, description="following / followers at least")


class FewPosts(_Flag):
    """Very few posts for the follower count (bought followers)."""

    min_posts: Whole = Field(default=12, ge=0, description="fewer posts than this...")
    min_followers: Whole = Field(default=10_000, ge=0, description="...with this many followers")


class LowCredibility(_Flag):
    """A vendor's credibility or real-followers share below a threshold."""

    below: Share = Field(default=0.75, description="after Modash's guidance: under 75% is poor")


class Benchmark(BaseModel):
    """A band for one tier: the typical rate and the top of the "good" range."""

    model_config = ConfigDict(extra="forbid")

    typical: Share = Field(description="the typical (median) rate")
    good: Share | None = Field(
        default=None, description="top of the good band; 3 x typical if unset"
    )


class FlagsConfig(BaseModel):
    """The authenticity flags and their thresholds; each can be turned off."""

    model_config = ConfigDict(extra="forbid")

    low_engagement: LowEngagement = Field(default_factory=LowEngagement)
    implausible_engagement: ImplausibleEngagement = Field(default_factory=ImplausibleEngagement)
    comment_ratio: CommentRatio = Field(default_factory=CommentRatio)
    mass_following: MassFollowing = Field(default_factory=MassFollowing)
    few_posts: FewPosts = Field(default_factory=FewPosts)
    low_credibility: LowCredibility = Field(default_factory=LowCredibility)


class RankingConfig(BaseModel):
    """The weights of the score."""

    model_config = ConfigDict(extra="forbid")

    relevance: Number = Field(default=0.5, ge=0, description="weight of niche relevance")
    engagement: Number = Field(default=0.5, ge=0, description="weight of engagement quality")
    flag_penalty: Number = Field(
        default=0.5,
        ge=0,
        le=1,
        description="each signal beyond the first multiplies the score by 1 - this",
    )
    review_penalty: Number = Field(
        default=0.15, ge=0, le=1, description="the first signal multiplies the score by 1 - this"
    )
    peer_min: Whole = Field(
        default=30, ge=3, description="--peers: a platform and tier needs this many rates"
    )
    peer_spread: Number = Field(
        default=3.5, gt=0, description="--peers: plausible within median x/ exp(spread x sigma)"
    )
    min_relevance: Number = Field(
        default=0.25, ge=0, le=1, description="--niche keeps creators at least this relevant"
    )
