"""The compiled SQL against the Python classifier, row for row, on a real PostgreSQL server.

The server is the test's own: a cluster made by initdb in a temporary folder, listening on
loopback, stopped and removed at the end. It runs where PostgreSQL's programs and psycopg are
installed (.ci/run installs both, and sets MICROINF_REQUIRE_ENGINES so that CI fails rather than
skips without them).
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlcases import COLUMNS, SELECT, expected, make_case, needed, row

pytest.importorskip("sqlglot")

POSTGRES_CASES = 150


def _program(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    versions = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return versions[-1] if versions else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def postgres() -> Iterator[Any]:
    try:
        import psycopg
    except ImportError:
        needed("psycopg")
    initdb, pg_ctl = _program("initdb"), _program("pg_ctl")
    if initdb is None or pg_ctl is None:
        needed("PostgreSQL (initdb, pg_ctl)")
    folder = Path(tempfile.mkdtemp(prefix="microinf-pg-"))
    as_user: list[str] = []
    if os.geteuid() == 0:  # PostgreSQL refuses to run as root: as its own system user
        shutil.chown(folder, "postgres")
        as_user = ["runuser", "-u", "postgres", "--"]
    data, port = folder / "data", _free_port()

    def run(*argv: str, check: bool = True) -> None:
        subprocess.run([*as_user, *argv], check=check, capture_output=True, text=True)

    run(initdb, "-D", str(data), "-A", "trust", "-U", "microinf", "-E", "UTF8", "--no-locale")
    options = f"-c listen_addresses=127.0.0.1 -p {port} -k {folder}"
    run(pg_ctl, "-D", str(data), "-o", options, "-l", str(folder / "log"), "-w", "start")
    try:
        dsn = f"host=127.0.0.1 port={port} user=microinf dbname=postgres"
        with psycopg.connect(dsn, autocommit=True) as con:
            yield con
    finally:
        run(pg_ctl, "-D", str(data), "-m", "immediate", "-w", "stop", check=False)
        shutil.rmtree(folder, ignore_errors=True)


@pytest.mark.parametrize("seed", range(3000, 3000 + POSTGRES_CASES))
def test_postgres_matches_python(seed: int, postgres: Any, tmp_path: Path) -> None:
    from microinf.sql.compile import compile_sql

    case = make_case(seed)
    want = expected(case, tmp_path)
    types = {"TEXT": "TEXT", "BIGINT": "BIGINT", "DOUBLE": "DOUBLE PRECISION"}
    with postgres.transaction(force_rollback=True), postgres.cursor() as cur:
        columns = ", ".join(f"{c} {types[t]}" for c, t in COLUMNS.items())
        cur.execute(f"CREATE TEMPORARY TABLE creators ({columns})")
        marks = ", ".join(["%s"] * len(COLUMNS))
        cur.executemany(f"INSERT INTO creators VALUES ({marks})", case.values())
        cur.execute(SELECT.format(sql=compile_sql(case.spec(), case.tiers(tmp_path), "postgres")))
        got = [row(*r) for r in cur.fetchall()]
    assert got == want
