"""YAML read safely: a node graph checked for alias expansion, cycles and depth before use."""

from __future__ import annotations

import math
from typing import Any

import yaml

_BASE: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    return []


def graph_problem(
    root: yaml.Node, max_depth: int, max_alias_nodes: int, options: bool = True
) -> str | None:
    """Why a node graph is unsafe to build (a cycle, too deep, too many alias nodes), or None.

    Aliases make the graph a DAG whose expanded size can be exponential in the text; this walk
    visits each node once and counts the expanded size without expanding anything.
    """
    size: dict[int, int] = {}
    depth: dict[int, int] = {}
    entered: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    distinct = 0
    while stack:
        node, finishing = stack.pop()
        key = id(node)
        if finishing:
            kids = _children(node)
            size[key] = 1 + sum(size[id(k)] for k in kids)
            depth[key] = 1 + max((depth[id(k)] for k in kids), default=0)
            if depth[key] > max_depth:
                return f"nested more than {max_depth} levels deep" + (
                    " (--max-depth)" if options else ""
                )
            continue
        if key in size:
            continue
        if key in entered:
            return "an alias refers to a node that contains it (a recursive structure)"
        entered.add(key)
        distinct += 1
        stack.append((node, True))
        for kid in _children(node):
            if id(kid) in entered and id(kid) not in size:
                return "an alias refers to a node that contains it (a recursive structure)"
            if id(kid) not in size:
                stack.append((kid, False))
    expanded = size[id(root)] - distinct
    if expanded > max_alias_nodes:
        return (
            f"aliases expand to {expanded:,} more nodes, over the {max_alias_nodes:,} allowed"
            + (" (--max-alias-nodes)" if options else "")
        )
    return None


def _text(loader: Any, node: yaml.Node) -> Any:
    return loader.construct_scalar(node)


def _float(loader: Any, node: yaml.Node) -> Any:
    value = loader.construct_yaml_float(node)
    # .inf and .nan are not numbers a creator can have: keep the text, which reads as an error
    return value if math.isfinite(value) else loader.construct_scalar(node)


class DataLoader(_BASE):  # type: ignore[misc]
    """The safe loader, with dates and binary kept as text and .inf/.nan as their text."""


DataLoader.add_constructor("tag:yaml.org,2002:timestamp", _text)
DataLoader.add_constructor("tag:yaml.org,2002:binary", _text)
DataLoader.add_constructor("tag:yaml.org,2002:float", _float)
