"""The starter file `tiers init` writes, and the JSON Schema of tiers.yaml."""

from __future__ import annotations

import json

from microinf.tiers.schema import PRESETS, TiersConfig, preset_tiers

SCHEMA_NAME = "tiers.schema.json"


def schema_text() -> str:
    """The JSON Schema generated from the TiersConfig model."""
    schema = TiersConfig.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def starter_text(preset: str) -> str:
    """A commented tiers.yaml starting from a preset's tiers."""
    source, _ = PRESETS[preset]
    lines = [
        f"# yaml-language-server: $schema=./{SCHEMA_NAME}",
        "# microinf tier rules. min is inclusive, max exclusive; only the last tier may omit max.",
        f"# Written from the {preset!r} preset ({source}); edit freely, then run",
        "#   microinf tiers check tiers.yaml",
        "version: 1",
        "tiers:",
    ]
    for tier in preset_tiers(preset):
        lines.append(f"  - name: {tier.name}")
        lines.append(f"    min: {tier.min}")
        if tier.max is not None:
            lines.append(f"    max: {tier.max}")
        else:
            lines[-1] += "      # no max: open-ended"
    lines += [
        "",
        "# A platform may have its own complete list, e.g. TikTok counts run higher:",
        "# platforms:",
        "#   tiktok:",
        "#     tiers:",
        "#       - {name: nano, min: 1000, max: 20000}",
        "#       - ...",
        "",
        "# Config tests, checked by `microinf tiers check`:",
        "examples:",
    ]
    for tier in preset_tiers(preset):
        lines.append(f"  - {{followers: {tier.min}, expect: {tier.name}}}")
    return "\n".join(lines) + "\n"
