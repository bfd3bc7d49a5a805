"""Each authenticity flag at its boundary, with its sentence; the penalty in the score."""

from __future__ import annotations

import pytest

from microinf.models import Creator
from microinf.rank.flags import check_flags
from microinf.rank.score import Scorer
from microinf.tiers.load import parse_tiers
from microinf.tiers.scoring import FlagsConfig

RULES = FlagsConfig()
BENCH = 0.02


def flags(**fields: object) -> list[str]:
    c = Creator(handle="x", followers=fields.pop("followers", 20_000), **fields)  # type: ignore[arg-type]
    return [name for name, _ in check_flags(c, BENCH, RULES)]


@pytest.mark.parametrize(
    ("rate", "expected"),
    [
        (0.0049, ["low_engagement"]),  # under 0.25 x 2%
        (0.005, []),
        (0.08, []),  # 4 x 2% exactly
        (0.0801, ["implausible_engagement"]),
    ],
)
def test_engagement_against_the_benchmark(rate: float, expected: list[str]) -> None:
    assert flags(engagement_rate=rate) == expected


def test_ceiling_flags_whatever_the_benchmark() -> None:
    c = Creator(handle="x", followers=500, engagement_rate=0.26)
    assert [n for n, _ in check_flags(c, 0.2, RULES)] == ["implausible_engagement"]


@pytest.mark.parametrize(
    ("likes", "comments", "expected"),
    [
        (1000, 2, []),  # 0.002 per like: the edge of the band
        (1000, 1, ["comment_ratio"]),
        (1000, 500, []),
        (1000, 501, ["comment_ratio"]),
        (49, 0, []),  # too few likes to judge
    ],
)
def test_comment_ratio(likes: int, comments: int, expected: list[str]) -> None:
    assert flags(avg_likes=likes, avg_comments=comments) == expected


def test_mass_following_and_few_posts_and_credibility() -> None:
    assert flags(following=1500, followers=2000) == []
    assert flags(following=1501, followers=2000) == ["mass_following"]
    assert flags(following=5000, followers=20000) == []  # under half the followers
    assert flags(posts=11, followers=10_000) == ["few_posts"]
    assert flags(posts=12, followers=10_000) == []
    assert flags(posts=3, followers=9_999) == []
    assert flags(credibility=0.7499) == ["low_credibility"]
    assert flags(credibility=0.75) == []


def test_each_flag_explains_itself_with_the_numbers() -> None:
    c = Creator(handle="x", followers=20_000, engagement_rate=0.004, posts=5)
    reasons = dict(check_flags(c, BENCH, RULES))
    assert reasons["low_engagement"].startswith(
        "engagement 0.40% is under 0.25 x the 2.00% typical"
    )
    assert reasons["few_posts"].startswith("5 posts for 20K followers")


def test_flags_can_be_turned_off_and_penalise_the_score() -> None:
    config = parse_tiers(
        "version: 1\npreset: standard\nflags:\n  low_engagement: {enabled: false}\n"
        "ranking: {flag_penalty: 0.25}\n",
        "t.yaml",
    )
    c = Creator(handle="x", followers=20_000, engagement_rate=0.001, posts=3, tier="micro")
    Scorer(config)(c)
    assert c.flags == ("few_posts",)
    plain = Creator(handle="y", followers=20_000, engagement_rate=0.001, tier="micro")
    Scorer(config)(plain)
    assert c.score == pytest.approx(plain.score * 0.75, abs=1e-4)
