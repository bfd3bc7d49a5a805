"""Platform names: one canonical spelling per platform and the aliases people write for it."""

from __future__ import annotations

# the platforms microinf knows, as written in output and in tiers.yaml
KNOWN = (
    "instagram", "tiktok", "youtube", "x", "twitch", "facebook", "linkedin", "pinterest",
    "snapchat", "threads", "bluesky", "kick",
)  # fmt: skip

# alias -> canonical name; keys are folded as `_fold` does
ALIASES = {
    "twitter": "x",
    "xcom": "x",
    "twittercom": "x",
    "yt": "youtube",
    "youtubecom": "youtube",
    "ig": "instagram",
    "insta": "instagram",
    "instagramcom": "instagram",
    "tt": "tiktok",
    "tiktokcom": "tiktok",
    "fb": "facebook",
    "facebookcom": "facebook",
    "twitchtv": "twitch",
    "li": "linkedin",
    "bsky": "bluesky",
    "snap": "snapchat",
}


def _fold(text: str) -> str:
    # "You Tube", "tik-tok", "X.com" -> "youtube", "tiktok", "xcom"
    return "".join(ch for ch in text.casefold() if ch.isalnum())


def canonical_platform(text: str) -> str:
    """The canonical name of a platform as written in data or options (`Twitter` -> `x`)."""
    folded = _fold(text)
    if folded in ALIASES:
        return ALIASES[folded]
    if folded in KNOWN:
        return folded
    return text.strip().lower()


def spellings(name: str) -> frozenset[str]:
    """Every lower-case spelling that means the same platform as `name` (itself included)."""
    canonical = canonical_platform(name)
    found = {canonical, name.strip().lower()}
    found.update(alias for alias, target in ALIASES.items() if target == canonical)
    return frozenset(found)


def is_known(name: str) -> bool:
    """True when `name` is a known platform or one of its aliases."""
    return canonical_platform(name) in KNOWN
