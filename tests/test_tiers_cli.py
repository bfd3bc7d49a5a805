"""`microinf tiers`: check, show, init, schema, diff; and classify with platform tiers."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from microinf.tiers.load import check_text
from microinf.tiers.lookup import TierIndex

from conftest import ROOT, Run

Write = Callable[[str, "str | bytes"], Path]
DATA = Path(__file__).parent / "data" / "tiers"
SEVERAL = DATA / "invalid" / "several.yaml"
WARN = DATA / "warn" / "unknown_platform.yaml"
VALID = DATA / "valid" / "platforms.yaml"


def test_check_text_output_and_exit_1(run: Run) -> None:
    result = run("tiers", "check", str(VALID), str(SEVERAL))
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"{SEVERAL}:4:5: note: the first tier starts at 1000: smaller creators get no tier",
        f'{SEVERAL}:7:5: error: tiers "nano" [1000, 10000) and "micro" [9000, 50000) overlap on [9000, 10000)',
        f'{SEVERAL}:9:5: error: tiers[2].name: required key "name" is missing',
        f'{SEVERAL}:9:5: error: unknown key "nam" (did you mean "name"?)',
        "2 files checked: 1 failed (3 errors, 1 note)",
    ]


def test_check_json_output(run: Run) -> None:
    result = run("tiers", "check", str(WARN), "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == [
        {
            "file": str(WARN),
            "line": 4,
            "column": 3,
            "severity": "warning",
            "message": '"myspace" is not a known platform',
        },
        {
            "file": str(WARN),
            "line": 10,
            "column": 3,
            "severity": "warning",
            "message": 'keyword "running" is listed under niches "fitness" and "outdoors"',
        },
    ]


def test_check_github_output(run: Run, write: Write) -> None:
    path = write("t,1.yaml", "version: 1\npreset: standrd\n")
    result = run("tiers", "check", str(path), "--format", "github")
    assert result.exit_code == 1
    escaped = str(path).replace(",", "%2C")
    assert result.stdout == (
        f'::error file={escaped},line=2,col=9::unknown preset "standrd" (did you mean "standard"?)\n'
    )


def test_strict_fails_on_warnings(run: Run) -> None:
    assert run("tiers", "check", str(WARN)).exit_code == 0
    assert run("tiers", "check", str(WARN), "--strict").exit_code == 1


def test_unreadable_file_exits_3_and_others_are_still_checked(run: Run) -> None:
    result = run("tiers", "check", "absent.yaml", str(SEVERAL))
    assert result.exit_code == 3
    assert "absent.yaml: error: no such file" in result.stdout
    assert f"{SEVERAL}:7:5: error:" in result.stdout


def test_every_valid_file_passes_and_every_invalid_file_fails(run: Run) -> None:
    valid = sorted(str(p) for p in (DATA / "valid").glob("*.yaml"))
    assert run("tiers", "check", *valid, "--strict").exit_code == 0
    for path in sorted((DATA / "invalid").glob("*.yaml")):
        assert run("tiers", "check", str(path)).exit_code == 1, path.name


def test_the_repository_configs_pass(run: Run) -> None:
    files = [str(ROOT / "tiers.yaml"), *map(str, sorted((ROOT / "examples").glob("tiers*.yaml")))]
    assert len(files) >= 2
    assert run("tiers", "check", *files, "--strict").exit_code == 0


def test_show_table_and_json(run: Run) -> None:
    table = run("tiers", "show", "--format", "table")
    assert table.exit_code == 0
    assert "10K \u2013 50K" in table.stdout and "1M+" in table.stdout
    assert "tiers: built-in default" in table.stdout
    rows = json.loads(run("tiers", "show", "--tiers", str(VALID), "--platform", "TikTok").stdout)
    assert [(r["name"], r["min"], r.get("max")) for r in rows] == [
        ("nano", 0, 20000),
        ("micro", 20000, 100000),
        ("mid", 100000, None),
    ]


def test_init_writes_a_file_that_passes(run: Run, tmp_path: Path) -> None:
    result = run("tiers", "init", "--preset", "later")
    assert result.exit_code == 0
    text = (tmp_path / "tiers.yaml").read_text()
    assert text.startswith("# yaml-language-server: $schema=./tiers.schema.json\n")
    assert (
        json.loads((tmp_path / "tiers.schema.json").read_text())["title"] == "microinf tiers.yaml"
    )
    assert run("tiers", "check", "tiers.yaml", "--strict").exit_code == 0
    refused = run("tiers", "init")
    assert refused.exit_code == 2 and "not overwriting" in refused.stderr
    assert (tmp_path / "tiers.yaml").read_text() == text
    assert run("tiers", "init", "--force").exit_code == 0
    assert "'standard' preset" in (tmp_path / "tiers.yaml").read_text()


def test_committed_schema_is_current(run: Run) -> None:
    committed = (ROOT / "schemas" / "tiers.schema.json").read_text()
    assert run("tiers", "schema").stdout == committed, (
        "run: microinf tiers schema > schemas/tiers.schema.json"
    )


def test_diff_lists_changes_and_movers(run: Run, write: Write) -> None:
    old = write("old.yaml", "version: 1\npreset: standard\n")
    new = write(
        "new.yaml",
        "version: 1\ntiers:\n  - {name: nano, min: 1000, max: 10000}\n  - {name: micro, min: 10000, max: 100000}\n"
        "  - {name: macro, min: 100000, max: 1000000}\n  - {name: celebrity, min: 1000000}\n",
    )
    creators = write(
        "c.csv",
        "handle,followers\nstay,5000\nup,60000\ndown,200000\nmid2,499999\nbig,2000000\nsmall,10\n",
    )
    result = run("tiers", "diff", str(old), str(new), "--on", str(creators), "--format", "json")
    assert result.exit_code == 0
    out = json.loads(result.stdout)
    assert out["changes"] == [
        'tier "mega" renamed to "celebrity" [1000000, ∞)',
        'tier "micro" moved from [10000, 50000) to [10000, 100000)',
        'tier "macro" moved from [500000, 1000000) to [100000, 1000000)',
        'tier "mid" removed (was [50000, 500000))',
    ]
    assert out["creators"] == 6
    moves = {(m["handle"], m["old"], m["new"]) for m in out["movers"]}
    assert moves == {
        ("up", "mid", "micro"),
        ("down", "mid", "macro"),
        ("mid2", "mid", "macro"),
        ("big", "mega", "celebrity"),
    }
    assert {"from": "mid", "to": "macro", "count": 2} in out["matrix"]
    assert {"from": None, "to": None, "count": 1} in out["matrix"]
    table = run("tiers", "diff", str(old), str(new), "--on", str(creators), "--format", "table")
    assert "4 of 6 creators change tier" in table.stdout
    tiktok = write(
        "t.yaml",
        "version: 1\npreset: standard\nplatforms:\n  tiktok:\n    tiers:\n"
        "      - {name: small, min: 0, max: 100000}\n      - {name: big, min: 100000}\n",
    )
    args = ["--on", str(creators), "--platform-default", "tiktok", "--format", "json"]
    moved = json.loads(run("tiers", "diff", str(old), str(tiktok), *args).stdout)
    assert moved["creators"] == 6 and len(moved["movers"]) == 6


def test_classify_uses_platform_tiers(run: Run, write: Write) -> None:
    creators = write(
        "c.csv", "handle,platform,followers\na,tiktok,60000\nb,instagram,60000\nc,,15000\n"
    )
    result = run("classify", str(creators), "--tiers", str(VALID), "--fields", "handle,tier")
    assert json.loads(result.stdout) == [
        {"handle": "a", "tier": "micro"},
        {"handle": "b", "tier": "mid"},
        {"handle": "c", "tier": "micro"},
    ]
    tiktok_micro = run(
        "classify", str(creators), "--tiers", str(VALID), "--tier", "micro", "--fields", "handle"
    )
    assert [r["handle"] for r in json.loads(tiktok_micro.stdout)] == ["a", "c"]


BOUNDS = st.lists(st.integers(0, 10**7), min_size=1, max_size=6, unique=True).map(sorted)


@given(BOUNDS, st.booleans(), st.integers(0, 2 * 10**7))
def test_a_config_that_passes_maps_each_count_to_one_tier(
    bounds: list[int], open_end: bool, n: int
) -> None:
    lines = ["version: 1", "tiers:"]
    tops: list[int | None] = [*bounds[1:], None if open_end else bounds[-1] + 1000]
    for i, (lo, hi) in enumerate(zip(bounds, tops, strict=True)):
        lines.append(
            f"  - name: t{i}\n    min: {lo}" + (f"\n    max: {hi}" if hi is not None else "")
        )
    config, problems = check_text("\n".join(lines) + "\n", "p.yaml")
    assert config is not None, problems
    tiers = config.tier_list()
    holding = [t.name for t in tiers if t.min <= n and (t.max is None or n < t.max)]
    if n >= tiers[0].min and (open_end or n < tiers[-1].max):  # type: ignore[operator]
        assert len(holding) == 1
    assert TierIndex(tiers).lookup(n) == (holding[0] if holding else None)


def test_schema_accepts_the_valid_configs_and_catches_unknown_keys() -> None:
    import jsonschema
    import yaml

    schema = json.loads((ROOT / "schemas" / "tiers.schema.json").read_text())
    for path in [*sorted((DATA / "valid").glob("*.yaml")), ROOT / "examples" / "tiers-tiktok.yaml"]:
        jsonschema.validate(yaml.safe_load(path.read_text()), schema)
    bad = yaml.safe_load((DATA / "invalid" / "unknown_key.yaml").read_text())
    assert not jsonschema.Draft202012Validator(schema).is_valid(bad)


def test_niche_keywords_from_the_config_widen_niche(run: Run, write: Write) -> None:
    creators = write(
        "c.csv", "handle,followers,niche\na,20000,Kettlebell\nb,20000,fitness\nc,20000,food\n"
    )
    config = write("t.yaml", "version: 1\npreset: standard\nniches:\n  fitness: [kettlebell]\n")
    plain = run("classify", str(creators), "--niche", "fitness", "--fields", "handle")
    assert [r["handle"] for r in json.loads(plain.stdout)] == ["b"]
    wide = run(
        "classify",
        str(creators),
        "--tiers",
        str(config),
        "--niche",
        "Fitness",
        "--fields",
        "handle",
    )
    assert [r["handle"] for r in json.loads(wide.stdout)] == ["a", "b"]
