"""microinf compare: creators paired as classify pairs duplicates, counts checked against the files."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path
from random import Random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import EXAMPLES, SHARED_DATA, Run

OLD, NEW = str(EXAMPLES / "creators.csv"), str(EXAMPLES / "creators-next.csv")


def rows(path: str) -> dict[tuple[str, str], dict[str, str]]:
    with open(path, encoding="utf-8") as f:
        return {(r["platform"], r["handle"].casefold()): r for r in csv.DictReader(f)}


def compared(run: Run, *args: str) -> dict[str, object]:
    result = run("compare", *args, "--format", "json")
    assert result.exit_code == 0, result.output
    return dict(json.loads(result.stdout))


def test_new_gone_and_growth_match_the_files(run: Run) -> None:
    before, after = rows(OLD), rows(NEW)
    data = compared(run, OLD, NEW)
    assert data["kept"] == len(before.keys() & after.keys())
    assert data["added"] == len(after.keys() - before.keys())
    assert data["gone"] == len(before.keys() - after.keys())
    creators = data["creators"]
    assert isinstance(creators, list)
    assert len(creators) == len(before.keys() | after.keys())
    for c in creators:
        key = (c["platform"], c["handle"].casefold())
        if c["status"] == "kept":
            growth = int(after[key]["followers"]) - int(before[key]["followers"])
            assert c["growth"] == growth
            assert c["growth_pct"] == pytest.approx(
                growth / int(before[key]["followers"]), abs=1e-6
            )
    moves = data["tier_moves"]
    assert isinstance(moves, list)
    assert sum(m["creators"] for m in moves) == data["kept"]


def test_biggest_movers_are_the_largest_growth(run: Run) -> None:
    data = compared(run, OLD, NEW, "--top", "3")
    kept = [c for c in data["creators"] if c["status"] == "kept"]  # type: ignore[attr-defined]
    best = sorted(kept, key=lambda c: -c["growth_pct"])[:3]
    assert data["biggest_gains"] == [
        {"handle": c["handle"], "platform": c["platform"]} for c in best
    ]
    worst = sorted(kept, key=lambda c: c["growth_pct"])[:3]
    assert data["biggest_losses"] == [
        {"handle": c["handle"], "platform": c["platform"]} for c in worst
    ]


def test_matched_by_platform_and_handle_ignoring_case(run: Run, write: Callable[..., Path]) -> None:
    old = write("old.csv", "handle,platform,followers\nAna,instagram,9000\nbo,x,5000\nbo,x,5100\n")
    new = write(
        "new.csv",
        "handle,platform,followers,engagement_rate\nana,instagram,12000,0.05\nbo,tiktok,5000,0.02\n",
    )
    result = run("compare", str(old), str(new), "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert (data["kept"], data["added"], data["gone"]) == (1, 1, 1)
    ana = next(c for c in data["creators"] if c["status"] == "kept")
    assert (ana["old_tier"], ana["new_tier"], ana["tier_moved"]) == ("nano", "micro", True)
    assert ana["growth"] == 3000 and ana["old_engagement_rate"] is None
    assert data["old"]["duplicates"] == 1
    assert "old.csv: 1 duplicate rows merged" in result.stderr


def test_every_format(run: Run) -> None:
    n = len(rows(OLD).keys() | rows(NEW).keys())
    lines = run("compare", OLD, NEW, "--format", "jsonl").stdout.splitlines()
    assert len(lines) == n and all(json.loads(line)["status"] for line in lines)
    table = list(csv.DictReader(io.StringIO(run("compare", OLD, NEW, "--format", "csv").stdout)))
    assert len(table) == n and {r["status"] for r in table} == {"kept", "new", "gone"}
    md = run("compare", OLD, NEW, "--format", "markdown").stdout
    assert "### Tier moves" in md and "### Biggest follower gains" in md
    text = run("compare", OLD, NEW, "--format", "table").stdout
    assert "tier moves" in text and "gone creators" in text and "\x1b[" not in text


def test_a_missing_snapshot_is_exit_3(run: Run) -> None:
    result = run("compare", OLD, "nowhere.csv")
    assert result.exit_code == 3 and "nowhere.csv" in result.stderr


@pytest.mark.skipif(not SHARED_DATA.is_dir(), reason="the shared data files are absent")
def test_two_real_instagram_lists(run: Run) -> None:
    with open(SHARED_DATA / "insta_top200.csv", encoding="utf-8-sig") as f:
        old = {r["channel_info"].casefold() for r in csv.DictReader(f)}
    with open(SHARED_DATA / "insta_top1000_2022.csv", encoding="utf-8") as f:
        new = {r["Influencer insta name"].casefold() for r in csv.DictReader(f)}
    data = compared(
        run, str(SHARED_DATA / "insta_top200.csv"), str(SHARED_DATA / "insta_top1000_2022.csv"),
        "--platform-default", "instagram",
    )  # fmt: skip
    assert (data["kept"], data["added"], data["gone"]) == (
        len(old & new), len(new - old), len(old - new),
    )  # fmt: skip


def test_keep_duplicates_is_refused(run: Run) -> None:
    result = run("compare", OLD, NEW, "--keep-duplicates")
    assert result.exit_code == 2 and "merges duplicates" in result.output


people = st.lists(
    st.tuples(st.sampled_from(["ana", "Ana", "bo", "cy", "DEE"]), st.sampled_from(["x", "tiktok"]),
              st.integers(min_value=0, max_value=3_000_000)),
    max_size=12,
)  # fmt: skip


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(people, people, st.randoms())
def test_row_order_does_not_change_the_comparison(
    tmp_path: Path, old: list[tuple[str, str, int]], new: list[tuple[str, str, int]], rng: Random
) -> None:
    from microinf.jobs.compare import compare

    def write(name: str, rows: list[tuple[str, str, int]]) -> str:
        path = tmp_path / name
        path.write_text(
            "handle,platform,followers\n" + "".join(f"{h},{p},{n}\n" for h, p, n in rows)
        )
        return str(path)

    # later duplicates only fill empty fields: keep one row per creator so any order is equal
    def unique(rows: list[tuple[str, str, int]]) -> list[tuple[str, str, int]]:
        return list({(h.casefold(), p): (h, p, n) for h, p, n in rows}.values())

    old, new = unique(old), unique(new)
    first = compare(write("a.csv", old), write("b.csv", new))
    rng.shuffle(old)
    rng.shuffle(new)
    second = compare(write("a.csv", old), write("b.csv", new))
    assert [c.as_dict() for c in first.changes] == [c.as_dict() for c in second.changes]
    assert first.matrix() == second.matrix()
    assert first.count("kept") + first.count("gone") == len(old)
    assert first.count("kept") + first.count("new") == len(new)
