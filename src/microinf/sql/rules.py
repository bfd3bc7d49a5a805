"""Each rule of classify as a SQL expression, built from the same config and constants.

One function per rule; every number comes from the loaded TiersConfig or the rank modules.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlglot import exp

from microinf.numbers import MISSING
from microinf.rank.score import ER_BRACKETS, Scorer
from microinf.sql.dialects import GUARDED, double, regex_match, text
from microinf.tiers.lookup import TierIndex, TierRules
from microinf.tiers.schema import TiersConfig

_LONGEST = max(len(m) for m in MISSING)
WHITESPACE = "".join(c for c in map(chr, range(0x110000)) if c.isspace())  # what str.strip strips
WORD = "[a-z0-9]"
NOT_WORD = "[^a-z0-9]"
NOT_WORD_IN_CATEGORY = "[^a-z0-9,;|]"  # categories are split on , ; | before their words are read


def col(name: str) -> exp.Column:
    return exp.column(name)


def _case(pairs: Sequence[tuple[exp.Expr, exp.Expr]], default: exp.Expr) -> exp.Expr:
    case = exp.Case()
    for cond, value in pairs:
        case = case.when(cond, value)
    return case.else_(default) if pairs else default


# --- reading: cells as the record reader reads them --------------------------------------------


def strip(value: exp.Expr, dialect: str) -> exp.Expr:
    """str.strip(): every kind of white space at either end."""
    stripped = exp.Trim(this=value, expression=text(WHITESPACE))
    if dialect not in GUARDED:
        return stripped
    # TRIM with a set of characters is slow per row: only when an end is not printable ASCII
    ends = regex_match(value, "^[^!-~]|[^!-~]$", dialect)
    return exp.Case().when(ends, stripped).else_(value)


def clean_text(cell: exp.Expr, dialect: str) -> exp.Expr:
    """text_value: stripped text, NULL for the words that mean "no value"."""
    stripped = strip(exp.cast(cell, exp.DataType.Type.TEXT), dialect)
    # one membership test in a delimited list: an IN list becomes a join in some engines, and
    # a chain of equalities repeats the cell once per word
    listed = exp.StrPosition(
        this=text("|" + "|".join(sorted(MISSING)) + "|"),
        substr=exp.DPipe(
            this=exp.DPipe(this=text("|"), expression=exp.Lower(this=stripped)),
            expression=text("|"),
        ),
    )
    missing = exp.and_(
        exp.LTE(this=exp.Length(this=stripped), expression=exp.Literal.number(_LONGEST)),
        exp.GT(this=listed, expression=exp.Literal.number(0)),
        exp.EQ(
            this=exp.StrPosition(this=stripped, substr=text("|")), expression=exp.Literal.number(0)
        ),
    )
    return exp.Case().when(missing, exp.null()).else_(stripped)


def clean_handle(cell: exp.Expr, dialect: str) -> exp.Expr:
    """The handle without its leading @."""
    bare = exp.Trim(this=clean_text(cell, dialect), expression=text("@"), position="LEADING")
    return strip(bare, dialect)


def clean_platform(cell: exp.Expr, default: str | None, dialect: str) -> exp.Expr:
    """The platform in lower case, else --platform-default."""
    platform: exp.Expr = exp.Lower(this=clean_text(cell, dialect))
    if default:
        platform = exp.Coalesce(this=platform, expressions=[text(default.lower())])
    return platform


def clean_rate(cell: exp.Expr) -> exp.Expr:
    """A rate as a fraction: values above 1 are percentages (4.1 is 4.1%)."""
    rate = exp.cast(cell, exp.DataType.Type.DOUBLE)
    over = exp.GT(this=rate, expression=exp.Literal.number(1))
    return exp.Case().when(over, exp.Div(this=rate, expression=double(100.0))).else_(rate)


# --- tiers ----------------------------------------------------------------------------------


def _tier_of(index: TierIndex, followers: exp.Expr) -> exp.Expr:
    # bisect_right(bounds, n) as a CASE: the first bound above n picks the slot before it
    pairs = [
        (exp.LT(this=followers, expression=exp.Literal.number(bound)), text(index.slots[i]))
        for i, bound in enumerate(index.bounds)
    ]
    return _case(pairs, text(index.slots[len(index.bounds)]))


def tier(config: TiersConfig, platform: exp.Expr, followers: exp.Expr) -> exp.Expr:
    """The tier of a creator on its platform (the platform's own tiers, else the default)."""
    rules = TierRules(config)
    pairs = [
        (exp.EQ(this=platform, expression=text(name)), _tier_of(index, followers))
        for name, index in rules.platforms.items()
    ]
    return _case(pairs, _tier_of(rules.default, followers))


# --- engagement -----------------------------------------------------------------------------


def _computed(likes: exp.Expr, followers: exp.Expr) -> exp.Expr:
    return exp.and_(
        likes.is_(exp.null()).not_(), exp.GT(this=followers, expression=exp.Literal.number(0))
    )


def engagement_rate(
    given: exp.Expr,
    likes: exp.Expr,
    comments: exp.Expr,
    followers: exp.Expr,
) -> exp.Expr:
    """The given rate, else (likes + comments) / followers."""
    total = exp.Add(this=likes, expression=exp.Coalesce(this=comments, expressions=[double(0.0)]))
    divisor = exp.Nullif(this=exp.cast(followers, exp.DataType.Type.DOUBLE), expression=double(0.0))
    ratio = exp.Div(this=exp.paren(total), expression=divisor)
    return _case(
        [(given.is_(exp.null()).not_(), given), (_computed(likes, followers), ratio)], exp.null()
    )


def engagement_method(
    given: exp.Expr,
    likes: exp.Expr,
    comments: exp.Expr,
    followers: exp.Expr,
) -> exp.Expr:
    """given, likes+comments, likes only, or NULL."""
    which = _case([(comments.is_(exp.null()).not_(), text("likes+comments"))], text("likes only"))
    return _case(
        [(given.is_(exp.null()).not_(), text("given")), (_computed(likes, followers), which)],
        exp.null(),
    )


# --- benchmark and engagement quality --------------------------------------------------------


def _bracket(followers: exp.Expr) -> exp.Expr:
    pairs = [
        (exp.GTE(this=followers, expression=exp.Literal.number(low)), double(rate))
        for low, rate in reversed(ER_BRACKETS)
    ]
    return _case(pairs, double(ER_BRACKETS[0][1]))


def benchmark(
    config: TiersConfig, tier_: exp.Expr, platform: exp.Expr, followers: exp.Expr
) -> exp.Expr:
    """Scorer.benchmark for every (tier, platform) the config can give, asked of Scorer itself."""
    scorer = Scorer(config)
    names = TierRules(config).names()
    platforms = sorted((set(config.benchmarks) | set(config.platforms)) - {"default"})
    pairs: list[tuple[exp.Expr, exp.Expr]] = [(tier_.is_(exp.null()), _bracket(followers))]
    for name in names:
        usual = scorer.benchmark(name, None, 0)
        for p in platforms:
            rate = scorer.benchmark(name, p, 0)
            if rate != usual:
                cond = exp.and_(
                    exp.EQ(this=tier_, expression=text(name)),
                    exp.EQ(this=platform, expression=text(p)),
                )
                pairs.append((cond, double(rate)))
        pairs.append((exp.EQ(this=tier_, expression=text(name)), double(usual)))
    return _case(pairs, exp.null())


def quality(rate: exp.Expr, bench: exp.Expr) -> exp.Expr:
    """rate / (rate + benchmark); 0 without a positive rate."""
    none = exp.or_(rate.is_(exp.null()), exp.LTE(this=rate, expression=double(0.0)))
    total = exp.Nullif(this=exp.Add(this=rate, expression=bench), expression=double(0.0))
    share = exp.Div(this=rate, expression=total)
    return exp.Case().when(none, double(0.0)).else_(share)
