"""Year-column tables under a money unit whose rows print a unit of their own: the row's unit beats the
table's note. A count row (``이용 노인 수(명)``) gives one activity per year, never a budget; a price per unit
(``1식 단가(원)``, ``1인당``) is no budget either (its cells stay in ``table_cells``)."""

from engine_support import extract_text

# invented: a 군's 연도별 table (years across) under a 천원 note, a budget row, a count row and a price row
YEARS_ACROSS = """2025년 강원특별자치도 홍천군 경로식당 무료급식 지원 결과

1. 연도별 예산 및 단가
(단위: 천원, 명, 원)
| 구분 | 2022년 | 2023년 | 2024년 |
|---|---|---|---|
| 예산액(천원) | 512,300 | 540,100 | 575,800 |
| 이용 노인 수(명) | 1,130 | 1,152 | 1,187 |
| 1식 단가(원) | 3,500 | 4,000 | 4,500 |
"""


def test_count_row_and_price_row_under_a_money_note(tmp_path):
    frames = extract_text(tmp_path, "meals.txt", YEARS_ACROSS, region="강원특별자치도 홍천군", year=2025)
    budgets = sorted((int(r.line), int(r.year), r.budget_krw) for r in frames["budgets"].itertuples())
    assert budgets == [(7, 2022, 512_300_000), (7, 2023, 540_100_000), (7, 2024, 575_800_000)]
    acts = sorted((int(r.line), int(r.year), r.item, r.measure, r.value) for r in frames["activities"].itertuples())
    assert acts == [(8, 2022, "이용 노인 수", "명", 1130), (8, 2023, "이용 노인 수", "명", 1152),
                    (8, 2024, "이용 노인 수", "명", 1187)]
    cells = frames["table_cells"]
    prices = cells[cells["line"] == 9]
    assert sorted(prices["value"]) == [3500, 4000, 4500]
    assert set(prices["fact_table"].fillna("")) == {""}


# invented: the same table with the budget row printed in 원 under a 천원 caption: the row's own unit wins
OWN_MONEY_UNIT = """2025년 강원특별자치도 홍천군 경로식당 무료급식 지원 결과

1. 연도별 예산 현황
(단위: 천원)
| 구분 | 2023년 | 2024년 |
|---|---|---|
| 예산액(원) | 540,100,000 | 575,800,000 |
| 이용 노인 수(명) | 1,152 | 1,187 |
"""


def test_row_money_unit_beats_the_caption(tmp_path):
    frames = extract_text(tmp_path, "own.txt", OWN_MONEY_UNIT, region="강원특별자치도 홍천군", year=2025)
    budgets = sorted((int(r.line), int(r.year), r.budget_krw) for r in frames["budgets"].itertuples())
    assert budgets == [(7, 2023, 540_100_000), (7, 2024, 575_800_000)]
    acts = sorted((int(r.year), r.item, r.value) for r in frames["activities"].itertuples())
    assert acts == [(2023, "이용 노인 수", 1152), (2024, "이용 노인 수", 1187)]
