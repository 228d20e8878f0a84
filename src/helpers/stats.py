"""Statistics for the report (statsmodels), each result stating its sample size and whether n allows inference.

* 달성 비율 (share of indicators achieved) with a Wilson score interval.
* 예산가중 평균 집행률 (budget-weighted mean execution) with the spread of item rates and, when the Kish
  effective sample size allows, a t interval on it.
* Across all regions' programs: OLS of achievement on execution rate and log budget (fit, coefficients,
  confidence intervals; HC3 standard errors because a handful of programs with very high achievement
  make the residual spread uneven).
* The region's percentile among regions (mid-rank).

When n is below the minimum, the result carries ``ok=False`` and a plain sentence instead of an interval:
an interval from three programs would look precise and mean nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from . import metrics

#: Smallest n for a confidence interval of a share or a mean.
MIN_N_INTERVAL = 5
#: Smallest n for the achievement model (3 parameters: leaves ≥ 7 residual degrees of freedom).
MIN_N_MODEL = 10
#: Smallest number of regions for a percentile to say something.
MIN_N_PERCENTILE = 3


@dataclass
class Estimate:
    """A point estimate with its interval (None when n is too small) and a sentence saying so."""

    value: float
    n: int
    low: float | None = None
    high: float | None = None
    ok: bool = False
    note: str = ""
    extra: dict = field(default_factory=dict)


def _too_small(n: int, minimum: int, what: str) -> str:
    """Korean sentence for readers: why no interval is printed."""
    return (f"{what} n={n}: 신뢰구간(CI)을 내기에 표본이 적어 (최소 {minimum}개 필요) 기술 통계로만 봅니다.")


def share_achieved(statuses: pd.Series | list, level: float = 0.95) -> Estimate:
    """Share of judged indicators that reached their target (초과달성 or 달성), with a Wilson interval.

    Statuses other than the three verdicts (판정불가, 진행 중) are not counted in n.
    """
    from statsmodels.stats.proportion import proportion_confint

    s = pd.Series(list(statuses), dtype=object)
    judged = s[s.isin(metrics.STATUSES)]
    n = int(len(judged))
    k = int(judged.isin((metrics.OVER, metrics.MET)).sum())
    if n == 0:
        return Estimate(float("nan"), 0, note="목표와 연간 실적이 함께 있는 지표가 없습니다.",
                        extra={"k": 0})
    share = k / n * 100.0
    if n < MIN_N_INTERVAL:
        return Estimate(share, n, note=_too_small(n, MIN_N_INTERVAL, "지표"), extra={"k": k})
    low, high = proportion_confint(k, n, alpha=1 - level, method="wilson")
    return Estimate(share, n, low * 100.0, high * 100.0, ok=True,
                    note=f"지표 {n}개 중 {k}개 달성, {level:.0%} Wilson 구간.", extra={"k": k})


def kish_n(weights) -> float:
    """Kish effective sample size (Σw)² / Σw²: ``n`` when all weights are equal, near 1 when one dominates.

    24 items where two carry 82 % of the budget are worth about 2.8 equally weighted ones.
    """
    w = np.asarray(weights, dtype=float)
    w = w[np.isfinite(w) & (w > 0)]
    return float(w.sum() ** 2 / (w ** 2).sum()) if len(w) else 0.0


def weighted_execution(budget, spent, level: float = 0.95) -> Estimate:
    """Budget-weighted mean execution rate (%) = Σspent/Σbudget×100, with the spread of item rates.

    The items are the whole set a document reports (a census, not a sample), so the point value is exact
    for them. The interval, shown only when the Kish effective sample size (:func:`kish_n`) reaches
    :data:`MIN_N_INTERVAL`, is a t interval on the budget-weighted variance of item rates with
    ``n_eff − 1`` degrees of freedom: it reads "how much the rate would vary over similar sets of
    items", and it is as wide as few dominant items make it. ``extra`` holds ``n_eff``, the item rates'
    ``median``, quartiles ``q1``/``q3`` and ``min``/``max``, and ``method``.
    """
    from statsmodels.stats.weightstats import DescrStatsW

    b = np.asarray(budget, dtype=float)
    s = np.asarray(spent, dtype=float)
    keep = np.isfinite(b) & np.isfinite(s) & (b > 0)
    b, s = b[keep], s[keep]
    n = int(len(b))
    if n == 0:
        return Estimate(float("nan"), 0, note="예산과 집행액이 함께 있는 지출 항목이 없습니다.")
    rates = s / b * 100.0
    mean = float(s.sum() / b.sum() * 100.0)
    n_eff = kish_n(b)
    q1, med, q3 = (float(x) for x in np.percentile(rates, [25, 50, 75]))
    extra = {"n_eff": n_eff, "median": med, "q1": q1, "q3": q3, "min": float(rates.min()),
             "max": float(rates.max()), "method": "Kish 유효표본 t 구간"}
    if n_eff < MIN_N_INTERVAL:
        return Estimate(mean, n, note=(f"지출 항목 {n}개(보고된 항목 전체)이지만 예산이 몇 항목에 몰려 유효표본 수(Kish)가 "
                                       f"{n_eff:.1f}이므로 신뢰구간을 내지 않습니다 (최소 {MIN_N_INTERVAL})."), extra=extra)
    # DescrStatsW reads weights as frequencies: budgets rescaled to sum to n_eff give the weighted
    # variance with n_eff − 1 degrees of freedom and a standard error over n_eff, not over n
    d = DescrStatsW(rates, weights=b / b.sum() * n_eff, ddof=1)
    low, high = d.tconfint_mean(alpha=1 - level)
    return Estimate(mean, n, float(low), float(high), ok=True, extra=extra,
                    note=(f"지출 항목 {n}개(보고된 항목 전체), 예산 가중. 구간은 Kish 유효표본 수 {n_eff:.1f}에 "
                          f"기초한 {level:.0%} t 구간입니다."))


def program_table(indicators: pd.DataFrame, budgets: pd.DataFrame) -> pd.DataFrame:
    """One row per program (사업) with both an achievement and an execution rate, across all regions.

    Achievement is the mean over the program's judged full-year indicators; execution is Σspent/Σbudget
    over its full-year spending items. Programs are matched on document, region, year and 사업명.
    Columns: doc_id, region_code, year, program, achievement, execution, budget_krw, n_indicators, lines.
    """
    cols = ["doc_id", "region_code", "year", "program", "achievement", "execution", "budget_krw",
            "n_indicators", "lines"]
    if indicators.empty or budgets.empty:
        return pd.DataFrame(columns=cols)
    keys = ["doc_id", "region_code", "year", "program"]
    ind = metrics.add_status(indicators)
    ind = ind[ind["status"].isin(metrics.STATUSES)].fillna({"program": ""})
    items = metrics.expenditure_items(budgets)
    items, _ = metrics.split_period(items)
    items = items[items["budget_krw"].gt(0) & items["spent_krw"].notna()].fillna({"program": ""})
    if ind.empty or items.empty:
        return pd.DataFrame(columns=cols)
    # lines as text before grouping: pandas casts an aggregate back to the column's Int64 dtype
    ind = ind.assign(line_txt=ind["line"].astype(int).astype(str))
    items = items.assign(line_txt=items["line"].astype(int).astype(str))
    a = ind.groupby(keys, sort=True).agg(achievement=("achievement", "mean"), n_indicators=("achievement", "size"),
                                         ind_lines=("line_txt", ",".join))
    b = items.groupby(keys, sort=True).agg(budget_krw=("budget_krw", "sum"), spent=("spent_krw", "sum"),
                                           bud_lines=("line_txt", ",".join))
    b["execution"] = b["spent"] / b["budget_krw"] * 100.0
    out = a.join(b, how="inner").reset_index()
    out["lines"] = out["ind_lines"] + ";" + out["bud_lines"]
    return out[cols].sort_values(keys).reset_index(drop=True)


@dataclass
class ModelResult:
    """The achievement model's fit: coefficients with CIs, or a sentence saying why it was not fitted."""

    n: int
    ok: bool
    note: str
    r2: float = float("nan")
    r2_adj: float = float("nan")
    f_pvalue: float = float("nan")
    coefs: pd.DataFrame = field(default_factory=pd.DataFrame)


TERMS = {"const": "상수 (intercept)", "execution": "집행률 (%p)", "log_budget": "log(예산, 원)"}


def achievement_model(programs: pd.DataFrame, level: float = 0.95) -> ModelResult:
    """OLS: achievement (%) ~ execution (%) + log(budget in won), over all regions' programs.

    Coefficient table columns: term, coef, se, low, high, p. HC3 robust standard errors.
    """
    import statsmodels.api as sm

    df = programs.dropna(subset=["achievement", "execution", "budget_krw"])
    df = df[df["budget_krw"] > 0]
    n = int(len(df))
    if n < MIN_N_MODEL:
        return ModelResult(n, False, f"달성률과 집행률이 함께 있는 사업 n={n}: 회귀 모형을 적합하기에 적습니다 "
                                     f"(최소 {MIN_N_MODEL}개 필요). 산점도는 기술용으로만 보여 줍니다.")
    X = pd.DataFrame({"execution": df["execution"].astype(float),
                      "log_budget": np.log(df["budget_krw"].astype(float))})
    if X["execution"].nunique() < 2 or X["log_budget"].nunique() < 2:
        return ModelResult(n, False, f"사업 n={n}: 집행률이나 예산에 변동이 없어 모형을 추정할 수 없습니다.")
    X = sm.add_constant(X, has_constant="add")
    fit = sm.OLS(df["achievement"].astype(float).to_numpy(), X).fit(cov_type="HC3")
    ci = fit.conf_int(alpha=1 - level)
    coefs = pd.DataFrame({
        "term": [TERMS[t] for t in fit.params.index],
        "coef": fit.params.to_numpy(), "se": fit.bse.to_numpy(),
        "low": ci.iloc[:, 0].to_numpy(), "high": ci.iloc[:, 1].to_numpy(), "p": fit.pvalues.to_numpy(),
    })
    note = (f"사업 n={n}에 대한 최소제곱 회귀(OLS), HC3 표준오차, {level:.0%} 신뢰구간. 관찰 자료이고 표본이 작아 "
            f"사업 간 연관을 보여 줄 뿐, 집행이 달성에 미치는 효과(인과)는 아닙니다.")
    return ModelResult(n, True, note, float(fit.rsquared), float(fit.rsquared_adj), float(fit.f_pvalue), coefs)


def percentile(values: pd.Series, key) -> Estimate:
    """Mid-rank percentile of ``values[key]`` among all finite values (0 = lowest, 100 = highest)."""
    v = pd.Series(values, dtype=float).dropna()
    n = int(len(v))
    if key not in v.index:
        return Estimate(float("nan"), n, note="이 지역에는 이 지표의 값이 없습니다.")
    x = v[key]
    pct = float(((v < x).sum() + 0.5 * (v == x).sum()) / n * 100.0)
    if n < MIN_N_PERCENTILE:
        return Estimate(pct, n, note=f"값이 있는 지역 n={n}: 백분위를 말하기에 적습니다.")
    return Estimate(pct, n, ok=True, note=f"값이 있는 {n}개 지역 중 순위 (동점은 중간 순위).")
