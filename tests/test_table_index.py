"""The table_index table: every detected table with the lines it spans (header included) and what its
figures became, so a header line or a text row of a table is found in its table."""

from engine_support import extract_text

# an invented results page: a tab count table whose header cells print figures (``3급``, ``6급``) over one
# row of ``회 / 명`` pairs, then a tab facility table with a text row (addresses) between its header and a
# count row, then a budget list outside tables
TEXT = """□ 2025년 교육 실적

계\t3급 관리자 교육\t6급 이하 직원 교육
9회 / 410명\t4회 / 120명\t5회 / 290명

□ 시설 현황

구 분\t가 센터\t나 센터
소재지\t가나구 다라로 12\t마바구 사아로 34
정원\t30명\t25명

- 소요예산 : 500백만원(시비 100%)
"""


def test_every_table_is_indexed_with_its_span(tmp_path):
    frames = extract_text(tmp_path, "spans.txt", TEXT)
    idx = frames["table_index"]
    cells = frames["table_cells"]
    # the facility table's address row (line 9) lies in its span, whichever level the finder gives it
    got = idx[["table_id", "line", "line_end", "layout", "n_cells"]].values.tolist()
    assert got == [["t3", 3, 4, "tab", 6], ["t8", 8, 10, "tab", 2]]
    assert idx["n_rows"].iloc[0] == 1
    assert idx["header"].iloc[0] == "계 | 3급 관리자 교육 | 6급 이하 직원 교육"
    # each table's n_cells is its count of table_cells rows; the list outside tables is in no table
    for tid, n in zip(idx["table_id"], idx["n_cells"]):
        assert (cells["table_id"] == tid).sum() == n
    assert set(idx["doc_id"]) == {"spans"}


def test_fact_tables_name_what_used_the_figures(tmp_path):
    frames = extract_text(tmp_path, "spans.txt", TEXT)
    idx = frames["table_index"].set_index("table_id")
    used = frames["table_cells"].dropna(subset=["fact_table"]).groupby("table_id")["fact_table"].unique()
    for tid, row in idx.iterrows():
        expected = ", ".join(sorted(used.get(tid, []))) or None
        assert row["fact_tables"] == expected
    assert idx.loc["t3", "fact_tables"] == "activities"


def test_the_index_is_written_and_loaded(tmp_path):
    from helpers import data
    from helpers.extract.pipeline import write_tables
    from helpers.schema import TABLES

    frames = extract_text(tmp_path, "spans.txt", TEXT)
    rows = {t: frames[t].to_dict("records") if t in frames else [] for t in TABLES}
    out = tmp_path / "processed"
    write_tables(rows, out)
    loaded = data.load_table_index("spans", processed_dir=out)
    assert loaded[["table_id", "line", "line_end"]].values.tolist() == [["t3", 3, 4], ["t8", 8, 10]]
