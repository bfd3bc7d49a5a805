from __future__ import annotations

import pytest

from microinf.numbers import human, parse_count, parse_number, parse_rate


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12500", 12500),
        ("12,500", 12500),
        ("12 500", 12500),
        ("12\u00a0500", 12500),
        ("12\u202f500", 12500),
        ("12.5K", 12500),
        ("12.5k", 12500),
        ("1.2M", 1_200_000),
        ("475.8m", 475_800_000),
        ("2B", 2_000_000_000),
        ("1.95661E+11", 195_661_000_000),
        ("1,204,331.0", 1_204_331),
        ("2,28,00,000", 22_800_000),
        ("16,037 M", 16_037_000),
        ("987,906 K", 987_906),
        ("0", 0),
    ],
)
def test_counts(text: str, expected: int) -> None:
    assert parse_count(text) == expected


@pytest.mark.parametrize("text", ["", "N/A", "n/a", "NA", "null", "None", "-", "\u2014", "NaN"])
def test_missing_is_none_not_zero(text: str) -> None:
    assert parse_count(text) is None
    assert parse_number(text) is None


@pytest.mark.parametrize("text", ["lots", "12..5", "1e", "K", "12,5,6K"])
def test_not_numbers(text: str) -> None:
    with pytest.raises(ValueError):
        parse_count(text)


def test_rates() -> None:
    assert parse_rate("4.1%") == (pytest.approx(0.041), True)
    assert parse_rate("0.041") == (pytest.approx(0.041), False)
    assert parse_rate("NaN%") == (None, True)
    assert parse_rate("4,1%") == (pytest.approx(0.041), True)


@pytest.mark.parametrize(
    ("count", "text"),
    [
        (0, "0"),
        (999, "999"),
        (1000, "1K"),
        (12500, "12.5K"),
        (999_950, "1M"),
        (2_100_000_000, "2.1B"),
    ],
)
def test_human(count: int, text: str) -> None:
    assert human(count) == text


@pytest.mark.parametrize("text", ["1_000", "1__0", "٣", "12_500.5"])
def test_underscores_and_other_digits_are_not_numbers_anywhere(text: str) -> None:
    # counts and numbers share one rule: Python's int() would take "1_000" and "٣"
    with pytest.raises(ValueError):
        parse_count(text)
    with pytest.raises(ValueError):
        parse_number(text)
