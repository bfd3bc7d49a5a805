"""Bad rows are reported, never silently dropped; duplicates are merged and counted."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from microinf.jobs.classify import Query, classify
from microinf.read.options import ReadOptions

from conftest import Run

Write = Callable[[str, "str | bytes"], Path]
MESSY = "handle,followers,platform\nana,100,x\nbo,lots,x\n,5,x\ncy,-3,x\nANA,200,x\ndi,300,\n"


def test_fail_is_the_default(run: Run, write: Write) -> None:
    path = write("m.csv", MESSY)
    result = run("classify", str(path))
    assert result.exit_code == 1
    assert (
        result.stderr
        == f'error: {path}:3: column "followers": cannot read "lots" as a follower count\n'
        "hint: write 12500, 12.5K or 1.2M\n"
    )


def test_skip_reports_one_line_and_exits_0(run: Run, write: Write) -> None:
    path = write("m.csv", MESSY)
    result = run("classify", str(path), "--on-error", "skip", "--fields", "handle")
    assert result.exit_code == 0
    assert [r["handle"] for r in json.loads(result.stdout)] == ["di", "ana"]
    lines = result.stderr.splitlines()
    assert lines[0] == (
        f'3 of 6 rows rejected (first: {path}:3: column "followers": cannot read "lots" as a follower count)'
    )
    assert lines[1].startswith("1 duplicate rows merged")


def test_rejects_csv_keeps_original_fields(run: Run, write: Write, tmp_path: Path) -> None:
    path = write("m.csv", MESSY)
    rejects = tmp_path / "bad.csv"
    result = run("classify", str(path), "--on-error", "skip", "--rejects", str(rejects))
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(rejects.read_text())))
    assert [(r["line"], r["handle"], r["followers"]) for r in rows] == [
        ("3", "bo", "lots"),
        ("4", "", "5"),
        ("5", "cy", "-3"),
    ]
    assert rows[1]["reason"] == 'column "handle": missing handle'
    assert {r["source"] for r in rows} == {str(path)}


def test_rejects_jsonl_and_fail_mode_writes_the_first(
    run: Run, write: Write, tmp_path: Path
) -> None:
    path = write("m.csv", MESSY)
    rejects = tmp_path / "bad.jsonl"
    result = run("classify", str(path), "--rejects", str(rejects))
    assert result.exit_code == 1
    (row,) = [json.loads(line) for line in rejects.read_text().splitlines()]
    assert row == {
        "handle": "bo",
        "followers": "lots",
        "platform": "x",
        "source": str(path),
        "line": 3,
        "reason": 'column "followers": cannot read "lots" as a follower count',
    }


def test_rejects_needs_csv_or_jsonl(run: Run, write: Write) -> None:
    path = write("m.csv", MESSY)
    assert run("classify", str(path), "--rejects", "bad.txt").exit_code == 2


def test_duplicates_keep_the_first_and_fill_its_gaps(run: Run, write: Write) -> None:
    a = write(
        "a.csv", "handle,platform,followers,country,niche\nAna,tiktok,100,,\nana,,50,FR,food\n"
    )
    b = write(
        "b.json",
        '[{"handle": "ANA", "platform": "TikTok", "followers": 70, "country": "DE", "niche": "food"}]',
    )
    result = run(
        "classify", str(a), str(b), "--fields", "handle,platform,followers,country,niche,line"
    )
    rows = json.loads(result.stdout)
    assert rows == [
        {
            "handle": "Ana",
            "platform": "tiktok",
            "followers": 100,
            "country": "DE",
            "niche": ["food"],
            "line": 2,
        },
        {
            "handle": "ana",
            "platform": None,
            "followers": 50,
            "country": "FR",
            "niche": ["food"],
            "line": 3,
        },
    ]
    assert "1 duplicate rows merged" in result.stderr
    kept = run("classify", str(a), str(b), "--keep-duplicates", "--fields", "handle")
    assert len(json.loads(kept.stdout)) == 3 and kept.stderr == ""


def test_stats_prints_the_ledger(run: Run, write: Write) -> None:
    path = write("m.csv", MESSY)
    result = run(
        "classify", str(path), "--on-error", "skip", "--stats", "--platform", "x", "--top", "1"
    )
    assert result.stderr.splitlines()[-1] == (
        "rows read 6 = classified 2 + rejected 3 + duplicates merged 1; "
        "of the classified: shown 1, filtered out 1, below --top 0"
    )


def test_show_columns_prints_the_mapping_and_stops(run: Run, write: Write) -> None:
    path = write("s.csv", "User Name,Followers Count,Followers gained,Category 1,Category 2\n")
    result = run("classify", str(path), "--show-columns")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        f"{path} (csv)",
        '  handle    <- "User Name"',
        '  followers <- "Followers Count"',
        '  niche     <- "Category 1" + "Category 2"',
        '  passed through: "Followers gained"',
    ]


def test_competing_columns_warn(run: Run, write: Write) -> None:
    path = write("c.csv", "followers,subscribers,handle\n10,20,ana\n")
    result = run("classify", str(path), "--fields", "followers,subscribers")
    assert json.loads(result.stdout) == [{"followers": 10, "subscribers": "20"}]
    assert 'columns "followers" and "subscribers" both look like followers' in result.stderr


def test_map_overrides_and_checks_its_column(run: Run, write: Write) -> None:
    path = write("c.csv", "followers,subscribers,handle\n10,20,ana\n")
    result = run("classify", str(path), "--map", "followers=subscribers", "--fields", "followers")
    assert json.loads(result.stdout) == [{"followers": 20}]
    loose = run("classify", str(path), "--map", "followers=Subscribers ", "--fields", "followers")
    assert json.loads(loose.stdout) == [{"followers": 20}]  # matched as headers are: folded
    bad = run("classify", str(path), "--map", "followers=nope")
    assert bad.exit_code == 2 and 'has no column "nope"' in bad.stderr
    assert run("classify", str(path), "--map", "fans=subscribers").exit_code == 2
    assert run("classify", str(path), "--map", "followers").exit_code == 2


def test_delimiter_input_format_and_records_options(run: Run, write: Write) -> None:
    semi = write("s.txt", "handle;followers\nana;10\n")
    result = run("classify", str(semi), "--delimiter", ";", "--fields", "handle")
    assert json.loads(result.stdout) == [{"handle": "ana"}]
    doc = write("d.dat", '{"a": {"b": [{"handle": "bo", "followers": 1}]}, "c": [1], "d": [2]}')
    result = run(
        "classify", str(doc), "--input-format", "json", "--records", "a.b", "--fields", "handle"
    )
    assert json.loads(result.stdout) == [{"handle": "bo"}]
    result = run("classify", str(doc), "--input-format", "json")
    assert result.exit_code == 1 and "several lists" in result.stderr


ROW = st.tuples(
    st.sampled_from(["ana", "Ana", "bo", "", "@cy", "di"]),
    st.sampled_from(["10", "12.5K", "lots", "", "-4", "N/A", "3000", "1,204"]),
    st.sampled_from(["tiktok", "", "x"]),
    st.sampled_from(["", "1", "40", "900"]),
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(ROW, max_size=25), st.booleans(), st.sampled_from([None, 1, 3]))
def test_ledger_holds_for_messy_files(
    tmp_path: Path, rows: list[tuple[str, str, str]], keep: bool, top: int | None
) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["handle", "followers", "platform", "avg_likes"])
    writer.writerows(rows)
    path = tmp_path / "messy.csv"
    path.write_text(buffer.getvalue())
    result = classify(
        [str(path)],
        Query(platforms=["tiktok"] if keep else [], top=top),
        options=ReadOptions(on_error="skip", keep_duplicates=keep),
    )
    s = result.stats
    assert s.read == len(rows)
    assert s.read == s.classified + s.rejected + s.duplicates
    assert s.classified == s.shown + s.filtered + s.beyond_top + s.not_chosen
    assert len(result.creators) == s.shown
