"""Documents the project has never seen: other years, regions, converters and table vocabularies.

Each fixture under ``fixtures/unseen/`` is a small report written for these tests (invented programs and
figures, real region names), laid out the way other converters and other offices print the same kinds of
tables: ``| 성과지표 | 단위 | 목표 | 실적 | 달성률 |`` pipe tables, space-separated 세입/세출 tables with the
column marks on their own line, tab tables broken by a page number, CP949 with 억원 decimals, 실적 printed
before 목표, wrapped labels, units inside cells, region headings without PART. Every fixture is extracted
like a new document dropped into the raw folder with no manifest entry, so region, year, unit and reference
date must all come from the text; the facts are compared whole.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from helpers.extract.pipeline import extract_all, to_frame

UNSEEN = Path(__file__).parent / "fixtures" / "unseen"
IND = ["line", "region_code", "year", "program", "indicator", "unit", "target", "actual", "reported_rate",
       "achievement", "direction", "period"]
BUD = ["line", "region_code", "year", "program", "item", "flow", "basis", "budget_krw", "spent_krw",
       "reported_rate", "unit", "as_of", "is_total"]


def _plain(v):
    if v is None or (isinstance(v, float) and v != v):
        return None
    if isinstance(v, float):
        return round(v, 1)
    return v.item() if hasattr(v, "item") else v


def extract(name: str, tmp_path: Path) -> dict:
    """Extract fixture ``name`` alone from a raw folder without a manifest: facts as lists of tuples."""
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(UNSEEN / name, raw / name)
    run = extract_all(raw)
    out = {"documents": run.rows["documents"]}
    for table, cols in (("indicators", IND), ("budgets", BUD), ("quality_flags", ["line", "kind"])):
        df = to_frame(table, run.rows[table])
        out[table] = [tuple(_plain(v) for v in rec) for rec in df[cols].itertuples(index=False)]
    return out


def test_gangwon_2024_pipe_tables_with_unit_column_and_units_in_header_cells(tmp_path):
    # 2024: 강원특별자치도 (code 51…) — the cover names the 시도 and its 시군구 together
    got = extract("gangwon_2024_pipe_tables.txt", tmp_path)
    p = "어르신 건강동행 돌봄사업"
    assert got["indicators"] == [  # unit in its own column, 목표/실적 without (A)/(B)
        (12, "51110", 2024, p, "방문건강관리 대상자", "명", 1200.0, 1260.0, 105.0, 105.0, "increase", None),
        (13, "51110", 2024, p, "낙상예방 교육 횟수", "회", 48.0, 42.0, 87.5, 87.5, "increase", None),
        (14, "51110", 2024, p, "독거노인 안부확인율", "%", 95.0, 97.2, 102.3, 102.3, "increase", None),
    ]
    assert got["budgets"] == [  # 예산액(천원): the unit in the header cell, % only in the 집행률(%) header
        (20, "51110", 2024, p, "인건비", "expenditure", "예산액", 412_500_000.0, 398_700_000.0, 96.7, "천원", None, False),
        (21, "51110", 2024, p, "사업비", "expenditure", "예산액", 187_300_000.0, 160_430_000.0, 85.7, "천원", None, False),
        (22, "51110", 2024, p, "합계", "expenditure", "예산액", 599_800_000.0, 559_130_000.0, 93.2, "천원", None, True),
    ]
    assert got["quality_flags"] == []


def test_gangwon_2022_gets_the_code_in_force_that_year(tmp_path):
    # 강원도 춘천시 before 2023-06-11 is 42110; the section title's date (12월 말) gives the year: full-year
    # figures, no as-of (a year-end reference date is not period-to-date)
    got = extract("gangwon_2022_old_code.txt", tmp_path)
    p = "청년 마음건강 바우처"
    assert got["indicators"] == [
        (10, "42110", 2022, p, "상담 이용 청년", "명", 300.0, 276.0, 92.0, 92.0, "increase", None),
        (11, "42110", 2022, p, "우울척도 개선율", "%", 60.0, 63.0, 105.0, 105.0, "increase", None),
    ]
    assert got["budgets"] == [
        (17, "42110", 2022, p, "바우처 지원", "expenditure", "예산액", 240_000_000.0, 220_800_000.0, 92.0, "천원",
         None, False),
    ]
    assert got["documents"][0]["region_code"] == "42110"


def test_space_tables_with_column_marks_line_and_subtotals(tmp_path):
    # ``(A)  (B)  (B/A)`` on the line under the header words; 소계 rows inside the list; 세입 → revenue
    got = extract("space_two_line_header_subtotals.txt", tmp_path)
    r, d = "52140", "2024-06"  # 전북특별자치도 익산시 (2024)
    assert got["budgets"] == [
        (11, r, 2024, None, "시비 보조금", "revenue", "예산액", 380_000_000.0, 190_000_000.0, 50.0, "천원", d, False),
        (12, r, 2024, None, "후원금 수입", "revenue", "예산액", 42_000_000.0, 25_600_000.0, 61.0, "천원", d, False),
        (13, r, 2024, None, "합 계", "revenue", "예산액", 422_000_000.0, 215_600_000.0, 51.1, "천원", d, True),
        (20, r, 2024, None, "인건비", "expenditure", "예산현액", 325_400_000.0, 161_900_000.0, 49.8, "천원", d, False),
        (21, r, 2024, None, "운영비", "expenditure", "예산현액", 84_200_000.0, 40_150_000.0, 47.7, "천원", d, False),
        (22, r, 2024, None, "소계", "expenditure", "예산현액", 409_600_000.0, 202_050_000.0, 49.3, "천원", d, True),
        (23, r, 2024, None, "경로식당 운영", "expenditure", "예산현액", 120_000_000.0, 58_800_000.0, 49.0, "천원", d, False),
        (24, r, 2024, None, "여가문화 프로그램", "expenditure", "예산현액", 35_500_000.0, 12_430_000.0, 35.0, "천원", d,
         False),
        (25, r, 2024, None, "소계", "expenditure", "예산현액", 155_500_000.0, 71_230_000.0, 45.8, "천원", d, True),
        (26, r, 2024, None, "합 계", "expenditure", "예산현액", 565_100_000.0, 273_280_000.0, 48.4, "천원", d, True),
    ]
    assert got["quality_flags"] == []  # the totals add up and every printed rate matches


def test_tab_table_across_a_page_break_with_triangle_and_mismatches(tmp_path):
    # the header repeats after ``- 12 -``: one table, so the total is checked against all four rows
    got = extract("tab_page_break_mismatches.txt", tmp_path)
    r, d = "47170", None  # ('23.12월말 기준): a year-end date, full-year figures
    assert got["budgets"] == [
        (6, r, 2023, None, "기초연금 지급", "expenditure", "예산현액", 48_215_000_000.0, 47_902_000_000.0, 99.4, "백만원", d,
         False),
        (7, r, 2023, None, "장애인 활동지원", "expenditure", "예산현액", 6_830_000_000.0, 6_512_000_000.0, 95.3, "백만원", d,
         False),
        (12, r, 2023, None, "노인일자리 반납금", "expenditure", "예산현액", -120_000_000.0, -120_000_000.0, 100.0, "백만원",
         d, False),  # △ = minus
        (13, r, 2023, None, "경로당 냉난방비", "expenditure", "예산현액", 1_250_000_000.0, 1_100_000_000.0, 80.0, "백만원", d,
         False),
        (14, r, 2023, None, "합계", "expenditure", "예산현액", 56_300_000_000.0, 55_394_000_000.0, 98.4, "백만원", d, True),
    ]
    # 1,100/1,250 = 88.0% printed as 80.0; the items sum to 56,175, the total says 56,300 (spent adds up)
    assert got["quality_flags"] == [(13, "rate_mismatch"), (14, "total_mismatch")]


def test_cp949_file_in_eok_won_with_decimals(tmp_path):
    got = extract("eok_decimals_cp949.txt", tmp_path)
    assert got["documents"][0]["encoding"] == "cp949"
    r, d = "44130", None  # a 12월 reference date closes the year: full-year figures
    assert got["budgets"] == [
        (7, r, 2023, None, "기초생활보장", "expenditure", "예산액", 31_240_000_000.0, 30_510_000_000.0, 97.7, "억원", d, False),
        (8, r, 2023, None, "아동·보육", "expenditure", "예산액", 12_800_000_000.0, 12_160_000_000.0, 95.0, "억원", d, False),
        (9, r, 2023, None, "노인복지", "expenditure", "예산액", 1_250_000_000.0, 1_190_000_000.0, 95.2, "억원", d, False),
        (10, r, 2023, None, "계", "expenditure", "예산액", 45_290_000_000.0, 43_860_000_000.0, 96.8, "억원", d, True),
    ]
    assert got["quality_flags"] == []


def test_actual_printed_before_target_no_rate_and_a_lower_is_better_indicator(tmp_path):
    got = extract("actual_before_target_decrease.txt", tmp_path)
    r, p = "27290", "기초생활 신속지원"  # 대구광역시 달서구
    assert got["indicators"] == [
        # 처리기간 단축: 14 days targeted, 12 taken → lower is better, achievement 14/12
        (8, r, 2023, p, "기초수급 신청 처리기간 단축", "일", 14.0, 12.0, None, 116.7, "decrease", None),
        (9, r, 2023, p, "자활사업 참여자 취업률", "%", 35.0, 38.5, None, 110.0, "increase", None),
        (10, r, 2023, p, "위기가구 발굴 건수", "건", 900.0, 1046.0, None, 116.2, "increase", None),
    ]


def test_labels_wrapped_over_lines_before_numbers_and_a_trailing_note(tmp_path):
    got = extract("wrapped_labels_trailing_note.txt", tmp_path)
    r = "26380"  # 부산광역시 사하구
    assert got["budgets"] == [
        (10, r, 2023, None, "저소득 한부모 가족 아동양육비 지원", "expenditure", "예산액", 96_000_000.0, 91_200_000.0, 95.0,
         "천원", None, False),
        # the label wraps right under the previous row's numbers; 비고 text trails the figures
        (13, r, 2023, None, "긴급복지 지원사업", "expenditure", "예산액", 54_000_000.0, 40_500_000.0, 75.0, "천원", None,
         False),
        (14, r, 2023, None, "지역아동센터 운영", "expenditure", "예산액", 210_000_000.0, 209_580_000.0, 99.8, "천원", None,
         False),
        (15, r, 2023, None, "합계", "expenditure", "예산액", 360_000_000.0, 341_280_000.0, 94.8, "천원", None, True),
    ]
    assert got["quality_flags"] == []


def test_units_inside_cells_override_the_stated_unit_row_by_row(tmp_path):
    got = extract("inline_units_in_cells.txt", tmp_path)
    r, p = "31200", "통합돌봄 지원"  # 울산광역시 북구: 북구 alone is ambiguous, after 울산광역시 it is not
    assert got["indicators"] == [
        (9, r, 2024, p, "돌봄 서비스 이용자", "명", 1200.0, 1320.0, 110.0, 110.0, "increase", None),
        (10, r, 2024, p, "방문 상담", "건", 3000.0, 2850.0, 95.0, 95.0, "increase", None),
    ]
    assert got["budgets"] == [  # (단위: 백만원) for bare figures; 3.5억원 and 850천원 keep their own units
        (16, r, 2024, p, "방문요양 지원", "expenditure", "예산", 350_000_000.0, 320_000_000.0, 91.4, "억원", None, False),
        (17, r, 2024, p, "긴급 돌봄 물품", "expenditure", "예산", 850_000.0, 850_000.0, 100.0, "천원", None, False),
        (18, r, 2024, p, "돌봄 인력 교육", "expenditure", "예산", 120_000_000.0, 96_000_000.0, 80.0, "백만원", None, False),
    ]


def test_region_headings_without_part_and_unit_inferred_or_unknown(tmp_path):
    # ``Ⅰ. 충청북도 청주시`` / ``Ⅱ. 전라남도 순천시`` switch the region; the second 청주 table prints no unit and
    # takes 백만원 from the first; 순천's table has no basis in its own region → amounts empty
    got = extract("unit_inferred_and_unknown.txt", tmp_path)
    assert got["indicators"] == [
        (24, "46150", 2023, "농촌 어르신 이동 지원", "이동지원 이용 건수", None, 2400.0, 2616.0, 109.0, 109.0, "increase",
         None),
    ]
    assert got["budgets"] == [
        (10, "43110", 2023, "마을 돌봄 공동체 지원", None, "expenditure", "예산", 420_000_000.0, 401_000_000.0, 95.5,
         "백만원", None, False),
        (16, "43110", 2023, "청소년 진로 멘토링", None, "expenditure", "예산", 85_000_000.0, 80_000_000.0, 94.1, "백만원",
         None, False),
        (28, "46150", 2023, "농촌 어르신 이동 지원", None, "expenditure", "예산", None, None, 95.5, "unknown", None, False),
    ]
    assert got["quality_flags"] == [(15, "unit_inferred"), (27, "unit_unknown")]
    assert got["documents"][0]["region_code"] is None  # a document about two regions has no single default


def test_a_wrong_subtotal_is_checked_against_its_own_items(tmp_path):
    # the 세출 list of the fixture with its first 소계 misprinted (419,600 for 409,600): that 소계 no longer
    # matches its two items nor its printed rate, and the 합계 no longer matches the 소계 rows
    text = (UNSEEN / "space_two_line_header_subtotals.txt").read_text(encoding="utf-8")
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "subtotal.txt").write_text(text.replace("  소계              409,600", "  소계              419,600"),
                                      encoding="utf-8")
    flags = to_frame("quality_flags", extract_all(raw).rows["quality_flags"])
    assert sorted(zip(flags["line"], flags["kind"], flags["message"].str.slice(0, 22), strict=True)) == [
        (22, "rate_mismatch", "printed rate 49.3% but"),  # 202,050/419,600 = 48.2%
        (22, "total_mismatch", "budget_krw: total row "),  # 325,400 + 84,200 = 409,600
        (26, "total_mismatch", "budget_krw: total row "),  # 419,600 + 155,500 ≠ 565,100
    ]


def test_tab_table_with_year_group_header_and_direction_column(tmp_path):
    # ``2023년`` spans 목표/실적 on the next header row; 지표방향 says 감소 outright; a target printed as text
    got = extract("tab_year_group_direction_column.txt", tmp_path)
    r, p = "50130", "아동 권리 증진"  # 제주특별자치도 서귀포시
    assert got["indicators"] == [
        (10, r, 2023, p, "아동권리 교육 이수율", "%", 80.0, 84.5, None, 105.6, "increase", None),
        (11, r, 2023, p, "아동학대 재신고율", "%", 10.0, 8.0, None, 125.0, "decrease", None),
        (12, r, 2023, p, "아동친화도시 인증", None, None, None, None, None, "increase", None),  # 인증 유지 (text)
        (13, r, 2023, p, "아동참여위원회 개최", "회", 12.0, 12.0, None, 100.0, "increase", None),
    ]


def test_markup_in_pipe_cells_and_units_in_space_header_cells(tmp_path):
    # ``**…<br>…**`` cells; the first table's 단위 note stands after it, so its unit is inferred from the
    # next table of the same kind (``예산(천원)`` header cells, rates printed without %)
    got = extract("pipe_html_cells_space_rate_header.txt", tmp_path)
    r, d = "29200", "2024-09"  # 광주광역시 광산구
    p1, p2 = "저소득층 생활안정 지원", "장애인 자립 지원"
    assert got["budgets"] == [
        (9, r, 2024, p1, "저소득층 에너지 바우처 지원", "expenditure", "예산현액", 1_200_000_000.0, 1_150_000_000.0, 95.8,
         "천원", d, False),
        (10, r, 2024, p1, "긴급생계비 지원", "expenditure", "예산현액", 840_000_000.0, 610_000_000.0, 72.6, "천원", d, False),
        (11, r, 2024, p1, "합 계", "expenditure", "예산현액", 2_040_000_000.0, 1_760_000_000.0, 86.3, "천원", d, True),
        (20, r, 2024, p2, "장애인 일자리", "expenditure", "예산", 530_000_000.0, 498_200_000.0, 94.0, "천원", d, False),
        (21, r, 2024, p2, "보조기기 지원", "expenditure", "예산", 75_000_000.0, 60_000_000.0, 80.0, "천원", d, False),
        (22, r, 2024, p2, "계", "expenditure", "예산", 605_000_000.0, 558_200_000.0, 92.3, "천원", d, True),
    ]
    assert got["quality_flags"] == [(7, "unit_inferred")]


def test_space_header_one_cell_per_line_with_direction_words_and_short_sido_name(tmp_path):
    # ``경남 김해시``: the short 시도 name; 목표방향 words sit between the label and the figures
    got = extract("space_direction_word_short_sido.txt", tmp_path)
    r, p = "48250", "고독사 예방 안전망"
    assert got["indicators"] == [
        (15, r, 2023, p, "고독사 위험가구 발굴", "가구", 450.0, 512.0, 113.8, 113.8, "increase", None),
        (16, r, 2023, p, "고독사 발생 건수", "건", 12.0, 9.0, 133.3, 133.3, "decrease", None),  # 12/9: fewer is better
        (17, r, 2023, p, "안부확인 응답률", "%", 90.0, 92.7, 103.0, 103.0, "increase", None),
    ]
    assert got["quality_flags"] == []


def test_casebook_2024_reports_2023_figures_under_the_code_then_in_force(tmp_path):
    # a 2024 우수사례집 for ’23년도: 전북특별자치도 (52…) is printed, but in 2023 전주시 was 45110;
    # names wrapped over 3 lines with the unit glued (``지원(명)``), rates without %, budgets in 천원
    got = extract("casebook_2024_jeonbuk_wrapped_names.txt", tmp_path)
    r, p1, p2 = "45110", "전주형 위기가구 발굴 돌봄망 사업", "이웃살핌 명예사회복지공무원 운영"
    assert got["indicators"] == [  # 800/1,100 = 72.73 printed 72.7: rounding, no flag
        (36, r, 2023, p1, "위기가구 발굴 및 지원", "명", 1100.0, 800.0, 72.7, 72.7, "increase", None),
        (39, r, 2023, p1, "통합사례관리 대상자수", "가구", 150.0, 165.0, 110.0, 110.0, "increase", None),
        (73, r, 2023, p2, "명예사회복지 공무원 위촉 인원", "명", 500.0, 540.0, 108.0, 108.0, "increase", None),
    ]
    assert got["budgets"] == [
        (44, r, 2023, p1, None, "expenditure", "예산", 482_300_000.0, 451_900_000.0, 93.7, "천원", None, False),
        (78, r, 2023, p2, None, "expenditure", "예산", 36_000_000.0, 30_600_000.0, 58.0, "천원", None, False),
    ]
    assert got["quality_flags"] == [(78, "rate_mismatch")]  # 30,600/36,000 = 85.0, printed 58.0
    assert got["documents"][0]["region_code"] == r and got["documents"][0]["year"] == 2023


def test_casebook_2023_switches_region_per_part_and_uses_the_2022_codes(tmp_path):
    # PART Ⅰ 경상남도 (a 시도 alone) then PART Ⅰ 대구광역시 군위군: in 2022 군위군 was still 경상북도 (47720);
    # units glued to wrapped names, 백만원 inside the cells, then a ``(단위: 천원)`` line for the next table
    got = extract("casebook_2023_two_parts.txt", tmp_path)
    p1, p2 = "경남형 나눔냉장고 확산 사업", "군위군 홀몸어르신 안심동행 사업"
    assert got["indicators"] == [
        (30, "48", 2022, p1, "나눔냉장고 설치 개소", "개소", 40.0, 44.0, 110.0, 110.0, "increase", None),
        (32, "48", 2022, p1, "이용자 만족도", "점", 80.0, 86.4, 108.0, 108.0, "increase", None),
        (61, "47720", 2022, p2, "안심동행 서비스 제공 횟수", "회", 2400.0, 2160.0, 90.0, 90.0, "increase", None),
    ]
    assert got["budgets"] == [
        (37, "48", 2022, p1, None, "expenditure", "예산", 1_250_000_000.0, 1_175_000_000.0, 94.0, "백만원", None, False),
        (67, "47720", 2022, p2, None, "expenditure", "예산", 180_000_000.0, 171_000_000.0, 59.0, "천원", None, False),
    ]
    assert got["quality_flags"] == [(67, "rate_mismatch")]  # 171,000/180,000 = 95.0, printed 59.0
    assert got["documents"][0]["region_code"] is None  # two 시도: no single document region


@pytest.mark.xfail(strict=True, reason="known gap: budget table with stages as rows and 국비/도비/군비 as columns "
                   "is neither read nor flagged")
def test_budget_table_with_funding_sources_as_columns_is_at_least_read(tmp_path):
    got = extract("casebook_budget_by_source_columns.txt", tmp_path)
    total = [b for b in got["budgets"] if b[4] == "계"]
    assert [(b[0], b[7], b[8], b[9]) for b in total] == [(8, 180_000_000.0, 171_000_000.0, 95.0)]


@pytest.mark.xfail(strict=True, reason="known gaps: a short casebook with one ’23년도 mention keeps the cover year "
                   "(2024) for its indicators; a row whose target is text (구축 완료) is dropped without a flag")
def test_casebook_pair_cells_and_a_text_target(tmp_path):
    got = extract("casebook_text_target_pair_cells.txt", tmp_path)
    r, p = "44800", "홍성 행복나눔 이동복지관"
    assert got["indicators"] == [  # ``24/300 26/270 108/90``: two indicators in one row
        (22, r, 2023, p, "이동복지관 운영", "회", 24.0, 26.0, 108.0, 108.3, "increase", None),
        (22, r, 2023, p, "상담 연계", "건", 300.0, 270.0, 90.0, 90.0, "increase", None),
        (25, r, 2023, p, "민관협력 체계 구축", None, None, None, 100.0, None, "increase", None),
    ]
    assert got["budgets"] == [
        (30, r, 2023, p, None, "expenditure", "예산", 96_000_000.0, 90_000_000.0, 93.8, "백만원", None, False),
    ]
