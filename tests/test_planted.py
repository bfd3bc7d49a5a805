"""`--niche fitness --tier micro --top 20` finds the strong fitness creators, whatever the seed.

The lists draw rates from published figures (tests/planted.py), not from microinf's thresholds.
"""

from __future__ import annotations

import json

import pytest
from planted import PLATFORMS, planted_csv, precision_at_20

from conftest import Run


@pytest.mark.parametrize("platform", PLATFORMS)
def test_top_20_is_strong_fitness_creators(platform: str) -> None:
    scores = [precision_at_20(seed, platform) for seed in range(20)]
    assert min(scores) >= 0.8
    assert sum(scores) / len(scores) >= 0.95


@pytest.mark.parametrize("platform", PLATFORMS)
def test_fakes_and_pods_are_flagged_and_explained(run: Run, tmp_path, platform: str) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "planted.csv"
    path.write_text(planted_csv(7, platform))
    rows = json.loads(run("classify", str(path), "--fields", "handle,flags,review").stdout)
    fakes = [r for r in rows if r["handle"].startswith("fake_")]
    pods = [r for r in rows if r["handle"].startswith("pod_")]
    assert all({"mass_following", "few_posts"} <= set(r["flags"]) for r in fakes)
    for pod in pods:
        assert {"implausible_engagement", "comment_ratio"} & set(pod["flags"] + pod["review"])
    assert sum(1 for r in pods if r["flags"]) >= 0.8 * len(pods)
    strong = [r for r in rows if r["handle"].startswith("strong_")]
    assert not any(r["flags"] for r in strong)  # within the good band: never flagged
    kept = json.loads(run("classify", str(path), "--exclude-flagged", "--fields", "handle").stdout)
    assert not any(r["handle"].startswith("fake_") for r in kept)


def test_explain_a_creator_left_out_by_filters(run: Run, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "planted.csv"
    path.write_text(planted_csv(3))
    rows = json.loads(run("classify", str(path), "--fields", "handle,flags").stdout)
    pod = next(
        r["handle"]
        for r in rows
        if r["handle"].startswith("pod_") and "implausible_engagement" in r["flags"]
    )
    result = run(
        "explain", str(path), pod, "--niche", "fitness", "--tier", "micro", "--exclude-flagged"
    )
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith(f"{pod} (")
    assert any(line.startswith("  tier: micro: ") for line in lines)
    assert any(line.startswith("  flag implausible_engagement: engagement ") for line in lines)
    assert any(line.startswith("  plausible range: ") for line in lines)
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
        "plausible",
        "band",
        "engagement_rate",
        "flag_factor",
        "severity",
        "flags",
    }
