"""classify --engine duckdb: the compiled query run by DuckDB on CSV, Parquet or JSON files."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from microinf.errors import DataError, SourceError, UsageError
from microinf.jobs.classify import Query, ReadOptions, Result, Stats, check_header
from microinf.models import Creator
from microinf.numbers import MAX_FOLLOWERS
from microinf.rank.budget import choose
from microinf.rank.niches import NicheMatcher
from microinf.rank.score import Scorer
from microinf.read.columns import Plan, plan_for
from microinf.read.sources import is_url
from microinf.read.values import niche_values
from microinf.sql import require
from microinf.tiers.load import LoadedTiers, load_tiers

if TYPE_CHECKING:
    from microinf.sql.compile import Spec

Warn = Callable[[str], None]
_READERS = {".csv": "csv", ".tsv": "csv", ".txt": "csv", ".parquet": "parquet", ".json": "json",
            ".jsonl": "json", ".ndjson": "json"}  # fmt: skip
_NUMERIC = ("followers", "avg_likes", "avg_comments", "avg_views", "engagement_rate",
            "following", "posts", "credibility", "price")  # fmt: skip
_VIEW = "mi_input"


def _reader(path: str, options: ReadOptions) -> str:
    """The DuckDB table function that reads one file."""
    if path == "-" or is_url(path):
        raise UsageError(f"{path}: the duckdb engine reads local files only")
    if not os.path.isfile(path):
        raise SourceError(f"{path}: no such file")
    kind = options.input_format or _READERS.get(os.path.splitext(path)[1].lower())
    kind = {"tsv": "csv", "jsonl": "json"}.get(kind or "", kind)
    literal = "'" + path.replace("'", "''") + "'"
    if kind == "csv":
        sep = options.delimiter or ("\t" if path.lower().endswith(".tsv") else None)
        extra = ", delim = '" + sep.replace("'", "''") + "'" if sep else ""
        return f"read_csv({literal}, header = true{extra})"
    if kind == "parquet":
        return f"read_parquet({literal})"
    if kind == "json":
        return f"read_json_auto({literal})"
    raise UsageError(
        f"{path}: the duckdb engine reads CSV, TSV, Parquet and JSON (lines) files",
        hint="--input-format csv or json names the format of a file without a known extension",
    )


def _refuse(query: Query, options: ReadOptions) -> None:
    unsupported = [
        ("--on-error skip", options.on_error != "fail"),
        ("--rejects", options.rejects is not None),
        ("--records", options.records is not None),
        # the peers' medians need a pass over the whole input before any score: not compiled
        ("--peers", query.peers),
        ("--sheet", options.sheet is not None),
    ]
    for name, given in unsupported:
        if given:
            raise UsageError(
                f"{name} is not supported by --engine duckdb", hint="use the default engine"
            )


def _check(con: Any, fields: dict[str, str], types: dict[str, str], name: str) -> None:
    """Values the SQL cannot read as the record reader does are refused, not guessed.

    Missing and negative follower counts are found by the query itself (as classify finds
    them, once the niche is settled): no pass over the input here unless a column holds text.
    """
    q = _quote
    for field in _NUMERIC:
        column = fields.get(field)
        if column and types[column].upper() in ("VARCHAR", "JSON"):
            bad = con.execute(
                f"SELECT {q(column)} FROM {_VIEW} WHERE {q(column)} IS NOT NULL AND "
                f"trim({q(column)}) <> '' AND TRY_CAST({q(column)} AS DOUBLE) IS NULL LIMIT 1"
            ).fetchone()
            if bad:
                raise DataError(
                    f'{name}: column "{column}": the duckdb engine reads plain numbers only, '
                    f'found "{bad[0]}"',
                    hint="use the default engine, which reads 12.5K, 1,204 and 4.1%",
                )


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _plan(
    con: Any, sources: Sequence[str], options: ReadOptions, warn: Warn
) -> tuple[Plan, dict[str, str]]:
    """The column plan of the input, as the record reader would make it."""
    described = con.execute(f"DESCRIBE {_VIEW}").fetchall()
    types = {row[0]: str(row[1]) for row in described if row[0] != "mi_source"}
    name = ", ".join(sources)
    check_header(name, list(types), options, warn)  # the advice classify gives
    plan = plan_for(list(types), options.columns or None)
    fields = dict(plan.columns.fields)
    if plan.columns.secondary.get("niche"):
        raise UsageError(
            f"{name}: several category columns; the duckdb engine reads one",
            hint="choose it with --map niche=COLUMN",
        )
    if fields.get("niche") and types[fields["niche"]].endswith("[]"):
        raise UsageError(
            f'{name}: column "{fields["niche"]}": lists of categories are read by the default '
            "engine only"
        )
    for required in ("handle", "followers"):
        if required not in fields:
            raise DataError(f"{name}: no {required} column (use --map {required}=COLUMN)")
    for field, kept, ignored in plan.columns.competing:
        warn(
            f'{name}: columns "{kept}" and "{ignored}" both look like {field}; '
            f'using "{kept}" (choose with --map {field}=COLUMN)'
        )
    _check(con, fields, types, name)
    return plan, fields


def spec_of(
    query: Query,
    table: str,
    columns: dict[str, str | None],
    platform_default: str | None = None,
    passthrough: tuple[str, ...] = (),
    count: bool = False,
) -> Spec:
    """The SQL compiler's Spec of a query: its filters, for a table with these columns."""
    from microinf.sql.compile import Spec

    return Spec(
        table=table,
        columns=columns,
        passthrough=passthrough,
        niches=query.niches,
        tiers=query.tiers,
        platforms=query.platforms,
        min_followers=query.min_followers,
        max_followers=query.max_followers,
        min_relevance=query.min_relevance,
        exclude_flagged=query.exclude_flagged,
        top=query.top if query.budget is None else None,  # the knapsack needs every candidate
        platform_default=platform_default,
        count=count,
    )


def _spec(query: Query, options: ReadOptions, plan: Plan, fields: dict[str, str]) -> Spec:
    from microinf.sql.compile import FIELDS

    columns: dict[str, str | None] = {f: fields.get(f) for f in FIELDS}
    columns["source"] = "mi_source"
    columns["line"] = None  # DuckDB's CSV reader does not tell where a row starts
    return spec_of(query, _VIEW, columns, options.platform_default, tuple(plan.passthrough), True)


def classify_duckdb(
    sources: Sequence[str],
    query: Query | None = None,
    tiers: LoadedTiers | None = None,
    options: ReadOptions | None = None,
    warn: Warn | None = None,
    count_all: bool = True,
) -> Result:
    """classify() run by DuckDB; the same fields, tiers, flags, scores and ranks.

    count_all=False spares a pass over the input that counts its rows (on a CSV file, as long
    as a quarter of the query): the ledger's `read` then counts the rows the filters kept, and
    `filtered` is 0.
    """
    duckdb = require("duckdb", "duckdb", "--engine duckdb")
    require("sqlglot", "duckdb", "--engine duckdb")
    from microinf.sql.compile import compile_sql

    query = query or Query()
    options = options or ReadOptions()
    tiers = tiers or load_tiers(None)
    say = warn or (lambda _message: None)
    _refuse(query, options)
    readers = [_reader(s, options) for s in sources]
    matcher = NicheMatcher.build(query.niches, tiers.config.niches) if query.niches else None
    con = duckdb.connect()
    try:
        # fetching the top rows again by position would compute the whole chain twice
        con.execute("SET disabled_optimizers = 'late_materialization'")
        parts = [
            f"SELECT *, {_literal(s)} AS mi_source FROM {r}"
            for s, r in zip(sources, readers, strict=True)
        ]
        con.execute(f"CREATE VIEW {_VIEW} AS " + " UNION ALL BY NAME ".join(parts))
        plan, fields = _plan(con, sources, options, say)
        spec = _spec(query, options, plan, fields)
        sql = compile_sql(spec, tiers, "duckdb", pretty=False)
        for name in matcher.unknown if matcher else ():
            say(
                f'niche "{name}" is not in the built-in dictionary nor in tiers.yaml `niches:`; '
                "matching the word itself"
            )
        cursor = con.execute(sql)
        names = [d[0] for d in cursor.description]
        rows = [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
        read = con.execute(f"SELECT count(*) FROM {_VIEW}").fetchone()[0] if count_all else None
    except duckdb.Error as exc:
        raise SourceError(
            f"{', '.join(sources)}: {str(exc).splitlines()[0]}",
            hint="the default engine (without --engine duckdb) reads more: other encodings, "
            "ragged rows, counts written 12.5K, rows to skip with --on-error skip",
        ) from None
    finally:
        con.close()
    counts = rows[0]  # every row carries them; one row of counts alone when none is kept
    _refuse_bad(counts, fields["followers"], ", ".join(sources))
    kept = [row for row in rows if row["rank"] is not None]
    creators = [_creator(row, plan.passthrough, plan.output_names) for row in kept]
    if query.explain:  # the parts of the score, from the same rules in Python
        scorer = Scorer(tiers.config, matcher, True)
        for c in creators:
            scorer(c)
    candidates, repeated = int(counts["mi_candidates"]), int(counts["mi_duplicates"])
    if repeated and not options.keep_duplicates:
        raise DataError(
            f"{', '.join(sources)}: {repeated} rows repeat the platform and handle of another; "
            "the duckdb engine does not merge duplicate rows",
            hint="--keep-duplicates keeps every row, or use the default engine, which merges them",
        )
    read = candidates if read is None else int(read)
    stats = Stats(read=read)
    choice = None
    if query.budget is not None:
        choice = choose(creators, query.budget, tiers.config, query.max_per_tier)
        chosen = {id(c) for c in choice.creators}
        stats.not_chosen = len(creators) - len(chosen)
        creators = [c for c in creators if id(c) in chosen][: query.top]
    stats.shown = len(creators)
    stats.filtered = read - candidates  # those left out by --exclude-flagged among them
    stats.beyond_top = candidates - stats.shown - stats.not_chosen
    columns_out = dict.fromkeys(plan.output_names)
    return Result(creators, stats, tiers, columns_out, choice)


def _refuse_bad(counts: dict[str, Any], column: str, name: str) -> None:
    """Rows whose follower count or another number classify refuses are an error here too."""
    infinite = int(counts["mi_infinite"])
    if infinite:
        raise DataError(
            f'{name}: column "{counts["mi_infinite_column"]}": cannot read an infinite value '
            f"as a number ({infinite} row{'s' if infinite > 1 else ''})",
            hint="fix those rows, or use the default engine, which names their lines and can skip "
            "them (--on-error skip)",
        )
    bad = int(counts["mi_bad"])
    if not bad:
        return
    value = counts["mi_bad_value"]
    which = "one is missing" if value is None else f'one of them: "{value}"'
    raise DataError(
        f'{name}: column "{column}": {bad} row{"s" if bad > 1 else ""} with a missing, negative, '
        f"unreadable or impossible (over {MAX_FOLLOWERS:,}) follower count ({which})",
        hint="fix those rows, or use the default engine, which names their lines and can skip "
        "them (--on-error skip)",
    )


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _creator(row: dict[str, Any], passthrough: list[str], output_names: list[str]) -> Creator:
    def number(name: str) -> float | None:
        value = row[name]
        return None if value is None else float(value)

    def count(name: str) -> int | None:
        value = row[name]
        return None if value is None else int(value)

    c = Creator(handle=row["handle"], followers=int(row["followers"]))
    c.platform, c.name, c.bio = row["platform"], row["name"], row["bio"]
    c.niche = tuple(niche_values(row["niche"]))
    c.avg_likes, c.avg_comments, c.avg_views = (
        number("avg_likes"),
        number("avg_comments"),
        number("avg_views"),
    )
    c.engagement_rate, c.engagement_method = number("engagement_rate"), row["engagement_method"]
    c.country, c.language, c.url = row["country"], row["language"], row["url"]
    c.following, c.posts = count("following"), count("posts")
    c.credibility, c.price = number("credibility"), number("price")
    c.source = row["source"] or ""
    c.tier, c.score = row["tier"], float(row["score"])
    c.flags = tuple(row["flags"].split(",")) if row["flags"] else ()
    c.review = tuple(row["review"].split(",")) if row["review"] else ()
    if passthrough:
        c.extra_names = tuple(output_names)
        c.extra_values = tuple(row[p] for p in passthrough)
    return c
