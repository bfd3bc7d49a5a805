"""What each SQL dialect can do that the rules need, and the few spellings that differ."""

from __future__ import annotations

from sqlglot import exp

DIALECTS = ("duckdb", "sqlite", "postgres", "spark", "bigquery", "snowflake")
NO_REGEX = frozenset({"sqlite"})  # no regular expressions without a user-defined function
NO_TRANSLATE = frozenset({"sqlite"})
# dialects whose slow per-row work (TRIM with a set, REPLACE, TRANSLATE) runs only where a
# regular expression says it can act; elsewhere a column read three times per stage could be
# copied into every later stage by the planner, three times over
GUARDED = frozenset({"duckdb", "spark"})


def regex_match(text: exp.Expr, pattern: str, dialect: str) -> exp.Expr:
    """True when `pattern` occurs somewhere in `text`."""
    if dialect == "snowflake":  # REGEXP_LIKE matches the whole subject there; 's': dot matches \n
        return exp.RegexpLike(
            this=text, expression=exp.Literal.string(f".*{pattern}.*"), flag=exp.Literal.string("s")
        )
    return exp.RegexpLike(this=text, expression=exp.Literal.string(pattern))


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
