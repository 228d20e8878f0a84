"""A count unit in a column's brackets (``월 급여량(시간)``, ``수급자(명)``) or as the last part of its header path
(``월급여량_시간`` printed by a data frame) makes the column a count measure, for every count unit of the one
vocabulary (:data:`helpers.extract.vocabulary.COUNT_UNITS`), hours included. Invented tables."""

import pytest

from engine_support import extract_text
from helpers.extract.vocabulary import COUNT_UNITS

# a band table as a sheet prints it: no year, two count columns, the 계 row without hours
BANDS = "\n".join([
    "구간별 이용 현황",
    "",
    "| 구간 | 이용자(명) | 월 이용량(시간) |",
    "| --- | --- | --- |",
    "| 1구간 | 12 | 300 |",
    "| 2구간 | 30 | 240 |",
    "| 계 | 42 | NaN |",
    "",
])

# the same as pandas prints the frame (one character one column; a column with a NaN printed as floats):
# the units as the last part of the column names
BANDS_FRAME = "\n".join([
    "구간별 이용 현황",
    "",
    "    구간  이용자_명  월이용량_시간",
    "0  1구간     12    300.0",
    "1  2구간     30    240.0",
    "2    계     42      NaN",
    "",
])


def _activities(frames):
    return sorted((int(r.line), r.item, r.measure, r.value) for r in frames["activities"].itertuples())


def test_hours_in_brackets_are_a_count_measure(tmp_path):
    frames = extract_text(tmp_path, "bands.txt", BANDS, region="전라남도 순천시", year=2024)
    assert _activities(frames) == [(5, "1구간", "월 이용량(시간)", 300), (5, "1구간", "이용자(명)", 12),
                                   (6, "2구간", "월 이용량(시간)", 240), (6, "2구간", "이용자(명)", 30),
                                   (7, "계", "이용자(명)", 42)]  # NaN: no fact


def test_a_unit_as_the_last_part_of_a_frames_column_name_is_the_measure(tmp_path):
    frames = extract_text(tmp_path, "bands.txt", BANDS_FRAME, region="전라남도 순천시", year=2024)
    assert _activities(frames) == [(4, "1구간", "월이용량 › 시간", 300), (4, "1구간", "이용자 › 명", 12),
                                   (5, "2구간", "월이용량 › 시간", 240), (5, "2구간", "이용자 › 명", 30),
                                   (6, "계", "이용자 › 명", 42)]


@pytest.mark.parametrize("unit", ["시간", "일", "개소", "가구"])
def test_every_count_unit_of_the_vocabulary_names_a_count_column(tmp_path, unit):
    assert unit in COUNT_UNITS
    # rows that are no periods: a 상반기 / 하반기 row would make the column's name the item (periods down)
    text = "\n".join(["| 구분 | 이용량(" + unit + ") |", "| --- | --- |", "| 주간 | 14 |", "| 야간 | 17 |", ""])
    frames = extract_text(tmp_path, "units.txt", text, region="전라남도 순천시", year=2024)
    assert _activities(frames) == [(3, "주간", f"이용량({unit})", 14), (4, "야간", f"이용량({unit})", 17)]
