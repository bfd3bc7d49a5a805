"""The authenticity flags as SQL conditions, one function per flag, thresholds from the config."""

from __future__ import annotations

from collections.abc import Callable

from sqlglot import exp

from microinf.sql.dialects import double
from microinf.tiers.scoring import FlagsConfig


def _known(*values: exp.Expr) -> exp.Expr:
    return exp.and_(*(v.is_(exp.null()).not_() for v in values))


def _times(ratio: float, value: exp.Expr) -> exp.Expr:
    return exp.Mul(this=double(ratio), expression=value)


def low_engagement(rules: FlagsConfig, c: dict[str, exp.Expr]) -> exp.Expr | None:
    """rate < below_ratio x benchmark."""
    low = rules.low_engagement
    if not low.enabled:
        return None
    rate = c["engagement_rate"]
    return exp.and_(
        _known(rate), exp.LT(this=rate, expression=_times(low.below_ratio, c["benchmark"]))
    )


def implausible_engagement(rules: FlagsConfig, c: dict[str, exp.Expr]) -> exp.Expr | None:
    """rate > above_ratio x benchmark, or rate > ceiling."""
    high = rules.implausible_engagement
    if not high.enabled:
        return None
    rate = c["engagement_rate"]
    above = exp.GT(this=rate, expression=_times(high.above_ratio, c["benchmark"]))
    ceiling = exp.GT(this=rate, expression=double(high.ceiling))
    return exp.and_(_known(rate), exp.paren(exp.or_(above, ceiling)))


def comment_ratio(rules: FlagsConfig, c: dict[str, exp.Expr]) -> exp.Expr | None:
    """comments / likes outside [min, max], with at least min_likes likes."""
    ratio = rules.comment_ratio
    if not ratio.enabled:
        return None
    likes, comments = c["avg_likes"], c["avg_comments"]
    enough = exp.GTE(this=likes, expression=exp.Literal.number(ratio.min_likes))
    # NULLIF: engines that check arithmetic (Spark's ANSI mode) may divide before the AND decides
    per_like = exp.Div(this=comments, expression=exp.Nullif(this=likes, expression=double(0.0)))
    inside = exp.Between(this=per_like, low=double(ratio.min), high=double(ratio.max))
    return exp.and_(_known(likes, comments), enough, exp.not_(inside))


def mass_following(rules: FlagsConfig, c: dict[str, exp.Expr]) -> exp.Expr | None:
    """following > min_following and following >= min_ratio x followers."""
    mass = rules.mass_following
    if not mass.enabled:
        return None
    following = c["following"]
    many = exp.GT(this=following, expression=exp.Literal.number(mass.min_following))
    share = exp.GTE(
        this=following,
        expression=_times(mass.min_ratio, exp.cast(c["followers"], exp.DataType.Type.DOUBLE)),
    )
    return exp.and_(_known(following), many, share)


def few_posts(rules: FlagsConfig, c: dict[str, exp.Expr]) -> exp.Expr | None:
    """posts < min_posts with followers >= min_followers."""
    few = rules.few_posts
    if not few.enabled:
        return None
    posts = c["posts"]
    return exp.and_(
        _known(posts),
        exp.LT(this=posts, expression=exp.Literal.number(few.min_posts)),
        exp.GTE(this=c["followers"], expression=exp.Literal.number(few.min_followers)),
    )


def low_credibility(rules: FlagsConfig, c: dict[str, exp.Expr]) -> exp.Expr | None:
    """credibility < below."""
    cred = rules.low_credibility
    if not cred.enabled:
        return None
    value = c["credibility"]
    return exp.and_(_known(value), exp.LT(this=value, expression=double(cred.below)))


Rule = Callable[[FlagsConfig, dict[str, exp.Expr]], exp.Expr | None]
# in the order check_flags reports them
FLAGS: tuple[tuple[str, Rule], ...] = (
    ("low_engagement", low_engagement),
    ("implausible_engagement", implausible_engagement),
    ("comment_ratio", comment_ratio),
    ("mass_following", mass_following),
    ("few_posts", few_posts),
    ("low_credibility", low_credibility),
)


def flag_conditions(rules: FlagsConfig, c: dict[str, exp.Expr]) -> list[tuple[str, exp.Expr]]:
    """(name, condition) of every enabled flag."""
    out = []
    for name, rule in FLAGS:
        cond = rule(rules, c)
        if cond is not None:
            out.append((name, cond))
    return out
