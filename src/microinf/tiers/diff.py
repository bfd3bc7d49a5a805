"""`tiers diff`: what changed between two configs, and which creators change tier."""

from __future__ import annotations

from microinf.tiers.schema import TiersConfig, TierSpec


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
