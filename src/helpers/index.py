"""``reports/index.html``: every region with data, its headline figures and a link to its report.

Built straight from the processed tables (no notebook), so it is quick and always lists every region,
marking those whose report file is missing (not yet rendered or failed). Regions are grouped by 시도:
each 시도 row is followed by its 시군구 (indented), and a 시도 that has no report of its own still gets
a group heading so its 시군구 are found under it. Figures are listed per document (one row each under the
region), each with its scope (document, kind of source, year), from the same unit summaries the reports
compare (:mod:`helpers.peers`): a department's budget and a casebook's sum are never one column of
"the region's budget". The page is self-contained (inline CSS, embedded font).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from . import config, peers
from .export import REPORT_CSS, font_face_css
from .formatting import (
    MISSING,
    display_label,
    format_krw,
    format_number,
    format_pct,
    is_missing,
    krw_unit_for,
)
from .io import atomic_write_text
from .regions import registry
from .render import SORT_SCRIPT, download_link, esc

#: The id of the region report's data-quality section (:func:`helpers.report.section_quality`): the index
#: and the overview link each region's flag count to it.
QUALITY_ANCHOR = "quality-flags"
#: The unit columns written to the index's CSV: each figure with what it covers.
CSV_COLUMNS = ["region_code", "region_name", "level", "doc_id", "doc_title", "kind", "year", "group",
               "share_achieved", "n_achieved", "n_indicators", "share_scope", "execution", "n_items",
               "execution_scope", "total_budget_krw", "budget_label", "budget_scope", "total_budget_note",
               "casebook", "casebook_note", "n_flags"]

LEVEL_KO = {"sido": "시도", "sigungu": "시군구", "gu": "일반구"}

INDEX_CSS = """
body.report main { max-width: 1200px; }
table.data { border-collapse: collapse; font-size: 13px; width: 100%; }
table.data th { background: #eef3f8; text-align: left; padding: 5px 6px; border-bottom: 1px solid #bbb; white-space: nowrap; }
table.data td { padding: 4px 6px; border-bottom: 1px solid #e5e5e5; vertical-align: top; }
table.data .num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
table.data td.name { white-space: nowrap; }
table.data tr.sido td { background: #f4f8fb; font-weight: bold; border-top: 1px solid #c9d7e6; }
table.data tr.sido td.docs, table.data tr.sido td.lvl { font-weight: normal; }
table.data tr.sigungu td.name { padding-left: 26px; }
table.data tr.group td { background: #f4f8fb; color: #555; border-top: 1px solid #c9d7e6; }
table.data td.docs { font-size: 12px; color: #555; min-width: 14em; }
table.data .fscope { font-size: 11px; color: #666; white-space: normal; text-align: left; max-width: 16em; margin-top: 2px; }
table.data .cbnote { font-size: 11px; color: #8a4b00; margin-top: 2px; }
table.data tr.more td.name, table.data tr.more td.lvl { color: #999; font-weight: normal; }
table.sortable th { cursor: pointer; }
table.data td.lvl { color: #555; white-space: nowrap; }
.ci { color: #777; font-size: 11.5px; }
.missing { color: #999; font-size: 12px; font-weight: normal; }
.links { font-size: 15px; margin: 10px 0 14px 0; }
.links a { display: inline-block; padding: 6px 12px; border: 1px solid #3182bd; border-radius: 4px; color: #1f5f99;
  text-decoration: none; }
dl.legend { font-size: 13px; color: #444; display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 8px 0 14px 0; }
dl.legend dt { font-weight: bold; } dl.legend dd { margin: 0; }
table.sortable th[aria-sort="ascending"]::after { content: " ▲"; }
table.sortable th[aria-sort="descending"]::after { content: " ▼"; }
.summary { border-left: 4px solid #4a6fa5; background: #f4f7fb; padding: 6px 14px; margin: 8px 0 14px 0; }
.summary p { margin: 6px 0; }
p.download { font-size: 12px; margin: 2px 0 12px 0; }
"""


def ordered(summ: pd.DataFrame) -> list[tuple[str, object]]:
    """Rows in reading order: each 시도 (``("row", r)``, or ``("group", 시도 code)`` when the 시도 itself
    has no data) followed by its 시군구 by code; codes the registry does not know come last."""
    reg = registry()
    by_code = {r.region_code: r for r in summ.itertuples()}

    def sido_of(code: str) -> str:
        if code in reg.by_code and reg.get(code).level != "sido":
            return reg.get(code).parent_code or code[:2]
        return code[:2] if code in reg.by_code else "~" + code

    groups: dict[str, list[str]] = {}
    for code in sorted(by_code):
        groups.setdefault(sido_of(code), []).append(code)
    out: list[tuple[str, object]] = []
    for sido in sorted(groups):
        members = groups[sido]
        if sido in by_code:
            out.append(("row", by_code[sido]))
        elif not sido.startswith("~"):
            out.append(("group", sido))
        out.extend(("row", by_code[c]) for c in members if c != sido)
    return out


def _name_cells(r, exists: bool) -> str:
    reg = registry()
    level = LEVEL_KO.get(r.level, r.level or MISSING)
    shown = r.region_name
    if r.level != "sido" and r.region_code in reg.by_code:
        # under its 시도 heading the short name (구로구) reads better; the full name stays in the tooltip
        shown = reg.get(r.region_code).short_name or r.region_name
    name = (f'<a href="{esc(r.region_code)}.html" title="{esc(r.region_name)}">{esc(shown)}</a>' if exists
            else f'<span title="{esc(r.region_name)}">{esc(shown)}</span> <span class="missing">(보고서 없음)</span>')
    return f"<td class='name'>{name}</td><td class='lvl'>{esc(level)}</td><td>{esc(r.region_code)}</td>"


def flag_counts(tables: dict[str, pd.DataFrame], codes) -> dict[tuple[str, str], int]:
    """Quality flags per (region current code, document), by the report's rule
    (:func:`helpers.data.flags_for_region`), so a count links to the flags the region's report lists."""
    from .data import flags_for_region

    flags = tables.get("quality_flags")
    if flags is None or flags.empty:
        return {}
    from .schema import COVERAGE_TABLES

    recorded: dict[str, set] = {}  # current code -> the codes its rows are recorded under (former codes too)
    for t in COVERAGE_TABLES:
        if t in tables and len(tables[t]):
            for c in tables[t]["region_code"].dropna().astype(str).unique():
                recorded.setdefault(peers.current_code(c), set()).add(c)
    out: dict[tuple[str, str], int] = {}
    for code in sorted(set(codes)):
        own = flags_for_region(flags, tables, recorded.get(code, {code}))
        for doc, n in own["doc_id"].astype(str).value_counts().items():
            out[(code, doc)] = int(n)
    return out


def flag_cell(code: str, n: int, exists: bool) -> str:
    """A flag count linking to the region report's data-quality section (plain when there is no report)."""
    if not n:
        return "<td class='num' data-v='0'>0</td>"
    text = f"{n:,}건"
    if exists:
        text = f"<a class='flags' href='{esc(code)}.html#{QUALITY_ANCHOR}'>{text}</a>"
    return f"<td class='num' data-v='{n}'>{text}</td>"


def _scope_div(text) -> str:
    return f"<div class='fscope'>{esc(text)}</div>" if isinstance(text, str) and text else ""


def _unit_cells(u, unit: str, n_flags: int = 0, exists: bool = False) -> str:
    """One document's figures for the region, each with what it covers (the report cards' scope text:
    :func:`helpers.metrics.figure_scope`), its kind and year; a casebook row carries the selected-cases note."""
    share = (f"{format_pct(u.share_achieved)} <span class='ci'>({u.n_achieved}/{u.n_indicators})</span>"
             f"{_scope_div(u.share_scope)}" if u.n_indicators else MISSING)
    exe = MISSING
    if u.n_items:
        exe = f"{format_pct(u.execution)} <span class='ci'>(항목 {u.n_items})</span>{_scope_div(u.execution_scope)}"
    budget = esc(format_krw(u.total_budget_krw, unit, suffix=False))
    if not is_missing(u.total_budget_krw):
        budget += _scope_div(u.budget_label)
    kind = peers.KIND_LABELS.get(u.kind, u.kind)
    year = MISSING if is_missing(u.year) else f"{int(u.year)}년"
    note = f"<div class='cbnote'>{esc(u.casebook_note)}</div>" if u.casebook else ""
    tip = ("" if is_missing(u.total_budget_krw) else
           f" title='{u.total_budget_krw:,.0f}원 · {esc(u.budget_scope)} ({esc(u.total_budget_note)})'")

    def num(v) -> str:
        return "" if is_missing(v) else f" data-v='{float(v)!r}'"
    return (f"<td class='docs' title='{esc(u.doc_id)}'>{esc(display_label(u.doc_title))}{note}</td>"
            f"<td class='lvl'>{esc(kind)}</td><td class='lvl'>{esc(year)}</td>"
            f"<td class='num'{num(u.share_achieved if u.n_indicators else None)}>{share}</td>"
            f"<td class='num'{num(u.execution if u.n_items else None)}>{exe}</td>"
            f"<td class='num'{num(u.total_budget_krw)}{tip}>{budget}</td>"
            f"<td class='num'>{esc(format_number(u.n_facts))}</td>{flag_cell(u.region_code, n_flags, exists)}")


def index_summary(units: pd.DataFrame, unit: str) -> str:
    """Three sentences from the figures: what is listed, what the largest reported budget is (and that
    it is not a region's budget), which groups are large enough to compare."""
    shown = units[units["has_figures"]]
    n_docs = shown["doc_id"].nunique()
    kinds = shown.drop_duplicates("doc_id")["kind"].map(lambda k: peers.KIND_LABELS.get(k, k)).value_counts()
    sents = [f"수치가 있는 지역 {shown['region_code'].nunique()}곳의 문서 {n_docs}건 "
             f"({', '.join(f'{k} {n}건' for k, n in kinds.items())})을 문서별 한 행으로 보입니다."]
    money = shown[shown["total_budget_krw"].notna()]
    if len(money):
        top = money.sort_values(["total_budget_krw", "region_code"], ascending=[False, True]).iloc[0]
        sents.append(f"보고된 예산은 문서마다 범위가 다릅니다: 가장 큰 {top['region_name']}의 {format_krw(top['total_budget_krw'], unit)}은 "
                     f"'{top['budget_label']}'이며 지역 전체 예산이 아닙니다. 범위가 다른 금액끼리는 견주지 마십시오.")
    casebooks = shown[shown["casebook"]]["region_code"].nunique()
    if casebooks:
        sents.append(f"{casebooks}곳의 수치는 우수사례집에서 온 것으로, 성과가 좋아 선정된 사례만 담고 있습니다.")
    sizes = shown.groupby("group")["region_code"].nunique()
    big = int((sizes >= peers.MIN_N_GROUP).sum())
    sents.append(f"같은 수준·자료 종류·연도의 비교 집단 {len(sizes)}개 중 지역이 {peers.MIN_N_GROUP}곳 이상이라 순위를 낼 수 있는 "
                 f"집단은 {big}개입니다.")
    return '<div class="summary">' + "".join(f"<p>{esc(t)}</p>" for t in sents[:5]) + "</div>"


N_COLS = 11


def index_html(reports_dir: Path, processed_dir: Path | None = None) -> str:
    """The index page's HTML (see :func:`write_index`)."""
    from .report import load_tables

    reports_dir = Path(reports_dir)
    reg = registry()
    tables = load_tables(processed_dir)  # rebuilds stale default tables first
    units = peers.load(Path(processed_dir or config.PROCESSED_DIR), tables).units
    flags = flag_counts(tables, units["region_code"])
    regions = units.drop_duplicates("region_code")[["region_code", "region_name", "level"]]
    unit = krw_unit_for(units["total_budget_krw"]) if len(units) else "백만원"
    rows = []
    for kind, item in ordered(regions):
        if kind == "group":
            name = reg.get(item).name if item in reg.by_code else item
            rows.append(f"<tr class='group'><td class='name' colspan='{N_COLS}'>{esc(name)} "
                        f"<span class='missing'>(시도 자료 없음: 아래 시군구만)</span></td></tr>")
            continue
        exists = (reports_dir / f"{item.region_code}.html").exists()
        own = units[units["region_code"] == item.region_code]
        shown = own[own["has_figures"]] if own["has_figures"].any() else own.iloc[:1]
        for i, u in enumerate(shown.sort_values(["year", "doc_id"], ascending=[False, True], na_position="last").itertuples()):
            cells = _name_cells(item, exists)  # repeated on every row: the table can be re-sorted
            cls = esc(item.level or "unknown") + ("" if i == 0 else " more")
            rows.append(f"<tr class='{cls}'>{cells}{_unit_cells(u, unit, flags.get((u.region_code, str(u.doc_id)), 0), exists)}</tr>")
    n_sido = int((regions["level"] == "sido").sum()) if len(regions) else 0
    overview = ('<p class="links"><a href="overview.html">전체 지역 비교 보기 (overview) →</a></p>'
                if (reports_dir / "overview.html").exists()
                else '<p class="meta">전체 지역 비교(overview.html)는 아직 만들어지지 않았습니다.</p>')
    return f"""<!DOCTYPE html>
<html lang="ko"><head><meta charset="utf-8"/><meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>지역 복지사업 평가 보고서 목록</title>
<style>{REPORT_CSS}{INDEX_CSS}</style>
</head><body class="report"><main>
<h1>지역 복지사업 평가 보고서 목록</h1>
<p class="meta">자료가 있는 지역 {len(regions)}곳 (시도 {n_sido}곳, 시군구 {len(regions) - n_sido}곳). 시도별로 묶어
시도 아래에 소속 시군구를 보입니다. 지역 이름을 누르면 그 지역의 보고서가 열립니다. 수치는 문서마다 한 행이며,
각 행의 수치는 그 문서가 다루는 범위의 것입니다: 자료 종류·연도·수준이 다른 행끼리는 비교하지 마십시오
(같은 집단끼리의 비교는 overview에 있습니다).</p>
{SORT_SCRIPT}
{index_summary(units, unit)}
{overview}
<dl class="legend"><dt>자료</dt><dd>수치의 출처 문서, 그 종류(우수사례집은 잘된 사례를 골라 실은 것, 업무보고는 한 부서의 업무)와 수치의 연도</dd>
<dt>지표 달성 비율</dt><dd>그 문서에서 목표를 달성(초과달성 포함)한 성과지표의 비율 (달성 지표 수/판정한 지표 수, 연간 수치만)</dd>
<dt>예산가중 집행률</dt><dd>그 문서의 연간 지출 항목의 집행액 합 ÷ 예산 합 (기간 중 수치 제외)</dd>
<dt>보고된 예산</dt><dd>그 문서가 보고한 예산: 다년도 계획의 계(전체 기간) 또는 그 문서 주 연도의 가장 큰 표 합계; 같은 돈은 한 번만 셉니다. 지역 전체의 예산이 아니라 문서가 다루는 부서·사업·사례의 예산입니다. 마우스를 올리면 연도와 출처 행이 보입니다 ({unit})</dd>
<dt>범위</dt><dd>각 수치 아래 작은 글씨: 그 수치가 다루는 부분·사업·부서·연도 (지역 보고서 핵심 지표 카드와 같은 문구)</dd>
<dt>자료 행</dt><dd>처리된 표에서 이 지역·이 문서에 속한 행 수; 문서 이름에 마우스를 올리면 문서 ID가 보입니다</dd>
<dt>품질 경고</dt><dd>이 지역·이 문서의 품질 경고 수; 누르면 지역 보고서의 데이터 품질 표로 갑니다</dd></dl>
<p class="meta">열 제목을 누르면 정렬됩니다. 아래 CSV에는 표의 모든 행과 각 수치의 범위, 원 단위 정확한 금액이 있습니다.</p>
<div class="table-wrap"><table class="data sortable"><thead><tr><th>지역</th><th>구분</th><th>코드</th>
<th>자료 (출처 문서)</th><th>자료 종류</th><th>연도</th>
<th class="num">지표 달성 비율</th><th class="num">예산가중 집행률</th><th class="num">보고된 예산 ({unit})</th>
<th class="num">자료 행</th><th class="num">품질 경고</th></tr></thead>
<tbody>{"".join(rows)}</tbody></table></div>
{download_link(units.assign(n_flags=[flags.get((c, str(d)), 0) for c, d in zip(units["region_code"], units["doc_id"], strict=True)])[CSV_COLUMNS], "index_regions", "목록 CSV 내려받기")}
</main></body></html>
"""


def write_index(reports_dir: Path, processed_dir: Path | None = None) -> Path:
    """Write ``reports_dir/index.html`` atomically and return its path."""
    path = Path(reports_dir) / "index.html"
    page = index_html(reports_dir, processed_dir)
    page = page.replace("<style>", f"<style>{font_face_css(page)}\n", 1)
    return atomic_write_text(path, page)
