"""One registry of renderers keyed by (what is rendered, format); --format choices come from it.

A renderer writes one value to a text stream. `auto` is resolved here and nowhere else: the
people's format on a terminal, the machine's format in a pipe or a file.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any, TextIO

Renderer = Callable[[Any, TextIO], None]

_RENDERERS: dict[tuple[str, str], Renderer] = {}
# what -> (format on a terminal, format in a pipe)
_AUTO: dict[str, tuple[str, str]] = {}
_MODULES = ("creators", "tiers", "checks", "explain", "niches", "summary", "compare", "report")


def register(what: str, fmt: str) -> Callable[[Renderer], Renderer]:
    """Register a renderer of `what` in format `fmt`."""

    def add(fn: Renderer) -> Renderer:
        _RENDERERS[(what, fmt)] = fn
        return fn

    return add


def auto(what: str, terminal: str, pipe: str) -> None:
    """What `--format auto` means for `what`."""
    _AUTO[what] = (terminal, pipe)


def _load() -> None:
    # importing a module registers its renderers; a module imported before is not run again
    for name in _MODULES:
        importlib.import_module(f"microinf.render.{name}")


def formats(what: str, with_auto: bool = True) -> list[str]:
    """The formats `what` can be rendered in, `auto` first when it has a meaning."""
    _load()
    found = [fmt for (w, fmt) in _RENDERERS if w == what]
    return (["auto"] if with_auto and what in _AUTO else []) + found


def resolve(what: str, fmt: str, stream: TextIO) -> str:
    """The format to use: `auto` becomes the terminal's or the pipe's format."""
    _load()
    if fmt == "auto":
        terminal, pipe = _AUTO[what]
        return terminal if stream.isatty() else pipe
    return fmt


def render(what: str, fmt: str, value: Any, out: TextIO) -> None:
    """Write `value` to `out` as `fmt` (which may be `auto`)."""
    fmt = resolve(what, fmt, out)
    _RENDERERS[(what, fmt)](value, out)
