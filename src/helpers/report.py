"""Region report: parameter validation and one builder per report section (the notebook calls these).

``validate_params(region, year, peer_group, processed_dir)`` resolves the region (code or name; papermill
turns ``11410`` on its command line into an int, which is accepted) to its current code, loads the
processed tables and returns a :class:`ReportContext`; a bad value fails at once with a message listing
the valid ones. Each ``section_*`` function takes the context and returns a :class:`~helpers.render.Fragment`.

A region's facts are those recorded under any code of its lineage (a renamed region's predecessors are
included and labelled); a 시도 report also summarises its 시군구 that have data.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from . import config, metrics, plots, stats
from .errors import DataMissingError, RegionError, ReportError
from .formatting import (
    MISSING,
    display_label,
    format_krw,
    format_number,
    format_pct,
    is_missing,
    krw_unit_for,
)
from .formatting import format_year as _year
from .formatting import label_cell as _label
from .regions import Region, registry
from .render import (
    SORT_SCRIPT,
    Col,
    Fragment,
    card,
    cards,
    download_link,
    esc,
    h3,
    note,
    row_anchor,
    status_badge,
    table,
)
from .schema import FACT_TABLES, TABLES

#: Tables whose rows belong to a region: the fact tables and ``sections`` (the line span of each region
#: a document covers, figures or not).
REGION_TABLES = (*FACT_TABLES, "sections")

PEER_GROUPS = ("all", "level", "sido")
PEER_HELP = ("peer_group: 'all' (every region with data, the default), 'level' (regions of the same level: "
             "시도 or 시군구), 'sido' (regions in the same 시도), or region codes/names separated by commas")


# -- data ------------------------------------------------------------------------------------------------

def _read_tables(processed_dir: Path | None) -> dict[str, pd.DataFrame]:
    """All processed tables, validated, through :mod:`helpers.data` (the report's single reading point).

    ``processed_dir=None`` uses the project's tables and rebuilds them when stale; an explicit folder is
    read as is. A missing table is an empty frame with the contract's columns; no table at all is an
    error that says how to build them.
    """
    from . import data

    if processed_dir is None:
        try:  # check freshness once for all tables (it reads the raw folder), not once per table
            processed_dir = data.ensure_fresh()
        except DataMissingError:
            pass  # nothing to rebuild from: each table then reports itself missing below
    found, missing = {}, []
    for name, cols in TABLES.items():
        try:
            found[name] = data.load_table(name, processed_dir=processed_dir)
        except DataMissingError:
            missing.append(name)
            found[name] = pd.DataFrame(columns=cols)
    if len(missing) == len(TABLES):
        where = processed_dir or config.PROCESSED_DIR
        raise DataMissingError(f"no processed tables in {where}: run `welfare-eval extract` first")
    for name in REGION_TABLES:
        df = found.setdefault(name, pd.DataFrame(columns=TABLES.get(name, ["doc_id", "line", "region_code"])))
        df["region_code"] = df["region_code"].astype("string").astype(object)
        df["doc_id"] = df["doc_id"].astype(str)
    return found


def regions_with_data(processed_dir: Path | None = None) -> pd.DataFrame:
    """Regions (current codes) that have at least one fact; see :func:`helpers.catalog.regions_with_data`."""
    from .catalog import regions_with_data as _rwd

    return _rwd(processed_dir)


def _valid_list(valid: pd.DataFrame) -> str:
    if valid.empty:
        return "(none: no processed data; run `welfare-eval extract`)"
    return ", ".join(f"{c} {n}" for c, n in zip(valid["region_code"], valid["region_name"], strict=False))


@dataclass
class ReportContext:
    """Everything a section needs: the region, the parameters, and the tables (year-filtered if asked)."""

    region: Region
    year: int | None
    peer_group: str
    processed_dir: Path
    tables: dict[str, pd.DataFrame]
    codes: list[str]                      # lineage codes, oldest first, current last
    peers: list[str]                      # current codes of the comparison group (incl. the region)
    valid: pd.DataFrame = field(default_factory=pd.DataFrame)
    anchors: set = field(default_factory=set)  # row ids rendered so far (quality flags link to them)

    def own(self, table: str) -> pd.DataFrame:
        """Rows of ``table`` recorded under any code of the region's lineage."""
        df = self.tables[table]
        return df[df["region_code"].isin(self.codes)].reset_index(drop=True)

    @property
    def title(self) -> str:
        return report_title(self.region, self.year)


def report_title(region: Region, year: int | None = None) -> str:
    """Page title: ``서울특별시 서대문구 (11410) 복지사업 평가 보고서`` (with the year when one is chosen)."""
    suffix = f" · {year}년" if year else ""
    return f"{region.name} ({region.code}) 복지사업 평가 보고서{suffix}"


def _normalise_code(region) -> str:
    if isinstance(region, bool):
        raise ReportError(f"region must be a code or a name, got {region!r}")
    if isinstance(region, float) and region.is_integer():
        region = int(region)
    if isinstance(region, int):
        # papermill -p region 11410 gives an int; 2-digit 시도 codes have no leading zeros to lose.
        return str(region)
    return str(region or "").strip()


def validate_params(region, year=None, peer_group=None, processed_dir=None) -> ReportContext:
    """Check the notebook's parameters and load the data; raise :class:`ReportError` listing valid values."""
    tables = _read_tables(Path(processed_dir) if processed_dir else None)
    processed_dir = Path(processed_dir) if processed_dir else config.PROCESSED_DIR
    valid = regions_with_data(processed_dir)
    text = _normalise_code(region)
    if not text:
        raise ReportError(f"parameter 'region' is empty. Valid regions: {_valid_list(valid)}")
    reg = registry()
    try:
        found = reg.resolve(text)
    except RegionError as exc:
        raise ReportError(f"region {text!r} not found ({exc}). Valid regions: {_valid_list(valid)}") from None
    current = reg.current(found.code)
    if current.code not in set(valid["region_code"]):
        raise ReportError(f"region {current.label()} has no data. Valid regions: {_valid_list(valid)}")
    codes = [r.code for r in reg.lineage(current.code)]

    if year is not None and str(year).strip() not in ("", "None"):
        try:
            year = int(float(str(year)))
        except ValueError:
            raise ReportError(f"parameter 'year' must be a year such as 2023, got {year!r}") from None
        years = sorted({int(y) for t in REGION_TABLES for y in tables[t].loc[tables[t]["region_code"].isin(codes), "year"].dropna()})
        if year not in years:
            raise ReportError(f"{current.label()} has no data for {year}. Valid years: "
                              f"{', '.join(map(str, years)) or '(none)'}")
        for t in REGION_TABLES:
            tables[t] = tables[t][tables[t]["year"] == year].reset_index(drop=True)
    else:
        year = None

    peers = _peer_codes(peer_group, current, valid)
    return ReportContext(current, year, _peer_label(peer_group), processed_dir, tables, codes, peers, valid)


def _peer_label(peer_group) -> str:
    return "all" if peer_group in (None, "", "None") else str(peer_group)


def _peer_codes(peer_group, region: Region, valid: pd.DataFrame) -> list[str]:
    reg = registry()
    all_codes = list(valid["region_code"])
    group = _peer_label(peer_group)
    if group == "all":
        return all_codes
    if group == "level":
        return [c for c in all_codes if c in reg.by_code and reg.get(c).level == region.level]
    if group == "sido":
        if region.level == "sido":
            return [c for c in all_codes if c in reg.by_code and reg.get(c).level == "sido"]
        return [c for c in all_codes if c in reg.by_code and reg.get(c).parent_code == region.parent_code]
    codes = []
    for part in group.split(","):
        try:
            codes.append(reg.current(reg.resolve(part.strip()).code).code)
        except RegionError:
            raise ReportError(f"peer_group {group!r}: {part.strip()!r} is not a region. {PEER_HELP}. "
                              f"Valid regions: {_valid_list(valid)}") from None
    missing = [c for c in codes if c not in all_codes]
    if missing:
        raise ReportError(f"peer_group {group!r}: no data for {', '.join(missing)}. Valid regions: {_valid_list(valid)}")
    return sorted(set(codes) | {region.code})


def _doc_title(docs: pd.DataFrame, doc_id: str) -> str:
    if docs is not None and not docs.empty:
        hit = docs[docs["doc_id"].astype(str) == doc_id]
        if len(hit) and isinstance(hit.iloc[0]["title"], str) and hit.iloc[0]["title"]:
            return hit.iloc[0]["title"]
    return doc_id


def _interval(est: stats.Estimate) -> str:
    if est.ok:
        return f"95% 신뢰구간(CI) {format_pct(est.low)} – {format_pct(est.high)} (n={est.n})"
    return est.note


#: How the comparison group is named to readers.
PEER_LABELS = {"all": "전체 지역", "level": "같은 수준의 지역 (시도 또는 시군구)", "sido": "같은 시도의 지역"}
LEVEL_LABELS = {"sido": "시도", "sigungu": "시군구", "gu": "일반구"}


def peer_label(group: str) -> str:
    """Korean name of a peer group: ``all`` → 전체 지역; a list of codes → 지정 지역 (codes)."""
    return PEER_LABELS.get(group, f"지정 지역 ({group})")


def _recorded_col(df: pd.DataFrame, ctx: ReportContext) -> list[Col]:
    """A 기록 코드 column when some rows were recorded under a predecessor code (renamed region)."""
    if df.empty or (df["region_code"] == ctx.region.code).all():
        return []
    df["region_label"] = df["region_code"].map(
        lambda c: "" if c == ctx.region.code else f"이전 코드 {c}" + (f" ({registry().get(c).name})" if c in registry().by_code else ""))
    return [Col("region_label", "기록 코드", _text)]


# -- the data behind the sections (report.data) ----------------------------------------------------------

#: The frames :func:`data` returns, by name, each with what it holds.
DATA_KEYS = {
    "headline": "one row per headline figure: figure, label, value, n, low/high, method, n_eff, median, q1, q3, "
                "min, max, note, scope, casebook, caveat, doc_ids",
    "indicators": "the region's indicators with achievement, status (초과달성/달성/미달성/진행 중/누적 진척/실적 미보고/"
                  "판정불가), progress (누적 진척 %), as_of and rate_check",
    "spending_items": "spending items (no 합계/소계 or department subtotal rows) with execution and rate_check",
    "spending_full": "spending_items that are full-year (charted and averaged)",
    "spending_ptd": "spending_items that are period-to-date (as_of set): shown apart",
    "budget_subtotals": "합계/소계 rows and department subtotals listed as rows: shown, never summed with items",
    "funding": "funding rows with 'restated' (the line counted instead, for a repeated amount)",
    "plan_vs_spent": "per year, planned and executed funding (each amount once)",
    "activities": "activity counts", "plan_items": "plan structure rows",
    "sources": "the documents the region's rows come from",
    "quality_flags": "quality flags on the region's part of its documents",
}


def data(region, year=None, peer_group=None, processed_dir=None) -> dict[str, pd.DataFrame]:
    """The DataFrames behind every table and chart of a region's report, keyed as in :data:`DATA_KEYS`.

    ``data("구로구")["indicators"]`` is exactly what the 목표 대비 실적 section shows; amounts are in won.
    The comparison section's frames live with it (:func:`section_comparison`).
    """
    return data_frames(validate_params(region, year, peer_group, processed_dir=processed_dir))


def data_frames(ctx: ReportContext) -> dict[str, pd.DataFrame]:
    """:func:`data` for a loaded context (the section builders render from these frames)."""
    ind = ctx.own("indicators")
    if len(ind):
        ind = metrics.add_rate_check(metrics.add_status(ind), "achievement")
        ind = ind.sort_values(["year", "doc_id", "line"]).reset_index(drop=True)
    else:
        ind = metrics.add_status(ind).assign(rate_check=pd.Series(dtype=str))
    bud = ctx.own("budgets")
    items = metrics.expenditure_items(bud)
    if len(items):
        items = metrics.add_rate_check(items, "execution").sort_values(["year", "doc_id", "line"]).reset_index(drop=True)
    full, ptd = metrics.split_period(items) if len(items) else (items, items)
    spend = bud[(bud["flow"].fillna("expenditure") == "expenditure")] if len(bud) else bud
    subtotals = spend[spend["is_total"].fillna(False).astype(bool) | metrics.aggregate_rows(spend)] if len(spend) else spend
    fund = ctx.own("funding")
    if len(fund):
        fund = fund.assign(restated=metrics.restated_from(fund, metrics.FUNDING_KEYS, "amount_krw"))
        fund = fund.sort_values(["year", "doc_id", "line"], na_position="last").reset_index(drop=True)
    docs = ctx.tables["documents"]
    ids = sorted(set().union(*[set(ctx.own(t)["doc_id"]) for t in REGION_TABLES]))
    return {
        "headline": headline_frame(ctx),
        "indicators": ind,
        "spending_items": items, "spending_full": full.reset_index(drop=True), "spending_ptd": ptd.reset_index(drop=True),
        "budget_subtotals": subtotals.sort_values(["doc_id", "line"]).reset_index(drop=True),
        "funding": fund, "plan_vs_spent": metrics.plan_vs_spent(fund) if len(fund) else metrics.plan_vs_spent(fund.iloc[0:0]),
        "activities": ctx.own("activities").sort_values(["doc_id", "line"]).reset_index(drop=True),
        "plan_items": ctx.own("plan_items").sort_values(["doc_id", "line"]).reset_index(drop=True),
        "sources": docs[docs["doc_id"].astype(str).isin(ids)].reset_index(drop=True),
        "quality_flags": region_flags(ctx).sort_values(["doc_id", "line"]).reset_index(drop=True)
        if len(ctx.tables["quality_flags"]) else ctx.tables["quality_flags"],
    }


def _comparable_items(ctx: ReportContext) -> tuple[pd.DataFrame, list[str]]:
    """Full-year spending items of the region and of the other regions in its comparable groups
    (:mod:`helpers.peers`: same level, kind of source and year), and the groups' labels."""
    from . import peers as peers_mod

    units = peers_mod.load(ctx.processed_dir, ctx.tables, ctx.year).units
    own = units[units["region_code"] == ctx.region.code]
    keys = sorted(set(own.loc[own["has_figures"], "group"]))
    members = units[units["group"].isin(keys)]
    pairs = set(zip(members["region_code"], members["doc_id"].astype(str), strict=True))
    full, _ = metrics.split_period(metrics.expenditure_items(ctx.tables["budgets"]))
    if full.empty:
        return full, [peers_mod.group_label(k) for k in keys]
    current = full["region_code"].astype(str).map(peers_mod.current_code)
    keep = [(c, str(d)) in pairs or c == ctx.region.code for c, d in zip(current, full["doc_id"], strict=True)]
    return full[keep], [peers_mod.group_label(k) for k in keys]


def _chart_data(df: pd.DataFrame, name: str, label: str = "차트 자료 CSV") -> str:
    """The download link for the data behind a chart."""
    return download_link(df, name, label)


# -- sections ----------------------------------------------------------------------------------------

def section_header(ctx: ReportContext) -> Fragment:
    """Region, parameters, lineage and the source documents (title, publisher, year, as-of date)."""
    reg = registry()
    parts = [SORT_SCRIPT,
             '<p class="meta"><a href="index.html">← 보고서 목록</a> · <a href="overview.html">전체 지역 비교</a></p>',
             f'<div class="region-title">{esc(ctx.region.name)} <span class="code">{esc(ctx.region.code)}</span></div>']
    level = LEVEL_LABELS.get(ctx.region.level, ctx.region.level)
    year = f"{ctx.year}년" if ctx.year else "전체 연도"
    parts.append(f'<p class="meta">구분: {esc(level)} · 연도: {esc(year)} · '
                 f'비교 집단: {esc(peer_label(ctx.peer_group))} ({len(ctx.peers)}곳)</p>')
    counts = {t: ctx.own(t) for t in FACT_TABLES}
    former = [c for c in ctx.codes if c != ctx.region.code]
    for code in former:
        n = sum(int((df["region_code"] == code).sum()) for df in counts.values())
        if n:
            parts.append(note(f"지역 코드 변경 전의 이전 코드 {code} ({reg.get(code).name})로 기록된 자료 {n:,}건을 "
                              f"포함합니다. 각 표의 '기록 코드' 칸에 '이전 코드 {code}'로 표시됩니다.", "info"))
    docs = ctx.tables["documents"]
    spans = ctx.own("sections").sort_values(["doc_id", "line"])
    ids = sorted(set().union(*[set(df["doc_id"]) for df in counts.values()], set(spans["doc_id"])))
    rows = []
    for d in ids:
        hit = docs[docs["doc_id"].astype(str) == d]
        info = hit.iloc[0].to_dict() if len(hit) else {"doc_id": d}
        info["n_rows"] = sum(int((df["doc_id"] == d).sum()) for df in counts.values())
        info["span"] = ", ".join(_span_text(s) for s in spans[spans["doc_id"] == d].itertuples()) or MISSING
        rows.append(info)
    src = pd.DataFrame(rows)
    for col in ("title", "publisher", "year", "as_of", "file", "format", "url"):
        if col not in src:
            src[col] = None
    n_facts = sum(len(df) for df in counts.values())
    if n_facts == 0 and len(spans):
        parts.append(note(no_figures_sentence(ctx, spans), "empty"))
    parts.append(h3("출처 문서"))
    parts.append(table(src, [Col("doc_id", "문서 ID"), Col("title", "제목", _label, wrap=True),
                             Col("publisher", "발행기관", _label, wrap=True), Col("year", "연도", _year),
                             Col("as_of", "기준일", _text), Col("file", "원본 파일", _text, wrap=True),
                             Col("format", "형식", _text), Col("url", "출처 URL", _text, wrap=True),
                             Col("span", "이 지역 수록 범위", _text),
                             Col("n_rows", "추출된 자료 행", format_number, True)], provenance=False,
                       download=f"{ctx.region.code}_sources"))
    if len(spans):
        parts.append(h3("문서에서 이 지역을 다루는 부분"))
        spans = spans.assign(span=[_span_text(s) for s in spans.itertuples()])
        parts.append(table(spans, [Col("title", "부분 제목", _label, wrap=True), Col("year", "연도", _year),
                                   Col("span", "행 범위", _text)]))
    summary = ", ".join(f"{_TABLE_KO[t]} {len(df):,}" for t, df in counts.items() if len(df))
    parts.append(f'<p class="meta">이 지역의 자료: {esc(summary or "추출된 수치 없음")}</p>')
    return Fragment("".join(parts))


def section_summary(ctx: ReportContext, frames: dict | None = None) -> Fragment:
    """Three to five sentences written from the figures: what was achieved, what was spent, what stands
    out, and what the data cannot say (scope, casebook selection, period-to-date, few effective items)."""
    frames = frames or data_frames(ctx)
    head = frames["headline"].set_index("figure")
    ind = frames["indicators"]
    sents = []
    sh, ex, tb = head.loc["share_achieved"], head.loc["execution"], head.loc["reported_budget"]
    if sh["n"]:
        sents.append(f"성과: 목표와 연간 실적이 함께 있는 지표 {int(sh['n'])}개 중 {int(sh['k'])}개({format_pct(sh['value'])})가 "
                     f"목표를 달성했습니다 (범위: {sh['scope']}).")
    else:
        sents.append("성과: 목표와 연간 실적이 함께 있어 달성 여부를 판정할 수 있는 지표가 없습니다.")
    money = []
    if not is_missing(tb["value"]):
        money.append(f"보고된 예산은 {tb['label']} {format_krw(tb['value'])}입니다(지역 전체 예산이 아니라 문서가 보고한 범위).")
    if ex["n"]:
        money.append(f"연간 지출 항목 {int(ex['n'])}개의 예산가중 집행률은 {format_pct(ex['value'])}, 항목별 집행률의 중앙값은 "
                     f"{format_pct(ex['median'])}입니다.")
    if money:
        sents.append("지출: " + " ".join(money))
    judged = ind[ind["status"].isin(metrics.STATUSES) & ind["achievement"].notna()] if len(ind) else ind
    if len(judged):
        low = judged.sort_values(["achievement", "line"]).iloc[0]
        if low["status"] == metrics.UNDER:
            sents.append(f"눈에 띄는 점: 달성률이 가장 낮은 지표는 {display_label(low['indicator'])}"
                         f"({display_label(low['program']) if isinstance(low['program'], str) and low['program'] else '사업명 없음'}) "
                         f"{format_pct(low['achievement'])}입니다 ({low['doc_id']}:{int(low['line'])}).")
        mism = int((ind["rate_check"] == metrics.CHECK_MISMATCH).sum())
        if mism:
            sents.append(f"문서에 인쇄된 달성률과 계산값이 다른 지표가 {mism}건 있습니다.")
    caveats = []
    if sh["casebook"] or ex["casebook"] or tb["casebook"]:
        caveats.append("출처에 우수사례집이 있어 성과가 좋은 사례만 실려 있습니다")
    statuses = ind["status"].value_counts() if len(ind) else pd.Series(dtype=int)
    not_judged = {s: int(statuses.get(s, 0)) for s in (metrics.IN_PROGRESS, metrics.CUMULATIVE, metrics.NOT_REPORTED, metrics.NO_STATUS)}
    if any(not_judged.values()):
        caveats.append("판정하지 않은 지표 " + ", ".join(f"{k} {v}건" for k, v in not_judged.items() if v))
    if len(frames["spending_ptd"]):
        caveats.append("기간 중(as of) 집행 수치는 연간 수치와 따로 보아야 합니다")
    if ex["n"] and not ex["interval_ok"] and not is_missing(ex["n_eff"]):
        caveats.append(f"예산이 몇 항목에 몰려 집행률의 유효표본 수가 {ex['n_eff']:.1f}에 불과합니다")
    if len(sents) < 3:  # little to say from figures: say what the documents hold for this region
        held = ", ".join(f"{_TABLE_KO[t]} {len(frames[k]):,}행" for t, k in (
            ("indicators", "indicators"), ("budgets", "spending_items"), ("funding", "funding"),
            ("activities", "activities"), ("plan_items", "plan_items")) if len(frames[k]))
        if held:
            sents.append(f"자료: 이 지역에 대해 추출된 것은 {held}이며, 모두 아래 표와 CSV에 있습니다.")
    caveats.append("수치는 문서가 보고한 범위(문서·사업·연도)에 대한 것이며 지역 전체를 대표하지 않습니다")
    sents.append("이 자료로 말할 수 없는 것: " + "; ".join(caveats) + ".")
    if not has_figures(ctx):
        sents = [no_figures_sentence(ctx)]
    return Fragment('<div class="summary">' + "".join(f"<p>{esc(t)}</p>" for t in sents[:5]) + "</div>")


def _span_text(row) -> str:
    """``3022–3507행`` for a sections row (one line when the span is a single line)."""
    if is_missing(row.end_line) or int(row.end_line) == int(row.line):
        return f"{int(row.line)}행"
    return f"{int(row.line)}–{int(row.end_line)}행"


def has_figures(ctx: ReportContext) -> bool:
    """Whether any fact row (indicator, budget, funding, activity, plan item) belongs to the region."""
    return any(len(ctx.own(t)) for t in FACT_TABLES)


def no_figures_sentence(ctx: ReportContext, spans: pd.DataFrame | None = None) -> str:
    """The plain statement for a region a document covers without extractable figures, naming where."""
    spans = ctx.own("sections") if spans is None else spans
    where = "; ".join(f"「{display_label(_doc_title(ctx.tables['documents'], d))}」({d}) {', '.join(_span_text(s) for s in g.itertuples())}"
                      for d, g in spans.sort_values(["doc_id", "line"]).groupby("doc_id", sort=True))
    return (f"이 지역은 {where}에서 다루어지지만, 그 부분에서 추출할 수 있는 수치(성과지표의 목표·실적, 예산·집행, "
            f"재원, 활동 실적, 계획 항목)가 없습니다. 사례 서술 등 글로만 소개되어 있으므로 아래 출처의 해당 행을 "
            f"직접 보십시오.")


_TABLE_KO = {"indicators": "성과지표", "budgets": "예산", "funding": "재원", "activities": "활동 실적",
             "plan_items": "계획 항목"}


def _text(x) -> str:
    return MISSING if is_missing(x) or str(x) == "" else str(x)


def headline_frame(ctx: ReportContext) -> pd.DataFrame:
    """One row per headline figure (share achieved, weighted execution, reported budget) with its value,
    interval and method, the spread of item rates, and its scope (:func:`helpers.metrics.figure_scope`)."""
    docs = ctx.tables["documents"]
    ind = metrics.add_status(ctx.own("indicators"))
    bud = ctx.own("budgets")
    judged = ind[ind["status"].isin(metrics.STATUSES)] if len(ind) else ind
    share = stats.share_achieved(ind["status"] if len(ind) else [])
    items = metrics.expenditure_items(bud)
    full, _ = metrics.split_period(items) if len(items) else (items, items)
    rated = full[full["budget_krw"].gt(0) & full["spent_krw"].notna()] if len(full) else full
    exe = stats.weighted_execution(rated["budget_krw"], rated["spent_krw"]) if len(rated) else stats.weighted_execution([], [])
    src = metrics.budget_total_source(bud)
    rows = []
    spans = ctx.own("sections")
    for key, est, scope in (("share_achieved", share, metrics.figure_scope("share", judged, docs, ctx.region.name, sections=spans, budgets=bud)),
                            ("execution", exe, metrics.figure_scope("execution", rated, docs, ctx.region.name, sections=spans))):
        rows.append({"figure": key, "label": scope.label, "value": est.value, "n": est.n, "low": est.low,
                     "high": est.high, "interval_ok": est.ok, "method": est.extra.get("method", "Wilson" if key == "share_achieved" else ""),
                     "n_eff": est.extra.get("n_eff"), "median": est.extra.get("median"), "q1": est.extra.get("q1"),
                     "q3": est.extra.get("q3"), "min": est.extra.get("min"), "max": est.extra.get("max"),
                     "k": est.extra.get("k"), "note": est.note, "scope": scope.text, "casebook": scope.casebook,
                     "caveat": scope.note, "doc_ids": ", ".join(scope.doc_ids)})
    scope = metrics.figure_scope("total_budget", bud, docs, ctx.region.name, src)
    rows.append({"figure": "reported_budget", "label": scope.label, "value": src["budget_krw"] if src else float("nan"),
                 "n": len(src["lines"]) if src else 0, "low": None, "high": None, "interval_ok": False, "method": "",
                 "n_eff": None, "median": None, "q1": None, "q3": None, "min": None, "max": None, "k": None,
                 "note": total_budget_note(src) if src else "예산액이 있는 지출 표가 없습니다.", "scope": scope.text,
                 "casebook": scope.casebook, "caveat": scope.note, "doc_ids": ", ".join(scope.doc_ids)})
    return pd.DataFrame(rows)


def section_headline(ctx: ReportContext, frames: dict | None = None) -> Fragment:
    """Share of indicators achieved (Wilson CI), budget-weighted execution (median, spread, Kish-based
    interval), the budget of what was reported; each card says what it covers."""
    frames = frames or data_frames(ctx)
    head = frames["headline"].set_index("figure")
    ind = frames["indicators"]
    bud = ctx.own("budgets")
    out = []
    sh = head.loc["share_achieved"]
    if sh["n"]:
        interval = (f"95% Wilson 신뢰구간 {format_pct(sh['low'])} – {format_pct(sh['high'])}" if sh["interval_ok"]
                    else sh["note"])
        out.append(card(sh["label"], format_pct(sh["value"]), f"{int(sh['k'])}/{int(sh['n'])}개 지표 달성 · {interval}",
                        sh["scope"], sh["caveat"]))
    else:
        out.append(card(sh["label"], "자료 없음", "이 지역에는 목표와 연간 실적이 함께 있는 지표가 없습니다.", sh["scope"]))
    ex = head.loc["execution"]
    if ex["n"]:
        spread = (f"항목별 집행률 중앙값 {format_pct(ex['median'])}, 사분위 {format_pct(ex['q1'])}–{format_pct(ex['q3'])}, "
                  f"범위 {format_pct(ex['min'])}–{format_pct(ex['max'])}")
        interval = (f"95% 구간 {format_pct(ex['low'])} – {format_pct(ex['high'])} ({ex['method']}, 유효 n={ex['n_eff']:.1f})"
                    if ex["interval_ok"] else ex["note"])
        out.append(card(ex["label"], format_pct(ex["value"]), f"Σ집행 ÷ Σ예산 · {spread} · {interval}", ex["scope"], ex["caveat"]))
    else:
        out.append(card(ex["label"], "자료 없음", "예산과 집행액이 함께 있는 연간 지출 항목이 없습니다.", ex["scope"]))
    tb = head.loc["reported_budget"]
    src = metrics.budget_total_source(bud)
    unit = krw_unit_for(bud["budget_krw"]) if len(bud) else None  # one money unit for the section
    out.append(_total_card(src, metrics.document_budget_totals(bud), tb, unit))
    html = cards(out)
    n_prog = int((ind["status"] == metrics.IN_PROGRESS).sum()) if len(ind) else 0
    if n_prog:
        months = ", ".join(sorted(set(ind.loc[ind["status"] == metrics.IN_PROGRESS, "as_of"])))
        html += note(f"기간 중 실적 {n_prog}건 (as of {months})은 연간 목표에 대한 연도 중간 수치이므로 달성 비율에서 제외했습니다.", "warn")
    other = {s: int((ind["status"] == s).sum()) for s in (metrics.CUMULATIVE, metrics.NOT_REPORTED, metrics.NO_STATUS)} if len(ind) else {}
    if any(other.values()):
        html += note("달성 비율에 들어가지 않는 지표: " + ", ".join(f"{s} {n}건" for s, n in other.items() if n)
                     + " (누적 진척 = 최종 목표 대비 진행 정도이며 미달성이 아님; 실적 미보고 = 목표만 있음; 판정불가 = 숫자가 아닌 목표).", "info")
    ptd = frames["spending_ptd"]
    if len(ptd):
        for month in sorted(set(ptd["as_of"])):
            html += note(_ptd_sentence(bud, month, unit), "warn")
    if not has_figures(ctx):
        html += note(no_figures_sentence(ctx), "empty")
    elif not sh["n"]:
        html += note("이 지역에는 목표 대비 실적 자료가 없습니다 (연간 실적 기준). 아래에는 있는 자료만 보여 줍니다.", "empty")
    return Fragment(html)


def _ptd_sentence(budgets: pd.DataFrame, month: str, unit: str | None = None) -> str:
    """Period-to-date execution for one as-of month: the largest printed 합계 row with budget and spent
    (tables of one document restate the same money, so their items are not pooled), else the items with
    both figures, each amount counted once."""
    month_rows = budgets[budgets["as_of"].map(metrics.as_of_month) == month]
    rows = month_rows[month_rows["budget_krw"].gt(0) & month_rows["spent_krw"].notna() & (month_rows["flow"].fillna("expenditure") == "expenditure")]
    totals = rows[rows["is_total"].fillna(False).astype(bool)]
    tail = "연도 중간 수치이므로 위의 연간 수치와 비교하지 마십시오."
    if len(totals):
        top = totals.sort_values(["budget_krw", "line"], ascending=[False, True]).iloc[0]
        rate = metrics.execution_rate(top["budget_krw"], top["spent_krw"])
        return (f"기간 중 집행률 (as of {month}): {format_pct(rate)} — {display_label(top['item'] or '합계')} 행 "
                f"({top['doc_id']}:{int(top['line'])}), 예산 {format_krw(top['budget_krw'], unit)} 중 {format_krw(top['spent_krw'], unit)} 집행. {tail}")
    items = rows[metrics.restated_from(rows, metrics.BUDGET_KEYS, "budget_krw").isna()]
    if items.empty:
        return (f"기간 중(as of {month}) 항목 {len(month_rows)}개는 예산만 있고 그 시점의 집행액이 인쇄되지 않아 "
                f"집행률을 내지 않습니다.")
    rate = metrics.weighted_execution_point(items["budget_krw"], items["spent_krw"])
    return (f"기간 중 집행률 (as of {month}): {format_pct(rate)} ({len(items)}개 항목의 집행 합 ÷ 예산 합, 예산 "
            f"{format_krw(items['budget_krw'].sum(), unit)}). {tail}")


def total_budget_note(src: dict) -> str:
    """Where a 총 예산 comes from: ``2024년 · 예산현액 총괄표 합계 행 · 001_…:102 · 2024-03 기준``."""
    lines = src["lines"]
    where = f"{src['doc_id']}:{lines[0]}" if len(lines) == 1 else f"{src['doc_id']}:{lines[0]}–{lines[-1]} ({len(lines)}개 행)"
    table_name = f"{display_label(src['scope'])} 표의 " if src["scope"] else ""
    basis = f" ({display_label(src['basis'])})" if src["basis"] else ""
    parts = [src["period"], f"{table_name}{src['how']}{basis}", where]
    if src.get("as_of"):
        parts.append(f"{src['as_of']} 기준 예산액")
    return " · ".join(parts)


def _total_card(src: dict | None, per_doc: pd.DataFrame, row=None, unit: str | None = None) -> str:
    label = row["label"] if row is not None else "보고된 예산"
    if src is None:
        return card(label, "자료 없음", "예산액이 있는 지출 표가 없습니다.")
    sub = total_budget_note(src)
    others = per_doc[per_doc["doc_id"] != src["doc_id"]]
    if len(others):
        sub += " · 다른 문서(더하지 않음): " + "; ".join(
            f"{r.doc_id} {r.period} {format_krw(r.budget_krw, unit)}" for r in others.itertuples())
    return card(label, format_krw(src["budget_krw"], unit), sub, row["scope"] if row is not None else "",
                row["caveat"] if row is not None else "")


def section_targets(ctx: ReportContext, frames: dict | None = None) -> Fragment:
    """Chart per document/year group and a table with status and the printed-vs-computed rate check."""
    frames = frames or data_frames(ctx)
    ind = frames["indicators"]
    parts = []
    if ind.empty:
        parts.append(note("이 지역에는 목표·실적(성과지표) 자료가 없습니다.", "empty"))
    else:
        for (year, doc), grp in ind.groupby(["year", "doc_id"], sort=True):
            chartable = grp[grp["achievement"].notna()]
            title = f"{int(year)}년 성과지표 달성률 — {_short_title(ctx, doc)}"
            for start in range(0, len(chartable), 20):
                fig = plots.achievement_chart(chartable.iloc[start:start + 20], title)
                parts.append(plots.to_png_html(fig, title))
            if len(chartable):
                parts.append(_chart_data(chartable, f"{ctx.region.code}_achievement_{int(year)}_{doc}"))
        counts = ind["status"].value_counts()
        parts.append(f'<p class="meta">상태별: {esc(" · ".join(f"{s} {int(counts.get(s, 0))}" for s in metrics.ALL_STATUSES if counts.get(s, 0)))}</p>')
        if counts.get(metrics.CUMULATIVE, 0):
            parts.append(note("누적 진척: 연차별 목표가 최종 목표를 향해 쌓이는 로드맵입니다 (예: 6 → 10 → 15개동). 인쇄된 "
                              "비율은 그 해 목표의 최종 목표 대비 진척도(해당 연도 목표 ÷ 최종 목표)이며, 목표 미달을 뜻하지 않습니다.", "info"))
        cols = [Col("year", "연도", _year), Col("scope", "계획·표", _label, wrap=True), Col("program", "사업명", _label, wrap=True),
                Col("indicator", "성과지표", _label, wrap=True),
                Col("unit", "단위", _text), Col("target", "목표", format_number, True),
                Col("actual", "실적", format_number, True), Col("achievement", "달성률(계산)", format_pct, True),
                Col("reported_rate", "보고 비율", format_pct, True),
                Col("progress", "누적 진척(최종 목표 대비)", format_pct, True),
                Col("status", "상태", _text, css=status_badge), Col("rate_check", "보고-계산 검증", _text, css=_check_css),
                Col("as_of", "기준일", _text), *_recorded_col(ind, ctx)]
        parts.append(h3("지표별 목표와 실적"))
        parts.append(table(ind, cols, download=f"{ctx.region.code}_indicators", anchors=ctx.anchors))
        mism = ind[ind["rate_check"] == metrics.CHECK_MISMATCH]
        if len(mism):
            parts.append(note(f"문서에 인쇄된 달성률과 목표·실적으로 계산한 달성률이 다른 지표 {len(mism)}건: "
                              "표의 '불일치' 행을 보십시오.", "warn"))
    plan = frames["plan_items"]
    if len(plan):
        parts.append(h3(f"사업 계획 구조 ({len(plan):,}개 항목)"))
        parts.append(table(plan, [
            Col("goal", "전략목표", _label, wrap=True), Col("task", "핵심과제", _label, wrap=True), Col("project", "세부사업", _label, wrap=True),
            Col("department", "담당부서", _label), *_recorded_col(plan, ctx)], download=f"{ctx.region.code}_plan_items",
            anchors=ctx.anchors))
    act = frames["activities"]
    if len(act):
        parts.append(h3(f"활동 실적 ({len(act):,}건)"))
        parts.append(table(act, [
            Col("year", "연도", _year), Col("program", "사업명", _label, wrap=True), Col("item", "항목", _label, wrap=True),
            Col("measure", "측정 단위", _text), Col("value", "값", format_number, True), *_recorded_col(act, ctx)],
            download=f"{ctx.region.code}_activities", anchors=ctx.anchors))
    return Fragment("".join(parts))


def _short_title(ctx: ReportContext, doc_id: str, width: int = 28) -> str:
    """A document's title for a chart heading (cut to ``width``), or its ID when it has none."""
    title = display_label(_doc_title(ctx.tables["documents"], doc_id))
    return title if len(title) <= width else title[: width - 1] + "…"


def _check_css(value) -> str:
    return "chk-bad" if value == metrics.CHECK_MISMATCH else ""


def section_spending(ctx: ReportContext, frames: dict | None = None) -> Fragment:
    """Budget vs spent by program, execution-rate distribution, funding composition, plan vs spent by year.

    Period-to-date rows (as_of) are shown in their own labelled block, never pooled with full-year rows;
    합계/소계 and department subtotal rows are listed apart and enter no sum, chart or distribution. One
    money unit for the whole section; the exact won figure is in each cell's tooltip and in the CSVs.
    """
    frames = frames or data_frames(ctx)
    items, full, ptd = frames["spending_items"], frames["spending_full"], frames["spending_ptd"]
    fund, subtotals = frames["funding"], frames["budget_subtotals"]
    code = ctx.region.code
    parts = []
    amounts = [items.get("budget_krw", []), items.get("spent_krw", []), fund.get("amount_krw", [])]
    unit = krw_unit_for([v for col in amounts for v in col])
    money = lambda x: format_krw(x, unit, suffix=False)  # noqa: E731 - unit in the header
    if items.empty:
        parts.append(note("이 지역에는 지출 예산·집행 자료가 없습니다.", "empty"))
    else:
        parts.append(f'<p class="meta">이 절의 금액 단위: {unit} (칸에 마우스를 올리면 원 단위 금액, CSV는 원 단위)</p>')
        cols = [Col("year", "연도", _year), Col("scope", "구분", _label, wrap=True), Col("item", "항목", _label, wrap=True),
                Col("program", "사업명", _label, wrap=True), Col("basis", "예산 기준", _label),
                Col("budget_krw", f"예산 ({unit})", money, True, exact=True), Col("spent_krw", f"집행 ({unit})", money, True, exact=True),
                Col("execution", "집행률(계산)", format_pct, True), Col("reported_rate", "보고 집행률", format_pct, True),
                Col("rate_check", "보고-계산 검증", _text, css=_check_css), *_recorded_col(items, ctx)]
        if len(full):
            parts.extend(_budget_chart(full, "사업별 예산 대비 집행 (연간)", unit))
            parts.append(h3("연간 예산과 집행"))
            parts.append(table(full, cols, download=f"{code}_spending_full_year", anchors=ctx.anchors))
        for month, grp in ptd.groupby("as_of", sort=True):
            label = metrics.period_label(month)
            parts.append(h3(f"기간 중 집행 — {label} (연도 중간 수치)"))
            parts.append(note(f"{month} 기준의 연도 중간 수치입니다 ({label}). 연간 수치와 섞거나 비교하지 마십시오.", "warn"))
            parts.extend(_budget_chart(grp, f"예산 대비 집행 ({label})", unit))
            parts.append(table(grp, cols, download=f"{code}_spending_{month}", anchors=ctx.anchors))
        # distribution: this region's full-year items against the items of the other regions of its
        # comparable groups only (same level, kind of source and year: helpers.peers), never everyone's
        all_full, groups = _comparable_items(ctx)
        mine = all_full["region_code"].isin(ctx.codes)
        if len(full) and all_full["execution"].notna().sum() >= 2:
            parts.append(plots.to_png_html(plots.execution_distribution(
                all_full.loc[mine, "execution"], all_full.loc[~mine, "execution"], "집행률 분포 (연간 지출 항목)"),
                "집행률 분포"))
            parts.append(note("회색은 같은 비교 집단(" + ", ".join(groups) + ")에 속한 다른 지역의 연간 지출 항목입니다. "
                              "수준·자료 종류·연도가 다른 자료의 항목은 넣지 않았습니다."
                              if (~mine).any() else "같은 비교 집단에 다른 지역의 연간 지출 항목이 없어 이 지역의 항목만 보입니다.",
                              "info"))
            parts.append(_chart_data(all_full.assign(this_region=mine)[["doc_id", "line", "region_code", "region_name", "year",
                                                                         "item", "budget_krw", "spent_krw", "execution", "this_region"]],
                                     f"{code}_execution_distribution"))
    if len(subtotals):
        parts.append(h3(f"합계·소계·부서 소계 행 ({len(subtotals):,}개, 합산하지 않음)"))
        parts.append(note("아래 행은 항목들의 합계이거나(합계·소계), 다른 표 전체를 한 줄로 다시 적은 부서 소계입니다. "
                          "항목과 함께 더하거나 차트·분포에 넣지 않고, 확인용으로만 보여 줍니다.", "info"))
        parts.append(table(subtotals, [
            Col("year", "연도", _year), Col("scope", "구분", _label, wrap=True), Col("item", "항목", _label, wrap=True),
            Col("basis", "예산 기준", _label), Col("budget_krw", f"예산 ({unit})", money, True, exact=True),
            Col("spent_krw", f"집행 ({unit})", money, True, exact=True), Col("as_of", "기준일", _text)],
            download=f"{code}_budget_subtotals", anchors=ctx.anchors))
    if len(fund):
        parts.append(h3("재원 구성"))
        counted = metrics.counted_funding(fund)
        if (counted["source"] != "계").any() and counted["amount_krw"].notna().any():
            shown = counted[counted["amount_krw"].notna()]
            parts.append(plots.to_png_html(plots.funding_composition(shown), "재원 구성"))
            parts.append(_chart_data(shown.drop(columns=["restated"], errors="ignore"), f"{code}_funding_composition"))
        n_restated = int(fund["restated"].notna().sum())
        if n_restated:
            parts.append(note(f"같은 금액이 여러 행에 적힌 경우(예: 본문의 총사업비와 계획표의 계) 한 번만 합산합니다: "
                              f"아래 표의 '합산' 칸에 '중복'으로 표시된 {n_restated}개 행은 차트와 합계에 들어가지 않습니다.", "info"))
        parts.append(table(fund, [
            Col("year", "연도", _year), Col("program", "사업명", _label, wrap=True), Col("source", "재원", _text),
            Col("source_label", "재원(원문)", _label, wrap=True), Col("stage", "단계", lambda s: {"plan": "계획", "executed": "집행"}.get(s, _text(s))),
            Col("amount_krw", f"금액 ({unit})", money, True, exact=True),
            Col("restated", "합산", lambda x: "포함" if is_missing(x) else f"중복 ({int(x)}행과 같은 금액)"),
            *_recorded_col(fund, ctx)], download=f"{code}_funding", anchors=ctx.anchors))
        by_year = frames["plan_vs_spent"]
        if len(by_year) >= 2:
            parts.append(plots.to_png_html(plots.plan_vs_spent_by_year(by_year), "연도별 계획 대비 집행"))
            parts.append(_chart_data(by_year, f"{code}_plan_vs_spent"))
    if not parts:
        parts.append(note("지출·재원 자료가 없습니다.", "empty"))
    return Fragment("".join(parts))


def _budget_chart(items: pd.DataFrame, title: str, unit: str = "", top: int = 15) -> list[str]:
    """Budget-vs-spent bars for the items that have both (a budget alone compares nothing), with a line
    saying how many items the chart shows; nothing when no item has a spent amount."""
    rated = items[items["budget_krw"].gt(0) & items["spent_krw"].notna()]
    if rated.empty:
        return []
    shown = min(top, len(rated))
    caption = (f"예산과 집행액이 함께 있는 항목 {len(rated):,}개" + (f" 중 예산 상위 {shown}개" if len(rated) > top else "")
               + (f"; 집행액이 없는 {len(items) - len(rated):,}개 항목은 아래 표에만 있습니다." if len(items) > len(rated) else "."))
    return [plots.to_png_html(plots.budget_vs_spent(rated, title, max_items=top), title),
            f'<p class="meta">{esc(caption)}</p>',
            _chart_data(rated[["doc_id", "line", "year", "scope", "item", "program", "budget_krw", "spent_krw", "execution",
                               "as_of"]], f"budget_vs_spent_{'_'.join(sorted({str(d) for d in rated['doc_id']}))}_{len(rated)}")]


def section_comparison(ctx: ReportContext) -> Fragment:
    """Comparison with other regions, like for like (same level, kind of source and year): see
    :mod:`helpers.comparison`; the figures are computed once per batch (:mod:`helpers.peers`)."""
    from .comparison import section_comparison as build

    return build(ctx)


def section_quality(ctx: ReportContext, frames: dict | None = None) -> Fragment:
    """Quality flags raised on the region's documents near its rows, with document and line; each flag
    links to the table row it concerns when that row is shown in the report."""
    from .index import QUALITY_ANCHOR

    flags = (frames or data_frames(ctx))["quality_flags"]
    anchor = f'<div id="{QUALITY_ANCHOR}"></div>'  # the index and the overview link flag counts here
    if flags.empty:
        return Fragment(anchor + note("이 지역의 자료에 대한 품질 경고가 없습니다.", "info"))
    counts = flags["kind"].value_counts()
    head = f'<p class="meta">유형별: {esc(" · ".join(f"{flag_kind_label(k)} {n}" for k, n in counts.items()))}</p>'

    def target(row) -> str:
        """The row the flag concerns: the one at its line, else (a flag on a table's header or unit line)
        the first row shown within the next 10 lines of the same document."""
        if is_missing(row.get("line")):
            return ""
        line = int(row.get("line"))
        for ln in range(line, line + 11):
            anchor = row_anchor(row.get("doc_id"), ln)
            if anchor in ctx.anchors:
                return f"#{anchor}"
        return ""

    flags = flags.assign(row_ref=[f"{d}:{int(ln)}" if not is_missing(ln) else MISSING
                                  for d, ln in zip(flags["doc_id"], flags["line"], strict=False)])
    linked = sum(1 for _, r in flags.iterrows() if target(r))
    head += (f'<p class="meta">해당 행 칸의 링크는 보고서 표의 그 행으로 갑니다 ({linked}/{len(flags)}건; 링크가 없는 경고는 '
             f'표에 행이 없는 문서 부분에 대한 것입니다).</p>')
    return Fragment(anchor + head + table(flags, [
        Col("table", "표", lambda t: _TABLE_KO.get(t, _text(t))), Col("kind", "유형", flag_kind_label),
        Col("severity", "심각도", lambda s: SEVERITY_KO.get(s, _text(s))),
        Col("message", "내용", _text, wrap=True), Col("row_ref", "해당 행", _text, href=target)],
        download=f"{ctx.region.code}_quality_flags"))


#: Korean names of quality-flag kinds; the code stays in parentheses so readers can match the CSV.
FLAG_KINDS_KO = {"rate_mismatch": "비율 불일치", "total_mismatch": "합계 불일치", "unit_unknown": "단위 미상",
                 "unit_inferred": "단위 추정", "region_unknown": "지역 미상", "unparsed_row": "읽지 못한 행",
                 "year_unknown": "연도 미상", "encoding": "인코딩", "split_unparsed": "재원 분할 미해석",
                 "labels_unaligned": "항목명 정렬 불일치", "target_text": "문자 목표", "superseded_table": "대체된 표"}
SEVERITY_KO = {"error": "오류", "warning": "경고", "warn": "경고", "info": "참고"}


def flag_kind_label(kind) -> str:
    """``total_mismatch`` → ``합계 불일치 (total_mismatch)``; an unknown kind is shown as is."""
    if is_missing(kind) or str(kind) == "":
        return MISSING
    ko = FLAG_KINDS_KO.get(str(kind))
    return f"{ko} ({kind})" if ko else str(kind)


def region_flags(ctx: ReportContext) -> pd.DataFrame:
    """Flags of the documents the region's facts come from, limited to the line span of its rows there
    (a document covering many regions, such as a casebook, has its flags split by region this way).
    The rule lives in :func:`helpers.data.flags_for_region`, shared with ``load_quality_flags(region=…)``."""
    from .data import flags_for_region

    return flags_for_region(ctx.tables["quality_flags"], ctx.tables, ctx.codes)


def section_method(ctx: ReportContext) -> Fragment:
    """Definitions, formulas and caveats."""
    items = [
        "달성률 (achievement) = 실적 ÷ 목표 × 100. 낮을수록 좋은 지표(감소·단축)는 목표 ÷ 실적 × 100.",
        "상태: 초과달성 = 달성률 100% 초과, 달성 = 소수 첫째 자리에서 반올림해 100%, 미달성 = 100% 미만. "
        "판정하지 않는 상태: 진행 중 = 월 기준(as of) 연도 중간 실적, 누적 진척 = 최종 목표를 향해 쌓이는 로드맵의 연차 목표"
        "(인쇄된 비율 = 그 해 목표 ÷ 최종 목표, 미달이 아님), 실적 미보고 = 목표만 있고 실적이 없음, 판정불가 = 목표가 숫자가 "
        "아님(예: 인증). 12월 말 기준일(예: 2023. 12. 31. 기준)은 연간 실적입니다.",
        "집행률 (execution) = 집행액 ÷ 예산 × 100. 보고 값과 계산 값이 인쇄 정밀도의 절반(정수 ±0.5, 소수 한 자리 ±0.05)을 넘게 다르면 '불일치'.",
        f"달성 비율의 신뢰구간은 Wilson 구간입니다. 예산가중 집행률은 Σ집행 ÷ Σ예산이며, 항목은 문서가 보고한 전체(표본이 "
        f"아님)입니다. 함께 항목별 집행률의 중앙값·사분위·범위를 보여 줍니다. 구간은 예산 가중 분산과 Kish 유효표본 수 "
        f"(Σ예산)² ÷ Σ예산²에 기초한 t 구간이며, 유효표본 수나 표본이 {stats.MIN_N_INTERVAL} 미만이면 내지 않습니다 "
        f"(예산이 몇 항목에 몰리면 항목 수가 많아도 유효표본 수는 작습니다).",
        "합계·소계 행과 다른 표 전체를 한 줄로 다시 적은 부서 소계 행(예: 총괄표의 부서별 행)은 항목과 함께 더하거나 "
        "차트·분포에 넣지 않고 따로 보여 줍니다.",
        "각 핵심 지표 카드의 '범위'는 그 수치가 다루는 문서, 표·사업 범위, 연도와 기준일입니다. 예산 카드는 문서가 보고한 "
        "범위의 예산(예: 한 실·국의 예산현액, 우수사례 사업의 예산 합계)이며 지역 전체 예산이 아닙니다. 우수사례집은 성과가 "
        "좋아 선정된 사례만 실려 있습니다.",
        "모든 표는 전체 행을 보여 주며(머리글을 누르면 정렬), 표와 차트 아래의 CSV 링크로 원 단위 정확한 값을 내려받을 수 "
        "있습니다. 품질 경고의 '해당 행' 링크는 보고서 표의 그 행으로 갑니다.",
        f"사업 모형: 모든 지역의 사업(문서·지역·연도·사업명으로 지표와 예산을 연결)에 대해 달성률 ~ 집행률 + log(예산)의 "
        f"최소제곱 회귀(HC3 표준오차), 사업이 {stats.MIN_N_MODEL}개 미만이면 적합하지 않습니다. 관찰 자료의 연관이며 인과가 아닙니다.",
        "기간 중(as of YYYY-MM) 수치는 연간 수치와 따로 표시하며 평균·비교에 섞지 않습니다.",
        "같은 돈의 중복 계산 방지: 문서는 같은 금액을 여러 번 적습니다(본문의 '총사업비 : 1,682백만원'과 계획표의 계 칸, "
        "총괄표 합계와 부서별 합계). 처리된 표는 추적을 위해 모든 행을 두지만, 합산할 때는 같은 문서·지역·사업·단계(또는 예산 기준)·"
        "연도·재원(또는 항목) 안에서 서로 다른 행에 적힌 같은 금액을 한 번만 셉니다. 표의 행을 본문의 재진술보다 먼저, 그다음 "
        "수치가 더 많은 행, 더 앞의 행을 택합니다. 같은 행의 여러 칸(예: 2014년 7월이전과 7월~12월)은 서로 다른 수치입니다. "
        "재원 구성, 연도별 계획 대비 집행, 보고된 예산, 목록과 전체 비교가 모두 이 규칙을 씁니다.",
        "보고된 예산: 한 문서의 표들은 같은 돈을 여러 관점(총괄·부서별·사업별·소요예산)으로 보여 주므로 더하지 않습니다. "
        "문서마다, 연도가 없는 다년도 계획의 계(전체 기간 합계)가 있으면 그 값, 없으면 그 문서의 주 연도(예산 행이 가장 많은 "
        "연도)의 표 가운데 가장 큰 표 합계(합계 행, 없으면 항목 합)를 씁니다. 예산액은 집행액이 기간 중(as of) 수치인 행에서도 "
        "연간 편성액이므로 포함합니다. 보고된 예산은 가장 최근 문서가 보고한 범위의 값이며(지역 전체 예산이 아님), 다른 문서의 값은 더하지 않고 따로 적습니다.",
        "모든 수치의 '출처' 칸은 문서 ID와 행 번호이며, 마우스를 올리면 원문 행이 보입니다.",
    ]
    return Fragment("<ul class='method'>" + "".join(f"<li>{esc(t)}</li>" for t in items) + "</ul>")


# -- overview (all regions side by side) -------------------------------------------------------------

def overview(processed_dir=None) -> Fragment:
    """All regions side by side, one table per comparable group: see :func:`helpers.comparison.overview`."""
    from .comparison import overview as build

    return build(processed_dir)


def load_tables(processed_dir=None) -> dict[str, pd.DataFrame]:
    """The processed tables for notebooks and the index (see :func:`_read_tables`)."""
    return _read_tables(Path(processed_dir) if processed_dir else None)
