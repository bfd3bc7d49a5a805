"""Sources -> records -> tiers -> filters -> ranking: the classify job as one library call."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field

from microinf.errors import DataError, SourceError, UsageError
from microinf.jobs.query import Query, check_query, empty_note, platform_filter, query_notes
from microinf.jobs.spill import SpilledList
from microinf.models import Creator
from microinf.platforms import canonical_platform
from microinf.rank.budget import Choice, choose
from microinf.rank.filters import Filters
from microinf.rank.niches import NicheMatcher, niche_table
from microinf.rank.peers import Key, PeerBand, collect
from microinf.rank.score import Scorer, order_key, rank
from microinf.read.advice import likely_columns, show
from microinf.read.columns import map_columns
from microinf.read.options import ReadOptions
from microinf.read.records import RecordReader, RowError
from microinf.read.sources import display_name, open_source
from microinf.read.spreadsheet import SheetTable
from microinf.read.tables import table_of
from microinf.read.textcodec import FALLBACK_NOTE, fallback_hits
from microinf.tiers.load import LoadedTiers, load_tiers
from microinf.tiers.lookup import TierRules

__all__ = ["Query", "ReadOptions", "Result", "Stats", "classify", "filters_for", "iter_creators"]


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

    creators: Sequence[Creator]  # without --top, a list kept on disk (jobs/spill.py)
    stats: Stats
    tiers: LoadedTiers
    columns: dict[str, None] = field(default_factory=dict)  # passthrough names, in order
    choice: Choice | None = None  # what --budget chose
    peers: dict[Key, PeerBand] = field(default_factory=dict)  # --peers: the groups compared


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
    filters: Filters | None = None,
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
            table = table_of(opened, options)
            header = table.columns if isinstance(table, SheetTable) else table.header
            if header:
                check_header(opened.name, header, options, warn)
            reader = RecordReader(
                table,
                options.columns or None,
                warn,
                filters,
                platform_default=(
                    canonical_platform(options.platform_default)
                    if options.platform_default
                    else None
                ),
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


def check_header(
    name: str, header: list[str], options: ReadOptions, warn: Callable[[str], None] | None
) -> None:
    """Refuse a header with no creator column at all; advise on a likely one for a missing field."""
    found = set(map_columns(header).fields) | set(options.columns)
    advice = likely_columns(header, found, options.platform_default)
    if not found & {"handle", "url", "followers"}:
        shown = ", ".join(f'"{show(h)}"' for h in header[:12]) + (
            ", ..." if len(header) > 12 else ""
        )
        raise DataError(
            f"{name}: no column holds a handle or a follower count (columns: {shown})",
            hint="; ".join(advice) or "name them with --map handle=COLUMN --map followers=COLUMN",
        )
    if warn is not None:
        for line in advice:
            warn(f"{name}: {line}")


def _hook(
    report: Callable[[str, int, int | None, int], None], name: str, live: list[RecordReader]
) -> Callable[[int, int | None], None]:
    def on_bytes(done: int, total: int | None) -> None:
        report(name, done, total, live[0].live if live else 0)

    return on_bytes


def filters_for(
    query: Query, tiers: LoadedTiers, warn: Callable[[str], None] | None = None
) -> Filters:
    """The query's filters, compiled once; an unknown tier or misspelt platform is a usage error."""
    rules = TierRules(tiers.config)
    check_query(query, rules)
    matcher = NicheMatcher.build(query.niches, tiers.config.niches) if query.niches else None
    if warn:
        unknown = matcher.unknown if matcher else []
        for note in query_notes(query, unknown, list(niche_table(tiers.config.niches))):
            warn(note)
    min_relevance = query.min_relevance
    if min_relevance is None:
        min_relevance = tiers.config.ranking.min_relevance
    return Filters(
        rules,
        tiers=frozenset(query.tiers) or None,
        platforms=platform_filter(query.platforms),
        niches=matcher,
        min_relevance=min_relevance,
        min_followers=query.min_followers,
        max_followers=query.max_followers,
        exclude_flagged=query.exclude_flagged,
    )


_FILLABLE = (
    "name", "bio", "avg_likes", "avg_comments", "avg_views", "engagement_rate",
    "engagement_method", "country", "language", "url",
)  # fmt: skip


def dup_key(c: Creator) -> tuple[str | None, str]:
    """Creators with the same key are one creator: its platform and case-folded handle."""
    return (c.platform, c.handle.casefold())


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


def peer_bands(
    sources: Sequence[str], tiers: LoadedTiers, options: ReadOptions | None = None
) -> dict[Key, PeerBand]:
    """--peers: a first pass over the sources for each group's median rate and spread."""
    if "-" in sources:
        raise UsageError(
            "--peers reads the input twice, and stdin can be read only once",
            hint="save the input to a file and pass its path",
        )
    quiet = {"on_error": "skip", "rejects": None, "progress": None}
    options = ReadOptions(**{**vars(options or ReadOptions()), **quiet})
    creators = iter_creators(sources, options)
    return collect(creators, TierRules(tiers.config).lookup, tiers.config, options.keep_duplicates)


def classify(
    sources: Sequence[str],
    query: Query | None = None,
    tiers: LoadedTiers | None = None,
    options: ReadOptions | None = None,
    warn: Callable[[str], None] | None = None,
    observe: Callable[[Creator], None] | None = None,
) -> Result:
    """Read, classify, filter and rank; returns the shortlist and the ledger.

    `observe` sees every creator that passes the filters (before --top and --budget), once.
    """
    query = query or Query()
    options = options or ReadOptions()
    tiers = tiers or load_tiers(None)
    stats = Stats()
    counter = _Counter()
    columns: dict[str, None] = {}
    filters = filters_for(query, tiers, warn)
    peers = peer_bands(sources, tiers, options) if query.peers else {}
    scored = Scorer(tiers.config, filters.niches, query.explain, peers)
    flagged_out = 0
    firsts: dict[tuple[str | None, str], Creator] | None = None
    keys: set[tuple[str | None, str]] = set()
    dedupe = not options.keep_duplicates
    if dedupe:
        # with --top, only the records still in the heap can take in a duplicate's fields
        firsts = {} if query.top is None else weakref.WeakValueDictionary()  # type: ignore[assignment]
    seen_names: set[tuple[str, ...]] = set()

    def note_columns(creator: Creator) -> None:
        if creator.extra_names and creator.extra_names not in seen_names:
            seen_names.add(creator.extra_names)
            columns.update(dict.fromkeys(creator.extra_names))

    def admit(creator: Creator) -> bool:
        """Score a first-seen creator; False when --exclude-flagged leaves it out."""
        nonlocal flagged_out
        note_columns(creator)
        scored(creator)
        if not filters.flags_ok(creator.flags):
            flagged_out += 1
            return False
        if observe is not None:
            observe(creator)
        return True

    def kept() -> Iterator[Creator]:
        for creator in iter_creators(sources, options, warn, filters, counter):
            stats.shown += 1
            if firsts is not None:
                key = dup_key(creator)
                if key in keys:
                    stats.duplicates += 1
                    first = firsts.get(key)
                    if first is not None and fill(first, creator):
                        scored(first)
                    continue
                keys.add(key)
                firsts[key] = creator
            if admit(creator):
                yield creator

    def spilled() -> SpilledList:
        # the whole list, sorted on disk: memory does not grow with the input
        store = SpilledList(order_key)
        hashes: set[int] = set()
        for creator in iter_creators(sources, options, warn, filters, counter):
            stats.shown += 1
            dup = None
            if dedupe:
                dup = repr(dup_key(creator))
                found = store.first(dup) if hash(dup) in hashes else None
                if found is not None:
                    stats.duplicates += 1
                    pos, first, _ = found
                    if fill(first, creator):
                        store.replace(pos, scored(first))
                    continue
                hashes.add(hash(dup))
            store.add(creator, dup, admit(creator))
        return store

    # Records hold no reference cycles; the cyclic collector would only re-scan the growing
    # list of kept records again and again (quadratic on big files), so it pauses meanwhile.
    collecting = gc.isenabled()
    gc.disable()
    choice = None
    ranked: Sequence[Creator]
    try:
        if query.top is None and query.budget is None:
            ranked = spilled()
        else:
            ranked = rank(kept(), query.top if query.budget is None else None)
    finally:
        if collecting:
            gc.enable()
    if query.budget is not None:
        choice = choose(list(ranked), query.budget, tiers.config, query.max_per_tier)
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
    nothing = empty_note(query, stats.shown, stats.filtered)
    if nothing and warn:
        warn(nothing)
    return Result(ranked, stats, tiers, columns, choice, peers)


load_creators = iter_creators
