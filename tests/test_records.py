from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from microinf.errors import DataError
from microinf.rank.niches import NicheMatcher
from microinf.read.formats import csv_rows, read_table
from microinf.read.records import Prefilter, RecordReader, RowError
from microinf.read.sources import open_source
from microinf.tiers.load import load_tiers
from microinf.tiers.lookup import TierRules

Write = Callable[[str, "str | bytes"], Path]
INDEX = TierRules(load_tiers(None).config)


def read(path: Path, prefilter: Prefilter | None = None) -> list[dict[str, Any]]:
    with open_source(str(path)) as opened:
        fmt = "csv" if path.suffix == ".csv" else path.suffix.lstrip(".")
        table = read_table(opened, "yaml" if fmt == "yml" else fmt)
        return [c.as_dict() for c in RecordReader(table, prefilter=prefilter)]


def test_csv_fields_and_computed_rate(write: Write) -> None:
    path = write(
        "a.csv",
        "handle,platform,followers,niche,avg_likes,avg_comments,country,extra\n"
        "@Ana ,TikTok,12500,fitness; food,500,25,N/A,kept\n",
    )
    (row,) = read(path)
    assert row["handle"] == "Ana" and row["platform"] == "tiktok"
    assert row["followers"] == 12500 and row["niche"] == ["fitness", "food"]
    assert row["engagement_rate"] == pytest.approx(525 / 12500)
    assert row["engagement_method"] == "likes+comments"
    assert row["country"] is None and row["extra"] == "kept"
    assert (row["source"], row["line"]) == (str(path), 2)


def test_yaml_list_and_mapping_with_creators(write: Write) -> None:
    listed = write(
        "l.yaml", "- {handle: a, followers: 10}\n- {handle: b, followers: 20, niche: [x, y]}\n"
    )
    mapped = write("m.yaml", "agency: z\ncreators:\n  - {handle: a, followers: 10}\n")
    assert [r["handle"] for r in read(listed)] == ["a", "b"]
    assert read(listed)[1]["niche"] == ["x", "y"]
    assert [(r["handle"], r["line"]) for r in read(mapped)] == [("a", 1)]


def test_json_list_and_creators_key(write: Write) -> None:
    listed = write("l.json", '[{"handle": "a", "followers": 10, "engagement_rate": 0.05}]')
    mapped = write("m.json", '{"creators": [{"handle": "a", "followers": 10}]}')
    (row,) = read(listed)
    assert row["engagement_rate"] == 0.05 and row["engagement_method"] == "given"
    assert read(mapped)[0]["handle"] == "a"


def test_bad_json_record_names_its_number(write: Write) -> None:
    path = write("b.json", '[{"handle": "a", "followers": 1}, {"handle": "b", "followers": -3}]')
    with pytest.raises(
        RowError, match=r":2: column \"followers\": follower count cannot be negative"
    ):
        read(path)


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("ana,lots", 'column "followers": cannot read "lots" as a follower count'),
        ("ana,", 'column "followers": missing follower count'),
        (",100", 'column "handle": missing handle'),
        ("ana,-5", 'column "followers": follower count cannot be negative ("-5")'),
        ("ana,20000000000", 'column "followers": follower count "20000000000" is above 10 billion'),
    ],
)
def test_row_errors(write: Write, row: str, message: str) -> None:
    path = write("e.csv", f"handle,followers\nok,1\n{row}\n")
    with pytest.raises(RowError) as info:
        read(path)
    assert str(info.value) == f"{path}:3: {message}"


def test_short_and_long_rows_lose_nothing(write: Write) -> None:
    path = write("r.csv", "handle,followers,country\nana,10\nbo,20,FR,surplus\n")
    ana, bo = read(path)
    assert ana["country"] is None
    assert bo["country"] == "FR" and bo["column_4"] == "surplus"


def test_no_handle_column_is_an_error(write: Write) -> None:
    path = write("n.csv", "who,followers\nana,10\n")
    with pytest.raises(DataError, match="no handle column"):
        read(path)


def test_prefilter_leaves_rows_out_and_every_row_is_counted(write: Write) -> None:
    path = write("p.csv", "handle,followers,niche\na,500,x\n\nb,20000,fitness\nc,20000,food\n")
    pre = Prefilter(
        INDEX,
        tiers=frozenset({"micro"}),
        niches=NicheMatcher.build(["fitness"]),
        min_relevance=0.25,
    )
    with open_source(str(path)) as opened:
        reader = RecordReader(read_table(opened, "csv"), prefilter=pre)
        assert [c.handle for c in reader] == ["b"]
    assert reader.seen == 3 and reader.rejected == 0


CELLS = st.sampled_from(
    [
        "",
        "N/A",
        "-",
        "12",
        "12.5K",
        "1,204",
        "lots",
        "0.05",
        "4.1%",
        "7",
        "@x",
        " y ",
        "a;b",
        "NaN",
        "-3",
    ]
)


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(
        st.tuples(st.sampled_from(["ana", "@bo", "", "cy"]), CELLS, CELLS, CELLS, CELLS),
        min_size=1,
        max_size=6,
    )
)
def test_hot_path_matches_the_reference_builder(
    tmp_path: Path, rows: list[tuple[str, ...]]
) -> None:
    header = ["handle", "followers", "avg_likes", "engagement_rate", "niche"]
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    path = tmp_path / "h.csv"
    path.write_text(buffer.getvalue())

    def outcome(run: Callable[[], list[dict[str, Any]]]) -> object:
        try:
            return run()
        except RowError as exc:
            return str(exc)

    def reference() -> list[dict[str, Any]]:
        with open_source(str(path)) as opened:
            table = read_table(opened, "csv")
            reader = RecordReader(table)
            out = []
            for line, cells in csv_rows(table.csv_reader, str(path)):
                creator = reader.build(dict(zip(header, cells, strict=True)), str(path), line)
                assert creator is not None
                out.append(creator.as_dict())
            return out

    assert outcome(lambda: read(path)) == outcome(reference)
