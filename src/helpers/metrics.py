"""Evaluation metrics: achievement status, execution rates, reported-vs-computed checks, period labels.

Terms (the documents' own):

* 달성률 (achievement) = 실적/목표×100 (actual over target), inverted for lower-is-better indicators.
* 달성 상태 (status): 초과달성 (above 100 %), 달성 (100 % within rounding), 미달성 (below).
* 집행률 (execution rate) = 집행/예산×100 (spent over budget).
* Period-to-date (기간 중) figures carry an ``as_of`` month (``YYYY-MM``): they are labelled
  "as of YYYY-MM" and never judged or averaged as if they were full-year figures.

Functions are pure: they take numbers or frames and return new ones.
"""

from __future__ import annotations

import math
import re
from decimal import ROUND_HALF_UP, Decimal

import numpy as np
import pandas as pd

OVER, MET, UNDER = "초과달성", "달성", "미달성"
#: Status classes in display order.
STATUSES = (OVER, MET, UNDER)
#: No target or actual to judge (e.g. a target printed as text such as 인증).
NO_STATUS = "판정불가"
#: A period-to-date figure against an annual target: not judged.
IN_PROGRESS = "진행 중"

CHECK_OK, CHECK_MISMATCH, CHECK_NO_REPORT, CHECK_NO_COMPUTE = "일치", "불일치", "보고값 없음", "계산 불가"

_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


def _missing(x) -> bool:
    return x is None or (isinstance(x, float) and math.isnan(x)) or x is pd.NA or x is pd.NaT


def achievement_rate(target, actual, direction: str = "increase") -> float:
    """달성률 in percent: actual/target×100, or target/actual×100 when lower is better (``decrease``).

    Missing or zero denominators give NaN (a zero target is not "infinitely achieved").
    """
    if _missing(target) or _missing(actual):
        return float("nan")
    target, actual = float(target), float(actual)
    num, den = (target, actual) if direction == "decrease" else (actual, target)
    return float("nan") if den == 0 else num / den * 100.0


def achievement_status(achievement, ndigits: int = 1) -> str:
    """초과달성 / 달성 / 미달성 for an achievement in percent; 판정불가 when missing.

    "Within rounding" means equal to 100 at the precision documents print rates (one decimal): 99.96 is
    달성, 100.04 is 달성, 100.05 is 초과달성.
    """
    if _missing(achievement):
        return NO_STATUS
    # half-up on the decimal text (as a reader rounds), not float round(): round(100.05, 1) gives 100.0
    value = float(Decimal(repr(float(achievement))).quantize(Decimal(1).scaleb(-ndigits), ROUND_HALF_UP))
    if value > 100:
        return OVER
    if value == 100:
        return MET
    return UNDER


def as_of_month(text) -> str:
    """``YYYY-MM`` when ``text`` names a month (a period-to-date reference), else empty."""
    if _missing(text):
        return ""
    text = str(text).strip()
    return text if _MONTH.match(text) else ""


def period_label(as_of) -> str:
    """``as of 2024-03`` for a period-to-date figure, empty for a full-period one."""
    month = as_of_month(as_of)
    return f"as of {month}" if month else ""


def add_status(indicators: pd.DataFrame) -> pd.DataFrame:
    """Indicators with ``achievement`` filled where computable and a ``status`` column.

    A row whose ``period`` is a month (period-to-date actual against an annual target) gets
    ``진행 중`` and its ``as_of`` label instead of a verdict.
    """
    df = indicators.copy()
    if df.empty:
        return df.assign(status=pd.Series(dtype=str), as_of=pd.Series(dtype=str))
    computed = [achievement_rate(t, a, d or "increase")
                for t, a, d in zip(df["target"], df["actual"], df["direction"].fillna("increase"), strict=False)]
    df["achievement"] = df["achievement"].astype(float).fillna(pd.Series(computed, index=df.index))
    df["as_of"] = df["period"].map(as_of_month) if "period" in df else ""
    df["status"] = [IN_PROGRESS if m else achievement_status(a) for a, m in zip(df["achievement"], df["as_of"], strict=False)]
    return df


def execution_rate(budget, spent) -> float:
    """집행률 in percent = spent/budget×100; NaN when either is missing or the budget is zero."""
    if _missing(budget) or _missing(spent) or float(budget) == 0:
        return float("nan")
    return float(spent) / float(budget) * 100.0


def rate_tolerance(reported) -> float:
    """How far a computed rate may be from the printed one and still agree: half the printed precision.

    ``100%`` (printed whole) allows ±0.5; ``95.8%`` allows ±0.05 (plus float slack).
    """
    value = float(reported)
    return 0.5 if value.is_integer() else 0.05 + 1e-9


def rate_check(reported, computed) -> str:
    """일치 / 불일치 / 보고값 없음 / 계산 불가: does the printed rate match the one computed from the figures?"""
    if _missing(reported):
        return CHECK_NO_REPORT
    if _missing(computed):
        return CHECK_NO_COMPUTE
    return CHECK_OK if abs(float(reported) - float(computed)) <= rate_tolerance(reported) else CHECK_MISMATCH


def add_rate_check(df: pd.DataFrame, computed: str) -> pd.DataFrame:
    """``df`` with a ``rate_check`` column comparing ``reported_rate`` with the ``computed`` column."""
    out = df.copy()
    out["rate_check"] = [rate_check(r, c) for r, c in zip(out["reported_rate"], out[computed], strict=False)]
    return out


def expenditure_items(budgets: pd.DataFrame) -> pd.DataFrame:
    """Spending rows that are items (not 합계/소계 rows), with ``execution`` filled where computable."""
    if budgets.empty:
        return budgets.copy()
    df = budgets[(budgets["flow"].fillna("expenditure") == "expenditure") & ~budgets["is_total"].fillna(False).astype(bool)].copy()
    computed = [execution_rate(b, s) for b, s in zip(df["budget_krw"], df["spent_krw"], strict=False)]
    df["execution"] = df["execution"].astype(float).fillna(pd.Series(computed, index=df.index))
    df["as_of"] = df["as_of"].map(as_of_month)
    return df


def split_period(df: pd.DataFrame, column: str = "as_of") -> tuple[pd.DataFrame, pd.DataFrame]:
    """(full-year rows, period-to-date rows): the two are reported apart and never pooled."""
    if df.empty:
        return df, df
    ptd = df[column].map(as_of_month) != ""
    return df[~ptd], df[ptd]


def total_budget(budgets: pd.DataFrame) -> float:
    """Full-year spending budget (원): per document table (``doc_id``, ``year``, ``scope``, ``basis``) its
    합계 row when printed, else the sum of its items; summed over tables. NaN when there is none."""
    if budgets.empty:
        return float("nan")
    df = budgets[(budgets["flow"].fillna("expenditure") == "expenditure")]
    df = df[df["as_of"].map(as_of_month) == ""]
    df = df[df["budget_krw"].notna()]
    if df.empty:
        return float("nan")
    total = 0.0
    keys = ["doc_id", "year", "scope", "basis"]
    for _, group in df.fillna({"scope": "", "basis": ""}).groupby(keys, dropna=False, sort=True):
        totals = group[group["is_total"].fillna(False).astype(bool)]
        total += float(totals["budget_krw"].max()) if not totals.empty else float(group["budget_krw"].sum())
    return total


def headline(indicators: pd.DataFrame, budgets: pd.DataFrame) -> dict:
    """The figures a region is summarised by (pure counts and sums; intervals live in helpers.stats).

    Keys: ``n_indicators`` (judged, full-year), ``n_achieved`` (초과달성+달성), ``n_in_progress``
    (period-to-date), ``n_items`` (spending items with a rate, full-year), ``budget_krw``, ``spent_krw``
    (sum over those items), ``total_budget_krw`` (see :func:`total_budget`).
    """
    ind = add_status(indicators) if not indicators.empty else indicators.assign(status=pd.Series(dtype=str))
    judged = ind[ind["status"].isin(STATUSES)] if not ind.empty else ind
    items = expenditure_items(budgets)
    full, _ = split_period(items) if not items.empty else (items, items)
    rated = full[full["budget_krw"].gt(0) & full["spent_krw"].notna()] if not full.empty else full
    return {
        "n_indicators": int(len(judged)),
        "n_achieved": int(judged["status"].isin((OVER, MET)).sum()) if len(judged) else 0,
        "n_in_progress": int((ind["status"] == IN_PROGRESS).sum()) if len(ind) else 0,
        "n_items": int(len(rated)),
        "budget_krw": float(rated["budget_krw"].sum()) if len(rated) else float("nan"),
        "spent_krw": float(rated["spent_krw"].sum()) if len(rated) else float("nan"),
        "total_budget_krw": total_budget(budgets),
    }


def weighted_execution_point(budget: np.ndarray, spent: np.ndarray) -> float:
    """Budget-weighted mean execution = Σspent/Σbudget×100 (the point estimate DescrStatsW reproduces)."""
    budget, spent = np.asarray(budget, float), np.asarray(spent, float)
    return float(spent.sum() / budget.sum() * 100.0) if budget.sum() else float("nan")
