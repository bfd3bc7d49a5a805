from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from microinf import __version__

from conftest import EXAMPLES, Run

Write = Callable[[str, "str | bytes"], Path]
CREATORS = str(EXAMPLES / "creators.csv")
ROSTER = str(EXAMPLES / "roster.yaml")

SMALL = """handle,platform,followers,niche,engagement_rate,avg_likes,avg_comments,bio
@ana,Instagram,12500,fitness,0.05,,,gym and #fitness daily
bo,tiktok,800,food,,40,2,recipes
cy,youtube,60000,Fitness;travel,0.02,,,travel vlogs
di,instagram,2000000,beauty,,,,makeup
ed,instagram,30000,fitness,0.01,,,yoga
"""


@pytest.fixture
def small(write: Write) -> str:
    return str(write("small.csv", SMALL))


def as_json(result) -> list[dict]:  # type: ignore[no-untyped-def]
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def handles(result) -> list[str]:  # type: ignore[no-untyped-def]
    return [r["handle"] for r in as_json(result)]


def test_version(run: Run) -> None:
    result = run("--version")
    assert result.exit_code == 0
    assert result.stdout == f"microinf {__version__}\n"


@pytest.mark.parametrize(
    "args",
    [["--help"], ["classify", "--help"], ["tiers", "--help"]]
    + [["tiers", sub, "--help"] for sub in ("check", "show", "init", "schema", "diff")],
)
def test_help_ends_with_an_example(run: Run, args: list[str]) -> None:
    result = run(*args)
    assert result.exit_code == 0
    assert "Example: microinf " in result.stdout


def test_default_output_off_a_terminal_is_json(run: Run, small: str) -> None:
    rows = as_json(run("classify", small))
    assert [r["handle"] for r in rows] == ["ana", "cy", "ed", "bo", "di"]
    ana = rows[0]
    assert ana["platform"] == "instagram" and ana["tier"] == "micro" and ana["rank"] == 1
    assert ana["engagement_method"] == "given"
    bo = rows[3]
    assert bo["tier"] is None and bo["engagement_rate"] == pytest.approx(42 / 800)
    assert bo["engagement_method"] == "likes+comments"
    di = rows[-1]
    assert di["engagement_rate"] is None and di["score"] == 0.0 and di["tier"] == "mega"


def test_niche_filter_is_case_insensitive_and_repeatable(run: Run, small: str) -> None:
    assert handles(run("classify", small, "--niche", "FITNESS")) == ["ana", "ed", "cy"]
    assert handles(run("classify", small, "--niche", "fitness", "--niche", "beauty")) == [
        "ana",
        "ed",
        "cy",
        "di",
    ]


def test_tier_platform_and_follower_filters(run: Run, small: str) -> None:
    assert handles(run("classify", small, "--tier", "micro")) == ["ana", "ed"]
    assert handles(run("classify", small, "--tier", "micro", "--tier", "mega")) == [
        "ana",
        "ed",
        "di",
    ]
    assert handles(run("classify", small, "--platform", "INSTAGRAM")) == ["ana", "ed", "di"]
    assert handles(run("classify", small, "--min-followers", "12500")) == ["ana", "cy", "ed", "di"]
    assert handles(run("classify", small, "--max-followers", "12500")) == ["ana", "bo"]


def test_top_keeps_the_best_after_filtering(run: Run, small: str) -> None:
    rows = as_json(run("classify", small, "--platform", "instagram", "--top", "2"))
    assert [(r["rank"], r["handle"]) for r in rows] == [(1, "ana"), (2, "ed")]


def test_fields_select_columns_in_order(run: Run, small: str) -> None:
    rows = as_json(run("classify", small, "--fields", "tier,handle", "--top", "1"))
    assert rows == [{"tier": "micro", "handle": "ana"}]


def test_formats(run: Run, small: str) -> None:
    jsonl = run("classify", small, "--format", "jsonl", "--fields", "handle")
    assert jsonl.stdout.splitlines()[0] == '{"handle": "ana"}'
    out = run("classify", small, "--format", "csv").stdout
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows[0]["handle"] == "ana" and rows[0]["tier"] == "micro" and len(rows) == 5
    md = run("classify", small, "--format", "markdown").stdout
    assert md.startswith("| # | handle |") and "| 1 | ana |" in md
    table = run("classify", small, "--format", "table")
    assert table.exit_code == 0
    assert "ana" in table.stdout and "12.5K" in table.stdout
    assert "tiers: built-in default · 5 read · 5 shown · 0 filtered out" in table.stdout


def test_table_caption_counts_what_was_filtered(run: Run, small: str) -> None:
    out = run("classify", small, "--format", "table", "--niche", "fitness", "--top", "2").stdout
    assert "5 read · 2 shown · 2 filtered out · 1 below the top 2" in out
    out = run("classify", small, "--format", "table", "--top", "3").stdout
    assert "5 read · 3 shown · 2 below the top 3" in out


def test_stdin_and_several_sources(run: Run, small: str) -> None:
    assert handles(run("classify", "-", input=SMALL)) == ["ana", "cy", "ed", "bo", "di"]
    rows = as_json(run("classify", small, ROSTER, "--fields", "handle,source,line"))
    assert len(rows) == 5 + 12
    assert {r["source"] for r in rows} == {small, ROSTER}


def test_examples_load(run: Run) -> None:
    rows = as_json(run("classify", CREATORS, ROSTER))
    assert len(rows) >= 300
    assert {r["tier"] for r in rows} == {None, "nano", "micro", "mid", "macro", "mega"}
    assert len({r["platform"] for r in rows}) == 5
    assert len({n for r in rows for n in r["niche"]}) >= 10


def test_tiers_option_env_and_local_file(
    run: Run, small: str, write: Write, monkeypatch: pytest.MonkeyPatch
) -> None:
    two = "version: 1\ntiers:\n  - {name: small, min: 0, max: 50000}\n  - {name: big, min: 50000}\n"
    write("two.yaml", two)
    path = "two.yaml"  # relative to the working directory, tmp_path
    rows = as_json(run("classify", small, "--tiers", path, "--fields", "handle,tier"))
    assert {r["tier"] for r in rows} == {"small", "big"}
    monkeypatch.setenv("MICROINF_TIERS", path)
    table = run("classify", small, "--format", "table").stdout
    assert f"tiers: {path}" in table
    monkeypatch.delenv("MICROINF_TIERS")
    write("tiers.yaml", two.replace("small", "little"))
    rows = as_json(run("classify", small, "--fields", "tier"))
    assert {r["tier"] for r in rows} == {"little", "big"}


def test_passthrough_columns_and_clashing_names(run: Run, write: Write) -> None:
    path = str(write("x.csv", "handle,followers,score,Email\nana,100,9,a@b.c\n"))
    row = as_json(run("classify", path))[0]
    assert row["input_score"] == "9" and row["Email"] == "a@b.c" and row["score"] == 0.0


# --- errors and exit codes ---------------------------------------------------------------


def test_bad_row_exits_1_naming_file_line_and_column(run: Run, write: Write) -> None:
    path = write("bad.csv", 'handle,bio,followers\nana,"two\nlines",100\nbo,x,lots\n')
    result = run("classify", str(path))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert (
        result.stderr
        == f'error: {path}:4: column "followers": cannot read "lots" as a follower count\n'
        "hint: write 12500, 12.5K or 1.2M\n"
    )


def test_invalid_config_exits_1_with_every_message(run: Run, small: str) -> None:
    config = Path(__file__).parent / "data" / "tiers" / "invalid" / "several.yaml"
    result = run("classify", small, "--tiers", str(config))
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f'error: {config}:7:5: tiers "nano" [1000, 10000) and "micro" [9000, 50000) overlap on [9000, 10000)',
        f'error: {config}:9:5: tiers[2].name: required key "name" is missing',
        f'error: {config}:9:5: unknown key "nam" (did you mean "name"?)',
    ]


@pytest.mark.parametrize(
    "args",
    [
        ["classify"],
        ["classify", "x.csv", "--format", "xml"],
        ["classify", "x.csv", "--top", "0"],
        ["classify", "x.csv", "--min-followers", "-5"],
        ["classify", "x.csv", "--bogus"],
    ],
)
def test_usage_errors_exit_2(run: Run, args: list[str]) -> None:
    assert run(*args).exit_code == 2


def test_unknown_field_and_unknown_tier_exit_2(run: Run, small: str) -> None:
    result = run("classify", small, "--fields", "handle,bogus")
    assert result.exit_code == 2 and "unknown field 'bogus'" in result.stderr
    result = run("classify", small, "--tier", "giga")
    assert result.exit_code == 2 and "unknown tier 'giga'" in result.stderr
    assert "hint: tiers in use: nano, micro, mid, macro, mega" in result.stderr


def test_missing_source_exits_3(run: Run, tmp_path: Path) -> None:
    result = run("classify", str(tmp_path / "absent.csv"))
    assert result.exit_code == 3
    assert result.stderr.startswith(f"error: {tmp_path / 'absent.csv'}: no such file")


def test_unopenable_source_exits_3(run: Run, write: Write) -> None:
    path = write("file.csv", "handle,followers\n")
    result = run("classify", f"{path}/inner.csv")
    assert result.exit_code == 3 and "cannot open" in result.stderr


def test_directory_source_exits_3(run: Run, tmp_path: Path) -> None:
    result = run("classify", str(tmp_path))
    assert result.exit_code == 3 and "is a directory" in result.stderr


def test_missing_tiers_file_exits_3(run: Run, small: str) -> None:
    result = run("classify", small, "--tiers", "nope.yaml")
    assert result.exit_code == 3 and "nope.yaml: no such file" in result.stderr
