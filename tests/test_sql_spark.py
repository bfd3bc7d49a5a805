"""The compiled SQL against the Python classifier, row for row, on Spark in local mode."""

from __future__ import annotations

import gc
import os
import shutil
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlcases import COLUMNS, SELECT, expected, make_case, needed, row

# py4j, which pyspark talks to the JVM through, drops sockets without closing them
pytestmark = pytest.mark.filterwarnings(
    "ignore::ResourceWarning", "ignore::pytest.PytestUnraisableExceptionWarning"
)
SPARK_CASES = 12  # one query per case on one session: each costs a few seconds


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        needed("pyspark")
    if shutil.which("java") is None:
        needed("java")
    pytest.importorskip("sqlglot")
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    session = (
        SparkSession.builder.master("local[1]")
        .appName("microinf-sql-tests")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "1")
        .config("spark.sql.session.timeZone", "UTC")
        # the queries are long and run on a few rows: compiling them to bytecode costs more
        .config("spark.sql.codegen.wholeStage", "false")
        .config("spark.sql.codegen.factoryMode", "NO_CODEGEN")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()
    gateway = session.sparkContext._gateway
    if gateway is not None:  # close its sockets here, not when a later test collects them
        gateway.shutdown()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        gc.collect()


@pytest.mark.parametrize("seed", range(2000, 2000 + SPARK_CASES))
def test_spark_matches_python(seed: int, spark: Any, tmp_path: Path) -> None:
    from microinf.sql.compile import compile_sql

    case = make_case(seed)
    want = expected(case, tmp_path)
    types = {"TEXT": "STRING", "BIGINT": "BIGINT", "DOUBLE": "DOUBLE"}
    schema = ", ".join(f"{c} {types[t]}" for c, t in COLUMNS.items())
    spark.createDataFrame(case.values(), schema).createOrReplaceTempView("creators")
    sql = compile_sql(case.spec(), case.tiers(tmp_path), "spark")
    got = [row(*r) for r in spark.sql(SELECT.format(sql=sql)).collect()]
    assert got == want
