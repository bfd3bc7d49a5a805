"""Cell values as records need them: text, categories, counts, numbers; nested rows flattened."""

from __future__ import annotations

import math
import re
from typing import Any

from microinf.numbers import MAX_NUMBER, MISSING, parse_count, parse_number

_NICHE_SPLIT = re.compile(r"\s*[,;|]\s*")


def text_value(value: Any) -> str | None:
    """A cell as stripped text, or None when it means "no value"."""
    if value is None:
        return None
    if isinstance(value, str):
        s = value.strip()
        return None if s.lower() in MISSING else s
    if isinstance(value, list):
        parts = [t for t in (text_value(v) for v in value) if t]
        return ", ".join(parts) or None
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def niche_values(value: Any) -> list[str]:
    """Categories from a cell: a list, or text split on , ; |."""
    if value is None:
        return []
    if isinstance(value, list):
        out: list[str] = []
        for v in value:
            out.extend(niche_values(v))
        return out
    text = text_value(value)
    if not text:
        return []
    parts = [p for p in _NICHE_SPLIT.split(text) if p and p.lower() not in MISSING]
    return list(dict.fromkeys(parts)) if len(parts) > 1 else parts


def flatten(record: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """Nested mappings as dotted keys: {"stats": {"followers": 1}} -> {"stats.followers": 1}."""
    flat: dict[str, Any] = {}
    # a stack rather than recursion: depth is bounded by the reader, not by Python's stack
    stack: list[tuple[str, Any]] = [(prefix, iter(record.items()))]
    while stack:
        base, items = stack[-1]
        for key, value in items:
            name = f"{base}{key}"
            if isinstance(value, dict) and value:
                stack.append((name + ".", iter(value.items())))
                break
            flat[name] = value
        else:
            stack.pop()
    return flat


def show_column(column: str) -> str:
    return '"' + column.replace("\n", "\\n") + '"'


def fit(header: list[str], cells: list[str]) -> dict[str, Any]:
    # a short row leaves the last columns empty; surplus cells are kept as column_N
    row: dict[str, Any] = dict.fromkeys(header, "")
    for i, cell in enumerate(cells):
        row[header[i] if i < len(header) else f"column_{i + 1}"] = cell
    return row


def count_value(value: Any) -> int | None:
    """A whole count from a cell; None when missing or unreadable (bool, NaN, infinite)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return round(value) if math.isfinite(value) else None
    if value is None:
        return None
    try:
        return parse_count(str(value))
    except ValueError:
        return None


def number_value(value: Any) -> float | None:
    """A finite number from a cell; None when missing.

    Raises ValueError for text that is not a number, a boolean, NaN, an infinite value or one
    above MAX_NUMBER.
    """
    if value is None:
        return None
    if isinstance(value, bool):
        raise ValueError(str(value))
    if isinstance(value, int | float):
        try:
            number = float(value)
        except OverflowError:
            raise ValueError(str(value)) from None
    else:
        number = parse_number(str(value))  # type: ignore[assignment]
        if number is None:
            return None
    if not math.isfinite(number) or abs(number) > MAX_NUMBER:
        raise ValueError(str(value))
    return number
