"""The comparison section of a region report, and the overview page: like-for-like only.

A region is compared with other regions on the figures of each of its documents separately, and only
within that document's comparable group (same level, kind of source and year; :mod:`helpers.peers`).
Where the group is too small, the section says so instead of ranking. The figures come from
:func:`helpers.peers.load` (computed once per batch), so this section costs O(the group's rows).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from . import peers as peers_mod
from . import plots, stats
from .formatting import MISSING, format_krw, format_pct, is_missing, krw_unit_for
from .formatting import format_year as _year
from .formatting import label_cell as _label
from .regions import registry
from .render import SORT_SCRIPT, Col, Fragment, download_link, esc, h3, note, table

#: Largest group drawn as one bar per region in a region's report (the overview draws every group).
MAX_BARS = 40


def _f3(x) -> str:
    return MISSING if is_missing(x) else f"{x:,.3f}"


def _object_particle(word: str) -> str:
    """을 after a final consonant, 를 after a vowel (Hangul syllables only; 을 otherwise)."""
    last = word[-1] if word else ""
    return "를" if "가" <= last <= "힣" and (ord(last) - 0xAC00) % 28 == 0 else "을"


def group_sentence(key: str, n: int, *, what: str = "백분위와 평균") -> str:
    """Why no comparison is made in a group of ``n`` regions (below :data:`peers.MIN_N_GROUP`)."""
    return (f"{peers_mod.group_label(key)} 자료가 있는 지역이 {n}곳뿐이라 (최소 {peers_mod.MIN_N_GROUP}곳 필요) "
            f"{what}{_object_particle(what)} 내지 않습니다. 수준(시도/시군구), 자료 종류(우수사례집은 잘된 사례를 골라 실은 것), "
            f"연도가 다른 자료의 수치는 서로 비교할 수 없습니다.")


def rankable(group: pd.DataFrame, col: str) -> pd.Series:
    """The group's values of ``col`` (share_achieved or execution) that may be ranked: backed by at least
    :data:`peers.MIN_N_UNIT` indicators or items."""
    n_col = "n_indicators" if col == "share_achieved" else "n_items"
    ok = group[n_col].ge(peers_mod.MIN_N_UNIT) & group[col].notna()
    return group.loc[ok].set_index("region_code")[col]


def section_comparison(ctx) -> Fragment:
    """Each of the region's documents against the same level, kind and year of source; the model within it."""
    reg = registry()
    p = peers_mod.load(ctx.processed_dir, ctx.tables, ctx.year)
    parts: list[str] = []
    if ctx.region.level == "sido":
        kids = {reg.current(r.code).code for r in reg.children(ctx.region.code)} | {r.code for r in reg.children(ctx.region.code)}
        child_units = p.units[p.units["region_code"].isin(kids) & p.units["region_code"].isin(set(ctx.valid["region_code"]))]
        n_children = child_units["region_code"].nunique()
        if n_children:
            parts.append(h3(f"소속 시군구 요약 ({n_children}곳)"))
            parts.append('<p class="meta">이 시도에 속한 시군구 중 자료가 있는 곳입니다. 자료(문서)마다 한 행이며, 종류와 연도가 '
                         '다른 자료의 수치는 순위를 매기지 않습니다. 지역 이름을 누르면 그 지역의 보고서로 갑니다.</p>')
            parts.append(unit_table(child_units, link=True))
    mine = p.region_units(ctx.region.code)
    if mine.empty:
        parts.append(note("이 지역에는 다른 지역과 비교할 수치(판정된 지표, 예산·집행, 보고된 예산)가 없습니다.", "empty"))
        return Fragment("".join(parts))
    for unit in mine.itertuples():
        parts.extend(_unit_comparison(ctx, p, unit))
    parts.extend(_model(ctx, p, mine))
    return Fragment("".join(parts))


def _unit_comparison(ctx, p: peers_mod.Peers, unit) -> list[str]:
    group = p.group(unit.group, ctx.peers)
    if unit.region_code not in set(group["region_code"]):  # a second document of the same group
        group = pd.concat([group[group["region_code"] != unit.region_code], pd.DataFrame([unit._asdict()]).drop(columns="Index")])
    out = [h3(f"비교 집단: {peers_mod.group_label(unit.group)} ({len(group)}곳)"),
           f'<p class="meta">이 지역의 자료: {esc(unit.scope)} ({esc(unit.doc_id)}). 같은 수준·종류·연도의 자료끼리만 '
           f'비교합니다 (지정한 비교 집단: {esc(_peer_name(ctx.peer_group))}).</p>']
    if len(group) < peers_mod.MIN_N_GROUP:
        out.append(note(group_sentence(unit.group, len(group)), "warn"))
        out.append(unit_table(group, highlight=ctx.region.code, link=True))
        return out
    out.append(unit_table(group, highlight=ctx.region.code, link=True))
    for col, label, n_label in (("share_achieved", "성과지표 달성 비율", "지표"), ("execution", "예산가중 집행률", "지출 항목")):
        values = rankable(group, col)
        if unit.region_code not in values.index:
            own_n = unit.n_indicators if col == "share_achieved" else unit.n_items
            text = (f"{label}: 이 지역의 값이 {n_label} {own_n}개에 근거해 (최소 {peers_mod.MIN_N_UNIT}개) 순위를 매기지 않습니다."
                    if own_n else f"{label}: 이 지역의 값이 없습니다.")
            out.append(note(text, "warn"))
            continue
        if len(values) < peers_mod.MIN_N_GROUP:
            out.append(note(f"{label}: {n_label} {peers_mod.MIN_N_UNIT}개 이상에 근거한 값이 있는 지역이 {len(values)}곳뿐이라 "
                            f"(최소 {peers_mod.MIN_N_GROUP}곳) 백분위를 내지 않습니다.", "warn"))
            continue
        pct = stats.percentile(values, unit.region_code)
        out.append(note(f"{label}: 비교 집단 중 {pct.value:.0f} 백분위. {pct.note} ({n_label} {peers_mod.MIN_N_UNIT}개 "
                        f"이상에 근거한 값만)", "info" if pct.ok else "warn"))
    values = group["execution"].dropna()
    if len(values) > MAX_BARS:  # a bar per region stops being readable (and costs O(group) per report)
        q1, med, q3 = values.quantile([0.25, 0.5, 0.75])
        out.append(note(f"비교 집단 {len(values)}곳의 예산가중 집행률: 중앙값 {format_pct(med)}, 사분위 범위 "
                        f"{format_pct(q1)}–{format_pct(q3)}; 이 지역 {format_pct(unit.execution)}. 지역별 막대그래프는 "
                        f"{MAX_BARS}곳 이하일 때만 그립니다.", "info"))
    elif len(values) >= 2:
        out.append(plots.to_png_html(plots.region_bars(group, "execution", "예산가중 집행률 (%)", ctx.region.code,
                                                       f"지역별 예산가중 집행률 (연간) · {peers_mod.group_label(unit.group)}"),
                                     "지역별 집행률"))
    return out


def _peer_name(group: str) -> str:
    from .report import peer_label

    return peer_label(group)


def _model(ctx, p: peers_mod.Peers, mine: pd.DataFrame) -> list[str]:
    """The achievement-vs-execution model within each group where the region has programmes."""
    out = []
    for key in dict.fromkeys(mine["group"]):
        programs = p.group_programs(key, ctx.peers)
        own = programs[programs["current"] == ctx.region.code]
        if own.empty:
            continue
        out.append(h3(f"달성률과 집행률의 관계 ({peers_mod.group_label(key)} 사업)"))
        n_regions = programs["current"].nunique()
        if n_regions < peers_mod.MIN_MODEL_REGIONS:
            out.append(note(f"이 집단의 사업 {len(programs)}개가 {n_regions}개 지역에서만 나와 (최소 "
                            f"{peers_mod.MIN_MODEL_REGIONS}개 지역 필요) 지역 간 모형을 적합하지 않습니다.", "warn"))
            fit = None
        else:
            fit = stats.achievement_model(programs)
        if n_regions >= 2:  # a scatter of one region's own programmes compares nothing
            out.append(plots.to_png_html(plots.achievement_vs_execution(programs, set(ctx.codes), fit),
                                         "사업별 집행률과 달성률"))
        if fit is not None:
            if fit.ok:
                out.append(f'<p class="meta">사업 n={fit.n} ({n_regions}개 지역) · 결정계수 R²={fit.r2:.3f} · '
                           f'조정 R²={fit.r2_adj:.3f} · F 검정 p값={fit.f_pvalue:.3g}</p>')
                out.append(table(fit.coefs, [Col("term", "항"), Col("coef", "계수", _f3, True), Col("se", "표준오차", _f3, True),
                                             Col("low", "95% 하한", _f3, True), Col("high", "95% 상한", _f3, True),
                                             Col("p", "p값", lambda x: f"{x:.3g}", True)], provenance=False,
                                 caption="회귀 계수 (모형 추정치: 출처는 아래 사업 표)"))
            out.append(note(fit.note, "info" if fit.ok else "warn"))
        out.append(h3(f"모형에 쓰인 이 지역의 사업 ({len(own)}개)"))
        out.append(_program_table(own))
    return out


def _program_table(programs: pd.DataFrame) -> str:
    """The region's programs, each traced to its indicator and budget lines (문서:행)."""
    df = programs.copy()
    df["line"] = df["lines"].str.replace(";", " · ", regex=False)
    df["source_text"] = "지표 행 " + df["lines"].str.split(";").str[0] + " / 예산 행 " + df["lines"].str.split(";").str[1]
    unit = krw_unit_for(df["budget_krw"])
    from .formatting import format_pct as pct

    return table(df, [Col("year", "연도", _year), Col("program", "사업명", _label, wrap=True),
                      Col("achievement", "평균 달성률", pct, True), Col("execution", "집행률", pct, True),
                      Col("budget_krw", f"예산 ({unit})", lambda x: format_krw(x, unit, suffix=False), True)])


def _scoped(value: str, scope) -> str:
    """A figure and, under it in small type, what it covers (the headline cards' scope text)."""
    extra = f"<div class='fscope'>{esc(scope)}</div>" if isinstance(scope, str) and scope and value != MISSING else ""
    return esc(value) + extra


def unit_table(units: pd.DataFrame, highlight: str | None = None, link: bool = False,
               flags: dict | None = None, download: str = "", unit: str | None = None) -> str:
    """Units side by side, each with its scope (document, kind, year) and what each figure covers
    (:func:`helpers.metrics.figure_scope`, as on the report's cards); casebook rows carry the selected-cases
    note. Units without any figure are named once below the table instead of as rows of dashes. With
    ``flags`` ((region, document) → count) a column links each count to the region report's quality
    section; ``download`` names a CSV of the rows (every column, exact won); ``unit`` fixes the money unit
    (one unit for a whole page of tables)."""
    from .index import flag_cell

    units = units.sort_values(["region_code", "year", "doc_id"], na_position="last")
    empty = units[~units["has_figures"]]
    df = units[units["has_figures"]].copy()
    unit = unit or (krw_unit_for(df["total_budget_krw"]) if len(df) else "백만원")
    head = ("<tr><th>지역</th><th>코드</th><th>자료 (문서 · 종류 · 연도)</th><th class='num'>지표 달성 비율</th>"
            f"<th class='num'>예산가중 집행률 [95% 구간]</th><th class='num'>보고된 예산 ({unit})</th>"
            + ("<th class='num'>품질 경고</th>" if flags is not None else "") + "</tr>")
    body = []
    for r in df.itertuples():
        name = esc(r.region_name)
        if link:
            name = f'<a href="{esc(r.region_code)}.html">{name}</a>'
        cls = ' class="me"' if r.region_code == highlight else ""
        share = f"{format_pct(r.share_achieved)} ({r.n_achieved}/{r.n_indicators})" if r.n_indicators else MISSING
        exe = MISSING
        if r.execution == r.execution:
            exe = format_pct(r.execution) + (f" [{format_pct(r.execution_low)}–{format_pct(r.execution_high)}]"
                                             if r.execution_low == r.execution_low else "") + f" (항목 {r.n_items})"
        cb = f"<div class='cbnote'>{esc(r.casebook_note)}</div>" if r.casebook else ""
        v = {k: ("" if is_missing(x) else f" data-v='{float(x)!r}'") for k, x in
             (("s", r.share_achieved if r.n_indicators else None), ("e", r.execution), ("b", r.total_budget_krw))}
        budget = format_krw(r.total_budget_krw, unit, suffix=False)
        flag = flag_cell(r.region_code, flags.get((r.region_code, str(r.doc_id)), 0), link) if flags is not None else ""
        body.append(f"<tr{cls}><td>{name}</td><td>{esc(r.region_code)}</td>"
                    f"<td class='docsrc' title='{esc(r.doc_title)}'>{esc(r.scope)} <span class='ci'>{esc(r.doc_id)}</span>{cb}</td>"
                    f"<td class='num'{v['s']}>{_scoped(share, r.share_scope)}</td>"
                    f"<td class='num'{v['e']}>{_scoped(exe, r.execution_scope)}</td>"
                    f"<td class='num'{v['b']}{'' if is_missing(r.total_budget_krw) else f' title={chr(39)}{r.total_budget_krw:,.0f}원 · {esc(r.budget_scope)} ({esc(r.total_budget_note)}){chr(39)}'}>"
                    f"{_scoped(budget, r.budget_label)}</td>{flag}</tr>")
    html = (f'<div class="table-wrap"><table class="data sortable"><thead>{head}</thead>'
            f'<tbody>{"".join(body)}</tbody></table></div>')
    if len(df) and df["total_budget_krw"].notna().any():
        html += ('<p class="meta">각 수치 아래 작은 글씨는 그 수치가 다루는 범위입니다. 보고된 예산은 그 문서가 다루는 범위(부서·사업·선정 사례)의 '
                 '예산이며 지역 전체 예산이 아닙니다. 마우스를 올리면 연도와 출처 행이 보입니다.</p>')
    if download and len(df):
        from .index import CSV_COLUMNS

        out = df.assign(n_flags=[(flags or {}).get((c, str(d)), 0) for c, d in zip(df["region_code"], df["doc_id"], strict=True)])
        html += download_link(out[CSV_COLUMNS], download)
    if len(empty):
        names = ", ".join(f"{n} ({c})" + (" ← 이 지역" if c == highlight else "")
                          for c, n in dict(zip(empty["region_code"], empty["region_name"], strict=False)).items())
        html += note(f"비교할 수치 없음 {empty['region_code'].nunique()}곳: {names}. 문서에서 다루지만 판정된 지표, "
                     f"예산·집행, 보고된 예산이 없어 표와 백분위·평균 계산에서 뺐습니다.", "empty")
    return html


def overview(processed_dir=None) -> Fragment:
    """All regions with data, one table per comparable group (level · kind of source · year), with bars
    only for groups large enough to compare."""
    from . import config
    from .index import flag_counts, index_summary
    from .report import load_tables

    tables = load_tables(processed_dir)
    units = peers_mod.load(Path(processed_dir or config.PROCESSED_DIR), tables).units
    flags = flag_counts(tables, units["region_code"])
    money = units.loc[units["has_figures"], "total_budget_krw"]
    unit = krw_unit_for(money) if money.notna().any() else "백만원"  # one money unit for the whole page
    parts = [SORT_SCRIPT, index_summary(units, unit),
             '<p class="meta">같은 수준(시도/시군구), 같은 자료 종류, 같은 연도의 자료끼리 한 표에 모았습니다. 다른 표의 수치와는 '
             '비교하지 마십시오: 우수사례집은 잘된 사례를 골라 실은 것이고, 부서 업무보고의 예산은 그 부서의 예산입니다.</p>']
    with_figures = units[units["has_figures"]]
    for key in sorted(dict.fromkeys(with_figures["group"]), key=_group_order):
        group = with_figures[with_figures["group"] == key].drop_duplicates(["region_code", "doc_id"])
        n = group["region_code"].nunique()
        parts.append(h3(f"{peers_mod.group_label(key)} ({n}곳)"))
        parts.append(unit_table(group, link=True, flags=flags, download=f"overview_{key.replace('|', '_')}", unit=unit))
        if n < peers_mod.MIN_N_GROUP:
            parts.append(note(group_sentence(key, n, what="지역별 막대그래프와 순위"), "warn"))
            continue
        for col, label, title in (("execution", "예산가중 집행률 (%)", "지역별 예산가중 집행률 (연간)"),
                                  ("share_achieved", "성과지표 달성 비율 (%)", "지역별 성과지표 달성 비율")):
            if group[col].notna().sum():
                parts.append(plots.to_png_html(plots.region_bars(group, col, label, title=f"{title} · {peers_mod.group_label(key)}"),
                                               title))
    without = units[~units["region_code"].isin(set(with_figures["region_code"]))].drop_duplicates("region_code")
    if len(without):
        names = ", ".join(f"{n} ({c})" for c, n in zip(without["region_code"], without["region_name"], strict=False))
        parts.append(note(f"비교할 수치 없음 {len(without)}곳: {names}. 문서에서 다루지만 판정된 지표, 예산·집행, 보고된 예산이 없습니다.",
                          "empty"))
    return Fragment("".join(parts))


def _group_order(key: str) -> tuple:
    level, kind, year = (key.split("|") + ["", "", ""])[:3]
    return ({"sido": 0, "sigungu": 1}.get(level, 2), list(peers_mod.KIND_LABELS).index(kind) if kind in peers_mod.KIND_LABELS else 99,
            -(int(year) if year else 0))
