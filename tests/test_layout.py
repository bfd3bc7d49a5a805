"""The folder listing is the architecture: no import cycles, and arrows only point down the layers."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "microinf"

# a module may import its own layer and the layers before it, never a later one
LAYERS = [
    "errors",
    "numbers",
    "models",
    "platforms",
    "tiers",
    "rank",
    "read",
    "sql",
    "jobs",
    "render",
    "cli",
]


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports(path: Path) -> set[str]:
    """The microinf modules a file imports (lazy imports too; TYPE_CHECKING blocks excepted)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    skip: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skip.update(id(n) for n in ast.walk(node))
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module.startswith("microinf"):
                found.add(node.module)
                found.update(f"{node.module}.{a.name}" for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level:
            raise AssertionError(f"{path}: use absolute imports (from microinf....)")
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("microinf"))
    return found


def _graph() -> dict[str, set[str]]:
    files = {_module_name(p): p for p in SRC.rglob("*.py")}
    graph = {}
    for name, path in files.items():
        if name in ("microinf", "microinf.__main__"):
            continue  # the lazy facade and the entry point sit above every layer
        graph[name] = {m for m in _imports(path) if m in files and m != name and m != "microinf"}
    return graph


def _layer(module: str) -> int:
    return LAYERS.index(module.split(".")[1])


def test_every_module_belongs_to_a_layer() -> None:
    for module in _graph():
        assert module.split(".")[1] in LAYERS, f"{module} is in no layer of {LAYERS}"


def test_imports_point_down_the_layers() -> None:
    wrong = [
        f"{m} imports {d}" for m, deps in _graph().items() for d in deps if _layer(d) > _layer(m)
    ]
    assert wrong == []


def test_no_import_cycles() -> None:
    graph = _graph()
    cycles: list[list[str]] = []
    state: dict[str, int] = {}

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for dep in sorted(graph.get(node, ())):
            if state.get(dep) == 1:
                cycles.append([*trail[trail.index(dep) :], dep])
            elif dep not in state:
                visit(dep, [*trail, dep])
        state[node] = 2

    for start in sorted(graph):
        if start not in state:
            visit(start, [start])
    assert cycles == []


def test_a_cycle_would_be_found(tmp_path: Path) -> None:
    # the cycle finder itself can fail: two modules importing each other are a cycle
    a = tmp_path / "a.py"
    a.write_text("from microinf.x import y\n")
    assert "microinf.x" in _imports(a)


@pytest.mark.parametrize("banned", ["typer", "rich", "pydantic", "httpx", "yaml"])
def test_importing_the_library_stays_light(banned: str) -> None:
    code = f"import sys, microinf; microinf.Creator; print({banned!r} in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
