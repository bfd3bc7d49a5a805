#!/usr/bin/env python3
"""Write examples/creators.csv, creators-next.csv and roster.yaml: synthetic creators only.

creators-next.csv is the same list a month later (for `microinf compare`): most creators grew a
little, a few a lot, some lost followers, some left the list and new ones joined.

usage: python examples/make_examples.py [SEED]
"""

from __future__ import annotations

import csv
import random
import sys
from pathlib import Path

HERE = Path(__file__).parent
PLATFORMS = ["instagram", "tiktok", "youtube", "x", "twitch"]
NICHES: dict[str, list[str]] = {
    "fitness": ["workout", "gym", "hiit", "yoga", "running"],
    "beauty": ["makeup", "skincare", "lashes", "nails"],
    "fashion": ["ootd", "style", "thrift", "streetwear"],
    "food": ["recipes", "baking", "vegan", "foodie"],
    "travel": ["backpacking", "roadtrip", "hostels", "wanderlust"],
    "gaming": ["speedrun", "esports", "minecraft", "streamer"],
    "tech": ["gadgets", "coding", "reviews", "ai"],
    "finance": ["investing", "budgeting", "stocks"],
    "parenting": ["mom", "dad", "toddlers", "family"],
    "pets": ["dogs", "cats", "puppy", "rescue"],
    "music": ["singer", "producer", "guitar", "covers"],
    "comedy": ["sketches", "standup", "pranks"],
}
SYLLABLES = ["ka", "lo", "mi", "ra", "zu", "ten", "vo", "sa", "ni", "be", "do", "fi", "ju", "pe"]
FILLER = [
    "sharing",
    "my",
    "journey",
    "daily",
    "tips",
    "honest",
    "thoughts",
    "new",
    "videos",
    "weekly",
    "collabs",
    "welcome",
]
COUNTRIES = ["US", "GB", "FR", "DE", "BR", "IN", "ES", "IT", "MX", "JP"]
LANGUAGES = {
    "US": "en",
    "GB": "en",
    "FR": "fr",
    "DE": "de",
    "BR": "pt",
    "IN": "hi",
    "ES": "es",
    "IT": "it",
    "MX": "es",
    "JP": "ja",
}
# (low, high) follower ranges, so that every default tier (and "no tier") is present
BANDS = [
    (300, 999),
    (1_000, 9_999),
    (10_000, 49_999),
    (50_000, 499_999),
    (500_000, 999_999),
    (1_000_000, 8_000_000),
]
BAND_WEIGHTS = [4, 22, 34, 24, 9, 7]
FIELDS = [
    "handle",
    "name",
    "platform",
    "followers",
    "following",
    "posts",
    "niche",
    "avg_likes",
    "avg_comments",
    "engagement_rate",
    "country",
    "language",
    "bio",
]


def word(rng: random.Random, parts: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(parts))


def creator(rng: random.Random, i: int) -> dict[str, object]:
    niche = rng.choice(list(NICHES))
    low, high = rng.choices(BANDS, weights=BAND_WEIGHTS)[0]
    followers = rng.randint(low, high)
    rate = 0.06 * (followers / 1000) ** -0.2 * rng.lognormvariate(0, 0.5)
    likes = int(followers * rate)
    comments = int(likes * rng.uniform(0.01, 0.06))
    country = rng.choice(COUNTRIES)
    first = word(rng, 2).capitalize()
    handle = f"{first.lower()}.{rng.choice(NICHES[niche])[:6]}{i}"
    bio_words = [
        *rng.choices(FILLER, k=6),
        rng.choice([niche, "#" + niche, rng.choice(NICHES[niche])]),
    ]
    rng.shuffle(bio_words)
    row: dict[str, object] = {
        "handle": handle,
        "name": f"{first} {word(rng, 3).capitalize()}",
        "platform": rng.choices(PLATFORMS, weights=[35, 30, 15, 12, 8])[0],
        "followers": followers,
        "niche": niche
        if rng.random() < 0.9
        else f"{niche}; {rng.choice([n for n in NICHES if n != niche])}",
        "avg_likes": "",
        "avg_comments": "",
        "engagement_rate": "",
        "country": country,
        "language": LANGUAGES[country],
        "bio": " ".join(bio_words).capitalize(),
    }
    row["following"] = min(7500, int(rng.lognormvariate(6.0, 1.0)))
    row["posts"] = 12 + int(rng.lognormvariate(5.5, 1.0))
    suspicious = rng.random()
    if suspicious < 0.03:  # an engagement pod: implausible rate, almost no comments per like
        likes = int(followers * rate * 6)
        comments = max(0, likes // 1500)
    elif suspicious < 0.06:  # bought followers: little engagement, mass following, few posts
        likes = int(followers * rate * 0.08)
        comments = int(likes * 0.02)
        row["following"], row["posts"] = 4000 + rng.randint(0, 3000), rng.randint(2, 9)
    kind = rng.random()
    if suspicious < 0.06 or kind < 0.55:  # likes and comments: the rate is computed
        row["avg_likes"], row["avg_comments"] = likes, comments
    elif kind < 0.9:  # the rate is given, as a fraction
        row["engagement_rate"] = round(rate, 4)
    # else: no engagement data at all
    return row


def write_next(rows: list[dict[str, object]], rng: random.Random) -> None:
    later = []
    for row in rows:
        if rng.random() < 0.06:  # left the list
            continue
        row = dict(row)
        followers = int(str(row["followers"]))
        move = rng.random()
        if move < 0.05:  # took off
            factor = rng.uniform(1.6, 3.5)
        elif move < 0.15:  # lost followers
            factor = rng.uniform(0.7, 0.97)
        else:
            factor = rng.lognormvariate(0.03, 0.04)
        row["followers"] = max(1, round(followers * factor))
        for key in ("avg_likes", "avg_comments"):
            if row[key] != "":
                row[key] = max(0, round(int(str(row[key])) * factor * rng.uniform(0.8, 1.2)))
        if row["engagement_rate"] != "":
            rate = float(str(row["engagement_rate"])) * rng.uniform(0.75, 1.25)
            row["engagement_rate"] = round(rate, 4)
        later.append(row)
    later += [creator(rng, i) for i in range(2001, 2019)]  # joined the list
    with open(HERE / "creators-next.csv", "w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=FIELDS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(later)


def main() -> None:
    seed = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    rng = random.Random(seed)
    rows = [creator(rng, i) for i in range(1, 321)]
    with open(HERE / "creators.csv", "w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=FIELDS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    write_next(rows, random.Random(seed + 1))
    roster = [creator(rng, i) for i in range(1001, 1013)]
    with open(HERE / "roster.yaml", "w", encoding="utf-8") as f:
        f.write("# An agency roster: a mapping whose `creators` key holds the list.\n")
        f.write("agency: Example Talent (synthetic)\ncreators:\n")
        for r in roster:
            f.write(f'  - handle: "@{r["handle"]}"\n')
            for key in ("name", "platform", "followers", "country", "language", "bio"):
                f.write(f"    {key}: {r[key]!s}\n" if key != "bio" else f'    bio: "{r["bio"]}"\n')
            f.write(f"    niche: [{', '.join(str(r['niche']).split('; '))}]\n")
            if r["avg_likes"] != "":
                f.write(f"    avg_likes: {r['avg_likes']}\n    avg_comments: {r['avg_comments']}\n")
            elif r["engagement_rate"] != "":
                f.write(f"    engagement_rate: {r['engagement_rate']}\n")


if __name__ == "__main__":
    main()
