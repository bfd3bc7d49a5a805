from __future__ import annotations

import random

from hypothesis import given
from hypothesis import strategies as st

from microinf.models import Creator
from microinf.rank.niches import NicheMatcher
from microinf.rank.score import Scorer, engagement_quality, order_key, rank, typical_rate
from microinf.tiers.load import load_tiers
from microinf.tiers.lookup import TierRules
from microinf.tiers.schema import TierSpec

CONFIG = load_tiers(None).config
RULES = TierRules(CONFIG)


def scored(c: Creator, niches: list[str] | None = None) -> Creator:
    c.tier = RULES.lookup(c.followers, c.platform)
    matcher = NicheMatcher.build(niches) if niches else None
    return Scorer(CONFIG, matcher, explain=True)(c)


def make(handle: str, followers: int, score_value: float = 0.0) -> Creator:
    c = Creator(handle=handle, followers=followers)
    c.score = score_value
    return c


def test_order_is_score_then_followers_then_handle() -> None:
    creators = [
        make("b", 100, 0.5),
        make("a", 100, 0.5),
        make("c", 200, 0.5),
        make("d", 50, 0.9),
        make("B", 100, 0.5),
    ]
    assert [c.handle for c in rank(creators)] == ["d", "c", "a", "B", "b"]


def test_top_n_keeps_the_same_best_as_a_full_sort() -> None:
    rng = random.Random(3)
    creators = [
        make(f"h{i % 17}", rng.choice([10, 20, 30]), rng.choice([0.1, 0.2])) for i in range(300)
    ]
    full = rank(list(creators))
    for top in (1, 5, 50, 299, 300, 400):
        assert [order_key(c) for c in rank(iter(creators), top)] == [
            order_key(c) for c in full[:top]
        ]


@given(
    st.lists(
        st.tuples(st.sampled_from("abcdeAB"), st.integers(0, 5), st.sampled_from([0.1, 0.5])),
        max_size=40,
    ),
    st.randoms(),
)
def test_ranking_is_deterministic_for_any_input_order(
    items: list[tuple[str, int, float]], rnd: random.Random
) -> None:
    creators = [make(h, f, s) for h, f, s in items]
    shuffled = list(creators)
    rnd.shuffle(shuffled)
    assert [order_key(c) for c in rank(creators)] == [order_key(c) for c in rank(shuffled)]
    assert [order_key(c) for c in rank(creators, 3)] == [order_key(c) for c in rank(shuffled, 3)]


def test_quality_is_half_at_the_typical_rate_and_grows_with_the_rate() -> None:
    assert engagement_quality(0.02, 0.02) == 0.5
    assert engagement_quality(0.04, 0.02) > engagement_quality(0.03, 0.02)
    assert engagement_quality(None, 0.02) == 0.0


def test_higher_rate_ranks_higher_all_else_equal() -> None:
    low = scored(Creator(handle="low", followers=20_000, engagement_rate=0.01))
    high = scored(Creator(handle="high", followers=20_000, engagement_rate=0.05))
    assert [c.handle for c in rank([low, high])] == ["high", "low"]
    assert 0.0 <= low.score <= high.score <= 1.0
    assert low.flags == high.flags == ()


def test_creator_without_rate_is_ranked_with_zero_engagement_part() -> None:
    c = scored(Creator(handle="x", followers=20_000, niche=("fitness",)))
    assert c.score == 0.0 and c.flags == ()
    c = scored(Creator(handle="x", followers=20_000, niche=("fitness",)), ["fitness"])
    assert c.score == 0.3  # (0.5 x 0.6 relevance + 0.5 x 0) / 1
    assert c.parts is not None and c.parts["relevance"] == 0.6


def test_relevance_counts_the_category_and_whole_words_of_the_bio() -> None:
    m = NicheMatcher.build(["fitness"])
    assert m.relevance(("Fitness & Gym",), None) == 0.6
    assert m.relevance((), "Daily #fitness and gym life") == 0.3  # two keywords: 0.4 x 0.75
    assert m.relevance(("Fitness",), "#fitness gym hiit") == 0.95
    assert m.relevance(("sports",), "gymnastics coach") == 0.0  # words, not substrings
    assert m.relevance((), "Coach de gymnastique, Café Yoga") == 0.2  # accents folded


def test_unknown_niche_matches_the_word_itself() -> None:
    m = NicheMatcher.build(["Knitting"])
    assert m.unknown == ["Knitting"]
    assert m.relevance(("knitting",), None) == 0.6 and m.relevance(("knit",), None) == 0.0


def test_config_keywords_extend_a_niche() -> None:
    m = NicheMatcher.build(["fitness"], {"fitness": ["kettlebell"]})
    assert m.relevance((), "kettlebell flows") == 0.2


def test_typical_rate_follows_the_tier() -> None:
    nano = typical_rate(TierSpec(name="nano", min=1000, max=10_000), 5000)
    mega = typical_rate(TierSpec(name="mega", min=1_000_000), 5_000_000)
    assert nano > mega
    assert typical_rate(None, 500) == 0.1058
