"""microinf: classify and rank creator lists into follower tiers.

The library API; the command line is a thin layer over it (`microinf.cli`). Names are
imported on first use, so that `microinf --help` stays fast.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_EXPORTS = {
    "BUILTIN": "config",
    "LoadedTiers": "config",
    "load_tiers": "config",
    "parse_tiers": "config",
    "resolve_tiers_path": "config",
    "ConfigError": "errors",
    "DataError": "errors",
    "ExitCode": "errors",
    "MicroinfError": "errors",
    "Problem": "errors",
    "SourceError": "errors",
    "Creator": "models",
    "TierSpec": "models",
    "TiersConfig": "models",
    "Query": "pipeline",
    "ReadOptions": "pipeline",
    "Result": "pipeline",
    "Stats": "pipeline",
    "classify": "pipeline",
    "iter_creators": "pipeline",
    "load_creators": "pipeline",
    "rank": "ranking",
    "Scorer": "ranking",
    "TierIndex": "tiers",
}

__all__ = [
    "BUILTIN",
    "ConfigError",
    "Creator",
    "DataError",
    "ExitCode",
    "LoadedTiers",
    "MicroinfError",
    "Problem",
    "Query",
    "ReadOptions",
    "Result",
    "Scorer",
    "SourceError",
    "Stats",
    "TierIndex",
    "TierSpec",
    "TiersConfig",
    "__version__",
    "classify",
    "iter_creators",
    "load_creators",
    "load_tiers",
    "parse_tiers",
    "rank",
    "resolve_tiers_path",
]

if TYPE_CHECKING:
    from .config import BUILTIN, LoadedTiers, load_tiers, parse_tiers, resolve_tiers_path
    from .errors import ConfigError, DataError, ExitCode, MicroinfError, Problem, SourceError
    from .models import Creator, TiersConfig, TierSpec
    from .pipeline import (
        Query,
        ReadOptions,
        Result,
        Stats,
        classify,
        iter_creators,
        load_creators,
    )
    from .ranking import Scorer, rank
    from .tiers import TierIndex


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'microinf' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value
