"""Data-driven: each file in tests/data/formats/ loads into its expected records."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from microinf.jobs.classify import iter_creators
from microinf.read.options import ReadOptions

DATA = Path(__file__).parent / "data" / "formats"
CASES = sorted(p for p in DATA.iterdir() if not p.name.endswith(".expected.json"))


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.name)
def test_file_loads_into_its_expected_records(path: Path) -> None:
    expected = json.loads(Path(f"{path}.expected.json").read_text(encoding="utf-8"))
    options = ReadOptions(**expected.get("options", {}))
    notes: list[str] = []
    got = [c.as_dict() for c in iter_creators([str(path)], options, warn=notes.append)]
    assert len(got) == len(expected["records"])
    for record, want in zip(got, expected["records"], strict=True):
        assert {k: record.get(k) for k in want} == _approx(want)


def _approx(want: dict[str, Any]) -> dict[str, Any]:
    return {k: pytest.approx(v) if isinstance(v, float) else v for k, v in want.items()}


def test_every_case_has_expectations() -> None:
    assert len(CASES) >= 15
    for path in CASES:
        assert Path(f"{path}.expected.json").exists(), path.name


def test_cp1252_and_percent_readings_are_announced() -> None:
    notes: list[str] = []
    list(iter_creators([str(DATA / "cp1252.csv")], warn=notes.append))
    assert any("Windows-1252" in n for n in notes)
    notes.clear()
    list(iter_creators([str(DATA / "tabs.tsv")], warn=notes.append))
    assert notes == [
        f'{DATA / "tabs.tsv"}: column "engagement rate": values above 1 read as percentages '
        "(4.1 is 4.1%), values of 1 or less as fractions"
    ]
