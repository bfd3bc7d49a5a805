"""`microinf niches`: the niche dictionary, and which of an input's categories reach a niche."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from microinf.jobs.classify import iter_creators
from microinf.rank.niches import niche_table, words
from microinf.read.options import ReadOptions
from microinf.tiers.load import LoadedTiers, load_tiers


@dataclass
class CategoryCount:
    """One category of the input: how many creators have it, the niches it reaches."""

    category: str
    creators: int
    niches: list[str]


@dataclass
class NicheReport:
    """The niche dictionary (name: keywords) and the input's categories, most frequent first."""

    niches: dict[str, list[str]]
    categories: list[CategoryCount] = field(default_factory=list)

    @property
    def unreached(self) -> list[CategoryCount]:
        """The categories that reach no niche."""
        return [c for c in self.categories if not c.niches]


def niche_report(
    sources: Sequence[str], tiers: LoadedTiers | None = None, options: ReadOptions | None = None
) -> NicheReport:
    """Count each category of the sources and the niches its words reach."""
    tiers = tiers or load_tiers(None)
    table = niche_table(tiers.config.niches)
    quiet = ReadOptions(**{**vars(options or ReadOptions()), "on_error": "skip", "rejects": None})
    counts: Counter[str] = Counter()
    for creator in iter_creators(sources, quiet):
        counts.update(dict.fromkeys(creator.niche, 1))
    found = []
    for category, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        padded = words(category)
        reached = [n.name for n in table.values() if n.hits(padded)]
        found.append(CategoryCount(category, count, reached))
    return NicheReport({n.name: list(n.keywords) for n in table.values()}, found)
