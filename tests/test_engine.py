"""The table engine (issue 11): block finder → cell grid → roles checked by arithmetic → facts → table_cells.

Every fixture in ``tests/fixtures/engine/`` was written for these tests (invented labels and numbers);
the comment on each names its layout family. Assertions are on whole frames: every ``table_cells`` row of
the document, and every typed fact where the table is one the extractors read.
"""

from __future__ import annotations

import pandas as pd
import pytest

from engine_support import ENGINE_FIXTURES, cells_frame, expected_cells, extract_text
from helpers.extract.algebra import nested_totals, parse_mark
from helpers.extract.blocks import classify, find_tables
from helpers.extract.grid import cell_number, year_of
from helpers.validation import validate

Y = ["2022년", "2023년"]

A, B, F, IND = "activities", "budgets", "funding", "indicators"

#: fixture → (family, expected table_cells, typed table, expected typed facts as tuples of ``FACT_COLUMNS``).
#: ``fact_table`` None = a cell no typed fact used.
CASES = {
    "04_pipe_no_edges.txt": (
        "pipes without edge pipes, figures with glued count units → activities",
        expected_cells(["이용자", "프로그램"], [("어린이집", 4, [1200, 45], ["명", "회"]),
                                            ("경로당", 5, [830, 31], ["명", "회"]),
                                            ("복지관", 6, [2410, 120], ["명", "회"])], fact=A),
        A, [(4, "어린이집", "이용자", 2024, 1200), (4, "어린이집", "프로그램", 2024, 45),
            (5, "경로당", "이용자", 2024, 830), (5, "경로당", "프로그램", 2024, 31),
            (6, "복지관", "이용자", 2024, 2410), (6, "복지관", "프로그램", 2024, 120)]),
    "05_two_spaces.txt": (
        "2+ spaces between cells, spaced header label (구 분), year columns; 사례관리 names no count",
        expected_cells(["2021년", "2022년", "2023년"], [("상담건수", 4, [315, 402, 388])], fact=A)
        + expected_cells(["2021년", "2022년", "2023년"], [("사례관리", 5, [41, 56, 60])])
        + expected_cells(["2021년", "2022년", "2023년"], [("연계건수", 6, [97, 110, 134])], fact=A),
        A, [(4, "상담건수", "건수", 2021, 315), (4, "상담건수", "건수", 2022, 402), (4, "상담건수", "건수", 2023, 388),
            (6, "연계건수", "건수", 2021, 97), (6, "연계건수", "건수", 2022, 110), (6, "연계건수", "건수", 2023, 134)]),
    "06_single_space_years.txt": (
        "single spaces, figures at the end; header with spaced syllables (합 계) and year columns; the 합계 "
        "column is the total (no year)",
        expected_cells(["합계", "2020년", "2021년", "2022년", "2023년"],
                       [("고충건수", 3, [36, 7, 9, 12, 8], ["명"] * 5),
                        ("처리건수", 4, [33, 6, 9, 10, 8], ["건"] * 5)], fact=A),
        A, [(3, "고충건수", "합계 (명)", None, 36), (3, "고충건수", "명", 2020, 7), (3, "고충건수", "명", 2021, 9),
            (3, "고충건수", "명", 2022, 12), (3, "고충건수", "명", 2023, 8), (4, "처리건수", "합계 (건)", None, 33),
            (4, "처리건수", "건", 2020, 6), (4, "처리건수", "건", 2021, 9), (4, "처리건수", "건", 2022, 10),
            (4, "처리건수", "건", 2023, 8)]),
    "07_cell_per_line.txt": (
        "one cell per line (flattened HTML/HWP), header cells first, title above; no unit and no count "
        "measure: kept in table_cells and flagged, never guessed",
        expected_cells(Y, [("생활지원사", [6, 7], [146, 152]), ("전담사회복지사", [9, 10], [18, 19]),
                           ("계", [12, 13], [164, 171])]),
        None, []),
    "08_cell_per_line_bars.txt": (
        "one cell per line with lone | lines between rows",
        expected_cells(["교육횟수", "참여인원"], [("가족센터", [8, 9], [24, 380]),
                                              ("청소년센터", [12, 13], [31, 512])], fact=A),
        A, [(8, "가족센터", "교육횟수", 2024, 24), (9, "가족센터", "참여인원", 2024, 380),
            (12, "청소년센터", "교육횟수", 2024, 31), (13, "청소년센터", "참여인원", 2024, 512)]),
    "09_label_then_values.txt": (
        "label line followed by its values line (pipes, 원 beside each figure); sources as rows; 잔액 is a "
        "difference, never an amount; 시비 of a 구 in 서울특별시 is the 시도 share",
        expected_cells(["예산", "집행", "잔액"], [("국비(국고보조금)", 4, [84200000, 80000000, 4200000]),
                                              ("시비", 6, [36100000, 36100000, 0])], unit="원",
                       fact=[F, F, None]),
        F, [(4, "국비", "국비(국고보조금) (예산)", 2024, "plan", 84200000),
            (4, "국비", "국비(국고보조금) (집행)", 2024, "executed", 80000000),
            (6, "시도비", "시비 (예산)", 2024, "plan", 36100000), (6, "시도비", "시비 (집행)", 2024, "executed", 36100000)]),
    "10_two_level_header.txt": (
        "two-level pipe header: a year spanning 예산액 | 구성비; shares are never budgets",
        expected_cells(["2023년 › 예산액", "2023년 › 구성비", "2024년 › 예산액", "2024년 › 구성비"],
                       [("노인", 6, [3000, 60.0, 3300, 55.0]), ("아동", 7, [2000, 40.0, 2700, 45.0]),
                        ("합계", 8, [5000, 100.0, 6000, 100.0])], fact=[B, None, B, None]),
        B, [(6, "노인", 2023, "예산액", 3e9, False), (6, "노인", 2024, "예산액", 3.3e9, False),
            (7, "아동", 2023, "예산액", 2e9, False), (7, "아동", 2024, "예산액", 2.7e9, False),
            (8, "합계", 2023, "예산액", 5e9, True), (8, "합계", 2024, "예산액", 6e9, True)]),
    "12_years_down.txt": (
        "transposed year table: years down, 본예산/추경 across",
        expected_cells(["본예산", "추경"], [("2022년", 5, [410, 455]), ("2023년", 6, [430, 470]),
                                          ("2024년", 7, [450, 480])], fact=B),
        B, [(5, "연도별 예산 추이", 2022, "본예산", 4.1e8, False), (5, "연도별 예산 추이", 2022, "추경", 4.55e8, False),
            (6, "연도별 예산 추이", 2023, "본예산", 4.3e8, False), (6, "연도별 예산 추이", 2023, "추경", 4.7e8, False),
            (7, "연도별 예산 추이", 2024, "본예산", 4.5e8, False), (7, "연도별 예산 추이", 2024, "추경", 4.8e8, False)]),
    "13_pdftotext_layout.txt": (
        "pdftotext -layout: space-aligned columns, header over three lines placed by position",
        expected_cells(["기초생활 › 수급자 › (가구)", "차상위 › 계층 › (가구)", "합계 › (가구)"],
                       [("중앙동", 6, [312, 140, 452]), ("남산동", 7, [205, 96, 301]), ("계", 8, [517, 236, 753])],
                       fact=A),
        A, [(r, lab, m, 2024, v) for r, lab, vals in ((6, "중앙동", (312, 140, 452)), (7, "남산동", (205, 96, 301)),
                                                     (8, "계", (517, 236, 753)))
            for m, v in zip(["기초생활 › 수급자 › (가구)", "차상위 › 계층 › (가구)", "합계 › (가구)"], vals, strict=True)]),
    "14_escaped_pipe.txt": (
        "pipe table with an escaped \\| inside a cell; a text cell with a digit (1인가구) is no figure",
        [(4, "돌봄|연계 사업 독거노인", "인원", 150.0, "명", A), (5, "방문 상담 1인가구", "인원", 90.0, "명", A)],
        A, [(4, "돌봄|연계 사업 독거노인", "인원", 2024, 150), (5, "방문 상담 1인가구", "인원", 2024, 90)]),
    "17_indicator_years.txt": (
        "year-column table whose rows are 목표 / 실적 / 달성률 (pipes): one indicator per year, the unit "
        "from the (단위: 가구) note, the rate row kept as the printed rate",
        expected_cells(["2022년", "2023년", "2024년"], [("목표", 5, [400, 450, 500]), ("실적", 6, [380, 468, 455]),
                                                    ("달성률", 7, [95.0, 104.0, 91.0])],
                       fact=IND) ,
        IND, [(5, "방문건강 관리 성과", "가구", 2022, 400, 380, 95.0, "increase"),
            (5, "방문건강 관리 성과", "가구", 2023, 450, 468, 104.0, "increase"),
            (5, "방문건강 관리 성과", "가구", 2024, 500, 455, 91.0, "increase")]),
    "18_sources_as_columns.txt": (
        "tab table with funding sources as columns and years down; in a 시 under a 도, 시비 is the 시군구 "
        "share (beside 도비); 계 checked against the sum",
        expected_cells(["국비", "도비", "시비", "계"], [("2023년", 4, [500, 150, 350, 1000]),
                                                   ("2024년", 5, [600, 180, 420, 1200])], fact=F),
        F, [(4, "국비", "국비 (2023년)", 2023, "plan", 5e8), (4, "시도비", "도비 (2023년)", 2023, "plan", 1.5e8),
            (4, "시군구비", "시비 (2023년)", 2023, "plan", 3.5e8), (4, "계", "계 (2023년)", 2023, "plan", 1e9),
            (5, "국비", "국비 (2024년)", 2024, "plan", 6e8), (5, "시도비", "도비 (2024년)", 2024, "plan", 1.8e8),
            (5, "시군구비", "시비 (2024년)", 2024, "plan", 4.2e8), (5, "계", "계 (2024년)", 2024, "plan", 1.2e9)]),
    "19_region_rows.txt": (
        "rows naming their own region: a 전국 row gives no typed fact (kept in table_cells), a 도 row and "
        "a 시 row take theirs; the item is the column's measure, the measure its unit",
        expected_cells(["이용자", "이용시설"], [("전국", 5, [52000, 1210], ["명", "개소"])])
        + expected_cells(["이용자", "이용시설"], [("경기도", 6, [9400, 215], ["명", "개소"]),
                                              ("성남시", 7, [820, 18], ["명", "개소"])], fact=A),
        A, [(6, "이용자", "명", 2024, 9400), (6, "이용시설", "개소", 2024, 215),
            (7, "이용자", "명", 2024, 820), (7, "이용시설", "개소", 2024, 18)]),
    "20_bracketed_note.txt": (
        "pipe results table: a bracketed note in the label (건수(감소)) stays in the name, sets the direction "
        "and is never taken for the unit cell (no shifted figures)",
        [(5, "고독사 발생 건수(감소) 건", "목표", 12.0, None, IND), (5, "고독사 발생 건수(감소) 건", "실적", 9.0, None, IND),
         (5, "고독사 발생 건수(감소) 건", "달성률", 133.3, "%", IND), (6, "안부확인 가구 가구", "목표", 300.0, None, IND),
         (6, "안부확인 가구 가구", "실적", 270.0, None, IND), (6, "안부확인 가구 가구", "달성률", 90.0, "%", IND)],
        IND, [(5, "고독사 발생 건수(감소)", "건", 2024, 12, 9, 133.3, "decrease"),
            (6, "안부확인 가구", "가구", 2024, 300, 270, 90.0, "increase")]),
    "21_balance_two_space.txt": (
        "회계별 table in 2+ spaces without letter marks: 지출누계 is spent, 집행잔액 a difference that keeps "
        "its own column slot (the rate is never read from it); a lone (단위: 천원) line heads no column",
        expected_cells(["예산현액", "지출누계", "집행잔액", "집행률(%)"],
                       [("합 계", 4, [900000, 720000, 180000, 80.0]), ("일반회계", 5, [600000, 510000, 90000, 85.0]),
                        ("기금", 6, [300000, 210000, 90000, 70.0])], fact=[B, B, None, B]),
        B, [(4, "합 계", 2024, "예산현액", 9e8, True), (5, "일반회계", 2024, "예산현액", 6e8, False),
            (6, "기금", 2024, "예산현액", 3e8, False)]),
    "22_execution_years_across.txt": (
        "execution table transposed (tab): years across, 예산액 / 집행액 / 집행률 rows down under the "
        "programme named in the first cell: one budget per year with its spent amount and rate",
        expected_cells(["2022년", "2023년"], [("방문돌봄 운영 예산액", 3, [250, 300]), ("집행액", 4, [240, 270]),
                                            ("집행률(%)", 5, [96.0, 90.0])], fact=B),
        B, [(3, "방문돌봄 운영", 2022, "예산액", 2.5e8, False), (3, "방문돌봄 운영", 2023, "예산액", 3e8, False)]),
    "23_execution_years_down.txt": (
        "execution table with years down the first column (2+ spaces): each row keeps its own year, the "
        "item is the table's title",
        expected_cells(["예산액", "집행액", "집행률(%)"], [("2022년", 3, [400000, 380000, 95.0]),
                                                      ("2023년", 4, [500000, 450000, 90.0])], fact=B),
        B, [(3, "연도별 집행 실적", 2022, "예산액", 4e8, False), (4, "연도별 집행 실적", 2023, "예산액", 5e8, False)]),
    "24_count_unit_in_label.txt": (
        "count rows (tab, years across) whose label states the unit in brackets: the measure is that unit",
        expected_cells(["2022년", "2023년"], [("전화 상담(건)", 3, [310, 355]), ("가정 방문(회)", 4, [84, 97])],
                       fact=A),
        A, [(3, "전화 상담(건)", "건", 2022, 310), (3, "전화 상담(건)", "건", 2023, 355),
            (4, "가정 방문(회)", "회", 2022, 84), (4, "가정 방문(회)", "회", 2023, 97)]),
    "25_indicator_groups_pipe.txt": (
        "pipe year-column results table: each indicator named in its 목표 row (unit in brackets), its 실적 "
        "and 달성률 rows below with an empty first cell: one indicator per group and year",
        expected_cells(["2022년", "2023년"], [("정서지원 가구(가구) 목표", 5, [80, 90]), ("실적", 6, [84, 88]),
                                            ("달성률(%)", 7, [105.0, 97.8]), ("위기 상담(건) 목표", 8, [200, 220]),
                                            ("실적", 9, [190, 231]), ("달성률(%)", 10, [95.0, 105.0])], fact=IND),
        IND, [(5, "정서지원 가구", "가구", 2022, 80, 84, 105.0, "increase"),
              (5, "정서지원 가구", "가구", 2023, 90, 88, 97.8, "increase"),
              (8, "위기 상담", "건", 2022, 200, 190, 95.0, "increase"),
              (8, "위기 상담", "건", 2023, 220, 231, 105.0, "increase")]),
    "26_indicator_columns_cells.txt": (
        "one cell per line (flattened HWP table): 사업명 | 성과지표 | 단위 | 목표 | 실적 columns: one indicator "
        "per row, the unit from the 단위 cell, the programme from the 사업명 cell",
        [(11, "정서돌봄 지원 상담 인원 명", "목표", 600.0, None, IND), (12, "정서돌봄 지원 상담 인원 명", "실적", 615.0, None, IND),
         (16, "주거환경 개선 개선 가구 가구", "목표", 40.0, None, IND), (17, "주거환경 개선 개선 가구 가구", "실적", 36.0, None, IND)],
        IND, [(11, "상담 인원", "명", 2024, 600, 615, None, "increase"),
              (16, "개선 가구", "가구", 2024, 40, 36, None, "increase")]),
    "27_budget_region_rows.txt": (
        "tab execution table of a 도 document with one row per 시: each 시 row takes its own region, 계 the 도's",
        expected_cells(["예산액", "집행액", "집행률(%)"], [("계", 3, [3000, 2700, 90.0]), ("성남시", 4, [1800, 1710, 95.0]),
                                                      ("수원시", 5, [1200, 990, 82.5])], fact=B),
        B, [(3, "계", 2024, "예산액", 3e9, True), (4, "성남시", 2024, "예산액", 1.8e9, False),
            (5, "수원시", 2024, "예산액", 1.2e9, False)]),
    "28_counts_years_down.txt": (
        "pipe count table with years down and the unit in each column's brackets: the item is the column's "
        "measure, the year the row's",
        expected_cells(["방문 상담(명)", "물품 지원(가구)"], [("2022년", 4, [140, 52]), ("2023년", 5, [165, 61])], fact=A),
        A, [(4, "방문 상담", "명", 2022, 140), (4, "물품 지원", "가구", 2022, 52),
            (5, "방문 상담", "명", 2023, 165), (5, "물품 지원", "가구", 2023, 61)]),
    "29_two_level_years_execution.txt": (
        "tab two-level header: each year spans 예산 | 집행 | 집행률 sub-columns: one budget per row and year "
        "group, each with its own year",
        expected_cells(["2022년 › 예산", "2022년 › 집행", "2022년 › 집행률", "2023년 › 예산", "2023년 › 집행",
                        "2023년 › 집행률"], [("야간돌봄 지원", 4, [500, 450, 90.0, 520, 494, 95.0])], fact=B),
        B, [(4, "야간돌봄 지원", 2022, "예산", 5e8, False), (4, "야간돌봄 지원", 2023, "예산", 5.2e8, False)]),
    "30_caption_indicator.txt": (
        "2+ space year-column 목표/실적/달성률 rows under an enumerated caption naming the indicator (나. "
        "성과지표: …); the prose line above is no title",
        expected_cells(["2022년", "2023년"], [("목표", 6, [150, 170]), ("실적", 7, [162, 158]),
                                            ("달성률(%)", 8, [108.0, 92.9])], fact=IND),
        IND, [(6, "돌봄 연계 가구", "가구", 2022, 150, 162, 108.0, "increase"),
              (6, "돌봄 연계 가구", "가구", 2023, 170, 158, 92.9, "increase")]),
    "31_space_header_three_lines.txt": (
        "space-aligned header over three lines (years, words, letter marks): the columns in the order printed "
        "across, not the order the words are read",
        expected_cells(["2024년 › 예산현액 › (A)", "2024년 › 집행액 › (B)", "집행률 › (%) › (B/A)"],
                       [("주간보호 운영", 5, [200000, 190000, 95.0]), ("방문목욕 지원", 6, [100000, 80000, 80.0])],
                       fact=B),
        B, [(5, "주간보호 운영", 2024, "예산현액", 2e8, False), (6, "방문목욕 지원", 2024, "예산현액", 1e8, False)]),
    "32_prior_year_budget.txt": (
        "pipe table with header algebra over two budget columns: 전년도 예산(A) is the previous year's budget "
        "(its own year, no spent), 금년도 예산(B) this year's with 집행액(C) and C/B*100; 증감(B-A) unused",
        expected_cells(["전년도 예산(A)", "금년도 예산(B)", "증감(B-A)", "집행액(C)", "집행률(C/B*100)"],
                       [("합계", 4, [300000, 330000, 30000, 297000, 90.0]),
                        ("긴급돌봄", 5, [100000, 110000, 10000, 88000, 80.0]),
                        ("가사지원", 6, [200000, 220000, 20000, 209000, 95.0])], fact=[B, B, None, B, B]),
        B, [(4, "합계", 2023, "예산", 3e8, True), (4, "합계", 2024, "예산", 3.3e8, True),
            (5, "긴급돌봄", 2023, "예산", 1e8, False), (5, "긴급돌봄", 2024, "예산", 1.1e8, False),
            (6, "가사지원", 2023, "예산", 2e8, False), (6, "가사지원", 2024, "예산", 2.2e8, False)]),
    "33_escaped_pipe_budget.txt": (
        "pipe execution table with an escaped \\| inside a label: one cell, the figures stay in their columns",
        expected_cells(["예산현액", "집행액", "집행률(%)"], [("주거|안전 점검", 4, [50000, 45000, 90.0]),
                                                      ("식품 지원", 5, [30000, 30000, 100.0])], fact=B),
        B, [(4, "주거|안전 점검", 2024, "예산현액", 5e7, False), (5, "식품 지원", 2024, "예산현액", 3e7, False)]),
    "34_mark_row_tab.txt": (
        "tab header on two lines: the words, then a row of letter marks only ((A) (B) (A-B) (B/A×100)): the "
        "mark row is part of the header, never a data row; the (A-B) column no amount",
        expected_cells(["예산현액 › (A)", "집행액 › (B)", "집행잔액 › (A-B)", "집행률 › (B/A×100)"],
                       [("합계", 4, [1000, 850, 150, 85.0]), ("주거급여", 5, [700, 640, 60, 91.4]),
                        ("교육급여", 6, [300, 210, 90, 70.0])], fact=[B, B, None, B]),
        B, [(4, "합계", 2024, "예산현액", 1e6, True), (5, "주거급여", 2024, "예산현액", 7e5, False),
            (6, "교육급여", 2024, "예산현액", 3e5, False)]),
    "35_inline_units_single_space.txt": (
        "single-space table, every amount printing its own unit (억원, 만원): no unit flag",
        [(2, "장애수당 지급", "예산", 12.5, "억원", B), (2, "장애수당 지급", "집행", 12.0, "억원", B),
         (2, "장애수당 지급", "집행률", 96.0, "%", B), (3, "쉼터 운영", "예산", 4000.0, "만원", B),
         (3, "쉼터 운영", "집행", 3600.0, "만원", B), (3, "쉼터 운영", "집행률", 90.0, "%", B)],
        B, [(2, "장애수당 지급", 2024, "예산", 1.25e9, False), (3, "쉼터 운영", 2024, "예산", 4e7, False)]),
    "36_page_break_total.txt": (
        "2+ space table split by a page break (page number, unit note and header repeated): the 합계 on the "
        "second page covers the rows of both pages",
        expected_cells(["예산현액", "집행액", "집행률(%)"], [("주간보호", 3, [400, 380, 95.0]), ("방문간호", 4, [200, 180, 90.0]),
                                                      ("치매쉼터", 9, [100, 90, 90.0]), ("합계", 10, [700, 650, 92.9])],
                       fact=B),
        B, [(3, "주간보호", 2024, "예산현액", 4e8, False), (4, "방문간호", 2024, "예산현액", 2e8, False),
            (9, "치매쉼터", 2024, "예산현액", 1e8, False), (10, "합계", 2024, "예산현액", 7e8, True)]),
    "37_wrapped_labels.txt": (
        "2+ space table whose labels wrap onto the line under their figures: the text ends the row above "
        "(never glued to the next row, never making a total of it)",
        expected_cells(["예산액", "집행액", "집행률(%)"], [("저소득 어르신 밑반찬 지원", 3, [300, 270, 90.0]),
                                                    ("한부모 가족 생활 안정 지원", 5, [500, 450, 90.0]),
                                                    ("합계", 7, [800, 720, 90.0])], fact=B),
        B, [(3, "저소득 어르신 밑반찬 지원", 2024, "예산액", 3e8, False),
            (5, "한부모 가족 생활 안정 지원", 2024, "예산액", 5e8, False), (7, "합계", 2024, "예산액", 8e8, True)]),
}

#: The manifest region of a fixture (default: a 구 of 서울특별시).
REGION = {"18_sources_as_columns.txt": "경기도 성남시", "19_region_rows.txt": "경기도 성남시",
          "27_budget_region_rows.txt": "경기도"}

#: The columns compared per typed table.
FACT_COLUMNS = {IND: ["line", "indicator", "unit", "year", "target", "actual", "reported_rate", "direction"],
                A: ["line", "item", "measure", "year", "value"],
                F: ["line", "source", "source_label", "year", "stage", "amount_krw"],
                B: ["line", "item", "year", "basis", "budget_krw", "is_total"]}


def _facts(df: pd.DataFrame, table: str) -> list[tuple]:
    """The compared columns of a typed table as tuples (missing values as None)."""
    sub = df[FACT_COLUMNS[table]].astype(object)
    return [tuple(None if pd.isna(v) else v for v in row) for row in sub.itertuples(index=False)]


@pytest.mark.parametrize("name", sorted(CASES))
def test_table_families_whole_frames(tmp_path, name):
    family, cells, table, facts = CASES[name]
    frames = extract_text(tmp_path, name, region=REGION.get(name, "서울특별시 구로구"))
    assert cells_frame(frames) == cells, family
    validate(frames["table_cells"], "table_cells")
    flags = frames["quality_flags"]
    unrec = flags[flags["kind"] == "unrecognised_table"]
    if table is None:
        assert len(unrec) == 1 and unrec.iloc[0]["severity"] == "info", family
        assert all(frames[t].empty for t in (A, B, F, "indicators")), family
        return
    assert unrec.empty, family
    assert _facts(frames[table], table) == facts, family
    validate(frames[table], table)
    assert "unparsed_row" not in set(flags["kind"]), family
    if name >= "34":  # the layouts these fixtures test raise no flag at all (misread marks, units, totals)
        assert flags.empty, (family, flags["message"].tolist())


@pytest.mark.parametrize("name", ["21_balance_two_space.txt", "22_execution_years_across.txt",
                                  "23_execution_years_down.txt", "29_two_level_years_execution.txt",
                                  "31_space_header_three_lines.txt"])
def test_execution_tables_keep_spent_and_the_printed_rate(tmp_path, name):
    # the spent amount and the printed rate of every row (the rate never read from a 잔액 column)
    b = extract_text(tmp_path, name)["budgets"]
    got = list(zip(b["spent_krw"], b["reported_rate"], b["as_of"].isna(), strict=True))
    want = {"21_balance_two_space.txt": [(7.2e8, 80.0, True), (5.1e8, 85.0, True), (2.1e8, 70.0, True)],
            "22_execution_years_across.txt": [(2.4e8, 96.0, True), (2.7e8, 90.0, True)],
            "23_execution_years_down.txt": [(3.8e8, 95.0, True), (4.5e8, 90.0, True)],
            "29_two_level_years_execution.txt": [(4.5e8, 90.0, True), (4.94e8, 95.0, True)],
            "31_space_header_three_lines.txt": [(1.9e8, 95.0, True), (8e7, 80.0, True)]}[name]
    assert got == want


def test_prior_year_budget_column_keeps_its_year_and_no_spent(tmp_path):
    b = extract_text(tmp_path, "32_prior_year_budget.txt")["budgets"]
    prior = b[b["year"] == 2023]
    assert prior["spent_krw"].isna().all() and prior["reported_rate"].isna().all() and prior["as_of"].isna().all()
    assert b.loc[b["year"] == 2024, "spent_krw"].tolist() == [2.97e8, 8.8e7, 2.09e8]


def test_program_column_names_the_programme_of_indicators(tmp_path):
    # pipe results table: 사업명 | 성과지표 | 목표 | 실적 | 달성률; a blank 사업명 cell continues the row above
    i = extract_text(tmp_path, "38_program_column_indicators.txt")["indicators"]
    assert list(zip(i["line"], i["program"], i["indicator"], i["target"], i["actual"], i["reported_rate"],
                    strict=True)) == [(4, "위기가구 발굴", "발굴 건수", 100, 120, 120.0),
                                      (5, "위기가구 발굴", "연계 건수", 40, 36, 90.0),
                                      (6, "긴급복지", "지원 건수", 50, 45, 90.0)]


def test_program_column_names_the_programme_of_budgets(tmp_path):
    # tab execution table: 세부사업명 | 구분 — the 구분 cell names the row, the 세부사업명 its programme (a blank
    # cell: the programme of the row above); the 합계 row belongs to none
    b = extract_text(tmp_path, "39_program_column_budgets.txt")["budgets"]
    assert list(zip(b["program"], b["item"], b["budget_krw"], b["is_total"], strict=True)) == [
        (None, "합계", 1.5e6, True), ("위기가구 발굴", "인건비", 1e6, False), ("위기가구 발굴", "운영비", 5e5, False)]


def test_budget_rows_naming_a_region_take_it(tmp_path):
    # a 도 document's execution table by 시: the 계 row keeps the 도, each 시 row takes its own region
    b = extract_text(tmp_path, "27_budget_region_rows.txt", region="경기도")["budgets"]
    assert list(zip(b["item"], b["region_code"], b["region_name"], strict=True)) == [
        ("계", "41", "경기도"), ("성남시", "41130", "경기도 성남시"), ("수원시", "41110", "경기도 수원시")]


def test_indicator_columns_take_the_programme_from_the_program_column(tmp_path):
    i = extract_text(tmp_path, "26_indicator_columns_cells.txt")["indicators"]
    assert i["program"].tolist() == ["정서돌봄 지원", "주거환경 개선"]


def test_rows_naming_a_region_take_it(tmp_path):
    # pipe count table in a 시 document: the 도 row and the 시 row take their own region; what is counted
    # is the column's measure (the row names only where)
    frames = extract_text(tmp_path, "19_region_rows.txt", region="경기도 성남시")
    a = frames["activities"]
    assert list(zip(a["item"], a["region_code"], a["region_name"], strict=True)) == [
        ("이용자", "41", "경기도"), ("이용시설", "41", "경기도"),
        ("이용자", "41130", "경기도 성남시"), ("이용시설", "41130", "경기도 성남시")]


def test_account_table_spent_is_the_cumulative_spending_not_the_balance(tmp_path):
    # pipe table, markdown rule, header algebra: 집행 잔액(A-B) is a difference, never "spent" (issue 11 bug)
    frames = extract_text(tmp_path, "01_account_pipe.txt")
    b = frames["budgets"][["line", "item", "budget_krw", "spent_krw", "reported_rate", "execution", "is_total", "unit"]]
    want = pd.DataFrame({"line": [5, 6, 7], "item": ["합계", "일반회계", "특별회계"],
                         "budget_krw": [1.25e9, 1.0e9, 2.5e8], "spent_krw": [7.5e8, 6.4e8, 1.1e8],
                         "reported_rate": [60.0, 64.0, 44.0], "execution": [60.0, 64.0, 44.0],
                         "is_total": [True, False, False], "unit": ["천원"] * 3})
    pd.testing.assert_frame_equal(b.reset_index(drop=True), want, check_dtype=False)
    flags = frames["quality_flags"]
    assert "rate_mismatch" not in set(flags["kind"])
    # the vocabulary reads 잔액 as a difference column: the right roles directly, nothing to correct
    assert "role_corrected" not in set(flags["kind"])
    cols = ["예산현액(A)", "지출액 누계(B)", "집행 잔액(A-B)", "집행률(B/A)"]
    used = ["budgets", "budgets", None, "budgets"]
    assert cells_frame(frames) == expected_cells(cols, [("합계", 5, [1250000, 750000, 500000, 60.0]),
                                                        ("일반회계", 6, [1000000, 640000, 360000, 64.0]),
                                                        ("특별회계", 7, [250000, 110000, 140000, 44.0])],
                                                 fact=used)


def test_words_mislead_and_the_printed_rates_decide(tmp_path):
    # tab layout without marks: 미집행액 (the unspent balance) reads "spent" by its words; the printed rates
    # fit 지출액
    frames = extract_text(tmp_path, "02_words_mislead_tab.txt")
    b = frames["budgets"]
    assert b["item"].tolist() == ["복지정책과", "노인복지과", "아동청소년과"]
    assert b["budget_krw"].tolist() == [8e8, 5e8, 3e8]
    assert b["spent_krw"].tolist() == [2e8, 4e8, 1.2e8]
    flags = frames["quality_flags"]
    assert "rate_mismatch" not in set(flags["kind"])
    msg = flags.loc[flags["kind"] == "role_corrected", "message"].tolist()
    assert len(msg) == 1 and "spent = '미집행액'" in msg[0] and "spent = '지출액'" in msg[0]


def test_nested_totals_are_totals_and_raise_no_mismatch(tmp_path):
    # pipe layout; 합계 → 일반회계 / 특별회계 → 의료급여기금 + 지역개발기금
    frames = extract_text(tmp_path, "16_nested_totals.txt")
    b = frames["budgets"]
    assert b["item"].tolist() == ["합계", "일반회계", "특별회계", "의료급여기금", "지역개발기금"]
    assert b["is_total"].tolist() == [True, False, True, False, False]
    assert b["budget_krw"].tolist() == [1e9, 6e8, 4e8, 3e8, 1e8]
    assert "total_mismatch" not in set(frames["quality_flags"]["kind"])
    assert frames["table_cells"]["fact_table"].tolist() == ["budgets"] * 15


def test_page_break_repeated_header_is_one_table(tmp_path):
    # tab layout; the header repeats after a blank line and a page number
    frames = extract_text(tmp_path, "11_page_break_repeat.txt")
    tc = frames["table_cells"]
    assert tc["table_id"].nunique() == 1
    assert cells_frame(frames) == expected_cells(["예산액", "집행액", "집행률"],
                                                 [("방문건강관리", 3, [40000, 30000, 75.0]),
                                                  ("경로식당 운영", 8, [90000, 81000, 90.0])], fact="budgets")
    assert frames["budgets"]["spent_krw"].tolist() == [3e7, 8.1e7]


def test_budget_only_year_table_keeps_totals_and_the_change_column_unused(tmp_path):
    # 2+ spaces, budget-only: 2023년 예산액 | 2024년 예산액 | 증감
    frames = extract_text(tmp_path, "15_budget_only_spaces.txt")
    b = frames["budgets"]
    assert list(zip(b["item"], b["year"], b["budget_krw"], b["is_total"], strict=True)) == [
        ("합계", 2023, 5e8, True), ("합계", 2024, 5.6e8, True), ("노인돌봄", 2023, 3e8, False),
        ("노인돌봄", 2024, 3.3e8, False), ("아동돌봄", 2023, 2e8, False), ("아동돌봄", 2024, 2.3e8, False)]
    assert b["spent_krw"].isna().all()
    tc = frames["table_cells"]
    assert tc.loc[tc["column_label"] == "증감", "fact_table"].isna().all()
    assert (tc.loc[tc["column_label"] != "증감", "fact_table"] == "budgets").all()


def test_funding_by_year_pipe_table_with_empty_trailing_cells(tmp_path):
    # pipe table with a ---:|:--- rule and an empty trailing column on every row; in a 구 of 서울특별시,
    # 시비 is the 시도 share and 구비 the 시군구 share
    frames = extract_text(tmp_path, "03_pipe_trailing_empty.txt")
    tc = frames["table_cells"]
    assert list(zip(tc["line"], tc["row_label"], tc["column_label"], tc["value"], strict=True)) == [
        (5, "국비", "2023년", 120000), (5, "국비", "2024년", 130000), (6, "시비", "2023년", 60000),
        (6, "시비", "2024년", 65000), (7, "구비", "2023년", 20000), (7, "구비", "2024년", 25000),
        (8, "계", "2023년", 200000), (8, "계", "2024년", 220000)]
    assert tc["fact_table"].notna().all()
    # the 계 row is the sources' sum, no budget; the markdown rule is no row (no flag)
    assert frames["budgets"].empty and frames["quality_flags"].empty
    f = frames["funding"]
    assert sorted(zip(f["year"], f["source"], f["amount_krw"], strict=True)) == sorted([
        (2023, "국비", 1.2e8), (2024, "국비", 1.3e8), (2023, "시도비", 6e7), (2024, "시도비", 6.5e7),
        (2023, "시군구비", 2e7), (2024, "시군구비", 2.5e7), (2023, "계", 2e8), (2024, "계", 2.2e8)])


def _coverage_module():
    """``shared/devset/coverage.py`` found beside the repository (or ``$WELFARE_SHARED``), else None."""
    import importlib.util
    import os
    from pathlib import Path

    roots = [Path(os.environ["WELFARE_SHARED"])] if os.environ.get("WELFARE_SHARED") else []
    roots += [p / "shared" for p in Path(__file__).resolve().parents[1].parents]
    script = next((r / "devset" / "coverage.py" for r in roots if (r / "devset" / "coverage.py").exists()), None)
    if script is None:
        return None
    spec = importlib.util.spec_from_file_location("coverage_measure", script)
    cov = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(cov)
    return cov


@pytest.mark.parametrize("name", sorted(p.name for p in ENGINE_FIXTURES.glob("*.txt")))
def test_every_fixture_is_fully_covered(tmp_path, name):
    """coverage.py's measure on every engine fixture: each table-like line lands in a processed table."""
    cov = _coverage_module()
    if cov is None:
        pytest.skip("shared/devset/coverage.py not found beside the repository (set WELFARE_SHARED)")
    frames = extract_text(tmp_path, name)
    lines = (ENGINE_FIXTURES / name).read_text(encoding="utf-8").split("\n")
    table_like = {i + 1 for i, t in enumerate(lines) if cov.table_like(t)}
    covered = set()
    for df in frames.values():
        if "line" in df.columns:
            covered.update(int(x) for x in df["line"].dropna())
    assert table_like <= covered, sorted(table_like - covered)


# -- units ---------------------------------------------------------------------------------------------

def test_header_marks_parse_into_formulas():
    assert parse_mark("예산현액(A)").letter == "A"
    m = parse_mark("집행 잔액(A-B)")
    assert (m.op, m.left, m.right, m.is_difference) == ("-", "A", "B", True)
    m = parse_mark("집행률(C/B*100)")
    assert (m.op, m.left, m.right, m.percent) == ("/", "C", "B", True)
    assert parse_mark("B/A×100").is_ratio and parse_mark("증감률(%)").percent
    assert parse_mark("CCTV") is None and parse_mark("구분") is None


def test_nested_totals_bottom_up():
    assert nested_totals([1000, 600, 400, 300, 100]) == {2: [3, 4], 0: [1, 2]}
    assert nested_totals([10, 3, 4]) == {}  # 3 + 4 is not 10: no total
    assert nested_totals([7, 3, 4, 5]) == {0: [1, 2]}


def test_cells_numbers_units_and_years():
    assert cell_number("125,400,000 원").value == 125400000 and cell_number("25명").unit == "명"
    assert cell_number("2023년") is None and cell_number("1인가구") is None and cell_number("1.") is None
    assert cell_number("50").value == 50 and cell_number("△3").value == -3
    assert year_of("’23년") == 2023 and year_of("2024년(A)") == 2024 and year_of("50") is None


@pytest.mark.parametrize("line,kind,cells", [
    ("| a | 1 | |", "pipe", ["a", "1"]),
    ("a | 1 | 2", "pipe", ["a", "1", "2"]),
    ("국비\t100\t200", "tab", ["국비", "100", "200"]),
    ("  합  계     1,000    2,000", "spaces", ["합 계", "1,000", "2,000"]),
    ("고충건수 25명 4명", "single", ["고충건수", "25명", "4명"]),
    ("|", "sep", []),
    ("|---|:---:|", "rule", []),
    ("- 12 -", "page", []),
    ("146", "lone", ["146"]),
])
def test_line_classes(line, kind, cells):
    ln = classify(line)
    assert (ln.kind, ln.cells) == (kind, cells)


def test_prose_is_no_table():
    text = ["○ 사업기간 : 2024. 1. ~ 12.", "지역 주민 300명을 대상으로 상담을 실시하였다.", ""]
    assert find_tables(text) == []


def test_money_in_man_won_passes_the_schema(tmp_path):
    # 만원 parses (helpers.extract.numbers) and is a money unit of the schema: one vocabulary
    text = "사업별 집행 (단위: 만원)\n\n사업명\t예산액\t집행액\t집행률\n경로당 운영\t5,000\t4,000\t80.0\n"
    frames = extract_text(tmp_path, "manwon.txt", text)
    b = validate(frames["budgets"], "budgets")
    assert b["unit"].tolist() == ["만원"] and b["budget_krw"].tolist() == [5e7] and b["spent_krw"].tolist() == [4e7]


def test_re_extracting_after_a_manifest_change_takes_the_new_region(tmp_path):
    # one per-line context cache keyed by everything it depends on (issue 11 bug: the old region was kept)
    text = "사업별 집행 (단위: 천원)\n\n사업명\t예산액\t집행액\t집행률\n경로당 운영\t5,000\t4,000\t80.0\n"
    first = extract_text(tmp_path / "a" if (tmp_path / "a").mkdir() is None else None, "doc.txt", text,
                         region="부산광역시 수영구")
    second = extract_text(tmp_path / "b" if (tmp_path / "b").mkdir() is None else None, "doc.txt", text,
                          region="서울특별시 중구")
    assert first["budgets"]["region_code"].tolist() == ["26500"]
    assert second["budgets"]["region_code"].tolist() == second["documents"]["region_code"].tolist() == ["11140"]


def test_shares_and_relative_changes_are_found_by_arithmetic():
    from helpers.extract.algebra import derived_columns, is_relative_change, is_share_column

    amounts = [1000.0, 600.0, 400.0]
    totals = [True, False, False]
    assert is_share_column([100.0, 60.0, 40.0], amounts, totals)
    assert not is_share_column([100.0, 55.0, 45.0], amounts, totals)
    assert is_relative_change([10.0, 10.0, 10.0], [1100.0, 660.0, 440.0], amounts)
    assert not is_relative_change([12.0, 10.0, 10.0], [1100.0, 660.0, 440.0], amounts)
    # columns: 2023 budget, its share, 2024 budget, change rate; only the amounts are left
    cols = {1: amounts, 2: [100.0, 60.0, 40.0], 3: [1100.0, 660.0, 440.0], 4: [10.0, 10.0, 10.0]}
    assert derived_columns(cols, totals) == {2, 4}


def test_a_share_column_headed_like_a_budget_is_no_budget(tmp_path):
    # one cell per line, budget-only: the column headed 예산 배분 reads "budget" by its words, but its figures
    # are the shares of the first column (100 / 75 / 25): the arithmetic keeps it out of the budgets
    text = ("□ 분야별 예산 (단위: 백만원)\n\n구분\n2024년 예산액\n예산 배분\n합계\n2,000\n100.0\n노인\n1,500\n"
            "75.0\n아동\n500\n25.0\n")
    frames = extract_text(tmp_path, "share.txt", text=text)
    b = frames["budgets"]
    assert list(zip(b["item"], b["budget_krw"], strict=True)) == [("합계", 2e9), ("노인", 1.5e9), ("아동", 5e8)]
    tc = frames["table_cells"]
    assert tc.loc[tc["column_label"] == "예산 배분", "fact_table"].isna().all()


def test_document_tables_found_once_per_document_and_keyed_by_content():
    """The one table finder's per-document cache: every reader that takes blocks from it gets the same
    tables; another text under the same id is found afresh; ``clear_cache`` drops it."""
    from types import SimpleNamespace

    from helpers.extract import blocks

    lines = ["구분\t2022년\t2023년", "상담\t12건\t15건", "방문\t30건\t41건"]
    doc = SimpleNamespace(doc_id="d", sha256="a", lines=lines)
    first = blocks.document_tables(doc)
    assert blocks.document_tables(doc) is first
    assert [t.line for t in first] == [t.line for t in find_tables(lines)] == [1]
    other = SimpleNamespace(doc_id="d", sha256="b", lines=["구분\t2023년", "상담\t9건"])
    assert blocks.document_tables(other) is not first
    blocks.clear_cache()
    assert blocks.document_tables(other) is not blocks.document_tables(doc)
    blocks.clear_cache()
