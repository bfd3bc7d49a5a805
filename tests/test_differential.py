"""The CSV path (line screen, csv module, row builder) against JSON of the same strings.

JSON never goes through the line screen nor the csv module, so any rule that the CSV path
applies differently (a number format, a filter, a profile URL, a screened line) shows up as a
difference in the records, the errors, the warnings or the ledger.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
import re
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from microinf.errors import MicroinfError
from microinf.jobs.classify import Query, classify
from microinf.read.fastcsv import whole_record
from microinf.read.options import ReadOptions
from microinf.read.rows import RowError
from microinf.tiers.load import LoadedTiers, parse_tiers

HEADER = [
    "handle", "platform", "followers", "name", "niche", "bio", "avg_likes", "avg_comments",
    "avg_views", "engagement_rate", "country", "language", "url", "following", "posts",
    "credibility", "price", "email",
]  # fmt: skip

TIERS = LoadedTiers(
    parse_tiers(
        "version: 1\n"
        "preset: standard\n"
        "platforms:\n"
        "  tiktok:\n"
        "    tiers:\n"
        "      - {name: nano, min: 0, max: 5000}\n"
        "      - {name: micro, min: 5000, max: 100000}\n"
        "      - {name: big, min: 100000}\n",
        "tiers.yaml",
    ),
    "tiers.yaml",
)

NUMBERS = st.sampled_from(
    ["", "N/A", "-", "0", "12", "950", "4500", "12500", "12.5K", "48k", "1,204", "1,204,331",
     "1_000", "12 500", "1.2M", "0.05", "4.1%", "4,1%", "12.75", "-3", "lots", "NaN", "1e3",
     "99999", "250000", "3,5", " 7 ", "inf", "+40"]
)  # fmt: skip
HANDLES = st.sampled_from(
    ["ana", "@bo", "", "cy", "Ana", " dee ", "N/A", "tiktok.com/@eve", "https://instagram.com/fay",
     "youtube.com/watch", "gus/x", "@", "hé.lène"]
)  # fmt: skip
PLATFORMS = st.sampled_from(["", "instagram", "TikTok", "youtube", "x", "twitch", "N/A", "-"])
CATEGORIES = st.sampled_from(
    ["", "fitness", "Fitness; Food", "Health & Fitness", "gym", "food", "beauty|fitness",
     "Yoga", "travel, food", "N/A", "Gymnastics", "Fítness"]
)  # fmt: skip
BIO_WORDS = st.sampled_from(
    ["gym", "coach", "Workout", "HIIT", "yoga", "café", "crème", "brûlée", "travel", "fitness",
     "gymnastics", "#fitness", "running", "recipes", "a", "the", "NAÏVE", "Pilates!", "\n",
     '"quoted"', "x,y"]
)  # fmt: skip
TEXT = st.sampled_from(["", "N/A", 'Ana, "the" Coach', "Zoë", "FR", "en", "x@y.z", "=1+2"])
URLS = st.sampled_from(["", "https://tiktok.com/@gil", "instagram.com/hal", "https://example.com"])


@st.composite
def rows(draw: st.DrawFn) -> dict[str, str]:
    bio = " ".join(draw(st.lists(BIO_WORDS, max_size=6)))
    return {
        "handle": draw(HANDLES),
        "platform": draw(PLATFORMS),
        "followers": draw(NUMBERS),
        "name": draw(TEXT),
        "niche": draw(CATEGORIES),
        "bio": bio,
        "avg_likes": draw(NUMBERS),
        "avg_comments": draw(NUMBERS),
        "avg_views": draw(NUMBERS),
        "engagement_rate": draw(NUMBERS),
        "country": draw(TEXT),
        "language": draw(TEXT),
        "url": draw(URLS),
        "following": draw(NUMBERS),
        "posts": draw(NUMBERS),
        "credibility": draw(NUMBERS),
        "price": draw(NUMBERS),
        "email": draw(TEXT),
    }


@st.composite
def queries(draw: st.DrawFn) -> Query:
    return Query(
        niches=draw(
            st.sampled_from([[], ["fitness"], ["fitness", "food"], ["yoga"], ["knitting"]])
        ),
        min_relevance=draw(st.sampled_from([None, 0.0, 0.1, 0.25, 0.6, 0.8, 1.0])),
        tiers=draw(st.sampled_from([[], ["micro"], ["nano", "big"], ["mid", "micro"]])),
        platforms=draw(st.sampled_from([[], ["tiktok"], ["instagram", "x"]])),
        min_followers=draw(st.sampled_from([None, 0, 1000, 20000])),
        max_followers=draw(st.sampled_from([None, 50000, 1_000_000])),
        exclude_flagged=draw(st.booleans()),
        top=draw(st.sampled_from([None, 1, 3, 50])),
    )


def _record_lines(text: str) -> dict[int, int]:
    """CSV line of each record -> its position (1-based), as JSON numbers records."""
    reader = csv.reader(io.StringIO(text, newline=""))
    next(reader)
    out, start = {}, reader.line_num + 1
    for i, _ in enumerate(reader, 1):
        out[start] = i
        start = reader.line_num + 1
    return out


def _outcome(
    path: Path, query: Query, on_error: str, lines: dict[int, int] | None
) -> dict[str, Any]:
    def place(line: int) -> int:
        return lines[line] if lines is not None else line

    rejected: list[tuple[int, str]] = []
    warnings: list[str] = []

    def reject(err: RowError) -> None:
        rejected.append((place(err.location.line or 0), err.reason))

    options = ReadOptions(on_error=on_error, rejects=reject)
    try:
        result = classify([str(path)], query, TIERS, options, warn=warnings.append)
    except MicroinfError as exc:
        message = re.sub(r"^.*?:(\d+): ", lambda m: f"@{place(int(m.group(1)))}: ", str(exc))
        return {"error": message, "hint": exc.hint, "rejected": rejected}
    records = []
    for c in result.creators:
        row = c.as_dict(location=True)
        row["line"] = place(row.pop("line"))
        row.pop("source")
        records.append(row)
    stats = vars(result.stats).copy()
    first = stats.pop("first_rejection")
    if first:
        stats["first"] = re.sub(r"^.*?:(\d+): ", lambda m: f"@{place(int(m.group(1)))}: ", first)
    return {
        "records": records,
        "stats": stats,
        "rejected": rejected,
        "warnings": [w.replace(str(path), "SOURCE") for w in warnings],
    }


@settings(
    max_examples=250,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    st.lists(rows(), min_size=1, max_size=12),
    queries(),
    st.sampled_from(["fail", "skip"]),
    st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL]),
)
def test_csv_and_json_of_the_same_strings_classify_alike(
    tmp_path: Path, data: list[dict[str, str]], query: Query, on_error: str, quoting: int
) -> None:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, HEADER, quoting=quoting, lineterminator="\n")
    writer.writeheader()
    writer.writerows(data)
    text = buffer.getvalue()
    as_csv = tmp_path / "list.csv"
    as_csv.write_text(text, encoding="utf-8")
    as_json = tmp_path / "list.json"
    as_json.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")

    from_csv = _outcome(as_csv, query, on_error, _record_lines(text))
    from_json = _outcome(as_json, query, on_error, None)
    assert from_csv == from_json


def test_the_screen_is_exercised_and_keeps_every_line_number(tmp_path: Path) -> None:
    # a multi-line bio between screened lines: the record after it keeps its own line number
    text = (
        "handle,followers,niche,bio\n"
        "a,20000,food,cooking\n"
        'b,20000,food,"gym\nworkout"\n'
        "c,20000,food,baking\n"
        "d,20000,,fitness gym coach\n"
    )
    path = tmp_path / "s.csv"
    path.write_text(text)
    result = classify(
        [str(path)], Query(niches=["fitness"]), TIERS, ReadOptions(), warn=lambda _m: None
    )
    assert sorted((c.handle, c.line) for c in result.creators) == [("b", 3), ("d", 6)]
    assert result.stats.read == 4 and result.stats.filtered == 2


def test_a_line_is_screened_only_when_the_csv_module_ends_its_record_there() -> None:
    # every short line over the characters that matter: the screen's test never says "whole"
    # for a line after which the csv module would go on reading the same record
    whole = whole_record(",")
    checked = 0
    for n in range(1, 8):
        for chars in itertools.product('",a ', repeat=n):
            line = "".join(chars) + "\n"
            reader = csv.reader(io.StringIO(line + "next\n", newline=""), strict=False)
            next(reader)
            if whole(line):
                checked += 1
                assert reader.line_num == 1, repr(line)
    assert checked > 1000
