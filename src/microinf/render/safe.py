"""Text from the data shown inert: no terminal control, no markup, no spreadsheet formula."""

from __future__ import annotations

import math
from typing import Any

# C0 controls (but tab and line feed), DEL, C1 controls, and the bidirectional overrides that
# can make a line read differently from what it holds
_CONTROLS = [*range(0x00, 0x09), *range(0x0B, 0x20), 0x7F, *range(0x80, 0xA0)]
_BIDI = [0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A)]
_VISIBLE = {c: f"\\x{c:02x}" if c < 0x100 else f"\\u{c:04x}" for c in [*_CONTROLS, *_BIDI]}
_ONE_LINE = {**_VISIBLE, 0x0A: "\\n", 0x09: "\\t"}
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")


def inert(text: str) -> str:
    """Control characters shown as escapes (\\x1b), so that they cannot drive a terminal."""
    return text.translate(_VISIBLE) if not text.isprintable() else text


def one_line(text: str) -> str:
    """As inert(), with line breaks and tabs shown as \\n and \\t too (messages, cells)."""
    return text.translate(_ONE_LINE) if not text.isprintable() else text


def spreadsheet_safe(text: str) -> str:
    """Text a spreadsheet would run as a formula, with a leading ' (as OWASP advises)."""
    if text.startswith(FORMULA_START) and not _is_number(text):
        return "'" + text
    return text


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def finite(value: Any) -> Any:
    """A JSON-ready value with NaN and infinities as None, in nested lists and dicts too."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {k: finite(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [finite(v) for v in value]
    return value
