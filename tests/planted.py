"""Planted creator lists: strong fitness creators hidden among fakes, pods, other niches, noise.

Rates are drawn from the published figures (docs/ranking.md), not from microinf's thresholds:
ordinary creators between the lowest and highest published typical rate of their size, strong
micro creators from the top of that range up to the top of the published "good" band.

`python tests/planted.py [SEEDS]` prints precision@20 of `--niche fitness --tier micro --top 20`
across seeds, for Instagram and TikTok lists.
"""

from __future__ import annotations

import csv
import io
import math
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
    "avg_views",
    "kind",
]
# (lowest followers, lowest and highest published typical rate) per platform, in rate units of
# the platform's definition (Instagram: per follower; TikTok: per view).
ORDINARY = {
    # HypeAuditor 2026 nano 1.78% .. Modash 1k-5k 4.42%; HypeAuditor 2026 micro 0.54% ..
    # HypeAuditor 2018 20k-100k median 2.63%; Modash 1M+ 1.02-1.27%
    "instagram": ((0, 0.0178, 0.0442), (10_000, 0.0054, 0.0263), (1_000_000, 0.0102, 0.0127)),
    # Modash Nov 2025 (one source: widened 1.5x either way for the disagreement between sources)
    "tiktok": (
        (0, 0.1206 / 1.5, 0.1404 * 1.5),
        (10_000, 0.0838 / 1.5, 0.0937 * 1.5),
        (1_000_000, 0.0620 / 1.5, 0.0684 * 1.5),
    ),
}
# strong micro creators: from the top of the ordinary range to the top of the "good" band
# (Instagram: trendHERO micro 11.2%; TikTok: none published, 3x Modash's micro top)
STRONG = {"instagram": (0.0263, 0.112), "tiktok": (0.0937 * 1.5, 3 * 0.0937)}
# bought followers: under influence.co's 0.5% "usually fake" (Instagram); TikTok counts views,
# which bought followers do not bring, so its fakes show in following and posts
FAKE = {"instagram": (0.0002, 0.005), "tiktok": (0.005, 0.03)}
# pods and bought likes: above the good band, with a comment ratio outside what genuine accounts
# show (InstaFake genuine accounts: 5th percentile 0.47, 95th 7.71 comments per 100 likes)
POD = {"instagram": (0.112, 0.45), "tiktok": (3 * 0.0937, 0.9)}
GENUINE_PER_LIKE = (0.0047, 0.0771)
FITNESS_BIO = ["gym", "workout", "hiit", "yoga", "running", "#fitness", "fitness"]
OTHER = {
    "beauty": ["makeup", "skincare", "#beauty"],
    "food": ["recipes", "baking", "#foodie"],
    "travel": ["wanderlust", "backpacking", "#travel"],
    "gaming": ["streamer", "esports", "#gaming"],
}
FILLER = ["daily", "tips", "coach", "life", "love", "sharing", "my", "journey", "collabs", "dm"]
PLATFORMS = ("instagram", "tiktok")


def _bio(rng: random.Random, words: list[str], k: int) -> str:
    chosen = rng.sample(words, k) + rng.choices(FILLER, k=5)
    rng.shuffle(chosen)
    return " ".join(chosen)


def _log_uniform(rng: random.Random, low: float, high: float) -> float:
    return math.exp(rng.uniform(math.log(low), math.log(high)))


def _ordinary(rng: random.Random, platform: str, followers: int) -> float:
    low, high = 0.0, 0.0
    for start, lo, hi in ORDINARY[platform]:
        if followers >= start:
            low, high = lo, hi
    return _log_uniform(rng, low, high)


def _row(rng: random.Random, i: int, kind: str, platform: str) -> list[object]:
    niche = "fitness"
    followers = rng.randint(10_000, 49_999)
    rate = _log_uniform(rng, *STRONG[platform])
    per_like = _log_uniform(rng, *GENUINE_PER_LIKE)
    following, posts = rng.randint(150, 1200), rng.randint(80, 900)
    bio = _bio(rng, FITNESS_BIO, rng.randint(2, 3))
    if kind == "fake":  # bought followers: tiny engagement, mass following, few posts
        followers = rng.randint(10_000, 12_000)
        rate = _log_uniform(rng, *FAKE[platform])
        following, posts = rng.randint(6_000, 7_500), rng.randint(2, 9)
    elif kind == "pod":  # engagement pods / bought likes
        rate = _log_uniform(rng, *POD[platform])
        low, high = GENUINE_PER_LIKE
        per_like = rng.choice([_log_uniform(rng, 0.0002, low), _log_uniform(rng, high, 1.5)])
    elif kind == "other":  # strong creators of other niches
        niche = rng.choice(list(OTHER))
        bio = _bio(rng, OTHER[niche], 2)
    elif kind == "noise":  # ordinary creators of every niche and tier
        niche = rng.choice(["fitness", *OTHER])
        followers = int(rng.lognormvariate(10.0, 2.0)) + 100
        rate = _ordinary(rng, platform, followers)
        words = FITNESS_BIO if niche == "fitness" else OTHER[niche]
        bio = _bio(rng, words, rng.randint(0, 2))
    views = int(followers * _log_uniform(rng, 0.1, 1.0)) + 1 if platform == "tiktok" else ""
    base = views if platform == "tiktok" else followers
    assert isinstance(base, int)
    likes = int(base * rate / (1 + per_like))
    comments = int(likes * per_like)
    return [
        f"{kind}_{i}", platform, followers, following, posts, niche, bio, likes, comments, views,
        kind,
    ]  # fmt: skip


def planted_csv(seed: int, platform: str = "instagram") -> str:
    """A shuffled creator list of one platform: 30 strong fitness creators among 290 others."""
    rng = random.Random(seed)
    kinds = ["strong"] * 30 + ["fake"] * 25 + ["pod"] * 25 + ["other"] * 40 + ["noise"] * 200
    rows = [_row(rng, i, kind, platform) for i, kind in enumerate(kinds)]
    rng.shuffle(rows)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER)
    writer.writerows(rows)
    return out.getvalue()


def precision_at_20(seed: int, platform: str = "instagram", peers: bool = False) -> float:
    """The share of strong fitness creators in the top 20."""
    import tempfile
    from pathlib import Path

    from microinf.jobs.classify import Query, classify

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "planted.csv"
        path.write_text(planted_csv(seed, platform))
        query = Query(niches=["fitness"], tiers=["micro"], top=20, peers=peers)
        result = classify([str(path)], query)
    top = result.creators
    return sum(1 for c in top if c.handle.startswith("strong_")) / max(len(top), 1)


if __name__ == "__main__":
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    for name in PLATFORMS:
        for peers in (False, True):
            scores = [precision_at_20(s, name, peers) for s in range(count)]
            print(
                f"{name}{' --peers' if peers else ''}: precision@20 over {len(scores)} seeds: "
                f"min {min(scores):.2f}, mean {sum(scores) / len(scores):.3f}"
            )
