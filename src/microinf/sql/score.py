"""The score, its rounding, and the order of the ranking, as SQL expressions."""

from __future__ import annotations

from sqlglot import exp

from microinf.rank.score import SCORE_DIGITS
from microinf.sql.dialects import binary_order, double, text
from microinf.tiers.scoring import RankingConfig


def base_score(ranking: RankingConfig, relevance: exp.Expr | None, quality: exp.Expr) -> exp.Expr:
    """Weighted relevance and engagement quality (quality alone without --niche)."""
    w_rel, w_eng = ranking.relevance, ranking.engagement
    if relevance is None or w_rel + w_eng <= 0:
        return quality
    weighted = exp.Add(
        this=exp.Mul(this=double(w_rel), expression=relevance),
        expression=exp.Mul(this=double(w_eng), expression=quality),
    )
    return exp.Div(this=exp.paren(weighted), expression=double(w_rel + w_eng))


def rounded(x: exp.Expr) -> exp.Expr:
    """Python's round(x, SCORE_DIGITS): the decimal value of the double x, halves to even.

    SQL's ROUND takes halves away from zero, and some engines round the shortest decimal form
    rather than the double itself. Here t = x * 10 ** SCORE_DIGITS; when the product lands on a
    half, x itself is compared with the half written back as a double, since the product may
    have rounded onto the half; only an exact tie goes to the even digit.
    """
    scale = double(10.0**SCORE_DIGITS)
    t = exp.paren(exp.Mul(this=x, expression=scale))
    floor = exp.Floor(this=t)
    rest = exp.Sub(this=t, expression=floor)
    half = double(0.5)
    up = exp.Add(this=floor, expression=double(1.0))
    odd = exp.Sub(
        this=floor,
        expression=exp.Mul(
            this=double(2.0), expression=exp.Floor(this=exp.Div(this=floor, expression=double(2.0)))
        ),
    )
    # On a half: is x above or below the exact decimal half y / scale? x * scale is split into
    # two exact products (Veltkamp's split of x into 26-bit halves), so that
    # (hi * scale - y) + lo * scale has the sign of x * scale - y, with no rounding to hide it.
    y = exp.paren(exp.Add(this=floor, expression=half))
    c = exp.paren(exp.Mul(this=x, expression=double(134217729.0)))
    hi = exp.paren(exp.Sub(this=c, expression=exp.paren(exp.Sub(this=c, expression=x))))
    lo = exp.paren(exp.Sub(this=x, expression=hi))
    error = exp.Add(
        this=exp.paren(exp.Sub(this=exp.paren(exp.Mul(this=hi, expression=scale)), expression=y)),
        expression=exp.paren(exp.Mul(this=lo, expression=scale)),
    )
    units = (
        exp.Case()
        .when(exp.GT(this=rest, expression=half), up)
        .when(exp.LT(this=rest, expression=half), floor)
        .when(exp.GT(this=error, expression=double(0.0)), up)
        .when(exp.LT(this=error, expression=double(0.0)), floor)
        .else_(exp.Add(this=floor, expression=odd))
    )
    return exp.Div(this=exp.paren(units), expression=scale)


def order_by(dialect: str, has_line: bool) -> list[exp.Ordered]:
    """The ranking order of rank.score.order_key: score, then followers, both descending; then
    the handle case-folded, the handle itself, the platform, and the input order (line).

    One table is one source, so the source name that order_key also compares is the same here.
    """
    platform = exp.Coalesce(this=exp.column("platform"), expressions=[text("")])
    keys = [
        exp.Ordered(this=exp.column("score"), desc=True),
        exp.Ordered(this=exp.column("followers"), desc=True),
        exp.Ordered(this=binary_order(exp.column("mi_handle_key"), dialect), desc=False),
        exp.Ordered(this=binary_order(exp.column("handle"), dialect), desc=False),
        exp.Ordered(this=binary_order(platform, dialect), desc=False),
    ]
    if has_line:
        keys.append(exp.Ordered(this=exp.column("line"), desc=False))
    return keys
