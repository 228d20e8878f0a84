"""Third blind round, facility and beneficiary status: a sheet's caption and unit note in its first cell are
no header rows; a column named by a measure word counts its unit (``인원`` → 명); months down (``1월`` …
``월평균``) are periods, so the column names what is counted; a 전년 대비 증감 column is a difference, never
a count; year columns under a count unit (``(단위: 개소)``) are no budgets."""

from engine_support import extract_text
from helpers.extract.blocks import find_tables

# invented Excel copy: trailing tabs, the caption and the unit note in the first cell, a two-row header
SHEET = ("2025년 전라남도 화순군 수급자 현황\t\t\t\t\n"
         "\t\t\t\t\n"
         "1. 읍면별 수급자\t\t\t\t\n"
         "(단위: 가구, 명)\t\t\t\t\n"
         "읍면\t계\t\t전년 대비 증감\t\n"
         "\t가구\t인원\t인원\t\n"
         "화순읍\t420\t610\t△12\t\n"
         "능주면\t95\t130\t4\t\n"
         "\t\t\t\t\n"
         "2. 월별 신규 수급자\t\t\t\n"
         "(단위: 명)\t\t\t\n"
         "구분\t신규\t중지\t\n"
         "1월\t21\t9\t\n"
         "2월\t18\t11\t\n"
         "월평균\t20\t10\t\n")

# invented markdown: year columns under a count unit
YEARS = """## 시설 종류별 연도별 현황

(단위: 개소)

| 시설 종류 | 2023년 | 2024년 | 2025년 |
|:---|---:|---:|---:|
| 노인복지시설 | 18 | 19 | 20 |
| 아동복지시설 | 9 | 10 | 10 |
"""


def test_a_caption_in_a_sheets_first_cell_heads_no_column():
    lines = SHEET.split("\n")
    first = find_tables(lines)[0]
    assert first.column_labels()[:3] == ["읍면", "계 › 가구", "계 › 인원"]


def test_counts_by_measure_word_months_and_no_differences(tmp_path):
    frames = extract_text(tmp_path, "sheet.txt", SHEET, region=None, year=None)
    got = sorted((int(r.line), int(r.year), r.item, r.measure, r.value) for r in frames["activities"].itertuples())
    assert got == [(7, 2025, "화순읍", "계 › 가구", 420), (7, 2025, "화순읍", "계 › 인원 (명)", 610),
                   (8, 2025, "능주면", "계 › 가구", 95), (8, 2025, "능주면", "계 › 인원 (명)", 130),
                   (13, 2025, "신규", "명", 21), (13, 2025, "중지", "명", 9),
                   (14, 2025, "신규", "명", 18), (14, 2025, "중지", "명", 11),
                   (15, 2025, "신규", "명", 20), (15, 2025, "중지", "명", 10)]


def test_year_columns_under_a_count_unit_are_no_budgets(tmp_path):
    frames = extract_text(tmp_path, "years.txt", YEARS, region="전라남도 화순군", year=2025)
    assert frames["budgets"].empty
    assert not frames["quality_flags"]["kind"].isin(["unit_unknown"]).any()
    got = sorted((int(r.line), int(r.year), r.item, r.value) for r in frames["activities"].itertuples())
    assert got[:3] == [(7, 2023, "노인복지시설", 18), (7, 2024, "노인복지시설", 19), (7, 2025, "노인복지시설", 20)]
    assert len(got) == 6
