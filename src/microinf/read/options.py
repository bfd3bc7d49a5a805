"""How to read sources: formats, columns, bad rows, duplicates, limits, progress."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from microinf.read.limits import DEFAULT_MAX_BYTES, READ_TIMEOUT, Limits
from microinf.read.rows import RowError


@dataclass
class ReadOptions:
    """How to read sources and what to do with bad rows and duplicates."""

    input_format: str | None = None
    delimiter: str | None = None
    records: str | None = None
    sheet: str | None = None  # a spreadsheet's sheet, by name or 1-based number
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
