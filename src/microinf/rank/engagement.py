"""The engagement rate of a creator: its definition follows the platform (see docs/ranking.md).

- TikTok and YouTube: (likes + comments) / average views, when the input has views (the
  platforms' own and Modash's definition); by followers otherwise.
- Twitch: average (concurrent) viewers / followers; the input's `avg_views` holds them (without
  them, likes and comments by followers, as elsewhere).
- Instagram, X and any other platform: (likes + comments) / followers.

A rate given in the input (`engagement_method` "given") is kept as it is.
"""

from __future__ import annotations

from microinf.models import Creator

GIVEN = "given"
BY_FOLLOWERS = ("likes+comments", "likes only")
BY_VIEWS = ("likes+comments/views", "likes/views")
BY_VIEWERS = "viewers/followers"
COMPUTED = (*BY_FOLLOWERS, *BY_VIEWS, BY_VIEWERS)
VIEW_PLATFORMS = frozenset({"tiktok", "youtube"})
VIEWER_PLATFORMS = frozenset({"twitch"})


def engagement(c: Creator) -> tuple[float | None, str | None]:
    """(rate, method) for a creator from its own counts, by its platform's definition."""
    platform = (c.platform or "").lower()
    likes, comments, views = c.avg_likes, c.avg_comments, c.avg_views
    if platform in VIEWER_PLATFORMS and views is not None and c.followers > 0:
        return views / c.followers, BY_VIEWERS
    if likes is None:
        return None, None
    both = comments is not None
    engagements = likes + (comments or 0.0)
    if platform in VIEW_PLATFORMS and views is not None and views > 0:
        return engagements / views, BY_VIEWS[0 if both else 1]
    if c.followers > 0:
        return engagements / c.followers, BY_FOLLOWERS[0 if both else 1]
    return None, None


def apply_engagement(c: Creator) -> None:
    """Set the creator's rate and method by its platform's rule, unless the rate was given.

    A rate with no method (a record built by hand) counts as given.
    """
    if c.engagement_method is None and c.engagement_rate is not None:
        c.engagement_method = GIVEN
    if c.engagement_method != GIVEN:
        c.engagement_rate, c.engagement_method = engagement(c)


def engagements_per_post(c: Creator) -> float:
    """The engagements a post can expect: the rate times what it is a rate of."""
    rate = c.engagement_rate
    if rate is None:
        return 0.0
    if c.engagement_method in BY_VIEWS and c.avg_views is not None:
        return c.avg_views * rate
    return c.followers * rate
