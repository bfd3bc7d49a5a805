"""Advice on a source whose columns miss a field: which header likely holds it, and the --map."""

from __future__ import annotations

from microinf.platforms import canonical_platform
from microinf.rank.engagement import VIEW_PLATFORMS, VIEWER_PLATFORMS
from microinf.read.columns import normalise

BY_VIEWS = VIEW_PLATFORMS | VIEWER_PLATFORMS

# words in a header that hint at a field no alias matched; the advice says how to --map it
_LIKELY: tuple[tuple[str, frozenset[str], str], ...] = (
    ("followers", frozenset({"follower", "followers", "subscribers", "fans", "audience"}), ""),
    ("handle", frozenset({"name", "username", "handle", "channel", "account", "user"}), ""),
    (
        "engagement",
        frozenset({"engagement", "engagements", "eng", "er", "interactions", "likes"}),
        "",
    ),
    ("engagement", frozenset({"viewers", "views"}), " (views, not engagements)"),
)


_AVERAGE = frozenset({"avg", "average", "mean"})


def likely_columns(
    headers: list[str], found: set[str], platform_default: str | None = None
) -> list[str]:
    """Advice for a follower, handle or engagement field no header matched, naming a candidate.

    Views make the rate on video platforms: a views column counts as engagement where the
    rows name their platform or --platform-default names a video platform.
    """
    notes: list[str] = []
    missing = {"followers", "handle", "engagement"}
    if "followers" in found:
        missing.discard("followers")
    if "handle" in found or "url" in found:
        missing.discard("handle")
    video = platform_default is not None and canonical_platform(platform_default) in BY_VIEWS
    if found & {"engagement_rate", "avg_likes"} or (
        "avg_views" in found and ("platform" in found or video)
    ):
        missing.discard("engagement")
    for what, words, caveat in _LIKELY:
        if what not in missing:
            continue
        hits = [h for h in headers if words & set(normalise(h).split())]
        if not hits:
            continue
        missing.discard(what)
        # a per-post average ("Engagement avg", "Average viewers") is the likelier source
        hits.sort(key=lambda h: not _AVERAGE & set(normalise(h).split()))
        shown = show(hits[0])
        also = "".join(f', "{show(h)}"' for h in hits[1:3])
        if what == "engagement" and caveat:
            notes.append(
                f"no engagement column found, so engagement counts as 0 in every score; "
                f'"{shown}"{also} may stand in for it{caveat}: --map avg_likes="{shown}" '
                "reads it as engagements per post"
            )
        elif what == "engagement":
            notes.append(
                f"no engagement column found, so engagement counts as 0 in every score; "
                f'"{shown}"{also} may hold it: --map engagement_rate="{shown}" if it is a '
                f'rate, --map avg_likes="{shown}" if it is engagements per post'
            )
        else:
            notes.append(
                f"no {'follower-count' if what == 'followers' else what} column found; "
                f'"{shown}" may be it: --map {what}="{shown}"'
            )
    return notes


def show(column: str) -> str:
    """A header name on one line (line breaks in a quoted header become spaces)."""
    return " ".join(column.split())
