"""The rules of classify compiled to SQL (needs the `sql` extra: sqlglot)."""

from __future__ import annotations

import importlib
from types import ModuleType

from microinf.errors import ExitCode, MicroinfError


def require(module: str, extra: str, what: str) -> ModuleType:
    """Import an optional dependency, or say which extra installs it (exit code 2)."""
    try:
        return importlib.import_module(module)
    except ImportError:
        raise MicroinfError(
            f"{what} needs the {module} package, which is not installed",
            hint=f'pip install "microinf[{extra}]"',
            exit_code=ExitCode.USAGE,
        ) from None
