"""classify --engine duckdb: the same output as the default engine, and what it refuses."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import EXAMPLES, Run

duckdb = pytest.importorskip("duckdb")
pytest.importorskip("sqlglot")

CREATORS = str(EXAMPLES / "creators.csv")
QUERIES = [
    [],
    ["--niche", "fitness", "--tier", "micro", "--top", "50"],
    ["--niche", "gaming", "--niche", "tech", "--min-relevance", "0.6", "--exclude-flagged"],
    ["--platform", "TikTok", "--min-followers", "10000", "--max-followers", "500000", "--top", "7"],
    ["--niche", "fitness", "--budget", "3000", "--max-per-tier", "2"],
    ["--niche", "food", "--explain", "--top", "3"],
    ["--min-relevance", "0", "--niche", "finance", "--top", "30"],
]


@pytest.mark.parametrize("args", QUERIES, ids=lambda a: " ".join(a) or "all")
def test_duckdb_engine_gives_what_classify_gives(run: Run, args: list[str]) -> None:
    python = run("classify", CREATORS, "--format", "json", *args)
    engine = run("classify", CREATORS, "--format", "json", "--engine", "duckdb", *args)
    assert python.exit_code == engine.exit_code == 0, engine.stderr
    assert json.loads(engine.stdout) == json.loads(python.stdout)
    assert engine.stderr == python.stderr


# (--exclude-flagged aside: the ledger of the duckdb engine counts those among the filtered)
@pytest.mark.parametrize("args", [QUERIES[1], QUERIES[3], QUERIES[4]], ids=lambda a: " ".join(a))
def test_the_table_footer_and_the_ledger_agree(run: Run, args: list[str]) -> None:
    python = run("classify", CREATORS, "--format", "table", "--stats", *args)
    engine = run("classify", CREATORS, "--format", "table", "--stats", "--engine", "duckdb", *args)
    assert (engine.stdout, engine.stderr) == (python.stdout, python.stderr)


def test_parquet_input(run: Run, tmp_path: Path) -> None:
    parquet = tmp_path / "creators.parquet"
    duckdb.execute(f"COPY (SELECT * FROM read_csv('{CREATORS}')) TO '{parquet}' (FORMAT parquet)")
    python = run("classify", CREATORS, "--format", "csv", "--niche", "beauty", "--top", "20")
    engine = run(
        "classify",
        str(parquet),
        "--format",
        "csv",
        "--niche",
        "beauty",
        "--top",
        "20",
        "--engine",
        "duckdb",
    )
    assert engine.exit_code == 0, engine.stderr
    assert engine.stdout == python.stdout


def test_passthrough_columns_and_mapped_names(run: Run, write: object) -> None:
    text = "Username,Followers count,Tags,extra\n@ana,12000,fitness,one\nbob,9000,gym,two\n"
    path = write("odd.csv", text)  # type: ignore[operator]
    python = run("classify", str(path), "--format", "json", "--map", "niche=Tags")
    engine = run(
        "classify", str(path), "--format", "json", "--map", "niche=Tags", "--engine", "duckdb"
    )
    assert engine.exit_code == 0, engine.stderr
    assert json.loads(engine.stdout) == json.loads(python.stdout)
    assert json.loads(engine.stdout)[0]["extra"] == "one"


def test_duplicates_are_refused_not_merged(run: Run, write: object) -> None:
    path = write(
        "dup.csv", "handle,platform,followers\nana,instagram,12000\n@ANA,Instagram,13000\n"
    )  # type: ignore[operator]
    result = run("classify", str(path), "--engine", "duckdb")
    assert result.exit_code == 1
    assert "1 rows repeat the platform and handle" in result.stderr
    assert "--keep-duplicates" in result.stderr
    kept = run("classify", str(path), "--engine", "duckdb", "--keep-duplicates", "--format", "json")
    assert kept.exit_code == 0
    assert len(json.loads(kept.stdout)) == 2


def test_numbers_it_cannot_read_are_refused(run: Run, write: object) -> None:
    path = write("k.csv", "handle,followers\nana,12.5K\n")  # type: ignore[operator]
    result = run("classify", str(path), "--engine", "duckdb")
    assert result.exit_code == 1
    assert 'found "12.5K"' in result.stderr and "default engine" in result.stderr
    assert run("classify", str(path), "--format", "json").exit_code == 0


BAD_FOLLOWERS = "handle,followers,niche\na,20000,fitness\nb,,food\nc,-5,food\n"


def test_bad_follower_counts_are_errors_once_the_niche_is_settled(run: Run, write: object) -> None:
    path = str(write("bad.csv", BAD_FOLLOWERS))  # type: ignore[operator]
    # rows the niche leaves out are filtered, whatever their follower count, in both engines
    for engine in ("python", "duckdb"):
        kept = run("classify", path, "--engine", engine, "--niche", "fitness", "--format", "json")
        assert kept.exit_code == 0, kept.stderr
        assert [c["handle"] for c in json.loads(kept.stdout)] == ["a"]
    # otherwise they are an error, also under a tier they could not be in
    for extra in ([], ["--tier", "micro"], ["--niche", "food"]):
        python = run("classify", path, *extra)
        engine = run("classify", path, "--engine", "duckdb", *extra)
        assert python.exit_code == engine.exit_code == 1, engine.stderr
        assert 'column "followers"' in engine.stderr and "2 rows" in engine.stderr
        assert 'one of them: "-5"' in engine.stderr


def test_the_same_advice_on_columns_as_classify(run: Run, write: object) -> None:
    text = "handle,followers,Average viewers\nana,120000,9000\nbo,30000,2500\n"
    path = str(write("twitch.csv", text))  # type: ignore[operator]
    # rows without a platform get no rate from viewers: both engines say which column may help
    python = run("classify", path, "--format", "json")
    engine = run("classify", path, "--format", "json", "--engine", "duckdb")
    assert engine.stderr == python.stderr
    assert 'may stand in for it (views, not engagements): --map avg_likes="Average' in engine.stderr
    # on Twitch, viewers make the rate: no advice, and the same rates in both engines
    args = ["--platform-default", "twitch", "--format", "json"]
    python = run("classify", path, *args)
    engine = run("classify", path, *args, "--engine", "duckdb")
    assert python.stderr == engine.stderr == ""
    assert json.loads(engine.stdout) == json.loads(python.stdout)
    assert json.loads(engine.stdout)[0]["engagement_rate"] == 0.083333


@pytest.mark.parametrize("cell", ["99999999999999999999999", "1e308", "nan", "-3"])
def test_follower_counts_classify_refuses_are_refused(run: Run, write: object, cell: str) -> None:
    path = str(write("odd.csv", f"handle,followers\nana,12000\nbo,{cell}\n"))  # type: ignore[operator]
    python = run("classify", path)
    engine = run("classify", path, "--engine", "duckdb")
    assert python.exit_code == engine.exit_code == 1, engine.stderr
    assert 'column "followers": 1 row with a missing, negative, unreadable' in engine.stderr


def test_an_infinite_number_is_refused_once_the_row_is_kept(run: Run, write: object) -> None:
    text = "handle,followers,following,niche\nana,20000,inf,food\nbo,20000,5,fitness\n"
    path = str(write("inf.csv", text))  # type: ignore[operator]
    for engine in ("python", "duckdb"):
        kept = run("classify", path, "--engine", engine, "--niche", "fitness", "--format", "json")
        assert [c["handle"] for c in json.loads(kept.stdout)] == ["bo"], kept.stderr
        refused = run("classify", path, "--engine", engine)
        assert refused.exit_code == 1
        assert 'column "following": cannot read' in refused.stderr


def test_nan_cells_are_no_value_in_both_engines(run: Run, write: object) -> None:
    text = (
        "handle,followers,avg_likes,avg_comments,engagement_rate,following\n"
        "ana,20000,120,12,nan,nan\nbo,20000,100,NaN,0.05,300\n"
    )
    path = str(write("nan.csv", text))  # type: ignore[operator]
    python = run("classify", path, "--format", "json")
    engine = run("classify", path, "--format", "json", "--engine", "duckdb")
    assert engine.exit_code == 0, engine.stderr
    assert json.loads(engine.stdout) == json.loads(python.stdout)
    assert [c["following"] for c in json.loads(engine.stdout)] == [300, None]


@pytest.mark.parametrize("fmt", ["json", "csv", "table"])
def test_rows_are_counted_when_the_ledger_is_shown(run: Run, fmt: str) -> None:
    args = ["--niche", "fitness", "--top", "5", "--format", fmt, "--stats"]
    python = run("classify", CREATORS, *args)
    engine = run("classify", CREATORS, "--engine", "duckdb", *args)
    assert engine.stderr == python.stderr
    assert "rows read 320 " in engine.stderr


def test_stdin_and_missing_files(run: Run) -> None:
    assert (
        run("classify", "-", "--engine", "duckdb", input="handle,followers\na,1\n").exit_code == 2
    )
    missing = run("classify", "nowhere.csv", "--engine", "duckdb")
    assert missing.exit_code == 3
    assert "nowhere.csv" in missing.stderr


def test_on_error_skip_is_refused(run: Run) -> None:
    result = run("classify", CREATORS, "--engine", "duckdb", "--on-error", "skip")
    assert result.exit_code == 2
    assert "--on-error skip is not supported by --engine duckdb" in result.stderr
