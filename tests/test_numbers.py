"""Korean number and money parsing (helpers.extract.numbers), with the printed forms of the documents."""

import pytest

from helpers.extract.numbers import find_numbers, is_missing, parse_money, parse_number, percent, to_krw


@pytest.mark.parametrize(
    "text, value, unit",
    [
        ("1,234", 1234, ""),
        ("△1,234", -1234, ""),  # triangle = minus
        ("▲70", -70, ""),
        ("68.5%", 68.5, "%"),
        ("１２３", 123, ""),  # full-width digits
        ("１００％", 100, "%"),  # full-width percent
        ("15,000건", 15000, "건"),  # number glued to its unit
        ("3만명", 30000, "명"),  # 만 multiplies counts
        ("50,000명", 50000, "명"),
        ("81백만원", 81, "백만원"),  # money keeps its unit; to_krw converts
        ("**1,011**", 1011, ""),  # markdown bold inside a cell
    ],
)
def test_parse_number(text, value, unit):
    n = parse_number(text)
    assert n is not None and n.value == value and n.unit == unit


@pytest.mark.parametrize("text", ["비예산", "-", "", "  ", "1,2,3", "12..5", "인증", "사업추진 방식 검토", "％"])
def test_not_a_number(text):
    assert parse_number(text) is None  # missing markers and non-numbers: never 0


def test_missing_markers():
    assert is_missing("비예산") and is_missing("-") and is_missing(None) and not is_missing("0")


@pytest.mark.parametrize(
    "text, unit, won",
    [
        ("81백만원", None, 81_000_000),
        ("70.8억원", None, 7_080_000_000),  # no binary noise
        ("3조 2,867억원", None, 3_286_700_000_000),  # compound 조 + 억
        ("28,800백만 원", None, 28_800_000_000),  # space inside the unit
        ("393천원", "백만원", 393_000),  # an inline unit wins over the table's
        ("353,740", "천원", 353_740_000),  # bare number takes the unit in force
        ("△70", "억원", -7_000_000_000),
        ("1,234", None, None),  # no unit anywhere: unknown, not guessed
        ("비예산", "백만원", None),
    ],
)
def test_parse_money(text, unit, won):
    assert parse_money(text, unit) == won


def test_find_numbers_anchors_a_row():
    assert [v for _, _, v in find_numbers("총 계 353,740 282,322 79.8%")] == [353740, 282322, 79.8]
    assert [v for _, _, v in find_numbers("재 무 활 동\t16\t86\t△70\t△81.4%")] == [16, 86, -70, -81.4]


def test_percent_and_krw():
    assert percent("851(100%)") == 100
    assert percent("79.8%") == 79.8
    assert percent("12명") is None
    assert to_krw(1.5, "억원") == 150_000_000
    assert to_krw(5, "명") is None
