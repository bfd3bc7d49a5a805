"""Reading counts and rates as real exports write them: "12.5K", "1,204,331", "4.1%"."""

from __future__ import annotations

import math
import re

MISSING = frozenset(
    {"", "n/a", "na", "null", "none", "-", "\u2014", "\u2013", "nan", "nan%", "#n/a"}
)
_SPACES = str.maketrans("", "", " \u00a0\u202f\u2009\u2007\t")
_SUFFIX = {"k": 1e3, "m": 1e6, "b": 1e9}
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?", re.ASCII)
_DECIMAL_COMMA = re.compile(r"[+-]?\d+,\d{1,3}", re.ASCII)
# thousands groups (12,500) or Indian lakh groups (2,28,00,000), then an optional fraction
_GROUPED = re.compile(r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d{1,2}(?:,\d{2})*,\d{3})(?:\.\d*)?", re.ASCII)
MAX_FOLLOWERS = 10_000_000_000
# any other number (likes, views, a price) above this is not a real value: a row error
MAX_NUMBER = 1e15


def parse_number(text: str) -> float | None:
    """A number from a cell, with K/M/B suffixes and separators; None when missing.

    Raises ValueError when the text is not a number.
    """
    s = text.translate(_SPACES).lower().lstrip("$€£¥")
    if s in MISSING:
        return None
    scale = 1.0
    if s and s[-1] in _SUFFIX:
        scale = _SUFFIX[s[-1]]
        s = s[:-1]
        # before a suffix, "16,037" is a decimal comma (16.037M), as French exports write it
        if _DECIMAL_COMMA.fullmatch(s):
            s = s.replace(",", ".")
    if "," in s:
        if not _GROUPED.fullmatch(s):
            raise ValueError(text)
        s = s.replace(",", "")
    if not _NUMBER.fullmatch(s):
        raise ValueError(text)
    value = float(s) * scale
    if not math.isfinite(value):
        raise ValueError(text)
    return value


def parse_count(text: str) -> int | None:
    """A whole count (followers, likes); None when missing. Raises ValueError."""
    if text.isdigit() and text.isascii():  # the common case; int() alone would take "1_000"
        return int(text)
    value = parse_number(text)
    return None if value is None else round(value)


def parse_rate(text: str) -> tuple[float | None, bool]:
    """A rate and whether it carried a % sign; "4.1%" is (0.041, True). Raises ValueError."""
    s = text.strip()
    if "," in s and "." not in s:
        s = s.replace(",", ".")  # a rate has no thousands: "4,1%" is a decimal comma
    if s.endswith("%"):
        value = parse_number(s[:-1])
        return (None if value is None else value / 100.0), True
    return parse_number(s), False


def human(count: int | float) -> str:
    """12500 -> "12.5K", as people write follower counts."""
    n = float(count)
    for limit, suffix in ((1e9, "B"), (1e6, "M"), (1e3, "K")):
        if abs(n) >= limit:
            value = n / limit
            text = f"{value:.1f}".rstrip("0").rstrip(".")
            if text == "1000" and suffix != "B":  # 999,950 rounds up into the next unit
                return human(limit * 1000)
            return text + suffix
    return str(int(n))
