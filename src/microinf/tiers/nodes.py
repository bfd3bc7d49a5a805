"""Where a value sits in a YAML file: nodes by path, and their file:line:column."""

from __future__ import annotations

from collections.abc import Sequence

import yaml

from microinf.errors import Location


def at(node: yaml.Node, name: str) -> Location:
    """The file:line:column of a node."""
    return Location(name, node.start_mark.line + 1, node.start_mark.column + 1)


def node_at(root: yaml.Node, path: Sequence[str | int], *, key: bool = False) -> yaml.Node:
    """The deepest node along a path of mapping keys and list indexes (the key node if asked)."""
    node = root
    for i, part in enumerate(path):
        last = i == len(path) - 1
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                if k.value == str(part):
                    node = k if key and last else v
                    break
            else:
                return node
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
            if 0 <= part < len(node.value):
                node = node.value[part]
            else:
                return node
        else:
            return node
    return node
