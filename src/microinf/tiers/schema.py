"""The tiers.yaml schema: tiers, platform tiers, examples, presets and the scoring sections."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, WithJsonSchema

from microinf.numbers import parse_count
from microinf.platforms import canonical_platform
from microinf.tiers.scoring import Benchmark, FlagsConfig, Number, RankingConfig, Share


def _count(value: Any) -> Any:
    if isinstance(value, bool):
        raise ValueError(f"{str(value).lower()} is not a count")
    if not isinstance(value, str):
        return value
    try:
        return parse_count(value)
    except ValueError:
        raise ValueError(f'cannot read "{value}" as a count (write 10000, 10k or 1.5M)') from None


# a count may be written 10000, 10k or 1.5M; editors validating against the schema accept both
Count = Annotated[
    int,
    BeforeValidator(_count),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "integer", "minimum": 0},
                {"type": "string", "pattern": "^[0-9][0-9.,_ ]*[kKmMbB]?$"},
            ]
        }
    ),
]


class TierSpec(BaseModel):
    """One tier: followers in [min, max)."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(pattern=r"^[a-z0-9_-]+$", description="Unique name, [a-z0-9_-]+")
    min: Count = Field(ge=0, description="Inclusive lower bound; 10k and 1.5M are accepted")
    max: Count | None = Field(
        default=None, ge=0, description="Exclusive upper bound; only the last tier may omit it"
    )
    label: str | None = Field(default=None, description="Display name")
    description: str | None = None


class PlatformTiers(BaseModel):
    """The complete tier list of one platform."""

    model_config = ConfigDict(extra="forbid")

    tiers: list[TierSpec] = Field(min_length=1, description="Ascending and contiguous")


class Example(BaseModel):
    """A config test: a follower count (and platform) and the tier it must get."""

    model_config = ConfigDict(extra="forbid")

    followers: Count = Field(ge=0)
    platform: str | None = None
    expect: str | None = Field(description="The expected tier name, or null for no tier")


class TiersConfig(BaseModel):
    """A tiers.yaml file."""

    model_config = ConfigDict(extra="forbid", title="microinf tiers.yaml")

    version: Literal[1] = Field(description="Schema version; 1")
    preset: str | None = Field(
        default=None, description="Start from a named preset: standard, later or four-tier"
    )
    tiers: list[TierSpec] | None = Field(
        default=None, min_length=1, description="Ascending and contiguous; replaces the preset's"
    )
    platforms: dict[str, PlatformTiers] = Field(
        default_factory=dict, description="A complete tier list for a platform"
    )
    niches: dict[str, list[str]] = Field(
        default_factory=dict, description="Keywords that place a creator in a niche"
    )
    examples: list[Example] = Field(default_factory=list, description="Checked by `tiers check`")
    benchmarks: dict[str, dict[str, Share | Benchmark]] = Field(
        default_factory=dict,
        description="Engagement band per tier: {platform or default: {tier: rate or "
        "{typical, good}}}",
    )
    flags: FlagsConfig = Field(default_factory=FlagsConfig)
    ranking: RankingConfig = Field(default_factory=RankingConfig)
    costs: dict[str, dict[str, tuple[Number, Number]]] = Field(
        default_factory=dict,
        description="Price range per post: {platform or default: {tier: [low, high]}}",
    )

    def tier_list(self) -> list[TierSpec]:
        """The effective default tiers: the file's own, else its preset's (standard by default)."""
        if self.tiers is not None:
            return self.tiers
        return preset_tiers(self.preset or "standard")

    def tiers_for(self, platform: str | None) -> list[TierSpec]:
        """The tiers that apply to a platform, written in any of its spellings (twitter, x)."""
        if platform is not None and platform in self.platforms:
            return self.platforms[platform].tiers
        if platform is not None and self.platforms:
            wanted = canonical_platform(platform)
            for name, spec in self.platforms.items():
                if canonical_platform(name) == wanted:
                    return spec.tiers
        return self.tier_list()


def _tiers(*bounds: int) -> list[TierSpec]:
    names = ["nano", "micro", "mid", "macro", "mega"][-len(bounds) :]
    if len(bounds) == 4:
        names = ["nano", "micro", "macro", "mega"]
    tops: list[int | None] = [*bounds[1:], None]
    return [TierSpec(name=n, min=lo, max=hi) for n, lo, hi in zip(names, bounds, tops, strict=True)]


PRESETS: dict[str, tuple[str, tuple[int, ...]]] = {
    "standard": (
        "1K/10K/50K/500K/1M: Mediakix, Hootsuite, HypeAuditor",
        (1_000, 10_000, 50_000, 500_000, 1_000_000),
    ),
    "later": ("0/10K/100K/500K/1M: Later and Fohr", (0, 10_000, 100_000, 500_000, 1_000_000)),
    "four-tier": ("1K/10K/100K/1M", (1_000, 10_000, 100_000, 1_000_000)),
}


def preset_tiers(name: str) -> list[TierSpec]:
    """The tier list of a named preset; KeyError for an unknown name."""
    return _tiers(*PRESETS[name][1])
