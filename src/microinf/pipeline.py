"""Sources -> records -> tiers -> filters -> ranking: the classify job as one library call."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field

from .config import LoadedTiers, load_tiers
from .errors import SourceError, UsageError
from .formats import detect_format, read_table
from .models import Creator
from .ranking import rank, score, typical_rate
from .records import Prefilter, RecordReader
from .sources import open_source
from .tiers import TierIndex


@dataclass
class Query:
    """Which creators to keep and how many."""

    niches: list[str] = field(default_factory=list)
    tiers: list[str] = field(default_factory=list)
    platforms: list[str] = field(default_factory=list)
    min_followers: int | None = None
    max_followers: int | None = None
    top: int | None = None


@dataclass
class ReadOptions:
    """How to read sources."""

    input_format: str | None = None
    delimiter: str | None = None
    records: str | None = None
    columns: dict[str, str] = field(default_factory=dict)


@dataclass
class Stats:
    """The ledger of one run: rows read = classified + rejected + duplicates merged."""

    read: int = 0
    classified: int = 0
    rejected: int = 0
    duplicates: int = 0
    filtered: int = 0  # left out by --niche, --tier, --platform, --min/--max-followers
    beyond_top: int = 0  # left out by --top
    shown: int = 0

    @property
    def left_out(self) -> int:
        """Creators that a flag left out of the output."""
        return self.filtered + self.beyond_top


@dataclass
class Result:
    """Ranked creators (rank = position + 1) and the ledger."""

    creators: list[Creator]
    stats: Stats
    tiers: LoadedTiers
    columns: dict[str, None] = field(default_factory=dict)  # passthrough names, in order


def iter_creators(
    sources: Sequence[str],
    options: ReadOptions | None = None,
    warn: Callable[[str], None] | None = None,
    prefilter: Prefilter | None = None,
) -> Iterator[Creator]:
    """Every creator of the sources, in order; a bad row raises RowError."""
    options = options or ReadOptions()
    for spec in sources:
        with open_source(spec) as opened:
            fmt = detect_format(opened, options.input_format)
            table = read_table(
                opened, fmt, delimiter=options.delimiter, records_path=options.records
            )
            for note in table.notes:
                if warn:
                    warn(note)
            try:
                yield from RecordReader(table, options.columns or None, warn, prefilter)
            except OSError as exc:
                raise SourceError(f"{opened.name}: read failed ({exc})") from None


def check_query(query: Query, index: TierIndex) -> None:
    """Reject a query that cannot match (an unknown tier name)."""
    unknown = [t for t in query.tiers if t not in index.names()]
    if unknown:
        raise UsageError(
            f"--tier: unknown tier {unknown[0]!r}", hint=f"tiers in use: {', '.join(index.names())}"
        )


def classify(
    sources: Sequence[str],
    query: Query | None = None,
    tiers: LoadedTiers | None = None,
    options: ReadOptions | None = None,
    warn: Callable[[str], None] | None = None,
) -> Result:
    """Read, classify, filter and rank; returns the shortlist and the ledger."""
    query = query or Query()
    tiers = tiers or load_tiers(None)
    index = TierIndex.from_config(tiers.config)
    check_query(query, index)
    stats = Stats()
    columns: dict[str, None] = {}
    typical = {t.name: typical_rate(t, t.min) for t in index.tiers}
    niches = [n.lower() for n in query.niches]
    prefilter = Prefilter(
        index,
        tiers=frozenset(query.tiers) or None,
        platforms=frozenset(p.lower() for p in query.platforms) or None,
        niches=frozenset(niches) or None,
        min_followers=query.min_followers,
        max_followers=query.max_followers,
    )

    def kept() -> Iterator[Creator]:
        seen_names: set[tuple[str, ...]] = set()
        for creator in iter_creators(sources, options, warn, prefilter):
            stats.shown += 1
            if creator.extra_names and creator.extra_names not in seen_names:
                seen_names.add(creator.extra_names)
                columns.update(dict.fromkeys(creator.extra_names))
            tier = creator.tier
            rate = typical[tier] if tier is not None else typical_rate(None, creator.followers)
            creator.score = score(creator, rate, niches)
            yield creator

    # Records hold no reference cycles; the cyclic collector would only re-scan the growing
    # list of kept records again and again (quadratic on big files), so it pauses meanwhile.
    collecting = gc.isenabled()
    gc.disable()
    try:
        ranked = rank(kept(), query.top)
    finally:
        if collecting:
            gc.enable()
    stats.filtered = prefilter.dropped
    stats.classified = stats.shown + prefilter.dropped
    stats.read = stats.classified
    stats.shown = len(ranked)
    stats.beyond_top = stats.classified - stats.filtered - stats.shown
    return Result(ranked, stats, tiers, columns)


load_creators = iter_creators
