"""Each rule of classify as a SQL expression, built from the same config and constants.

One function per rule; every number comes from the loaded TiersConfig or the rank modules.
"""

from __future__ import annotations

from sqlglot import exp

from microinf.numbers import MISSING
from microinf.platforms import ALIASES, KNOWN, canonical_platform
from microinf.sql.charmap import every_character
from microinf.sql.dialects import GUARDED, case, double, is_nan, regex_match, text
from microinf.tiers.lookup import TierIndex, TierRules
from microinf.tiers.schema import TiersConfig

_LONGEST = max(len(m) for m in MISSING)


def _whitespace() -> str:
    """What str.strip strips: the characters str.split() splits on, between its pieces."""
    everything = "\x00" + "".join(map(chr, range(1, 0x80))) + every_character()
    gaps, after = [], -1
    for piece in everything.split():
        gaps.append(everything[after + 1 : ord(piece[0])])
        after = ord(piece[-1])
    gaps.append(everything[after + 1 :])
    return "".join(gaps)


WHITESPACE = _whitespace()
WORD = "[a-z0-9]"
NOT_WORD = "[^a-z0-9]"
NOT_WORD_IN_CATEGORY = "[^a-z0-9,;|]"  # categories are split on , ; | before their words are read


def col(name: str) -> exp.Column:
    return exp.column(name)


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


# the characters taken out of a platform name before it is looked up among the aliases
PLATFORM_SEPARATORS = " .-_/"


def clean_platform(cell: exp.Expr, default: str | None, dialect: str) -> exp.Expr:
    """The platform's canonical name (platforms.canonical_platform), else --platform-default.

    An alias is recognised in lower case without spaces, dots, hyphens, underscores and slashes
    ("Twitter", "X.com", "you tube"); other punctuation is kept, where Python drops every
    character that is not a letter or a digit (docs/sql.md).
    """
    lowered: exp.Expr = exp.Lower(this=clean_text(cell, dialect))
    folded = lowered
    for ch in PLATFORM_SEPARATORS:
        folded = exp.func("REPLACE", folded, text(ch), text(""))
    pairs = []
    for name in KNOWN:
        spelled = {name} | {a for a, target in ALIASES.items() if target == name}
        pairs.append((folded.isin(*(text(x) for x in sorted(spelled))), text(name)))
    platform = case(pairs, lowered)
    if default:
        platform = exp.Coalesce(this=platform, expressions=[text(canonical_platform(default))])
    return platform


def number(cell: exp.Expr, dialect: str, whole: bool = False, finite: bool = False) -> exp.Expr:
    """A numeric cell as classify reads it: NaN (a "nan" cell) is no value; `whole`: a count.

    `finite` (the duckdb engine, whose query reports them as classify does): an infinite
    value is no value here too.
    """
    whole_type = exp.DataType.Type.BIGINT
    value = exp.cast(cell, exp.DataType.Type.DOUBLE)
    nan = is_nan(value, dialect)
    if nan is None:
        return exp.cast(cell, whole_type if whole else exp.DataType.Type.DOUBLE)
    if finite:
        nan = exp.or_(nan, exp.Anonymous(this="ISINF", expressions=[value]))
    cleaned = case([(nan, exp.null())], value)
    return exp.cast(cleaned, whole_type) if whole else cleaned


def clean_rate(cell: exp.Expr, dialect: str, finite: bool = False) -> exp.Expr:
    """A rate as a fraction: values above 1 are percentages (4.1 is 4.1%)."""
    rate = number(cell, dialect, finite=finite)
    over = exp.GT(this=rate, expression=exp.Literal.number(1))
    return exp.Case().when(over, exp.Div(this=rate, expression=double(100.0))).else_(rate)


# --- tiers ----------------------------------------------------------------------------------


def _tier_of(index: TierIndex, followers: exp.Expr) -> exp.Expr:
    # bisect_right(bounds, n) as a CASE: the first bound above n picks the slot before it
    pairs = [
        (exp.LT(this=followers, expression=exp.Literal.number(bound)), text(index.slots[i]))
        for i, bound in enumerate(index.bounds)
    ]
    return case(pairs, text(index.slots[len(index.bounds)]))


def tier(config: TiersConfig, platform: exp.Expr, followers: exp.Expr) -> exp.Expr:
    """The tier of a creator on its platform (the platform's own tiers, else the default)."""
    rules = TierRules(config)
    # platforms reach here in their canonical spelling; a config may name one by an alias
    pairs = [
        (
            exp.EQ(this=platform, expression=text(canonical_platform(name))),
            _tier_of(index, followers),
        )
        for name, index in rules.platforms.items()
    ]
    return case(pairs, _tier_of(rules.default, followers))
