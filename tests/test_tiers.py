from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from microinf.tiers.load import builtin_text, load_tiers
from microinf.tiers.lookup import TierIndex

ROOT = Path(__file__).resolve().parent.parent
INDEX = TierIndex.from_config(load_tiers(None).config)


@pytest.mark.parametrize(
    ("followers", "tier"),
    [
        (0, None),
        (999, None),
        (1000, "nano"),
        (1001, "nano"),
        (9999, "nano"),
        (10000, "micro"),
        (10001, "micro"),
        (49999, "micro"),
        (50000, "mid"),
        (50001, "mid"),
        (499999, "mid"),
        (500000, "macro"),
        (500001, "macro"),
        (999999, "macro"),
        (1000000, "mega"),
        (1000001, "mega"),
        (10**10, "mega"),
    ],
)
def test_every_boundary(followers: int, tier: str | None) -> None:
    assert INDEX.lookup(followers) == tier


def test_closed_last_tier_leaves_the_top_without_tier(tmp_path: Path) -> None:
    path = tmp_path / "t.yaml"
    path.write_text(
        "version: 1\ntiers:\n  - {name: a, min: 0, max: 10}\n  - {name: b, min: 10, max: 20}\n"
    )
    index = TierIndex.from_config(load_tiers(str(path)).config)
    assert [index.lookup(n) for n in (0, 9, 10, 19, 20)] == ["a", "a", "b", "b", None]


def test_repo_tiers_yaml_is_the_builtin_default() -> None:
    assert (ROOT / "tiers.yaml").read_text(encoding="utf-8") == builtin_text()


ORDER = {None: -1, "nano": 0, "micro": 1, "mid": 2, "macro": 3, "mega": 4}


@given(st.integers(min_value=0, max_value=10**10), st.integers(min_value=0, max_value=10**10))
def test_tiers_never_decrease_as_followers_grow(a: int, b: int) -> None:
    lo, hi = sorted((a, b))
    assert ORDER[INDEX.lookup(lo)] <= ORDER[INDEX.lookup(hi)]


@given(st.integers(min_value=0, max_value=10**10))
def test_every_count_gets_at_most_one_tier(n: int) -> None:
    config = load_tiers(None).config
    holding = [t.name for t in config.tiers if t.min <= n and (t.max is None or n < t.max)]
    assert len(holding) <= 1
    assert INDEX.lookup(n) == (holding[0] if holding else None)
