"""Saying what was probably meant: aliases, "did you mean", empty filters, columns to --map;
and the same input options on every command that reads creators."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from microinf.errors import did_you_mean
from microinf.platforms import ALIASES, KNOWN, canonical_platform, spellings

from conftest import EXAMPLES, SHARED_DATA, Run

CREATORS = str(EXAMPLES / "creators.csv")


@pytest.mark.parametrize(
    ("written", "meant"),
    [("Twitter", "x"), ("X", "x"), ("x.com", "x"), ("yt", "youtube"), ("You Tube", "youtube"),
     ("IG", "instagram"), ("insta", "instagram"), ("tt", "tiktok"), ("Tik-Tok", "tiktok"),
     ("twitch.tv", "twitch"), ("vk", "vk"), (" Kick ", "kick")],
)  # fmt: skip
def test_canonical_platform(written: str, meant: str) -> None:
    assert canonical_platform(written) == meant


@given(st.sampled_from([*KNOWN, *ALIASES]))
def test_canonical_is_a_fixed_point_and_spellings_agree(name: str) -> None:
    canonical = canonical_platform(name)
    assert canonical in KNOWN
    assert canonical_platform(canonical) == canonical
    assert all(canonical_platform(s) == canonical for s in spellings(name))


def handles(run: Run, *args: str) -> list[str]:
    result = run("classify", CREATORS, *args, "--format", "json", "--fields", "handle")
    assert result.exit_code == 0, result.stderr
    return [r["handle"] for r in json.loads(result.stdout)]


def test_platform_aliases_on_the_command_line(run: Run) -> None:
    x = handles(run, "--platform", "x")
    assert len(x) > 10
    assert handles(run, "--platform", "twitter") == x
    assert handles(run, "--platform", "Twitter") == x
    assert handles(run, "--platform", "yt") == handles(run, "--platform", "youtube")
    assert handles(run, "--platform", "ig") == handles(run, "--platform", "instagram")


def test_platform_default_takes_an_alias(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    path.write_text("handle,followers\na,12000\n", encoding="utf-8")
    result = run("classify", str(path), "--platform-default", "yt", "--format", "json")
    assert json.loads(result.stdout)[0]["platform"] == "youtube"


def test_platform_aliases_in_the_data(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    path.write_text("handle,platform,followers\na,Twitter,12000\nb,YT,3000\n", encoding="utf-8")
    result = run("classify", str(path), "--format", "json", "--fields", "handle,platform")
    assert json.loads(result.stdout) == [
        {"handle": "a", "platform": "x"},
        {"handle": "b", "platform": "youtube"},
    ]


def test_a_misspelt_platform_is_a_usage_error_with_a_suggestion(run: Run) -> None:
    result = run("classify", CREATORS, "--platform", "instagramm")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.splitlines()[0] == "error: --platform: unknown platform 'instagramm'"
    assert result.stderr.splitlines()[1].startswith('hint: did you mean "instagram"?')


def test_an_unknown_platform_far_from_any_is_matched_as_written(run: Run) -> None:
    result = run("classify", CREATORS, "--platform", "vkontakte")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == []
    assert 'platform "vkontakte" is not a known one; matching it as written' in result.stderr
    assert "no creator matched the filters (--platform vkontakte)" in result.stderr


def test_a_misspelt_tier_suggests_the_tier(run: Run) -> None:
    result = run("classify", CREATORS, "--tier", "mirco")
    assert result.exit_code == 2
    assert 'hint: did you mean "micro"? tiers in use: nano, micro, mid, macro, mega' in (
        result.stderr
    )


def test_a_misspelt_niche_suggests_the_niche_and_says_nothing_matched(run: Run) -> None:
    result = run("classify", CREATORS, "--niche", "fitnes")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == []
    assert '(did you mean "fitness"?)' in result.stderr
    assert "warning: no creator matched the filters (--niche fitnes): all 320 classified" in (
        result.stderr
    )


def test_no_note_when_the_filters_match(run: Run) -> None:
    result = run("classify", CREATORS, "--niche", "fitness", "--top", "1")
    assert result.exit_code == 0
    assert "no creator matched" not in result.stderr


def test_a_misspelt_field_suggests_the_field(run: Run) -> None:
    result = run("classify", CREATORS, "--fields", "handel,tier")
    assert result.exit_code == 2
    assert "error: --fields: unknown field 'handel'" in result.stderr
    assert 'did you mean "handle"?' in result.stderr
    mapped = run("classify", CREATORS, "--map", "folowers=followers")
    assert mapped.exit_code == 2
    assert 'did you mean "followers"?' in mapped.stderr


def test_a_misspelt_handle_suggests_the_handle(run: Run) -> None:
    result = run("explain", CREATORS, "zupe.gym12")
    assert result.exit_code == 1
    assert result.stderr == (
        "error: no creator with the handle 'zupe.gym12' in "
        f'{CREATORS}\nhint: did you mean "zupe.gym125"?\n'
    )


def test_did_you_mean_needs_a_close_word() -> None:
    assert did_you_mean("fitnes", ["fitness", "food"]) == "fitness"
    assert did_you_mean("zzz", ["fitness", "food"]) is None
    assert did_you_mean("FITNES", ["fitness"]) == "fitness"


def test_a_likely_engagement_column_is_named(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    path.write_text(
        "handle,followers,Authentic engagement,Engagement avg\na,12000,300,450\n", encoding="utf-8"
    )
    result = run("classify", str(path), "--format", "json")
    assert result.exit_code == 0
    assert (
        f"warning: {path}: no engagement column found, so engagement counts as 0 in every score; "
        '"Engagement avg", "Authentic engagement" may hold it: --map engagement_rate="Engagement '
        'avg" if it is a rate, --map avg_likes="Engagement avg" if it is engagements per post'
    ) in result.stderr
    # and the advice works as written
    advised = run("classify", str(path), "--map", "avg_likes=Engagement avg", "--format", "json")
    assert "no engagement column" not in advised.stderr
    assert json.loads(advised.stdout)[0]["engagement_rate"] == 0.0375


def test_a_likely_follower_column_is_named_in_the_error(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    path.write_text("Name,Subscribers gained\na,12000\n", encoding="utf-8")
    result = run("classify", str(path))
    assert result.exit_code == 1
    assert '"Subscribers gained" may be it: --map followers="Subscribers gained"' in result.stderr
    assert '"Name" may be it: --map handle="Name"' in result.stderr


@pytest.mark.skipif(not SHARED_DATA.is_dir(), reason="the shared data files are absent")
@pytest.mark.parametrize(
    ("name", "column"), [("insta_top1000_2022.csv", "Engagement avg"),
                         ("twitch_top1000.csv", "Average viewers")]
)  # fmt: skip
def test_real_files_without_engagement_say_which_column(run: Run, name: str, column: str) -> None:
    result = run("classify", str(SHARED_DATA / name), "--top", "1", "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert f'--map avg_likes="{column}"' in result.stderr


# the same input options everywhere


def option_names(*path: str) -> set[str]:
    from typer.main import get_command

    from microinf.cli.app import app

    command = get_command(app)
    for name in path:
        command = command.commands[name]  # type: ignore[attr-defined]
    return {opt for p in command.params for opt in getattr(p, "opts", [])}


INPUT_OPTIONS = {
    "--map", "--show-columns", "--platform-default", "--input-format", "--delimiter",
    "--records", "--sheet", "--max-bytes", "--timeout", "--on-error", "--rejects",
    "--keep-duplicates",
}  # fmt: skip
FILTERS = {
    "--tiers", "--niche", "--tier", "--platform", "--min-followers", "--max-followers",
    "--min-relevance", "--exclude-flagged", "--top",
}  # fmt: skip


def test_every_reading_command_takes_the_same_input_options() -> None:
    for path in (("classify",), ("explain",), ("tiers", "diff")):
        assert option_names(*path) >= INPUT_OPTIONS, path
    assert option_names("classify") >= FILTERS
    assert option_names("explain") >= FILTERS
    assert option_names("sql") >= FILTERS | {"--peers"}  # the same filters, --peers refused


def test_sql_refuses_what_it_cannot_compile(run: Run) -> None:
    result = run("sql", "--niche", "fitness", "--peers")
    assert result.exit_code == 2
    assert "--peers is not compiled to SQL" in result.stderr and result.stdout == ""


def test_explain_reproduces_a_real_world_command(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "multi.yml"
    path.write_text(
        "- {youtube_channel_name: ana, youtube_subscriber_count: 12000}\n"
        "- {youtube_channel_name: bo}\n",
        encoding="utf-8",
    )
    args = ["--map", "handle=youtube_channel_name", "--map", "followers=youtube_subscriber_count",
            "--platform-default", "youtube"]  # fmt: skip
    strict = run("explain", str(path), "ana", *args)
    assert strict.exit_code == 1  # bo has no follower count: the same rule as classify
    result = run("explain", str(path), "ana", *args, "--on-error", "skip", "--format", "json")
    assert result.exit_code == 0, result.stderr
    [found] = json.loads(result.stdout)
    assert (found["platform"], found["followers"], found["tier"]) == ("youtube", 12000, "micro")
    alias = run("explain", str(path), "ana", *args, "--on-error", "skip", "--json")
    assert json.loads(alias.stdout) == [found]


def test_explain_merges_duplicates_as_classify_does(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "d.csv"
    path.write_text(
        "handle,platform,followers,name,country\n"
        "ana,instagram,12000,,PT\nbo,instagram,5000,Bo,\nANA,instagram,12500,Ana A.,ES\n",
        encoding="utf-8",
    )
    result = run("explain", str(path), "ana", "--format", "json")
    assert result.exit_code == 0, result.stderr
    [merged] = json.loads(result.stdout)
    assert (merged["name"], merged["country"], merged["followers"]) == ("Ana A.", "PT", 12000)
    [classified] = [
        r for r in json.loads(run("classify", str(path), "--format", "json").stdout)
        if r["handle"] == "ana"
    ]  # fmt: skip
    assert {k: merged[k] for k in classified if k != "rank"} == {
        k: v for k, v in classified.items() if k != "rank"
    }
    both = run("explain", str(path), "ana", "--keep-duplicates", "--format", "json")
    assert len(json.loads(both.stdout)) == 2


def test_tiers_diff_on_reads_with_the_input_options(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    path.write_text("channel;subs\nana;15000\nbo;30000\n", encoding="utf-8")
    tiers = str(EXAMPLES / "tiers-tiktok.yaml")
    args = ["tiers", "diff", "tiers.yaml", tiers, "--on", str(path), "--format", "json"]
    result = run(*args[:2], str(Path(CREATORS).parent.parent / "tiers.yaml"), *args[3:],
                 "--map", "followers=subs", "--platform-default", "tt")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    movers = json.loads(result.stdout)["movers"]
    # on tiktok, 15K is nano (under 20K) rather than micro; 30K stays micro
    assert [(m["handle"], m["platform"], m["old"], m["new"]) for m in movers] == [
        ("ana", "tiktok", "micro", "nano")
    ]


def test_dash_h_everywhere() -> None:
    from typer.main import get_command

    from microinf.cli.app import app

    group = get_command(app)
    paths = [()] + [(n,) for n in group.commands]  # type: ignore[attr-defined]
    paths += [("tiers", n) for n in group.commands["tiers"].commands]  # type: ignore[attr-defined]
    binary = Path(sys.executable).parent / "microinf"
    for path in paths:
        done = subprocess.run([binary, *path, "-h"], capture_output=True, text=True)
        assert done.returncode == 0, (path, done.stderr)
        assert done.stdout.startswith("Usage: microinf"), path
        assert "-h, --help" in done.stdout


def test_shell_completion_is_offered() -> None:
    binary = Path(sys.executable).parent / "microinf"
    done = subprocess.run([binary, "--help"], capture_output=True, text=True, check=True)
    assert "--install-completion" in done.stdout
    assert "--show-completion" in done.stdout
    shown = subprocess.run(
        [binary, "--show-completion", "bash"], capture_output=True, text=True, check=True
    )
    assert "_MICROINF_COMPLETE" in shown.stdout


def test_platform_tiers_apply_to_every_spelling(run: Run, tmp_path: Path) -> None:
    tiers = tmp_path / "tiers.yaml"
    tiers.write_text(
        "version: 1\npreset: standard\nplatforms:\n  twitter:\n    tiers:\n"
        "      - {name: small, min: 0, max: 5000}\n      - {name: big, min: 5000}\n",
        encoding="utf-8",
    )
    data = tmp_path / "c.csv"
    data.write_text("handle,platform,followers\na,x,12000\nb,instagram,12000\n", encoding="utf-8")
    result = run("classify", str(data), "--tiers", str(tiers), "--format", "json")
    assert {r["handle"]: r["tier"] for r in json.loads(result.stdout)} == {"a": "big", "b": "micro"}
    shown = run("tiers", "show", "--tiers", str(tiers), "--platform", "x", "--format", "json")
    assert [t["name"] for t in json.loads(shown.stdout)] == ["small", "big"]
