"""Figures printed with a space as thousands separator (``1 688명``, ``35 608 000천원``): one figure inside a
bordered cell (tab, ``|``), so the facts, the ``table_cells`` values and the total checks all read the one
figure; in space-separated layouts a space is a column border and stays one. Invented tables throughout."""

import pytest

from engine_support import extract_text
from helpers.extract.cells import figures, join_space_groups, split_cells
from helpers.extract.facts import cells as fact_cells


@pytest.mark.parametrize(
    "cell, joined",
    [
        ("1 688명", "1,688명"),
        ("35 608 000천원", "35,608,000천원"),
        ("7 284가구", "7,284가구"),
        ("12 345", "12,345"),
        ("2 500.5", "2,500.5"),
        ("△1 250", "△1,250"),
        ("4 120 백만 원", "4,120 백만 원"),
        # not one space-grouped figure: left as printed
        ("85 100%", "85 100%"),  # a figure and a rate: a rate is never space-grouped
        ("12 34", "12 34"),  # a group of two digits
        ("1 2345", "1 2345"),  # a group of four
        ("0 125", "0 125"),  # a leading zero opens no figure
        ("1,014 8,487", "1,014 8,487"),  # two comma-grouped figures
        ("3 000원 이하 가구", "3 000원 이하 가구"),  # words after the unit: a label
        ("보육교직원 1 688명", "보육교직원 1 688명"),  # a label before it: not the whole cell
    ],
)
def test_join_space_groups(cell, joined):
    assert join_space_groups(cell) == joined


def test_bordered_cells_hold_one_figure():
    assert split_cells("법인\t52개소\t1 404명\t988명") == ["법인", "52개소", "1,404명", "988명"]
    assert split_cells("| 군비 | 1 658 000천원 | 1,605,098천원 |") == ["군비", "1,658,000천원", "1,605,098천원"]
    assert fact_cells("민간\t80개소\t2 017명") == ["민간", "80개소", "2,017명"]
    assert fact_cells("| 민간 | 80개소 | 2 017명 |") == ["민간", "80개소", "2,017명"]


def test_line_figures_of_a_bordered_row():
    tab = "법인\t52개소\t1 404명\t988명"
    got = [(f.text, f.value, f.unit) for f in figures(tab)]
    assert got == [("52개소", 52, "개소"), ("1 404명", 1404, "명"), ("988명", 988, "명")]
    span = figures(tab)[1]
    assert tab[span.start:span.end] == "1 404명"
    pipe = "| 합계 | 35 608 000천원 | 85 100% |"
    assert [(f.value, f.unit) for f in figures(pipe)] == [(35_608_000, "천원"), (85, ""), (100, "%")]


def test_space_separated_rows_keep_spaces_as_borders():
    # a single-space row: each group is its own column
    assert [f.value for f in figures("민간 12 345 678")] == [12, 345, 678]
    # a 2+-space row: the figures between the gaps stay separate too
    assert [f.value for f in figures("국공립    1 688    2 017")] == [1, 688, 2, 17]
    assert split_cells("국공립    1 688    2 017") == ["국공립", "1 688", "2 017"]


# invented tab table: counts with their unit in every cell, some grouped by spaces
COUNTS = ("2025년 충청북도 제천시 아동 돌봄 현황\n"
          "\n"
          "1. 기관 유형별 이용 아동\n"
          "\n"
          "구분\t기관 수\t정원\t이용 아동\n"
          "합계\t41개소\t2 215명\t1 873명\n"
          "지역아동센터\t29개소\t1 160명\t1 002명\n"
          "다함께돌봄센터\t12개소\t1 055명\t871명\n")


def test_space_grouped_counts_give_activities_and_cells(tmp_path):
    frames = extract_text(tmp_path, "counts.txt", COUNTS, region="충청북도 제천시", year=2025)
    got = sorted((int(r.line), r.item, r.measure, r.value) for r in frames["activities"].itertuples())
    assert got == [(6, "기관 수 합계", "개소", 41), (6, "이용 아동 합계", "명", 1873), (6, "정원 합계", "명", 2215),
                   (7, "지역아동센터 기관 수", "개소", 29), (7, "지역아동센터 이용 아동", "명", 1002),
                   (7, "지역아동센터 정원", "명", 1160),
                   (8, "다함께돌봄센터 기관 수", "개소", 12), (8, "다함께돌봄센터 이용 아동", "명", 871),
                   (8, "다함께돌봄센터 정원", "명", 1055)]
    cells = sorted((int(r.line), int(r.col), float(r.value), r.unit, r.fact_table)
                   for r in frames["table_cells"].itertuples())
    assert cells == [(line, col, value, unit, "activities") for line, col, value, unit in [
        (6, 1, 41, "개소"), (6, 2, 2215, "명"), (6, 3, 1873, "명"),
        (7, 1, 29, "개소"), (7, 2, 1160, "명"), (7, 3, 1002, "명"),
        (8, 1, 12, "개소"), (8, 2, 1055, "명"), (8, 3, 871, "명")]]
    flags = frames["quality_flags"]
    assert flags.empty or not flags["kind"].isin(["unparsed_row", "total_mismatch"]).any()


# invented pipe table: budget and spent by source, the total grouped by spaces
BUDGET = """2025년 충청북도 제천시 아동 돌봄 예산

2. 재원별 예산 및 집행

| 재원 | 예산액 | 집행액 | 집행률 |
|---|---|---|---|
| 계 | 4 820 000천원 | 4 579 000천원 | 95.0% |
| 국비 | 2 410 000천원 | 2,289,500천원 | 95.0% |
| 도비 | 723,000천원 | 686 850천원 | 95.0% |
| 시비 | 1 687 000천원 | 1 602 650천원 | 95.0% |
"""


def test_space_grouped_amounts_add_up(tmp_path):
    frames = extract_text(tmp_path, "budget.txt", BUDGET, region="충청북도 제천시", year=2025)
    got = sorted((int(r.line), r.source, r.stage, r.amount_krw) for r in frames["funding"].itertuples())
    assert got == [(7, "계", "executed", 4_579_000_000), (7, "계", "plan", 4_820_000_000),
                   (8, "국비", "executed", 2_289_500_000), (8, "국비", "plan", 2_410_000_000),
                   (9, "시도비", "executed", 686_850_000), (9, "시도비", "plan", 723_000_000),
                   (10, "시군구비", "executed", 1_602_650_000), (10, "시군구비", "plan", 1_687_000_000)]
    cells = sorted((int(r.line), int(r.col), float(r.value), r.unit) for r in frames["table_cells"].itertuples())
    assert cells[:3] == [(7, 1, 4_820_000, "천원"), (7, 2, 4_579_000, "천원"), (7, 3, 95.0, "%")]
    assert len(cells) == 12
    flags = frames["quality_flags"]
    assert flags.empty or not flags["kind"].isin(["total_mismatch", "rate_mismatch", "unparsed_row"]).any()


def test_a_misprinted_space_grouped_total_is_still_flagged(tmp_path):
    text = BUDGET.replace("| 계 | 4 820 000천원 | 4 579 000천원 |", "| 계 | 4 830 000천원 | 4 579 000천원 |")
    frames = extract_text(tmp_path, "budget.txt", text, region="충청북도 제천시", year=2025)
    flags = frames["quality_flags"]
    hits = flags[flags["kind"] == "total_mismatch"]
    assert sorted((int(r.line), r.table) for r in hits.itertuples()) == [(7, "budgets"), (7, "funding")]
    assert all("4,830,000,000" in m and "4,820,000,000" in m for m in hits["message"])


# invented spreadsheet CSV and HTML tables with space-grouped cells
CSV = ("2025년 충청북도 제천시 아동 돌봄 현황\n"
       "\n"
       "구분,기관 수,정원,이용 아동\n"
       "합계,41개소,2 215명,1 873명\n"
       "지역아동센터,29개소,1 160명,1 002명\n"
       "다함께돌봄센터,12개소,1 055명,871명\n")

HTML = """2025년 충청북도 제천시 아동 돌봄 현황

<table>
<tr><th>구분</th><th>기관 수</th><th>정원</th><th>이용 아동</th></tr>
<tr><td>합계</td><td>41개소</td><td>2 215명</td><td>1 873명</td></tr>
<tr><td>지역아동센터</td><td>29개소</td><td>1 160명</td><td>1 002명</td></tr>
<tr><td>다함께돌봄센터</td><td>12개소</td><td>1<br>055명</td><td>871명</td></tr>
</table>
"""


def test_csv_fields_hold_one_figure(tmp_path):
    frames = extract_text(tmp_path, "counts.csv.txt", CSV, region="충청북도 제천시", year=2025)
    cells = sorted((int(r.line), int(r.col), float(r.value)) for r in frames["table_cells"].itertuples())
    assert cells == [(4, 1, 41), (4, 2, 2215), (4, 3, 1873), (5, 1, 29), (5, 2, 1160), (5, 3, 1002),
                     (6, 1, 12), (6, 2, 1055), (6, 3, 871)]


def test_html_cells_hold_one_figure_but_not_across_a_line_break(tmp_path):
    frames = extract_text(tmp_path, "counts.html.txt", HTML, region="충청북도 제천시", year=2025)
    cells = sorted((int(r.line), int(r.col), float(r.value)) for r in frames["table_cells"].itertuples())
    # ``1<br>055명``: two lines of one cell, no figure grouped by a space
    assert [c for c in cells if c[0] != 7] == [(5, 1, 41), (5, 2, 2215), (5, 3, 1873), (6, 1, 29), (6, 2, 1160),
                                               (6, 3, 1002)]
    assert (7, 2, 1055) not in cells
