"""JSON, JSONL and YAML records: parsed within the limits, each unsafe record a BadRecord."""

from __future__ import annotations

import json
import math
from typing import Any

from microinf.errors import DataError, Location
from microinf.read.limits import Limits

RECORD_KEYS = ("creators", "data", "items", "results", "records", "rows", "influencers", "users")


class BadRecord(DataError):
    """A record that cannot be read (an oversize field, a broken JSONL line, too deep).

    Raised by a Table's row iterator, which goes on with the next record when asked again:
    under --on-error skip the record is rejected and the reading goes on.
    """

    def __init__(self, location: Location, reason: str, original: dict[str, Any]) -> None:
        super().__init__(f"{location}: {reason}")
        self.location = location
        self.reason = reason
        self.original = original


def _number(text: str) -> Any:
    # 1e400 is not a float anyone wrote on purpose: kept as text, it reads as a row error
    value = float(text)
    return value if math.isfinite(value) else text


def loads(text: str) -> Any:
    """JSON with NaN/Infinity as null, and out-of-range numbers kept as their text."""
    return json.loads(text, parse_constant=lambda _c: None, parse_float=_number)


def record_problem(record: Any, limits: Limits, depth: int = 0) -> str | None:
    """Why a record is unsafe to keep (too deep, a string too long), or None."""
    max_field = limits.max_field
    if isinstance(record, str):
        return None if len(record) <= max_field else _long(max_field)
    if not isinstance(record, dict | list):
        return None
    stack: list[tuple[Any, int]] = [(record, depth + 1)]
    while stack:
        value, level = stack.pop()
        if level > limits.max_depth:
            return f"nested more than {limits.max_depth} levels deep (raise with --max-depth)"
        items = value.values() if isinstance(value, dict) else value
        for item in items:
            if isinstance(item, dict | list):
                stack.append((item, level + 1))
            elif isinstance(item, str) and len(item) > max_field:
                return _long(max_field)
        if isinstance(value, dict):
            for key in value:
                if isinstance(key, str) and len(key) > max_field:
                    return _long(max_field)
    return None


def _long(limit: int) -> str:
    return f"a field is longer than {limit:,} characters (raise the cap with --max-field-size)"


class JsonlRows:
    """(line, record) of a JSONL source; a broken line raises BadRecord and reading goes on."""

    def __init__(self, text: Any, name: str, limits: Limits) -> None:
        self._lines = enumerate(text, 1)
        self._name = name
        self._limits = limits

    def __iter__(self) -> JsonlRows:
        return self

    def __next__(self) -> tuple[int, Any]:
        for number, line in self._lines:
            if not line.strip():
                continue
            where = Location(self._name, number)
            try:
                record = loads(line)
            except RecursionError:
                raise BadRecord(where, "invalid JSON (nested too deep)", {}) from None
            except ValueError as exc:
                raise BadRecord(where, f"invalid JSON ({exc})", {}) from None
            deep = line.count("[") + line.count("{") > self._limits.max_depth
            if deep or len(line) > self._limits.max_field:
                problem = record_problem(record, self._limits)
                if problem:
                    raise BadRecord(where, problem, {})
            return number, record
        raise StopIteration


def load_document(text: str, fmt: str, name: str, limits: Limits) -> Any:
    """A whole JSON or YAML document; DataError for invalid, recursive or unsafe ones."""
    if fmt == "json":
        try:
            return loads(text)
        except RecursionError:
            raise DataError(
                f"{name}: invalid JSON (nested too deep)",
                hint=f"records may nest {limits.max_depth} levels (--max-depth)",
            ) from None
        except ValueError as exc:
            raise DataError(f"{name}: invalid JSON ({exc})") from None
    import yaml

    from microinf.tiers.yamlsafe import DataLoader, graph_problem

    try:
        loader = DataLoader(text)
        try:
            node = loader.get_single_node()
            if node is None:
                return None
            problem = graph_problem(node, limits.max_depth + 2, limits.max_alias_nodes)
            if problem:
                mark = node.start_mark
                raise DataError(f"{name}:{mark.line + 1}: {problem}")
            return loader.construct_document(node)
        finally:
            loader.dispose()
    except RecursionError:
        raise DataError(f"{name}: invalid YAML (nested too deep)") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}:{mark.column + 1}" if mark else ""
        reason = getattr(exc, "problem", None) or exc
        raise DataError(f"{name}{where}: invalid YAML ({reason})") from None


def find_records(data: Any, name: str, path: str | None = None) -> list[Any]:
    """The list of records in a document: top level, a --records path, or one list-valued key."""
    if path:
        node = data
        for part in path.split("."):
            if isinstance(node, dict) and part in node:
                node = node[part]
            elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
                node = node[int(part)]
            else:
                raise DataError(f'{name}: no "{path}" in the document (stopped at "{part}")')
        data = node
    if isinstance(data, list):
        return data
    if isinstance(data, dict):
        lists = {k: v for k, v in data.items() if isinstance(v, list)}
        for key in RECORD_KEYS:
            if key in lists:
                return list(lists[key])
        if len(lists) == 1:
            return list(next(iter(lists.values())))
        if lists:
            keys = ", ".join(sorted(str(k) for k in lists))
            raise DataError(
                f"{name}: several lists ({keys}); which holds the creators?",
                hint="name it with --records KEY",
            )
        return [data]
    raise DataError(f"{name}: expected a list of records, found {type(data).__name__}")


class DocumentRows:
    """(record number, record); a record too deep or with an oversize string is a BadRecord."""

    def __init__(self, records: list[Any], name: str, limits: Limits) -> None:
        self._records = enumerate(records, 1)
        self._name = name
        self._limits = limits

    def __iter__(self) -> DocumentRows:
        return self

    def __next__(self) -> tuple[int, Any]:
        number, record = next(self._records)
        problem = record_problem(record, self._limits)
        if problem:
            raise BadRecord(Location(self._name, number), problem, {})
        return number, record
