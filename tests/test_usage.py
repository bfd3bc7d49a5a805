"""Parser errors take the form of every other error: `error:` then `hint:`, exit code 2."""

from __future__ import annotations

import pytest

from conftest import EXAMPLES, Run

CREATORS = str(EXAMPLES / "creators.csv")


@pytest.mark.parametrize(
    ("args", "error", "hint"),
    [
        (["classify", CREATORS, "--format", "jsn"],
         "--format: 'jsn' is not one of auto, table, json, jsonl, csv, markdown",
         "microinf classify -h lists the options"),
        (["classify", CREATORS, "--top", "0"],
         "--top: 0 is below the smallest allowed value, 1", "microinf classify -h lists the options"),
        (["classify", CREATORS, "--top", "ten"],
         "--top: 'ten' is not a whole number", "microinf classify -h lists the options"),
        (["classify", CREATORS, "--budget", "lots"],
         "--budget: 'lots' is not a number", "microinf classify -h lists the options"),
        (["classify", CREATORS, "--min-relevance", "2"],
         "--min-relevance: 2 is above the largest allowed value, 1.0",
         "microinf classify -h lists the options"),
        (["classify", CREATORS, "--on-error", "ignore"],
         "--on-error: 'ignore' is not one of 'fail', 'skip'",
         "microinf classify -h lists the options"),
        (["classify", CREATORS, "--fromat", "json"], "unknown option --fromat",
         "did you mean --format? (microinf classify -h lists the options)"),
        (["classify"], "missing argument SOURCE", "microinf classify -h lists the options"),
        (["clasify", CREATORS], "unknown command 'clasify'", "did you mean 'classify'?"),
        (["tiers", "chek"], "unknown command 'chek'", "did you mean 'check', 'schema'?"),
        (["explain", CREATORS, "ana", "--format", "table"],
         "--format: 'table' is not one of text, json", "microinf explain -h lists the options"),
    ],
)  # fmt: skip
def test_usage_errors_are_two_lines(run: Run, args: list[str], error: str, hint: str) -> None:
    result = run(*args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == f"error: {error}\nhint: {hint}\n"
    for wording in ("Value error", "Input should", "Usage:", "Try '"):
        assert wording not in result.stderr
