"""Header aliases: which input column feeds which creator field."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from microinf.models import RESERVED

FIELDS = (
    "handle",
    "platform",
    "followers",
    "name",
    "niche",
    "bio",
    "avg_likes",
    "avg_comments",
    "avg_views",
    "engagement_rate",
    "country",
    "language",
    "url",
    "following",
    "posts",
    "credibility",
    "price",
)

ALIASES: dict[str, tuple[str, ...]] = {
    "following": ("following", "followings", "follows", "following count"),
    "posts": ("posts", "posts count", "post count", "media count", "number of posts"),
    "price": ("price", "price per post", "rate per post", "fee", "cost", "cost per post"),
    "credibility": (
        "credibility",
        "audience credibility",
        "audience quality",
        "audience quality score",
        "real followers",
        "real followers share",
    ),
    "handle": (
        "handle",
        "username",
        "user name",
        "account",
        "channel",
        "creator",
        "influencer",
        "profile",
        "screen name",
        "channel info",
        "tiktoker name",
        "youtuber name",
        "influencer insta name",
        "instagram handle",
        "login",
    ),
    "followers": (
        "followers",
        "follower count",
        "followers count",
        "subscribers",
        "subscriber count",
        "subscribers count",
        "fans",
        "audience size",
        "followers total",
    ),
    "name": (
        "name",
        "full name",
        "display name",
        "fullname",
        "channel name",
        "instagram name",
        "tiktok name",
        "global name",
    ),
    "niche": (
        "niche",
        "category",
        "categories",
        "topic",
        "main topic",
        "vertical",
        "genre",
        "category 1",
    ),
    "platform": ("platform", "network", "social network"),
    "engagement_rate": (
        "engagement rate",
        "er",
        "eng rate",
        "avg engagement rate",
        "60 day eng rate",
    ),
    "avg_likes": ("avg likes", "average likes", "likes avg"),
    "avg_comments": ("avg comments", "average comments", "comments avg"),
    "avg_views": ("avg views", "average views", "views avg", "average viewers", "avg viewers"),
    "bio": ("bio", "biography", "description", "about"),
    "country": ("country", "audience country", "location", "audience country mostly"),
    "language": ("language", "lang"),
    "url": (
        "url",
        "profile url",
        "profile link",
        "instagram url",
        "instagramurl",
        "tiktok url",
        "youtube url",
        "channel url",
        "link",
    ),
}

# Columns merged into a field that another column already feeds.
SECONDARY: dict[str, tuple[str, ...]] = {"niche": ("category 2", "more topics", "subcategory")}

_SEPARATORS = re.compile(r"[\s_\-.()\[\]/]+")
_TRAILING = " :?!*#\ufeff"


def normalise(header: str) -> str:
    """Case, spaces, underscores, hyphens, dots and trailing punctuation folded away."""
    return _SEPARATORS.sub(" ", header.replace("\ufeff", "").lower()).strip(_TRAILING)


_LOOKUP: dict[str, str] = {alias: name for name, aliases in ALIASES.items() for alias in aliases}
_SECONDARY_LOOKUP: dict[str, str] = {
    alias: name for name, aliases in SECONDARY.items() for alias in aliases
}


@dataclass
class ColumnMap:
    """The columns chosen for each field of one source."""

    fields: dict[str, str] = field(default_factory=dict)  # field -> column
    secondary: dict[str, list[str]] = field(default_factory=dict)  # field -> more columns
    competing: list[tuple[str, str, str]] = field(default_factory=list)  # field, kept, ignored

    def used(self) -> set[str]:
        cols = set(self.fields.values())
        for extra in self.secondary.values():
            cols.update(extra)
        return cols


def _match(column: str) -> tuple[str, str, int] | None:
    """(field, alias, depth) for a header; a dotted path also matches by its last part."""
    key = normalise(column)
    if key in _LOOKUP:
        return _LOOKUP[key], key, 0
    if "." in column:
        leaf = normalise(column.rsplit(".", 1)[1])
        if leaf in _LOOKUP:
            return _LOOKUP[leaf], leaf, 1
    return None


def map_columns(headers: list[str], overrides: dict[str, str] | None = None) -> ColumnMap:
    """Choose a column per field: explicit overrides first, then the best alias match."""
    result = ColumnMap()
    for wanted, column in (overrides or {}).items():
        result.fields[wanted] = column
    taken = set(result.fields.values())
    rank: dict[str, tuple[int, int]] = {}
    for column in headers:
        if column in taken:
            continue
        found = _match(column)
        if found is None:
            extra = _SECONDARY_LOOKUP.get(normalise(column))
            if extra is not None:
                result.secondary.setdefault(extra, []).append(column)
            continue
        name, key, depth = found
        if overrides and name in overrides:
            continue
        priority = (depth, ALIASES[name].index(key))
        if name not in result.fields:
            result.fields[name] = column
            rank[name] = priority
        elif priority < rank[name]:
            result.competing.append((name, column, result.fields[name]))
            result.fields[name] = column
            rank[name] = priority
        else:
            result.competing.append((name, result.fields[name], column))
    return result


@dataclass
class Plan:
    """How one source's columns feed creator fields."""

    columns: ColumnMap
    passthrough: list[str]  # input columns kept as they are
    output_names: list[str]  # their output names (input_<name> when they clash)


def plan_for(headers: list[str], overrides: dict[str, str] | None = None) -> Plan:
    """Map headers to fields once; every other column passes through."""
    columns = map_columns(headers, overrides)
    used = columns.used()
    passthrough = [h for h in headers if h not in used]
    names = []
    for h in passthrough:
        clean = h.replace("\ufeff", "").strip() or "column"
        key = normalise(clean).replace(" ", "_")
        names.append(f"input_{clean}" if key in RESERVED or clean in RESERVED else clean)
    return Plan(columns, passthrough, names)


_PROFILE = re.compile(
    r"^(?:https?://)?(?:www\.|m\.|mobile\.)?"
    r"(instagram\.com|tiktok\.com|youtube\.com|x\.com|twitter\.com|twitch\.tv)"
    r"/(@?[A-Za-z0-9_.\-]+)/?(?:[?#].*)?$",
    re.IGNORECASE,
)
_PLATFORM_OF = {
    "instagram.com": "instagram",
    "tiktok.com": "tiktok",
    "youtube.com": "youtube",
    "x.com": "x",
    "twitter.com": "x",
    "twitch.tv": "twitch",
}
_NOT_PROFILES = {"p", "reel", "reels", "watch", "channel", "c", "user", "video", "explore", "i"}


def profile_from_url(text: str) -> tuple[str, str] | None:
    """(platform, handle) of a profile URL such as instagram.com/NAME or tiktok.com/@NAME."""
    match = _PROFILE.match(text.strip())
    if not match:
        return None
    handle = match.group(2).lstrip("@")
    if not handle or handle.lower() in _NOT_PROFILES:
        return None
    return _PLATFORM_OF[match.group(1).lower()], handle
