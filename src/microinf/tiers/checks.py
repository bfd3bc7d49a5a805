"""The checks of a tiers config beyond its schema: tier lists, presets, examples, niches."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from typing import Any

import yaml

from microinf.errors import Problem, suggestion
from microinf.platforms import KNOWN, is_known
from microinf.tiers.lookup import TierIndex
from microinf.tiers.nodes import at, node_at
from microinf.tiers.schema import PRESETS, TiersConfig, TierSpec


def _range(lo: int, hi: int | None) -> str:
    return f"[{lo}, {hi})" if hi is not None else f"[{lo}, ∞)"


def list_problems(
    indexed: list[tuple[int, TierSpec]],
    root: yaml.Node,
    name: str,
    path: Sequence[str] = ("tiers",),
) -> Iterable[Problem]:
    """Duplicate names, empty ranges, order, overlaps, gaps, an open end that is not last."""
    where_list = "" if tuple(path) == ("tiers",) else f"platform {path[1]}: "
    tiers = [t for _, t in indexed]
    where_of = [i for i, _ in indexed]
    seen: dict[str, int] = {}
    for pos, tier in enumerate(tiers):
        i = where_of[pos]
        if tier.name in seen:
            where = at(node_at(root, [*path, i, "name"]), name)
            first = seen[tier.name] + 1
            yield Problem(
                where, f'{where_list}tier name "{tier.name}" is used twice (also tier {first})'
            )
        seen.setdefault(tier.name, i)
        if tier.max is not None and tier.min >= tier.max:
            where = at(node_at(root, [*path, i, "max"]), name)
            yield Problem(
                where,
                f'{where_list}tier "{tier.name}": min {tier.min} must be below max {tier.max}',
            )
        if tier.max is None and pos != len(tiers) - 1:
            where = at(node_at(root, [*path, i]), name)
            yield Problem(
                where,
                f'{where_list}tier "{tier.name}" has no max (open-ended) but is not the last tier',
            )
    for pos in range(1, len(tiers)):
        prev, cur = tiers[pos - 1], tiers[pos]
        where = at(node_at(root, [*path, where_of[pos], "min"], key=True), name)
        if cur.min < prev.min:
            yield Problem(
                where,
                f'{where_list}tiers are not sorted: "{cur.name}" (min {cur.min}) comes after '
                f'"{prev.name}" (min {prev.min})',
            )
            continue
        if prev.max is None:
            continue
        if cur.min < prev.max:
            shared_top = prev.max if cur.max is None else min(prev.max, cur.max)
            yield Problem(
                where,
                f'{where_list}tiers "{prev.name}" {_range(prev.min, prev.max)} and "{cur.name}" '
                f"{_range(cur.min, cur.max)} overlap on {_range(cur.min, shared_top)}",
            )
        elif cur.min > prev.max:
            yield Problem(
                where,
                f'{where_list}gap between tiers "{prev.name}" and "{cur.name}": '
                f"{_range(prev.max, cur.min)} has no tier",
            )
    if tiers and where_of[0] == 0 and tiers[0].min > 0 and tuple(path) == ("tiers",):
        where = at(node_at(root, [*path, where_of[0], "min"], key=True), name)
        yield Problem(
            where,
            f"the first tier starts at {tiers[0].min}: smaller creators get no tier",
            "note",
        )


def config_problems(
    data: dict[str, Any], config: TiersConfig | None, root: yaml.Node, name: str
) -> Iterable[Problem]:
    """Presets, platform names, niches and examples."""
    preset = data.get("preset")
    if isinstance(preset, str) and preset not in PRESETS:
        close = difflib.get_close_matches(preset, list(PRESETS), n=1)
        hint = f' (did you mean "{close[0]}"?)' if close else f" (presets: {', '.join(PRESETS)})"
        yield Problem(at(node_at(root, ["preset"]), name), f'unknown preset "{preset}"{hint}')
    if "tiers" not in data and "preset" not in data:
        yield Problem(at(root, name), "give a `tiers` list or a `preset`")
    platforms = data.get("platforms")
    if isinstance(platforms, dict):
        for platform in platforms:
            if not is_known(str(platform)):
                where = at(node_at(root, ["platforms", str(platform)], key=True), name)
                maybe = suggestion(str(platform), KNOWN)
                yield Problem(where, f'"{platform}" is not a known platform{maybe}', "warning")
    niches = data.get("niches")
    if isinstance(niches, dict):
        owner: dict[str, str] = {}
        for niche, words in niches.items():
            where = at(node_at(root, ["niches", str(niche)], key=True), name)
            if not words:
                yield Problem(where, f'niche "{niche}" has no keywords')
                continue
            for word in words if isinstance(words, list) else []:
                key = str(word).lower()
                if key in owner and owner[key] != niche:
                    yield Problem(
                        where,
                        f'keyword "{word}" is listed under niches "{owner[key]}" and "{niche}"',
                        "warning",
                    )
                owner.setdefault(key, str(niche))
    if config is not None and (preset is None or preset in PRESETS):
        yield from _example_problems(config, root, name)
        yield from _scoring_problems(config, root, name)


def _scoring_problems(config: TiersConfig, root: yaml.Node, name: str) -> Iterable[Problem]:
    """Weights that cannot score, benchmarks and costs for tiers that do not exist."""
    ranking = config.ranking
    if ranking.relevance + ranking.engagement <= 0:
        where = at(node_at(root, ["ranking"]), name)
        yield Problem(where, "ranking: relevance and engagement weights cannot both be 0")
    tiers = {t.name for t in config.tier_list()}
    for spec in config.platforms.values():
        tiers.update(t.name for t in spec.tiers)
    for section in ("benchmarks", "costs"):
        table: dict[str, dict[str, Any]] = getattr(config, section)
        for platform, by_tier in table.items():
            if platform != "default" and not is_known(platform):
                where = at(node_at(root, [section, platform], key=True), name)
                maybe = suggestion(platform, KNOWN)
                yield Problem(
                    where, f'{section}: "{platform}" is not a known platform{maybe}', "warning"
                )
            for tier, value in by_tier.items():
                where = at(node_at(root, [section, platform, tier], key=True), name)
                if tier not in tiers:
                    yield Problem(where, f'{section}.{platform}: no tier is named "{tier}"')
                good = getattr(value, "good", None)
                typical = getattr(value, "typical", value)
                if section == "benchmarks" and not 0 < typical <= 1:
                    yield Problem(
                        where,
                        f"benchmarks.{platform}.{tier}: a typical rate must be above 0 and at "
                        f"most 1 (100%), not {typical:g}; write 0.025 or 2.5%",
                    )
                if section == "benchmarks" and good is not None and good < typical:
                    yield Problem(
                        where,
                        f"benchmarks.{platform}.{tier}: good {good:g} is below typical {typical:g}",
                    )
                if section == "costs" and min(value) < 0:
                    yield Problem(
                        where, f"costs.{platform}.{tier}: a price cannot be negative ({value[0]:g})"
                    )
                elif section == "costs" and value[0] > value[1]:
                    yield Problem(
                        where,
                        f"costs.{platform}.{tier}: low {value[0]:g} is above high {value[1]:g}",
                    )


def _example_problems(config: TiersConfig | None, root: yaml.Node, name: str) -> Iterable[Problem]:
    if config is None:
        return
    indexes: dict[str | None, TierIndex] = {}
    for i, example in enumerate(config.examples):
        index = indexes.get(example.platform)
        if index is None:
            index = indexes[example.platform] = TierIndex(config.tiers_for(example.platform))
        got = index.lookup(example.followers)
        if got != example.expect:
            where = at(node_at(root, ["examples", i, "expect"]), name)
            on = f" on {example.platform}" if example.platform else ""
            shown = f'"{got}"' if got is not None else "no tier"
            want = f'"{example.expect}"' if example.expect is not None else "no tier"
            yield Problem(
                where, f"example: {example.followers} followers{on} get {shown}, not {want}"
            )
