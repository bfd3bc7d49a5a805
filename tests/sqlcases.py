"""Generated creator lists and queries for comparing the SQL with the Python classifier.

Each case has typed rows as a warehouse holds them (text with stray spaces, @, "n/a", rates
written as percentages, accents and case), the same rows as a CSV file for classify, a
tiers.yaml, and a query with every filter.
"""

from __future__ import annotations

import csv
import io
import os
import random
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NoReturn

import pytest

from microinf.jobs.classify import Query, ReadOptions, classify
from microinf.sql.compile import Spec
from microinf.tiers.load import LoadedTiers, load_tiers

COLUMNS = {
    "handle": "TEXT", "platform": "TEXT", "followers": "BIGINT", "name": "TEXT", "niche": "TEXT",
    "bio": "TEXT", "avg_likes": "DOUBLE", "avg_comments": "DOUBLE", "avg_views": "DOUBLE",
    "engagement_rate": "DOUBLE", "following": "BIGINT", "posts": "BIGINT", "credibility": "DOUBLE",
    "price": "DOUBLE", "country": "TEXT", "language": "TEXT", "url": "TEXT", "line": "BIGINT",
}  # fmt: skip
PLATFORMS = ["instagram", "TikTok", " youtube ", "twitch", "TIKTOK", "n/a", None, "x"]
NICHE_WORDS = [
    "fitness", "Fitness", "FÍTNESS", "gym", "yoga", "video-games", "video, games", "Video Games",
    "gaming", "food", "foodie", "n/a", "none", "", "crème brûlée", "creme", "brulee", "home",
    "interior design", "interior|design", "ﬁtness", "Ｆｉｔｎｅｓｓ", "gym\u0301", "café", "beauty",
    "make-up", "makeup", "nails", "Ⓖym", "½", "ǆungle", "straße",
]  # fmt: skip
BIO_WORDS = [
    "gym", "GYM", "Gym!", "#fitness", "workout", "work-out", "hiit", "yoga…", "running", "run",
    "gymnastics", "video games", "video-games", "videogames", "esports", "minecraft", "recipes",
    "cooking", "chef", "vegan", "café", "CAFÉ", "cafe\u0301", "crème", "brûlée", "mom", "dad",
    "ﬁtness", "Ｇｙｍ", "𝐠𝐲𝐦", "🏋️", "💪", "\t", "|", ",", ";", "—", "n/a", "ß", "İstanbul",
    "makeup", "mua", "nails", "interior design", "decor", "½marathon", "ǉ", "hello", "world",
    "\"quoted\"", "'single'", "=1+1", "Ω", "ж", "中文", "e\u0301", "a\u200bb",
]  # fmt: skip
HANDLE_PARTS = ["ana", "Bo", "ÉLA", "zoë", "Ölaf", "ärm", "ßtar", "ǅa", "ﬁx", "İz", "_", ".", "9",
                "x", "ÖÖ", "öö", "Σ", "σ", "ς", "👍", "K", "k"]  # fmt: skip
TIER_EDGES = [0, 1, 999, 1000, 1001, 9999, 10000, 49999, 50000, 50001, 99999, 100000, 499999,
              500000, 999999, 1000000, 5_000_000, 2_000_000_000]  # fmt: skip

CONFIGS = {
    "builtin": None,
    "platforms": """version: 1
preset: standard
platforms:
  tiktok:
    tiers:
      - {name: nano, min: 0, max: 5000}
      - {name: micro, min: 5000, max: 100000}
      - {name: rising, min: 100000, max: 2000000}
niches:
  fitness: [calisthenics, crème brûlée, "Gym Rat"]
  desserts: [crème brûlée, patisserie, baking]
benchmarks:
  default: {micro: 2.5%, nano: 0.05}
  tiktok: {micro: 0.061, rising: 3%}
  youtube: {mid: 0.02}
flags:
  low_engagement: {below_ratio: 0.3}
  implausible_engagement: {above_ratio: 3, ceiling: 20%}
  comment_ratio: {min: 0.001, max: 0.4, min_likes: 10}
  mass_following: {min_following: 1000, min_ratio: 0.8}
  few_posts: {min_posts: 20, min_followers: 5000}
  low_credibility: {below: 80%}
ranking: {relevance: 0.7, engagement: 0.3, flag_penalty: 0.4, min_relevance: 0.2}
""",
    "later-some-off": """version: 1
preset: later
flags:
  low_engagement: {enabled: false}
  few_posts: {enabled: false}
  comment_ratio: {min_likes: 1, min: 0.01}
ranking: {relevance: 0, engagement: 1, flag_penalty: 1}
""",
}


@dataclass
class Case:
    """Rows, a config and a query."""

    rows: list[dict[str, Any]]
    config: str
    query: Query
    seed: int
    paths: dict[str, Path] = field(default_factory=dict)

    def tiers(self, folder: Path) -> LoadedTiers:
        text = CONFIGS[self.config]
        if text is None:
            return load_tiers(None)
        path = folder / f"tiers-{self.config}.yaml"
        path.write_text(text, encoding="utf-8")
        return load_tiers(str(path))

    def spec(self, table: str = "creators") -> Spec:
        q = self.query
        return Spec(
            table=table, columns={"line": "line"}, niches=q.niches, tiers=q.tiers,
            platforms=q.platforms, min_followers=q.min_followers, max_followers=q.max_followers,
            min_relevance=q.min_relevance, exclude_flagged=q.exclude_flagged, top=q.top,
        )  # fmt: skip

    def values(self) -> list[tuple[Any, ...]]:
        return [tuple(r[c] for c in COLUMNS) for r in self.rows]


def _text(rng: random.Random, words: list[str], most: int) -> str | None:
    if rng.random() < 0.1:
        return rng.choice([None, "", "n/a", "  none ", "NULL"])
    seps = [" ", "  ", ", ", "; ", " | ", "-", "\n", "…"]
    out = ""
    for _ in range(rng.randint(1, most)):
        out += rng.choice(words) + rng.choice(seps)
    return out.strip(" ") if rng.random() < 0.7 else " " + out


def _number(rng: random.Random, low: float, high: float, whole: bool = True) -> float | None:
    if rng.random() < 0.15:
        return None
    if rng.random() < 0.03:
        return float("nan")  # a float column's NaN; "nan" in the CSV, which classify reads as none
    value = rng.uniform(low, high) if rng.random() < 0.8 else rng.choice([low, high, 0.0])
    return float(round(value)) if whole else float(f"{value:.6f}")


def make_rows(rng: random.Random, n: int) -> list[dict[str, Any]]:
    """Creators with every column; unique (platform, handle) pairs."""
    rows: list[dict[str, Any]] = []
    seen: set[tuple[str, str]] = set()
    while len(rows) < n:
        handle = "".join(rng.choices(HANDLE_PARTS, k=rng.randint(1, 4)))
        if rng.random() < 0.1:
            handle = " @" + handle + " "
        platform = rng.choice(PLATFORMS)
        key = ((platform or "").strip().lower(), handle.strip().lstrip("@").strip().casefold())
        if key in seen or ((platform or "").strip().lower() in ("n/a",) and ("", key[1]) in seen):
            continue
        seen.add(key)
        followers = rng.choice(TIER_EDGES) if rng.random() < 0.3 else rng.randint(0, 3_000_000)
        if rng.random() < 0.1:
            followers = rng.choice(rows)["followers"] if rows else followers  # ties
        likes = _number(rng, 0, max(followers, 1) * 0.2)
        rate = None
        if rng.random() < 0.4:
            rate = rng.choice(
                [0.0, 0.0001, 0.012, 0.0162, 0.05, 0.3, 0.9, 1.0, 4.1, 12.5, 55.0, float("nan")]
            )
        rows.append({
            "handle": handle, "platform": platform, "followers": followers,
            "name": _text(rng, ["Ana", "Zoë", "n/a", "Bob"], 2),
            "niche": _text(rng, NICHE_WORDS, 3), "bio": _text(rng, BIO_WORDS, 7),
            "avg_likes": likes,
            "avg_comments": _number(rng, 0, (likes if likes and likes == likes else 100) * 0.6),
            "avg_views": _number(rng, 0, 10_000_000),
            "engagement_rate": rate,
            "following": None if rng.random() < 0.3 else int(rng.choice([0, 1499, 1500, 1501, 7000, rng.randint(0, 20000)])),
            "posts": None if rng.random() < 0.3 else int(rng.choice([0, 11, 12, 19, 20, rng.randint(0, 3000)])),
            "credibility": rng.choice([None, 0.5, 0.74, 0.75, 0.8, 0.99, 1.0, 60.0, 79.9, 80.0]),
            "price": _number(rng, 0, 5000),
            "country": rng.choice(["DE", "  fr ", None, "n/a", "ÖSTERREICH"]),
            "language": rng.choice(["de", "en", None]),
            "url": rng.choice([None, "https://example.org/x"]),
            "line": 0,
        })  # fmt: skip
    return rows


def make_query(rng: random.Random, rows: list[dict[str, Any]], config: str, niches: bool) -> Query:
    names = {"builtin": ["nano", "micro", "mid", "macro", "mega"],
             "platforms": ["nano", "micro", "mid", "macro", "mega", "rising"],
             "later-some-off": ["nano", "micro", "mid", "macro", "mega"]}[config]  # fmt: skip
    q = Query()
    if niches and rng.random() < 0.7:
        pool = [
            "fitness",
            "gaming",
            "food",
            "home",
            "beauty",
            "Fitness",
            "café",
            "desserts",
            "crème-brûlée",
        ]
        q.niches = rng.sample(pool, rng.randint(1, 3))
        if rng.random() < 0.5:
            q.min_relevance = rng.choice([0.0, 0.2, 0.25, 0.6, 0.8, 0.95, 1.0])
    if rng.random() < 0.3:
        q.tiers = rng.sample(names, rng.randint(1, 3))
    if rng.random() < 0.3:
        q.platforms = rng.sample(["instagram", "TikTok", "youtube", "x", "none"], rng.randint(1, 2))
    if rng.random() < 0.3:
        q.min_followers = rng.choice(TIER_EDGES)
    if rng.random() < 0.3:
        q.max_followers = rng.choice(TIER_EDGES)
    q.exclude_flagged = rng.random() < 0.3
    if rng.random() < 0.5:
        q.top = rng.randint(1, max(1, len(rows)))
    return q


def make_case(seed: int, niches: bool = True, n: int | None = None) -> Case:
    """One generated case, the same for a seed."""
    rng = random.Random(seed)
    rows = make_rows(rng, n if n is not None else rng.randint(1, 60))
    config = rng.choice(list(CONFIGS))
    return Case(rows, config, make_query(rng, rows, config, niches), seed)


def needed(what: str) -> NoReturn:
    """Skip a test whose engine is not installed; fail instead where CI says it must be."""
    message = f"{what} is not installed (pip install -e '.[test]'; .ci/run installs the rest)"
    if os.environ.get("MICROINF_REQUIRE_ENGINES"):
        pytest.fail(message)
    pytest.skip(message)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return repr(value) if not value.is_integer() else str(int(value))
    return str(value)


def write_csv(case: Case, path: Path) -> None:
    """The rows as a CSV file; each row's `line` is where classify will say it starts."""
    header = [c for c in COLUMNS if c != "line"]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    for row in case.rows:
        row["line"] = buffer.getvalue().count("\n") + 1
        writer.writerow([_cell(row[c]) for c in header])
    path.write_text(buffer.getvalue(), encoding="utf-8")


def expected(case: Case, folder: Path) -> list[tuple[Any, ...]]:
    """What the Python classifier gives: rank, handle, platform, tier, flags, score, ..."""
    path = folder / f"case{case.seed}.csv"
    write_csv(case, path)
    query = Query(**{**case.query.__dict__, "explain": True})
    result = classify([str(path)], query, case.tiers(folder), ReadOptions(keep_duplicates=True))
    return [
        row(i + 1, c.handle, c.platform, c.followers, c.tier, ",".join(c.flags), c.score,
            c.engagement_method, c.engagement_rate, (c.parts or {}).get("relevance"), c.line)
        for i, c in enumerate(result.creators)
    ]  # fmt: skip


def row(*values: Any) -> tuple[Any, ...]:
    """A result row made comparable: scores to 4 decimals, rates to 12 digits."""
    rank, handle, platform, followers, tier, flags, score, method, rate, relevance, line = values
    return (
        int(rank), handle, platform, int(followers), tier, flags or "", round(float(score), 4),
        method, None if rate is None else round(float(rate), 12),
        None if relevance is None else round(float(relevance), 4), int(line),
    )  # fmt: skip


SELECT = (
    "SELECT rank, handle, platform, followers, tier, flags, score, engagement_method, "
    "engagement_rate, relevance, line FROM ({sql}) AS q ORDER BY rank"
)
