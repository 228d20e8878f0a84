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
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

import numpy as np
import pandas as pd

OVER, MET, UNDER = "초과달성", "달성", "미달성"
#: Status classes in display order.
STATUSES = (OVER, MET, UNDER)
#: No numeric target to judge against (a target printed as text such as 인증, or none at all).
NO_STATUS = "판정불가"
#: A true period-to-date figure (an actual as of a month) against an annual target: not judged.
IN_PROGRESS = "진행 중"
#: A numeric target whose actual the document does not print (a plan, a roadmap year not reached).
NOT_REPORTED = "실적 미보고"
#: A step of a cumulative roadmap (6 → 10 → 15개동): its printed rate is progress towards the final goal.
CUMULATIVE = "누적 진척"
#: Every status, in display order.
ALL_STATUSES = (OVER, MET, UNDER, IN_PROGRESS, CUMULATIVE, NOT_REPORTED, NO_STATUS)

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


def cumulative_progress(indicators: pd.DataFrame) -> pd.Series:
    """Per row, the progress (%) towards a final goal when the row is a step of a cumulative roadmap, else NaN.

    A roadmap row prints a target per year and a 달성도 per year (``6개동 10개동 15개동`` / ``40% 67%
    100%``). When the targets of one indicator line never decrease over the years and each printed rate is
    that year's target over the final target (within the printed precision), the rates measure progress
    towards the final goal, not the achievement of each year's target. Rows with an actual are never steps.
    """
    out = pd.Series(np.nan, index=indicators.index, dtype=float)
    if indicators.empty or "period" not in indicators:
        return out
    df = indicators[indicators["actual"].isna() & indicators["target"].notna() & indicators["reported_rate"].notna()]
    df = df[df["period"].astype(str).str.fullmatch(r"\d{4}")]
    for _, g in df.groupby(["doc_id", "line", "indicator"], sort=False):
        if len(g) < 2:
            continue
        g = g.sort_values("period")
        targets = g["target"].astype(float).to_numpy()
        final = targets.max()
        if final <= 0 or (np.diff(targets) < 0).any():
            continue
        share = targets / final * 100.0
        if all(rate_check(r, c) == CHECK_OK for r, c in zip(g["reported_rate"], share, strict=False)):
            out.loc[g.index] = share
    return out


def add_status(indicators: pd.DataFrame) -> pd.DataFrame:
    """Indicators with ``achievement`` filled where computable, a ``status`` and a ``progress`` column.

    Statuses (:data:`ALL_STATUSES`): the three verdicts for a numeric target with a full-year actual;
    ``진행 중`` for an actual as of a month (period-to-date) against an annual target; ``누적 진척`` for a
    step of a cumulative roadmap (``progress`` holds its share of the final goal); ``실적 미보고`` for a
    numeric target with no actual printed; ``판정불가`` for a target that is not a number (``인증``).
    """
    df = indicators.copy()
    if df.empty:
        return df.assign(status=pd.Series(dtype=str), as_of=pd.Series(dtype=str), progress=pd.Series(dtype=float))
    computed = [achievement_rate(t, a, d or "increase")
                for t, a, d in zip(df["target"], df["actual"], df["direction"].fillna("increase"), strict=False)]
    df["achievement"] = df["achievement"].astype(float).fillna(pd.Series(computed, index=df.index))
    df["as_of"] = df["period"].map(as_of_month) if "period" in df else ""
    df["progress"] = cumulative_progress(df)
    status = []
    for t, a, ach, month, prog in zip(df["target"], df["actual"], df["achievement"], df["as_of"], df["progress"],
                                      strict=False):
        if _missing(t):
            status.append(NO_STATUS)
        elif not _missing(prog):
            status.append(CUMULATIVE)
        elif _missing(a):
            status.append(NOT_REPORTED)
        elif month:
            status.append(IN_PROGRESS)
        else:
            status.append(achievement_status(ach))
    df["status"] = status
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


def _squash(text) -> str:
    return re.sub(r"\s+", "", str(text or ""))


def aggregate_rows(budgets: pd.DataFrame) -> pd.Series:
    """Rows that are not items although not marked 합계: a department (or other) subtotal listed as a row of a
    summary table. A row is one when, in the same document, its label is the title (``scope``) of another
    table (총괄표 row ``영유아담당관`` and the ``영유아담당관`` table), or its budget and spent equal the 합계 row of
    another table of the same year. Such rows restate their table's items and never enter sums or charts."""
    out = pd.Series(False, index=budgets.index)
    if budgets.empty:
        return out
    df = budgets.assign(_label=budgets["item"].map(_squash), _scope=budgets["scope"].map(_squash),
                        _total=budgets["is_total"].fillna(False).astype(bool), _row=np.arange(len(budgets)))
    items = df[~df["_total"]]
    # the label is the title of another table of the same document
    scopes = df.groupby("doc_id")["_scope"].agg(set)
    named = [bool(lab) and lab != own and lab in scopes.get(doc, ())
             for doc, lab, own in zip(items["doc_id"], items["_label"], items["_scope"], strict=False)]
    hit = set(items["_row"][named])
    # budget and spent equal the 합계 row of another table of the same year
    totals = df[df["_total"] & df["spent_krw"].notna()][["doc_id", "year", "budget_krw", "spent_krw", "_scope"]]
    pairs = items[items["spent_krw"].notna()][["doc_id", "year", "budget_krw", "spent_krw", "_scope", "_row"]].merge(
        totals, on=["doc_id", "year", "budget_krw", "spent_krw"], suffixes=("", "_t"))
    hit |= set(pairs.loc[pairs["_scope"] != pairs["_scope_t"], "_row"])
    out.iloc[sorted(hit)] = True
    return out


def expenditure_items(budgets: pd.DataFrame) -> pd.DataFrame:
    """Spending rows that are items, with ``execution`` filled where computable: not 합계/소계 rows and not
    department subtotals listed as rows (:func:`aggregate_rows`)."""
    if budgets.empty:
        return budgets.copy()
    df = budgets[(budgets["flow"].fillna("expenditure") == "expenditure") & ~budgets["is_total"].fillna(False).astype(bool)
                 & ~aggregate_rows(budgets)].copy()
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


# -- counting each amount once (restatements) ---------------------------------------------------------------
#
# Documents state the same money more than once: a prose line ``○ 총사업비 : 1,682백만원`` and the plan
# table's 계 column, a 총괄표 합계 and the 부서별 합계. The fact tables keep every statement with its line
# (traceability); sums must count each amount once. The rule, used by every total in the reports:
#
#   within one group (document, region, program, stage or basis, year, source or item), rows with the SAME
#   amount on DIFFERENT lines are one amount stated several times: it is counted once, from a table row
#   (cells split by tabs, pipes or wide spaces) rather than a prose restatement, then from the line that
#   states the most figures, then the earliest line. Rows on the same line are never restatements of each
#   other (different columns are different facts: 2014년 7월이전 and 2014년 7월~12월).

#: Group keys of the restatement rule for funding rows (재원).
FUNDING_KEYS = ("doc_id", "region_code", "program", "stage", "year", "source")
#: Group keys of the restatement rule for budget rows (예산).
BUDGET_KEYS = ("doc_id", "region_code", "program", "flow", "basis", "year", "scope", "item")


_WIDE_GAP = re.compile(r"\S {2,}\S")


def table_line(text) -> bool:
    """Whether a raw line is a table row (cells split by tabs, ``|`` or runs of spaces), not prose."""
    first = str(text or "").split("\n", 1)[0]
    return "\t" in first or first.count("|") >= 2 or bool(_WIDE_GAP.search(first.strip()))


def restated_from(df: pd.DataFrame, keys, amount: str) -> pd.Series:
    """Per row, the line whose statement of the same amount is counted instead (``<NA>`` for counted rows).

    See the rule above. Rows with a missing amount are never restatements (nothing is summed from them).
    """
    out = pd.Series(pd.NA, index=df.index, dtype="Int64")
    if df.empty:
        return out
    keys = [k for k in keys if k in df.columns]
    per_line = df.groupby(["doc_id", "line"]).size()  # figures stated on each line of each document
    work = df[df[amount].notna()].copy()
    work["_key"] = list(zip(*[work[k].astype(object).where(work[k].notna(), "") for k in keys], strict=False)) if keys else ""
    work["_table"] = [table_line(t) for t in work.get("source_text", pd.Series("", index=work.index)).fillna("")]
    work["_weight"] = [per_line.get((d, ln), 0) for d, ln in zip(work["doc_id"], work["line"], strict=False)]
    for _, grp in work.groupby(["_key", amount], sort=False):
        if grp["line"].nunique() < 2:
            continue
        keep = grp.sort_values(["_table", "_weight", "line"], ascending=[False, False, True]).iloc[0]["line"]
        out.loc[grp.index[grp["line"] != keep]] = int(keep)
    return out


def counted_funding(funding: pd.DataFrame) -> pd.DataFrame:
    """Funding rows that enter sums: restatements (same amount, other line, same group) left out."""
    if funding.empty:
        return funding.copy()
    return funding[restated_from(funding, FUNDING_KEYS, "amount_krw").isna()].copy()


def plan_vs_spent(funding: pd.DataFrame) -> pd.DataFrame:
    """Per year: planned (계획) and executed (집행) amounts from funding rows, each amount counted once.

    Per program, stage and year the printed 계 (total) when there is one, else the sum of its sources;
    then summed over programs. Rows without a year (a whole-period 총사업비) are not a year's figure and
    are left out. Columns: ``year``, ``plan_krw``, ``spent_krw`` (NaN when the stage has no amount).
    """
    cols = ["year", "plan_krw", "spent_krw"]
    df = counted_funding(funding)
    if df.empty:
        return pd.DataFrame(columns=cols)
    df = df[df["year"].notna() & df["amount_krw"].notna()].fillna({"program": ""})
    rows = []
    for year, grp in df.groupby("year", sort=True):
        row = {"year": int(year)}
        for stage, col in (("plan", "plan_krw"), ("executed", "spent_krw")):
            parts = []
            for _, g in grp[grp["stage"] == stage].groupby("program", sort=True):
                tot = g[g["source"] == "계"]["amount_krw"]
                parts.append(float(tot.sum()) if len(tot) else float(g["amount_krw"].sum()))
            row[col] = float(sum(parts)) if parts else np.nan
        rows.append(row)
    return pd.DataFrame(rows, columns=cols)


def _table_total(group: pd.DataFrame) -> tuple[float, str, list[int]]:
    """(amount, how, lines) of one budget table: its 합계 row when printed, else the sum of its items
    (each amount counted once)."""
    totals = group[group["is_total"].fillna(False).astype(bool)]
    if len(totals):
        top = totals.sort_values(["budget_krw", "line"], ascending=[False, True]).iloc[0]
        return float(top["budget_krw"]), "합계 행", [int(top["line"])]
    items = group[restated_from(group, BUDGET_KEYS, "budget_krw").isna()]
    return float(items["budget_krw"].sum()), "항목 합", sorted({int(x) for x in items["line"]})


def document_budget_totals(budgets: pd.DataFrame) -> pd.DataFrame:
    """Each document's total spending budget (총 예산), one row per document, with where it comes from.

    A document's tables show the same money from several angles (총괄표, 부서별, 사업별, 소요예산 lines of
    its programs), so they are never added together. Per document:

    * a multi-year plan whose 계 has no year (``목표예산 계 1,682`` over 2014–2018) is the document's total
      for the whole period (its yearly columns are parts of it);
    * otherwise the document's main year (the year with the most budget rows; ties → the latest) and, of
      that year's tables (``scope`` × ``basis``), the largest table total (합계 row, else item sum).

    A budget amount is the annual appropriation even on a row whose spent is period-to-date (예산현액 as of
    2024-03), so such rows count here; their ``as_of`` is kept for the label.
    Columns: ``doc_id``, ``year`` (``<NA>`` for a whole period), ``period`` (``2024년`` /
    ``2014–2018 전체 기간``), ``budget_krw``, ``basis``, ``scope``, ``how`` (합계 행/항목 합), ``lines``, ``as_of``.
    """
    cols = ["doc_id", "year", "period", "budget_krw", "basis", "scope", "how", "lines", "as_of", "order"]
    if budgets.empty:
        return pd.DataFrame(columns=cols)
    df = budgets[(budgets["flow"].fillna("expenditure") == "expenditure") & budgets["budget_krw"].notna()]
    df = df.fillna({"scope": "", "basis": ""})
    rows = []
    for doc, d in df.groupby("doc_id", sort=True):
        whole = d[d["year"].isna() & d["is_total"].fillna(False).astype(bool)]
        if len(whole):
            top = whole.sort_values(["budget_krw", "line"], ascending=[False, True]).iloc[0]
            same = d[(d["scope"] == top["scope"]) & (d["basis"] == top["basis"]) & d["year"].notna()]
            years = sorted(int(y) for y in same["year"].unique())
            span = f"{years[0]}–{years[-1]} " if years else ""
            rows.append({"doc_id": doc, "year": pd.NA, "period": f"{span}전체 기간", "budget_krw": float(top["budget_krw"]),
                         "basis": top["basis"], "scope": top["scope"], "how": "합계 행", "lines": [int(top["line"])],
                         "as_of": as_of_month(top["as_of"]), "order": years[-1] if years else 0})
            continue
        dated = d[d["year"].notna()]
        if dated.empty:
            continue
        counts = dated.groupby("year").size()
        year = int(max(counts.index, key=lambda y: (counts[y], y)))
        best = None
        for (scope, basis), g in dated[dated["year"] == year].groupby(["scope", "basis"], sort=True):
            amount, how, lines = _table_total(g)
            if best is None or (amount, -min(lines, default=0)) > (best["budget_krw"], -min(best["lines"], default=0)):
                months = sorted({as_of_month(x) for x in g["as_of"]} - {""})
                best = {"doc_id": doc, "year": year, "period": f"{year}년", "budget_krw": amount, "basis": basis,
                        "scope": scope, "how": how, "lines": lines, "as_of": months[-1] if months else "", "order": year}
        rows.append(best)
    return pd.DataFrame(rows, columns=cols)


def total_budget(budgets: pd.DataFrame) -> float:
    """총 예산 of a region: the total of its most recent document (see :func:`document_budget_totals`);
    documents are not added together (they may state the same money). NaN when there is none."""
    t = budget_total_source(budgets)
    return float("nan") if t is None else float(t["budget_krw"])


def budget_total_source(budgets: pd.DataFrame) -> dict | None:
    """The :func:`document_budget_totals` row that :func:`total_budget` reports (latest document), or None."""
    docs = document_budget_totals(budgets)
    if docs.empty:
        return None
    return docs.sort_values(["order", "doc_id"]).iloc[-1].to_dict()


# -- scope: what a headline figure covers ---------------------------------------------------------------
#
# A figure is only as meaningful as the statement of what it covers: "총 예산 32,867.5억원" read as Seoul's
# budget is wrong when it is one office's 예산현액. Every headline figure (report cards, index, overview)
# is labelled through :func:`figure_scope`: the document(s), the plan/programme/department scope, the year
# and the reference date, and a casebook note when the source is a selection of successful cases.

#: A casebook (우수사례집) title: its programmes were chosen for success, they are not a region's whole plan.
CASEBOOK_RE = re.compile(r"우수\s*사례")
CASEBOOK_NOTE = ("우수사례집 출처: 성과가 좋아 선정된 사례만 실린 문서이므로 지역 전체의 사업·예산·성과를 대표하지 "
                 "않습니다.")


def is_casebook(title) -> bool:
    """Whether a document title names a casebook of selected good practices (우수사례집)."""
    return bool(CASEBOOK_RE.search(str(title or "")))


def organisation(publisher, region_name: str = "") -> str:
    """The issuing office within the region: ``서울특별시 여성가족정책실`` → ``여성가족정책실``; empty when the
    publisher is the region itself or unknown."""
    text = " ".join(str(publisher or "").split())
    for name in sorted({region_name, *region_name.split()[:1]} - {""}, key=len, reverse=True):
        if text.startswith(name):
            text = text[len(name):].strip()
            break
    return "" if text in ("", region_name) else text


@dataclass
class Scope:
    """What one figure covers. ``label`` names the figure (card title), ``text`` says its coverage in one
    line, ``casebook`` marks a selected-cases source (then ``note`` is :data:`CASEBOOK_NOTE`)."""

    label: str
    text: str
    doc_ids: list = field(default_factory=list)
    casebook: bool = False
    note: str = ""
    coverage: str = ""


def _doc_info(documents: pd.DataFrame | None, doc_id: str) -> dict:
    if documents is not None and len(documents):
        hit = documents[documents["doc_id"].astype(str) == str(doc_id)]
        if len(hit):
            return {k: (None if _missing(v) else v) for k, v in hit.iloc[0].to_dict().items()}
    return {"doc_id": doc_id}


def _years_text(years) -> str:
    ys = sorted({int(y) for y in years if not _missing(y)})
    if not ys:
        return "연도 미상"
    return f"{ys[0]}년" if len(ys) == 1 else f"{ys[0]}–{ys[-1]}년"


def _docs_text(documents, doc_ids) -> str:
    out = []
    for d in doc_ids:
        title = _doc_info(documents, d).get("title") or ""
        out.append(f"「{' '.join(str(title).split())}」({d})" if title else str(d))
    return ", ".join(out)


def _names(values, what: str, most: int = 2) -> str:
    """``사업 A, B`` for up to ``most`` distinct headings; beyond that the count and the most frequent
    ones: ``사업 24개 (A, B 등)``, so a scope line names the plan/programme/department it covers."""
    clean = [" ".join(str(v).split()) for v in values if not _missing(v) and str(v).strip()]
    names = sorted(set(clean))
    if not names:
        return ""
    if len(names) <= most:
        return f"{what} {', '.join(names)}"
    counts = pd.Series(clean).value_counts(sort=False)
    top = sorted(names, key=lambda n: (-int(counts[n]), clean.index(n)))[:most]
    return f"{what} {len(names)}개 ({', '.join(top)} 등)"


def table_spans(budgets: pd.DataFrame | None) -> pd.DataFrame:
    """The line span of each budget table heading the extractor recorded (``scope``: a plan's results
    table, a department, a 총괄표), as ``doc_id, line, end_line, title`` rows: indicators printed in the
    same table as the plan's spending (a plan's 추진실적 table) are named by it."""
    cols = ["doc_id", "line", "end_line", "title"]
    if budgets is None or budgets.empty or "scope" not in budgets:
        return pd.DataFrame(columns=cols)
    b = budgets[budgets["scope"].notna() & budgets["scope"].astype(str).str.strip().ne("")]
    if b.empty:
        return pd.DataFrame(columns=cols)
    b = pd.DataFrame({"doc_id": b["doc_id"].astype(str), "title": b["scope"].astype(str), "line": b["line"].astype(int)})
    b = b.sort_values(["doc_id", "title", "line"])
    # a table is its run of rows: a gap of more than TABLE_GAP lines starts another span (a casebook repeats
    # its 예산 집행 실적 heading in every case; the prose between is not that table)
    new = (b["doc_id"] != b["doc_id"].shift()) | (b["title"] != b["title"].shift()) | (b["line"].diff() > TABLE_GAP)
    g = b.groupby(new.cumsum()).agg(doc_id=("doc_id", "first"), title=("title", "first"), line=("line", "min"),
                                    end_line=("line", "max"))
    return g[cols].reset_index(drop=True)


#: Largest gap, in lines, between two rows of one budget table (see :func:`table_spans`).
TABLE_GAP = 3


def _headings(rows: pd.DataFrame, sections: pd.DataFrame | None, documents, what: str = "부분") -> str:
    """The headings (``sections`` titles, or :func:`table_spans`) whose line spans hold ``rows``, when
    they say more than the document title (a casebook's PART on one region, a plan within a report)."""
    return _names(_heading_list(rows, sections, documents), what)


def _table_headings(rows: pd.DataFrame, budgets: pd.DataFrame | None, documents) -> str:
    """``표 …``: the plan/table heading each indicator is reported under, its own ``scope`` (the extractor's),
    else (older tables without it) the budget table whose line span holds it (:func:`table_spans`)."""
    own = rows["scope"] if "scope" in rows else pd.Series([None] * len(rows), index=rows.index, dtype=object)
    has = own.notna() & own.astype(str).str.strip().ne("")
    return _names(list(own[has]) + _heading_list(rows[~has], table_spans(budgets), documents), "표")


def _heading_list(rows: pd.DataFrame, sections: pd.DataFrame | None, documents) -> list[str]:
    """One heading per row of ``rows`` that a span of ``sections`` holds (see :func:`_headings`)."""
    if sections is None or sections.empty or rows.empty or "line" not in rows:
        return []
    found = []
    for doc, grp in rows.groupby(rows["doc_id"].astype(str), sort=True):
        title = " ".join(str(_doc_info(documents, doc).get("title") or "").split())
        spans = sections[sections["doc_id"].astype(str) == doc]
        for s in spans.itertuples():
            end = s.line if _missing(getattr(s, "end_line", None)) else s.end_line
            heading = " ".join(str(s.title or "").split()) if not _missing(s.title) else ""
            if heading and heading != title:
                found.extend([heading] * int(grp["line"].between(s.line, end).sum()))
    return found


def figure_scope(figure: str, rows: pd.DataFrame, documents: pd.DataFrame | None = None, region_name: str = "",
                 total_source: dict | None = None, sections: pd.DataFrame | None = None,
                 budgets: pd.DataFrame | None = None) -> Scope:
    """Scope of a headline figure computed from ``rows`` (the rows it is computed from).

    ``figure`` is ``share`` (indicators judged), ``execution`` (rated spending items) or ``total_budget``
    (then ``total_source`` is the :func:`budget_total_source` row and ``rows`` the region's budgets).
    ``sections`` (the region's spans) adds the part heading the rows sit under; for ``share``, the
    indicators' own ``scope`` names the plan/table they are reported under (``budgets``, the region's, stands
    in for rows without one: :func:`table_spans`). ``Scope.coverage`` is the
    text without the document (for tables that show the document in a column of its own).
    """
    if figure == "total_budget":
        return _budget_scope(rows, documents, region_name, total_source)
    if rows.empty:
        label = {"share": "성과지표 달성 비율", "execution": "예산가중 집행률 (연간)"}.get(figure)
        if label is None:
            raise ValueError(f"unknown figure {figure!r}: share, execution or total_budget")
        return Scope(label, "해당 자료 없음", coverage="해당 자료 없음")
    doc_ids = sorted({str(d) for d in rows["doc_id"]})
    casebook = any(is_casebook(_doc_info(documents, d).get("title")) for d in doc_ids)
    parts = [_headings(rows, sections, documents)]
    if figure == "share":
        label = "성과지표 달성 비율"
        parts += [_table_headings(rows, budgets, documents), _names(rows.get("program", []), "사업"), _years_text(rows.get("year", [])), "연간 실적"]
    elif figure == "execution":
        label = "예산가중 집행률 (연간)"
        parts += [_names(rows.get("scope", []), "표"), _names(rows.get("program", []), "사업"),
                  _names(rows.get("basis", []), "기준"), _years_text(rows.get("year", [])),
                  f"보고된 지출 항목 전체 {len(rows)}개 (소계·합계 행 제외)"]
    else:
        raise ValueError(f"unknown figure {figure!r}: share, execution or total_budget")
    coverage = " · ".join(p for p in parts if p)
    text = " · ".join(p for p in (_docs_text(documents, doc_ids) if doc_ids else "", coverage) if p)
    return Scope(label, text, doc_ids, casebook, CASEBOOK_NOTE if casebook else "", coverage)


def _budget_scope(budgets: pd.DataFrame, documents, region_name: str, src: dict | None) -> Scope:
    """``여성가족정책실 2024 예산현액``; ``우수사례 4개 사업 2022 예산 합계`` for a casebook."""
    if src is None:
        return Scope("보고된 예산", "예산액이 있는 지출 표가 없습니다.", coverage="예산액이 있는 지출 표가 없습니다.")
    info = _doc_info(documents, src["doc_id"])
    casebook = is_casebook(info.get("title"))
    period = src["period"].replace("년", "") if src["period"].endswith("년") else src["period"]
    basis = " ".join(str(src.get("basis") or "").split()) or "예산"
    if casebook:
        rows = budgets[(budgets["doc_id"].astype(str) == str(src["doc_id"]))]
        if not _missing(src.get("year")):
            rows = rows[rows["year"] == src["year"]]
        n = rows["program"].dropna().astype(str).str.strip().replace("", np.nan).dropna().nunique()
        label = f"우수사례 {n}개 사업 {period} 예산 합계" if n else f"우수사례 {period} 예산 합계"
    else:
        org = organisation(info.get("publisher"), region_name)
        scope = " ".join(str(src.get("scope") or "").split())
        who = org or (scope if scope and scope not in ("합계", "총계") else "") or "문서에 보고된"
        label = f"{who} {period} {basis}"
    parts = [f"{src['how']}"]
    if src.get("as_of"):
        parts.append(f"{src['as_of']} 기준 예산액")
    parts.append("지역 전체 예산이 아니라 이 문서가 보고한 범위의 예산")
    coverage = " · ".join(parts)
    return Scope(label, f"{_docs_text(documents, [src['doc_id']])} · {coverage}", [str(src["doc_id"])], casebook,
                 CASEBOOK_NOTE if casebook else "", f"{label} · {coverage}")
