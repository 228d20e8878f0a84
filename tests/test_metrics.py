"""helpers.metrics: statuses, rates, checks and period labels, on figures printed in the documents."""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pytest

from helpers import metrics
from helpers.formatting import format_krw, format_number, format_pct, krw_unit_for
from report_fixtures import frames

FIXTURES = Path(__file__).parent / "fixtures" / "processed"


def _guro(table: str) -> pd.DataFrame:
    """The extractor's real rows of the 구로구 드림스타트 plan (prose 총사업비 + 연도별투자계획 table)."""
    return pd.read_csv(FIXTURES / f"guro_plan_{table}.csv", dtype={"region_code": str}).astype({"year": "Int64"})


@pytest.mark.parametrize("achievement, status", [
    (72.7, "미달성"),     # 8 of 11 centres opened
    (100.0, "달성"),
    (99.96, "달성"),      # rounds to 100.0 at the printed precision
    (100.04, "달성"),
    (100.05, "초과달성"),  # rounds to 100.1
    (189.2, "초과달성"),
    (float("nan"), "판정불가"),  # a target printed as text (인증)
    (None, "판정불가"),
])
def test_status_classes(achievement, status):
    assert metrics.achievement_status(achievement) == status


def test_achievement_rate_inverts_for_lower_is_better():
    assert metrics.achievement_rate(11, 8) == pytest.approx(72.727, abs=1e-3)
    assert metrics.achievement_rate(10, 8, "decrease") == pytest.approx(125.0)  # fewer is better
    assert math.isnan(metrics.achievement_rate(0, 5))      # a zero target is not infinitely achieved
    assert math.isnan(metrics.achievement_rate(None, 5))


@pytest.mark.parametrize("reported, computed, verdict", [
    (72.7, 8 / 11 * 100, "일치"),         # 72.727 printed to one decimal
    (149.0, 79 / 53 * 100, "일치"),       # 149.06 printed whole: ±0.5
    (91.0, 10 / 11 * 100, "일치"),        # 90.9 printed whole as 91%
    (95.8, 5519 / 5759 * 100, "일치"),    # 95.83
    (96.0, 100 / 100 * 100, "불일치"),
    (97.6, 386 / 396 * 100, "불일치"),    # 97.47 is 97.5, not 97.6
    (None, 50.0, "보고값 없음"),
    (50.0, float("nan"), "계산 불가"),
])
def test_rate_check_uses_half_the_printed_precision(reported, computed, verdict):
    assert metrics.rate_check(reported, computed) == verdict


def test_period_to_date_rows_are_not_judged():
    ind = metrics.add_status(frames()["indicators"])
    taxi = ind[ind["line"] == 1666].iloc[0]  # 34,265 of 50,000 as of 2024-03
    assert taxi["status"] == "진행 중" and taxi["as_of"] == "2024-03"
    assert metrics.period_label(taxi["as_of"]) == "as of 2024-03"
    assert metrics.period_label("2022") == "" and metrics.period_label(None) == ""
    cert = ind[ind["line"] == 1017].iloc[0]  # target 인증
    assert cert["status"] == "판정불가"


def test_headline_keeps_period_to_date_out_of_full_year_figures():
    t = frames()
    seoul = metrics.headline(t["indicators"][t["indicators"]["region_code"] == "11"],
                             t["budgets"][t["budgets"]["region_code"] == "11"])
    assert seoul["n_indicators"] == 2 and seoul["n_in_progress"] == 2
    assert seoul["n_items"] == 0  # every spent is as of 2024-03: no full-year execution
    # the budget (예산현액) is the annual appropriation even when the spent is to date: the 합계 row, once
    assert seoul["total_budget_krw"] == pytest.approx(3_286_749e6)
    sn = metrics.headline(t["indicators"][t["indicators"]["region_code"] == "41130"],
                          t["budgets"][t["budgets"]["region_code"] == "41130"])
    assert (sn["n_indicators"], sn["n_achieved"]) == (5, 4)
    assert sn["total_budget_krw"] == pytest.approx((5759 + 396 + 328) * 1e6)
    assert sn["spent_krw"] == pytest.approx((5519 + 386 + 315) * 1e6)


def test_total_budget_prefers_the_printed_total_row():
    b = frames()["budgets"]
    seoul = b[b["region_code"] == "11"].assign(as_of="")  # pretend full-year to test the rule
    assert metrics.total_budget(seoul) == pytest.approx(3_286_749e6)  # 합계, not 합계 + departments


def test_split_period_and_execution():
    items = metrics.expenditure_items(frames()["budgets"])
    full, ptd = metrics.split_period(items)
    assert set(ptd["as_of"]) == {"2024-03"} and (full["as_of"] == "").all()
    assert not items["is_total"].any()
    assert metrics.execution_rate(5759, 5519) == pytest.approx(95.83, abs=0.01)
    assert math.isnan(metrics.execution_rate(0, 5))


def test_money_and_number_formats():
    assert format_krw(354e6) == "354백만원" and format_krw(2274e6, "백만원") == "2,274백만원"
    assert format_krw(2274e6) == "22.7억원"  # ≥ 10억원: 억원
    assert format_krw(5759e6) == "57.6억원"
    assert format_krw(3_286_749e6, "억원", suffix=False) == "32,867.5"
    assert format_krw(float("nan")) == "–"
    assert krw_unit_for([81e6, 396e6]) == "백만원" and krw_unit_for([1e9]) == "억원"
    assert format_pct(68.46) == "68.5%" and format_number(50000) == "50,000" and format_number(261.1) == "261.1"
    assert format_number(pd.NA) == "–"


def test_prose_total_restating_the_plan_table_counts_once():
    f = _guro("funding")
    restated = metrics.restated_from(f, metrics.FUNDING_KEYS, "amount_krw")
    # ``○ 총사업비 : 1,682백만원`` (46) and ``(국비 1,108백만원, 시비 554백만원, 구비 20백만원)`` (48) restate the
    # table's 계 column (55 목표예산, 56 국 비, 57 시 비, 58 구 비): the table rows are counted
    pairs = sorted(zip(f.loc[restated.notna(), "line"], restated.dropna().astype(int), strict=True))
    assert pairs == [(46, 55), (48, 56), (48, 57), (48, 58)]
    counted = metrics.counted_funding(f)
    whole = counted[counted["year"].isna() & (counted["stage"] == "plan") & (counted["source"] != "계")]
    assert whole["amount_krw"].sum() == pytest.approx(1_682e6)  # 1,108 + 554 + 20, not twice that
    # the two 2014 columns (7월이전 300, 7월~12월 150) are on one line: different facts, both counted
    plan_2014 = counted[(counted["year"] == 2014) & (counted["source"] == "계") & (counted["stage"] == "plan")]
    assert sorted(plan_2014["amount_krw"]) == [150e6, 300e6]


def test_plan_vs_spent_by_year_from_the_real_plan():
    by_year = metrics.plan_vs_spent(_guro("funding")).set_index("year")
    assert by_year.loc[2014].tolist() == [450e6, 418e6]      # 300+150 planned, 268+150 spent
    assert by_year.loc[2016].tolist() == [312e6, 311e6]
    assert by_year.loc[2018, "plan_krw"] == 320e6 and math.isnan(by_year.loc[2018, "spent_krw"])  # not yet spent
    assert list(by_year.index) == [2014, 2015, 2016, 2017, 2018]  # the no-year 총사업비 is no year's bar


def test_total_budget_of_a_multi_year_plan_is_its_printed_total():
    b = _guro("budgets")
    src = metrics.budget_total_source(b)
    assert src["budget_krw"] == 1_682e6 and src["lines"] == [55]  # 목표예산 계, not 계 + each year's column
    assert src["period"] == "2014–2018 전체 기간"
    assert metrics.total_budget(b) == pytest.approx(1_682e6)


def test_table_line_tells_table_rows_from_prose():
    assert metrics.table_line("국 비\t1,108\t200\t100")
    assert metrics.table_line("| 국비 | 1,108 | 200 |") and metrics.table_line("국 비   1,108   200   100")
    assert not metrics.table_line("(국비 1,108백만원, 시비 554백만원, 구비 20백만원)")


def _roadmap(targets, rates, actual=None):
    return pd.DataFrame({"doc_id": "d", "line": 8, "indicator": "진행 동 수", "period": [str(2014 + i) for i in range(len(targets))],
                         "target": targets, "actual": actual or [None] * len(targets), "reported_rate": rates,
                         "achievement": None, "direction": "increase", "year": [2014 + i for i in range(len(targets))]})


def test_cumulative_roadmap_steps_are_progress_not_verdicts():
    # invented roadmap: 3 → 9 → 12 sites, printed 25% / 75% / 100% of the final goal
    df = metrics.add_status(_roadmap([3.0, 9.0, 12.0], [25.0, 75.0, 100.0]))
    assert list(df["status"]) == [metrics.CUMULATIVE] * 3
    assert df["progress"].tolist() == pytest.approx([25.0, 75.0, 100.0])
    # the same targets with rates that are not target/final: not a cumulative roadmap, no actual → 실적 미보고
    other = metrics.add_status(_roadmap([3.0, 9.0, 12.0], [90.0, 95.0, 100.0]))
    assert list(other["status"]) == [metrics.NOT_REPORTED] * 3 and other["progress"].isna().all()
    # decreasing targets are not cumulative
    assert metrics.cumulative_progress(_roadmap([12.0, 9.0, 3.0], [100.0, 75.0, 25.0])).isna().all()


def test_status_vocabulary_target_only_text_target_and_period_to_date():
    df = pd.DataFrame({"target": [500.0, None, 500.0, 500.0], "actual": [None, None, 120.0, 510.0],
                       "reported_rate": [None, 100.0, 24.0, 102.0], "achievement": None, "direction": "increase",
                       "period": [None, None, "2024-03", None], "doc_id": "d", "line": [1, 2, 3, 4],
                       "indicator": ["가", "나", "다", "라"]})
    assert list(metrics.add_status(df)["status"]) == [metrics.NOT_REPORTED, metrics.NO_STATUS, metrics.IN_PROGRESS,
                                                      metrics.OVER]


def _budget_rows():
    def row(line, scope, item, b, s, total=False):
        return {"doc_id": "d", "line": line, "region_code": "11", "year": 2024, "program": None, "scope": scope,
                "item": item, "flow": "expenditure", "basis": "예산현액", "budget_krw": b, "spent_krw": s,
                "reported_rate": None, "execution": None, "as_of": None, "is_total": total, "source_text": ""}
    return pd.DataFrame([
        row(10, "총괄표", "합계", 900.0, 450.0, True), row(11, "총괄표", "가 담당관", 600.0, 300.0),
        row(12, "총괄표", "나과", 300.0, 150.0),
        row(20, "가 담당관", "가 담당관 합계", 600.0, 300.0, True), row(21, "가 담당관", "사업 A", 400.0, 250.0),
        row(22, "가 담당관", "사업 B", 200.0, 50.0),
        row(30, "다른 표", "합계", 300.0, 150.0, True), row(31, "다른 표", "사업 C", 300.0, 150.0),
    ])


def test_department_subtotal_rows_are_not_items():
    df = _budget_rows()
    agg = metrics.aggregate_rows(df)
    # 가 담당관: named as another table's title; 나과: equals another table's 합계 (budget and spent)
    assert df.loc[agg, "line"].tolist() == [11, 12]
    assert metrics.expenditure_items(df)["line"].tolist() == [21, 22, 31]


def test_scope_of_figures_names_documents_year_and_casebook():
    docs = pd.DataFrame({"doc_id": ["p", "c"], "title": ["가상시 복지국 업무보고", "2023 지역복지 우수사례집"],
                         "publisher": ["가상특별시 복지국", None]})
    assert metrics.organisation("가상특별시 복지국", "가상특별시") == "복지국"
    assert metrics.organisation("가상특별시", "가상특별시") == ""
    bud = _budget_rows().assign(doc_id="p")
    src = metrics.budget_total_source(bud)
    scope = metrics.figure_scope("total_budget", bud, docs, "가상특별시", src)
    assert scope.label == "복지국 2024 예산현액" and not scope.casebook and "지역 전체 예산이 아니라" in scope.text
    cb = bud.assign(doc_id="c", program=["", "", "", "", "A", "B", "", "C"])
    scope = metrics.figure_scope("total_budget", cb, docs, "가상특별시", metrics.budget_total_source(cb))
    assert scope.label == "우수사례 3개 사업 2024 예산 합계" and scope.casebook and "선정된 사례만" in scope.note
    items = metrics.expenditure_items(bud)
    ex = metrics.figure_scope("execution", items, docs)
    assert "「가상시 복지국 업무보고」(p)" in ex.text and "2024년" in ex.text and "3개" in ex.text
    assert metrics.figure_scope("share", items.iloc[0:0], docs).text == "해당 자료 없음"


def test_table_spans_split_a_heading_repeated_far_apart():
    b = pd.DataFrame({"doc_id": ["d"] * 5, "scope": ["실적표", "실적표", "실적표", "부서 A", None],
                      "line": [10, 12, 40, 20, 30]})
    spans = metrics.table_spans(b)
    assert spans.values.tolist() == [["d", 20, 20, "부서 A"], ["d", 10, 12, "실적표"], ["d", 40, 40, "실적표"]]
    ind = pd.DataFrame({"doc_id": ["d", "d"], "line": [11, 12], "program": ["가 사업", "나 사업"], "year": [2023, 2023]})
    scope = metrics.figure_scope("share", ind, None, budgets=b)
    assert scope.coverage == "표 실적표 · 사업 가 사업, 나 사업 · 2023년 · 연간 실적"


def test_share_scope_names_the_indicators_own_table():
    """An indicator row's ``scope`` (the extractor's plan/table heading) names its table; rows without one
    (older tables) fall back to the budget table whose line span holds them."""
    ind = pd.DataFrame({"doc_id": ["d"] * 3, "line": [11, 12, 50], "program": ["가 사업", "나 사업", "다 사업"],
                        "year": [2023] * 3, "scope": ["가상계획 추진실적", "가상계획 추진실적", None]})
    assert "표 가상계획 추진실적 ·" in metrics.figure_scope("share", ind.iloc[:2], None).coverage
    b = pd.DataFrame({"doc_id": ["d", "d"], "scope": ["다른 실적표", "다른 실적표"], "line": [49, 51]})
    assert "표 가상계획 추진실적, 다른 실적표 ·" in metrics.figure_scope("share", ind, None, budgets=b).coverage
