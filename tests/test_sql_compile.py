"""The SQL compiler: its character maps, the dialects it writes, what it refuses, its CLI."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from microinf.errors import MicroinfError
from microinf.rank.niches import words
from microinf.sql import require

from conftest import Run

sqlglot = pytest.importorskip("sqlglot")

from microinf.sql.charmap import case_fold, word_fold  # noqa: E402
from microinf.sql.compile import Spec, compile_sql  # noqa: E402
from microinf.sql.dialects import DIALECTS  # noqa: E402
from microinf.sql.text import finish_fold, fold_stages  # noqa: E402
from microinf.tiers.load import load_tiers  # noqa: E402

TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40) | st.lists(
    st.sampled_from(["Café", "ﬁt", "½", "Ǆ", "e\u0301", "GYM", "ß", "İ", "Ｇ", "𝐠"])
).map("".join)


def _words(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", text))


@settings(deadline=None)  # the first call builds the map
@given(TEXT)
def test_word_fold_map_gives_the_words_python_reads(text: str) -> None:
    assert _words(word_fold().apply(text).lower()) == words(text).strip()


@settings(deadline=None)
@given(TEXT)
def test_case_fold_map_is_casefold(text: str) -> None:
    folded = case_fold().apply(text)
    assert re.sub("[A-Z]", lambda m: m.group().lower(), folded) == text.casefold()


def _fold_in_duckdb(texts: list[str], charmap: object, dialect: str = "duckdb") -> list[str]:
    duckdb = pytest.importorskip("duckdb")
    stages, last = fold_stages("t", "f", charmap, dialect)  # type: ignore[arg-type]
    ctes = ["input AS (SELECT unnest(?) AS t, generate_subscripts(?, 1) AS i)"]
    previous = "input"
    for n, stage in enumerate(stages):
        ((name, expr),) = stage
        ctes.append(f"s{n} AS (SELECT *, {expr.sql('duckdb')} AS {name} FROM {previous})")
        previous = f"s{n}"
    final = finish_fold(last, charmap, dialect).sql("duckdb")  # type: ignore[arg-type]
    sql = f"WITH {', '.join(ctes)} SELECT {final} FROM {previous} ORDER BY i"
    return [r[0] for r in duckdb.connect().execute(sql, [texts, texts]).fetchall()]


@settings(max_examples=60, deadline=None)
@given(st.lists(TEXT, min_size=1, max_size=20))
def test_duckdb_folds_text_as_python_reads_words(texts: list[str]) -> None:
    got = _fold_in_duckdb(texts, word_fold())
    assert [_words(g) for g in got] == [words(t).strip() for t in texts]


@settings(max_examples=60, deadline=None)
@given(st.lists(TEXT, min_size=1, max_size=20))
def test_duckdb_case_folds_handles_as_python(texts: list[str]) -> None:
    assert _fold_in_duckdb(texts, case_fold()) == [t.casefold() for t in texts]


@pytest.mark.parametrize("dialect", DIALECTS)
def test_every_dialect_parses_back(dialect: str) -> None:
    niches = [] if dialect == "sqlite" else ["fitness", "gaming"]
    spec = Spec(niches=niches, tiers=["micro"], platforms=["TikTok"], min_followers=1,
                max_followers=10**6, exclude_flagged=True, top=5, platform_default="instagram")  # fmt: skip
    sql = compile_sql(spec, load_tiers(None), dialect)
    assert sql.startswith("-- microinf ")
    parsed = sqlglot.parse_one(sql, read=dialect)
    assert parsed.find(sqlglot.exp.Limit) is not None
    assert "mi_handle_key" in sql


def test_sqlite_refuses_niches(run: Run) -> None:
    result = run("sql", "--dialect", "sqlite", "--niche", "fitness")
    assert result.exit_code == 2
    assert "sqlite dialect has no regular expressions" in result.stderr
    assert result.stdout == ""


def test_a_keyword_that_means_no_value_is_refused(run: Run) -> None:
    result = run("sql", "--niche", "none")
    assert result.exit_code == 2
    assert 'the keyword "none"' in result.stderr


def test_sql_names_the_tiers_file_and_version(run: Run, write: object) -> None:
    from microinf import __version__

    path = write("t.yaml", "version: 1\npreset: later\n")  # type: ignore[operator]
    result = run(
        "sql",
        "--tiers",
        str(path),
        "--dialect",
        "postgres",
        "--map",
        "source=",
        "--map",
        "bio=about",
    )
    assert result.exit_code == 0, result.stderr
    first = result.stdout.splitlines()[0]
    assert first == f"-- microinf {__version__}: tiers from {path}; dialect postgres"
    assert '"about"' in result.stdout and 'COLLATE "C"' in result.stdout


def test_sql_map_needs_a_known_field(run: Run) -> None:
    result = run("sql", "--map", "folowers=n")
    assert result.exit_code == 2
    assert "FIELD=COLUMN" in result.stderr


def test_sql_needs_a_handle_and_followers(run: Run) -> None:
    result = run("sql", "--map", "followers=")
    assert result.exit_code == 2
    assert "followers column is required" in result.stderr


def test_unknown_tier_is_a_usage_error(run: Run) -> None:
    result = run("sql", "--tier", "giant")
    assert result.exit_code == 2
    assert "unknown tier 'giant'" in result.stderr


def test_a_missing_extra_names_what_to_install() -> None:
    with pytest.raises(MicroinfError) as info:
        require("microinf_no_such_module", "duckdb", "--engine duckdb")
    assert info.value.exit_code == 2
    assert info.value.hint == 'pip install "microinf[duckdb]"'


def test_compiled_sql_holds_no_number_of_its_own(tmp_path: Path) -> None:
    """Thresholds come from the config: changing one changes the SQL."""
    base = compile_sql(Spec(), load_tiers(None), "duckdb")
    path = tmp_path / "t.yaml"
    path.write_text(
        "version: 1\npreset: standard\nflags:\n  few_posts: {min_posts: 7777}\nranking: {flag_penalty: 0.125}\n"
    )
    changed = compile_sql(Spec(), load_tiers(str(path)), "duckdb")
    assert "7777" in changed and "7777" not in base
    assert "0.875" in changed and "0.875" not in base  # 1 - flag_penalty, computed in Python


EXPORT = (
    "Username,Followers Count,Category,Avg Likes,Avg Comments,Network,Country\n"
    "@ana.fit,23000,Fitness,900,31,Instagram,FR\n"
    "bo_runs,41000,Fitness|Running,2100,12,instagram,US\n"
    "cy,18000,Food,400,9,TikTok,DE\n"
    "dee,12500,Fitness,30,1,Instagram,\n"
)


def test_columns_from_a_file_map_the_table_as_classify_reads_it(run: Run, tmp_path: Path) -> None:
    duckdb = pytest.importorskip("duckdb")
    path = tmp_path / "export.csv"
    path.write_text(EXPORT, encoding="utf-8")
    args = ["--niche", "fitness", "--tier", "micro"]
    query = run("sql", "--table", "export", "--columns-from", str(path), *args)
    assert query.exit_code == 0, query.stderr
    con = duckdb.connect()
    con.execute(f"CREATE TABLE export AS SELECT * FROM read_csv('{path}', all_varchar = false)")
    cursor = con.execute(query.stdout)
    names = [d[0] for d in cursor.description]
    got = [dict(zip(names, r, strict=True)) for r in cursor.fetchall()]
    want = json.loads(run("classify", str(path), *args, "--format", "json").stdout)
    assert [(r["rank"], r["handle"], r["platform"], r["score"]) for r in got] == [
        (c["rank"], c["handle"], c["platform"], c["score"]) for c in want
    ]
    assert len(want) == 3
    # without it, the canonical names are looked for, and the table has none of them
    bare = run("sql", "--table", "export", *args)
    with pytest.raises(duckdb.Error):
        con.execute(bare.stdout)
    # --map still wins over the file's header
    mapped = run("sql", "--columns-from", str(path), "--map", "country=", *args)
    assert '"Country"' not in mapped.stdout and '"Category"' in mapped.stdout


def test_columns_from_a_file_with_several_category_columns(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "topics.csv"
    path.write_text("Username,Followers Count,Category,More topics\nana,12000,Food,Travel\n")
    refused = run("sql", "--columns-from", str(path), "--niche", "food")
    assert refused.exit_code == 2
    assert 'several category columns ("Category", "More topics")' in refused.stderr
    assert "--map niche=COLUMN" in refused.stderr
    chosen = run("sql", "--columns-from", str(path), "--map", "niche=More topics")
    assert chosen.exit_code == 0 and '"More topics"' in chosen.stdout
