"""`tiers diff`: what changed between two configs, and which creators change tier."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from .models import TiersConfig, TierSpec
from .pipeline import ReadOptions, iter_creators
from .records import Prefilter
from .tiers import TierRules


def _span(t: TierSpec) -> str:
    return f"[{t.min}, {t.max})" if t.max is not None else f"[{t.min}, ∞)"


def _list_changes(old: list[TierSpec], new: list[TierSpec], where: str) -> list[str]:
    changes = []
    before = {t.name: t for t in old}
    after = {t.name: t for t in new}
    spans_before = {(t.min, t.max): t.name for t in old}
    renamed = set()
    for t in new:
        if t.name not in before and (t.min, t.max) in spans_before:
            was = spans_before[(t.min, t.max)]
            if was not in after:
                changes.append(f'{where}tier "{was}" renamed to "{t.name}" {_span(t)}')
                renamed.update({was, t.name})
    for t in new:
        if t.name in renamed:
            continue
        if t.name not in before:
            changes.append(f'{where}tier "{t.name}" added {_span(t)}')
        elif (before[t.name].min, before[t.name].max) != (t.min, t.max):
            changes.append(
                f'{where}tier "{t.name}" moved from {_span(before[t.name])} to {_span(t)}'
            )
    for t in old:
        if t.name not in after and t.name not in renamed:
            changes.append(f'{where}tier "{t.name}" removed (was {_span(t)})')
    return changes


def config_changes(old: TiersConfig, new: TiersConfig) -> list[str]:
    """Tiers added, removed, renamed and moved, for the default list and each platform."""
    changes = _list_changes(old.tier_list(), new.tier_list(), "")
    for platform in sorted(set(old.platforms) | set(new.platforms)):
        changes += _list_changes(old.tiers_for(platform), new.tiers_for(platform), f"{platform}: ")
    return changes


@dataclass
class Mover:
    """A creator whose tier changes."""

    handle: str
    platform: str | None
    followers: int
    old: str | None
    new: str | None


@dataclass
class Impact:
    """How the creators of some sources move between the tiers of two configs."""

    creators: int = 0
    matrix: Counter[tuple[str | None, str | None]] = field(default_factory=Counter)
    movers: list[Mover] = field(default_factory=list)


def impact(
    old: TiersConfig, new: TiersConfig, sources: Sequence[str], options: ReadOptions | None = None
) -> Impact:
    """Classify every creator under both configs."""
    before, after = TierRules(old), TierRules(new)
    result = Impact()
    seen: set[tuple[str | None, str]] = set()
    for c in iter_creators(sources, options, prefilter=Prefilter(before)):
        key = (c.platform, c.handle.casefold())  # duplicates count once, as classify merges them
        if key in seen:
            continue
        seen.add(key)
        result.creators += 1
        a, b = c.tier, after.lookup(c.followers, c.platform)  # the reader set the old tier
        result.matrix[(a, b)] += 1
        if a != b:
            result.movers.append(Mover(c.handle, c.platform, c.followers, a, b))
    result.movers.sort(key=lambda m: (-m.followers, m.handle))
    return result
