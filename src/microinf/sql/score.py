"""The score, its rounding, and the order of the ranking, as SQL expressions."""

from __future__ import annotations

from collections.abc import Sequence

from sqlglot import exp

from microinf.rank.score import SCORE_DIGITS
from microinf.sql.dialects import binary_order, double, text
from microinf.tiers.scoring import RankingConfig


def flag_count(conditions: Sequence[exp.Expr]) -> exp.Expr:
    """How many flags are raised."""
    total: exp.Expr = exp.Literal.number(0)
    for cond in conditions:
        term = exp.Case().when(cond, exp.Literal.number(1)).else_(exp.Literal.number(0))
        total = exp.Add(this=total, expression=term)
    return total


def flag_list(names: Sequence[str], columns: Sequence[exp.Expr]) -> exp.Expr:
    """The raised flags' names, comma-separated, in the order the classifier gives them."""
    joined: exp.Expr = text("")
    for name, raised in zip(names, columns, strict=True):
        part = exp.Case().when(raised, text("," + name)).else_(text(""))
        joined = exp.DPipe(this=joined, expression=part)
    return exp.Substring(this=joined, start=exp.Literal.number(2))


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


def flag_factor(ranking: RankingConfig, count: exp.Expr, most: int) -> exp.Expr:
    """(1 - flag_penalty) ** flags, each power computed in Python."""
    case = exp.Case()
    for n in range(most + 1):
        case = case.when(
            exp.EQ(this=count, expression=exp.Literal.number(n)),
            double((1 - ranking.flag_penalty) ** n),
        )
    return case.else_(exp.null())


def scaled(value: exp.Expr) -> exp.Expr:
    """The value times 10 ** SCORE_DIGITS (rounded next by `rounded`)."""
    return exp.Mul(this=value, expression=double(10.0**SCORE_DIGITS))


def rounded(t: exp.Expr) -> exp.Expr:
    """Python's round(x, SCORE_DIGITS) from t = x * 10 ** SCORE_DIGITS: halves to even.

    SQL's ROUND takes halves away from zero, and some engines round the shortest decimal
    form rather than the double itself; this is the same arithmetic everywhere.
    """
    floor = exp.Floor(this=t)
    rest = exp.Sub(this=t, expression=floor)
    half = double(0.5)
    odd = exp.Sub(
        this=floor,
        expression=exp.Mul(
            this=double(2.0), expression=exp.Floor(this=exp.Div(this=floor, expression=double(2.0)))
        ),
    )
    units = (
        exp.Case()
        .when(exp.GT(this=rest, expression=half), exp.Add(this=floor, expression=double(1.0)))
        .when(exp.LT(this=rest, expression=half), floor)
        .else_(exp.Add(this=floor, expression=odd))
    )
    return exp.Div(this=exp.paren(units), expression=double(10.0**SCORE_DIGITS))


def order_by(dialect: str, has_line: bool) -> list[exp.Ordered]:
    """The ranking order: score, then followers, both descending; then the handle case-folded,
    the handle itself, and the input order (line)."""
    keys = [
        exp.Ordered(this=exp.column("score"), desc=True),
        exp.Ordered(this=exp.column("followers"), desc=True),
        exp.Ordered(this=binary_order(exp.column("mi_handle_key"), dialect), desc=False),
        exp.Ordered(this=binary_order(exp.column("handle"), dialect), desc=False),
    ]
    if has_line:
        keys.append(exp.Ordered(this=exp.column("line"), desc=False))
    return keys
