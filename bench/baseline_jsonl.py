"""Baseline for `classify FILE --format jsonl`: stdlib csv + bisect + sort + json.dumps per row."""

import csv
import json
import sys
from bisect import bisect_right

MINS, NAMES = [1000, 10000, 50000, 500000, 1000000], ["nano", "micro", "mid", "macro", "mega"]
TYPICAL = {"nano": 0.0426, "micro": 0.0162, "mid": 0.0155, "macro": 0.0155, "mega": 0.0154}


def main(path: str) -> None:
    rows = []
    with open(path, newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        header = next(reader)
        col = {name: i for i, name in enumerate(header)}
        fo, li, co = col["followers"], col["avg_likes"], col["avg_comments"]
        for row in reader:
            followers = int(row[fo])
            i = bisect_right(MINS, followers) - 1
            tier = NAMES[i] if i >= 0 else None
            rate = (float(row[li]) + float(row[co])) / followers if followers else None
            typical = TYPICAL[tier] if tier else 0.1058
            score = round(rate / (rate + typical), 4) if rate else 0.0
            rows.append((-score, -followers, row[0], tier, rate, row))
    rows.sort(key=lambda r: r[:3])
    out = sys.stdout
    for rank, (score, _, _, tier, rate, row) in enumerate(rows, 1):
        record = dict(zip(header, row, strict=True))
        record.update(rank=rank, tier=tier, engagement_rate=rate, score=-score)
        out.write(json.dumps(record, ensure_ascii=False))
        out.write("\n")


if __name__ == "__main__":
    main(sys.argv[1])
