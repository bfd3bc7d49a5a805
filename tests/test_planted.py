"""`--niche fitness --tier micro --top 20` finds only the strong fitness creators, whatever the seed."""

from __future__ import annotations

import json

import pytest
from planted import planted_csv, precision_at_20

from conftest import Run


@pytest.mark.parametrize("seed", range(30))
def test_top_20_is_only_strong_fitness_creators(seed: int) -> None:
    assert precision_at_20(seed) == 1.0


def test_fakes_and_pods_are_flagged_and_explained(run: Run, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "planted.csv"
    path.write_text(planted_csv(7))
    rows = json.loads(run("classify", str(path), "--fields", "handle,flags").stdout)
    flags = {r["handle"]: r["flags"] for r in rows}
    fakes = [f for h, f in flags.items() if h.startswith("fake_")]
    pods = [f for h, f in flags.items() if h.startswith("pod_")]
    assert all({"low_engagement", "mass_following", "few_posts"} <= set(f) for f in fakes)
    assert all("implausible_engagement" in f and "comment_ratio" in f for f in pods)
    kept = json.loads(run("classify", str(path), "--exclude-flagged", "--fields", "handle").stdout)
    assert not any(r["handle"].startswith(("fake_", "pod_")) for r in kept)


def test_explain_a_creator_left_out_by_filters(run: Run, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "planted.csv"
    path.write_text(planted_csv(3))
    pod = next(
        line.split(",")[0] for line in planted_csv(3).splitlines() if line.startswith("pod_")
    )
    result = run(
        "explain", str(path), pod, "--niche", "fitness", "--tier", "micro", "--exclude-flagged"
    )
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith(f"{pod} (")
    assert any(line.startswith("  tier: micro: ") for line in lines)
    assert any(line.startswith("  flag implausible_engagement: engagement ") for line in lines)
    assert "  rank: not shown" in lines
    assert any(
        line.startswith("  left out by --exclude-flagged: flagged implausible_engagement")
        for line in lines
    )
    missing = run("explain", str(path), "nobody_here")
    assert missing.exit_code == 1 and "no creator with the handle 'nobody_here'" in missing.stderr


def test_explain_json_of_a_shown_creator(run: Run, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "planted.csv"
    path.write_text(planted_csv(3))
    top = json.loads(
        run("classify", str(path), "--niche", "fitness", "--top", "1", "--fields", "handle").stdout
    )
    (explained,) = json.loads(
        run("explain", str(path), top[0]["handle"], "--niche", "fitness", "--json").stdout
    )
    assert explained["rank"] == 1 and explained["excluded_by"] == []
    assert set(explained["score_parts"]) == {
        "relevance",
        "engagement_quality",
        "benchmark_rate",
        "engagement_rate",
        "flag_factor",
        "flags",
    }
