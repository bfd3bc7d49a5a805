"""Planted creator lists: strong fitness creators hidden among fakes, pods, other niches, noise.

`python tests/planted.py` prints precision@20 of `--niche fitness --tier micro --top 20`
across seeds.
"""

from __future__ import annotations

import csv
import io
import random
import sys

HEADER = [
    "handle",
    "platform",
    "followers",
    "following",
    "posts",
    "niche",
    "bio",
    "avg_likes",
    "avg_comments",
    "kind",
]
MICRO_TYPICAL = 0.0162  # the benchmark of the default micro tier
FITNESS_BIO = ["gym", "workout", "hiit", "yoga", "running", "#fitness", "fitness"]
OTHER = {
    "beauty": ["makeup", "skincare", "#beauty"],
    "food": ["recipes", "baking", "#foodie"],
    "travel": ["wanderlust", "backpacking", "#travel"],
    "gaming": ["streamer", "esports", "#gaming"],
}
FILLER = ["daily", "tips", "coach", "life", "love", "sharing", "my", "journey", "collabs", "dm"]


def _bio(rng: random.Random, words: list[str], k: int) -> str:
    chosen = rng.sample(words, k) + rng.choices(FILLER, k=5)
    rng.shuffle(chosen)
    return " ".join(chosen)


def _row(rng: random.Random, i: int, kind: str) -> list[object]:
    niche = "fitness"
    followers = rng.randint(10_000, 49_999)
    rate = MICRO_TYPICAL * rng.uniform(2.0, 3.5)
    per_like = rng.uniform(0.01, 0.05)
    following, posts = rng.randint(150, 1200), rng.randint(80, 900)
    bio = _bio(rng, FITNESS_BIO, rng.randint(2, 3))
    if kind == "fake":  # bought followers: tiny engagement, mass following, few posts
        followers = rng.randint(10_000, 12_000)
        rate = MICRO_TYPICAL * rng.uniform(0.05, 0.2)
        following, posts = rng.randint(6_000, 7_500), rng.randint(2, 9)
    elif kind == "pod":  # engagement pods / bought likes
        rate = rng.uniform(0.10, 0.22)
        per_like = rng.choice([rng.uniform(0.0002, 0.001), rng.uniform(0.8, 1.5)])
    elif kind == "other":  # strong creators of other niches
        niche = rng.choice(list(OTHER))
        bio = _bio(rng, OTHER[niche], 2)
    elif kind == "noise":  # ordinary creators of every niche and tier
        niche = rng.choice(["fitness", *OTHER])
        followers = int(rng.lognormvariate(10.0, 2.0)) + 100
        rate = MICRO_TYPICAL * rng.uniform(0.3, 1.2)
        words = FITNESS_BIO if niche == "fitness" else OTHER[niche]
        bio = _bio(rng, words, rng.randint(0, 2))
    likes = int(followers * rate / (1 + per_like))
    comments = int(likes * per_like)
    platform = rng.choice(["instagram", "tiktok", "youtube"])
    return [f"{kind}_{i}", platform, followers, following, posts, niche, bio, likes, comments, kind]


def planted_csv(seed: int) -> str:
    """A shuffled creator list with 30 strong fitness creators among 290 others."""
    rng = random.Random(seed)
    kinds = ["strong"] * 30 + ["fake"] * 25 + ["pod"] * 25 + ["other"] * 40 + ["noise"] * 200
    rows = [_row(rng, i, kind) for i, kind in enumerate(kinds)]
    rng.shuffle(rows)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER)
    writer.writerows(rows)
    return out.getvalue()


def precision_at_20(seed: int) -> float:
    """The share of strong fitness creators in the top 20."""
    import tempfile
    from pathlib import Path

    from microinf.jobs.classify import Query, classify

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "planted.csv"
        path.write_text(planted_csv(seed))
        result = classify([str(path)], Query(niches=["fitness"], tiers=["micro"], top=20))
    top = result.creators
    return sum(1 for c in top if c.handle.startswith("strong_")) / max(len(top), 1)


if __name__ == "__main__":
    seeds = range(int(sys.argv[1]) if len(sys.argv) > 1 else 100)
    scores = [precision_at_20(s) for s in seeds]
    print(
        f"precision@20 over {len(scores)} seeds: min {min(scores):.2f}, mean {sum(scores) / len(scores):.3f}"
    )
