"""The compiled SQL against the Python classifier, row for row, on DuckDB and SQLite."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlcases import COLUMNS, SELECT, Case, expected, make_case, row

duckdb = pytest.importorskip("duckdb")
pytest.importorskip("sqlglot")

from microinf.sql.compile import compile_sql  # noqa: E402

DUCKDB_CASES = 150
SQLITE_CASES = 120


def _run_duckdb(case: Case, folder: Path) -> list[tuple[object, ...]]:
    con = duckdb.connect()
    con.execute("CREATE TABLE creators (" + ", ".join(f"{c} {t}" for c, t in COLUMNS.items()) + ")")
    con.executemany(f"INSERT INTO creators VALUES ({', '.join('?' * len(COLUMNS))})", case.values())
    sql = compile_sql(case.spec(), case.tiers(folder), "duckdb")
    return [row(*r) for r in con.execute(SELECT.format(sql=sql)).fetchall()]


def _run_sqlite(case: Case, folder: Path) -> list[tuple[object, ...]]:
    con = sqlite3.connect(":memory:")
    types = {"TEXT": "TEXT", "BIGINT": "INTEGER", "DOUBLE": "REAL"}
    con.execute(
        "CREATE TABLE creators (" + ", ".join(f"{c} {types[t]}" for c, t in COLUMNS.items()) + ")"
    )
    con.executemany(f"INSERT INTO creators VALUES ({', '.join('?' * len(COLUMNS))})", case.values())
    sql = compile_sql(case.spec(), case.tiers(folder), "sqlite")
    return [row(*r) for r in con.execute(SELECT.format(sql=sql)).fetchall()]


@pytest.mark.parametrize("seed", range(DUCKDB_CASES))
def test_duckdb_matches_python(seed: int, tmp_path: Path) -> None:
    case = make_case(seed)
    want = expected(case, tmp_path)
    assert _run_duckdb(case, tmp_path) == want


@pytest.mark.parametrize("seed", range(1000, 1000 + SQLITE_CASES))
def test_sqlite_matches_python(seed: int, tmp_path: Path) -> None:
    case = make_case(seed, niches=False)
    want = expected(case, tmp_path)
    assert _run_sqlite(case, tmp_path) == want


def test_rounding_is_pythons_on_every_half() -> None:
    # every 4-decimal half between 0 and 1, where a product by 10**4 may round onto the half
    import random

    from sqlglot import exp

    from microinf.sql.score import rounded

    rng = random.Random(7)
    values = [k / 20000 for k in range(20001)] + [rng.random() for _ in range(5000)]
    for dialect in ("duckdb", "sqlite"):
        sql = rounded(exp.column("x")).sql(dialect=dialect)
        con = duckdb.connect() if dialect == "duckdb" else sqlite3.connect(":memory:")
        con.execute("CREATE TABLE t (x DOUBLE)")
        con.executemany("INSERT INTO t VALUES (?)", [(v,) for v in values])
        got = con.execute(f"SELECT x, {sql} FROM t").fetchall()
        assert [y for _, y in got] == [round(x, 4) for x, _ in got], dialect
