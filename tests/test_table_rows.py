"""The columnar row store of the extract step (:mod:`helpers.extract.table_rows`) and the table writer."""

from __future__ import annotations

import pandas as pd

from helpers.extract.pipeline import to_frame, write_tables
from helpers.extract.table_rows import TableRows

ROWS = [
    {"doc_id": "b", "line": 7, "region_code": "11", "item": "경로당 운영", "budget_krw": 1500000.0,
     "spent_krw": None, "is_total": False, "_internal": 1},
    {"doc_id": "a", "line": 3, "item": "합계", "budget_krw": 2000000, "spent_krw": 1000000.0, "is_total": True,
     "unit": "천원"},
    {"doc_id": "a", "line": 2, "region_code": None, "item": None, "budget_krw": float("nan")},
]


def test_rows_read_like_the_dicts_they_replace():
    rows = TableRows("budgets", ROWS)
    assert len(rows) == 3
    assert rows[1]["item"] == "합계" and rows[1]["scope"] is None  # a schema column the row lacked is empty
    assert "_internal" not in rows[0]  # keys outside the schema are dropped, as the written tables drop them
    assert [r["line"] for r in rows] == [7, 3, 2]
    assert rows[-1]["line"] == 2 and [r["doc_id"] for r in rows[:2]] == ["b", "a"]
    more = TableRows("budgets")
    more.add(doc_id="c", line=1, item="x")
    rows.extend(more)
    assert rows.column("doc_id") == ["b", "a", "a", "c"]


def test_frame_from_columns_equals_frame_from_dicts():
    from_dicts = to_frame("budgets", ROWS)
    from_columns = to_frame("budgets", TableRows("budgets", ROWS))
    pd.testing.assert_frame_equal(from_columns, from_dicts)
    assert from_columns["line"].tolist() == [2, 3, 7]  # doc, then line order
    assert from_columns["is_total"].tolist() == [False, True, False]


def test_written_tables_are_the_same_bytes_from_columns_and_from_dicts(tmp_path):
    write_tables({"budgets": ROWS}, tmp_path / "dicts")
    rows = {"budgets": TableRows("budgets", ROWS)}
    counts = write_tables(rows, tmp_path / "columns", release=True)
    assert counts["budgets"] == 3 and counts["indicators"] == 0
    assert rows == {}  # released table by table
    for name in ("budgets.csv", "budgets.parquet", "indicators.csv", "table_cells.parquet"):
        assert (tmp_path / "columns" / name).read_bytes() == (tmp_path / "dicts" / name).read_bytes(), name
    assert (tmp_path / "columns" / "budgets.csv").read_bytes().startswith(b"\xef\xbb\xbfdoc_id,line,")
    assert not list((tmp_path / "columns").glob(".*.tmp"))


def _reference_order(rows: list[dict]) -> list[tuple]:
    """The written order computed by pandas itself: by document, then line (rows without a line first)."""
    df = pd.DataFrame.from_records(rows, columns=["doc_id", "line", "item"])
    df["line"] = df["line"].astype("Int64")
    df = df.sort_values(["doc_id", "line"], kind="mergesort", na_position="first")
    return [(d, None if pd.isna(ln) else int(ln), i) for d, ln, i in df.itertuples(index=False)]


def test_rows_already_in_order_and_out_of_order_are_framed_in_the_written_order():
    orders = [
        [("a", None, "p"), ("a", 1, "q"), ("a", 1, "r"), ("a", 5, "s"), ("b", None, "t"), ("b", 2, "u")],  # in order
        [("a", 3, "p"), ("a", None, "q"), ("b", 1, "r")],  # a line-less row after a row with a line
        [("a", 3, "p"), ("a", 2, "q"), ("a", 2, "r")],  # lines down: ties keep their order
        [("b", 1, "p"), ("a", 9, "q")],  # documents out of order
    ]
    for order in orders:
        rows = [{"doc_id": d, "line": ln, "item": i} for d, ln, i in order]
        df = to_frame("budgets", TableRows("budgets", rows), release=True)
        got = [(d, None if pd.isna(ln) else int(ln), i) for d, ln, i in df[["doc_id", "line", "item"]].itertuples(index=False)]
        assert got == _reference_order(rows), order
        assert list(df.index) == list(range(len(rows)))


def test_release_empties_the_store_column_by_column():
    rows = TableRows("budgets", ROWS)
    df = to_frame("budgets", rows, release=True)
    assert len(df) == 3 and all(rows.column(c) == [] for c in ("doc_id", "line", "item"))


def _many_rows(n: int) -> list[dict]:
    """``n`` budget rows over two documents, out of order, with a text column empty in the first rows only
    (a chunk where it is empty must still write it as text) and gaps in the numbers."""
    rows = []
    for k in range(n):
        rows.append({"doc_id": "b" if k % 3 else "a", "line": (k * 7) % 50 if k % 11 else None,
                     "item": f"항목{k}", "budget_krw": float(k * 1000) if k % 5 else None,
                     "spent_krw": k * 500, "is_total": k % 13 == 0,
                     "as_of": "2023-12-31" if k > n // 2 else None, "source_text": f"| 항목{k} | {k} |",
                     "program": "끝 사업" if k == n - 1 else None})
    return rows


def test_a_table_written_in_chunks_reads_back_as_the_single_write(tmp_path):
    rows = _many_rows(230)
    whole = write_tables({"budgets": TableRows("budgets", rows)}, tmp_path / "whole", release=True)
    chunked = write_tables({"budgets": TableRows("budgets", rows)}, tmp_path / "chunked", release=True, chunk_rows=40)
    assert whole == chunked and whole["budgets"] == 230
    # the CSV: the same bytes (one BOM, one header)
    assert (tmp_path / "chunked" / "budgets.csv").read_bytes() == (tmp_path / "whole" / "budgets.csv").read_bytes()
    # the Parquet file: one row group per chunk, the same frame when read back (types included)
    import pyarrow.parquet as pq

    assert pq.ParquetFile(tmp_path / "chunked" / "budgets.parquet").num_row_groups == 6
    assert pq.ParquetFile(tmp_path / "whole" / "budgets.parquet").num_row_groups == 1
    a = pd.read_parquet(tmp_path / "whole" / "budgets.parquet")
    b = pd.read_parquet(tmp_path / "chunked" / "budgets.parquet")
    pd.testing.assert_frame_equal(b, a)
    assert str(b["line"].dtype) == "Int64" and b["as_of"].iloc[-1] == "2023-12-31"
    schema = pq.read_schema(tmp_path / "chunked" / "budgets.parquet")
    assert str(schema.field("program").type) == "string" and b["program"].notna().sum() == 1  # empty in chunk 1
    assert str(schema.field("scope").type) == "null"  # empty in every row: as the single write types it
    assert b["line"].isna().iloc[0]  # rows without a line first in their document, as the single write orders them
    # a table at or under the chunk size keeps the single write: the same bytes
    small = write_tables({"budgets": TableRows("budgets", rows[:40])}, tmp_path / "small", chunk_rows=40)
    one = write_tables({"budgets": TableRows("budgets", rows[:40])}, tmp_path / "one")
    assert small == one
    for name in ("budgets.csv", "budgets.parquet"):
        assert (tmp_path / "small" / name).read_bytes() == (tmp_path / "one" / name).read_bytes()
    assert not list((tmp_path / "chunked").glob(".*.tmp"))


def test_chunked_rows_already_in_order_and_from_dicts(tmp_path):
    rows = sorted(_many_rows(101), key=lambda r: (r["doc_id"], -1 if r["line"] is None else r["line"]))
    write_tables({"budgets": rows}, tmp_path / "whole")
    write_tables({"budgets": rows}, tmp_path / "chunked", chunk_rows=25)
    assert (tmp_path / "chunked" / "budgets.csv").read_bytes() == (tmp_path / "whole" / "budgets.csv").read_bytes()
    pd.testing.assert_frame_equal(pd.read_parquet(tmp_path / "chunked" / "budgets.parquet"),
                                  pd.read_parquet(tmp_path / "whole" / "budgets.parquet"))


def test_cell_rows_release_the_grid_rows_of_a_used_table_and_give_the_same_rows():
    from helpers.extract.blocks import find_tables
    from helpers.extract.table_cells import cell_rows

    lines = ["| 사업명 | 예산액 | 지출액 |", "|---|---|---|", "| 경로당 | 100 | 50 |", "| 복지관 | 200 | 150 |",
             "| 쉼터 | 300 | 250 |", "", "본문 문단입니다.", "", "| 구분 | 인원 | 횟수 |", "|---|---|---|",
             "| 갑반 | 7 | 9 |", "| 을반 | 8 | 11 |"]
    facts = {"budgets": TableRows("budgets", [
        {"doc_id": "d", "line": n, "item": item, "unit": "원", "budget_krw": float(b), "spent_krw": float(s)}
        for n, item, b, s in ((3, "경로당", 100, 50), (4, "복지관", 200, 150), (5, "쉼터", 300, 250))])}
    kept, unrecognised_kept = cell_rows("d", lines, facts, tables=find_tables(lines))
    tables = find_tables(lines)
    grids = list(tables)
    released, unrecognised = cell_rows("d", lines, facts, tables=tables, release=True)
    assert list(released) == list(kept) and len(released) == 10
    assert [r["fact_table"] for r in released][:6] == ["budgets"] * 6 and released[0]["row_label"] == "경로당"
    assert tables == [None, None]  # each table dropped once its cells are rows
    used, other = grids
    assert used.body[:2] == [None, None] and used.body[2] is not None  # rows read, released as the next began
    assert [t.table_id for t in unrecognised] == [t.table_id for t in unrecognised_kept] == [other.table_id]
    assert all(row is not None for row in other.body)  # a table no fact used keeps its rows for its flag
