"""The JSON Schema of one creator record, as the json and jsonl formats write it."""

from __future__ import annotations

import json
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field


class ScoreParts(BaseModel):
    """How the score was made (with --explain)."""

    model_config = ConfigDict(extra="allow")

    relevance: float | None = Field(None, ge=0, le=1, description="Niche relevance (--niche).")
    engagement_quality: float = Field(ge=0, le=1, description="rate / (rate + typical rate).")
    benchmark_rate: float = Field(ge=0, description="The typical rate of its tier and platform.")
    plausible: list[float] = Field(description="The plausible band of rates [low, high].")
    band: str = Field(description="Where the band comes from.")
    severity: Literal["review", "flag"] | None = Field(description="What the signals add up to.")
    engagement_rate: float | None = Field(None, ge=0, description="The rate used, unrounded.")
    flag_factor: float = Field(ge=0, le=1, description="What the signals cost the score.")
    flags: dict[str, str] = Field(description="Each flag raised, with the numbers that raised it.")


class CreatorRecord(BaseModel):
    """One creator as classified and ranked. Every other input column follows these fields,
    under its own name (or input_<name> when it clashes with one of them), with the value as
    read: text from CSV, any JSON value from JSON, YAML or spreadsheets."""

    model_config = ConfigDict(extra="allow", title="microinf creator record")

    rank: int | None = Field(ge=1, description="1-based position in the output.")
    handle: str = Field(min_length=1, description="The handle, without a leading @.")
    platform: str | None = Field(description="Canonical platform name (twitter is x).")
    name: str | None = Field(description="Display name.")
    followers: int = Field(ge=0, le=10_000_000_000, description="Follower count.")
    tier: str | None = Field(description="Tier name, or null when no tier holds the count.")
    niche: list[str] = Field(description="Categories as read.")
    engagement_rate: float | None = Field(ge=0, description="A fraction: 0.041 is 4.1%.")
    engagement_method: (
        Literal[
            "given",
            "likes+comments",
            "likes only",
            "likes+comments/views",
            "likes/views",
            "viewers/followers",
        ]
        | None
    ) = Field(description="How the rate was obtained; null when there is none.")
    score: float = Field(ge=0, le=1, description="The ranking score, 4 decimals.")
    flags: list[str] = Field(description="Authenticity flags raised (corroborated signals).")
    review: list[str] = Field(description="A single signal worth a look, not proof.")
    bio: str | None
    avg_likes: float | None = Field(ge=0)
    avg_comments: float | None = Field(ge=0)
    avg_views: float | None = Field(ge=0)
    following: int | None = Field(ge=0)
    posts: int | None = Field(ge=0)
    credibility: float | None = Field(ge=0, le=1, description="Real-followers share, 0..1.")
    price: float | None = Field(ge=0, description="Price per post, as given in the input.")
    country: str | None
    language: str | None
    url: str | None
    source: str = Field("", description="With --fields source: the source it came from.")
    line: int = Field(0, ge=1, description="With --fields line: its line or record number.")
    relevance: float | None = Field(None, ge=0, le=1, description="With --explain.")
    score_parts: ScoreParts | None = Field(None, description="With --explain.")


def creators_schema() -> dict[str, Any]:
    """The schema of one record (each jsonl line; each item of the json array)."""
    schema = CreatorRecord.model_json_schema()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **schema,
    }


def creators_schema_text() -> str:
    """The schema as committed in schemas/creators.schema.json."""
    return json.dumps(creators_schema(), indent=2, ensure_ascii=False) + "\n"
