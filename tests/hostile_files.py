"""Hypothesis strategies for messy, hostile input files in every format, and tiers files.

Shared by tests/test_fuzz.py (a short run) and bench/fuzz.py (long runs).
"""

from __future__ import annotations

import codecs
import gzip
import json
import re
from typing import Any

from hypothesis import strategies as st

HOSTILE_TEXT = [
    "", " ", "N/A", "-", "—", "null", "NaN", "nan%", "inf", "-inf", "1e400", "-1e400", "1e308",
    "9" * 400, "1" + "0" * 30, "12.5K", "1,204,331", "2,28,00,000", "16,037 M", "4,1%", "0x1F",
    "=cmd|' /C calc'!A0", "+1", "-5", "@SUM(A1)", "\t=1", "[/]", "[bold]x[/bold]", "[link=x]y",
    "\x1b[2J", "\x1b]0;title\x07", "\u202eevil", "a\rb", "a\r\nb", 'q"uote', "\x00", "é", "😀",
    "true", "false", "yes", "2021-03-04", "!!python/object:os.system", "*alias", "&anchor",
    "{", "[", "}", "]", ",", ";", "|", "\\", "\ufeff",
]  # fmt: skip
HEADERS = [
    "handle", "followers", "platform", "niche", "engagement_rate", "avg_likes", "avg_comments",
    "bio", "price", "credibility", "posts", "following", "url", "source", "line", "reason",
    "=HYPERLINK()", "Followers Count", "", "handle", "\x1b[31mred", "[/]", "a\nb",
]  # fmt: skip

cells = st.one_of(
    st.sampled_from(HOSTILE_TEXT),
    st.integers(min_value=-(10**12), max_value=10**12).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.text(max_size=12),
)
values = st.one_of(
    cells,
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(),
    st.none(),
)
headers = st.lists(
    st.one_of(st.sampled_from(HEADERS), st.text(max_size=8)), min_size=1, max_size=8
).map(lambda h: ["handle", "followers", *h] if len(h) % 3 else h)


@st.composite
def csv_bytes(draw: Any) -> tuple[str, bytes]:
    """A CSV or TSV file: ragged rows, quotes, mixed line ends, several encodings."""
    delimiter = draw(st.sampled_from([",", ";", "\t", "|"]))
    header = draw(headers)
    lines = []
    for _ in range(draw(st.integers(0, 8))):
        width = draw(st.integers(0, len(header) + 2))
        row = [draw(cells) for _ in range(width)]
        lines.append(
            delimiter.join(_quote(c, delimiter) if draw(st.booleans()) else c for c in row)
        )
    end = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    text = end.join([delimiter.join(_quote(h, delimiter) for h in header), *lines]) + end
    name = "x.tsv" if delimiter == "\t" and draw(st.booleans()) else "x.csv"
    return name, _encode(draw, text)


def _quote(cell: str, delimiter: str) -> str:
    if any(ch in cell for ch in (delimiter, '"', "\n", "\r")):
        return '"' + cell.replace('"', '""') + '"'
    return cell


def _encode(draw: Any, text: str) -> bytes:
    kind = draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252", "broken"]))
    if kind == "cp1252":
        return text.encode("cp1252", errors="replace")
    if kind == "broken":
        data = bytearray(text.encode("utf-8"))
        for _ in range(draw(st.integers(0, 3))):
            if data:
                data[draw(st.integers(0, len(data) - 1))] = draw(st.integers(0x80, 0xFF))
        return bytes(data)
    return text.encode(kind) if kind != "utf-16" else codecs.BOM_UTF16_LE + text.encode("utf-16-le")


def _nested(depth: int) -> Any:
    return {"a": _nested(depth - 1)} if depth else 1


records = st.dictionaries(st.sampled_from(HEADERS), values, max_size=8).map(
    lambda r: {"handle": "h", "followers": 5000, **r} if len(r) % 2 else r
)
json_values = st.recursive(
    values,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner, max_size=3)
    ),
    max_leaves=20,
)


@st.composite
def json_bytes(draw: Any) -> tuple[str, bytes]:
    """A JSON document: a list, an object holding lists, deep nesting, hostile numbers."""
    items: list[Any] = draw(st.lists(st.one_of(records, json_values), max_size=6))
    if draw(st.booleans()):
        items.append({"handle": "deep", "followers": 5, "x": _nested(draw(st.integers(0, 200)))})
    shape = draw(st.sampled_from(["list", "data", "two", "scalar"]))
    doc: Any = {"list": items, "data": {"data": items}, "two": {"a": items, "b": items}}.get(
        shape, 7
    )
    text = json.dumps(doc, default=str)
    if draw(st.booleans()):  # hostile number tokens that json.dumps would never write
        text = re.sub(
            r"\b5000\b", draw(st.sampled_from(["1e400", "NaN", "-Infinity", "9" * 400])), text
        )
    if draw(st.booleans()):
        text = text[: draw(st.integers(0, len(text)))]  # cut short
    return ("x.json" if draw(st.booleans()) else "x"), text.encode()


@st.composite
def jsonl_bytes(draw: Any) -> tuple[str, bytes]:
    """JSONL: objects, blank lines, broken lines, arrays where objects belong."""
    lines = []
    for _ in range(draw(st.integers(0, 8))):
        kind = draw(st.sampled_from(["record", "broken", "blank", "other"]))
        if kind == "record":
            lines.append(json.dumps(draw(records), default=str))
        elif kind == "broken":
            lines.append(json.dumps(draw(records), default=str)[: draw(st.integers(0, 10))])
        elif kind == "blank":
            lines.append("")
        else:
            lines.append(json.dumps(draw(json_values), default=str))
    return "x.jsonl", "\n".join(lines).encode()


YAML_SCALARS = [
    ".inf", "-.inf", ".nan", "2021-03-04", "2021-03-04T10:00:00Z", "!!binary aGk=", "yes", "no",
    "~", "0x1F", "0o17", "1_000", "12.5K", "'[/]'", "\"\\e[2J\"", "!!python/object:os.system",
    "!!str 5", "!!set {a, b}", "*nope", "1e400", "9" * 40,
]  # fmt: skip


@st.composite
def yaml_bytes(draw: Any) -> tuple[str, bytes]:
    """YAML: tags, dates, infinities, anchors and aliases (some expanding), odd shapes."""
    lines = ["base: &b {followers: 5000, niche: food}", "creators:"]
    for i in range(draw(st.integers(0, 6))):
        kind = draw(st.sampled_from(["plain", "merge", "alias", "odd"]))
        if kind == "plain":
            value = draw(st.sampled_from(YAML_SCALARS))
            lines.append(f"  - {{handle: h{i}, followers: {value}}}")
        elif kind == "merge":
            lines.append(f"  - {{<<: *b, handle: m{i}}}")
        elif kind == "alias":
            lines.append("  - *b")
        else:
            lines.append(f"  - {draw(st.sampled_from(YAML_SCALARS))}")
    if draw(st.booleans()):
        depth = draw(st.integers(1, 9))
        lines = ["l0: &l0 [{handle: a, followers: 5000}]"]
        lines += [f"l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * 10) + "]" for i in range(1, depth)]
        lines.append(f"creators: *l{depth - 1}")
    if draw(st.booleans()):
        lines.append(draw(st.sampled_from(["loop: &t [*t]", "bad: [", "  - : :", "\t- x"])))
    return "x.yaml", ("\n".join(lines) + "\n").encode()


@st.composite
def any_source(draw: Any) -> tuple[str, bytes]:
    """A messy file of any format, sometimes gzipped."""
    name, data = draw(st.one_of(csv_bytes(), json_bytes(), jsonl_bytes(), yaml_bytes()))
    if draw(st.integers(0, 9)) == 0:
        return name + ".gz", gzip.compress(data)
    return name, data


TIERS_BASE = """version: 1
tiers:
  - {name: nano, min: 1000, max: 10000}
  - {name: micro, min: 10k, max: 50k}
  - {name: mid, min: 50000}
benchmarks: {default: {micro: 2.5%}}
costs: {default: {micro: [150, 400]}}
ranking: {relevance: 0.5, engagement: 0.5}
examples:
  - {followers: 10000, expect: micro}
"""
_SPOTS = re.compile(r"(?<=[:\[, ])(\d[\w.%]*|micro|nano|mid)(?=[,}\]\n])")
TIERS_VALUES = [
    "true", "-1", "0", ".inf", ".nan", "1e400", "-0.02", "2.5", "[1, 2]", "{a: 1}", "~", "'x'",
    "!!python/object/apply:os.system [echo]", "*nope", "&a [*a]", "10k", "1.5M", "-5%", "[-5, .inf]",
    "2021-01-01", "[/]", "\"\\e[2J\"",
]  # fmt: skip


@st.composite
def tiers_bytes(draw: Any) -> bytes:
    """A tiers.yaml with a few values replaced by hostile ones."""
    text = TIERS_BASE
    for _ in range(draw(st.integers(1, 4))):
        spots = list(_SPOTS.finditer(text))
        if not spots:
            break
        start, end = draw(st.sampled_from(spots)).span()
        text = text[:start] + draw(st.sampled_from(TIERS_VALUES)) + text[end:]
    if draw(st.booleans()):
        lines = text.splitlines()
        del lines[draw(st.integers(0, len(lines) - 1))]
        text = "\n".join(lines) + "\n"
    return text.encode()
