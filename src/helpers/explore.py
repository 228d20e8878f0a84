"""Answers to the questions researchers ask first, one call each, as DataFrames that keep ``doc_id:line``.

``notebooks/explore.ipynb`` shows them with a chart each. Every function takes the loaders' ``region``
forms (a code, a name, a list or ``"11,41"``; see :func:`helpers.data.region_codes`) and ``processed_dir``
(None: the project's tables, rebuilt when stale):

- :func:`execution_by_program` — 집행률 (execution = spent / budget) per 사업 for a region and year;
- :func:`missed_targets` — indicators below target (미달성), a 시도 with its 시군구 by default;
- :func:`funding_by_year` — 재원 구성 (national / 시도 / 시군구 …) per year and stage, each amount counted once;
- :func:`compare_achievement` — share of indicators achieved per region, among regions of the same level;
- :func:`discrepancies` — where the documents do not add up: printed rates that the printed figures do not
  give, and the totals and rates the extractor flagged.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from . import data, metrics

#: Quality-flag kinds that mean the document's own figures disagree (not a reading problem).
DISAGREEMENT_KINDS = ("total_mismatch", "rate_mismatch")


def _lines(df: pd.DataFrame) -> str:
    return ", ".join(f"{d}:{int(ln)}" for d, ln in zip(df["doc_id"], df["line"], strict=False))


def execution_by_program(region, year=None, processed_dir=None) -> pd.DataFrame:
    """Budget, spent and execution rate per program (사업) of ``region`` (and ``year``), largest budget first.

    Full-year spending items only (period-to-date figures are not comparable with them), and only items
    with both a budget and a spent amount; 합계/소계 rows are left out (``metrics.expenditure_items``).
    A row without a 사업명 counts under its item label. Columns: year, program, budget_krw, spent_krw,
    execution (%), n_items, lines (``doc_id:line`` of the items), plus ``item`` and ``line`` (first item)
    so :func:`helpers.plots.budget_vs_spent` draws it directly.
    """
    cols = ["year", "program", "budget_krw", "spent_krw", "execution", "n_items", "lines", "item", "line"]
    items = metrics.expenditure_items(data.load_budgets(region, year, processed_dir))
    items, _ = metrics.split_period(items)
    items = items[items["budget_krw"].gt(0) & items["spent_krw"].notna()]
    if items.empty:
        return pd.DataFrame(columns=cols)
    items = items.assign(program=items["program"].fillna(items["item"]).fillna(""))
    rows = []
    for (yr, program), grp in items.groupby(["year", "program"], sort=True, dropna=False):
        budget, spent = float(grp["budget_krw"].sum()), float(grp["spent_krw"].sum())
        rows.append({"year": yr, "program": program, "budget_krw": budget, "spent_krw": spent,
                     "execution": metrics.execution_rate(budget, spent), "n_items": len(grp),
                     "lines": _lines(grp), "item": program, "line": int(grp["line"].min())})
    out = pd.DataFrame(rows, columns=cols)
    return out.sort_values(["budget_krw", "program"], ascending=[False, True]).reset_index(drop=True)


def missed_targets(region, year=None, include_children=True, processed_dir=None) -> pd.DataFrame:
    """Indicators of ``region`` whose actual fell short of the target (status 미달성), worst first.

    ``include_children`` (default True) adds the 시군구 of a 시도 (and the 일반구 of a 시). Period-to-date
    figures are 진행 중, not judged, so not listed. Columns: region_code, region_name, year, program,
    indicator, unit, target, actual, achievement, status, doc_id, line.
    """
    ind = metrics.add_status(data.load_indicators(region, year, processed_dir, include_children=include_children))
    cols = ["region_code", "region_name", "year", "program", "indicator", "unit", "target", "actual",
            "achievement", "status", "doc_id", "line"]
    missed = ind[ind["status"] == metrics.UNDER] if len(ind) else ind
    return missed.sort_values(["achievement", "doc_id", "line"])[cols].reset_index(drop=True)


def funding_by_year(region, stage: str | None = "plan", processed_dir=None) -> pd.DataFrame:
    """Amount (won) by funding source per year for ``region``: one row per year, one column per source.

    ``stage`` is ``plan`` (계획, the default), ``executed`` (집행) or None (both, summed: rarely wanted).
    Each amount counts once (``metrics.counted_funding``: a 총사업비 restated in the plan table's 계 is not
    added twice). A source a year does not split out is empty (NaN), not 0; the ``합계`` column is the
    printed 계 (total) when there is one, else the sum of the sources. Amounts without a year (a
    whole-period 총사업비) form the row ``전체 기간``.
    """
    from .plots import FUNDING_COLORS

    fund = metrics.counted_funding(data.load_funding(region, None, processed_dir))
    if stage is not None:
        fund = fund[fund["stage"] == stage]
    fund = fund[fund["amount_krw"].notna()]
    if fund.empty:
        return pd.DataFrame()
    fund = fund.assign(period=[str(int(y)) if pd.notna(y) else "전체 기간" for y in fund["year"]])
    parts, totals = fund[fund["source"] != "계"], fund[fund["source"] == "계"]
    table = parts.pivot_table(index="period", columns="source", values="amount_krw", aggfunc="sum")
    table = table.reindex(sorted(set(fund["period"]), key=lambda p: (p == "전체 기간", p)))
    table = table[[s for s in FUNDING_COLORS if s in table.columns] + [s for s in table.columns if s not in FUNDING_COLORS]]
    printed = totals.groupby("period")["amount_krw"].sum()
    table["합계"] = printed.reindex(table.index).fillna(table.sum(axis=1, min_count=1))
    table.columns.name = None
    return table.rename_axis("year")


def compare_achievement(region, level: bool = True, processed_dir=None) -> pd.DataFrame:
    """Share of judged indicators achieved per comparable unit, with Wilson 95 % intervals, highest first.

    A unit is one region's figures from one document (:mod:`helpers.peers`, the figures the reports'
    comparison section uses). With ``level`` (default) only the units comparable with ``region``'s: same
    level (시도 with 시도, 시군구 with 시군구), same kind of source (a casebook of selected cases is not a full
    results report) and same year — the groups of :func:`helpers.peers.group_key`; with ``level=False``
    every unit with judged indicators. ``region`` is marked in the column ``is_region``. Columns:
    region_code, region_name, level, group, scope, doc_id, n_indicators, n_achieved, share_achieved,
    share_low, share_high, is_region.
    """
    from . import config, peers
    from .regions import registry
    from .report import load_tables

    reg = registry()
    me = reg.current(reg.resolve(str(region)).code)
    tables = load_tables(processed_dir)
    units = peers.load(Path(processed_dir or config.PROCESSED_DIR), tables).units
    units = units[units["n_indicators"].gt(0)]
    if level:
        groups = set(units.loc[units["region_code"] == me.code, "group"])
        units = units[units["group"].isin(groups)] if groups else units[units["level"] == me.level]
    cols = ["region_code", "region_name", "level", "group", "scope", "doc_id", "n_indicators", "n_achieved",
            "share_achieved", "share_low", "share_high"]
    out = units[cols].assign(is_region=units["region_code"] == me.code)
    return out.sort_values(["share_achieved", "region_code"], ascending=[False, True]).reset_index(drop=True)


def discrepancies(region=None, include_children=True, processed_dir=None) -> pd.DataFrame:
    """Where the documents do not add up, one row per place, with ``doc_id:line``.

    Two sources: printed rates (달성률, 집행률) that differ from the rate the printed figures give by
    more than the printing precision (``metrics.rate_check``), and the extractor's flags that a total or a
    rate column disagrees with its parts (kinds in :data:`DISAGREEMENT_KINDS`). ``region`` None: all
    documents. Columns: doc_id, line, region_name, what (표/지표 or 항목), reported, computed, kind, detail.
    """
    cols = ["doc_id", "line", "region_name", "what", "reported", "computed", "kind", "detail"]
    rows = []
    # region None: the loaders keep every region's rows (include_children then does nothing)
    ind = data.load_indicators(region, None, processed_dir, include_children=include_children)
    checked = metrics.add_rate_check(ind, "achievement")
    for r in checked[checked["rate_check"] == metrics.CHECK_MISMATCH].itertuples():
        rows.append({"doc_id": r.doc_id, "line": r.line, "region_name": r.region_name, "what": r.indicator,
                     "reported": r.reported_rate, "computed": r.achievement, "kind": "achievement_rate",
                     "detail": "인쇄된 달성률이 목표·실적으로 계산한 값과 다름"})
    bud = data.load_budgets(region, None, processed_dir, include_children=include_children)
    bud = bud.assign(computed=[metrics.execution_rate(b, s) for b, s in zip(bud["budget_krw"], bud["spent_krw"], strict=False)])
    checked = metrics.add_rate_check(bud, "computed")
    for r in checked[checked["rate_check"] == metrics.CHECK_MISMATCH].itertuples():
        rows.append({"doc_id": r.doc_id, "line": r.line, "region_name": r.region_name, "what": r.item,
                     "reported": r.reported_rate, "computed": r.computed, "kind": "execution_rate",
                     "detail": "인쇄된 집행률이 예산·집행액으로 계산한 값과 다름"})
    flags = data.load_quality_flags(region=region, include_children=include_children, processed_dir=processed_dir)
    for r in flags[flags["kind"].isin(DISAGREEMENT_KINDS)].itertuples():
        rows.append({"doc_id": r.doc_id, "line": r.line, "region_name": None, "what": r.table,
                     "reported": None, "computed": None, "kind": r.kind, "detail": r.message})
    out = pd.DataFrame(rows, columns=cols)
    return out.sort_values(["doc_id", "line", "kind"]).reset_index(drop=True)
