"""A whole ranked list kept on disk instead of in memory: SQLite (stdlib) in a temporary folder.

Without --top every creator must be held until the last row is read, to be sorted. Here each
one is stored as a pickled record with its sort key in columns and its duplicate key in an
index, so memory stays at SQLite's page cache whatever the input size; the sort is SQLite's
(an external merge sort), by the very key `order_key` gives, column by column: numbers as
numbers, text as UTF-8 bytes (whose byte order is the code point order Python compares by).
The folder is removed when the list is closed or collected, and on a normal exit.
"""

from __future__ import annotations

import pickle
import sqlite3
import tempfile
import weakref
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any, overload

from microinf.models import Creator

BATCH = 2048  # rows written per transaction step


def _column(value: Any) -> Any:
    if isinstance(value, str):
        return value.encode("utf-8", "surrogatepass")
    return value


class SpilledList(Sequence[Creator]):
    """Creators in `key` order, added one by one, read back in order (several times if asked)."""

    def __init__(self, key: Callable[[Creator], tuple[Any, ...]]) -> None:
        self._key = key
        self._folder = tempfile.TemporaryDirectory(prefix="microinf-")
        self._db = sqlite3.connect(Path(self._folder.name) / "list.db", isolation_level=None)
        self._db.execute("PRAGMA journal_mode = OFF")
        self._db.execute("PRAGMA synchronous = OFF")
        self._db.execute("PRAGMA temp_store = FILE")
        self._db.execute("BEGIN")
        self._width = 0
        self._shown = 0
        self._pending = 0
        self._closer = weakref.finalize(self, _close, self._db, self._folder)

    def _create(self, width: int) -> None:
        self._width = width
        keys = ", ".join(f"k{i}" for i in range(width))
        self._db.execute(
            f"CREATE TABLE c (pos INTEGER PRIMARY KEY, dup BLOB, shown INTEGER, {keys}, rec BLOB)"
        )
        self._db.execute("CREATE INDEX c_dup ON c (dup)")

    def add(self, creator: Creator, dup: str | None, shown: bool = True) -> None:
        """Keep a creator; `dup` is its duplicate key; a creator not shown is kept for its key."""
        key = self._key(creator)
        if not self._width:
            self._create(len(key))
        marks = ", ".join("?" * (len(key) + 3))
        self._db.execute(
            f"INSERT INTO c (dup, shown, {', '.join(f'k{i}' for i in range(len(key)))}, rec) "
            f"VALUES ({marks})",
            (_column(dup), int(shown), *map(_column, key), pickle.dumps(creator, 5)),
        )
        self._shown += shown
        self._step()

    def first(self, dup: str) -> tuple[int, Creator, bool] | None:
        """The creator kept under a duplicate key: its place, the record, whether it is shown."""
        if not self._width:
            return None
        row = self._db.execute(
            "SELECT pos, rec, shown FROM c WHERE dup = ?", (_column(dup),)
        ).fetchone()
        if row is None:
            return None
        return row[0], pickle.loads(row[1]), bool(row[2])

    def replace(self, pos: int, creator: Creator) -> None:
        """Store a creator again after a duplicate filled it in (its key may have moved)."""
        key = self._key(creator)
        sets = ", ".join(f"k{i} = ?" for i in range(len(key)))
        self._db.execute(
            f"UPDATE c SET {sets}, rec = ? WHERE pos = ?",
            (*map(_column, key), pickle.dumps(creator, 5), pos),
        )
        self._step()

    def _step(self) -> None:
        self._pending += 1
        if self._pending >= BATCH:
            self._db.execute("COMMIT")
            self._db.execute("BEGIN")
            self._pending = 0

    def __len__(self) -> int:
        return self._shown

    def __iter__(self) -> Iterator[Creator]:
        if not self._width:
            return
        order = ", ".join(f"k{i}" for i in range(self._width))
        for (rec,) in self._db.execute(f"SELECT rec FROM c WHERE shown ORDER BY {order}, pos"):
            yield pickle.loads(rec)

    @overload
    def __getitem__(self, index: int) -> Creator: ...

    @overload
    def __getitem__(self, index: slice) -> list[Creator]: ...

    def __getitem__(self, index: int | slice) -> Creator | list[Creator]:
        if isinstance(index, slice):
            return list(self)[index]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(index)
        for i, creator in enumerate(self):
            if i == index:
                return creator
        raise IndexError(index)

    def close(self) -> None:
        """Remove the database and its folder."""
        self._closer()


def _close(db: sqlite3.Connection, folder: tempfile.TemporaryDirectory[str]) -> None:
    db.close()
    folder.cleanup()
