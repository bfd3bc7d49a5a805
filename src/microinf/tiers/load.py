"""tiers.yaml -> TiersConfig: every problem found at once, each with file:line:column."""

from __future__ import annotations

import difflib
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from microinf.errors import ConfigError, Location, Problem, SourceError
from microinf.tiers.nodes import at, node_at
from microinf.tiers.schema import Example, PlatformTiers, TiersConfig, TierSpec
from microinf.tiers.yamlsafe import graph_problem

BUILTIN = "built-in default"
# libyaml's loader when PyYAML has it: the same nodes and marks, several times faster
_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
ENV_VAR = "MICROINF_TIERS"
MAX_DEPTH = 32  # a tiers file nests 5 levels; deeper is a mistake or an attack
MAX_ALIAS_NODES = 10_000  # nodes a tiers file may reach through YAML aliases


@dataclass(frozen=True)
class LoadedTiers:
    """A validated config and where it came from."""

    config: TiersConfig
    origin: str  # a path, or BUILTIN


def builtin_text() -> str:
    """The default tiers.yaml shipped inside the package."""
    return (resources.files("microinf") / "data" / "tiers.yaml").read_text(encoding="utf-8")


def resolve_tiers_path(explicit: str | None, cwd: Path | None = None) -> str | None:
    """--tiers FILE, else $MICROINF_TIERS, else ./tiers.yaml, else None (the built-in)."""
    if explicit:
        return explicit
    env = os.environ.get(ENV_VAR)
    if env:
        return env
    local = (cwd or Path.cwd()) / "tiers.yaml"
    if not local.is_file():
        return None
    return "./tiers.yaml" if cwd is None else str(local)


def load_tiers(path: str | None = None) -> LoadedTiers:
    """Read and validate a tiers file (None: the built-in); ConfigError lists every problem."""
    if path is None:
        return LoadedTiers(parse_tiers(builtin_text(), BUILTIN), BUILTIN)
    text = read_config_text(path)
    return LoadedTiers(parse_tiers(text, path), path)


def read_config_text(path: str) -> str:
    """The text of a config file; SourceError when it cannot be read."""
    try:
        return Path(path).read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise SourceError(
            f"{path}: no such file", hint="check the path of the tiers file"
        ) from None
    except IsADirectoryError:
        raise SourceError(f"{path}: is a directory, not a tiers file") from None
    except PermissionError:
        raise SourceError(f"{path}: permission denied") from None
    except UnicodeDecodeError as exc:
        raise ConfigError([Problem(Location(path), f"not UTF-8 text ({exc.reason})")]) from None
    except OSError as exc:  # not a directory, name too long, a symlink loop, an I/O error
        raise SourceError(f"{path}: cannot read ({exc.strerror or exc})") from None


def parse_tiers(text: str, name: str) -> TiersConfig:
    """Validate config text; raises ConfigError listing every error."""
    config, problems = check_text(text, name)
    if config is None:
        raise ConfigError(problems)
    return config


def check_text(text: str, name: str) -> tuple[TiersConfig | None, list[Problem]]:
    """All problems of one config text; the config when it is structurally valid."""
    try:
        loader = _LOADER(text)
        try:
            node = loader.get_single_node()
            if node is None:
                return None, [Problem(Location(name, 1, 1), "the file is empty")]
            unsafe = graph_problem(node, MAX_DEPTH, MAX_ALIAS_NODES, options=False)
            if unsafe:
                return None, [Problem(at(node, name), unsafe)]
            problems = list(_duplicate_keys(node, name))
            data = loader.construct_document(node)
        finally:
            loader.dispose()
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = mark.line + 1 if mark else None
        column = mark.column + 1 if mark else None
        reason = getattr(exc, "problem", None) or str(exc)
        if isinstance(exc, yaml.constructor.ConstructorError):
            reason = f"{reason} (only plain YAML values are allowed)"
            return None, [Problem(Location(name, line, column), reason)]
        return None, [Problem(Location(name, line, column), f"YAML syntax error: {reason}")]
    except RecursionError:
        return None, [Problem(Location(name, 1, 1), "nested too deep")]
    if not isinstance(data, dict):
        where = Location(name, node.start_mark.line + 1, node.start_mark.column + 1)
        return None, [Problem(where, "the top level must be a mapping with a `tiers` list")]
    from microinf.tiers.checks import config_problems, list_problems

    config: TiersConfig | None = None
    try:
        config = TiersConfig.model_validate(data)
    except ValidationError as exc:
        problems.extend(_pydantic_problems(exc, node, name))
    for path, items in _tier_lists(data):
        problems.extend(list_problems(_valid_tiers(items), node, name, path))
    problems.extend(config_problems(data, config, node, name))
    if any(p.severity == "error" for p in problems):
        config = None
    return config, _sorted(problems)


def _tier_lists(data: dict[str, Any]) -> Iterable[tuple[tuple[str, ...], Any]]:
    yield ("tiers",), data.get("tiers")
    platforms = data.get("platforms")
    if isinstance(platforms, dict):
        for platform, spec in platforms.items():
            if isinstance(spec, dict):
                yield ("platforms", str(platform), "tiers"), spec.get("tiers")


def _sorted(problems: list[Problem]) -> list[Problem]:
    return sorted(problems, key=lambda p: (p.location.line or 0, p.location.column or 0))


def _valid_tiers(items: Any) -> list[tuple[int, TierSpec]]:
    """The tiers that are valid on their own, so that order checks still run on them."""
    out: list[tuple[int, TierSpec]] = []
    if isinstance(items, list):
        for i, item in enumerate(items):
            try:
                out.append((i, TierSpec.model_validate(item)))
            except ValidationError:
                continue
    return out


def _duplicate_keys(root: yaml.Node, name: str) -> Iterable[Problem]:
    # each node once: an alias is the same node again, and following it would multiply the walk
    done: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in done:
            continue
        done.add(id(node))
        if isinstance(node, yaml.MappingNode):
            seen: set[str] = set()
            for k, v in node.value:
                if isinstance(k, yaml.ScalarNode):
                    if k.value in seen:
                        yield Problem(at(k, name), f'key "{k.value}" appears twice')
                    seen.add(k.value)
                stack.append(v)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(reversed(node.value))


def _describe(path: Sequence[str | int]) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _allowed_keys(path: Sequence[str | int]) -> list[str]:
    model: Any = TiersConfig
    if path and path[0] == "tiers":
        model = TierSpec
    elif path and path[0] == "examples":
        model = Example
    elif path and path[0] == "platforms":
        model = TierSpec if len(path) > 3 else PlatformTiers
    return list(model.model_fields)


def _pydantic_problems(exc: ValidationError, root: yaml.Node, name: str) -> Iterable[Problem]:
    for err in exc.errors():
        loc = [p if isinstance(p, int) else str(p) for p in err["loc"]]
        field = _describe(loc) or "(top level)"
        kind = err["type"]
        if kind == "extra_forbidden":
            parent, bad = loc[:-1], str(loc[-1])
            hint = difflib.get_close_matches(bad, _allowed_keys(parent), n=1)
            suggestion = f' (did you mean "{hint[0]}"?)' if hint else ""
            where = at(node_at(root, loc, key=True), name)
            yield Problem(where, f'unknown key "{bad}"{suggestion}')
            continue
        where = at(node_at(root, loc), name)
        value = err.get("input")
        if kind == "string_pattern_mismatch" and loc[-1] == "name":
            yield Problem(
                where, f"{field}: {value!r} is not a valid tier name (use a-z, 0-9, _ and -)"
            )
        elif kind == "missing":
            yield Problem(where, f'{field}: required key "{loc[-1]}" is missing')
        elif kind == "value_error":
            yield Problem(where, f"{field}: {err['msg'].removeprefix('Value error, ')}")
        else:
            shown = f" (got {value!r})" if not isinstance(value, dict | list) else ""
            yield Problem(where, f"{field}: {err['msg']}{shown}")
