"""Gap 1 of the blind budget statements: a column named 전년도 on a header line above the others (pdftotext
``-layout`` prints a three-line header) holds the previous year's budget, dated the year before."""

from engine_support import extract_text
from helpers.extract.blocks import find_tables
from helpers.extract.layout_header import names_above

# an invented statement: ``전 년 도`` over the second 예산액 column, ``(기 정)`` under it, then the rows
STATEMENT = """2025년 가나군 세출예산 명세

  (단위: 천원)
                                             전 년 도
    세 부 사 업             예  산  액       예  산  액       비 교 증 감
                                             (기    정)
    경로식당 운영              4,200            3,900              300
    방문간호 지원              1,150            1,250             △100
"""


def test_the_name_over_one_column_is_found_by_position():
    lines = STATEMENT.split("\n")
    (table,) = find_tables(lines)
    assert names_above(table, lines) == {2: "전년도"}


def test_a_title_across_the_columns_names_none():
    lines = ["            가나군 복지 예산 현황", "  구  분      예산액     집행액", "  경로식당     4,200      3,900"]
    (table,) = find_tables(lines)
    assert names_above(table, lines) == {}


def test_the_previous_years_budget_column_is_dated_the_year_before(tmp_path):
    frames = extract_text(tmp_path, "statement.txt", STATEMENT, region="전라남도 화순군", year=2025)
    got = sorted((int(r.line), int(r.year), r.item, r.budget_krw) for r in frames["budgets"].itertuples())
    assert got == [(7, 2024, "경로식당 운영", 3_900_000), (7, 2025, "경로식당 운영", 4_200_000),
                   (8, 2024, "방문간호 지원", 1_250_000), (8, 2025, "방문간호 지원", 1_150_000)]
    assert frames["budgets"]["spent_krw"].isna().all()
