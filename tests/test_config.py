from __future__ import annotations

from pathlib import Path

import pytest

from microinf.errors import ConfigError, SourceError
from microinf.tiers.load import BUILTIN, ENV_VAR, check_text, load_tiers, resolve_tiers_path

DATA = Path(__file__).parent / "data" / "tiers"
VALID = sorted((DATA / "valid").glob("*.yaml"))
INVALID = sorted((DATA / "invalid").glob("*.yaml"))


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.name)
def test_valid_configs_pass(path: Path) -> None:
    config, problems = check_text(path.read_text(), path.name)
    assert config is not None
    assert [p for p in problems if p.severity == "error"] == []


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.name)
def test_invalid_configs_fail_with_their_messages(path: Path) -> None:
    expected = path.with_suffix(".expected").read_text().splitlines()
    assert expected, f"{path.name} needs an .expected file"
    _, problems = check_text(path.read_text(), path.name)
    got = [f"{p.location.line}:{p.location.column}: {p.severity}: {p.message}" for p in problems]
    # the parser's own wording differs between libyaml and pure-Python PyYAML
    syntax = "YAML syntax error:"
    assert [g.split(syntax)[0] for g in got] == [e.split(syntax)[0] for e in expected]
    assert got == expected or all(syntax in e for e in expected)
    assert any(p.severity == "error" for p in problems)


WARN = sorted((DATA / "warn").glob("*.yaml"))


@pytest.mark.parametrize("path", WARN, ids=lambda p: p.name)
def test_warnings_do_not_stop_a_config(path: Path) -> None:
    expected = path.with_suffix(".expected").read_text().splitlines()
    config, problems = check_text(path.read_text(), path.name)
    got = [f"{p.location.line}:{p.location.column}: {p.severity}: {p.message}" for p in problems]
    assert got == expected
    assert config is not None and {p.severity for p in problems} == {"warning"}


def test_load_raises_every_error_at_once() -> None:
    path = DATA / "invalid" / "several.yaml"
    with pytest.raises(ConfigError) as info:
        load_tiers(str(path))
    assert len(info.value.lines()) == 3  # errors only; the note is not among them
    assert all(line.startswith(f"{path}:") for line in info.value.lines())


def test_suffixed_bounds_are_counts() -> None:
    config = load_tiers(str(DATA / "valid" / "suffixes.yaml")).config
    assert [(t.min, t.max) for t in config.tiers] == [
        (0, 10_000),
        (10_000, 1_500_000),
        (1_500_000, None),
    ]


def test_missing_file_is_a_source_error(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="no such file"):
        load_tiers(str(tmp_path / "absent.yaml"))


def test_resolution_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENV_VAR, raising=False)
    assert resolve_tiers_path(None, cwd=tmp_path) is None
    (tmp_path / "tiers.yaml").write_text("version: 1\n")
    assert resolve_tiers_path(None, cwd=tmp_path) == str(tmp_path / "tiers.yaml")
    monkeypatch.setenv(ENV_VAR, "env.yaml")
    assert resolve_tiers_path(None, cwd=tmp_path) == "env.yaml"
    assert resolve_tiers_path("flag.yaml", cwd=tmp_path) == "flag.yaml"


def test_builtin_default_loads() -> None:
    loaded = load_tiers(None)
    assert loaded.origin == BUILTIN
    assert [t.name for t in loaded.config.tiers] == ["nano", "micro", "mid", "macro", "mega"]
