"""helpers.stats: intervals checked against their formulas, scale-free weights, honest small-n results."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from helpers import stats
from report_fixtures import frames


def test_wilson_interval_matches_the_formula():
    statuses = ["초과달성"] * 6 + ["달성"] * 1 + ["미달성"] * 3 + ["진행 중", "판정불가"]  # last two not counted
    est = stats.share_achieved(statuses)
    n, k, z = 10, 7, 1.959963984540054
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z / (1 + z * z / n) * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    assert (est.n, est.extra["k"], est.ok) == (10, 7, True)
    assert est.value == pytest.approx(70.0)
    assert est.low == pytest.approx((centre - half) * 100) and est.high == pytest.approx((centre + half) * 100)


def test_small_n_gives_no_interval_and_says_so():
    est = stats.share_achieved(["초과달성", "미달성", "달성"])
    assert not est.ok and est.low is None and "n=3" in est.note
    assert stats.share_achieved([]).n == 0


def test_weighted_execution_is_spent_over_budget_and_states_the_spread():
    # the casebook's full-year budgets (백만원) and spent amounts
    budget = np.array([2274, 100, 11, 81, 5759, 396, 328, 213], float)
    spent = np.array([2274, 100, 10, 78, 5519, 386, 315, 201], float)
    est = stats.weighted_execution(budget * 1e6, spent * 1e6)
    assert est.n == 8 and est.value == pytest.approx(spent.sum() / budget.sum() * 100)
    rates = spent / budget * 100
    assert est.extra["median"] == pytest.approx(np.median(rates))
    assert (est.extra["min"], est.extra["max"]) == pytest.approx((rates.min(), rates.max()))
    # two items carry 88% of the budget: worth about 2.2 equally weighted items, too few for an interval
    assert est.extra["n_eff"] == pytest.approx(budget.sum() ** 2 / (budget ** 2).sum())
    assert 2.0 < est.extra["n_eff"] < 2.5
    assert not est.ok and est.low is None and "유효표본" in est.note and "보고된 항목 전체" in est.note


def test_weighted_execution_interval_uses_kish_effective_n():
    # the audit's case: 24 items, two of which carry 82% of the budget → effective n ≈ 2.8, no interval
    budget = np.array([41.0, 41.0] + [18.0 / 22] * 22)
    est = stats.weighted_execution(budget, budget * 0.8)
    assert est.n == 24 and 2.5 < est.extra["n_eff"] < 3.1 and not est.ok
    # equal budgets: n_eff = n, and the interval is the plain t interval of the item rates
    rng = np.random.default_rng(1)
    rates = rng.uniform(60, 100, 12)
    even = stats.weighted_execution(np.full(12, 5e8), rates * 5e6)
    assert even.ok and even.extra["n_eff"] == pytest.approx(12)
    half = 2.200985 * rates.std(ddof=1) / np.sqrt(12)  # t(0.975, 11)
    assert (even.low, even.high) == pytest.approx((rates.mean() - half, rates.mean() + half))
    assert "Kish" in even.note
    # the interval does not depend on the money unit
    again = stats.weighted_execution(np.full(12, 500.0), rates * 5)
    assert (again.low, again.high) == pytest.approx((even.low, even.high))


def test_weighted_execution_small_n():
    est = stats.weighted_execution([5759e6, 396e6], [5519e6, 386e6])
    assert not est.ok and est.low is None and est.value == pytest.approx(5905 / 6155 * 100)


def test_program_table_joins_indicators_and_budgets():
    t = frames()
    programs = stats.program_table(t["indicators"], t["budgets"])
    row = programs[programs["program"] == "복지용구 공유"].iloc[0]
    assert row["n_indicators"] == 2
    assert row["achievement"] == pytest.approx((261.1 / 85 + 90.7 / 85) / 2 * 100)
    assert row["execution"] == pytest.approx(315 / 328 * 100)
    assert "아동친화도시" not in " ".join(programs["program"])  # its indicator has no numeric target
    assert len(programs) == 7


def test_model_recovers_known_coefficients_and_refuses_small_n():
    rng = np.random.default_rng(0)
    n = 40
    execution = rng.uniform(60, 100, n)
    budget = np.exp(rng.uniform(16, 22, n))
    achievement = 20 + 0.8 * execution + 2.0 * np.log(budget) + rng.normal(0, 1, n)
    df = pd.DataFrame({"achievement": achievement, "execution": execution, "budget_krw": budget})
    fit = stats.achievement_model(df)
    coefs = dict(zip(fit.coefs["term"], fit.coefs["coef"], strict=False))
    assert fit.ok and fit.n == n and fit.r2 > 0.9
    assert coefs["집행률 (%p)"] == pytest.approx(0.8, abs=0.1)
    assert coefs["log(예산, 원)"] == pytest.approx(2.0, abs=0.3)
    assert (fit.coefs["low"] < fit.coefs["coef"]).all() and (fit.coefs["coef"] < fit.coefs["high"]).all()
    small = stats.achievement_model(df.head(7))
    assert not small.ok and "n=7" in small.note and small.coefs.empty


def test_percentile_mid_rank():
    values = pd.Series({"41": 100.0, "26500": 97.9, "41130": 95.9, "44810": 94.4})
    est = stats.percentile(values, "41130")
    assert est.value == pytest.approx((1 + 0.5) / 4 * 100) and est.ok
    assert not stats.percentile(values.head(2), "41").ok
    assert math.isnan(stats.percentile(values, "11").value)
