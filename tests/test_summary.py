"""microinf summary: counts that add up, and quartiles equal to those of classify's own output."""

from __future__ import annotations

import csv
import io
import json
import statistics
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import EXAMPLES, SHARED_DATA, Run

CREATORS = str(EXAMPLES / "creators.csv")


def classified(run: Run, *args: str) -> list[dict[str, object]]:
    result = run("classify", *args, "--format", "json")
    assert result.exit_code == 0, result.output
    return list(json.loads(result.stdout))


def summary(run: Run, *args: str) -> dict[str, object]:
    result = run("summary", *args, "--format", "json")
    assert result.exit_code == 0, result.output
    return dict(json.loads(result.stdout))


def test_counts_add_up_and_match_classify(run: Run) -> None:
    s = summary(run, CREATORS)
    rows = classified(run, CREATORS)
    assert s["creators"] == len(rows) == 320
    tiers = {t["tier"]: t for t in s["tiers"]}  # type: ignore[attr-defined]
    assert sum(t["creators"] for t in tiers.values()) == 320
    assert {k: t["creators"] for k, t in tiers.items()} == Counter(r["tier"] for r in rows)
    platforms = {p["platform"]: p["creators"] for p in s["platforms"]}  # type: ignore[attr-defined]
    assert platforms == Counter(r["platform"] for r in rows)
    flags = {f["flag"]: f["creators"] for f in s["flags"]}  # type: ignore[attr-defined]
    assert flags == Counter(f for r in rows for f in r["flags"])  # type: ignore[attr-defined]
    assert s["flagged"] == sum(1 for r in rows if r["flags"])
    ledger = s["ledger"]
    assert ledger == {"read": 320, "rejected": 0, "duplicates": 0, "filtered": 0, "counted": 320}
    assert s["quartiles"] == "exact"


def test_quartiles_are_those_of_the_classified_records(run: Run) -> None:
    s = summary(run, CREATORS)
    rows = classified(run, CREATORS)
    for t in s["tiers"]:  # type: ignore[attr-defined]
        followers = [r["followers"] for r in rows if r["tier"] == t["tier"]]
        q1, median, q3 = statistics.quantiles(followers, n=4, method="inclusive")
        assert t["followers"]["median"] == pytest.approx(median, abs=0.051)
        assert t["followers"]["q1"] == pytest.approx(q1, abs=0.051)
        assert t["followers"]["q3"] == pytest.approx(q3, abs=0.051)
        assert t["followers"]["min"] == min(followers) and t["followers"]["max"] == max(followers)
        rates = [
            r["engagement_rate"]
            for r in rows
            if r["tier"] == t["tier"] and r["engagement_rate"] is not None
        ]
        assert t["engagement_rate"]["count"] == len(rates)
        assert t["engagement_rate"]["median"] == pytest.approx(statistics.median(rates), abs=1e-6)


def test_filters_are_classify_filters(run: Run) -> None:
    args = ("--niche", "fitness", "--exclude-flagged")
    s = summary(run, CREATORS, *args)
    assert s["creators"] == len(classified(run, CREATORS, *args)) == 25
    ledger = s["ledger"]
    assert ledger["read"] == ledger["filtered"] + ledger["counted"]  # type: ignore[index]


def test_duplicates_and_rejects_are_counted_once(run: Run, write: Callable[..., Path]) -> None:
    path = write(
        "dup.csv",
        "handle,platform,followers\nana,instagram,12000\nANA,instagram,12500\nbo,x,lots\n",
    )
    s = summary(run, str(path), "--on-error", "skip")
    assert s["creators"] == 1
    assert s["ledger"] == {"read": 3, "rejected": 1, "duplicates": 1, "filtered": 0, "counted": 1}
    result = run("summary", str(path))
    assert result.exit_code == 1
    assert 'dup.csv:4: column "followers"' in result.stderr


def test_table_has_bars_and_no_markup_or_ansi(run: Run, write: Callable[..., Path]) -> None:
    path = write("n.csv", "handle,followers,niche\na,1500,[bold]hot[/bold]\nb,25000,food\n")
    result = run("summary", str(path), "--format", "table")
    assert result.exit_code == 0
    assert "[bold]hot[/bold]" in result.stdout
    assert "█" in result.stdout and "\x1b[" not in result.stdout
    assert "2 creators" in result.stdout and "quartiles are exact" in result.stdout


def test_csv_and_markdown(run: Run) -> None:
    rows = list(csv.DictReader(io.StringIO(run("summary", CREATORS, "--format", "csv").stdout)))
    tiers = [r for r in rows if r["dimension"] == "tier"]
    assert sum(int(r["creators"]) for r in tiers) == 320
    assert all(r["followers_median"] for r in tiers)
    assert {r["dimension"] for r in rows} == {"tier", "platform", "niche", "flag"}
    md = run("summary", CREATORS, "--format", "markdown").stdout
    assert "### Creators by tier" in md and "| micro | 106 | 33% |" in md


def test_input_options_work_as_in_classify(run: Run) -> None:
    s = summary(run, CREATORS, "--map", "followers=following", "--on-error", "skip")
    assert s["ledger"]["read"] == 320  # type: ignore[index]
    result = run("summary", CREATORS, "--map", "nope=x")
    assert result.exit_code == 2 and "--map" in result.output


@pytest.mark.skipif(not SHARED_DATA.is_dir(), reason="the shared data files are absent")
@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("twitch_top1000.csv", ["--platform-default", "twitch"]),
        ("tiktok_top1000_2022.csv", ["--platform-default", "tiktok"]),
        ("youtube_top200_topics.csv", ["--map", "niche=Main topic"]),
    ],
)
def test_real_files(run: Run, name: str, args: list[str]) -> None:
    path = str(SHARED_DATA / name)
    s = summary(run, path, *args)
    assert s["creators"] == len(classified(run, path, *args))
    ledger = s["ledger"]
    assert ledger["read"] == ledger["rejected"] + ledger["duplicates"] + ledger["counted"]  # type: ignore[index]


def test_nothing_to_count(run: Run) -> None:
    result = run("summary", CREATORS, "--min-followers", "999999999", "--format", "table")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0].startswith("0 creators")
    assert "none passes the filters" in result.stdout and "creators by tier" not in result.stdout
    data = summary(run, CREATORS, "--min-followers", "999999999")
    assert data["creators"] == 0 and data["tiers"] == [] and data["ledger"]["filtered"] == 320  # type: ignore[index]
