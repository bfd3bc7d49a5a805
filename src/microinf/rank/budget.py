"""--budget: the creators that maximise expected genuine engagements within a budget."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from microinf.models import Creator
from microinf.rank.engagement import engagements_per_post
from microinf.tiers.schema import TiersConfig

# Price ranges per post in US dollars, after Influencer Marketing Hub's influencer rate guide:
# Instagram nano $10-100, micro $100-500, mid $500-5K, macro $5K-10K, mega $10K+; TikTok and
# YouTube below. A tier's expected cost is the middle of its range.
DEFAULT_COSTS: dict[str, dict[str, tuple[float, float]]] = {
    "default": {
        "nano": (10, 100), "micro": (100, 500), "mid": (500, 5_000),
        "macro": (5_000, 10_000), "mega": (10_000, 20_000),
    },
    "tiktok": {
        "nano": (5, 25), "micro": (25, 125), "mid": (125, 1_250),
        "macro": (1_250, 2_500), "mega": (2_500, 5_000),
    },
    "youtube": {
        "nano": (20, 200), "micro": (200, 1_000), "mid": (1_000, 10_000),
        "macro": (10_000, 20_000), "mega": (20_000, 40_000),
    },
}  # fmt: skip
EXACT_CELLS = 4_000_000  # candidates x budget units up to which the knapsack is exact
UNITS = 1000  # the budget is split into this many units for the exact knapsack


@dataclass
class Choice:
    """The creators chosen, what they cost and bring, and how they were chosen."""

    creators: list[Creator]
    cost: float
    engagements: float
    candidates: int
    method: str  # "exact" | "greedy"
    budget: float = 0.0
    unit: float = 1.0  # the cost unit of the exact knapsack (costs rounded up to it)
    # the creators offered, and why those that were no candidates were not:
    # offered = candidates + no_cost + no_engagement + over_budget
    offered: int = 0
    no_cost: int = 0  # no price and no cost range for its tier (or no tier)
    no_engagement: int = 0  # no engagement rate, so nothing expected for the money
    over_budget: int = 0  # its cost alone is above the budget


def cost_of(c: Creator, config: TiersConfig) -> float | None:
    """The input's price, else the middle of the tier's price range (platform's, else default)."""
    if c.price is not None:
        return c.price
    if c.tier is None:
        return None
    for table in (config.costs, DEFAULT_COSTS):
        for key in (c.platform or "", "default"):
            if c.tier in table.get(key, {}):
                low, high = table[key][c.tier]
                return (low + high) / 2
    return None


def value_of(c: Creator) -> float:
    """Expected genuine engagements per post: engagements times what the signals cost."""
    return engagements_per_post(c) * c.flag_factor


def choose(
    creators: Sequence[Creator],
    budget: float,
    config: TiersConfig,
    max_per_tier: int | None = None,
) -> Choice:
    """The best set within the budget: an exact knapsack when small enough, else greedy."""
    items = []
    left = {"cost": 0, "engagement": 0, "budget": 0}
    for c in creators:
        cost, value = cost_of(c, config), value_of(c)
        if cost is None:
            left["cost"] += 1
        elif value <= 0:
            left["engagement"] += 1
        elif cost > budget:
            left["budget"] += 1
        else:
            items.append((c, cost, value))
    # whole-dollar costs within a small enough budget: one unit per dollar, no rounding at all
    whole = budget == int(budget) and all(cost == int(cost) for _, cost, _ in items)
    units = int(budget) if whole and 0 < budget * len(items) <= EXACT_CELLS else UNITS
    unit = budget / units if budget > 0 else 1.0
    if items and len(items) * units <= EXACT_CELLS:
        chosen = _exact(items, unit, units, max_per_tier)
        method = "exact"
    else:
        chosen = _greedy(items, budget, max_per_tier)
        method = "greedy"
    picked = [items[i] for i in sorted(chosen)]
    return Choice(
        [c for c, _, _ in picked],
        sum(cost for _, cost, _ in picked),
        sum(value for _, _, value in picked),
        len(items),
        method,
        budget,
        unit,
        len(creators),
        left["cost"],
        left["engagement"],
        left["budget"],
    )


def _greedy(items: list[tuple[Creator, float, float]], budget: float, cap: int | None) -> set[int]:
    order = sorted(range(len(items)), key=lambda i: (-items[i][2] / items[i][1], i))
    chosen: set[int] = set()
    spent = 0.0
    per_tier: dict[str | None, int] = {}
    for i in order:
        c, cost, _ = items[i]
        if spent + cost <= budget and (cap is None or per_tier.get(c.tier, 0) < cap):
            chosen.add(i)
            spent += cost
            per_tier[c.tier] = per_tier.get(c.tier, 0) + 1
    return chosen


def _group(
    members: list[int], weights: list[int], values: list[float], cap: int | None, units: int
) -> tuple[list[float], list[set[int]]]:
    """Best value within b units for every b (and its items), using at most `cap` members."""
    layers = 1 if cap is None else cap + 1
    dp = [[0.0] * (units + 1) for _ in range(layers)]
    if cap is not None:
        for k in range(1, layers):
            dp[k] = [-1.0] * (units + 1)
        dp[0] = [0.0] * (units + 1)
    take = [[bytearray(units + 1) for _ in range(layers)] for _ in members]
    for j, i in enumerate(members):
        w, v = weights[i], values[i]
        if cap is None:
            row, mark = dp[0], take[j][0]
            for b in range(units, w - 1, -1):
                if row[b - w] + v > row[b]:
                    row[b], mark[b] = row[b - w] + v, 1
            continue
        for k in range(cap, 0, -1):
            prev, cur, mark = dp[k - 1], dp[k], take[j][k]
            for b in range(units, w - 1, -1):
                if prev[b - w] >= 0 and prev[b - w] + v > cur[b]:
                    cur[b], mark[b] = prev[b - w] + v, 1
    best: list[float] = []
    sets: list[set[int]] = []
    for b in range(units + 1):
        k = max(range(layers), key=lambda k: dp[k][b])
        best.append(max(dp[k][b], 0.0))
        chosen: set[int] = set()
        units = b
        for j in range(len(members) - 1, -1, -1):  # walk back through the items
            if take[j][k][units] and (cap is None or k > 0):
                chosen.add(members[j])
                units -= weights[members[j]]
                k -= 1 if cap is not None else 0
        sets.append(chosen)
    return best, sets


def _exact(
    items: list[tuple[Creator, float, float]], unit: float, units: int, cap: int | None
) -> set[int]:
    """0/1 knapsack on costs rounded up to budget units (so the choice never overspends)."""
    weights = [max(1, math.ceil(cost / unit - 1e-9)) for _, cost, _ in items]
    values = [value for _, _, value in items]
    groups: dict[str | None, list[int]] = {}
    for i, (c, _, _) in enumerate(items):
        groups.setdefault(c.tier if cap is not None else None, []).append(i)
    total = [0.0] * (units + 1)
    total_sets: list[set[int]] = [set() for _ in range(units + 1)]
    for members in groups.values():
        best, sets = _group(members, weights, values, cap, units)
        merged, merged_sets = list(total), list(total_sets)
        points = [g for g in range(1, units + 1) if best[g] > best[g - 1]]  # where best rises
        for b in range(units + 1):
            for g in points:
                if g > b:
                    break
                if total[b - g] + best[g] > merged[b]:
                    merged[b] = total[b - g] + best[g]
                    merged_sets[b] = total_sets[b - g] | sets[g]
        total, total_sets = merged, merged_sets
    return total_sets[max(range(units + 1), key=lambda b: (total[b], -b))]
