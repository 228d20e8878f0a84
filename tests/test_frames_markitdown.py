"""Tables MarkItDown writes from an Excel sheet (through pandas): ``Unnamed: N`` header cells and ``NaN`` cells.

pandas names a header cell the sheet left empty (or merged into the cell on its left) ``Unnamed: 2``, and
prints a missing value as ``NaN``; the sheet's real sub-header then sits in the first body row (a row with no
figure). Both marks are empty cells (:func:`helpers.extract.cells.cell_text`), so a merged group (``예산액``)
spans the ``Unnamed:`` cells to its right, as an empty merged cell does in any bordered layout. Invented sheets.
"""

from engine_support import extract_text
from helpers.extract.blocks import find_tables
from helpers.extract.cells import cell_text, split_cells

SOURCES = "\n".join([
    "## 재원별 예산",
    "",
    "(단위: 천원, %)",
    "",
    "| Unnamed: 0 | 예산액 | Unnamed: 2 | Unnamed: 3 | Unnamed: 4 | 집행액 | 집행률 |",
    "| --- | --- | --- | --- | --- | --- | --- |",
    "| 구분 | 계 | 국비 | 도비 | 군비 | NaN | NaN |",
    "| 합계 | 9000 | 3000 | 1800 | 4200 | 8100 | 90.0 |",
    "| 돌봄 | 6000 | 3000 | 900 | 2100 | 5700 | 95.0 |",
    "| 군 자체 | 3000 | NaN | 900 | 2100 | 2400 | 80.0 |",
    "",
])


def test_pandas_empty_cells_are_empty():
    assert cell_text("Unnamed: 12") == ""  # a header cell pandas named for an empty sheet cell
    assert cell_text("NaN") == "" and cell_text(" <NA> ") == ""  # a missing value
    assert cell_text("NaN 제외") == "NaN 제외"  # a word of a longer cell stays
    assert split_cells("| 계 | NaN | 40 |") == ["계", "", "40"]


def test_a_merged_group_spans_the_unnamed_cells_and_the_first_row_without_figures_is_the_sub_header():
    (t,) = find_tables(SOURCES.split("\n"))
    assert t.column_labels() == ["구분", "예산액 › 계", "예산액 › 국비", "예산액 › 도비", "예산액 › 군비", "집행액", "집행률"]
    assert [t.row_label(row) for row in t.body] == ["합계", "돌봄", "군 자체"]
    assert [c.text for c in t.body[2]][:3] == ["군 자체", "3000", ""]  # NaN: an empty cell, no figure


def test_sources_under_the_merged_group_give_funding_beside_the_rows_execution(tmp_path):
    frames = extract_text(tmp_path, "sheet.txt", SOURCES, region="경상북도 청도군", year=2024)
    budgets = sorted((int(r.line), r.item, r.budget_krw, r.spent_krw, r.reported_rate)
                     for r in frames["budgets"].itertuples())
    assert budgets == [(8, "합계", 9_000_000, 8_100_000, 90.0), (9, "돌봄", 6_000_000, 5_700_000, 95.0),
                       (10, "군 자체", 3_000_000, 2_400_000, 80.0)]
    funding = sorted((int(r.line), r.source, r.amount_krw) for r in frames["funding"].itertuples())
    assert funding == [(8, "계", 9_000_000), (8, "국비", 3_000_000), (8, "시군구비", 4_200_000), (8, "시도비", 1_800_000),
                       (9, "계", 6_000_000), (9, "국비", 3_000_000), (9, "시군구비", 2_100_000), (9, "시도비", 900_000),
                       (10, "계", 3_000_000), (10, "시군구비", 2_100_000), (10, "시도비", 900_000)]  # NaN 국비: none
    assert not frames["quality_flags"]["kind"].isin(["rate_mismatch", "total_mismatch", "unparsed_row"]).any()
