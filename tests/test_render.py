from __future__ import annotations

import csv
import io
import json

import pytest

from microinf.models import OUTPUT_FIELDS, Creator
from microinf.render.creators import (
    Meta,
    csv_cell,
    default_fields,
    render_csv,
    render_json,
    render_jsonl,
    render_markdown,
    render_table,
)

META = Meta(tiers="built-in default", read=3, shown=2, filtered=1)


def creators() -> list[Creator]:
    a = Creator(
        handle="ana",
        followers=12_500,
        platform="instagram",
        name='Ana, "the" Coach',
        niche=("fitness", "food"),
        engagement_rate=0.041,
        engagement_method="given",
        extra_names=("email",),
        extra_values=('=HYPERLINK("x")',),
    )
    a.tier, a.score = "micro", 0.6125
    b = Creator(handle="bo", followers=800, niche=(), bio="line one\nline two")
    b.tier, b.score = None, 0.0
    return [a, b]


def render(fn, fields=None) -> str:  # type: ignore[no-untyped-def]
    out = io.StringIO()
    fn(creators(), fields or default_fields("json", ["email"]), out, META)
    return out.getvalue()


def test_json_parses_back_with_the_promised_types() -> None:
    rows = json.loads(render(render_json))
    assert [r["rank"] for r in rows] == [1, 2]
    first = rows[0]
    assert first["followers"] == 12500 and first["tier"] == "micro"
    assert first["niche"] == ["fitness", "food"]
    assert first["engagement_rate"] == 0.041 and first["score"] == 0.6125
    assert first["email"] == '=HYPERLINK("x")'
    assert rows[1]["tier"] is None and rows[1]["engagement_rate"] is None
    assert list(first)[: len(OUTPUT_FIELDS)] == list(OUTPUT_FIELDS)


def test_json_of_nothing_is_an_empty_array() -> None:
    out = io.StringIO()
    render_json([], ["handle"], out, META)
    assert json.loads(out.getvalue()) == []


def test_jsonl_is_one_object_per_line() -> None:
    lines = render(render_jsonl, ["rank", "handle", "tier"]).splitlines()
    assert lines == [
        '{"rank": 1, "handle": "ana", "tier": "micro"}',
        '{"rank": 2, "handle": "bo", "tier": null}',
    ]


def test_csv_round_trips_through_dictreader() -> None:
    text = render(
        render_csv, ["rank", "handle", "name", "followers", "tier", "niche", "bio", "email"]
    )
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows[0] == {
        "rank": "1",
        "handle": "ana",
        "name": 'Ana, "the" Coach',
        "followers": "12500",
        "tier": "micro",
        "niche": "fitness; food",
        "bio": "",
        "email": '\'=HYPERLINK("x")',
    }
    assert rows[1]["tier"] == "" and rows[1]["bio"] == "line one\nline two"


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ("=1+2", "'=1+2"),
        ("+cmd", "'+cmd"),
        ("-x", "'-x"),
        ("@sum", "'@sum"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("-12.5", "-12.5"),
        ("+3", "+3"),
        ("plain", "plain"),
        (None, ""),
        (3, "3"),
    ],
)
def test_csv_cells_that_a_spreadsheet_would_run_are_escaped(value: object, cell: str) -> None:
    assert csv_cell(value) == cell


def test_markdown_is_a_pipe_table_with_caption() -> None:
    text = render(render_markdown, ["rank", "handle", "followers", "tier", "engagement_rate"])
    assert text.splitlines() == [
        "| # | handle | followers | tier | eng. |",
        "|---:|---|---:|---|---:|",
        "| 1 | ana | 12.5K | micro | 4.10% |",
        "| 2 | bo | 800 | — | — |",
        "",
        "tiers: built-in default · 3 read · 2 shown · 1 filtered out",
    ]


def test_table_shows_human_numbers_dash_and_caption() -> None:
    text = render(render_table, list(default_fields("table", [])))
    assert "12.5K" in text and "4.10%" in text and "0.613" in text
    assert "—" in text
    assert "tiers: built-in default · 3 read · 2 shown · 1 filtered out" in text
    assert "\x1b[" not in text
