"""A tiers.yaml and a query as one SQL query: a chain of CTEs, one rule per column."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from sqlglot import exp

from microinf import __version__
from microinf.errors import UsageError
from microinf.numbers import MAX_FOLLOWERS
from microinf.rank.niches import NicheMatcher
from microinf.sql import rules, signals
from microinf.sql.charmap import case_fold, word_fold
from microinf.sql.dialects import DIALECTS, FILTER_LATE, STAGE_BY_STAGE, case
from microinf.sql.score import base_score, order_by, rounded
from microinf.sql.text import (
    bio_hits,
    category_match,
    check_niches,
    finish_fold,
    fold_stages,
    padded,
    relevance,
    relevant,
    screen,
)
from microinf.tiers.load import LoadedTiers
from microinf.tiers.lookup import TierRules

TEXT = ("name", "bio", "country", "language", "url", "source")
NUMBERS = ("avg_likes", "avg_comments", "avg_views", "price")
COUNTS = ("following", "posts", "line")
FIELDS = (
    "handle", "platform", "followers", "name", "niche", "bio", "avg_likes", "avg_comments",
    "avg_views", "engagement_rate", "following", "posts", "credibility", "price", "country",
    "language", "url", "source", "line",
)  # fmt: skip
OPTIONAL_BY_DEFAULT = ("source", "line")  # read only when --map names their column
OUTPUT = (
    "rank", "handle", "platform", "name", "followers", "tier", "niche", "engagement_rate",
    "engagement_method", "score", "flags", "review", "relevance", "bio", "avg_likes",
    "avg_comments", "avg_views", "following", "posts", "credibility", "price", "country",
    "language", "url", "source", "line",
)  # fmt: skip


@dataclass
class Spec:
    """The table, how its columns are named, and the filters of classify."""

    table: str = "creators"
    columns: dict[str, str | None] = field(default_factory=dict)  # FIELD -> column, None: none
    passthrough: tuple[str, ...] = ()  # other columns, carried through unchanged
    niches: list[str] = field(default_factory=list)
    tiers: list[str] = field(default_factory=list)
    platforms: list[str] = field(default_factory=list)
    min_followers: int | None = None
    max_followers: int | None = None
    min_relevance: float | None = None  # None: tiers.yaml ranking.min_relevance
    exclude_flagged: bool = False
    top: int | None = None
    platform_default: str | None = None
    # for the duckdb engine: one row of counts joined to the rows (mi_candidates: rows the
    # filters keep; mi_duplicates: of them, repeats of a platform and handle; mi_bad: rows with
    # a follower count classify refuses, which pass the size filters to be counted;
    # mi_infinite: kept rows with an infinite number, and its column)
    count: bool = False

    def column(self, name: str) -> str | None:
        """The table's column for a field, None when the table has none."""
        if name in self.columns:
            return self.columns[name]
        return None if name in OPTIONAL_BY_DEFAULT else name


class _Chain:
    """CTEs each adding columns to the previous one: SELECT *, new FROM previous WHERE ..."""

    def __init__(self, first: exp.Select) -> None:
        self.ctes: list[tuple[str, exp.Select]] = [("mi_src", first)]

    @property
    def last(self) -> str:
        return self.ctes[-1][0]

    def add(self, columns: list[tuple[str, exp.Expr]], where: exp.Expr | None = None) -> None:
        select = exp.select(exp.Star(), *(exp.alias_(e, n) for n, e in columns)).from_(
            self.last, copy=False
        )
        if where is not None:
            select = select.where(where, copy=False)
        self.ctes.append((f"mi_{len(self.ctes)}", select))

    def query(self, final: exp.Select, dialect: str, count: bool) -> exp.Select:
        # the rows counted and ranked are computed once
        for name, select in self.ctes:
            materialized = dialect in STAGE_BY_STAGE or (count and name == self.last)
            final = final.with_(name, as_=select, materialized=materialized or None, copy=False)
        return final


def _source(spec: Spec, dialect: str, matcher: NicheMatcher | None) -> exp.Select:
    def cell(name: str) -> exp.Expr:
        column = spec.column(name)
        return exp.null() if column is None else exp.column(column, quoted=True)

    for required in ("handle", "followers"):
        if spec.column(required) is None:
            raise UsageError(f"--map {required}=: the {required} column is required")
    columns = [
        ("handle", rules.clean_handle(cell("handle"), dialect)),
        ("platform", rules.clean_platform(cell("platform"), spec.platform_default, dialect)),
        ("followers", _followers(cell("followers"), spec.count)),
        ("niche", rules.clean_text(cell("niche"), dialect)),
        ("mi_given", rules.clean_rate(cell("engagement_rate"), dialect, spec.count)),
        ("credibility", rules.clean_rate(cell("credibility"), dialect, spec.count)),
    ]
    columns += [(n, rules.clean_text(cell(n), dialect)) for n in TEXT]
    columns += [(n, rules.number(cell(n), dialect, finite=spec.count)) for n in NUMBERS]
    columns += [(n, rules.number(cell(n), dialect, True, spec.count)) for n in COUNTS]
    columns += [(f"mi_px_{i}", exp.column(c, quoted=True)) for i, c in enumerate(spec.passthrough)]
    if spec.count:  # the cell as written, for the message about a bad one
        columns.append(("mi_followers_cell", exp.cast(cell("followers"), exp.DataType.Type.TEXT)))
        columns.append(("mi_infinite", _infinite(spec, cell)))
    if matcher is not None:  # on the cells as stored: cleaning them only takes characters away
        found = screen(matcher, [cell("niche"), cell("bio")], dialect)
        columns.append(("mi_screen", exp.true() if found is None else found))
    return exp.select(*(exp.alias_(e, n) for n, e in columns)).from_(exp.to_table(spec.table))


def _infinite(spec: Spec, cell: Callable[[str], exp.Expr]) -> exp.Expr:
    """The first column holding an infinite number, which classify cannot read; else NULL."""
    pairs: list[tuple[exp.Expr, exp.Expr]] = []
    for name in ("engagement_rate", "credibility", *NUMBERS, *COUNTS):
        column = spec.column(name)
        if column is not None:
            value = exp.TryCast(this=cell(name), to=exp.DataType.build("DOUBLE"))
            infinite = exp.Anonymous(this="ISINF", expressions=[value])
            pairs.append((infinite, exp.Literal.string(column)))
    return case(pairs, exp.null())


def _followers(cell: exp.Expr, checked: bool) -> exp.Expr:
    """The follower count; checked (the engine's query), NULL where classify refuses it:
    missing, negative, not a number, or above MAX_FOLLOWERS."""
    count = exp.cast(cell, exp.DataType.Type.BIGINT)
    if not checked:
        return count
    number = exp.TryCast(this=cell, to=exp.DataType.build("DOUBLE"))
    readable = exp.Between(this=number, low=exp.Literal.number(0),
                           high=exp.Literal.number(MAX_FOLLOWERS))  # fmt: skip
    return exp.Case(ifs=[exp.If(this=readable, true=count)])


def _size_filters(spec: Spec) -> exp.Expr | None:
    conds: list[exp.Expr] = []
    col = rules.col
    if spec.tiers:
        conds.append(col("tier").isin(*spec.tiers))
    if spec.min_followers is not None:
        conds.append(
            exp.GTE(this=col("followers"), expression=exp.Literal.number(spec.min_followers))
        )
    if spec.max_followers is not None:
        conds.append(
            exp.LTE(this=col("followers"), expression=exp.Literal.number(spec.max_followers))
        )
    if spec.platforms:
        conds.append(col("platform").isin(*(p.lower() for p in spec.platforms)))
    return exp.and_(*conds) if conds else None


def compile_query(spec: Spec, loaded: LoadedTiers, dialect: str) -> exp.Select:
    """The query as a sqlglot expression."""
    if dialect not in DIALECTS:
        raise UsageError(f"unknown dialect {dialect!r}", hint="dialects: " + ", ".join(DIALECTS))
    config = loaded.config
    names = TierRules(config).names()
    unknown = [t for t in spec.tiers if t not in names]
    if unknown:
        raise UsageError(
            f"--tier: unknown tier {unknown[0]!r}", hint=f"tiers in use: {', '.join(names)}"
        )
    matcher = NicheMatcher.build(spec.niches, config.niches) if spec.niches else None
    if matcher is not None:
        check_niches(matcher, dialect)
    minimum = spec.min_relevance if spec.min_relevance is not None else config.ranking.min_relevance
    # rows of relevance 0 are left out: most rows, settled before their text is folded
    screened = matcher if matcher is not None and minimum > 0 else None
    col = rules.col
    chain = _Chain(_source(spec, dialect, screened))
    given, likes, comments, followers = (
        col("mi_given"),
        col("avg_likes"),
        col("avg_comments"),
        col("followers"),
    )
    rate, method = signals.engagement(
        given, likes, comments, col("avg_views"), followers, col("platform")
    )
    if spec.count and dialect != "duckdb":  # the engine's counts and checks are DuckDB's
        raise UsageError(f"counts are not compiled for {dialect}")
    first = [
        ("tier", rules.tier(config, col("platform"), followers)),
        ("engagement_rate", rate),
        ("engagement_method", method),
    ]
    if spec.count:  # as classify: a bad follower count is an error once the niche is settled
        first.append(("mi_bad", followers.is_(exp.null())))
    chain.add(first)
    where = _size_filters(spec)
    if spec.count and where is not None:
        where = exp.or_(exp.paren(where), col("mi_bad"))
    if screened is not None:
        where = exp.and_(where, col("mi_screen")) if where is not None else col("mi_screen")
    folded: list[tuple[str, exp.Expr]] = []
    if matcher is not None:
        for name in ("niche", "bio"):
            stages, last = fold_stages(name, f"mi_{name}", word_fold(), dialect)
            for stage in stages:
                chain.add(stage, where)
                where = None
            folded.append((f"mi_{name}_folded", padded(finish_fold(last, word_fold(), dialect))))
    base_of = signals.basis(col("engagement_method"), col("platform"))
    chain.add([("mi_basis", base_of), *folded], where)
    which, band = signals.bands(config, col("tier"), col("platform"), col("mi_basis"), followers)
    chain.add([("mi_band", which)])
    chain.add([(f"mi_band_{name}", value) for name, value in band.items()])
    banded = {name: col(f"mi_band_{name}") for name in band}
    values: dict[str, exp.Expr] = {
        n: col(n)
        for n in (
            "engagement_rate",
            "avg_likes",
            "avg_comments",
            "following",
            "posts",
            "credibility",
            "followers",
        )
    }
    found = signals.signals(config.flags, values, banded)
    scored = [("mi_quality", signals.quality(col("engagement_rate"), banded))]
    scored += [(f"mi_sig_{n}", strength) for n, strength in found]
    if matcher is not None:
        scored.append(("mi_category", category_match(matcher, col("mi_niche_folded"), dialect)))
        scored.append(("mi_hits", bio_hits(matcher, col("mi_bio_folded"), dialect)))
    chain.add(scored)
    raised = [(n, col(f"mi_sig_{n}")) for n, _ in found]
    rel = (
        relevance(matcher, col("mi_category"), col("mi_hits"))
        if matcher is not None
        else exp.null()
    )
    chain.add([("relevance", rel), ("mi_strength", signals.strength([c for _, c in raised]))])
    chain.add([("mi_severity", signals.severity(col("mi_strength")))])
    chain.add(
        [
            ("flags", signals.names_at("flag", raised, col("mi_severity"))),
            ("review", signals.names_at("review", raised, col("mi_severity"))),
        ]
    )
    keep: list[exp.Expr] = []
    if matcher is not None:
        # relevance >= minimum, with the parts read once each (engines push it down by copying)
        keep.append(relevant(matcher, col("mi_category"), col("mi_hits"), minimum))
    if spec.exclude_flagged:
        unflagged: exp.Expr = exp.EQ(this=col("flags"), expression=exp.Literal.string(""))
        if spec.count:
            unflagged = exp.paren(exp.or_(unflagged, col("mi_bad")))
        keep.append(unflagged)
    base = base_score(
        config.ranking, col("relevance") if matcher is not None else None, col("mi_quality")
    )
    factor = signals.factor(config.ranking, col("mi_strength"))
    unrounded = exp.Mul(this=exp.paren(base), expression=exp.paren(factor))
    late = dialect in FILTER_LATE and bool(keep)
    if late:
        chain.add([("mi_unrounded", unrounded), ("mi_keep", exp.and_(*keep))])
    else:
        chain.add([("mi_unrounded", unrounded)], exp.and_(*keep) if keep else None)
    stages, last = fold_stages("handle", "mi_handle", case_fold(), dialect)
    chain.add([("score", rounded(col("mi_unrounded")))])
    for stage in stages:
        chain.add(stage)
    chain.add([("mi_handle_key", finish_fold(last, case_fold(), dialect))])
    return _ranked(chain, spec, dialect, late)


def _ranked(chain: _Chain, spec: Spec, dialect: str, late: bool) -> exp.Select:
    """The output: the rows kept, ranked, the top of them, and the counts the engine asks for."""
    col = rules.col
    has_line = spec.column("line") is not None
    order = order_by(dialect, has_line)
    # ranks over the rows kept, then the top (an ORDER BY ... LIMIT straight over the chain
    # lets DuckDB fetch the best rows again by position, copying the whole chain)
    rank: exp.Expr = exp.Window(this=exp.RowNumber(), order=exp.Order(expressions=order))
    if late:  # the rows kept, counted in order: their row numbers among themselves
        kept = exp.Case().when(col("mi_keep"), exp.Literal.number(1))
        frame = exp.WindowSpec(kind="ROWS", start="UNBOUNDED", start_side="PRECEDING",
                               end="CURRENT ROW")  # fmt: skip
        rank = exp.Window(this=exp.Count(this=kept), order=exp.Order(expressions=order), spec=frame)
        chain.add([("mi_rank", rank)])
        rank = col("mi_rank")
    outputs: list[exp.Expr] = [exp.alias_(rank, "rank"), *(col(n) for n in OUTPUT[1:])]
    outputs += [
        exp.alias_(col(f"mi_px_{i}"), c, quoted=True) for i, c in enumerate(spec.passthrough)
    ]
    final = exp.select(*outputs).from_(chain.last, copy=False)
    if late:
        final = final.where(col("mi_keep"), copy=False)
    if spec.count:
        final = final.where(exp.Not(this=col("mi_bad")), copy=False)
    final = final.order_by(*order_by(dialect, has_line), copy=False)
    if spec.top is not None:
        final = final.limit(spec.top, copy=False)
    if spec.count:
        final = _with_counts(final, chain.last)
    return chain.query(final, dialect, spec.count)


def _with_counts(rows: exp.Select, last: str) -> exp.Select:
    """The rows, each with the counts of the last stage; one row of counts when there are none."""

    def where(aggregate: exp.Expr, condition: exp.Expr) -> exp.Expr:
        return exp.Filter(this=aggregate, expression=exp.Where(this=condition))

    col = rules.col
    good = exp.Not(this=col("mi_bad"))
    infinite = exp.and_(good, col("mi_infinite").is_(exp.null()).not_())
    key = exp.Tuple(expressions=[col("platform"), col("mi_handle_key")])
    distinct = where(exp.Count(this=exp.Distinct(expressions=[key])), good)
    candidates = where(exp.Count(this=exp.Star()), good)
    counts = exp.select(
        exp.alias_(candidates, "mi_candidates"),
        exp.alias_(exp.Sub(this=candidates.copy(), expression=distinct), "mi_duplicates"),
        exp.alias_(where(exp.Count(this=exp.Star()), col("mi_bad")), "mi_bad"),
        exp.alias_(where(exp.Min(this=col("mi_followers_cell")), col("mi_bad")), "mi_bad_value"),
        exp.alias_(where(exp.Count(this=exp.Star()), infinite), "mi_infinite"),
        exp.alias_(where(exp.Min(this=col("mi_infinite")), infinite), "mi_infinite_column"),
    ).from_(last, copy=False)
    return (
        exp.select(
            exp.Column(this=exp.Star(), table=exp.to_identifier("mi_top")),
            exp.Column(this=exp.Star(), table=exp.to_identifier("mi_counts")),
        )
        .from_(exp.alias_(exp.Subquery(this=counts), "mi_counts"), copy=False)
        .join(
            exp.alias_(exp.Subquery(this=rows), "mi_top"),
            on=exp.true(),
            join_type="LEFT",
            copy=False,
        )
        .order_by(exp.column("rank", table="mi_top"), copy=False)
    )


def compile_sql(spec: Spec, loaded: LoadedTiers, dialect: str, pretty: bool = True) -> str:
    """The query as SQL text, with a comment naming the tiers file and the microinf version."""
    query = compile_query(spec, loaded, dialect)
    origin = " ".join(loaded.origin.split())  # one line, whatever the path holds
    header = f"-- microinf {__version__}: tiers from {origin}; dialect {dialect}\n"
    return header + query.sql(dialect=dialect, pretty=pretty, copy=False) + "\n"
