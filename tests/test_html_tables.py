"""Tables written as raw HTML (``<table>``/``<tr>``/``<th>``/``<td>``, rowspan/colspan, ``<br>``) become the
block finder's cell grids, and the family readers turn them into facts. All tables are invented."""

from __future__ import annotations

from engine_support import extract_text
from helpers.extract.blocks import find_tables


def grid(t) -> list[list[tuple[str, int]]]:
    """Every row of a table (header rows first) as (text, line) per column."""
    return [[(c.text, c.line) for c in sorted(row, key=lambda c: c.col)] for row in t.header + t.body]


def html_tables(lines: list[str]):
    return [t for t in find_tables(lines) if t.layout == "html"]


# an indicator table: a rowspan label over 목표 / 실적 / 달성률 rows, a two-level year header whose upper
# cell spans two columns and is split by <br>; one tag per line for the header, one row per line below
INDICATORS = """# 2024년 구로구 성과지표

## 1. 성과지표 달성

<table border="1">
<thead>
<tr>
<th rowspan="2">성과지표</th>
<th rowspan="2">구분</th>
<th colspan="2">연도별<br>실적</th>
</tr>
<tr><th>2023년</th><th>2024년</th></tr>
</thead>
<tbody>
<tr><td rowspan="3">방문상담<br/>건수</td><td>목표</td><td>100</td><td>120</td></tr>
<tr><td>실적</td><td>110</td><td>118</td></tr>
<tr><td>달성률</td><td>110.0%</td><td>98.3%</td></tr>
</tbody>
</table>
"""


def test_rowspan_label_and_two_level_header_grid():
    (t,) = html_tables(INDICATORS.splitlines())
    assert t.title == "성과지표 달성" and t.table_id == "t8"
    assert grid(t) == [
        [("성과지표", 8), ("구분", 9), ("연도별 실적", 10), ("연도별 실적", 10)],
        [("성과지표", 8), ("구분", 9), ("2023년", 12), ("2024년", 12)],
        [("방문상담 건수", 15), ("목표", 15), ("100", 15), ("120", 15)],
        [("방문상담 건수", 15), ("실적", 16), ("110", 16), ("118", 16)],
        [("방문상담 건수", 15), ("달성률", 17), ("110.0%", 17), ("98.3%", 17)],
    ]
    assert t.column_labels() == ["성과지표", "구분", "연도별 실적 › 2023년", "연도별 실적 › 2024년"]
    assert [t.row_label(r) for r in t.body] == ["방문상담 건수 목표", "방문상담 건수 실적", "방문상담 건수 달성률"]


def test_rowspan_group_gives_one_indicator_per_year(tmp_path):
    frames = extract_text(tmp_path, "ind.txt", INDICATORS)
    ind = frames["indicators"]
    got = sorted((int(r.year), r.indicator, r.target, r.actual, r.reported_rate, int(r.line))
                 for r in ind.itertuples())
    assert got == [(2023, "방문상담 건수", 100.0, 110.0, 110.0, 15),
                   (2024, "방문상담 건수", 120.0, 118.0, 98.3, 15)]
    cells = frames["table_cells"]
    assert sorted(zip(cells.line, cells.value, cells.fact_table, strict=True)) == [
        (15, 100.0, "indicators"), (15, 120.0, "indicators"), (16, 110.0, "indicators"),
        (16, 118.0, "indicators"), (17, 98.3, "indicators"), (17, 110.0, "indicators")]


# a budget table whose caption states the money unit, a label split by <br>; then a funding table whose
# sources sit under a colspan year header (one tag per line), its unit in a note line above the table
MONEY = """# 2024년 구로구 복지사업 현황

## 1. 부서별 예산

<table>
<caption>부서별 세출 예산액 (단위: 천원)</caption>
<tr><th>부서</th><th>2023년</th><th>2024년</th></tr>
<tr><td>복지정책과</td><td>1,200</td><td>1,350</td></tr>
<tr><td>노인<br>복지과</td><td>800</td><td>900</td></tr>
</table>

## 2. 재원별

(단위: 백만원)

<table border="1">
<tr>
<th rowspan="2">사업</th>
<th colspan="3">2024년</th>
</tr>
<tr>
<th>계</th>
<th>국비</th>
<th>구비</th>
</tr>
<tr>
<td>경로당 운영</td>
<td>300</td>
<td>120</td>
<td>180</td>
</tr>
</table>
"""


def test_caption_is_the_title_and_colspan_header_gives_paths():
    budget, funding = html_tables(MONEY.splitlines())
    assert budget.title == "부서별 세출 예산액 (단위: 천원)"
    assert grid(budget) == [
        [("부서", 7), ("2023년", 7), ("2024년", 7)],
        [("복지정책과", 8), ("1,200", 8), ("1,350", 8)],
        [("노인 복지과", 9), ("800", 9), ("900", 9)],
    ]
    assert grid(funding) == [
        [("사업", 18), ("2024년", 19), ("2024년", 19), ("2024년", 19)],
        [("사업", 18), ("계", 22), ("국비", 23), ("구비", 24)],
        [("경로당 운영", 27), ("300", 28), ("120", 29), ("180", 30)],
    ]
    assert funding.column_labels() == ["사업", "2024년 › 계", "2024년 › 국비", "2024년 › 구비"]


def test_money_tables_give_budgets_and_funding(tmp_path):
    frames = extract_text(tmp_path, "money.txt", MONEY)
    b = frames["budgets"]
    assert sorted((int(r.year), r.item, r.budget_krw, r.unit, int(r.line)) for r in b.itertuples()) == [
        (2023, "노인 복지과", 800_000.0, "천원", 9), (2023, "복지정책과", 1_200_000.0, "천원", 8),
        (2024, "노인 복지과", 900_000.0, "천원", 9), (2024, "복지정책과", 1_350_000.0, "천원", 8)]
    f = frames["funding"]
    assert sorted((int(r.year), r.source, r.stage, r.amount_krw, int(r.line)) for r in f.itertuples()) == [
        (2024, "계", "plan", 300_000_000.0, 28), (2024, "국비", "plan", 120_000_000.0, 29),
        (2024, "시군구비", "plan", 180_000_000.0, 30)]
    assert len(frames["table_cells"]) == 7 and frames["table_cells"].fact_table.notna().all()


# a th-less table (converters that write every cell as <td>): the rows before the first row with a
# figure are the header; count cells with units, a `-` cell
COUNTS = """# 2024년 구로구 상담 현황

## 2. 상담 현황

<table>
<tr><td>구분</td><td>2023년</td><td>2024년</td></tr>
<tr><td>상담 건수</td><td>25건</td><td>30건</td></tr>
<tr><td>연계 건수</td><td>12건</td><td>-</td></tr>
</table>
"""


def test_th_less_table_header_is_the_rows_before_the_first_figures(tmp_path):
    (t,) = html_tables(COUNTS.splitlines())
    assert grid(t) == [
        [("구분", 6), ("2023년", 6), ("2024년", 6)],
        [("상담 건수", 7), ("25건", 7), ("30건", 7)],
        [("연계 건수", 8), ("12건", 8), ("-", 8)],
    ]
    assert len(t.header) == 1
    a = extract_text(tmp_path, "counts.txt", COUNTS)["activities"]
    assert sorted((int(r.year), r.item, r.value, int(r.line)) for r in a.itertuples()) == [
        (2023, "상담 건수", 25.0, 7), (2023, "연계 건수", 12.0, 8), (2024, "상담 건수", 30.0, 7)]


def test_spanned_figures_stand_once_and_colspan_labels_once():
    lines = """<table>
<tr><th>구분</th><th>세부</th><th>2023년</th><th>2024년</th></tr>
<tr><td colspan="2">합계</td><td>30</td><td rowspan="2">50</td></tr>
<tr><td>가</td><td>나</td><td>30</td></tr>
<tr><th>구분</th><th>세부</th><th>2023년</th><th>2024년</th></tr>
<tr><td>다</td><td>라</td><td>7</td><td>8</td></tr>
</table>""".splitlines()
    (t,) = html_tables(lines)
    assert grid(t) == [
        [("구분", 2), ("세부", 2), ("2023년", 2), ("2024년", 2)],
        [("합계", 3), ("", 3), ("30", 3), ("50", 3)],
        [("가", 4), ("나", 4), ("30", 4), ("", 3)],
        [("다", 6), ("라", 6), ("7", 6), ("8", 6)],  # the repeated header row is dropped
    ]
    assert [(c.line, c.value) for _, c in t.numeric_cells()] == [(3, 30), (3, 50), (4, 30), (6, 7), (6, 8)]


def test_a_table_all_in_th_keeps_its_figure_rows_as_body():
    lines = ["<table>", "<tr><th>구분</th><th>2024년</th></tr>", "<tr><th>가</th><th>5</th></tr>", "</table>"]
    (t,) = html_tables(lines)
    assert [[c.text for c in r] for r in t.header] == [["구분", "2024년"]]
    assert [[c.text for c in r] for r in t.body] == [["가", "5"]]


def test_unclosed_or_nested_tables_are_left_to_the_other_families():
    unclosed = ["<table>", "<tr><td>구분</td><td>2024년</td></tr>", "<tr><td>방문 횟수</td><td>7회</td></tr>"]
    assert html_tables(unclosed) == []
    nested = ["<table><tr><td>", "<table><tr><td>가</td><td>1</td></tr></table>", "</td><td>2</td></tr></table>"]
    assert html_tables(nested) == []
    # a closed table after an unclosed one is still read
    (t,) = html_tables(unclosed + ["<table>", "<tr><td>나</td><td>3</td><td>4</td></tr>", "</table>"])
    assert grid(t) == [[("나", 5), ("3", 5), ("4", 5)]]


def test_tag_lines_are_no_other_table_and_tables_around_still_read():
    lines = ["구분\t2023년\t2024년", "가\t1\t2", "", "<table>", "<tr>", "<td>나</td>", "<td>3</td>",
             "<td>4</td>", "</tr>", "</table>", "", "구분\t2023년\t2024년", "다\t5\t6"]
    tables = find_tables(lines)
    assert [(t.layout, t.line, t.line_end) for t in tables] == [("tab", 1, 2), ("html", 6, 8), ("tab", 12, 13)]
