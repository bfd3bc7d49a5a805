"""Baseline for `classify FILE --niche fitness --tier micro --top 50 --format json`: stdlib only."""

import csv
import heapq
import json
import sys
from bisect import bisect_right

MINS, NAMES = [1000, 10000, 50000, 500000, 1000000], ["nano", "micro", "mid", "macro", "mega"]
TYPICAL = {"nano": 0.0426, "micro": 0.0162, "mid": 0.0155, "macro": 0.0155, "mega": 0.0154}


def main(path: str) -> None:
    heap: list = []
    with open(path, newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        header = next(reader)
        col = {name: i for i, name in enumerate(header)}
        h, fo, ni, li, co = (
            col[k] for k in ("handle", "followers", "niche", "avg_likes", "avg_comments")
        )
        for seq, row in enumerate(reader):
            followers = int(row[fo])
            i = bisect_right(MINS, followers) - 1
            tier = NAMES[i] if i >= 0 else None
            if tier != "micro" or row[ni].lower() != "fitness":
                continue
            rate = (float(row[li]) + float(row[co])) / followers
            score = round(0.5 * 0.75 + 0.5 * rate / (rate + TYPICAL[tier]), 4)
            item = (score, followers, -seq, row)
            if len(heap) < 50:
                heapq.heappush(heap, item)
            elif item > heap[0]:
                heapq.heapreplace(heap, item)
    best = sorted(heap, reverse=True)
    out = [
        dict(zip(header, row, strict=True), rank=r, tier="micro", score=s)
        for r, (s, _, _, row) in enumerate(best, 1)
    ]
    print(json.dumps(out, ensure_ascii=False))
    del h


if __name__ == "__main__":
    main(sys.argv[1])
