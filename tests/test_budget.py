"""--budget: the knapsack against brute force, the caps, and the command line."""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from microinf.models import Creator
from microinf.rank.budget import UNITS, choose, cost_of, value_of
from microinf.tiers.load import load_tiers

from conftest import Run

CONFIG = load_tiers(None).config
Write = Callable[[str, "str | bytes"], Path]


def creator(i: int, price: float, value: float, tier: str) -> Creator:
    return Creator(
        handle=f"c{i}", followers=1000, engagement_rate=value / 1000, price=price, tier=tier
    )


ITEMS = st.lists(
    st.tuples(st.integers(1, 60), st.integers(1, 500), st.sampled_from(["nano", "micro", "mid"])),
    min_size=1,
    max_size=8,
)


@settings(max_examples=60, deadline=None)
@given(ITEMS, st.integers(1, 150), st.sampled_from([None, 1, 2]))
def test_knapsack_matches_brute_force(
    items: list[tuple[int, int, str]], budget: int, cap: int | None
) -> None:
    creators = [
        creator(i, price * budget / UNITS * 10, value, tier)
        for i, (price, value, tier) in enumerate(items)
    ]
    # prices are whole budget units here, so scaling loses nothing and brute force is the truth
    creators = [
        creator(i, round(price) * budget / UNITS, value, tier)
        for i, (price, value, tier) in enumerate(items)
    ]
    best = 0.0
    for r in range(len(creators) + 1):
        for subset in itertools.combinations(creators, r):
            if sum(c.price or 0 for c in subset) > budget + 1e-9:
                continue
            if cap is not None and any(
                sum(1 for c in subset if c.tier == t) > cap for t in ("nano", "micro", "mid")
            ):
                continue
            best = max(best, sum(value_of(c, 0.5) for c in subset))
    choice = choose(creators, budget, CONFIG, cap)
    assert choice.method == "exact"
    assert choice.cost <= budget + 1e-9
    assert choice.engagements == pytest.approx(best)


def test_costs_come_from_the_price_column_else_the_tier_range() -> None:
    assert cost_of(Creator(handle="a", followers=1, price=250.0, tier="micro"), CONFIG) == 250.0
    assert cost_of(Creator(handle="a", followers=1, tier="micro"), CONFIG) == 300.0  # $100-500
    assert (
        cost_of(Creator(handle="a", followers=1, tier="micro", platform="tiktok"), CONFIG) == 75.0
    )
    assert cost_of(Creator(handle="a", followers=1, tier=None), CONFIG) is None


def test_flagged_creators_count_for_less() -> None:
    c = Creator(handle="a", followers=1000, engagement_rate=0.1, flags=("comment_ratio",))
    assert value_of(c, 0.5) == pytest.approx(50.0)


def test_budget_on_the_command_line(run: Run, write: Write) -> None:
    path = write(
        "c.csv",
        "handle,followers,avg_likes,avg_comments,price,niche\n"
        "a,20000,800,20,400,fitness\nb,30000,900,30,500,fitness\nc,15000,700,21,200,fitness\n"
        "d,40000,200,4,600,food\n",
    )
    result = run("classify", str(path), "--budget", "700", "--fields", "handle,price")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout) == [
        {"handle": "c", "price": 200},
        {"handle": "b", "price": 500},
    ]
    assert (
        "budget 700: 2 of 4 candidates, cost 700, expected engagements 1,651 (exact knapsack"
        in result.stderr
    )
    capped = run(
        "classify", str(path), "--budget", "1100", "--max-per-tier", "1", "--fields", "handle"
    )
    assert len(json.loads(capped.stdout)) == 1  # all four are micro
