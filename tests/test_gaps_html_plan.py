"""Third blind round, annual plans written as raw HTML: an HTML table is a row printed over several lines (one
tag per line), so it goes through the engine's family readers like a one-cell-per-line table, never through
the readers that take a row as one line; and the heading a few lines above its ``<table>`` tag (past the unit
note and the table's own markup lines) names what its year columns hold. All tables are invented."""

import pandas as pd

from engine_support import extract_text
from helpers.extract.blocks import find_tables

# invented: a 연도별 소요예산 table under a heading three lines above its <table> tag, then a 재원별 table
# whose group header names a plan year and 소요예산 over the source columns
PLAN = """2025년 대전광역시 서구 연차별 시행계획

## 3. 연차별 소요예산

(단위: 백만원)

<table border='1'>
<tr>
<th>세부사업</th>
<th>2025년</th>
<th>2026년</th>
</tr>
<tr>
<td>경로당 순회 건강교실</td>
<td>64</td>
<td>70</td>
</tr>
<tr>
<td>청년 마음건강 상담</td>
<td>38</td>
<td>41</td>
</tr>
</table>

## 4. 2025년 재원별 소요예산

<table border='1'>
<tr>
<th rowspan='2'>세부사업</th>
<th colspan='3'>2025년 소요예산</th>
</tr>
<tr>
<th>계</th>
<th>국비</th>
<th>구비</th>
</tr>
<tr>
<td>경로당 순회 건강교실</td>
<td>64</td>
<td>40</td>
<td>24</td>
</tr>
</table>
"""


def test_rows_over_several_lines_are_told_from_rows_on_one_line():
    tables = find_tables(PLAN.split("\n"))
    assert [(t.layout, t.rows_on_one_line) for t in tables] == [("html", False), ("html", False)]
    (one,) = find_tables(["구분\t2025년\t2026년", "경로당\t64\t70", "상담\t38\t41"])
    assert one.rows_on_one_line


def test_html_year_columns_under_a_heading_above_the_markup_give_budgets(tmp_path):
    frames = extract_text(tmp_path, "plan.txt", PLAN, region="대전광역시 서구", year=2025)
    budgets = sorted((int(r.line), int(r.year), r.item, r.budget_krw, r.basis)
                     for r in frames["budgets"].itertuples())
    assert budgets == [(15, 2025, "경로당 순회 건강교실", 64e6, "소요예산"), (16, 2026, "경로당 순회 건강교실", 70e6, "소요예산"),
                       (20, 2025, "청년 마음건강 상담", 38e6, "소요예산"), (21, 2026, "청년 마음건강 상담", 41e6, "소요예산")]
    assert frames["budgets"]["spent_krw"].isna().all()


def test_a_plan_year_group_over_sources_gives_funding_only(tmp_path):
    """``2025년 소요예산`` spans 계 | 국비 | 구비: each cell is one plan funding fact, none a budget (the
    group's text repeated over its columns is one column group, not three 소요예산 columns)."""
    frames = extract_text(tmp_path, "plan.txt", PLAN, region="대전광역시 서구", year=2025)
    funding = sorted((int(r.line), r.source, r.stage, r.amount_krw) for r in frames["funding"].itertuples())
    assert funding == [(39, "계", "plan", 64e6), (40, "국비", "plan", 40e6), (41, "시군구비", "plan", 24e6)]
    assert not (frames["budgets"]["line"] >= 38).any()
    assert pd.Series(frames["budgets"]["year"]).notna().all()
