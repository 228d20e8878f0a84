"""A spreadsheet saved as text (tab-separated, issue 11): quoted cells keep their separators (``"1,234"``), a
line break inside a quoted cell continues the logical row on the next physical line (its label joined, each
cell keeping the line it starts on), empty cells stay cells, and the title and ``(단위: …)`` rows above the
header are no part of the table (the finder reads the unit there)."""

from engine_support import extract_text
from helpers.extract.blocks import find_tables

# invented sheet: a title row and a unit row (trailing tabs), a header cell and a label cell broken inside
# their quotes, quoted thousands, an empty 비고 column, an empty row closing the table, a note row under it
SHEET = ("2025년 상담 실적\t\t\t\n"              # 1
         "(단위: 명, 건)\t\t\t\n"                # 2
         "사업\t\"등록\n"                         # 3
         "회원\"\t상담 건수\t비고\n"               # 4
         "계\t215\t\"2,410\"\t\n"                # 5
         "\"방문\n"                              # 6
         "상담\"\t140\t\"1,630\"\t\n"             # 7
         "전화 상담\t75\t780\t\n"                 # 8
         "\t\t\t\n"                             # 9
         "※ 비고는 비워 둠\t\t\t\n")               # 10

# the same shape, amounts in 천원 with a rate
BUDGET = ("사업비 집행\t\t\t\n"
          "(단위: 천원, %)\t\t\t\n"
          "세부사업\t예산액\t집행액\t집행률\n"
          "계\t\"52,000\"\t\"49,400\"\t95.0\n"
          "\"사례\n"
          "관리\"\t\"30,000\"\t\"28,500\"\t95.0\n"
          "홍보\t\"22,000\"\t\"20,900\"\t95.0\n")


def test_a_quoted_cell_with_a_line_break_is_one_row_whose_cells_keep_their_lines():
    (t,) = find_tables(SHEET.split("\n"))
    assert t.layout == "csv"
    assert [[(c.text, c.line, c.col) for c in row] for row in t.header] == [
        [("사업", 3, 0), ("등록 회원", 3, 1), ("상담 건수", 4, 2), ("비고", 4, 3)]]
    assert [[(c.text, c.line, c.value) for c in row] for row in t.body] == [
        [("계", 5, None), ("215", 5, 215), ("2,410", 5, 2410), ("", 5, None)],
        [("방문 상담", 6, None), ("140", 7, 140), ("1,630", 7, 1630), ("", 7, None)],
        [("전화 상담", 8, None), ("75", 8, 75), ("780", 8, 780), ("", 8, None)]]
    assert t.title == "2025년 상담 실적"


def test_an_unquoted_tab_table_is_left_to_the_tab_family():
    lines = ["사업\t등록 회원\t상담 건수", "계\t215\t2410", "전화 상담\t75\t780"]
    (t,) = find_tables(lines)
    assert t.layout != "csv"


def test_sheet_counts_become_activities(tmp_path):
    frames = extract_text(tmp_path, "sheet.txt", SHEET, region="경기도 파주시", year=2025)
    got = sorted((int(r.line), r.item, r.measure, r.value) for r in frames["activities"].itertuples())
    m, k = "등록 회원 (명)", "상담 건수 (건)"  # the column names the count, the unit row its unit
    assert got == [(5, "계", m, 215), (5, "계", k, 2410), (7, "방문 상담", m, 140), (7, "방문 상담", k, 1630),
                   (8, "전화 상담", m, 75), (8, "전화 상담", k, 780)]
    assert frames["budgets"].empty


def test_sheet_budgets_with_a_broken_label_are_all_read_and_their_total_checks(tmp_path):
    frames = extract_text(tmp_path, "budget.txt", BUDGET, region="경기도 파주시", year=2025)
    got = sorted((r.item, r.budget_krw, r.spent_krw, r.reported_rate) for r in frames["budgets"].itertuples())
    assert got == [("계", 52_000_000, 49_400_000, 95.0), ("사례 관리", 30_000_000, 28_500_000, 95.0),
                   ("홍보", 22_000_000, 20_900_000, 95.0)]
    flags = frames["quality_flags"]
    assert not flags["kind"].isin(["total_mismatch", "unparsed_row", "unit_unknown"]).any()
