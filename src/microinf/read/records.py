"""Rows -> Creator records; the column plan is resolved once per source, not per row."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from microinf.errors import DataError, Location, UsageError
from microinf.models import Creator
from microinf.numbers import MAX_FOLLOWERS, MISSING, parse_rate
from microinf.rank.niches import NicheMatcher
from microinf.read.columns import Plan, normalise, plan_for, profile_from_url
from microinf.read.formats import Table
from microinf.read.values import (
    count_value,
    flatten,
    niche_values,
    number_value,
    show_column,
    text_value,
)
from microinf.tiers.lookup import TierRules
from microinf.tiers.schema import TiersConfig

TEXT_FIELDS = ("name", "bio", "country", "language", "url")
NUMBER_FIELDS = ("avg_likes", "avg_comments", "avg_views", "price")


class RowError(DataError):
    """One bad row: where it is, the reason, and the row's original fields."""

    def __init__(self, location: Location, reason: str, original: dict[str, Any]) -> None:
        super().__init__(f"{location}: {reason}")
        self.location = location
        self.reason = reason
        self.original = original


@dataclass
class Prefilter:
    """The filters applied while reading, so that rows left out never become records."""

    rules: TierRules
    tiers: frozenset[str] | None = None
    platforms: frozenset[str] | None = None
    niches: NicheMatcher | None = None
    min_relevance: float = 0.0
    min_followers: int | None = None
    max_followers: int | None = None

    def size_ok(self, followers: int, tier: str | None) -> bool:
        """The tier and follower-count filters."""
        return not (
            (self.tiers is not None and tier not in self.tiers)
            or (self.min_followers is not None and followers < self.min_followers)
            or (self.max_followers is not None and followers > self.max_followers)
        )

    def niche_ok(self, niche: tuple[str, ...], bio: str | None) -> bool:
        """The --niche filter: relevance (categories and bio) at least --min-relevance."""
        return self.niches is None or self.niches.passes(niche, bio, self.min_relevance)


class RecordReader:
    """Turns the rows of one Table into Creators; a bad row raises RowError."""

    def __init__(
        self,
        table: Table,
        overrides: dict[str, str] | None = None,
        warn: Callable[[str], None] | None = None,
        prefilter: Prefilter | None = None,
        platform_default: str | None = None,
        on_reject: Callable[[RowError], None] | None = None,
    ) -> None:
        self.table = table
        self.on_reject = on_reject
        self.seen = 0  # non-blank rows read
        self.live = 0  # rows read so far, updated now and then for progress reports
        self.rejected = 0
        self.platform_default = platform_default.lower() if platform_default else None
        self.prefilter = prefilter or Prefilter(TierRules(TiersConfig(version=1, tiers=None)))
        self.overrides = overrides
        self.warn = warn or (lambda _msg: None)
        self._percent_noted: set[str] = set()
        self._plans: dict[tuple[str, ...], Plan] = {}
        self.plan: Plan | None = None
        if table.header is not None:
            self.plan = self._plan(tuple(table.header))

    def plan_of(self, header: list[str]) -> Plan:
        """The column plan of a header (computed once, warnings given once)."""
        return self._plan(tuple(header))

    def _plan(self, keys: tuple[str, ...]) -> Plan:
        plan = self._plans.get(keys)
        if plan is None:
            overrides = {}
            for name, column in (self.overrides or {}).items():
                # the exact name, else the header that folds to the same name ("Engagement avg"
                # for a header written "Engagement avg" + a line break)
                found = column if column in keys else _folded(keys).get(normalise(column))
                if found is None and not self._plans:
                    raise UsageError(
                        f'--map {name}={column}: {self.table.source} has no column "{column}"',
                        hint="columns: " + ", ".join(show_column(k) for k in keys),
                    )
                overrides[name] = found or column
            plan = plan_for(list(keys), overrides)
            self._plans[keys] = plan
            for name, kept, ignored in plan.columns.competing:
                self.warn(
                    f'{self.table.source}: columns "{kept}" and "{ignored}" both look like '
                    f'{name}; using "{kept}" (choose with --map {name}=COLUMN)'
                )
        return plan

    def __iter__(self) -> Iterator[Creator]:
        source = self.table.source
        if self.table.header is not None:
            from microinf.read.fastcsv import csv_creators

            yield from csv_creators(self, self.table)
            return
        for number, record in self.table.rows:
            self.seen += 1
            self.live = self.seen
            try:
                if not isinstance(record, dict):
                    raise RowError(
                        Location(source, number),
                        f"expected a mapping of fields, found {type(record).__name__}",
                        {"value": record},
                    )
                if any(isinstance(v, dict) for v in record.values()):
                    record = flatten(record)
                creator = self.build(record, source, number)
            except RowError as err:
                self.reject(err)
                continue
            if creator is not None:
                yield creator

    def reject(self, err: RowError) -> None:
        """A bad row: raised under --on-error fail, handed to on_reject under skip."""
        if self.on_reject is None:
            raise err
        self.rejected += 1
        self.on_reject(err)

    def build(self, row: dict[str, Any], source: str, line: int) -> Creator | None:
        """One row (column -> value) as a Creator; None when a prefilter leaves it out."""
        plan = self._plan(tuple(row))
        fields = plan.columns.fields
        get = row.get

        def fail(column: str, reason: str) -> RowError:
            return RowError(Location(source, line), f'column "{column}": {reason}', row)

        if not fields.get("handle") and not fields.get("url"):
            raise RowError(
                Location(source, line), "no handle column (use --map handle=COLUMN)", row
            )
        col = fields.get("followers")
        if not col:
            raise RowError(
                Location(source, line), "no follower-count column (use --map followers=COLUMN)", row
            )
        raw = get(col)
        followers = count_value(raw)
        if followers is None:
            if raw is None or (isinstance(raw, str) and raw.strip().lower() in MISSING):
                raise fail(col, "missing follower count")
            raise fail(col, f'cannot read "{raw}" as a follower count')
        if followers < 0:
            raise fail(col, f'follower count cannot be negative ("{raw}")')
        if followers > MAX_FOLLOWERS:
            raise fail(col, f'follower count "{raw}" is above 10 billion')

        pre = self.prefilter
        col = fields.get("handle")
        handle = text_value(get(col)) if col else None
        url_col = fields.get("url")
        url = text_value(get(url_col)) if url_col else None
        profile = profile_from_url(handle) if handle and "/" in handle else None
        if profile is None and url and (not handle or not fields.get("platform")):
            profile = profile_from_url(url)
        if profile and (not handle or "/" in handle):
            handle = profile[1]
        if handle:
            handle = handle.lstrip("@").strip()
        platform_col = fields.get("platform")
        platform = text_value(get(platform_col)) if platform_col else None
        if platform:
            platform = platform.lower()
        elif profile:
            platform = profile[0]
        else:
            platform = self.platform_default
        tier = pre.rules.lookup(followers, platform)
        if not pre.size_ok(followers, tier):
            return None
        if pre.platforms is not None and platform not in pre.platforms:
            return None
        niche = niche_values(get(fields["niche"])) if "niche" in fields else []
        for extra in plan.columns.secondary.get("niche", ()):
            niche.extend(v for v in niche_values(get(extra)) if v not in niche)
        bio_col = fields.get("bio")
        if pre.niches is not None and not pre.niche_ok(
            tuple(niche), text_value(get(bio_col)) if bio_col else None
        ):
            return None
        # rows that a filter leaves out are checked only for what the filters need
        if not handle:
            raise fail(col or url_col or "handle", "missing handle")
        creator = Creator(handle=handle, followers=followers, source=source, line=line, tier=tier)
        creator.platform = platform
        creator.niche = tuple(niche)
        for name in TEXT_FIELDS:
            col = fields.get(name)
            if col:
                setattr(creator, name, text_value(get(col)))
        for name in NUMBER_FIELDS:
            col = fields.get(name)
            if col:
                value = get(col)
                try:
                    setattr(creator, name, number_value(value))
                except ValueError:
                    raise fail(col, f'cannot read "{value}" as a number') from None
        for name in ("following", "posts"):
            col = fields.get(name)
            if col:
                value = get(col)
                count = count_value(value)
                if count is None and text_value(value) is not None:
                    raise fail(col, f'cannot read "{value}" as a count')
                setattr(creator, name, count)
        col = fields.get("credibility")
        if col:
            creator.credibility = self._rate(get(col), fail, col, "a share")
        col = fields.get("engagement_rate")
        if col:
            creator.engagement_rate = self._rate(get(col), fail, col)
            if creator.engagement_rate is not None:
                creator.engagement_method = "given"
        if creator.engagement_rate is None and creator.avg_likes is not None and followers > 0:
            comments = creator.avg_comments
            creator.engagement_rate = (creator.avg_likes + (comments or 0.0)) / followers
            creator.engagement_method = "likes+comments" if comments is not None else "likes only"
        if plan.passthrough:
            creator.extra_names = tuple(plan.output_names)
            creator.extra_values = tuple(get(c) for c in plan.passthrough)
        return creator

    def _rate(
        self,
        value: Any,
        fail: Callable[[str, str], RowError],
        col: str,
        what: str = "an engagement rate",
    ) -> float | None:
        if value is None or isinstance(value, bool):
            return None
        rate: float | None
        if isinstance(value, int | float):
            rate, percent = float(value), False
        else:
            try:
                rate, percent = parse_rate(str(value))
            except ValueError:
                raise fail(col, f'cannot read "{value}" as {what}') from None
        if rate is None:
            return None
        if rate < 0:
            raise fail(col, f'{what.split(" ", 1)[1]} cannot be negative ("{value}")')
        if not percent and rate > 1:
            if col not in self._percent_noted:
                self._percent_noted.add(col)
                self.warn(
                    f'{self.table.source}: column "{col}": values above 1 read as percentages '
                    f"(4.1 is 4.1%), values of 1 or less as fractions"
                )
            rate /= 100.0
        if what == "a share" and rate > 1:
            raise fail(col, f'cannot read "{value}" as a share (0-100%)')
        return rate


def _folded(keys: tuple[str, ...]) -> dict[str, str]:
    """Header names by their folded form (the first header wins)."""
    out: dict[str, str] = {}
    for key in keys:
        out.setdefault(normalise(key), key)
    return out
