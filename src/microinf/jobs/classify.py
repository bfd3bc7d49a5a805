"""Sources -> records -> tiers -> filters -> ranking: the classify job as one library call."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field

from microinf.errors import SourceError, UsageError
from microinf.models import Creator
from microinf.rank.budget import Choice, choose
from microinf.rank.niches import NicheMatcher
from microinf.rank.score import Scorer, rank
from microinf.read.formats import detect_format, read_table
from microinf.read.records import Prefilter, RecordReader, RowError
from microinf.read.sources import (
    DEFAULT_MAX_BYTES,
    READ_TIMEOUT,
    Limits,
    display_name,
    open_source,
)
from microinf.read.textcodec import FALLBACK_NOTE, fallback_hits
from microinf.tiers.load import LoadedTiers, load_tiers
from microinf.tiers.lookup import TierRules


@dataclass
class Query:
    """Which creators to keep and how many."""

    niches: list[str] = field(default_factory=list)
    tiers: list[str] = field(default_factory=list)
    platforms: list[str] = field(default_factory=list)
    min_followers: int | None = None
    max_followers: int | None = None
    top: int | None = None
    min_relevance: float | None = None  # None: tiers.yaml ranking.min_relevance
    exclude_flagged: bool = False
    explain: bool = False  # keep each score's parts
    budget: float | None = None  # choose the best set within this budget
    max_per_tier: int | None = None


@dataclass
class ReadOptions:
    """How to read sources and what to do with bad rows and duplicates."""

    input_format: str | None = None
    delimiter: str | None = None
    records: str | None = None
    columns: dict[str, str] = field(default_factory=dict)  # --map FIELD=COLUMN
    platform_default: str | None = None
    on_error: str = "fail"  # fail | skip
    rejects: Callable[[RowError], None] | None = None  # called with each rejected row
    keep_duplicates: bool = False
    max_bytes: int = DEFAULT_MAX_BYTES  # the largest download from a URL
    timeout: float = READ_TIMEOUT  # seconds a URL may stay silent
    limits: Limits | None = None  # the other limits (fields, depth, aliases...); None: defaults
    # called as bytes arrive: (source, bytes read, total bytes or None, rows read so far)
    progress: Callable[[str, int, int | None, int], None] | None = None


@dataclass
class Stats:
    """The ledger of one run: rows read = classified + rejected + duplicates merged."""

    read: int = 0
    rejected: int = 0
    duplicates: int = 0
    filtered: int = 0  # left out by --niche, --tier, --platform, --min/--max-followers
    beyond_top: int = 0  # left out by --top
    flagged_out: int = 0  # of the filtered: left out by --exclude-flagged
    not_chosen: int = 0  # left out by --budget
    shown: int = 0
    first_rejection: str | None = None

    @property
    def classified(self) -> int:
        """Rows that became creators (shown or left out by a flag)."""
        return self.read - self.rejected - self.duplicates


@dataclass
class Result:
    """Ranked creators (rank = position + 1) and the ledger."""

    creators: list[Creator]
    stats: Stats
    tiers: LoadedTiers
    columns: dict[str, None] = field(default_factory=dict)  # passthrough names, in order
    choice: Choice | None = None  # what --budget chose


class _Counter:
    """Rows seen, kept and rejected across the readers of one run."""

    def __init__(self) -> None:
        self.seen = 0
        self.rejected = 0
        self.first: str | None = None


def iter_creators(
    sources: Sequence[str],
    options: ReadOptions | None = None,
    warn: Callable[[str], None] | None = None,
    prefilter: Prefilter | None = None,
    counter: _Counter | None = None,
) -> Iterator[Creator]:
    """Every creator of the sources, in order; a bad row raises RowError (or is skipped)."""
    options = options or ReadOptions()
    counter = counter or _Counter()
    handler = options.rejects
    skip = options.on_error == "skip"

    def on_reject(err: RowError) -> None:
        if counter.first is None:
            counter.first = str(err)
        if handler is not None:
            handler(err)
        if not skip:
            raise err

    for spec in sources:
        hits = fallback_hits()
        live: list[RecordReader] = []
        on_bytes = None
        if options.progress is not None:
            on_bytes = _hook(options.progress, display_name(spec), live)
        with open_source(
            spec, on_bytes, options.max_bytes, options.timeout, options.limits
        ) as opened:
            fmt = detect_format(opened, options.input_format)
            table = read_table(
                opened, fmt, delimiter=options.delimiter, records_path=options.records
            )
            reader = RecordReader(
                table,
                options.columns or None,
                warn,
                prefilter,
                platform_default=options.platform_default,
                on_reject=on_reject if skip or handler is not None else None,
            )
            live.append(reader)
            try:
                yield from reader
            except OSError as exc:
                raise SourceError(f"{opened.name}: read failed ({exc})") from None
            finally:
                counter.seen += reader.seen
                counter.rejected += reader.rejected
            if fallback_hits() > hits:
                table.notes.append(f"{opened.name}: {FALLBACK_NOTE}")
            for note in table.notes:
                if warn:
                    warn(note)


def _hook(
    report: Callable[[str, int, int | None, int], None], name: str, live: list[RecordReader]
) -> Callable[[int, int | None], None]:
    def on_bytes(done: int, total: int | None) -> None:
        report(name, done, total, live[0].live if live else 0)

    return on_bytes


def check_query(query: Query, index: TierRules) -> None:
    """Reject a query that cannot match (an unknown tier name)."""
    unknown = [t for t in query.tiers if t not in index.names()]
    if unknown:
        raise UsageError(
            f"--tier: unknown tier {unknown[0]!r}", hint=f"tiers in use: {', '.join(index.names())}"
        )


_FILLABLE = (
    "name", "bio", "avg_likes", "avg_comments", "avg_views", "engagement_rate",
    "engagement_method", "country", "language", "url",
)  # fmt: skip


def fill(first: Creator, later: Creator) -> bool:
    """Fill the first record's empty fields from a later duplicate; True when any changed."""
    changed = False
    for name in _FILLABLE:
        if getattr(first, name) is None and getattr(later, name) is not None:
            setattr(first, name, getattr(later, name))
            changed = True
    if not first.niche and later.niche:
        first.niche, changed = later.niche, True
    if later.extra_values and any(v in (None, "") for v in first.extra_values):
        theirs = dict(zip(later.extra_names, later.extra_values, strict=False))
        values = [
            theirs.get(n, v) if v in (None, "") else v
            for n, v in zip(first.extra_names, first.extra_values, strict=False)
        ]
        if tuple(values) != first.extra_values:
            first.extra_values, changed = tuple(values), True
    return changed


def classify(
    sources: Sequence[str],
    query: Query | None = None,
    tiers: LoadedTiers | None = None,
    options: ReadOptions | None = None,
    warn: Callable[[str], None] | None = None,
) -> Result:
    """Read, classify, filter and rank; returns the shortlist and the ledger."""
    query = query or Query()
    options = options or ReadOptions()
    tiers = tiers or load_tiers(None)
    index = TierRules(tiers.config)
    check_query(query, index)
    stats = Stats()
    counter = _Counter()
    columns: dict[str, None] = {}
    matcher = NicheMatcher.build(query.niches, tiers.config.niches) if query.niches else None
    if matcher and warn:
        for name in matcher.unknown:
            warn(
                f'niche "{name}" is not in the built-in dictionary nor in tiers.yaml `niches:`; '
                "matching the word itself"
            )
    min_relevance = query.min_relevance
    if min_relevance is None:
        min_relevance = tiers.config.ranking.min_relevance
    scored = Scorer(tiers.config, matcher, query.explain)
    prefilter = Prefilter(
        index,
        tiers=frozenset(query.tiers) or None,
        platforms=frozenset(p.lower() for p in query.platforms) or None,
        niches=matcher,
        min_relevance=min_relevance,
        min_followers=query.min_followers,
        max_followers=query.max_followers,
    )
    flagged_out = 0
    firsts: dict[tuple[str | None, str], Creator] | None = None
    keys: set[tuple[str | None, str]] = set()
    if not options.keep_duplicates:
        # with --top, only the records still in the heap can take in a duplicate's fields
        firsts = {} if query.top is None else weakref.WeakValueDictionary()  # type: ignore[assignment]

    def kept() -> Iterator[Creator]:
        nonlocal flagged_out
        seen_names: set[tuple[str, ...]] = set()
        for creator in iter_creators(sources, options, warn, prefilter, counter):
            stats.shown += 1
            if firsts is not None:
                key = (creator.platform, creator.handle.casefold())
                if key in keys:
                    stats.duplicates += 1
                    first = firsts.get(key)
                    if first is not None and fill(first, creator):
                        scored(first)
                    continue
                keys.add(key)
                firsts[key] = creator
            if creator.extra_names and creator.extra_names not in seen_names:
                seen_names.add(creator.extra_names)
                columns.update(dict.fromkeys(creator.extra_names))
            scored(creator)
            if query.exclude_flagged and creator.flags:
                flagged_out += 1
                continue
            yield creator

    # Records hold no reference cycles; the cyclic collector would only re-scan the growing
    # list of kept records again and again (quadratic on big files), so it pauses meanwhile.
    collecting = gc.isenabled()
    gc.disable()
    choice = None
    try:
        ranked = rank(kept(), query.top if query.budget is None else None)
    finally:
        if collecting:
            gc.enable()
    if query.budget is not None:
        choice = choose(ranked, query.budget, tiers.config, query.max_per_tier)
        chosen = {id(c) for c in choice.creators}
        stats.not_chosen = len(ranked) - len(chosen)
        ranked = [c for c in ranked if id(c) in chosen][: query.top]
    unique = stats.shown - stats.duplicates - flagged_out
    stats.read = counter.seen
    stats.rejected = counter.rejected
    stats.first_rejection = counter.first
    stats.filtered = counter.seen - counter.rejected - stats.shown + flagged_out
    stats.flagged_out = flagged_out
    stats.shown = len(ranked)
    stats.beyond_top = unique - stats.shown - stats.not_chosen
    return Result(ranked, stats, tiers, columns, choice)


load_creators = iter_creators
