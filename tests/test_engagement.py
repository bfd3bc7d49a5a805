"""The rate's definition per platform, the score's shape in the rate, peers, real files."""

from __future__ import annotations

import json
import math
import random
import statistics

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from microinf.jobs.classify import Query, ReadOptions, classify, iter_creators
from microinf.models import Creator
from microinf.rank.engagement import apply_engagement, engagement
from microinf.rank.peers import PeerStats, peer_key
from microinf.rank.score import Scorer, rank
from microinf.tiers.load import load_tiers

from conftest import SHARED_DATA, Run

CONFIG = load_tiers(None).config


def test_instagram_and_x_count_followers() -> None:
    c = Creator(handle="a", followers=10_000, platform="instagram", avg_likes=300, avg_comments=20)
    assert engagement(c) == (0.032, "likes+comments")
    c.platform, c.avg_comments = "x", None
    assert engagement(c) == (0.03, "likes only")


def test_tiktok_and_youtube_count_views_when_there_are_views() -> None:
    c = Creator(
        handle="a", followers=1_000, platform="tiktok", avg_likes=900, avg_comments=100,
        avg_views=10_000,
    )  # fmt: skip
    assert engagement(c) == (0.1, "likes+comments/views")
    c.platform = "youtube"
    assert engagement(c) == (0.1, "likes+comments/views")
    c.avg_views = None  # no views: by followers, said so
    assert engagement(c) == (1.0, "likes+comments")


def test_twitch_counts_average_viewers() -> None:
    c = Creator(handle="a", followers=200_000, platform="twitch", avg_views=3_000)
    assert engagement(c) == (0.015, "viewers/followers")
    assert engagement(Creator(handle="b", followers=10, platform="twitch")) == (None, None)
    chat = Creator(handle="c", followers=100, platform="twitch", avg_likes=5, avg_comments=5)
    assert engagement(chat) == (0.1, "likes+comments")  # no viewers: by followers


def test_the_scorer_recomputes_every_rate_but_a_given_one() -> None:
    # a rate computed elsewhere by followers is replaced by the platform's own definition
    c = Creator(
        handle="a", followers=1_000, platform="tiktok", avg_likes=900, avg_comments=100,
        avg_views=10_000, engagement_rate=1.0, engagement_method="likes+comments", tier="nano",
    )  # fmt: skip
    Scorer(CONFIG)(c)
    assert (c.engagement_rate, c.engagement_method) == (0.1, "likes+comments/views")
    given_rate = Creator(
        handle="b", followers=1_000, platform="tiktok", avg_likes=900, avg_views=10_000,
        engagement_rate=0.07, engagement_method="given",
    )  # fmt: skip
    Scorer(CONFIG)(given_rate)
    assert (given_rate.engagement_rate, given_rate.engagement_method) == (0.07, "given")
    by_hand = Creator(handle="c", followers=1_000, engagement_rate=0.05)
    apply_engagement(by_hand)
    assert (by_hand.engagement_rate, by_hand.engagement_method) == (0.05, "given")


def _scored(rate: float, platform: str, followers: int, tier: str) -> Creator:
    c = Creator(
        handle="x", followers=followers, platform=platform, tier=tier, engagement_rate=rate,
        engagement_method="given", avg_likes=10_000, avg_comments=250,
    )  # fmt: skip
    return Scorer(CONFIG)(c)


PLATFORM_TIERS = st.sampled_from(
    [
        ("instagram", 20_000, "micro"),
        ("instagram", 3_000, "nano"),
        ("instagram", 5_000_000, "mega"),
        ("tiktok", 20_000, "micro"),
        ("youtube", 5_000_000, "mega"),
        ("twitch", 200_000, "mid"),
    ]
)


@settings(max_examples=300)
@given(PLATFORM_TIERS, st.floats(1e-5, 2.0), st.floats(1.0, 3.0))
def test_a_higher_rate_never_scores_lower_unless_a_signal_fires(
    where: tuple[str, int, str], rate: float, times: float
) -> None:
    low, high = _scored(rate, *where), _scored(rate * times, *where)
    if "implausible_engagement" not in high.flags + high.review:
        assert high.score >= low.score
    else:  # the documented signal, which costs the score
        assert high.flag_factor < 1


@settings(max_examples=300)
@given(PLATFORM_TIERS, st.floats(1e-4, 1.5))
def test_a_small_change_of_rate_moves_the_score_a_little(
    where: tuple[str, int, str], rate: float
) -> None:
    # no cliffs: 1% more rate never moves the score by more than 0.006 (on a 0-1 scale)
    assert abs(_scored(rate * 1.01, *where).score - _scored(rate, *where).score) <= 0.006


@pytest.mark.skipif(not SHARED_DATA.is_dir(), reason="the shared data files are absent")
def test_a_small_change_of_rate_moves_a_real_creator_a_few_places() -> None:
    options = ReadOptions(platform_default="instagram", columns={"avg_likes": "Engagement avg"})
    creators = list(iter_creators([str(SHARED_DATA / "insta_top1000_2022.csv")], options))
    from microinf.tiers.lookup import TierRules

    rules = TierRules(CONFIG)
    scorer = Scorer(CONFIG)
    for c in creators:
        c.tier = rules.lookup(c.followers, c.platform)
        scorer(c)
    order = [id(c) for c in rank(creators)]
    rnd = random.Random(5)
    worst = 0
    for c in rnd.sample([c for c in creators if c.avg_likes], 60):
        before = order.index(id(c))
        for factor in (0.99, 1.01):
            likes = c.avg_likes
            assert likes is not None
            c.avg_likes = likes * factor
            scorer(c)
            after = [id(x) for x in rank(creators)].index(id(c))
            worst = max(worst, abs(after - before))
            c.avg_likes = likes
            scorer(c)
    assert worst <= 20, worst  # of 997 creators


@given(st.lists(st.floats(1e-4, 5.0), min_size=1, max_size=300))
def test_peer_median_is_within_a_bin_of_the_exact_median(rates: list[float]) -> None:
    stats = PeerStats()
    for i, rate in enumerate(rates):
        stats.add(Creator(handle=f"c{i}", followers=20_000, engagement_rate=rate, tier="micro"))
    (band,) = stats.bands(1).values()
    ordered = sorted(rates)
    # the median of a histogram: between the middle values, within one 1% bin
    lowest, highest = ordered[(len(ordered) - 1) // 2], ordered[len(ordered) // 2]
    assert lowest / 1.0101 <= band.median <= highest * 1.0101
    assert band.count == len(rates)
    logs = [math.log(r) for r in rates]
    mad = statistics.median(abs(x - statistics.median(logs)) for x in logs)
    assert band.sigma == pytest.approx(1.4826 * mad, abs=1.4826 * 0.03)


def test_peers_are_grouped_by_platform_tier_and_basis() -> None:
    c = Creator(handle="a", followers=1, platform="TikTok", tier="micro", engagement_method="given")
    assert peer_key(c) == ("tiktok", "micro", "views")


def _youtube_list(tmp_path, n: int = 40) -> str:  # type: ignore[no-untyped-def]
    # an ordinary YouTube micro list: 4% of views, far above the published per-view band
    rnd = random.Random(1)
    rows = ["handle,platform,followers,avg_views,avg_likes,avg_comments"]
    for i in range(n):
        views = rnd.randint(5_000, 20_000)
        likes = int(views * rnd.uniform(0.03, 0.05))
        rows.append(f"yt{i},youtube,{rnd.randint(10_000, 49_999)},{views},{likes},{likes // 30}")
    path = tmp_path / "yt.csv"
    path.write_text("\n".join(rows) + "\n")
    return str(path)


def test_peers_recalibrate_a_platform_whose_published_band_misses(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = _youtube_list(tmp_path)
    plain = classify([path], Query())
    assert all(c.review == ("implausible_engagement",) for c in plain.creators)
    peers = classify([path], Query(peers=True))
    assert not any(c.review or c.flags for c in peers.creators)
    (key,) = [k for k in peers.peers if k[2] == "views"]
    assert key == ("youtube", "micro", "views") and peers.peers[key].count == 40
    few = classify([_youtube_list(tmp_path, 10)], Query(peers=True))  # too few: published band
    assert few.peers == {} and all(c.review for c in few.creators)


def test_peers_read_stdin_never(run: Run) -> None:
    result = run("classify", "-", "--peers", input="handle,followers\na,10\n")
    assert result.exit_code == 2
    assert "--peers reads the input twice" in result.stderr


@pytest.mark.skipif(not SHARED_DATA.is_dir(), reason="the shared data files are absent")
def test_real_files_flagged_shares_stay_as_documented() -> None:
    from realfiles import COMMANDS, shares

    # youtube_top1000: both of its bands miss the file (docs/ranking.md explains the 10.1%)
    documented = {"youtube_top1000_2022.csv": 0.11}
    for name in COMMANDS:
        count, flagged, review = shares(name)
        assert count > 150
        assert flagged <= documented.get(name, 0.10), name
        _, flagged_peers, review_peers = shares(name, ("--peers",))
        assert flagged_peers <= 0.02, name
        assert review_peers <= max(review, 0.10), name  # peers only widen the bands


def test_niches_lists_the_categories_that_reach_none(run: Run, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "c.csv"
    path.write_text(
        "handle,followers,category\n"
        "a,10,Rap\nb,10,Modeling\nc,10,Health & Fitness\nd,10,dev_web devops\n"
        "e,10,ASMR\nf,10,ASMR\ng,10,Hip-hop\n"
    )
    result = run("niches", str(path))
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "1 of 6 categories reach no niche (held 2 times):"
    assert lines[1].split() == ["2", "ASMR"]
    reached = {" ".join(line.split()[1:]) for line in lines[3:]}
    assert reached == {
        "Rap -> music",
        "Modeling -> fashion",
        "Health & Fitness -> fitness, health",
        "dev_web devops -> tech",
        "Hip-hop -> music",
    }
    data = json.loads(run("niches", str(path), "--format", "json").stdout)
    assert data["categories"][0] == {"category": "ASMR", "creators": 2, "niches": []}
    assert "music" in data["niches"]
