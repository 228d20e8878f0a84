"""The funding and forward readers take their tables from the one block finder (:func:`.blocks.document_tables`).

Each test is an invented snippet in a layout the finder reads and the old line scanners did not (or read only
in part); the reader's own row interpretation (plan years, sources, units, 세입 rows) is checked on it.
"""

from __future__ import annotations

import math

import pytest

from helpers.extract.funding import extract_funding
from helpers.extract.pipeline import DocContext, to_frame
from helpers.extract.reading import read_document
from helpers.manifest import DocumentMeta
from helpers.regions import registry


def _run(tmp_path, extractor, text: str, region: str = "전라남도 해남군", year: int = 2024):
    path = tmp_path / "doc.txt"
    path.write_text(text, encoding="utf-8")
    reg = registry()
    doc = read_document(path, DocumentMeta(file=path.name, region=region, year=year))
    ctx = DocContext(region=reg.resolve(region, year=year), year=year, as_of=None, unit=None, registry=reg)
    return extractor(doc, ctx)


def _key(row: tuple) -> tuple:
    return tuple(-1 if v is None else v for v in row)


def _sorted(rows: list[tuple]) -> list[tuple]:
    return sorted(rows, key=_key)


def _funding(result) -> list[tuple]:
    """``(line, source_label, year, amount_krw, stage)`` of every funding row, in order."""
    return sorted(((r["line"], r["source_label"], r["year"], r["amount_krw"], r["stage"])
                   for r in result.rows.get("funding", [])), key=_key)


# family: year_columns, 2+ spaces, the header's first cell printed in spaced syllables (``구  분``)
SPACED_PLAN = """3. 재원별 투자계획
                                   (단위: 백만원)
  구  분       계     2024년     2025년
  계          1,500       700       800
  국비          900       420       480
  도비          180        84        96
  군비          420       196       224
"""

# family: cell_per_line, the plan flattened to one cell per line (header cells first, then each row's cells)
CELLS_PLAN = """□ 재원별 투자계획
(단위 : 천원)
구분
계
2024년
2025년
국비
1,200
500
700
도비
360
150
210
"""

# family: single_space, an execution row shorter than the others (the later years are not spent yet)
SINGLE_PLAN = """□ 연차별 투자계획
(단위: 백만원)
구분 계 2022년 2023년 2024년
목표예산 900 300 300 300
국비 600 200 200 200
군비 300 100 100 100
집행액 500 280 220
"""


def test_plan_with_a_spaced_header_word(tmp_path):
    rows = _funding(_run(tmp_path, extract_funding, SPACED_PLAN))
    assert rows == _sorted([
        (4, "계 (계)", None, 1_500e6, "plan"), (4, "계 (2024년)", 2024, 700e6, "plan"),
        (4, "계 (2025년)", 2025, 800e6, "plan"),
        (5, "국비 (계)", None, 900e6, "plan"), (5, "국비 (2024년)", 2024, 420e6, "plan"),
        (5, "국비 (2025년)", 2025, 480e6, "plan"),
        (6, "도비 (계)", None, 180e6, "plan"), (6, "도비 (2024년)", 2024, 84e6, "plan"),
        (6, "도비 (2025년)", 2025, 96e6, "plan"),
        (7, "군비 (계)", None, 420e6, "plan"), (7, "군비 (2024년)", 2024, 196e6, "plan"),
        (7, "군비 (2025년)", 2025, 224e6, "plan"),
    ])


def test_plan_flattened_one_cell_per_line(tmp_path):
    result = _run(tmp_path, extract_funding, CELLS_PLAN)
    rows = _funding(result)
    # one row per source and column, at the line of the row's last cell; the unit from the line above
    assert rows == _sorted([
        (10, "국비 (계)", None, 1_200_000.0, "plan"), (10, "국비 (2024년)", 2024, 500_000.0, "plan"),
        (10, "국비 (2025년)", 2025, 700_000.0, "plan"),
        (14, "도비 (계)", None, 360_000.0, "plan"), (14, "도비 (2024년)", 2024, 150_000.0, "plan"),
        (14, "도비 (2025년)", 2025, 210_000.0, "plan"),
    ])
    assert result.rows.get("budgets", []) == []  # no 목표예산 / 집행액 row: no budget


def test_single_space_plan_reads_a_short_row_left_to_right(tmp_path):
    result = _run(tmp_path, extract_funding, SINGLE_PLAN)
    executed = [r for r in _funding(result) if r[4] == "executed"]
    assert executed == [(7, "집행액 (2022년)", 2022, 280e6, "executed"), (7, "집행액 (2023년)", 2023, 220e6, "executed"),
                        (7, "집행액 (계)", None, 500e6, "executed")]
    budgets = to_frame("budgets", result.rows["budgets"])
    got = [(r.item, r.budget_krw, None if math.isnan(r.spent_krw) else r.spent_krw, r.basis)
           for r in budgets.itertuples()]
    assert got == [("계", 900e6, 500e6, "목표예산"), ("2022년", 300e6, 280e6, "목표예산"),
                   ("2023년", 300e6, 220e6, "목표예산"), ("2024년", 300e6, None, "목표예산")]


@pytest.mark.parametrize("text", [SPACED_PLAN, CELLS_PLAN, SINGLE_PLAN], ids=["spaced", "cells", "single"])
def test_plan_without_a_unit_is_flagged_not_guessed(tmp_path, text):
    lines = [ln for ln in text.splitlines() if "단위" not in ln]
    result = _run(tmp_path, extract_funding, "\n".join(lines) + "\n")
    assert result.rows.get("funding", []) == []
    assert {f["kind"] for f in result.flags} == {"unit_unknown"}


# family: tab, a plan table running over a page break (a page number between its rows, no repeated header)
# and a row whose figures are all worded (``120명 교육 40명 취업``, ``- 900``): one table for the finder
COLUMN_PLAN = """□ 2025년 세부사업별 계획

과제\t세부사업\t주요내용\t'25년 목표\t'25년 예산 (단위:백만원)
돌봄 강화\t어르신 안부살핌\t전화·방문 안부 확인\t4,500명 관리\t820
\t장애인 활동지원 확대\t활동지원사 연계\t600명 지원\t2,140
\t청년 일자리 연계\t교육과 취업 연계 지원\t120명 교육 40명 취업\t- 900

- 7 -

주거 안정\t공공임대 공급\t역세권 임대주택 공급\t300호 공급\t15,300
\t주거환경 개선\t노후주택 수리 지원\t사업추진\t-
"""


def test_column_plan_over_a_page_break_is_one_table():
    from helpers.extract.blocks import find_tables

    tables = find_tables(COLUMN_PLAN.splitlines())
    assert [(t.line, t.line_end, len(t.body)) for t in tables] == [(3, 11, 5)]  # ``-`` row included
    assert [c.text for c in tables[0].body[2]][3:] == ["120명 교육 40명 취업", "- 900"]


def test_column_plan_from_the_finder(tmp_path):
    from helpers.extract.forward import extract_forward

    result = _run(tmp_path, extract_forward, COLUMN_PLAN, region="서울특별시", year=2025)
    budgets = _sorted([(r["line"], r["program"], r["scope"], r["budget_krw"]) for r in result.rows["budgets"]
                       if r["basis"] == "예산"])
    assert budgets == [
        (4, "어르신 안부살핌", "돌봄 강화", 820e6),
        (5, "장애인 활동지원 확대", "돌봄 강화", 2_140e6),
        (6, "청년 일자리 연계", "돌봄 강화", None),  # '-': no budget for the first target, never 0
        (6, "청년 일자리 연계", "돌봄 강화", 900e6),
        (10, "공공임대 공급", "주거 안정", 15_300e6),  # after the page number: the same table
        (11, "주거환경 개선", "주거 안정", None),
    ]
    targets = _sorted([(r["line"], r["indicator"], r["target"]) for r in result.rows["indicators"]])
    assert targets == [(4, "관리", 4500.0), (5, "지원", 600.0), (6, "교육", 120.0), (6, "취업", 40.0),
                       (10, "공급", 300.0), (11, "주거환경 개선", None)]
    assert [(f["line"], f["kind"]) for f in result.flags] == [(11, "target_text")]


# family: two_space with one row printed with single spaces (a converter closing the gaps of a short row):
# that row reads left to right, the others stand in their columns
MIXED_PLAN = """□ 연차별 투자계획
(단위: 백만원)
구 분  계  2022년  2023년  2024년
목표예산  900  300  300  300
국 비  600  200  200  200
군 비  300  100  100  100
집행액 500 280 220
"""


def test_space_plan_with_a_single_spaced_row(tmp_path):
    result = _run(tmp_path, extract_funding, MIXED_PLAN)
    executed = [r for r in _funding(result) if r[4] == "executed"]
    assert executed == [(7, "집행액 (2022년)", 2022, 280e6, "executed"), (7, "집행액 (2023년)", 2023, 220e6, "executed"),
                        (7, "집행액 (계)", None, 500e6, "executed")]
    assert sorted(r[3] for r in _funding(result) if r[1].startswith("국 비")) == [200e6, 200e6, 200e6, 600e6]
