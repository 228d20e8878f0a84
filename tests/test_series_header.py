"""A table flattened by its converter into a header line naming a numbered series (``1단계 2단계 3단계``), one
text row broken out one cell per paragraph, then single-space figure rows: the header names the figure
columns and the paragraphs are the text row's cells (invented tables)."""

from helpers.extract.blocks import find_tables

# invented: a 구분 corner, the series header, one paragraph per column saying who belongs to it, two rows
FLAT = """바우처 지원 단가

구  분
1단계 2단계 3단계

생계급여
수급자

기준 중위소득 50% 이하 중
생계급여 수급자가 아닌 자

기준 중위소득 50% 초과
80% 이하인 자

지원금 150,000원 120,000원 90,000원
자부담 10,000원 30,000원 50,000원
"""


def _table(text: str):
    tables = find_tables(text.split("\n"))
    assert len(tables) == 1
    return tables[0]


def test_a_series_header_above_paragraph_cells_names_the_columns():
    t = _table(FLAT)
    assert (t.table_id, t.line, t.line_end) == ("t3", 3, 16)
    assert t.column_labels() == ["구분", "1단계", "2단계", "3단계"]
    text_row, *rows = t.body
    assert [(c.text, c.line, c.col) for c in text_row[1:]] == [
        ("생계급여 수급자", 6, 1), ("기준 중위소득 50% 이하 중 생계급여 수급자가 아닌 자", 9, 2),
        ("기준 중위소득 50% 초과 80% 이하인 자", 12, 3)]
    assert all(c.number is None for c in text_row)
    assert [[(c.line, c.col, c.value) for c in row if c.number is not None] for row in rows] == [
        [(15, 1, 150000), (15, 2, 120000), (15, 3, 90000)], [(16, 1, 10000), (16, 2, 30000), (16, 3, 50000)]]
    assert [row[0].text for row in rows] == ["지원금", "자부담"]


def test_no_series_header_when_the_paragraphs_do_not_match_the_columns():
    # two paragraphs for three columns: the lines above are not that table's header and text row
    text = FLAT.replace("기준 중위소득 50% 초과\n80% 이하인 자\n\n", "")
    t = _table(text)
    assert t.line == 12 and not t.header and len(t.body) == 2


def test_no_series_header_when_the_words_are_no_numbered_series():
    for header in ("1단계 2단계 4단계", "1단계 2구간 3단계", "가 나 다"):
        t = _table(FLAT.replace("1단계 2단계 3단계", header))
        assert not t.header and t.line == 15, header
