"""Third blind round, annual plans: a table of year columns (and a 계 column) under a caption naming the
budget (``소 요 예 산`` group line, or a ``## 연도별 소요예산`` heading a few lines above, past the unit note)
gives one budget per row and year, the 계 column a budget with year empty; a group word over one of the
year columns names none of them alone."""

import pandas as pd

from engine_support import extract_text
from helpers.extract.blocks import find_tables
from helpers.extract.layout_header import names_above

# invented pdftotext page: the group line over the year columns, a 계 column first
GROUPED = """세부사업별 소요예산
                                                   (단위: 백만원)
                                  소 요 예 산
   세부사업              계        2024년        2025년
   합    계             300          140           160
   경로식당 운영         120           55            65
   방문목욕 지원         180           85            95
"""

# invented markdown: the heading four lines above the table, the unit note between
HEADED = """## 3. 연차별 소요예산

(단위: 백만원)

| 세부사업 | 2025년 | 2026년 |
|---|---|---|
| 경로식당 운영 | 55 | 65 |
| 방문목욕 지원 | 85 | 95 |
"""


def test_a_group_word_over_distinct_columns_names_none():
    lines = GROUPED.split("\n")
    (table,) = find_tables(lines)
    assert names_above(table, lines) == {}


def _budgets(frames):
    return sorted(((int(r.line), None if pd.isna(r.year) else int(r.year), r.item.replace(" ", ""), r.budget_krw,
                    r.basis) for r in frames["budgets"].itertuples()), key=repr)


def test_year_columns_and_their_total_under_a_budget_caption(tmp_path):
    frames = extract_text(tmp_path, "grouped.txt", GROUPED, region="전라남도 화순군", year=2024)
    assert _budgets(frames) == sorted([
        (5, None, "합계", 300e6, "소요예산"), (5, 2024, "합계", 140e6, "소요예산"), (5, 2025, "합계", 160e6, "소요예산"),
        (6, None, "경로식당운영", 120e6, "소요예산"), (6, 2024, "경로식당운영", 55e6, "소요예산"),
        (6, 2025, "경로식당운영", 65e6, "소요예산"), (7, None, "방문목욕지원", 180e6, "소요예산"),
        (7, 2024, "방문목욕지원", 85e6, "소요예산"), (7, 2025, "방문목욕지원", 95e6, "소요예산")], key=repr)
    assert frames["budgets"]["spent_krw"].isna().all()


def test_year_columns_under_a_heading_above_the_unit_note(tmp_path):
    frames = extract_text(tmp_path, "headed.txt", HEADED, region="전라남도 화순군", year=2025)
    assert _budgets(frames) == sorted([
        (7, 2025, "경로식당운영", 55e6, "소요예산"), (7, 2026, "경로식당운영", 65e6, "소요예산"),
        (8, 2025, "방문목욕지원", 85e6, "소요예산"), (8, 2026, "방문목욕지원", 95e6, "소요예산")], key=repr)
