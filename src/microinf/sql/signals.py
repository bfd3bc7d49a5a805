"""Engagement per platform, its band, quality, the graded signals and what they cost, as SQL.

Each rule of rank/engagement.py, rank/bands.py, rank/flags.py and Scorer, compiled: the bands
are asked of Scorer.band itself for every (platform, tier, basis) the config can give, so their
numbers are never copied; the arithmetic is the Python arithmetic, term by term.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence

from sqlglot import exp

from microinf.models import Creator
from microinf.rank.bands import NEUTRAL, PUBLISHED, Band
from microinf.rank.engagement import BY_FOLLOWERS, BY_VIEWERS, BY_VIEWS, GIVEN
from microinf.rank.engagement import VIEW_PLATFORMS as VIEWS
from microinf.rank.engagement import VIEWER_PLATFORMS as VIEWERS
from microinf.rank.flags import STRONG
from microinf.rank.score import Scorer
from microinf.sql.dialects import case, double, text
from microinf.tiers.lookup import TierRules
from microinf.tiers.schema import TiersConfig
from microinf.tiers.scoring import FlagsConfig, RankingConfig

BASES = {"followers": BY_FOLLOWERS[0], "views": BY_VIEWS[0], "viewers": BY_VIEWERS}
FLOOR = 1e-4  # a raised signal is never weaker than this (rank/flags.py)


def _num(value: float) -> exp.Expr:
    return double(float(value))


def _p(e: exp.Expr) -> exp.Expr:
    # sqlglot prints trees as built: an operand that is itself an operation needs parentheses
    return exp.paren(e) if isinstance(e, exp.Binary) else e


def _div(a: exp.Expr, b: exp.Expr) -> exp.Expr:
    return exp.Div(this=_p(a), expression=_p(b))


def _mul(a: exp.Expr, b: exp.Expr) -> exp.Expr:
    return exp.Mul(this=_p(a), expression=_p(b))


def _add(a: exp.Expr, b: exp.Expr) -> exp.Expr:
    return exp.Add(this=_p(a), expression=_p(b))


def _sub(a: exp.Expr, b: exp.Expr) -> exp.Expr:
    return exp.Sub(this=_p(a), expression=_p(b))


def _known(*values: exp.Expr) -> exp.Expr:
    return exp.and_(*(v.is_(exp.null()).not_() for v in values))


def _isin(value: exp.Expr, names: Collection[str]) -> exp.Expr:
    return value.isin(*(text(n) for n in sorted(names)))


# --- engagement: its definition follows the platform ------------------------------------------


def engagement(
    given: exp.Expr,
    likes: exp.Expr,
    comments: exp.Expr,
    views: exp.Expr,
    followers: exp.Expr,
    platform: exp.Expr,
) -> tuple[exp.Expr, exp.Expr]:
    """(rate, method) as rank.engagement gives them."""
    fans = exp.cast(followers, exp.DataType.Type.DOUBLE)
    total = exp.paren(_add(likes, exp.Coalesce(this=comments, expressions=[_num(0.0)])))
    both = comments.is_(exp.null()).not_()
    has_fans = exp.GT(this=followers, expression=exp.Literal.number(0))
    twitch = exp.and_(_isin(platform, VIEWERS), views.is_(exp.null()).not_(), has_fans)
    by_views = exp.and_(
        _isin(platform, VIEWS),
        views.is_(exp.null()).not_(),
        exp.GT(this=views, expression=_num(0.0)),
    )
    no_likes = likes.is_(exp.null())
    rate = case(
        [
            (given.is_(exp.null()).not_(), given),
            (twitch, _div(views, exp.Nullif(this=fans, expression=_num(0.0)))),
            (no_likes, exp.null()),
            (
                by_views,
                _div(total, exp.Nullif(this=views, expression=_num(0.0))),
            ),
            (has_fans, _div(total, exp.Nullif(this=fans, expression=_num(0.0)))),
        ],
        exp.null(),
    )
    method = case(
        [
            (given.is_(exp.null()).not_(), text(GIVEN)),
            (twitch, text(BY_VIEWERS)),
            (no_likes, exp.null()),
            (by_views, case([(both, text(BY_VIEWS[0]))], text(BY_VIEWS[1]))),
            (has_fans, case([(both, text(BY_FOLLOWERS[0]))], text(BY_FOLLOWERS[1]))),
        ],
        exp.null(),
    )
    return rate, method


def basis(method: exp.Expr, platform: exp.Expr) -> exp.Expr:
    """What a rate is a rate of (rank.bands.basis_of): followers, views or viewers."""
    by_platform = case(
        [(_isin(platform, VIEWS), text("views")), (_isin(platform, VIEWERS), text("viewers"))],
        text("followers"),
    )
    return case(
        [
            (_isin(method, BY_VIEWS), text("views")),
            (exp.EQ(this=method, expression=text(BY_VIEWERS)), text("viewers")),
            (exp.EQ(this=method, expression=text(GIVEN)), by_platform),
        ],
        text("followers"),
    )


# --- bands -------------------------------------------------------------------------------------

FIELDS = ("typical", "low", "high", "good", "judged")


def _value(band: Band, name: str) -> exp.Expr:
    if name == "judged":
        return exp.Literal.number(1 if band.judged else 0)
    return _num(getattr(band, name))


def _platforms(config: TiersConfig) -> list[str]:
    named = {p for p, _ in PUBLISHED} | set(config.benchmarks) | set(config.platforms)
    return sorted(named - {"default", ""})


def _band_of(scorer: Scorer, platform: str | None, tier: str | None, base: str, n: int) -> Band:
    creator = Creator(handle="-", followers=n, platform=platform, tier=tier)
    creator.engagement_method = BASES[base]
    return scorer.band(creator)


def bands(
    config: TiersConfig, tier: exp.Expr, platform: exp.Expr, base: exp.Expr, followers: exp.Expr
) -> tuple[exp.Expr, dict[str, exp.Expr]]:
    """The band of a creator's rate as Scorer.band gives it (no --peers): an expression for the
    band's number among the distinct bands, and each field as a function of that number."""
    scorer = Scorer(config)
    names = TierRules(config).names()
    # without a tier the band follows the creator's own size: one value per bracket
    edges = sorted({low for table in (*PUBLISHED.values(), NEUTRAL) for low, _, _ in table})
    distinct: dict[Band, int] = {}

    def number(p: str | None, t: str | None, b: str, n: int) -> int:
        return distinct.setdefault(_band_of(scorer, p, t, b, n), len(distinct))

    def by_tier(p: str | None, b: str) -> exp.Expr:
        sized = [number(p, None, b, low) for low in edges]
        tiers = [number(p, t, b, 0) for t in names]
        if len({*sized, *tiers}) == 1:
            return exp.Literal.number(sized[0])
        sized_case = case(
            [
                (exp.GTE(this=followers, expression=exp.Literal.number(low)), exp.Literal.number(i))
                for low, i in reversed(list(zip(edges, sized, strict=True)))
            ],
            exp.Literal.number(number(p, None, b, 0)),
        )
        pairs: list[tuple[exp.Expr, exp.Expr]] = [(tier.is_(exp.null()), sized_case)]
        pairs += [
            (exp.EQ(this=tier, expression=text(t)), exp.Literal.number(i))
            for t, i in zip(names, tiers, strict=True)
        ]
        return case(pairs, exp.null())

    def by_basis(p: str | None) -> exp.Expr:
        options = {b: by_tier(p, b) for b in BASES}
        if len({o.sql() for o in options.values()}) == 1:
            return options["followers"]
        return case(
            [(exp.EQ(this=base, expression=text(b)), o) for b, o in options.items()], exp.null()
        )

    other = by_basis(None)  # any other platform, or none
    pairs: list[tuple[exp.Expr, exp.Expr]] = []
    for p in _platforms(config):
        mine = by_basis(p)
        if mine.sql() != other.sql():
            pairs.append((exp.EQ(this=platform, expression=text(p)), mine))
    which = case(pairs, other)
    ordered = sorted(distinct, key=distinct.__getitem__)
    fields = {
        name: case(
            [
                (
                    exp.EQ(this=exp.column("mi_band"), expression=exp.Literal.number(i)),
                    _value(band, name),
                )
                for i, band in enumerate(ordered)
            ],
            exp.null(),
        )
        for name in FIELDS
    }
    return which, fields


def quality(rate: exp.Expr, band: Mapping[str, exp.Expr]) -> exp.Expr:
    """rate / (rate + typical), the rate capped at the top of the good band when judged."""
    over = exp.and_(
        exp.EQ(this=band["judged"], expression=exp.Literal.number(1)),
        exp.GT(this=rate, expression=band["good"]),
    )
    capped = case([(over, band["good"])], rate)
    none = exp.or_(rate.is_(exp.null()), exp.LTE(this=capped, expression=_num(0.0)))
    share = exp.Div(
        this=capped,
        expression=exp.Nullif(this=_add(capped, band["typical"]), expression=_num(0.0)),
    )
    return case([(none, _num(0.0))], share)


# --- signals -----------------------------------------------------------------------------------


def _ramp(ratio: exp.Expr) -> exp.Expr:
    """1 - 1/ratio^2 beyond the edge (ratio > 1), never under the floor."""
    value = exp.Sub(
        this=_num(1.0),
        expression=_div(_num(1.0), _mul(ratio, ratio)),
    )
    strong = exp.and_(
        exp.GT(this=ratio, expression=_num(1.0)), exp.GT(this=value, expression=_num(FLOOR))
    )
    return case([(strong, value)], _num(FLOOR))


def signals(
    rules: FlagsConfig, c: Mapping[str, exp.Expr], band: Mapping[str, exp.Expr]
) -> list[tuple[str, exp.Expr]]:
    """(name, strength) of every enabled signal, 0 when it is not raised; in check_flags' order."""
    zero = _num(0.0)
    rate = c["engagement_rate"]
    judged = exp.and_(_known(rate), exp.EQ(this=band["judged"], expression=exp.Literal.number(1)))
    out: list[tuple[str, exp.Expr]] = []
    low = rules.low_engagement
    if low.enabled:
        raised = exp.and_(judged, exp.LT(this=rate, expression=band["low"]))
        nothing = exp.LTE(this=rate, expression=zero)
        strength = case(
            [(nothing, _num(1.0))],
            _ramp(_div(band["low"], exp.Nullif(this=rate, expression=zero))),
        )
        out.append(("low_engagement", case([(raised, strength)], zero)))
    high = rules.implausible_engagement
    if high.enabled:
        ceiling = _num(high.ceiling)
        top = case([(exp.LT(this=band["high"], expression=ceiling), band["high"])], ceiling)
        raised = exp.and_(judged, exp.GT(this=rate, expression=top))
        strength = _ramp(_div(rate, exp.Nullif(this=top, expression=zero)))
        out.append(("implausible_engagement", case([(raised, strength)], zero)))
    ratio = rules.comment_ratio
    if ratio.enabled:
        likes, comments = c["avg_likes"], c["avg_comments"]
        enough = exp.GTE(this=likes, expression=_num(ratio.min_likes))
        per_like = _div(comments, exp.Nullif(this=likes, expression=zero))
        above = exp.GT(this=per_like, expression=_num(ratio.max))
        below = exp.LT(this=per_like, expression=_num(ratio.min))
        raised = exp.and_(_known(likes, comments), enough, exp.paren(exp.or_(above, below)))
        # as Python computes it: beyond = max/per_like or per_like/min, then ramp(1 / beyond)
        beyond = case(
            [(above, _div(_num(ratio.max), per_like))],
            _div(per_like, _num(ratio.min)),
        )
        inverse = _div(_num(1.0), exp.Nullif(this=beyond, expression=zero))
        strength = case([(exp.LTE(this=per_like, expression=zero), _num(1.0))], _ramp(inverse))
        out.append(("comment_ratio", case([(raised, strength)], zero)))
    mass = rules.mass_following
    if mass.enabled:
        following = c["following"]
        raised = exp.and_(
            _known(following),
            exp.GT(this=following, expression=exp.Literal.number(mass.min_following)),
            exp.GTE(
                this=following,
                expression=exp.Mul(
                    this=_num(mass.min_ratio),
                    expression=exp.cast(c["followers"], exp.DataType.Type.DOUBLE),
                ),
            ),
        )
        out.append(("mass_following", case([(raised, _num(1.0))], zero)))
    few = rules.few_posts
    if few.enabled:
        posts = c["posts"]
        raised = exp.and_(
            _known(posts),
            exp.LT(this=posts, expression=exp.Literal.number(few.min_posts)),
            exp.GTE(this=c["followers"], expression=exp.Literal.number(few.min_followers)),
        )
        out.append(("few_posts", case([(raised, _num(1.0))], zero)))
    cred = rules.low_credibility
    if cred.enabled:
        value = c["credibility"]
        raised = exp.and_(_known(value), exp.LT(this=value, expression=_num(cred.below)))
        out.append(("low_credibility", case([(raised, _num(STRONG))], zero)))
    return out


def strength(found: Sequence[exp.Expr]) -> exp.Expr:
    """The signals' sum, added in check_flags' order as Python adds them."""
    total: exp.Expr = _num(0.0)
    for value in found:
        total = _add(total, value)
    return total


def factor(ranking: RankingConfig, s: exp.Expr) -> exp.Expr:
    """(1 - review_penalty x min(S, 1)) x (1 - flag_penalty)^max(S - 1, 0)."""
    first = exp.Sub(
        this=_num(1.0),
        expression=exp.Mul(
            this=_num(ranking.review_penalty),
            expression=case([(exp.LT(this=s, expression=_num(1.0)), s)], _num(1.0)),
        ),
    )
    rest = case(
        [
            (
                exp.GT(this=s, expression=_num(1.0)),
                exp.Pow(
                    this=_num(1.0 - ranking.flag_penalty),
                    expression=_sub(s, _num(1.0)),
                ),
            )
        ],
        _num(1.0),
    )
    return _mul(exp.paren(first), exp.paren(rest))


def severity(s: exp.Expr) -> exp.Expr:
    """NULL without signals, 'review' for at most one signal's worth, 'flag' beyond."""
    return case(
        [
            (exp.LTE(this=s, expression=_num(0.0)), exp.null()),
            (exp.LTE(this=s, expression=_num(1.0)), text("review")),
        ],
        text("flag"),
    )


def names_at(level: str, found: Sequence[tuple[str, exp.Expr]], sev: exp.Expr) -> exp.Expr:
    """The raised signals' names, comma-separated, when the severity is `level`; else ''."""
    joined: exp.Expr = text("")
    for name, value in found:
        part = case([(exp.GT(this=value, expression=_num(0.0)), text("," + name))], text(""))
        joined = exp.DPipe(this=joined, expression=part)
    listed = exp.Substring(this=joined, start=exp.Literal.number(2))
    return case([(exp.EQ(this=sev, expression=text(level)), listed)], text(""))
