"""Bad tables inside readable documents: truncated tables, wrong cell counts, malformed figures, unknown units
and region names that match no region or several.

The contract checked here: a malformed figure never becomes a wrong number (it is missing, and the row is
flagged ``unparsed_row`` with its line); a row with a figure in a table body is never silently dropped (it
is a fact or a flag on its line); an unknown unit gives ``unit_unknown`` and empty amounts; an unresolvable
region gives ``region_unknown``; the other documents of the run are unaffected. Each layout the
converters produce is tried: space-separated (the real documents), tab-separated and ``|`` pipe tables.
"""

from __future__ import annotations

import math

import pytest

from .conftest import REVENUE_TABLE, extract, read_tables

HEAD = "\n".join(REVENUE_TABLE.splitlines()[:9]) + "\n"  # title, (기준일 / 단위: 천원), two-line header
ROWS = REVENUE_TABLE.splitlines()[9:]  # 총 계 … 법인전입금 (lines 10–14)

#: A real expenditure table (세출현황, 천원) re-printed with tabs; the pipe copy is made from it.
TAB_TABLE = """\
세출현황
(단위: 천원)
구 분\t예산액(A)\t지출액(B)\t집행률(B/A)
총 계\t353,740\t265,169\t75.0%
인건비\t259,376\t196,920\t75.9%\t12\t34
운영비\t14,460
재산조성비\t1,2,3\t1,000\t100.0%
사업비\t12..5\t50,059\t70.6%
예비비\t８，０４６\t７，９７６\t９９．１％
기타\t百万\t10\t％
"""


def piped(text: str) -> str:
    return "".join(f"| {line.replace(chr(9), ' | ')} |\n" if "\t" in line else line + "\n"
                   for line in text.splitlines())


DOCS = {
    "good": REVENUE_TABLE,
    "truncated": HEAD,  # header and no rows, at the end of the file
    "truncated_then_prose": HEAD + "\n□ 향후 계획\n○ 예산 집행 점검 강화\n",
    "space_cells": HEAD + ROWS[0] + "\n민간위탁금 335,694 264,321 78.7% 12 34 56 78\n잡수입 70\n이월금 7,976 7,976\n",
    "space_figures": HEAD + ROWS[0] + "\n민간위탁금 1,2,3 264,321 78.7%\n잡수입 12..5 25 35.7%\n"
                     "이월금 ７，９７６ ７，９７６ １００．０％\n법인전입금 百万 10,000 ％\n",
    # a numbered section heading ends the table: the staff table after it is not a budget row
    "then_heading": REVENUE_TABLE + "\n\n3 조직 및 인력\n\n 조 직 : 1국 2팀\n\n구 분 계 단장(겸직) 사무국장 팀 장 과 장 간 사\n\n"
                    "계 4 (1) 1 1 1 1\n",
    "tab": TAB_TABLE,
    "pipe": piped(TAB_TABLE),
    "unit_unknown": HEAD.replace("단위: 천원", "단위: 달러") + "\n".join(ROWS) + "\n",
    "region": """PART Ⅰ 가나다특별시 없는구
 사업 성과
- 예산 집행 실적
’22년도 예산(A) ’22년도 집행(B) 집행률(B/A)

 100백만원  100백만원  100%

PART Ⅱ 중구
- 예산 집행 실적
’22년도 예산(A) ’22년도 집행(B) 집행률(B/A)

 200백만원  150백만원  75%
""",
}


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    root = tmp_path_factory.mktemp("bad_tables")
    raw, out = root / "raw", root / "out"
    raw.mkdir()
    for name, text in DOCS.items():
        (raw / f"{name}.txt").write_text(text, encoding="utf-8")
    result = extract(raw, out)
    return result, read_tables(out)


def rows(tables, table, doc):
    return tables[table][tables[table]["doc_id"] == doc].set_index("line")


def flags(tables, doc, kind=None):
    f = tables["quality_flags"]
    f = f[f["doc_id"] == doc]
    return f[f["kind"] == kind] if kind else f


def test_run_succeeds_and_the_good_document_is_whole(run):
    result, tables = run
    assert result.code == 0, result.err
    good = rows(tables, "budgets", "good")
    assert list(good.index) == [10, 11, 12, 13, 14]
    assert good.loc[10, "budget_krw"] == 353_740_000 and good.loc[14, "spent_krw"] == 10_000_000
    assert "extractor_error" not in set(tables["quality_flags"]["kind"])  # no extractor crashed on any input


@pytest.mark.parametrize("doc", ["truncated", "truncated_then_prose"])
def test_truncated_table_gives_no_facts_and_no_crash(run, doc):
    _, tables = run
    for table in ("budgets", "funding", "indicators"):
        assert rows(tables, table, doc).empty
    assert flags(tables, doc, "extractor_error").empty
    assert tables["documents"].set_index("doc_id").loc[doc, "error"] is None


def test_row_with_too_few_cells_is_flagged_on_its_line(run):
    _, tables = run
    budgets = rows(tables, "budgets", "space_cells")
    assert 12 not in budgets.index  # "잡수입 70": one figure for three columns
    unparsed = flags(tables, "space_cells", "unparsed_row").set_index("line")
    assert unparsed.loc[12, "source_text"] == "잡수입 70"
    assert budgets.loc[13, "budget_krw"] == 7_976_000 and math.isnan(budgets.loc[13, "reported_rate"])


def test_row_with_too_many_cells_keeps_its_columns_and_is_flagged(run):
    _, tables = run
    budgets = rows(tables, "budgets", "space_cells")
    assert budgets.loc[11, ["budget_krw", "spent_krw", "reported_rate"]].tolist() == [335_694_000, 264_321_000, 78.7]
    assert 11 in set(flags(tables, "space_cells", "unparsed_row")["line"])  # the 4 extra figures are reported


@pytest.mark.parametrize("line, text", [(11, "민간위탁금 1,2,3 264,321 78.7%"), (12, "잡수입 12..5 25 35.7%"),
                                        (14, "법인전입금 百万 10,000 ％")], ids=["1,2,3", "12..5", "百万"])
def test_malformed_figure_is_flagged_never_shifted(run, line, text):
    """``1,2,3`` must not be skipped so that the spent amount is read as the budget."""
    _, tables = run
    unparsed = flags(tables, "space_figures", "unparsed_row")
    assert text in set(unparsed[unparsed["line"] == line]["source_text"])
    budgets = rows(tables, "budgets", "space_figures")
    assert line not in budgets.index
    funding = rows(tables, "funding", "space_figures")
    if line in funding.index:  # the revenue reading of the row may keep a well-formed first amount
        assert funding.loc[line, "amount_krw"] == 10_000_000 and line == 14


def test_full_width_figures_are_read(run):
    _, tables = run
    budgets = rows(tables, "budgets", "space_figures")
    assert budgets.loc[13, ["budget_krw", "spent_krw", "reported_rate"]].tolist() == [7_976_000, 7_976_000, 100.0]
    tab = rows(tables, "budgets", "tab")
    assert tab.loc[9, ["budget_krw", "spent_krw", "reported_rate"]].tolist() == [8_046_000, 7_976_000, 99.1]


@pytest.mark.parametrize("doc", ["tab", "pipe"])
def test_cell_tables_keep_positions_and_flag_what_they_cannot_read(run, doc):
    _, tables = run
    budgets = rows(tables, "budgets", doc)
    assert sorted(budgets.index) == [4, 5, 6, 7, 8, 9, 10]  # every row with a figure is a fact …
    assert budgets.loc[5, "budget_krw"] == 259_376_000 and budgets.loc[5, "reported_rate"] == 75.9
    assert budgets.loc[6, "budget_krw"] == 14_460_000 and math.isnan(budgets.loc[6, "spent_krw"])  # too few cells
    for line in (7, 8, 10):  # 1,2,3 / 12..5 / 百万: missing, never a wrong number
        assert math.isnan(budgets.loc[line, "budget_krw"])
    assert budgets.loc[7, "spent_krw"] == 1_000_000 and budgets.loc[8, "spent_krw"] == 50_059_000
    assert set(flags(tables, doc, "unparsed_row")["line"]) == {5, 7, 8, 10}  # … and what was not read is a flag


def test_unknown_unit_leaves_amounts_empty_and_flags(run):
    _, tables = run
    budgets = rows(tables, "budgets", "unit_unknown")
    assert list(budgets.index) == [10, 11, 12, 13, 14]
    assert budgets["budget_krw"].isna().all() and budgets["spent_krw"].isna().all()
    assert set(budgets["unit"]) == {"unknown"}
    assert budgets.loc[10, "source_text"] == ROWS[0]  # the printed figures stay in source_text
    assert budgets.loc[10, "reported_rate"] == 79.8  # a rate needs no unit
    unit_flags = flags(tables, "unit_unknown", "unit_unknown")
    assert not unit_flags.empty and set(unit_flags["line"]) <= {2, 3, 10, 11, 12, 13, 14}


def test_region_matching_no_region_or_several_is_flagged(run):
    _, tables = run
    budgets = rows(tables, "budgets", "region")
    assert list(budgets.index) == [6, 12] and budgets["region_code"].isna().all()
    assert budgets.loc[12, "budget_krw"] == 200_000_000  # the facts are kept, only the region is empty
    region_flags = flags(tables, "region", "region_unknown")
    assert len(region_flags) == 2 and (region_flags["line"] < 12).all()


def test_numbered_heading_ends_a_table(run):
    _, tables = run
    assert list(rows(tables, "budgets", "then_heading").index) == [10, 11, 12, 13, 14]  # not 계 4 (1) 1 1 1 1
