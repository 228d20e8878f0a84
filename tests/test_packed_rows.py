"""Packed columns of large tables (:mod:`helpers.extract.packed_columns`) and the compact rows of the old
table reader (:mod:`helpers.extract.row_store`): the same values, rows and outputs as the lists they replace."""

from __future__ import annotations

import math
import pickle
import shutil
from pathlib import Path

import pandas as pd
import pytest

from helpers.extract import row_store, table_rows
from helpers.extract.cells import Figure
from helpers.extract.packed_columns import Codes, Numbers, packed
from helpers.extract.pipeline import extract_all, to_frame, write_tables
from helpers.extract.row_store import RowStore, grown
from helpers.extract.table_rows import TableRows
from helpers.extract.tables import Row

FIXTURES = Path(__file__).parent / "fixtures"


def test_numbers_keep_each_value_and_its_type():
    values = [1000.5 + i for i in range(40)] + [None, -0.0, float("nan"), 7]
    col = packed(values)
    assert isinstance(col, Numbers)
    assert col[0] == 1000.5 and col[40] is None and col[-1] == 7 and type(col[-1]) is int
    assert math.copysign(1, col[41]) == -1 and math.isnan(col[42])
    col[0] = "x"  # a value of another type is kept apart, then replaced again
    assert col[0] == "x"
    col[0] = 2.5
    col.append(None)
    assert list(col)[:1] == [2.5] and col[-1] is None and len(col) == 45
    assert col[1:3] == [1001.5, 1002.5]
    ints = packed(list(range(300, 340)) + [True, 2**70])
    assert isinstance(ints, Numbers) and ints[-2] is True and ints[-1] == 2**70 and type(ints[0]) is int


def test_codes_keep_equal_values_of_other_types_apart():
    values = ["가"] * 30 + [None] * 30 + [0.0, -0.0, 1, True, 1.0]
    col = packed(values)
    assert isinstance(col, Codes)
    assert [(v, type(v)) for v in col[-5:]] == [(0.0, float), (-0.0, float), (1, int), (True, bool), (1.0, float)]
    assert math.copysign(1, col[-4]) == -1
    col[0] = "나"
    assert col[0] == "나" and list(col) == ["나", *values[1:]]
    assert pickle.loads(pickle.dumps(col))[0] == "나"


def test_mostly_distinct_texts_stay_a_list():
    values = [f"항목{i}" for i in range(100)]
    assert packed(values) is values


def test_a_large_table_packs_and_reads_and_writes_as_before(tmp_path, monkeypatch):
    rows = [{"doc_id": "d", "line": i + 1, "item": f"항목{i}", "budget_krw": 1000.0 * i,
             "spent_krw": None if i % 5 else 10.0 * i, "is_total": i == 0, "unit": "천원"} for i in range(50)]
    monkeypatch.setattr(table_rows, "PACK_ROWS", 15)  # packed at 16 rows, and each 16 rows after
    store = TableRows("budgets", rows)
    assert isinstance(store.column("line"), Numbers) and isinstance(store.column("doc_id"), Codes)
    assert type(store.column("item")) is list
    monkeypatch.setattr(table_rows, "PACK_ROWS", (1 << 20) - 1)
    plain = TableRows("budgets", rows)
    assert type(plain.column("line")) is list and list(store) == list(plain)
    store.set(3, "is_total", True)
    plain.set(3, "is_total", True)
    copy = TableRows("budgets")
    copy.extend(store)  # an empty store takes a copy of the packed columns
    assert isinstance(copy.column("line"), Numbers) and list(copy) == list(plain)
    write_tables({"budgets": plain}, tmp_path / "lists")
    write_tables({"budgets": store}, tmp_path / "packed", release=True)
    for name in ("budgets.csv", "budgets.parquet"):
        assert (tmp_path / "packed" / name).read_bytes() == (tmp_path / "lists" / name).read_bytes(), name


def test_row_store_gives_back_equal_rows():
    rows = [Row(i + 1, i + 1, f"| 사업{i} | {i} | 1,234 | {i % 9}.5 |", f"사업{i}",
                {"budget": Figure(2, 5, str(i), float(i), ""), "spent": Figure(6, 11, "1,234", 1234.0, "천원"),
                 "rate": Figure(12, 15, f"{i % 9}.5", i % 9 + 0.5, "%") if i % 3 else None})
            for i in range(row_store.LARGE_TABLE_ROWS + 5)]
    rows.append(Row(9000, 8998, "wrapped", "a label", {"budget": None, "spent": None, "rate": None}))
    rows.append(Row(9001, 9001, "pair", "p", {"budget": Figure(0, 5, "20/10", None, "", (20.0, 10.0)),
                                              "spent": None, "rate": None}))
    store = grown(list(rows))
    assert isinstance(store, RowStore) and len(store) == len(rows)
    assert list(store) == rows and store[-1] == rows[-1] and store[3:5] == rows[3:5]
    assert len(store._printed) == len(rows) - 2  # only the texts that are not the value's plain form
    assert grown(rows[:10]) == rows[:10] and type(grown(rows[:10])) is list


def _frames(raw: Path) -> dict[str, pd.DataFrame]:
    return {t: to_frame(t, r) for t, r in extract_all(raw, jobs=1).rows.items()}


@pytest.mark.parametrize("folder", ["engine", "families"])
def test_every_table_packed_and_compact_gives_the_same_outputs(tmp_path, folder, monkeypatch):
    """Every fixture document extracted with every old-reader table compact and every row store packed
    every 4 rows: the same tables as with lists."""
    raw = tmp_path / "raw"
    raw.mkdir()
    for doc in sorted((FIXTURES / folder).glob("**/*.txt")):
        shutil.copy(doc, raw / f"{doc.parent.name}_{doc.name}")
    expected = _frames(raw)
    monkeypatch.setattr(row_store, "LARGE_TABLE_ROWS", 0)
    monkeypatch.setattr(table_rows, "PACK_ROWS", 3)
    got = _frames(raw)
    assert len(expected["table_cells"]) > 100 and len(expected["budgets"]) > 10
    for table, df in expected.items():
        pd.testing.assert_frame_equal(got[table], df, obj=table)


def test_line_set_answers_as_the_set_it_replaces():
    from helpers.extract.line_set import LineSet

    held = LineSet([7, 3])
    held.add_range(10, 12)
    held.add_range(20, 19)  # an empty span adds nothing, as ``range`` gives nothing
    assert list(held) == [3, 7, 10, 11, 12] and len(held) == 5
    both = held | {1, 40}
    assert 40 in both and 1 in both and 40 not in held and 2 not in both and 1000 not in both
    assert both | LineSet([50]) == {1, 3, 7, 10, 11, 12, 40, 50}
    with pytest.raises(ValueError):
        held.add(-1)


def test_a_small_line_set_is_settled_as_a_set_and_unions_either_way():
    from helpers.extract import line_set

    small = line_set.settled(line_set.LineSet([4, 2]))
    assert type(small) is set and small == {2, 4}
    large = line_set.settled(line_set.LineSet(range(1, line_set.SMALL + 2)))
    assert isinstance(large, line_set.LineSet)
    assert isinstance({0} | large, line_set.LineSet) and 0 in ({0} | large) and line_set.SMALL + 1 in ({0} | large)
