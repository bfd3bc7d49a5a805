"""The records microinf reads, classifies and writes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

# Fields every output row has, in output order; input columns with these names are renamed.
OUTPUT_FIELDS = (
    "rank",
    "handle",
    "platform",
    "name",
    "followers",
    "tier",
    "niche",
    "engagement_rate",
    "engagement_method",
    "score",
    "flags",
    "review",
    "bio",
    "avg_likes",
    "avg_comments",
    "avg_views",
    "following",
    "posts",
    "credibility",
    "price",
    "country",
    "language",
    "url",
)
LOCATION_FIELDS = ("source", "line")
EXPLAIN_FIELDS = ("relevance", "score_parts")
RESERVED = frozenset(OUTPUT_FIELDS + LOCATION_FIELDS + EXPLAIN_FIELDS)


@dataclass(slots=True, weakref_slot=True)
class Creator:
    """One creator as read from a source, with its tier and score once classified."""

    handle: str
    followers: int
    platform: str | None = None
    name: str | None = None
    niche: tuple[str, ...] = ()
    bio: str | None = None
    avg_likes: float | None = None
    avg_comments: float | None = None
    avg_views: float | None = None
    engagement_rate: float | None = None
    engagement_method: str | None = None  # "given" or a computed method (rank/engagement.py)
    country: str | None = None
    language: str | None = None
    url: str | None = None
    following: int | None = None
    posts: int | None = None
    credibility: float | None = None  # a vendor's credibility or real-followers share, 0..1
    price: float | None = None  # a price per post given in the input
    extra_names: tuple[str, ...] = ()
    extra_values: tuple[Any, ...] = ()
    source: str = ""
    line: int = 0
    tier: str | None = None
    score: float = 0.0
    flags: tuple[str, ...] = ()  # corroborated authenticity signals
    review: tuple[str, ...] = ()  # a single signal: worth a look, not proof
    flag_factor: float = 1.0  # what the signals cost the score
    parts: dict[str, Any] | None = None  # the score's parts and the flags' reasons

    def as_dict(self, rank: int | None = None, location: bool = True) -> dict[str, Any]:
        """Every output field (JSON-ready), then the passed-through input columns."""
        rate = self.engagement_rate
        row: dict[str, Any] = {
            "rank": rank,
            "handle": self.handle,
            "platform": self.platform,
            "name": self.name,
            "followers": self.followers,
            "tier": self.tier,
            "niche": list(self.niche),
            "engagement_rate": None if rate is None else round(rate, 6),
            "engagement_method": self.engagement_method,
            "score": self.score,
            "flags": list(self.flags),
            "review": list(self.review),
            "bio": self.bio,
            "avg_likes": _whole(self.avg_likes),
            "avg_comments": _whole(self.avg_comments),
            "avg_views": _whole(self.avg_views),
            "following": self.following,
            "posts": self.posts,
            "credibility": self.credibility,
            "price": _whole(self.price),
            "country": self.country,
            "language": self.language,
            "url": self.url,
        }
        if location:
            row["source"] = self.source
            row["line"] = self.line
        if self.parts is not None:
            row["relevance"] = self.parts.get("relevance")
            row["score_parts"] = self.parts
        if self.extra_names:
            row.update(zip(self.extra_names, self.extra_values, strict=False))
        return row


def _whole(value: float | None) -> float | int | None:
    # averages read as floats print as integers when they are whole: 8700000, not 8700000.0
    if value is not None and value.is_integer():
        return int(value)
    return value
