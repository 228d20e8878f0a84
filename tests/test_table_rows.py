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
