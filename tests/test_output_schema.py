"""schemas/creators.schema.json: generated from the code, and true of real output."""

from __future__ import annotations

import json

import pytest
from jsonschema import Draft202012Validator

from conftest import EXAMPLES, ROOT, SHARED_DATA, Run

SCHEMA_FILE = ROOT / "schemas" / "creators.schema.json"


def validator() -> Draft202012Validator:
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def test_committed_schema_is_the_generated_one() -> None:
    from microinf.render.schema import creators_schema_text

    assert SCHEMA_FILE.read_text(encoding="utf-8") == creators_schema_text(), (
        "schemas/creators.schema.json is stale; regenerate it with: python -c "
        "\"from microinf.render.schema import creators_schema_text as t; print(t(), end='')\""
        " > schemas/creators.schema.json"
    )


def test_schema_names_every_output_field() -> None:
    from microinf.models import EXPLAIN_FIELDS, LOCATION_FIELDS, OUTPUT_FIELDS

    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    assert list(schema["properties"]) == [*OUTPUT_FIELDS, *LOCATION_FIELDS, *EXPLAIN_FIELDS]
    assert schema["required"] == list(OUTPUT_FIELDS)


@pytest.mark.parametrize(
    "args",
    [
        [str(EXAMPLES / "creators.csv"), "--explain", "--niche", "fitness"],
        [str(EXAMPLES / "creators.csv"), str(EXAMPLES / "roster.yaml"), "--fields",
         "rank,handle,platform,name,followers,tier,niche,engagement_rate,engagement_method,"
         "score,flags,review,bio,avg_likes,avg_comments,avg_views,following,posts,credibility,price,"
         "country,language,url,source,line"],
    ],
)  # fmt: skip
def test_classify_output_validates(run: Run, args: list[str]) -> None:
    check = validator()
    for fmt in ("json", "jsonl"):
        result = run("classify", *args, "--format", fmt)
        assert result.exit_code == 0, result.stderr
        if fmt == "json":
            rows = json.loads(result.stdout)
        else:
            rows = [json.loads(line) for line in result.stdout.splitlines()]
        assert len(rows) > 10
        for row in rows:
            errors = list(check.iter_errors(row))
            assert errors == [], (row["handle"], [e.message for e in errors])


@pytest.mark.skipif(not SHARED_DATA.is_dir(), reason="the shared data files are absent")
@pytest.mark.parametrize(
    "args",
    [
        ["tunisia_instagram.json"],
        ["insta_top200.csv", "--platform-default", "instagram"],
        ["youtube_top200_topics.csv", "--map", "niche=Main topic", "--explain"],
    ],
)
def test_real_files_output_validates(run: Run, args: list[str]) -> None:
    check = validator()
    result = run("classify", str(SHARED_DATA / args[0]), *args[1:], "--format", "json")
    assert result.exit_code == 0, result.stderr
    rows = json.loads(result.stdout)
    assert len(rows) > 50
    bad = [(r["handle"], e.message) for r in rows for e in check.iter_errors(r)]
    assert bad == []


def test_schema_rejects_what_the_output_never_holds() -> None:
    check = validator()
    good = json.loads(
        '{"rank": 1, "handle": "a", "platform": "x", "name": null, "followers": 10, "tier": null,'
        ' "niche": [], "engagement_rate": null, "engagement_method": null, "score": 0.0,'
        ' "flags": [], "review": [], "bio": null, "avg_likes": null, "avg_comments": null, "avg_views": null,'
        ' "following": null, "posts": null, "credibility": null, "price": null, "country": null,'
        ' "language": null, "url": null, "Followers gained": "12"}'
    )
    assert list(check.iter_errors(good)) == []
    for key, value in [("followers", "10"), ("score", 1.5), ("engagement_method", "guess")]:
        assert list(check.iter_errors({**good, key: value})), key
    assert list(check.iter_errors({k: v for k, v in good.items() if k != "tier"}))
