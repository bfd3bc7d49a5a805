"""A Table's rows -> Creator records; the column plan is resolved once per set of columns."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from microinf.errors import Location, UsageError
from microinf.models import Creator
from microinf.rank.filters import Filters
from microinf.read.columns import Plan, normalise, plan_for
from microinf.read.fastcsv import csv_creators
from microinf.read.formats import BadRecord, Table
from microinf.read.rows import Layout, RowBuilder, RowError
from microinf.read.values import fit, flatten, show_column
from microinf.tiers.lookup import TierRules
from microinf.tiers.schema import TiersConfig

__all__ = ["RecordReader", "RowError"]


class RecordReader:
    """Turns the rows of one Table into Creators; a bad row raises RowError or is handed on."""

    def __init__(
        self,
        table: Table,
        overrides: dict[str, str] | None = None,
        warn: Callable[[str], None] | None = None,
        filters: Filters | None = None,
        platform_default: str | None = None,
        on_reject: Callable[[RowError], None] | None = None,
    ) -> None:
        self.table = table
        self.on_reject = on_reject
        self.seen = 0  # non-blank rows read
        self.rejected = 0
        self.filters = filters or Filters(TierRules(TiersConfig(version=1, tiers=None)))
        self.builder = RowBuilder(self.filters, platform_default, warn)
        self.overrides = overrides
        self.warn = warn or (lambda _msg: None)
        self._layouts: dict[tuple[str, ...], Layout] = {}
        self._progress: Callable[[], int] = lambda: self.seen
        if table.header is not None:
            self.layout_of(tuple(table.header))

    @property
    def live(self) -> int:
        """Rows read so far, for progress reports."""
        return self._progress()

    def layout_of(self, keys: tuple[str, ...]) -> Layout:
        """The compiled column plan of a set of columns (computed once, warnings given once)."""
        layout = self._layouts.get(keys)
        if layout is None:
            layout = Layout.of(keys, self._plan(keys))
            self._layouts[keys] = layout
        return layout

    def _plan(self, keys: tuple[str, ...]) -> Plan:
        overrides = {}
        for name, column in (self.overrides or {}).items():
            # the exact name, else the header that folds to the same name ("Engagement avg"
            # for a header written "Engagement avg" + a line break)
            found = column if column in keys else _folded(keys).get(normalise(column))
            if found is None and not self._layouts:
                raise UsageError(
                    f'--map {name}={column}: {self.table.source} has no column "{column}"',
                    hint="columns: " + ", ".join(show_column(k) for k in keys),
                )
            overrides[name] = found or column
        plan = plan_for(list(keys), overrides)
        for name, kept, ignored in plan.columns.competing:
            self.warn(
                f'{self.table.source}: columns "{kept}" and "{ignored}" both look like '
                f'{name}; using "{kept}" (choose with --map {name}=COLUMN)'
            )
        return plan

    def __iter__(self) -> Iterator[Creator]:
        if self.table.header is not None:
            layout = self.layout_of(tuple(self.table.header))
            read = 0

            def count(n: int) -> None:
                nonlocal read
                self.seen += n - read
                read = n

            self.track(lambda: self.seen)
            yield from csv_creators(self.table, layout, self.cells, self.filters, count, self.bad)
            return
        source = self.table.source
        rows = iter(self.table.rows)
        while True:
            try:
                number, record = next(rows)
            except StopIteration:
                return
            except BadRecord as bad:  # a broken line or an oversize value: this record only
                self.seen += 1
                self.reject(RowError(bad.location, bad.reason, bad.original))
                continue
            self.seen += 1
            creator = self.record(record, source, number)
            if creator is not None:
                yield creator

    def record(self, record: Any, source: str, number: int) -> Creator | None:
        """One JSON/YAML record (or a CSV row that does not fit its header) as a Creator."""
        try:
            if not isinstance(record, dict):
                raise RowError(
                    Location(source, number),
                    f"expected a mapping of fields, found {type(record).__name__}",
                    {"value": record},
                )
            if any(isinstance(v, dict) for v in record.values()):
                record = flatten(record)
            keys = tuple(record)
            return self.builder.build(self.layout_of(keys), list(record.values()), source, number)
        except RowError as err:
            self.reject(err)
            return None

    def cells(self, layout: Layout, cells: list[str], line: int) -> Creator | None:
        """One CSV row under its header as a Creator; a ragged row is fitted to the header."""
        if len(cells) != len(layout.names):
            return self.record(fit(list(layout.names), cells), self.table.source, line)
        try:
            return self.builder.build(layout, cells, self.table.source, line)
        except RowError as err:
            self.reject(err)
            return None

    def bad(self, line: int, reason: str) -> None:
        """A record the parser refused: rejected like a bad row."""
        self.reject(RowError(Location(self.table.source, line), reason, {}))

    def track(self, progress: Callable[[], int]) -> None:
        """Where progress reports read the count of rows so far."""
        self._progress = progress

    def reject(self, err: RowError) -> None:
        """A bad row: raised under --on-error fail, handed to on_reject under skip."""
        if self.on_reject is None:
            raise err
        self.rejected += 1
        self.on_reject(err)


def _folded(keys: tuple[str, ...]) -> dict[str, str]:
    """Header names by their folded form (the first header wins)."""
    out: dict[str, str] = {}
    for key in keys:
        out.setdefault(normalise(key), key)
    return out
