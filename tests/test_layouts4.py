"""Layout readers of the block finder for box-drawing tables, pandoc grid, simple and multiline tables and
spreadsheet CSV (issue 11), each on a small invented table: the grid they give (header paths, one row per
printed row with its cells wrapped over lines joined, original line numbers), and what they leave alone."""

from __future__ import annotations

from helpers.extract.blocks import find_tables


def _rows(t) -> list[list[tuple[str, int]]]:
    """Body rows as (text, 1-based line) of their non-empty cells."""
    return [[(c.text, c.line) for c in row if c.text] for row in t.body]


# -- box-drawing ------------------------------------------------------------------------------------

BOX = """가상시 사업별 집행
┌──────────────┬────────┬────────┐
│사업명        │예산액  │집행액  │
├──────────────┼────────┼────────┤
│경로당 냉난방 │   1,200│     950│
│비 지원       │        │        │
├──────────────┼────────┼────────┤
│방문 상담     │     300│     280│
└──────────────┴────────┴────────┘
※ 끝"""


def test_box_table_rows_between_rules_with_a_wrapped_label():
    (t,) = find_tables(BOX.split("\n"))
    assert t.layout == "ruled"
    assert t.column_labels() == ["사업명", "예산액", "집행액"]
    assert _rows(t) == [[("경로당 냉난방 비 지원", 5), ("1,200", 5), ("950", 5)],
                        [("방문 상담", 8), ("300", 8), ("280", 8)]]
    assert [c.value for c in t.body[0] if c.number is not None] == [1200, 950]


BOX_TWO_LEVEL = """┌──────┬──────┬──────┬──────┐
│시군  │예산  │      │집행  │
│      │국비  │도비  │집행액│
├──────┼──────┼──────┼──────┤
│가시  │    10│     5│    14│
├──────┼──────┼──────┼──────┤
│나군  │    20│     8│    25│
└──────┴──────┴──────┴──────┘"""


def test_box_header_lines_over_blank_merged_cells_are_two_levels():
    (t,) = find_tables(BOX_TWO_LEVEL.split("\n"))
    assert t.column_labels() == ["시군", "예산 › 국비", "예산 › 도비", "집행 › 집행액"]
    assert _rows(t) == [[("가시", 5), ("10", 5), ("5", 5), ("14", 5)], [("나군", 7), ("20", 7), ("8", 7), ("25", 7)]]


BOX_NO_RULES = """┌──────┬──────┐
│구분  │인원  │
├──────┼──────┤
│가동  │    10│
│나동  │    12│
│다동  │     7│
└──────┴──────┘"""


def test_box_rows_without_rules_between_them_stay_rows():
    """Figures in one column on several lines of a group: each line is a row, not one wrapped cell."""
    (t,) = find_tables(BOX_NO_RULES.split("\n"))
    assert _rows(t) == [[("가동", 4), ("10", 4)], [("나동", 5), ("12", 5)], [("다동", 6), ("7", 6)]]


# -- pandoc grid ------------------------------------------------------------------------------------

GRID = """+------------+----------+----------+
| 구분       | 2023년   | 2024년   |
| (단위)     | 예산     | 예산     |
+============+==========+==========+
| 노인 일자리| 1,500    | 1,650    |
| 지원       |          |          |
+------------+----------+----------+
| 아동 급식  | 800      | -        |
+------------+----------+----------+"""


def test_pandoc_grid_header_above_the_equals_rule_and_wrapped_cells():
    (t,) = find_tables(GRID.split("\n"))
    assert t.layout == "ruled"
    assert len(t.header) == 1  # the lower header line only continues the names above: one wrapped row
    assert t.column_labels() == ["구분 (단위)", "2023년 예산", "2024년 예산"]
    assert _rows(t) == [[("노인 일자리 지원", 5), ("1,500", 5), ("1,650", 5)],
                        [("아동 급식", 8), ("800", 8), ("-", 8)]]


def test_markdown_pipe_table_is_not_a_ruled_table():
    lines = ["| 구분 | 인원 |", "|---|---|", "| 가동 | 10 |", "| 나동 | 12 |"]
    (t,) = find_tables(lines)
    assert t.layout == "pipe"


# -- pandoc simple and multiline ---------------------------------------------------------------------

SIMPLE = """월별 이용 현황
  월        이용 건수      이용액
  -----  ----------  ----------
  1월           926     593,296
  2월         1,065     501,474
  계          1,991   1,094,770

다음 문단"""


def test_pandoc_simple_table_columns_from_the_dash_runs():
    (t,) = find_tables(SIMPLE.split("\n"))
    assert t.layout == "dashes"
    assert t.column_labels() == ["월", "이용 건수", "이용액"]
    assert _rows(t) == [[("1월", 4), ("926", 4), ("593,296", 4)], [("2월", 5), ("1,065", 5), ("501,474", 5)],
                        [("계", 6), ("1,991", 6), ("1,094,770", 6)]]


MULTILINE = """(단위: 천원)
  ------------------------------------------------
                         예산
  사업명                   계        국비      시비
  -------------------  ------  --------  --------
  산모·신생아            300       200       100
  건강관리

  장애인 활동지원        150       100        50
  ------------------------------------------------
  ※ 주석"""


def test_pandoc_multiline_table_rows_between_blank_lines_and_a_group_line():
    (t,) = find_tables(MULTILINE.split("\n"))
    assert t.column_labels() == ["사업명", "예산 › 계", "예산 › 국비", "예산 › 시비"]
    assert _rows(t) == [[("산모·신생아 건강관리", 6), ("300", 6), ("200", 6), ("100", 6)],
                        [("장애인 활동지원", 9), ("150", 9), ("100", 9), ("50", 9)]]
    assert t.line_end == 9


# -- CSV --------------------------------------------------------------------------------------------

CSV = """유형별 재원
(단위: 천원)
유형,예산액,,집행,
,계,국비,집행액,집행률(%)
계,"2,474","1,163","2,367",95.7
공익활동,"1,999",,"1,907",95.4
  ※ 국비 없음"""


def test_csv_table_with_quoted_figures_empty_cells_and_a_two_row_header():
    (t,) = find_tables(CSV.split("\n"))
    assert t.layout == "csv"
    assert t.column_labels() == ["유형", "예산액 › 계", "예산액 › 국비", "집행 › 집행액", "집행 › 집행률(%)"]
    assert _rows(t) == [[("계", 5), ("2,474", 5), ("1,163", 5), ("2,367", 5), ("95.7", 5)],
                        [("공익활동", 6), ("1,999", 6), ("1,907", 6), ("95.4", 6)]]
    assert [c.col for c in t.body[1] if c.text] == [0, 1, 3, 4]  # the empty 국비 cell keeps its place


def test_prose_and_figures_with_thousands_commas_are_no_csv():
    """A list in prose (spaces after its commas) and figures with unquoted thousands commas (``124,100원``)
    are no CSV table."""
    lines = ["수행기관: 노인복지관, 시니어클럽, 대한노인회 지회",
             "대상: 노인, 장애인, 아동",
             "",
             "초 124,100원",
             "중 174,700원",
             "고 207,700원"]
    assert all(t.layout != "csv" for t in find_tables(lines))


def test_figures_one_per_line_are_no_csv():
    """``4,788,500`` alone on its line is one figure (a flattened table's cell), not three CSV fields."""
    lines = ["구분", "본예산", "추경예산", "계", "4,788,500", "4,926,300", "국비", "2,748,800", "2,783,700"]
    assert all(t.layout != "csv" for t in find_tables(lines))
