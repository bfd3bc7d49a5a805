"""Hostile input: every case ends with a message and a documented exit code, nothing is lost."""

from __future__ import annotations

import csv
import gzip
import io
import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import Run

Write = Callable[[str, "str | bytes"], Path]


def rows(result) -> list[dict]:  # type: ignore[no-untyped-def,type-arg]
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def strict_json(text: str) -> object:
    def refuse(name: str) -> None:
        raise AssertionError(f"{name} in JSON output")

    return json.loads(text, parse_constant=refuse)


# -- impossible numbers ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("inf.json", '[{"handle": "a", "followers": 1e400}]'),
        ("inf.yaml", "- {handle: a, followers: .inf}\n"),
        ("nan.yaml", "- {handle: a, followers: .nan}\n"),
        ("digits.json", '[{"handle": "a", "followers": ' + "9" * 400 + "}]"),
        ("bool.json", '[{"handle": "a", "followers": true}]'),
        ("neg.yaml", "- {handle: a, followers: -.inf}\n"),
    ],
)
def test_an_impossible_follower_count_is_a_row_error(
    run: Run, write: Write, name: str, content: str
) -> None:
    path = str(write(name, content))
    result = run("classify", path)
    assert result.exit_code == 1
    assert result.stderr.startswith(f'error: {path}:1: column "followers"')
    skipped = run("classify", path, "--on-error", "skip")
    assert skipped.exit_code == 0 and strict_json(skipped.stdout) == []
    assert "1 of 1 rows rejected" in skipped.stderr


@pytest.mark.parametrize(
    "value", ["1e400", "-1e400", "true", "1" + "0" * 400, "1e300", '"1e400"', '"inf"']
)
def test_an_impossible_number_elsewhere_is_a_row_error(run: Run, write: Write, value: str) -> None:
    path = write("n.json", f'[{{"handle": "a", "followers": 5000, "avg_likes": {value}}}]')
    result = run("classify", str(path))
    assert result.exit_code == 1, result.stdout
    assert 'column "avg_likes": cannot read' in result.stderr


def test_infinite_rates_and_passthrough_never_reach_json(run: Run, write: Write) -> None:
    path = write(
        "r.json",
        '[{"handle": "a", "followers": 5000, "engagement_rate": 1e999},'
        ' {"handle": "b", "followers": 5000, "extra": 1e400, "when": 1}]',
    )
    result = run("classify", str(path), "--on-error", "skip", "--format", "jsonl")
    assert result.exit_code == 0
    lines = [strict_json(line) for line in result.stdout.splitlines()]
    assert [r["handle"] for r in lines] == ["b"]  # type: ignore[index]
    assert lines[0]["extra"] == "1e400"  # type: ignore[index]


def test_yaml_dates_and_binary_reach_json_as_text(run: Run, write: Write) -> None:
    path = write(
        "d.yaml", "- {handle: a, followers: 5000, joined: 2021-03-04, blob: !!binary aGk=}\n"
    )
    out = rows(run("classify", str(path)))
    assert out[0]["joined"] == "2021-03-04"
    assert out[0]["blob"] == "aGk="


def test_scores_stay_in_the_unit_interval_with_huge_values(run: Run, write: Write) -> None:
    path = write(
        "h.csv",
        "handle,followers,avg_likes,avg_comments\na,5000,1e200,1e200\nb,5000,9e14,9e14\n",
    )
    result = run("classify", str(path), "--on-error", "skip")
    for row in strict_json(result.stdout):  # type: ignore[attr-defined]
        assert 0 <= row["score"] <= 1


# -- nesting and aliases --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("deep.json", "[" * 100_000 + "]" * 100_000),
        (
            "deepmap.json",
            '[{"handle":"a","followers":5,"x":' + '{"a":' * 990 + "1" + "}" * 991 + "]",
        ),
        ("deep.jsonl", '{"handle":"a","x":' + "[" * 100_000 + "]" * 100_000 + "}\n"),
        ("deep.yaml", "[" * 100_000 + "]" * 100_000),
        ("loop.yaml", "creators: &t [*t]\n"),
        ("cycle.yaml", "- &a {handle: a, followers: 5, self: *a}\n"),
    ],
)
def test_deep_or_recursive_documents_end_with_a_message(
    run: Run, write: Write, name: str, content: str
) -> None:
    result = run("classify", str(write(name, content)))
    assert result.exit_code == 1
    assert result.stderr.startswith(f"error: {write(name, content)}")


def test_a_record_nested_past_the_limit_is_refused(run: Run, write: Write) -> None:
    nested = '{"a":' * 10 + "1" + "}" * 10
    path = write("n.json", f'[{{"handle": "a", "followers": 5000, "x": {nested}}}]')
    assert run("classify", str(path)).exit_code == 0
    result = run("classify", str(path), "--max-depth", "5")
    assert result.exit_code == 1
    assert "nested more than 5 levels deep" in result.stderr


def billion_laughs(top: str) -> str:
    lines = ["a: &x0 [{handle: a, followers: 5000}]"]
    lines += [f"b{i}: &x{i} [" + ", ".join([f"*x{i - 1}"] * 10) + "]" for i in range(1, 10)]
    return "\n".join(lines) + f"\n{top}: *x9\n"


def test_yaml_billion_laughs_in_a_creator_list_is_refused(run: Run, write: Write) -> None:
    result = run("classify", str(write("lol.yaml", billion_laughs("creators"))))
    assert result.exit_code == 1
    assert "aliases expand to" in result.stderr and "--max-alias-nodes" in result.stderr


def test_a_few_aliases_are_fine(run: Run, write: Write) -> None:
    text = "base: &b {followers: 5000, niche: food}\ncreators:\n- {<<: *b, handle: a}\n"
    assert [r["handle"] for r in rows(run("classify", str(write("ok.yaml", text))))] == ["a"]


# -- sizes ----------------------------------------------------------------------------------


def test_dev_zero_ends_quickly_with_a_clear_error(run: Run) -> None:
    result = run("classify", "/dev/zero")
    assert result.exit_code == 1
    assert "a binary file" in result.stderr


def test_an_endless_text_line_is_stopped(run: Run) -> None:
    # text that is not binary, with no line break: the line cap stops it, whatever its length
    result = run(
        "classify", "-", "--input-format", "csv", input="handle,followers\n" + "a" * 17_000_000
    )
    assert result.exit_code == 1
    assert "a line is longer than" in result.stderr


def test_a_gzip_of_nuls_is_stopped(run: Run, write: Write) -> None:
    path = write("nul.csv.gz", gzip.compress(b"\0" * (64 * 1024 * 1024), 9))
    result = run("classify", str(path))
    assert result.exit_code == 1
    assert "a binary file" in result.stderr


def test_max_bytes_counts_decompressed_bytes_of_files_and_stdin(run: Run, write: Write) -> None:
    body = "handle,followers\n" + "a,5000\n" * 20_000
    plain = str(write("c.csv", body))
    packed = str(write("c.csv.gz", gzip.compress(body.encode())))
    for source, stdin in ((plain, None), (packed, None), ("-", body)):
        result = run("classify", source, "--max-bytes", "50000", input=stdin)
        assert result.exit_code == 3, (source, result.stderr)
        assert "more than 50,000 bytes" in result.stderr
        assert "--max-bytes" in result.stderr


def test_a_json_document_over_its_cap_is_refused(run: Run, write: Write) -> None:
    path = write("big.json", json.dumps([{"handle": f"h{i}", "followers": i} for i in range(2000)]))
    result = run("classify", str(path), "--max-document-bytes", "10000")
    assert result.exit_code == 3
    assert "--max-document-bytes" in result.stderr


def test_a_yaml_document_over_its_cap_is_refused(run: Run, write: Write) -> None:
    text = "".join(f"- {{handle: h{i}, followers: {i}}}\n" for i in range(2000))
    result = run("classify", str(write("big.yaml", text)), "--max-yaml-bytes", "10000")
    assert result.exit_code == 3
    assert "--max-yaml-bytes" in result.stderr


def test_an_oversize_csv_field_is_an_error_naming_the_line(run: Run, write: Write) -> None:
    path = write("f.csv", "handle,followers,bio\na,5000,short\nb,6000," + "x" * 5000 + "\n")
    result = run("classify", str(path), "--max-field-size", "1000")
    assert result.exit_code == 1
    assert f"{path}:3:" in result.stderr


def test_an_oversize_header_is_an_error(run: Run, write: Write) -> None:
    path = write("h.csv", "handle,followers," + "x" * 200_000 + "\na,5000,1\n")
    result = run("classify", str(path), "--max-field-size", "100000")
    assert result.exit_code == 1
    assert f"{path}:1: the header: a field is longer than 100,000 characters" in result.stderr


def test_a_header_wider_than_the_cap_is_refused_and_one_at_the_cap_read(
    run: Run, write: Write
) -> None:
    names = [f"c{i}" for i in range(2000)]
    path = write(
        "w.csv", ",".join(["handle", "followers", *names]) + "\na,5000" + ",1" * 2000 + "\n"
    )
    ok = run("classify", str(path), "--max-columns", "2002", "--fields", "handle,c1999")
    assert rows(ok) == [{"handle": "a", "c1999": "1"}]
    refused = run("classify", str(path), "--max-columns", "2001")
    assert refused.exit_code == 1
    assert "2,002 columns, over the 2,001 allowed" in refused.stderr


def test_skip_rejects_a_row_with_an_oversize_field_and_reads_on(run: Run, write: Write) -> None:
    path = write("f.csv", "handle,followers,bio\na,5000,x\nb,6000," + "x" * 5000 + "\nc,7000,y\n")
    result = run("classify", str(path), "--max-field-size", "1000", "--on-error", "skip")
    assert [r["handle"] for r in rows(result)] == ["c", "a"]
    assert "1 of 3 rows rejected" in result.stderr


def test_skip_rejects_a_broken_jsonl_line_and_reads_on(run: Run, write: Write) -> None:
    path = write(
        "b.jsonl",
        '{"handle": "a", "followers": 5000}\n{"handle": "b", "follo\n'
        '{"handle": "c", "followers": 7000}\n',
    )
    result = run("classify", str(path), "--on-error", "skip")
    assert [r["handle"] for r in rows(result)] == ["c", "a"]
    assert "1 of 3 rows rejected" in result.stderr


def test_a_broken_jsonl_line_under_fail_names_its_line(run: Run, write: Write) -> None:
    path = write("b.jsonl", '{"handle": "a", "followers": 5000}\n{"handle": "b", "follo\n')
    result = run("classify", str(path))
    assert result.exit_code == 1
    assert result.stderr.startswith(f"error: {path}:2: invalid JSON")


# -- sniffing -------------------------------------------------------------------------------


def test_a_one_line_json_document_on_stdin_is_read_as_json(run: Run) -> None:
    text = json.dumps(
        {"data": [{"handle": "a", "followers": 5000}, {"handle": "b", "followers": 9}]}
    )
    assert [r["handle"] for r in rows(run("classify", "-", input=text))] == ["a", "b"]


def test_a_one_line_jsonl_record_on_stdin_is_one_record(run: Run) -> None:
    text = json.dumps({"handle": "a", "followers": 5000, "niche": ["food", "travel"]})
    assert [r["niche"] for r in rows(run("classify", "-", input=text))] == [["food", "travel"]]


# -- output safety --------------------------------------------------------------------------

HOSTILE = "handle,followers,bio,=cmd\n\x1b[2Jevil[/]\x1b]0;title\x07,5000,\x1b[31mred[/b],=1+2\n"


def test_table_and_markdown_show_controls_and_markup_inert(run: Run, write: Write) -> None:
    path = str(write("x.csv", HOSTILE))
    for fmt in ("table", "markdown"):
        result = run("classify", path, "--format", fmt, "--fields", "handle,bio,=cmd")
        assert result.exit_code == 0, result.stderr
        assert "\x1b" not in result.stdout and "\x07" not in result.stdout
        assert "\\x1b[2Jevil[/]" in result.stdout
        assert "=cmd" in result.stdout
        if fmt == "markdown":
            assert "\\x1b[31mred[/b]" in result.stdout


def test_messages_show_controls_inert(run: Run, write: Write) -> None:
    path = write("m.csv", "handle,followers\na,\x1b[2J\x1b]0;x\x07lots\n")
    result = run("classify", str(path))
    assert result.exit_code == 1
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr
    assert "\\x1b[2J" in result.stderr


def test_csv_escapes_formula_header_names_and_quotes_cr(run: Run, write: Write) -> None:
    path = write(
        "c.json",
        json.dumps([{"handle": "a", "followers": 5000, "=HYPERLINK()": "x", "bio": "one\rtwo"}]),
    )
    result = run("classify", str(path), "--format", "csv", "--fields", "handle,bio,=HYPERLINK()")
    assert result.exit_code == 0
    back = list(csv.reader(io.StringIO(result.stdout, newline="")))
    assert back == [["handle", "bio", "'=HYPERLINK()"], ["a", "one\rtwo", "x"]]


def test_json_output_is_strict_json(run: Run, write: Write) -> None:
    path = write("j.yaml", "- {handle: a, followers: 5000, x: .inf, y: .nan, d: 2020-01-01}\n")
    for fmt in ("json", "jsonl"):
        result = run("classify", str(path), "--format", fmt)
        assert result.exit_code == 0
        for line in result.stdout.splitlines() if fmt == "jsonl" else [result.stdout]:
            strict_json(line)


# -- the rejects file -----------------------------------------------------------------------

BAD = "handle,followers,source,line,reason\na,lots,web,7,x\nb,5000,mail,8,y\n"


def test_rejects_naming_an_input_is_refused_and_the_input_kept(run: Run, write: Write) -> None:
    path = write("in.csv", BAD)
    result = run("classify", str(path), "--rejects", str(path), "--on-error", "skip")
    assert result.exit_code == 2
    assert "is also an input" in result.stderr
    assert path.read_text() == BAD


def test_rejects_naming_the_tiers_file_is_refused(run: Run, write: Write) -> None:
    data = write("in.csv", BAD)
    same = write("t.csv", "x")
    result = run("classify", str(data), "--tiers", str(same), "--rejects", str(same))
    assert result.exit_code == 2 and same.read_text() == "x"


def test_an_existing_rejects_file_survives_a_run_that_fails_early(run: Run, write: Write) -> None:
    data = write("in.csv", BAD)
    old = write("old.csv", "kept\n")
    result = run("classify", str(data), "--tiers", "missing.yaml", "--rejects", str(old))
    assert result.exit_code == 3
    assert old.read_text() == "kept\n"
    assert [p.name for p in old.parent.iterdir() if p.name.endswith(".tmp")] == []


def test_rejects_keep_input_columns_named_source_line_reason(
    run: Run, write: Write, tmp_path: Path
) -> None:
    data = write("in.csv", BAD)
    for name in ("r.jsonl", "r.csv"):
        out = tmp_path / name
        result = run("classify", str(data), "--on-error", "skip", "--rejects", str(out))
        assert result.exit_code == 0
        text = out.read_text()
        if name.endswith(".jsonl"):
            record = json.loads(text)
            assert record["input_source"] == "web" and record["input_line"] == "7"
            assert record["input_reason"] == "x" and record["line"] == 2
        else:
            back = list(csv.DictReader(io.StringIO(text)))
            assert back[0]["input_source"] == "web" and back[0]["line"] == "2"


def test_rejects_csv_escapes_formulas_and_quotes_cr(run: Run, write: Write, tmp_path: Path) -> None:
    data = write("in.json", json.dumps([{"handle": "=cmd()", "followers": "lots", "@x": "a\rb"}]))
    out = tmp_path / "r.csv"
    run("classify", str(data), "--on-error", "skip", "--rejects", str(out))
    with open(out, encoding="utf-8", newline="") as f:
        back = list(csv.reader(f))
    assert back[0][:5] == ["source", "line", "reason", "handle", "followers"]
    assert back[0][5] == "'@x"
    assert back[1][3] == "'=cmd()" and back[1][5] == "a\rb"


def test_a_run_stopped_by_a_bad_row_still_writes_that_row(
    run: Run, write: Write, tmp_path: Path
) -> None:
    data = write("in.csv", BAD)
    out = tmp_path / "r.jsonl"
    result = run("classify", str(data), "--rejects", str(out))
    assert result.exit_code == 1
    assert json.loads(out.read_text())["handle"] == "a"


# -- tiers init -----------------------------------------------------------------------------


def test_tiers_init_keeps_an_existing_schema_without_force(run: Run, tmp_path: Path) -> None:
    schema = tmp_path / "tiers.schema.json"
    schema.write_text("mine")
    result = run("tiers", "init", str(tmp_path / "tiers.yaml"))
    assert result.exit_code == 2
    assert schema.read_text() == "mine" and not (tmp_path / "tiers.yaml").exists()
    assert run("tiers", "init", str(tmp_path / "tiers.yaml"), "--force").exit_code == 0
    assert schema.read_text() != "mine"


def test_tiers_init_refuses_a_dangling_symlink(run: Run, tmp_path: Path) -> None:
    link = tmp_path / "tiers.yaml"
    link.symlink_to(tmp_path / "elsewhere" / "target.yaml")
    for extra in ([], ["--force"]):
        result = run("tiers", "init", str(link), *extra)
        assert result.exit_code == 2
        assert "symbolic link to a missing file" in result.stderr
    assert not (tmp_path / "elsewhere").exists()


def test_tiers_init_into_a_missing_folder(run: Run, tmp_path: Path) -> None:
    result = run("tiers", "init", str(tmp_path / "no" / "such" / "tiers.yaml"))
    assert result.exit_code == 3
    assert "does not exist" in result.stderr


def test_tiers_init_follows_a_live_symlink_and_keeps_it(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "real.yaml"
    target.write_text("old")
    link = tmp_path / "tiers.yaml"
    link.symlink_to(target)
    assert run("tiers", "init", str(link), "--force").exit_code == 0
    assert link.is_symlink() and target.read_text().startswith("# yaml-language-server")


# -- environment ----------------------------------------------------------------------------


@pytest.mark.parametrize("where", ["/etc/passwd/x", "x" * 300 + ".yaml", "loop"])
def test_an_unreadable_tiers_path_is_exit_3(run: Run, tmp_path: Path, where: str) -> None:
    (tmp_path / "loop").symlink_to(tmp_path / "loop2")
    (tmp_path / "loop2").symlink_to(tmp_path / "loop")
    data = tmp_path / "c.csv"
    data.write_text("handle,followers\na,5000\n")
    for args in (["classify", str(data), "--tiers", where], ["tiers", "check", where]):
        result = run(*args)
        assert result.exit_code == 3, result.stderr
        assert "cannot read" in (result.stderr + result.stdout)


@pytest.mark.parametrize("where", ["x" * 300 + ".csv", "loop"])
def test_an_unreadable_source_path_is_exit_3(run: Run, tmp_path: Path, where: str) -> None:
    (tmp_path / "loop").symlink_to(tmp_path / "loop2")
    (tmp_path / "loop2").symlink_to(tmp_path / "loop")
    result = run("classify", where)
    assert result.exit_code == 3
    assert "cannot open" in result.stderr


def test_bad_url_syntax_is_exit_3(run: Run) -> None:
    result = run("classify", "http://[::1")
    assert result.exit_code == 3
    assert result.stderr.startswith("error: http://[::1: not a valid URL")


# -- config semantics -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("section", "message"),
    [
        ("benchmarks: {default: {micro: -0.02}}", "a rate cannot be negative"),
        ("benchmarks: {default: {micro: 0}}", "a typical rate must be above 0"),
        ("benchmarks: {default: {micro: .inf}}", "is not a finite number"),
        ("benchmarks: {default: {micro: true}}", "true is not a number"),
        ("costs: {default: {micro: [-5, 10]}}", "a price cannot be negative"),
        ("costs: {default: {micro: [5, .inf]}}", "is not a finite number"),
        ("ranking: {relevance: .inf}", "is not a finite number"),
        ("tiers: [{name: a, min: true}]", "true is not a count"),
        ("flags: {few_posts: {min_posts: yes}}", "true is not a number"),
    ],
)
def test_impossible_config_values_are_problems_with_a_position(
    run: Run, write: Write, section: str, message: str
) -> None:
    path = write("t.yaml", f"version: 1\npreset: standard\n{section}\n")
    result = run("tiers", "check", str(path))
    assert result.exit_code == 1
    assert message in result.stdout
    assert f"{path}:3:" in result.stdout
    data = write("c.csv", "handle,followers\na,5000\n")
    assert run("classify", str(data), "--tiers", str(path)).exit_code == 1


def test_a_python_tag_in_tiers_is_a_problem_not_run(run: Run, write: Write, tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    text = f'version: 1\ntiers: !!python/object/apply:os.system ["touch {marker}"]\n'
    result = run("tiers", "check", str(write("t.yaml", text)))
    assert result.exit_code == 1
    assert "t.yaml:2:8: error: could not determine a constructor" in result.stdout
    assert not marker.exists()


def test_tiers_billion_laughs_and_loops_are_problems(run: Run, write: Write) -> None:
    for text in (billion_laughs("tiers"), "version: 1\ntiers: &t [*t]\n"):
        result = run("tiers", "check", str(write("t.yaml", "version: 1\n" + text)))
        assert result.exit_code == 1
        assert "aliases expand to" in result.stdout or "recursive" in result.stdout


# -- a total order --------------------------------------------------------------------------


def test_ties_are_broken_by_platform_whatever_the_input_order(run: Run, write: Write) -> None:
    lines = ["a,tiktok,5000", "a,instagram,5000", "A,youtube,5000", "b,x,5000"]
    seen = set()
    for order in (lines, lines[::-1], lines[1:] + lines[:1]):
        path = write("t.csv", "handle,platform,followers\n" + "\n".join(order) + "\n")
        out = rows(run("classify", str(path), "--fields", "handle,platform"))
        seen.add(json.dumps(out))
    assert len(seen) == 1
    assert [r["platform"] for r in json.loads(seen.pop())] == [
        "youtube",
        "instagram",
        "tiktok",
        "x",
    ]


def test_keep_duplicates_ties_fall_back_to_the_line(run: Run, write: Write) -> None:
    path = write("t.csv", "handle,platform,followers,n\na,x,5000,1\na,x,5000,2\n")
    out = rows(run("classify", str(path), "--keep-duplicates", "--fields", "n,line"))
    assert out == [{"n": "1", "line": 2}, {"n": "2", "line": 3}]


def test_no_temp_files_are_left_behind(run: Run, write: Write, tmp_path: Path) -> None:
    data = write("in.csv", BAD)
    run("classify", str(data), "--on-error", "skip", "--rejects", str(tmp_path / "r.csv"))
    run("classify", str(data), "--rejects", str(tmp_path / "s.csv"), "--tiers", "nope.yaml")
    assert not [n for n in os.listdir(tmp_path) if n.endswith(".tmp")]


def test_csv_fast_path_reads_huge_numbers_as_the_reference_does(run: Run, write: Write) -> None:
    # the reference (numbers.py, read/values.py) refuses a count of likes above 10^15
    for name, text in (
        ("a.csv", "handle,followers,avg_likes\na,5000,1e200\n"),
        ("a.json", '[{"handle": "a", "followers": 5000, "avg_likes": "1e200"}]'),
    ):
        result = run("classify", str(write(name, text)))
        assert result.exit_code == 1, (name, result.stdout)
        assert 'column "avg_likes": cannot read "1e200"' in result.stderr
