"""Quartiles: exact while small, within ALPHA of a value at the right rank beyond."""

from __future__ import annotations

import math
import random
import statistics

from hypothesis import given
from hypothesis import strategies as st

from microinf.jobs.quantiles import ALPHA, Distribution


def test_exact_quartiles_match_the_standard_library() -> None:
    values = [5.0, 1.0, 9.0, 3.0, 7.0, 2.0]
    d = Distribution(values)
    q1, median, q3 = statistics.quantiles(values, n=4, method="inclusive")
    assert (d.quantile(0.25), d.quantile(0.5), d.quantile(0.75)) == (q1, median, q3)
    assert d.five()["min"] == 1.0 and d.five()["max"] == 9.0 and d.exact


def test_no_values() -> None:
    assert Distribution().five() == {
        "min": None,
        "q1": None,
        "median": None,
        "q3": None,
        "max": None,
    }


counts = st.one_of(st.just(0.0), st.floats(min_value=1e-6, max_value=1e10))


@given(st.lists(counts, min_size=1, max_size=300), st.sampled_from([0.0, 0.25, 0.5, 0.75, 1.0]))
def test_the_sketch_is_within_alpha_of_a_value_at_the_rank(values: list[float], q: float) -> None:
    sketch = Distribution(values, limit=0)
    assert not sketch.exact
    ordered = sorted(values)
    rank = math.floor(q * (len(ordered) - 1))
    truth = ordered[rank]
    found = sketch.quantile(q)
    assert found is not None
    assert abs(found - truth) <= ALPHA * truth + 1e-12


def test_a_large_distribution_stays_small_and_close() -> None:
    rng = random.Random(3)
    values = [rng.lognormvariate(10, 2) for _ in range(60_000)]
    d = Distribution(values)
    assert not d.exact and d.values is None
    assert len(d.buckets) < 5_000
    for q in (0.25, 0.5, 0.75):
        exact = statistics.quantiles(values, n=4, method="inclusive")[int(q * 4) - 1]
        assert abs((d.quantile(q) or 0) - exact) <= 2 * ALPHA * exact
