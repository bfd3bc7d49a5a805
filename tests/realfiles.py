"""The share of creators flagged (and reviewed) on the real files of ../shared/data.

`python tests/realfiles.py [--peers]` prints one row per file: creators with a rate, flagged,
to review. Each file is read with the command of docs/ranking.md.
"""

from __future__ import annotations

import json
import os
import shlex
import subprocess
import sys
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data"
COMMANDS = {
    "insta_top200.csv": "--platform-default instagram",
    "insta_top1000_2022.csv": '--platform-default instagram --map avg_likes="Engagement avg"',
    "tiktok_top1000_2022.csv": "--platform-default tiktok",
    "youtube_top1000_2022.csv": "--platform-default youtube",
    "youtube_top200_topics.csv": '--platform-default youtube --map niche="Main topic"',
    "twitch_top1000.csv": '--platform-default twitch --map avg_views="Average viewers"',
}


def shares(name: str, extra: tuple[str, ...] = ()) -> tuple[int, float, float]:
    """(creators with a rate, flagged share, review share) of one real file."""
    args = ["microinf", "classify", str(DATA / name), *shlex.split(COMMANDS[name]), *extra]
    out = subprocess.run(
        [*args, "--format", "json", "--fields", "engagement_rate,flags,review"],
        capture_output=True, text=True, check=True, env={**os.environ, "MICROINF_TIERS": ""},
    ).stdout  # fmt: skip
    rows = [r for r in json.loads(out) if r["engagement_rate"] is not None]
    flagged = sum(1 for r in rows if r["flags"]) / len(rows)
    review = sum(1 for r in rows if r["review"]) / len(rows)
    return len(rows), flagged, review


if __name__ == "__main__":
    extra = tuple(sys.argv[1:])
    print("| file | creators with a rate | flagged | to review |")
    print("| --- | --- | --- | --- |")
    for file in COMMANDS:
        count, flagged, review = shares(file, extra)
        print(f"| {file} | {count} | {flagged:.1%} | {review:.0%} |")
