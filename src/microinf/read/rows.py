"""One row -> one Creator: the only place that turns cells into a record.

Every path reads through `RowBuilder.build`: CSV rows by column index, JSON and YAML records as
their values in key order. The filters are asked in their documented order (rank/filters.py),
so a row a filter leaves out is only checked for what that filter needs.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from microinf.errors import DataError, Location
from microinf.models import Creator
from microinf.numbers import MAX_FOLLOWERS, MISSING, parse_rate
from microinf.platforms import canonical_platform
from microinf.rank.engagement import GIVEN, apply_engagement
from microinf.rank.filters import Filters
from microinf.read.columns import Plan, profile_from_url
from microinf.read.values import count_value, niche_values, number_value, text_value

TEXT_FIELDS = ("name", "country", "language")
NUMBER_FIELDS = ("avg_likes", "avg_comments", "avg_views", "price")
COUNT_FIELDS = ("following", "posts")


class RowError(DataError):
    """One bad row: where it is, the reason, and the row's original fields."""

    def __init__(
        self, location: Location, reason: str, original: dict[str, Any], hint: str | None = None
    ) -> None:
        super().__init__(f"{location}: {reason}", hint=hint)
        self.location = location
        self.reason = reason
        self.original = original


@dataclass(frozen=True)
class Layout:
    """A column plan compiled to cell positions (-1: the field has no column)."""

    names: tuple[str, ...]  # the column of each position
    at: dict[str, int]
    more_niche: tuple[int, ...]
    passthrough: tuple[int, ...]
    output_names: tuple[str, ...]

    @classmethod
    def of(cls, names: Sequence[str], plan: Plan) -> Layout:
        """The positions of a plan's columns among `names`."""
        where = {name: i for i, name in reversed(list(enumerate(names)))}
        at = {f: where[c] for f, c in plan.columns.fields.items() if c in where}
        more = tuple(where[c] for c in plan.columns.secondary.get("niche", ()) if c in where)
        return cls(
            tuple(names),
            at,
            more,
            tuple(where[c] for c in plan.passthrough),
            tuple(plan.output_names),
        )


def _get(cells: Sequence[Any], i: int) -> Any:
    return cells[i] if 0 <= i < len(cells) else None


class RowBuilder:
    """Builds Creators from cells; raises RowError for a row that cannot be read."""

    def __init__(
        self,
        filters: Filters,
        platform_default: str | None = None,
        warn: Callable[[str], None] | None = None,
    ) -> None:
        self.filters = filters
        self.platform_default = canonical_platform(platform_default) if platform_default else None
        self._platforms: dict[str, str] = {}
        self.warn = warn or (lambda _msg: None)
        self._percent_noted: set[tuple[str, str]] = set()
        self._categories: dict[Any, list[str]] = {}

    def categories(self, layout: Layout, cells: Sequence[Any]) -> list[str]:
        """The row's niche values: the niche column, then any secondary category columns."""
        raw = _get(cells, layout.at.get("niche", -1))
        found = self._categories.get(raw) if isinstance(raw, str) else None
        if found is None:
            found = niche_values(raw)
            if isinstance(raw, str) and len(self._categories) < 65536:
                self._categories[raw] = found
        if layout.more_niche:
            found = list(found)
            for j in layout.more_niche:
                found.extend(v for v in niche_values(_get(cells, j)) if v not in found)
        return found

    def build(self, layout: Layout, cells: Sequence[Any], source: str, line: int) -> Creator | None:
        """The row as a Creator; None when a filter leaves it out."""
        at = layout.at

        def fail(i: int, reason: str, hint: str | None = None) -> RowError:
            return RowError(
                Location(source, line), f'column "{layout.names[i]}": {reason}', row(), hint
            )

        def row() -> dict[str, Any]:
            return dict(zip(layout.names, cells, strict=False))

        if "handle" not in at and "url" not in at:
            raise RowError(
                Location(source, line), "no handle column", row(), "use --map handle=COLUMN"
            )
        if "followers" not in at:
            raise RowError(
                Location(source, line),
                "no follower-count column",
                row(),
                "use --map followers=COLUMN",
            )
        filters = self.filters
        niche: list[str] = []
        bio_i = at.get("bio", -1)
        bio = text_value(_get(cells, bio_i))
        if filters.niches is not None or "niche" in at or layout.more_niche:
            niche = self.categories(layout, cells)
            if not filters.niche_ok(niche, bio):
                return None

        f_i = at["followers"]
        raw = _get(cells, f_i)
        followers = count_value(raw)
        if followers is None:
            if raw is None or (isinstance(raw, str) and raw.strip().lower() in MISSING):
                raise fail(f_i, "missing follower count")
            raise fail(
                f_i, f'cannot read "{raw}" as a follower count', "write 12500, 12.5K or 1.2M"
            )
        if followers < 0:
            raise fail(f_i, f'follower count cannot be negative ("{raw}")')
        if followers > MAX_FOLLOWERS:
            raise fail(f_i, f'follower count "{raw}" is above 10 billion')

        handle_i, url_i = at.get("handle", -1), at.get("url", -1)
        handle = text_value(_get(cells, handle_i))
        url = text_value(_get(cells, url_i))
        profile = profile_from_url(handle) if handle and "/" in handle else None
        if profile is None and url and (not handle or "platform" not in at):
            profile = profile_from_url(url)
        if profile and (not handle or "/" in handle):
            handle = profile[1]
        platform = text_value(_get(cells, at.get("platform", -1)))
        if platform:
            known = self._platforms.get(platform)
            if known is None:
                known = canonical_platform(platform)
                if len(self._platforms) < 4096:
                    self._platforms[platform] = known
            platform = known
        elif profile:
            platform = profile[0]
        else:
            platform = self.platform_default
        tier = filters.rules.lookup(followers, platform)
        if not filters.size_ok(followers, tier) or not filters.platform_ok(platform):
            return None
        if handle:
            handle = handle.lstrip("@").strip()
        if not handle:
            raise fail(handle_i if handle_i >= 0 else url_i, "missing handle")

        values = self._values(layout, cells, fail, source)
        extra_values: tuple[Any, ...] = ()
        if layout.passthrough:
            extra_values = tuple(_get(cells, j) for j in layout.passthrough)
        creator = Creator(
            handle=handle,
            followers=followers,
            platform=platform,
            niche=tuple(niche),
            bio=bio,
            url=url,
            extra_names=layout.output_names if layout.passthrough else (),
            extra_values=extra_values,
            source=source,
            line=line,
            tier=tier,
            **values,
        )
        apply_engagement(creator)  # the platform's definition of the rate (rank/engagement.py)
        return creator

    def _values(
        self, layout: Layout, cells: Sequence[Any], fail: Callable[..., RowError], source: str
    ) -> dict[str, Any]:
        """The text, number, count and rate fields of a row that the filters kept."""
        at = layout.at
        values: dict[str, Any] = {}
        for name in TEXT_FIELDS:
            i = at.get(name, -1)
            if i >= 0:
                values[name] = text_value(_get(cells, i))
        for name in NUMBER_FIELDS:
            i = at.get(name, -1)
            if i >= 0:
                value = _get(cells, i)
                try:
                    values[name] = number_value(value)
                except ValueError:
                    raise fail(i, f'cannot read "{value}" as a number') from None
        for name in COUNT_FIELDS:
            i = at.get(name, -1)
            if i >= 0:
                value = _get(cells, i)
                count = count_value(value)
                if count is None and text_value(value) is not None:
                    raise fail(i, f'cannot read "{value}" as a count')
                values[name] = count
        i = at.get("credibility", -1)
        if i >= 0:
            values["credibility"] = self._rate(_get(cells, i), fail, i, source, layout, "a share")
        i = at.get("engagement_rate", -1)
        if i >= 0:
            rate = self._rate(_get(cells, i), fail, i, source, layout)
            if rate is not None:
                values["engagement_rate"], values["engagement_method"] = rate, GIVEN
        return values

    def _rate(
        self,
        value: Any,
        fail: Callable[..., RowError],
        i: int,
        source: str,
        layout: Layout,
        what: str = "an engagement rate",
    ) -> float | None:
        if value is None or isinstance(value, bool):
            return None
        rate: float | None
        if isinstance(value, int | float):
            rate, percent = float(value), False
            if rate != rate or rate in (float("inf"), float("-inf")):
                raise fail(i, f'cannot read "{value}" as {what}')
        else:
            try:
                rate, percent = parse_rate(str(value))
            except ValueError:
                raise fail(
                    i, f'cannot read "{value}" as {what}', "write 4.1%, 4.1 or 0.041"
                ) from None
        if rate is None:
            return None
        if rate < 0:
            raise fail(i, f'{what.split(" ", 1)[1]} cannot be negative ("{value}")')
        if not percent and rate > 1:
            column = layout.names[i]
            if (source, column) not in self._percent_noted:
                self._percent_noted.add((source, column))
                self.warn(
                    f'{source}: column "{column}": values above 1 read as percentages '
                    f"(4.1 is 4.1%), values of 1 or less as fractions"
                )
            rate /= 100.0
        if what == "a share" and rate > 1:
            raise fail(i, f'cannot read "{value}" as a share (0-100%)')
        return rate
