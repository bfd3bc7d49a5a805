"""`microinf explain`: a creator's tier, score parts, flags, rank and the filters it failed."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from microinf.errors import did_you_mean
from microinf.jobs.classify import Query, classify, dup_key, fill, filters_for, iter_creators
from microinf.models import Creator
from microinf.rank.filters import Filters
from microinf.rank.score import Scorer
from microinf.read.options import ReadOptions
from microinf.tiers.load import LoadedTiers, load_tiers
from microinf.tiers.lookup import TierRules


@dataclass
class Explanation:
    """What microinf made of one creator."""

    creator: Creator
    tier_reason: str
    rank: int | None
    shown: int
    excluded_by: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready."""
        row = self.creator.as_dict(self.rank)
        return {
            **row,
            "tier_reason": self.tier_reason,
            "excluded_by": self.excluded_by,
        }


def _tier_reason(c: Creator, rules: TierRules, tiers: LoadedTiers) -> str:
    own = c.platform is not None and c.platform in rules.platforms
    where = f"{c.platform}'s tiers" if own else "the default tiers"
    index = rules.index_for(c.platform)
    for t in index.tiers:
        if t.min <= c.followers and (t.max is None or c.followers < t.max):
            top = f"{t.max:,}" if t.max is not None else "∞"
            return f"{c.followers:,} followers is in [{t.min:,}, {top}) of {where} ({tiers.origin})"
    lowest = index.tiers[0].min if index.tiers else 0
    return f"{c.followers:,} followers is in no tier of {where} (the lowest starts at {lowest:,})"


def explain(
    sources: Sequence[str],
    handle: str,
    query: Query | None = None,
    tiers: LoadedTiers | None = None,
    options: ReadOptions | None = None,
    warn: Callable[[str], None] | None = None,
) -> list[Explanation]:
    """One explanation per creator with this handle (one per platform; duplicates merged)."""
    query = query or Query()
    options = options or ReadOptions()
    tiers = tiers or load_tiers(None)
    filters = filters_for(query, tiers, warn)
    rules = filters.rules
    want = handle.lstrip("@").casefold()
    found: dict[tuple[str | None, str] | int, Creator] = {}
    for c in iter_creators(sources, options, warn, filters=Filters(rules)):
        if c.handle.casefold() != want:
            continue
        key = len(found) if options.keep_duplicates else (c.platform, want)
        if key in found:
            fill(found[key], c)  # as classify does: the first, with its gaps filled
        else:
            found[key] = c
    if not found:
        return []
    explained = Query(**{**vars(query), "explain": True})
    result = classify(sources, explained, tiers, _quiet(options))
    scorer = Scorer(tiers.config, filters.niches, explain=True, peers=result.peers)
    ranks = {dup_key(c): i for i, c in enumerate(result.creators, 1)}
    out = []
    for c in found.values():
        scorer(c)
        rank = ranks.get((c.platform, want))
        reasons = filters.reasons(c, (c.parts or {}).get("relevance"))
        if rank is None and not reasons and query.top is not None:
            reasons.append(f"--top {query.top}: ranked below the best {query.top}")
        out.append(
            Explanation(c, _tier_reason(c, rules, tiers), rank, len(result.creators), reasons)
        )
    return out


def _quiet(options: ReadOptions) -> ReadOptions:
    # a second read: bad rows were already reported (or stopped the run) in the first
    return ReadOptions(**{**vars(options), "on_error": "skip", "rejects": None, "progress": None})


def closest_handle(
    sources: Sequence[str], handle: str, options: ReadOptions | None = None
) -> str | None:
    """The handle in the sources closest to a misspelt one, or None."""
    quiet = _quiet(options or ReadOptions())
    handles = {c.handle for c in iter_creators(sources, quiet)}
    return did_you_mean(handle.lstrip("@"), handles)
