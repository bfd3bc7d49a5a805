"""What each SQL dialect can do that the rules need, and the few spellings that differ."""

from __future__ import annotations

from collections.abc import Sequence

from sqlglot import exp

DIALECTS = ("duckdb", "sqlite", "postgres", "spark", "bigquery", "snowflake")
NO_REGEX = frozenset({"sqlite"})  # no regular expressions without a user-defined function
NO_TRANSLATE = frozenset({"sqlite"})
# dialects whose slow per-row work (TRIM with a set, REPLACE, TRANSLATE) runs only where a
# regular expression says it can act; elsewhere a column read three times per stage could be
# copied into every later stage by the planner, three times over
GUARDED = frozenset({"duckdb", "spark"})
# dialects whose optimizer pushes a filter down through every projection by copying each
# column's expression into it (Spark's PushPredicateThroughNonJoin): a filter on the score's
# parts would grow to billions of nodes there. Their rows are kept or left out after the
# ranking's window, which a filter is not pushed through.
FILTER_LATE = frozenset({"spark"})
# dialects whose planner inlines each stage into the next by copying its expressions: SQLite
# would fold them into one expression deeper than it allows, PostgreSQL into one of billions
# of nodes (it ran out of 24 GB). Every stage there is MATERIALIZED: computed once, stored.
STAGE_BY_STAGE = frozenset({"sqlite", "postgres"})


def regex_match(text: exp.Expr, pattern: str, dialect: str, ignore_case: bool = False) -> exp.Expr:
    """True when `pattern` occurs somewhere in `text` (ASCII letters in either case if asked)."""
    if dialect == "snowflake":  # REGEXP_LIKE matches the whole subject there; 's': dot matches \n
        flags = "is" if ignore_case else "s"
        return exp.RegexpLike(
            this=text,
            expression=exp.Literal.string(f".*{pattern}.*"),
            flag=exp.Literal.string(flags),
        )
    if ignore_case:  # RE2 (DuckDB, BigQuery), Java (Spark) and PostgreSQL all read (?i)
        pattern = "(?i)" + pattern
    return exp.RegexpLike(this=text, expression=exp.Literal.string(pattern))


def case(pairs: Sequence[tuple[exp.Expr, exp.Expr]], default: exp.Expr) -> exp.Expr:
    """CASE WHEN c1 THEN v1 ... ELSE default END; the default alone when there are no pairs.

    Built in one step: adding WHEN by WHEN copies the whole CASE each time (quadratic).
    """
    if not pairs:
        return default
    ifs = [exp.If(this=cond, true=value) for cond, value in pairs]
    return exp.Case(ifs=ifs, default=default)


def is_nan(value: exp.Expr, dialect: str) -> exp.Expr | None:
    """True where a double is NaN; None where the dialect has no NaN (SQLite stores NULL)."""
    if dialect == "sqlite":
        return None
    if dialect in ("duckdb", "spark"):
        return exp.Anonymous(this="ISNAN", expressions=[value])
    if dialect == "bigquery":
        return exp.Anonymous(this="IS_NAN", expressions=[value])
    # PostgreSQL and Snowflake have no such function, and a NaN equals itself there
    nan = exp.cast(exp.Literal.string("NaN"), exp.DataType.Type.DOUBLE)
    return exp.EQ(this=value, expression=nan)


def binary_order(key: exp.Expr, dialect: str) -> exp.Expr:
    """Compare by code point, as Python compares strings (PostgreSQL uses the locale's order)."""
    if dialect == "postgres":
        return exp.Collate(this=key, expression=exp.Identifier(this="C", quoted=True))
    return key


def double(value: float) -> exp.Expr:
    """A floating-point constant (a bare 0.25 is an exact decimal in several dialects)."""
    return exp.cast(exp.Literal.number(repr(float(value))), exp.DataType.Type.DOUBLE)


def text(value: str | None) -> exp.Expr:
    """A string constant, or NULL."""
    return exp.null() if value is None else exp.Literal.string(value)
