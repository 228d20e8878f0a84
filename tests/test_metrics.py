"""helpers.metrics: statuses, rates, checks and period labels, on figures printed in the documents."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from helpers import metrics
from helpers.formatting import format_krw, format_number, format_pct, krw_unit_for
from report_fixtures import frames


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
    assert seoul["n_items"] == 0 and math.isnan(seoul["total_budget_krw"])  # all budgets are as of 2024-03
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
