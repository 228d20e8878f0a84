"""Printed data frames (:mod:`helpers.extract.frames`): pandas and R ``print`` output pasted into a report.

Every frame here is invented; the layouts are the ones pandas and R print: an index column with nothing over
it, names and cells right-aligned on the same column edges, blocks of columns continued by a ``\\`` (pandas)
or under a new header repeating the row names (R), ``NaN`` for a missing value.
"""

from engine_support import extract_text
from helpers.extract.blocks import find_tables

# pandas, display.unicode.east_asian_width on (a Hangul syllable two columns wide), too wide for the console:
# two blocks, the first header ending with ``\``, the index repeated
WRAPPED = "\n".join([
    "2024년 노인복지 재원별 집행 (단위: 천원, %)",
    "",
    "          구분  예산액_계  집행액  집행률  예산_국비  \\",
    "0         합계       5200    4600    88.5       2600   ",
    "1  경로당 운영       3000    2800    93.3       1500   ",
    "2  노인 일자리       2200    1800    81.8       1100   ",
    "",
    "   예산_도비  예산_시비  ",
    "0        780       1820  ",
    "1        450       1050  ",
    "2        330        770  ",
    "",
])

# pandas with its default widths (one character one column): a years-down count frame, NaN in the first
# year's difference
YEARS_DOWN = "\n".join([
    "연도별 기초연금 수급자 (단위: 명)",
    "",
    "     연도   일반  시설    계  전년대비증감",
    "0  2021  410  52  462     NaN",
    "1  2022  425  50  475    13.0",
    "2  2023  433  49  482     7.0",
    "",
])

# pandas with a named index of row names: the name is printed alone under the header
NAMED_INDEX = "\n".join([
    "         1종      2종",
    "연도                 ",
    "2020년  3100  1450.0",
    "2021년  3072     NaN",
    "",
])

# R print.data.frame: one space between columns, row numbers 1 … n, a wide frame wrapped under a second
# header that repeats the row numbers (no ``\``)
R_WRAPPED = "\n".join([
    "  연도 이용자 제공기관",
    "1 2022    120        8",
    "2 2023    135        9",
    "  결제건수",
    "1     2400",
    "2     2710",
    "",
])

# an ordinary space-aligned table (pdftotext -layout): nothing over its label column, but no mark of a frame
PLAIN = "\n".join([
    "            2022년    2023년",
    "합계         1,234     1,456",
    "노인돌봄       800       900",
    "",
])


def _frame(text: str):
    (t,) = [t for t in find_tables(text.split("\n")) if t.layout == "frame"]
    return t


def test_a_positional_index_is_no_figure_and_no_label():
    t = _frame(YEARS_DOWN)
    assert t.column_labels() == ["", "연도", "일반", "시설", "계", "전년대비증감"]
    assert [t.row_label(row) for row in t.body] == ["2021", "2022", "2023"]  # a year column labels the rows
    figures = [(c.line, c.col, c.value) for _, c in t.numeric_cells()]
    assert figures[:4] == [(4, 2, 410), (4, 3, 52), (4, 4, 462), (5, 2, 425)]  # the NaN cell (line 4) none
    assert all(col > 0 for _, col, _ in figures)
    # the row numbers are kept apart: one per row, at their lines, in column 0
    assert [[(c.line, c.col, c.value) for c in cells] for cells in t.index] == [[(4, 0, 0)], [(5, 0, 1)], [(6, 0, 2)]]


def test_blocks_continued_by_a_backslash_are_one_table_joined_by_their_index():
    t = _frame(WRAPPED)
    assert t.table_id == "t3" and t.line == 3 and t.line_end == 11
    assert t.column_labels() == ["", "구분", "예산액 › 계", "집행액", "집행률", "예산 › 국비", "예산 › 도비", "예산 › 시비"]
    first = [(c.text, c.line, c.col) for c in t.body[0]]
    assert first == [("합계", 4, 1), ("5200", 4, 2), ("4600", 4, 3), ("88.5", 4, 4), ("2600", 4, 5),
                     ("780", 9, 6), ("1820", 9, 7)]  # each cell at the line of its block
    assert [t.row_label(row) for row in t.body] == ["합계", "경로당 운영", "노인 일자리"]
    assert [[c.line for c in cells] for cells in t.index] == [[4, 9], [5, 10], [6, 11]]  # both blocks' numbers
    assert not t.rows_on_one_line  # the line readers leave it to the family readers


def test_r_prints_blocks_under_a_new_header_repeating_the_row_numbers():
    t = _frame(R_WRAPPED)
    assert t.column_labels() == ["", "연도", "이용자", "제공기관", "결제건수"]
    assert [[(c.text, c.line) for c in row] for row in t.body] == [
        [("2022", 2), ("120", 2), ("8", 2), ("2400", 5)], [("2023", 3), ("135", 3), ("9", 3), ("2710", 6)]]


def test_row_names_label_the_rows_and_a_named_index_heads_them():
    t = _frame(NAMED_INDEX)
    assert t.column_labels() == ["연도", "1종", "2종"]
    assert [t.row_label(row) for row in t.body] == ["2020년", "2021년"]
    assert t.index == []  # row names are labels, not row numbers
    assert [(c.line, c.col, c.value) for _, c in t.numeric_cells()] == [(3, 1, 3100), (3, 2, 1450), (4, 1, 3072)]


def test_underscored_names_are_header_paths_each_over_its_own_column():
    t = _frame(WRAPPED)
    # ``집행액`` (one part) beside ``예산_국비``: no upper name spans it
    assert [[(c.text, c.col) for c in row] for row in t.header] == [
        [("예산액", 2), ("예산", 5), ("예산", 6), ("예산", 7)],
        [("구분", 1), ("계", 2), ("집행액", 3), ("집행률", 4), ("국비", 5), ("도비", 6), ("시비", 7)]]


def test_cells_align_by_characters_or_by_display_width():
    by_chars = _frame(YEARS_DOWN)  # pandas' default: a Hangul syllable one column
    by_width = _frame(WRAPPED)  # east_asian_width: two columns
    assert len(by_chars.body) == 3 and len(by_width.body) == 3
    assert by_chars.body[1][-1].value == 13.0 and by_width.body[2][4].value == 1100


def test_a_space_table_without_a_frame_mark_is_left_to_the_space_family():
    tables = find_tables(PLAIN.split("\n"))
    assert [t.layout for t in tables] == ["spaces"]
    assert [tables[0].row_label(row) for row in tables[0].body] == ["합계", "노인돌봄"]


def test_a_name_over_the_first_column_is_no_frame():
    text = "\n".join(["연번   시설명   정원", "1      가나     30", "2      다라     25", ""])
    assert all(t.layout != "frame" for t in find_tables(text.split("\n")))


def test_a_wrapped_frame_gives_budgets_and_funding_and_no_fact_from_its_index(tmp_path):
    frames = extract_text(tmp_path, "frame.txt", WRAPPED, region="경상남도 김해시", year=2024)
    budgets = sorted((int(r.line), r.item, r.budget_krw, r.spent_krw, r.reported_rate)
                     for r in frames["budgets"].itertuples())
    assert budgets == [(4, "합계", 5_200_000, 4_600_000, 88.5), (5, "경로당 운영", 3_000_000, 2_800_000, 93.3),
                       (6, "노인 일자리", 2_200_000, 1_800_000, 81.8)]
    funding = sorted((int(r.line), r.source, r.amount_krw) for r in frames["funding"].itertuples()
                     if "합계" in r.source_label)
    # 도비 and 시비 at the line of the second block, where they are printed; a 시 under a 도: 시비 → 시군구비
    assert funding == [(4, "계", 5_200_000), (4, "국비", 2_600_000), (9, "시군구비", 1_820_000),
                       (9, "시도비", 780_000)]
    assert len(frames["funding"]) == 12 and frames["activities"].empty
    cells = frames["table_cells"]
    index = cells[cells["col"] == 0]
    assert sorted(zip(index["line"], index["value"], strict=True)) == [(4, 0), (5, 1), (6, 2), (9, 0), (10, 1), (11, 2)]
    assert index["fact_table"].isna().all()  # row numbers: kept, read by no fact
    flags = frames["quality_flags"]
    assert not flags["kind"].isin(["rate_mismatch", "total_mismatch", "unparsed_row", "unrecognised_table"]).any()


def test_a_years_down_frame_gives_counts_per_year_and_no_difference(tmp_path):
    frames = extract_text(tmp_path, "years.txt", YEARS_DOWN, region="경상남도 김해시", year=2024)
    got = sorted((int(r.line), int(r.year), r.item, r.measure, r.value) for r in frames["activities"].itertuples())
    assert got == [(4, 2021, "계", "명", 462), (4, 2021, "시설", "명", 52), (4, 2021, "일반", "명", 410),
                   (5, 2022, "계", "명", 475), (5, 2022, "시설", "명", 50), (5, 2022, "일반", "명", 425),
                   (6, 2023, "계", "명", 482), (6, 2023, "시설", "명", 49), (6, 2023, "일반", "명", 433)]
    assert frames["budgets"].empty  # the 전년대비증감 column is a difference: no fact
