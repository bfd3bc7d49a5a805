#!/usr/bin/env python3
"""Time `classify --engine duckdb` against a hand-written DuckDB query for the same task.

usage: python bench/sql_engine.py [ROWS]    (needs ../shared/bench/gen.py; ROWS defaults to 5e6)

The task: `--niche fitness --tier micro --top 50 --format json`. The hand-written query does
what an analyst would write for it (tiers, engagement from likes and comments, whole-word
keywords with DuckDB's strip_accents, the benchmark and the flags of the default tiers.yaml,
the score, the order). Prints wall time and peak RSS of each process and the ratios; then the
same commands on a one-row file (their start-up) and the ratio of the times past it.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from classify import CACHE, GEN, best_of  # noqa: E402

KEYWORDS = "fitness|gym|workout|hiit|crossfit|bodybuilding|yoga|pilates|running"
HAND_WRITTEN = """
WITH c AS (
  SELECT handle, platform, followers, following, posts, niche, bio,
    CASE WHEN followers >= 10000 AND followers < 50000 THEN 'micro' END AS tier,
    (avg_likes + coalesce(avg_comments, 0)) / nullif(followers, 0) AS rate,
    avg_likes, avg_comments
  FROM read_csv('{path}')
  WHERE followers >= 10000 AND followers < 50000
), r AS (
  SELECT *,
    regexp_matches(strip_accents(lower(coalesce(niche, ''))), '\\b({kw})\\b') AS cat,
    {hits} AS hits
  FROM (SELECT *, strip_accents(lower(coalesce(bio, ''))) AS b FROM c)
), s AS (
  SELECT *, (CASE WHEN cat THEN 0.6 ELSE 0 END) + 0.4 * (1 - pow(0.5, hits)) AS relevance,
    (rate < 0.25 * 0.0162)::INT + (rate > 4 * 0.0162 OR rate > 0.25)::INT
    + (avg_likes >= 50 AND NOT avg_comments / avg_likes BETWEEN 0.002 AND 0.5)::INT
    + (following > 1500 AND following >= 0.5 * followers)::INT
    + (posts < 12 AND followers >= 10000)::INT AS nflags
  FROM r
)
SELECT handle, platform, followers, tier, rate, relevance,
  round((0.5 * relevance + 0.5 * rate / (rate + 0.0162)) * pow(0.5, nflags), 4) AS score
FROM s WHERE relevance >= 0.25
ORDER BY score DESC, followers DESC, lower(handle), handle LIMIT 50
"""

RUN_QUERY = """
import duckdb, json, sys
rows = duckdb.sql(sys.argv[1]).fetchall()
print(json.dumps(rows, default=str))
"""


def commands(data: Path) -> tuple[list[str], list[str]]:
    """classify --engine duckdb and the hand-written query, both on `data`."""
    tiers = HERE.parent / "src" / "microinf" / "data" / "tiers.yaml"
    microinf = [sys.executable, "-m", "microinf", "classify", str(data), "--tiers", str(tiers),
                "--niche", "fitness", "--tier", "micro", "--top", "50", "--format", "json",
                "--engine", "duckdb"]  # fmt: skip
    hits = " + ".join(f"regexp_matches(b, '\\b{k}\\b')::INT" for k in KEYWORDS.split("|"))
    query = HAND_WRITTEN.format(path=str(data).replace("'", "''"), kw=KEYWORDS, hits=hits)
    return microinf, [sys.executable, "-c", RUN_QUERY, query]


def main() -> None:
    rows = int(float(sys.argv[1])) if len(sys.argv) > 1 else 5_000_000
    CACHE.mkdir(exist_ok=True)
    data = CACHE / f"creators-{rows}.csv"
    if not data.exists():
        subprocess.run([sys.executable, str(GEN), str(rows), str(data)], check=True)
    one = CACHE / "creators-1row.csv"  # the same commands on one row: their start-up
    with data.open(encoding="utf-8") as f:
        one.write_text(f.readline() + f.readline(), encoding="utf-8")
    print(f"{rows:,} rows: {data}")
    # modules compiled once and kept, as an installed package has them (pip compiles them)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    microinf, hand = commands(data)
    engine_t, engine_mb = best_of(5, microinf, env)
    hand_t, hand_mb = best_of(5, hand, env)
    start_engine, _ = best_of(5, commands(one)[0], env)
    start_hand, _ = best_of(5, commands(one)[1], env)
    print(f"classify --engine duckdb   {engine_t:6.2f} s  {engine_mb:6.0f} MB peak")
    print(f"hand-written DuckDB query  {hand_t:6.2f} s  {hand_mb:6.0f} MB peak")
    print(f"ratio (engine / hand)      {engine_t / hand_t:6.2f} x  {engine_mb / hand_mb:6.2f} x")
    print(f"start-up (on one row)      {start_engine:6.2f} s  and {start_hand:.2f} s")
    beyond = (engine_t - start_engine) / (hand_t - start_hand)
    print(f"ratio past start-up        {beyond:6.2f} x")


if __name__ == "__main__":
    main()
