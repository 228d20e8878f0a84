"""Compact body rows of large tables (:mod:`helpers.extract.compact_rows`) and the flat fact lookup
(:mod:`helpers.extract.fact_index`): the same rows, cells and outputs as the lists and dicts they replace."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from helpers.extract import compact_rows
from helpers.extract.blocks import find_tables
from helpers.extract.compact_rows import CompactRows
from helpers.extract.fact_index import FactIndex
from helpers.extract.grid import Cell, Table, make_cells
from helpers.extract.pipeline import extract_all, to_frame

FIXTURES = Path(__file__).parent / "fixtures"


def _big_text(rows: int) -> str:
    """A pipe budget table, a space-aligned count table with a label line, and a tab table, each of
    ``rows`` rows (invented labels and figures)."""
    out = ["가상시 복지사업 예산 현황", "(단위 : 천원)", "| 사업명 | 예산액 | 지출액 | 집행률 |", "|---|---|---|---|"]
    for i in range(rows):
        out.append(f"| 사업{i} | {1000 + 37 * i:,} | {900 + 31 * i:,} | {90 + i % 7 * 0.5:.1f} |")
    out += ["", "동별 이용 현황", "구분      이용자수      이용률", ]
    for i in range(rows):
        out.append(f"{i}동        {120 + i}명        {40 + i % 9}.5%")
    out += ["", "구분\t2023년\t2024년"]
    for i in range(rows):
        out.append(f"항목{i}\t{i * 3}\t△{i + 1}")
    return "\n".join(out) + "\n"


def test_rows_read_back_equal_and_compact():
    lines = _big_text(30).splitlines()
    plain = find_tables(lines)
    original = compact_rows.LARGE_TABLE_ROWS
    compact_rows.LARGE_TABLE_ROWS = 5
    try:
        compact = find_tables(lines)
    finally:
        compact_rows.LARGE_TABLE_ROWS = original
    assert len(plain) == len(compact) == 3
    for a, b in zip(plain, compact, strict=True):
        assert isinstance(a.body, list) and isinstance(b.body, CompactRows)
        assert list(b.body) == a.body and len(b.body) == len(a.body) == 30
        assert b.body[-1] == a.body[-1] and b.body[3:6] == a.body[3:6]
        assert (b.width, b.line, b.line_end, b.column_labels()) == (a.width, a.line, a.line_end, a.column_labels())
        assert list(b.header + b.body) == a.header + a.body
        assert list(b.numeric_cells()) == list(a.numeric_cells())
    assert compact[0].body[2][1].value == 1074.0 and compact[2].body[4][2].number.negative


def test_row_kept_as_is_and_release():
    rows = CompactRows()
    composite = [Cell("합계", 7, 0), Cell("230 /230(173)", 7, 1, None, (object(),))]
    two_lines = [Cell("국비", 8, 0), *make_cells(["1,200"], 9, 1)]
    plain = make_cells(["노인", "1,234", "-", "5.5%"], 10)
    for row in (composite, two_lines, plain):
        rows.append(row)
    assert list(rows) == [composite, two_lines, plain]
    assert rows._rows[0] == composite and isinstance(rows._rows[2], str)  # kept as it is / compact
    assert (rows.line_range(), rows.col_end()) == ((7, 10), 4)
    rows[2] = None
    assert rows[2] is None and rows[-2] == two_lines
    with pytest.raises(IndexError):
        rows[3]
    t = Table("t1", "pipe", body=rows)
    assert (t.line, t.line_end, t.width) == (7, 10, 4)


def test_fact_index_keeps_the_added_order_on_a_line():
    facts = FactIndex()
    facts.add(12, "budgets", 1200.0)
    facts.add(3, "indicators", 5.0)
    facts.add(12, "funding", 1200.0)
    facts.add(12, "budgets", 7.5)
    assert facts.get(12) == [("budgets", 1200.0), ("funding", 1200.0), ("budgets", 7.5)]
    assert facts.get(3, []) == [("indicators", 5.0)]
    assert facts.get(4, []) == [] and facts.get(99) == ()
    assert len(facts) == 4


def _frames(raw: Path) -> dict[str, pd.DataFrame]:
    return {t: to_frame(t, r) for t, r in extract_all(raw, jobs=1).rows.items()}


@pytest.mark.parametrize("folder", ["engine", "families"])
def test_every_table_compact_gives_the_same_outputs(tmp_path, folder):
    """Every fixture document extracted with every table's body compact: the same tables as with lists."""
    raw = tmp_path / "raw"
    raw.mkdir()
    for doc in sorted((FIXTURES / folder).glob("**/*.txt")):
        shutil.copy(doc, raw / f"{doc.parent.name}_{doc.name}")
    expected = _frames(raw)
    original = compact_rows.LARGE_TABLE_ROWS
    compact_rows.LARGE_TABLE_ROWS = 0
    try:
        got = _frames(raw)
    finally:
        compact_rows.LARGE_TABLE_ROWS = original
    assert len(expected["table_cells"]) > 100
    for table, df in expected.items():
        pd.testing.assert_frame_equal(got[table], df, obj=table)
