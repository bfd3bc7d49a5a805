"""Each authenticity signal at its boundary, its strength, its sentence; severity and cost."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from microinf.models import Creator
from microinf.rank.bands import Band
from microinf.rank.flags import check_flags, penalty_factor, ramp, severity
from microinf.rank.score import Scorer
from microinf.tiers.load import parse_tiers
from microinf.tiers.scoring import FlagsConfig

RULES = FlagsConfig()
# typical 2%, plausible 0.5% (0.25 x typical) to 8%, good band up to 8%
BAND = Band(typical=0.02, low=0.005, high=0.08, source="published", good=0.08)


def signals(**fields: object) -> dict[str, float]:
    c = Creator(handle="x", followers=fields.pop("followers", 20_000), **fields)  # type: ignore[arg-type]
    return {name: strength for name, _, strength in check_flags(c, BAND, RULES)}


def names(**fields: object) -> list[str]:
    return list(signals(**fields))


@pytest.mark.parametrize(
    ("rate", "expected"),
    [
        (0.0049, ["low_engagement"]),
        (0.005, []),
        (0.08, []),  # the top of the good band: never a signal
        (0.0801, ["implausible_engagement"]),
    ],
)
def test_engagement_against_the_band(rate: float, expected: list[str]) -> None:
    assert names(engagement_rate=rate) == expected


def test_a_rate_signal_grows_from_nothing_towards_full_without_a_plateau() -> None:
    assert signals(engagement_rate=0.0801)["implausible_engagement"] < 0.01
    assert signals(engagement_rate=0.16)["implausible_engagement"] == pytest.approx(0.75)
    assert signals(engagement_rate=0.32)["implausible_engagement"] == pytest.approx(0.9375)
    assert signals(engagement_rate=0.0025)["low_engagement"] == pytest.approx(0.75)
    assert signals(engagement_rate=0.0)["low_engagement"] == 1.0


def test_the_ceiling_is_the_top_whatever_the_band() -> None:
    wide = Band(typical=0.2, low=0.05, high=5.0, source="published", good=5.0)
    c = Creator(handle="x", followers=500, engagement_rate=2.0)
    assert [(n, s) for n, _, s in check_flags(c, wide, RULES)] == [("implausible_engagement", 0.75)]
    c.engagement_rate = 1.0
    assert check_flags(c, wide, RULES) == []


def test_no_band_no_rate_signal() -> None:
    none = Band(typical=0.02, low=0.005, high=0.08, source="none", good=0.08)
    c = Creator(handle="x", followers=500, engagement_rate=0.9)
    assert check_flags(c, none, RULES) == []


@pytest.mark.parametrize(
    ("likes", "comments", "expected"),
    [
        (10_000, 47, []),  # 0.47 per 100 likes: the genuine 5th percentile
        (10_000, 46, ["comment_ratio"]),
        (10_000, 771, []),  # 7.71 per 100: the 95th
        (10_000, 772, ["comment_ratio"]),
        (49, 0, []),  # too few likes to judge
    ],
)
def test_comment_ratio(likes: int, comments: int, expected: list[str]) -> None:
    assert names(avg_likes=likes, avg_comments=comments) == expected


def test_no_likes_is_no_ratio_even_when_every_count_is_judged() -> None:
    rules = FlagsConfig.model_validate({"comment_ratio": {"min_likes": 0}})
    c = Creator(handle="x", followers=20_000, avg_likes=0, avg_comments=12)
    assert [n for n, _, _ in check_flags(c, BAND, rules)] == []
    c.avg_likes = 1
    assert [n for n, _, _ in check_flags(c, BAND, rules)] == ["comment_ratio"]


def test_comment_ratio_band_can_come_from_peers() -> None:
    c = Creator(handle="x", followers=20_000, avg_likes=10_000, avg_comments=20)
    assert [n for n, _, _ in check_flags(c, BAND, RULES)] == ["comment_ratio"]
    assert check_flags(c, BAND, RULES, (0.001, 0.1)) == []


def test_mass_following_and_few_posts_and_credibility() -> None:
    assert names(following=1500, followers=2000) == []
    assert names(following=1501, followers=2000) == ["mass_following"]
    assert names(following=5000, followers=20000) == []  # under half the followers
    assert names(posts=11, followers=10_000) == ["few_posts"]
    assert names(posts=12, followers=10_000) == []
    assert names(posts=3, followers=9_999) == []
    assert names(credibility=0.7499) == ["low_credibility"]
    assert names(credibility=0.75) == []


def test_each_signal_explains_itself_with_the_numbers() -> None:
    c = Creator(handle="x", followers=20_000, engagement_rate=0.004, posts=5)
    reasons = {name: reason for name, reason, _ in check_flags(c, BAND, RULES)}
    assert reasons["low_engagement"].startswith(
        "engagement 0.40% is under 0.50%, 0.25 x the 2.00% typical of its published band"
    )
    assert reasons["few_posts"].startswith("5 posts for 20K followers")


def test_one_signal_is_a_review_two_are_a_flag() -> None:
    assert severity(0.0) is None
    assert severity(0.3) == "review"
    assert severity(1.0) == "review"
    assert severity(1.01) == "flag"
    assert severity(2.0) == "flag"  # low credibility on its own


@given(st.floats(0, 4), st.floats(0, 4))
def test_the_cost_is_continuous_and_grows_with_the_signals(a: float, b: float) -> None:
    low, high = sorted((a, b))
    assert penalty_factor(high, 0.15, 0.5) <= penalty_factor(low, 0.15, 0.5)
    near = penalty_factor(low + 1e-6, 0.15, 0.5)
    assert abs(near - penalty_factor(low, 0.15, 0.5)) < 1e-5
    assert penalty_factor(1.0, 0.15, 0.5) == pytest.approx(0.85)
    assert penalty_factor(2.0, 0.15, 0.5) == pytest.approx(0.425)
    assert ramp(1.0) == 0.0 and ramp(2.0) == 0.75 and ramp(4.0) < ramp(8.0) < 1.0


def test_signals_can_be_turned_off_and_cost_the_score() -> None:
    config = parse_tiers(
        "version: 1\npreset: standard\nflags:\n  low_engagement: {enabled: false}\n"
        "ranking: {flag_penalty: 0.25, review_penalty: 0.2}\n",
        "t.yaml",
    )
    c = Creator(handle="x", followers=20_000, engagement_rate=0.001, posts=3, tier="micro")
    c.engagement_method = "given"
    Scorer(config)(c)
    assert c.review == ("few_posts",) and c.flags == ()
    plain = Creator(handle="y", followers=20_000, engagement_rate=0.001, tier="micro")
    plain.engagement_method = "given"
    Scorer(config)(plain)
    assert c.score == pytest.approx(plain.score * 0.8, abs=1e-4)
    both = Creator(
        handle="z", followers=20_000, engagement_rate=0.001, posts=3, following=30_000,
        tier="micro", engagement_method="given",
    )  # fmt: skip
    Scorer(config)(both)
    assert both.flags == ("mass_following", "few_posts") and both.review == ()
    assert both.score == pytest.approx(plain.score * 0.8 * 0.75, abs=1e-4)
