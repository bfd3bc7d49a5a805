"""microinf: classify and rank creator lists into follower tiers.

The library API; the command line is a thin layer over it (`microinf.cli`). Names are
imported on first use, so that `microinf --help` stays fast.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_EXPORTS = {
    "BUILTIN": "tiers.load",
    "LoadedTiers": "tiers.load",
    "load_tiers": "tiers.load",
    "parse_tiers": "tiers.load",
    "resolve_tiers_path": "tiers.load",
    "ConfigError": "errors",
    "DataError": "errors",
    "ExitCode": "errors",
    "MicroinfError": "errors",
    "Problem": "errors",
    "SourceError": "errors",
    "Creator": "models",
    "TierSpec": "tiers.schema",
    "TiersConfig": "tiers.schema",
    "Query": "jobs.classify",
    "ReadOptions": "read.options",
    "Result": "jobs.classify",
    "Stats": "jobs.classify",
    "classify": "jobs.classify",
    "iter_creators": "jobs.classify",
    "load_creators": "jobs.classify",
    "rank": "rank.score",
    "Scorer": "rank.score",
    "TierIndex": "tiers.lookup",
    "summary": "jobs.summary",
    "compare": "jobs.compare",
    "report": "jobs.report",
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
    "compare",
    "iter_creators",
    "load_creators",
    "load_tiers",
    "parse_tiers",
    "rank",
    "report",
    "resolve_tiers_path",
    "summary",
]

if TYPE_CHECKING:
    from microinf.errors import (
        ConfigError,
        DataError,
        ExitCode,
        MicroinfError,
        Problem,
        SourceError,
    )
    from microinf.jobs.classify import (
        Query,
        Result,
        Stats,
        classify,
        iter_creators,
        load_creators,
    )
    from microinf.jobs.compare import compare
    from microinf.jobs.report import report
    from microinf.jobs.summary import summary
    from microinf.models import Creator
    from microinf.rank.score import Scorer, rank
    from microinf.read.options import ReadOptions
    from microinf.tiers.load import (
        BUILTIN,
        LoadedTiers,
        load_tiers,
        parse_tiers,
        resolve_tiers_path,
    )
    from microinf.tiers.lookup import TierIndex
    from microinf.tiers.schema import TiersConfig, TierSpec


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'microinf' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value
