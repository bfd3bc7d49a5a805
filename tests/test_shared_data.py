"""Every real-world file in ../shared/data loads: row counts and values read from the files."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from microinf.jobs.classify import Query, ReadOptions, classify
from microinf.numbers import parse_count

from conftest import SHARED_DATA

pytestmark = pytest.mark.skipif(
    not SHARED_DATA.is_dir(), reason=f"{SHARED_DATA} is absent (the shared data files)"
)


def csv_rows(name: str) -> list[dict[str, str]]:
    with (SHARED_DATA / name).open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def run(name: str, **options: Any) -> Any:
    return classify([str(SHARED_DATA / name)], Query(), options=ReadOptions(**options))


def by_handle(result: Any) -> dict[str, Any]:
    return {c.handle: c for c in result.creators}


@pytest.mark.parametrize(
    ("name", "handle_col", "followers_col", "duplicates"),
    [
        ("insta_top200.csv", "channel_info", "followers", 0),
        ("insta_top1000_2022.csv", "Influencer insta name", "Followers", 3),
        ("tiktok_top1000_2022.csv", "Tiktoker name", "Subscribers count", 13),
        ("youtube_top1000_2022.csv", "youtuber name", "Subscribers", 2),
        ("twitch_top1000.csv", "Channel", "Followers", 0),
        ("youtube_top200_topics.csv", "username", "followers", 656),
    ],
)
def test_csv_files(name: str, handle_col: str, followers_col: str, duplicates: int) -> None:
    rows = csv_rows(name)
    result = run(name)
    stats = result.stats
    assert stats.read == len(rows)
    assert stats.rejected == 0
    assert stats.duplicates == duplicates
    assert stats.read == stats.classified + stats.rejected + stats.duplicates
    assert len(result.creators) == len(rows) - duplicates
    creators = by_handle(result)
    for row in (rows[0], rows[len(rows) // 2], rows[-1]):
        creator = creators[row[handle_col].strip().lstrip("@")]
        if duplicates == 0:
            assert creator.followers == parse_count(row[followers_col])


def test_insta_top200_reads_suffixes_percent_rates_and_bom() -> None:
    creators = by_handle(run("insta_top200.csv"))
    cristiano = creators["cristiano"]
    assert cristiano.followers == 475_800_000
    assert cristiano.engagement_rate == pytest.approx(0.0139)
    assert cristiano.engagement_method == "given"
    assert cristiano.country == "Spain"
    assert (
        dict(zip(cristiano.extra_names, cristiano.extra_values, strict=True))["input_rank"] == "1"
    )
    assert creators["leomessi"].country is None


def test_insta_top1000_multiline_header_and_two_categories() -> None:
    rows = csv_rows("insta_top1000_2022.csv")
    creators = by_handle(run("insta_top1000_2022.csv"))
    row = next(r for r in rows if r["category_2"] and r["Influencer insta name"] != "angelinajolie")
    creator = creators[row["Influencer insta name"]]
    assert list(creator.niche) == [row["category_1"], row["category_2"]]
    assert "Authentic engagement" in creator.extra_names  # the line break trimmed


def test_youtube_top1000_na_counts_are_missing_not_zero() -> None:
    rows = csv_rows("youtube_top1000_2022.csv")
    row = next(r for r in rows if r["avg comments"] == "N/A" and r["avg likes"] != "N/A")
    creator = by_handle(run("youtube_top1000_2022.csv"))[row["youtuber name"]]
    assert creator.avg_comments is None
    assert creator.avg_likes == parse_count(row["avg likes"])
    assert creator.engagement_method == "likes only"


def test_tunisia_json_decimal_comma_nested_keys_and_at_handles() -> None:
    data = json.loads((SHARED_DATA / "tunisia_instagram.json").read_text(encoding="utf-8"))
    result = run("tunisia_instagram.json")
    assert result.stats.read == len(data) == len(result.creators)
    first = by_handle(result)[data[0]["username"].lstrip("@")]
    assert first.followers == 16_037_000
    assert first.platform == "instagram"  # from instagramURL
    assert first.name == data[0]["more"]["fullName"]
    assert list(first.niche) == data[0]["categories"]
    followers = [by_handle(result)[d["username"].lstrip("@").strip()].followers for d in data]
    assert followers == sorted(followers, reverse=True)  # only the decimal-comma reading does this


def test_createurstech_yaml_with_map_and_skip() -> None:
    items = yaml.safe_load((SHARED_DATA / "createurstech_fr.yml").read_text(encoding="utf-8"))
    result = run(
        "createurstech_fr.yml",
        columns={"handle": "youtube_channel_name", "followers": "youtube_subscriber_count"},
        platform_default="youtube",
        on_error="skip",
    )
    missing = [i for i in items if i["youtube_subscriber_count"] == ""]
    assert result.stats.read == len(items)
    assert result.stats.rejected == len(missing)
    assert "missing follower count" in (result.stats.first_rejection or "")
    tiers = {c.tier for c in result.creators}
    assert {"nano", "micro", "mid"} <= tiers
    assert all(c.platform == "youtube" for c in result.creators)


def test_every_shared_file_is_covered() -> None:
    covered = {
        "insta_top200.csv", "insta_top1000_2022.csv", "tiktok_top1000_2022.csv",
        "youtube_top1000_2022.csv", "twitch_top1000.csv", "youtube_top200_topics.csv",
        "tunisia_instagram.json", "createurstech_fr.yml",
    }  # fmt: skip
    present = {p.name for p in Path(SHARED_DATA).iterdir() if p.suffix in (".csv", ".json", ".yml")}
    assert present <= covered
