"""Facts from the table families the older readers do not see, read from the cell grids of :mod:`.blocks`.

Only tables none of whose figures became a typed fact are read here (so no fact is counted twice). Each
table is tried, in order, as:

* **funding** — 재원별 / 소요재원 tables with sources as rows (``국비 | 2023년 | 2024년``) or as columns
  (``연도 | 국비 | 시비 | 구비 | 계``): one fact per source and year (a year column or row, else the year
  in force) and stage (``집행``/``지출``/``결산`` columns are ``executed``); share columns (구성비, %) and
  differences (잔액) are never amounts;
* **budgets** — budget-only tables: columns (or, transposed, rows) named 예산액 / 본예산 / 추경 / 기정액 /
  세출예산, one fact per row and year column, ``spent_krw`` empty, ``basis`` the word printed;
* **indicators** — year-column tables whose rows are 목표 / 실적 (and a 달성률 row): one indicator per year;
* **activities** — count tables: cells printed with a count unit (명, 건, 회, 개소, 가구 …) or under a count
  measure (건수, 인원, 횟수 …): one fact per cell, per year column; a 합계 column is the total (no year).

A row whose label names a region (a 도 row, a 시 row) takes that region; a 전국 row gives no typed fact
(it belongs to no region; its figures stay in ``table_cells``).
"""

from __future__ import annotations

import copy
import re

from . import checks
from .facts import base_row, contexts
from .grid import MISSING_CELLS, Cell, Table, year_of
from .layout_header import lift_names, names_above
from .numbers import money_factor, to_krw
from .sources import normalise_source
from .vocabulary import (
    ACTUAL_ROW_RE,
    COUNT_UNITS,
    DECREASE_RE,
    MEASURE_WORD_UNITS,
    MONEY_UNITS,
    MONTH_ROW_RE,
    PERSON_COUNT_RE,
    PRIOR_YEAR_RE,
    TARGET_ROW_RE,
    YEAR_WORD_RE,
)
from .year_groups import span_years

_PER_UNIT_RE = re.compile(r"인당|1인|단가|월평균")
_EXECUTED_RE = re.compile(r"집행|지출|결산|수입")
_SHARE_RE = re.compile(r"구성비|비율|비중|증감률|%|달성률|집행률|율$|률$")
_DIFF_RE = re.compile(r"잔액|증감|차이|전년\s*(?:동기\s*)?대비|\([A-Z]\s*[-+]\s*[A-Z]\)")
_BUDGET_RE = re.compile(r"교부액|소요예산|본예산|추경예산|추경|기정액|세출예산|예산액|예산현액|예산")
_RATE_RE = re.compile(r"달성률|달성도|집행률|달성율")
#: A header naming a count measure: a measure word, or a count unit of the vocabulary in brackets (``수급자(명)``,
#: ``월 급여량(시간)``, ``시설(개소)``).
_COUNT_HEAD_RE = re.compile(r"건수|인원|횟수|인원수|가구수|개소수|실적|이용자|참여자|참여인원|수급자|\((?:"
                            + "|".join(sorted(COUNT_UNITS, key=len, reverse=True)) + r")\)")
_UNIT_NOTE_RE = re.compile(r"단위\s*[:：]?\s*(천\s*원|백만\s*원|억\s*원|만\s*원|원|명|건|회|개소|가구|세대|개)")
#: A column of money (``결제액``, ``지원 금액``, ``예산``, ``사업비``): its figures are amounts, never counts.
_MONEY_HEAD_RE = re.compile(r"액$|액\(|금액|예산|비용|사업비")
_REGION_WORD_RE = re.compile(r"^(?:전국|[가-힣]{1,6}(?:특별시|광역시|특별자치시|특별자치도|도|시|군|구))$")


#: Row labels of national figures (no region of the registry; never attributed to one).
NATIONAL = frozenset({"전국", "전국계", "국가", "全國"})
#: Widest table the family readers read (real tables have a few dozen columns at most).
MAX_COLUMNS = 60


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text or "")


def _stated_unit(t: Table, lines: list[str], lc) -> str | None:
    """The unit a table states: a ``(단위: 천원)`` note in its title or the lines just above, else the
    money unit in force at its first line (:mod:`.context`)."""
    from .context import parse_unit

    start = t.line - 1
    for k in range(start, max(-1, start - 4), -1):
        m = _UNIT_NOTE_RE.search(lines[k])
        if m:  # a note listing a unit per column kind (``명, 개소, 천원``) states the money unit among them
            return parse_unit(lines[k])[0] or _squash(m.group(1))
    for text in (t.title, t.header_text()):
        m = _UNIT_NOTE_RE.search(text or "")
        if m:
            return _squash(m.group(1))
    return lc.unit


def _stated_count_unit(t: Table, lines: list[str]) -> str | None:
    """A count unit stated over the table (``(단위: 가구)``), None when money or absent."""
    start = t.line - 1
    for k in range(start, max(-1, start - 4), -1):
        m = _UNIT_NOTE_RE.search(lines[k])
        if m:
            u = _squash(m.group(1))
            return None if u in MONEY_UNITS else u
    return None


_LISTED_UNITS_RE = re.compile(r"단위\s*[:：]\s*([가-힣]+(?:\s*[,·]\s*[가-힣]+)+)\s*[)\]]?")


def _listed_count_units(t: Table, lines: list[str]) -> list[str]:
    """The count units a unit note over the table lists, in order (``(단위: 개소, 명)`` → 개소, 명); empty
    when it states one unit, or any listed unit is no count unit."""
    start = t.line - 1
    for k in range(start, max(-1, start - 4), -1):
        m = _LISTED_UNITS_RE.search(lines[k])
        if m:
            # the money unit a note lists beside the counts (``명, 개소, 천원``) is the amount columns'
            units = [u.strip() for u in re.split(r"[,·]", m.group(1)) if u.strip() not in MONEY_UNITS]
            return units if all(u in COUNT_UNITS for u in units) else []
    return []


def _units_by_column(t: Table, labels: list[str], lines: list[str]) -> dict[int, str]:
    """Column → unit, when the unit note lists one unit per count column (``경로당 수 | 회원 수 | 증감`` under
    ``(단위: 개소, 명)``): the labelled columns of whole figures, shares and differences left out, as many as
    the units listed, take them in column order. Empty when the numbers differ (the note says no more)."""
    units = _listed_count_units(t, lines)
    if len(units) < 2:
        return {}
    cols = [k for k, head in enumerate(labels) if k and head and not _SHARE_RE.search(head)
            and not _DIFF_RE.search(_squash(head)) and not _MONEY_HEAD_RE.search(_squash(head))
            and any(c.col == k and c.number is not None for row in t.body for c in row)]
    return dict(zip(cols, units, strict=True)) if len(cols) == len(units) else {}


def row_region(label: str, reg, year, within=None):
    """(applies, region) for a row naming a region: 전국 → (True, None); a region name → (True, region).
    A name several 시도 share (동구, 서구, 중구) is the one within ``within`` (the document's region, or
    a region above it), when given."""
    s = _squash(label)
    if not _REGION_WORD_RE.match(s):
        return False, None
    if s == "전국":
        return True, None
    found = reg.try_resolve(s, year=year) if reg is not None else None
    if found is None and reg is not None and within is not None:
        found = reg.try_resolve(s, year=year, parent=getattr(within, "code", within))
    return (found is not None), found


def own_region(rec: dict, label: str, reg, year, within=None) -> dict:
    """``rec`` with the region its row names (a 시 row of a 도 document; 전국: none), for every reader of
    region rows (:func:`row_region`); unchanged when the label names no region. Returns ``rec``."""
    applies, region = row_region(label, reg, year, within=within)
    if applies:
        rec["region_code"] = region.code if region else None
        rec["region_name"] = region.name if region else None
    return rec


def _row_base(doc, lc, cell: Cell, source_text: str, year, reg, label: str) -> dict:
    return own_region(base_row(doc, lc, cell.line, source_text, year=year), label, reg, year, within=lc.region)


def _col_year(labels: list[str], col: int) -> int | None:
    for part in (labels[col] if col < len(labels) else "").split(" › "):
        y = year_of(part.strip().split(" ")[0]) if part.strip() else None
        if y is not None:
            return y
        m = re.match(r"^(?:['’](\d{2})|((?:19|20)\d{2}))\s*년", part.strip())
        if m:
            return int(m.group(2)) if m.group(2) else 2000 + int(m.group(1))
    return None


def _numeric_cols(t: Table) -> list[int]:
    return sorted({c.col for _, c in t.numeric_cells()})


def read_table(doc, dctx, t: Table, lines: list[str], result) -> bool:
    """Facts from one unrecognised table (see the module docstring); True when any was added."""
    lines = t.own_lines(lines)  # a table printed beside another reads its own side of their lines
    if t.width > MAX_COLUMNS:
        return False  # a line of thousands of figures (a page lost its breaks) is no table to read facts from
    national = [row for row in t.body if _squash(t.row_label(row)) in NATIONAL]
    if national:  # a 전국 row belongs to no region: its figures stay in table_cells only
        t = copy.copy(t)
        t.body = [row for row in t.body if _squash(t.row_label(row)) not in NATIONAL]
        if not t.body:
            return False
    lcs = contexts(doc, dctx)
    lc = _titled(lcs[min(t.line, len(lcs)) - 1], t)
    labels = span_years(_with_names_above(t, lines, lift_names(t, lines, t.column_labels())))
    if _funding(doc, dctx, t, lines, labels, lc, result):
        if _budgets_beside_sources(t, labels):  # a budget statement: each row's 예산액, then its 재원별 내역
            _budget_only(doc, dctx, t, lines, labels, lc, result)
        elif _group_totals(labels) or _source_execution(t, labels):
            # 교부액 › 계 … | 집행액 › 계 … | 집행률, or 계 | 국비 | 도비 … | 집행액 | 집행률: each row's budget too
            _execution(doc, dctx, t, lines, _group_totals(labels) or _source_execution(t, labels), lc, result)
        return True
    if _execution(doc, dctx, t, lines, labels, lc, result):
        if _count_cells_column(t) is not None:  # a 실적 column of counts beside the execution (``1,254가구``)
            _counts(doc, dctx, t, lines, labels, lc, result, only=_count_cells_column(t))
        else:  # count columns named beside the execution (이용자 수 | 제공기관 수 | 예산액 | 집행액 | 집행률)
            _counts(doc, dctx, t, lines, labels, lc, result, named=True)
        return True
    for reader in (_indicator_plan, _running_totals, _execution_years, _budget_only, _flow_years, _indicator_years,
                   _indicator_columns, _counts):
        if reader(doc, dctx, t, lines, labels, lc, result):
            return True
    return False


def _titled(lc, t: Table):
    """The context of a table whose title names one year of its own (``2023회계연도 결산``, ``2023년 추진실적``,
    :func:`.context.heading_year`): that year, as a heading naming it sets it for the lines below."""
    from dataclasses import replace

    from .context import heading_year

    year = heading_year(t.title) if t.title else None
    if year is None or year == lc.year:
        return lc
    return replace(lc, year=year, as_of=lc.as_of if lc.as_of and int(lc.as_of[:4]) == year else None)


def _with_names_above(t: Table, lines: list[str], labels: list[str]) -> list[str]:
    """``labels`` with the name a space-aligned table prints over a column, above its header rows, as the
    first part of that column's path (``전년도 › 예 산 액 › (기``): see :func:`.layout_header.names_above`."""
    above = names_above(t, lines)
    return [f"{above[k]} › {lab}" if k in above and lab else lab for k, lab in enumerate(labels)]


def _column_year(labels: list[str], col: int, year: int | None) -> int | None:
    """The year of a column: the one its header names, else the year before ``year`` under a 전년도 header
    (``전년도 예산액``: the previous year's budget beside this year's), else ``year``."""
    named = _col_year(labels, col)
    if named is not None:
        return named
    head = _squash(labels[col]) if col < len(labels) else ""
    return year - 1 if year and PRIOR_YEAR_RE.search(head) else year


def _group_totals(labels: list[str]) -> list[str] | None:
    """Sources across under groups (``교부액 › 계 | 교부액 › 국비 … | 집행액 › 계 | 집행액 › 국비 … | 집행률``):
    the labels an execution reading needs — each group's 계 column named by its group, the rate column kept,
    every other column blank; None unless the table prints a rate and two such 계 columns."""
    out = [""] * len(labels)
    totals = 0
    for k, lab in enumerate(labels):
        parts = [p.strip() for p in lab.split(" › ")]
        if len(parts) >= 2 and checks.is_total_label(_squash(parts[-1])):
            out[k], totals = parts[0], totals + 1
        elif _EXEC_RATE_RE.search(_squash(lab)):
            out[k] = lab
    return out if totals == 2 and any(_EXEC_RATE_RE.search(_squash(o)) for o in out) else None


def _source_execution(t: Table, labels: list[str]) -> list[str] | None:
    """Sources across with the row's execution (``계 | 국비 | 도비 | 시군비 | 집행액 | 집행률``, the source
    columns often under a 예산액 group): the labels an execution reading needs — the 계 of the sources as the
    budget (named by its group when that is a budget word), the one 집행액 column as spent, the rate kept,
    every other column blank; None unless the table prints all four kinds (two or more sources)."""
    cols = [k for k in _numeric_cols(t) if k < len(labels)]
    last = {k: labels[k].split(" › ")[-1] for k in cols}
    kinds = {k: _source_of(last[k]) for k in cols}
    totals = [k for k in cols if kinds[k] == "계"]
    sources = [k for k in cols if kinds[k] not in (None, "계")]
    rates = [k for k in cols if kinds[k] is None and _EXEC_RATE_RE.search(_squash(last[k]))]
    spent = [k for k in cols if kinds[k] is None and k not in rates and _SPENT_RE.search(_squash(last[k]))
             and not _DIFF_RE.search(_squash(last[k])) and not _SHARE_RE.search(_squash(last[k]))]
    if len(totals) != 1 or len(sources) < 2 or len(spent) != 1 or len(rates) != 1:
        return None
    out = [""] * len(labels)
    group = labels[totals[0]].split(" › ")[0] if " › " in labels[totals[0]] else ""
    out[totals[0]] = group if _BUDGET_RE.search(_squash(group)) else "예산"
    out[spent[0]], out[rates[0]] = last[spent[0]], last[rates[0]]
    return out


def _count_columns(t: Table, labels: list[str]) -> list[int]:
    """Columns of figures whose own label names a count measure (``이용자 수``, ``건수``, ``인원``), amounts,
    shares, differences and the 목표/실적 of an indicator left out: counts printed beside other measures."""
    out = []
    for k in _numeric_cols(t):
        last = _squash(labels[k].split(" › ")[-1]) if k < len(labels) else ""
        if not last or _MONEY_HEAD_RE.search(last) or _SPENT_RE.search(last) or _BUDGET_RE.search(last) \
                or _SHARE_RE.search(last) or _DIFF_RE.search(last) or re.search(r"목표|실적|달성", last):
            continue
        if _COUNT_HEAD_RE.search(last) or _word_unit(last):
            out.append(k)
    return out


def _count_cells_column(t: Table) -> int | None:
    """The one column every figure of which prints a count unit (``1,254가구 | 2,318명``), None when none."""
    counts: dict[int, int] = {}  # per column: its figures, and whether all print a count unit (no cell kept:
    counted: dict[int, bool] = {}  # a large table is read a row at a time)
    for _, c in t.numeric_cells():
        counts[c.col] = counts.get(c.col, 0) + 1
        counted[c.col] = counted.get(c.col, True) and c.unit in COUNT_UNITS
    cols = [k for k, n in counts.items() if n >= 2 and counted[k]]
    return cols[0] if len(cols) == 1 else None


def _budgets_beside_sources(t: Table, labels: list[str]) -> bool:
    """Sources run across (국비 | 도비 | 군비 columns) and two or more other columns are 예산액 columns of
    their own (``2025년 › 예산액 | 2024년 › 예산액``) before them."""
    cols = _numeric_cols(t)
    sources = [k for k in cols if k < len(labels) and _source_of(labels[k].split(" › ")[-1]) not in (None, "계")]
    budgets = [k for k in cols if k < len(labels) and k not in sources
               and _BUDGET_RE.search(_squash(labels[k].split(" › ")[-1]))]
    return len(sources) >= 2 and len(budgets) >= 2 and max(budgets) < min(sources)


def reads_whole(t: Table) -> bool:
    """Tables the family readers read in full, whatever an older reader made of them: a budget statement
    with 예산액 columns before the 재원별 내역 (budgets and funding), sources across beside the row's 집행액
    and 집행률 (funding and budgets), an execution or a 목표 | 실적 pair beside count columns (budgets or
    indicators, and activities), a table whose rows are all sources (국비 / 시비 / 구비 …, and a 계):
    funding, never budgets (two of those sources must be public ones — 국비, 시도비, 시군구비, 기금: rows of
    revenue items only — 민간위탁금, 잡수입, 이월금, 법인전입금: 기타 and 민간 — are a 세입 statement, whose
    예산액 and 수입액 columns the budget readers read); and a printed data frame (:mod:`.frames`), whose index
    the line readers take for a figure or a label word and whose blocks of columns they read apart."""
    if t.layout == "frame":
        return True
    labels = t.column_labels()
    execution = any(_SPENT_RE.search(_squash(lab)) for lab in labels) and any(_BUDGET_RE.search(_squash(lab))
                                                                                for lab in labels)
    heads = {k: _squash(lab.split(" › ")[-1]) for k, lab in enumerate(labels)}
    paired = any(TARGET_ROW_RE.match(h) for h in heads.values()) and any(ACTUAL_ROW_RE.match(h) for h in heads.values()) \
        or _paired_columns(heads)[0] is not None
    if _budgets_beside_sources(t, labels) or _source_execution(t, labels) or (execution or paired) and (
            _count_cells_column(t) is not None or _count_columns(t, labels)):
        return True
    kinds = [_source_of(t.row_label(row)) for row in t.body]
    return len(kinds) >= 3 and all(k is not None for k in kinds) and len(set(kinds) - {"계", "기타", "민간"}) >= 2


# -- funding ----------------------------------------------------------------------------------------

def _source_of(text: str) -> str | None:
    s = re.sub(r"\(.*?\)", "", text or "").strip() or text
    return normalise_source(s) if s else None


def _row_source(t: Table, row: list[Cell], label: str) -> str | None:
    """The source a row names: its label, else its last text cell (a 재원 column beside a 사업명 column:
    ``노인맞춤돌봄서비스 | 계 | …``)."""
    source = _source_of(label)
    if source is not None:
        return source
    cells = []
    for c in row:
        if c.number is not None or c.parts or c.text.strip() in MISSING_CELLS:
            break
        if c.text.strip():
            cells.append(c.text.strip())
    return _source_of(cells[-1]) if len(cells) >= 2 else None


def _funding(doc, dctx, t, lines, labels, lc, result) -> bool:
    rows = [(r, row, t.row_label(row)) for r, row in enumerate(t.body)]
    by_row = [(r, row, lab, _row_source(t, row, lab)) for r, row, lab in rows]
    row_sources = [x for x in by_row if x[3] is not None]
    col_sources = {k: _source_of(labels[k].split(" › ")[-1]) for k in _numeric_cols(t) if k < len(labels)}
    col_sources = {k: v for k, v in col_sources.items() if v is not None}
    unit = _stated_unit(t, lines, lc)
    facts: list[tuple[dict, object]] = []  # (fact, group: its column when sources run down, else its row)
    years_across = any(_col_year(labels, k) is not None for k in _numeric_cols(t))
    years_down = sum(1 for _, _, lab in rows if year_of(lab) is not None) >= 2
    if len({x[3] for x in row_sources} - {"계"}) >= 2:
        block = 0  # a row naming its item before its source (``사업 | 계``) starts the sources of a new item
        for _r, row, lab, source in row_sources:
            if _source_of(lab) is None:
                block += 1
            for c in row:
                if c.number is None or c.col >= len(labels):
                    continue
                head = labels[c.col]
                if _SHARE_RE.search(head) or _DIFF_RE.search(head) or c.unit == "%":
                    continue
                won = _won(c, unit)
                if won is None:
                    continue
                year = _col_year(labels, c.col)
                if year is None and not (years_across and checks.is_total_label(head.split(" › ")[-1])):
                    year = lc.year  # a 계 column beside year columns is a multi-year total: no year
                rec = _row_base(doc, lc, c, lines[c.line - 1], year, dctx.registry, "")
                rec.update({"source": source, "source_label": lab + (f" ({head})" if head else ""),
                            "amount_krw": won, "stage": "executed" if _EXECUTED_RE.search(head) else "plan",
                            "unit": _unit_of(c, unit)})
                facts.append((rec, ("col", c.col, block)))
    elif len(set(col_sources.values()) - {"계"}) >= 2:
        if any(c.unit and c.unit not in MONEY_UNITS for _, c in t.numeric_cells() if c.col in col_sources):
            return False  # counts under the source columns (지원인원 4,132명): not a funding table
        for r, row, lab in rows:
            if _PER_UNIT_RE.search(lab):
                continue  # a rate per person (지원액(인당)) is no funding amount
            year = year_of(lab)
            if year is None and not (years_down and checks.is_total_label(lab)):
                year = lc.year  # a 합계 row under year rows is a multi-year total: no year
            for c, won in _amounts(row, col_sources, unit):
                rec = _row_base(doc, lc, c, lines[c.line - 1], year, dctx.registry, lab)
                # the stage the row names, or the group over the source columns (교부액 › 국비 | 집행액 › 국비)
                group = labels[c.col].split(" › ")[0] if " › " in labels[c.col] else ""
                executed = _EXECUTED_RE.search(lab) or _EXECUTED_RE.search(_squash(group))
                rec.update({"source": col_sources[c.col], "source_label": labels[c.col] + (f" ({lab})" if lab else ""),
                            "amount_krw": won, "stage": "executed" if executed else "plan",
                            "unit": _unit_of(c, unit)})
                facts.append((rec, ("row", r, group)))  # a 계 sums the sources of its own group
    else:
        return False
    if not facts:
        return False
    for rec, _c in facts:
        result.add("funding", rec)
    _check_funding_totals(facts, result)
    return True


def _won(c: Cell, unit: str | None) -> float | None:
    if c.unit in MONEY_UNITS:
        return to_krw(c.value, c.unit)
    if c.unit:
        return None  # a count (명) is no amount
    return to_krw(c.value, unit) if money_factor(unit) else None


def _amounts(row, cols, unit: str | None):
    """``(cell, won)`` for each cell of ``row`` in the columns ``cols`` that holds an amount of money (a count
    such as 명 is none): the loop every money reader here starts with."""
    for c in row:
        if c.number is not None and c.col in cols:
            won = _won(c, unit)
            if won is not None:
                yield c, won


def _unit_of(c: Cell, unit: str | None) -> str:
    return c.unit if c.unit in MONEY_UNITS else (unit if money_factor(unit) else "unknown")


def _check_funding_totals(facts, result) -> None:
    """``계`` checked against the sum of the sources of its own column (sources down) or row (across)."""
    groups: dict[object, list[dict]] = {}
    for rec, group in facts:
        groups.setdefault(group, []).append(rec)
    for recs in groups.values():
        totals = [r for r in recs if r["source"] == "계"]
        parts = [r["amount_krw"] for r in recs if r["source"] != "계"]
        for tot in totals:
            factor = money_factor(tot["unit"]) or 1
            if len(parts) >= 2 and checks.total_mismatch(tot["amount_krw"] / factor, [p / factor for p in parts]):
                result.flag(tot["line"], "funding", "total_mismatch",
                            f"funding total {tot['source_label']!r} = {tot['amount_krw']:,.0f} but its "
                            f"{len(parts)} sources sum to {sum(parts):,.0f}", source_text=tot["source_text"])


# -- execution --------------------------------------------------------------------------------------

_SPENT_RE = re.compile(r"집행액|지출액|수입액|집행|지출")
_EXEC_RATE_RE = re.compile(r"집행률|집행율|징수율|지출률")


_NO_WORD = re.compile("").match("")


def _marked_roles(t: Table, labels: list[str]) -> dict[str, int]:
    """Budget, spent and rate columns read from the header algebra, checked by the figures: the rate column
    (집행률) marked ``(B/A)`` relates the columns marked ``(A)`` and ``(B)``; when another pair of amount
    columns reproduces the printed rate on more rows, that pair is taken. Empty without such a rate."""
    from .algebra import best_rate_pair, parse_mark

    marks = {}
    for k, lab in enumerate(labels):
        for part in lab.split(" › "):
            m = parse_mark(part)
            if m is not None and (m.letter or m.op):
                marks[k] = m
    rate = next((k for k, lab in enumerate(labels) if _EXEC_RATE_RE.search(_squash(lab))), None)
    if rate is None:
        return {}
    letters = {m.letter: k for k, m in marks.items() if m.letter}
    ratio = marks.get(rate)
    proposed = None
    if ratio is not None and ratio.is_ratio and ratio.right in letters and ratio.left in letters:
        proposed = (letters[ratio.right], letters[ratio.left])
    amounts = [k for k in _numeric_cols(t) if k != rate and not (k in marks and marks[k].op)
               and not _SHARE_RE.search(_squash(labels[k]))]
    rows = [{c.col: (c.value, c.text) for c in row if c.number is not None} for row in t.body]
    pair, n, _base = best_rate_pair(rows, rate, amounts, proposed)
    if pair is None or n < max(1, len(rows) // 2):
        return {}
    return {"budget": pair[0], "spent": pair[1], "rate": rate}


def _execution(doc, dctx, t, lines, labels, lc, result) -> bool:
    """Execution tables (예산현액 | 집행액 | 집행률): one budget per row with its spent amount and printed rate;
    differences (잔액, ``(A-B)``) and shares are never amounts. Under a two-level header whose years span
    예산 / 집행 / 집행률 sub-columns, each year's group gives its own budget (with that year)."""
    groups: dict[int | None, dict[str, int]] = {}
    derived = _derived(t)
    for k in _numeric_cols(t):
        head = _squash(labels[k].split(" › ")[-1]) if k < len(labels) else ""
        g = groups.setdefault(_col_year(labels, k), {})
        if _DIFF_RE.search(head) or "잔액" in head:
            continue
        if _EXEC_RATE_RE.search(head):
            g.setdefault("rate", k)
        elif _SHARE_RE.search(head):
            continue
        elif k in derived:
            continue  # a share or relative change of other columns (by its figures) is no amount
        elif _SPENT_RE.search(head):
            g.setdefault("spent", k)
        elif _BUDGET_RE.search(head):
            g.setdefault("budget", k)
    groups = {y: g for y, g in groups.items() if "budget" in g and "spent" in g}
    marked = _marked_roles(t, labels)
    if marked and None in groups or marked and not groups:
        groups[None] = marked
    if not groups:
        return False
    unit = _stated_unit(t, lines, lc)
    added = 0
    for row in t.body:
        lab = t.row_label(row)
        cells = {c.col: c for c in row if c.number is not None}
        for gyear, g in groups.items():
            budget_col, spent_col = g["budget"], g["spent"]
            b, sp, r = cells.get(budget_col), cells.get(spent_col), cells.get(g.get("rate"))
            if b is None and sp is None:
                continue
            budget = _won(b, unit) if b is not None else None
            spent = _won(sp, unit) if sp is not None else None
            year = gyear or year_of(lab) or lc.year
            rec = _row_base(doc, lc, b or sp, lines[(b or sp).line - 1], year, dctx.registry, lab)
            rec.update({"scope": t.title or None, "item": lab or None,
                        "flow": "revenue" if "수입" in labels[spent_col] else "expenditure",
                        "basis": (_BUDGET_RE.search(_squash(labels[budget_col])) or _NO_WORD).group(0) or None,
                        "budget_krw": budget, "spent_krw": spent,
                        "reported_rate": r.value if r is not None else None,
                        "execution": round(spent / budget * 100, 4) if budget and spent is not None else None,
                        "as_of": lc.as_of if gyear is None or gyear == lc.year else None,
                        "unit": _unit_of(b or sp, unit), "is_total": checks.is_total_label(lab)})
            result.add("budgets", rec)
            result.used.extend((c.line, c.value, "budgets") for c in (b, sp, r) if c is not None)
            added += 1
    return added > 0


def _execution_years(doc, dctx, t, lines, labels, lc, result) -> bool:
    """Execution tables transposed: years across, 예산액 / 집행액 / 집행률 rows down (the programme named in
    the cells before the first measure, else the title): one budget per year column with its spent amount
    and printed rate."""
    years = {k: _col_year(labels, k) for k in _numeric_cols(t)}
    if not years or any(y is None for y in years.values()):
        return False
    rows: dict[str, tuple[list[Cell], str]] = {}
    item = ""
    for row in t.body:
        texts = [c.text.strip() for c in row if c.number is None and c.text.strip()]
        last = _squash(texts[-1]) if texts else ""
        key = "rate" if _EXEC_RATE_RE.search(last) else "spent" if _SPENT_RE.search(last) and not \
            _DIFF_RE.search(last) else "budget" if _BUDGET_RE.search(last) and not _DIFF_RE.search(last) else None
        if key is None or key in rows:
            continue
        rows[key] = (row, texts[-1])
        if len(texts) > 1 and not item:
            item = " ".join(texts[:-1])
    if "budget" not in rows or "spent" not in rows:
        return False
    unit = _stated_unit(t, lines, lc)
    cells = {k: {c.col: c for c in row if c.number is not None} for k, (row, _) in rows.items()}
    basis = _BUDGET_RE.search(_squash(rows["budget"][1])).group(0)
    item = item or t.title or None
    added = 0
    for col, year in sorted(years.items()):
        b, sp = cells["budget"].get(col), cells["spent"].get(col)
        r = cells.get("rate", {}).get(col)
        if b is None and sp is None:
            continue
        budget = _won(b, unit) if b is not None else None
        spent = _won(sp, unit) if sp is not None else None
        if budget is None and spent is None:
            continue
        anchor = b or sp
        rec = base_row(doc, lc, anchor.line, "\n".join(lines[row[0].line - 1].strip() for row, _ in rows.values()),
                       year=year)
        rec.update({"scope": t.title or None, "item": item, "flow": "expenditure", "basis": basis,
                    "budget_krw": budget, "spent_krw": spent, "reported_rate": r.value if r is not None else None,
                    "execution": round(spent / budget * 100, 4) if budget and spent is not None else None,
                    "as_of": None, "unit": _unit_of(anchor, unit), "is_total": checks.is_total_label(item or "")})
        result.add("budgets", rec)
        result.used.extend((c.line, c.value, "budgets") for c in (b, sp, r) if c is not None)
        added += 1
    return added > 0


# -- budget-only ------------------------------------------------------------------------------------

def _derived(t: Table) -> set[int]:
    """Columns whose figures are shares (구성비) or relative changes (증감률) of other columns (:mod:`.algebra`)."""
    from .algebra import derived_columns

    numeric = _numeric_cols(t)
    columns = {k: [None] * len(t.body) for k in numeric}
    for r, c in t.numeric_cells():
        if columns[c.col][r] is None:
            columns[c.col][r] = c.value
    totals = [checks.is_total_label(t.row_label(row)) for row in t.body]
    return derived_columns(columns, totals)


def _budget_only(doc, dctx, t, lines, labels, lc, result) -> bool:
    unit = _stated_unit(t, lines, lc)
    if not money_factor(unit) and not any(c.unit in MONEY_UNITS for _, c in t.numeric_cells()):
        return False
    cols: dict[int, str] = {}
    multi_year: set[int] = set()  # 계 columns beside year columns (no single year)
    derived = _derived(t)
    for k in _numeric_cols(t):
        if k in derived:
            continue  # shares and relative changes are never budgets, whatever their header says
        head = labels[k] if k < len(labels) else ""
        if _BUDGET_RE.search(_squash(head)) and not (_SHARE_RE.search(head) or _DIFF_RE.search(head)
                                                     or _EXECUTED_RE.search(head)):
            # the basis is the budget word of the path (``예 산 액`` over a stray ``(기`` of a split note)
            cols[k] = next((p for p in reversed(head.split(" › ")) if _BUDGET_RE.search(_squash(p))), head)
    if not cols:
        # year columns under a title naming the budget (``세출 예산액 현황`` / ``구분 2023년 2024년``)
        # (a 계 column beside two or more year columns is their multi-year total: no year)
        # the table's title as printed (the finder's may have lost a lead syllable: ``소 요 예 산``), else
        # the heading it sits under
        above = _caption(t, lines)
        caption = above if not t.title or _squash(t.title) in _squash(above) else t.title
        title_word = _BUDGET_RE.search(_squash(caption))
        years_across = {k: _col_year(labels, k) for k in _numeric_cols(t)}
        totals = {k for k, y in years_across.items() if y is None and k < len(labels)
                  and checks.is_total_label(_squash(labels[k].split(" › ")[-1]))}
        if title_word and sum(y is not None for y in years_across.values()) >= (2 if totals else 1) \
                and all(y is not None or k in totals for k, y in years_across.items()) \
                and not _EXECUTED_RE.search(caption) and not _SHARE_RE.search(caption):
            cols = {k: title_word.group(0) for k in years_across}
            multi_year = totals
    added = 0
    counted = []  # rows printing a count unit of their own (``지원 아동 수(명)``): read as counts below
    if cols:  # budget columns across: one fact per row and column (years down: the item is the title)
        for row in t.body:
            lab = t.row_label(row)
            own = _row_own_unit(lab)
            if own is not None and not money_factor(own) or _PER_UNIT_RE.search(_squash(lab)):
                # a row's own unit beats the table's note: counts are no budget, nor is a price per unit
                # (``급식 단가(원)``: its cells stay in table_cells)
                if own in COUNT_UNITS:
                    counted.append(row)
                continue
            for c, won in _amounts(row, cols, own or unit):
                year = None if c.col in multi_year else \
                    _col_year(labels, c.col) or year_of(lab) or _column_year(labels, c.col, lc.year)
                item = (t.title or cols[c.col]) if year_of(lab) else lab
                result.add("budgets", _budget_rec(doc, lc, c, lines, year, item, cols[c.col], won,
                                                  _unit_of(c, unit), dctx.registry, t.title))
                added += 1
        if counted and added:
            rows_t = copy.copy(t)
            rows_t.body = counted
            _counts(doc, dctx, rows_t, lines, labels, lc, result, bare=True)
        return added > 0
    # transposed: budget words down (본예산 / 추경), years across
    years = {k: _col_year(labels, k) for k in _numeric_cols(t)}
    if not years or any(y is None for y in years.values()):
        return False
    for row in t.body:
        lab = t.row_label(row)
        m = _BUDGET_RE.search(_squash(lab))
        if not m or _EXECUTED_RE.search(lab):
            continue
        for c, won in _amounts(row, years, unit):
            result.add("budgets", _budget_rec(doc, lc, c, lines, years[c.col], t.title or lab, lab, won,
                                              _unit_of(c, unit), dctx.registry, t.title))
            added += 1
    return added > 0


#: A 수입 or 지출 total row of a fund's or account's statement (``수입 계``, ``세출 합계``): it heads its flow.
_FLOW_TOTAL_RE = re.compile(r"^(수입|세입|지출|세출)(?:계|합계|총계|총액)$")
#: Balances (stocks, not flows): a fund's 연초/연말 조성액, 기초·기말 잔액, 이월액 — never budgets.
_BALANCE_RE = re.compile(r"조성액|잔액|연초|연말|기초|기말|이월|적립금")


def _flow_years(doc, dctx, t, lines, labels, lc, result) -> bool:
    """A statement of flows by year (a fund's 연도별 조성 및 운용: years across, a ``수입 계`` row and its
    parts, a ``지출 계`` row and its parts): one budget per flow row and year column (budget-only, ``basis``
    the column's word beside its year: 결산, 계획); the balance rows (연초/연말 조성액, 잔액) are stocks, never
    budgets. Rows after a 수입 total are revenue, after a 지출 total expenditure."""
    unit = _stated_unit(t, lines, lc)
    years = {k: _col_year(labels, k) for k in _numeric_cols(t)}
    if not years or any(y is None for y in years.values()) or not money_factor(unit):
        return False
    heads = [_squash(t.row_label(row)) for row in t.body]
    if not any(_FLOW_TOTAL_RE.match(h) for h in heads):
        return False
    added, flow = 0, None
    for row, head in zip(t.body, heads, strict=True):
        m = _FLOW_TOTAL_RE.match(head)
        if m:
            flow = "revenue" if m.group(1) in ("수입", "세입") else "expenditure"
        if flow is None or not head or _BALANCE_RE.search(head):
            continue
        lab = t.row_label(row)
        for c, won in _amounts(row, years, unit):
            basis = _squash(YEAR_WORD_RE.sub("", labels[c.col].split(" › ")[-1])) or None
            rec = _budget_rec(doc, lc, c, lines, years[c.col], lab, basis, won, _unit_of(c, unit), dctx.registry,
                              t.title)
            rec["flow"] = flow
            result.add("budgets", rec)
            added += 1
    return added > 0


_CAPTION_NOTE_RE = re.compile(r"[(\[<]\s*단위\s*[:：]?[^)\]>]*[)\]>]|단위\s*[:：]\s*\S+")
#: A line of nothing but markup tags (``<table border='1'>``, ``<tr>``): the table's own frame, no caption.
_MARKUP_LINE_RE = re.compile(r"^(?:\s*</?[A-Za-z][^<>]*>)+\s*$")


def _caption(t: Table, lines: list[str], reach: int = 6) -> str:
    """The first short line above the table within ``reach`` lines, blank lines, a ``(단위: 백만원)`` note
    and the table's own markup lines (``<table>`` / ``<tr>`` above the first HTML cell) skipped
    (``## Ⅲ. 연도별 소요예산``): the heading a table with no title of its own sits under."""
    for k in range(t.line - 2, max(-1, t.line - 2 - reach), -1):
        text = _MARKUP_LINE_RE.sub("", _CAPTION_NOTE_RE.sub("", lines[k])).strip()
        if text:
            return text if len(text) <= 60 and "|" not in text and "\t" not in text else ""
    return ""


def _budget_rec(doc, lc, c, lines, year, item, basis, won, unit, reg, title) -> dict:
    rec = _row_base(doc, lc, c, lines[c.line - 1], year, reg, item)
    rec.update({"scope": title or None, "item": item or None, "flow": "expenditure", "basis": basis,
                "budget_krw": won, "spent_krw": None, "reported_rate": None, "execution": None,
                "as_of": None, "unit": unit, "is_total": checks.is_total_label(item)})
    return rec


# -- indicators by year -----------------------------------------------------------------------------

def _row_kind(text: str) -> str | None:
    s = _squash(text)
    if TARGET_ROW_RE.match(s):
        return "target"
    if ACTUAL_ROW_RE.match(s):
        return "actual"
    if _RATE_RE.search(s):
        return "rate"
    return None


def _indicator_groups(t: Table) -> list[tuple[str, dict[str, list[Cell]]]]:
    """The 목표 / 실적 / 달성률 rows of a year-column table, grouped by indicator: a row whose last text cell
    is 목표 starts a group named by the text cells before it (``통합사례관리 가구(가구) | 목표``); the 실적 and
    rate rows below join it. A table of one unnamed group is named by its title."""
    groups: list[tuple[str, dict[str, list[Cell]]]] = []
    for row in t.body:
        texts = [c.text.strip() for c in row if c.number is None and c.text.strip()]
        if not texts:
            continue
        kind = _row_kind(texts[-1])
        if kind is None:
            continue
        name = " ".join(texts[:-1])
        if kind == "target" and (not groups or name or "target" in groups[-1][1]):
            groups.append((name, {}))
        if not groups or kind in groups[-1][1]:
            continue
        groups[-1][1][kind] = row
    return [(n, rows) for n, rows in groups if "target" in rows and "actual" in rows]


def _indicator_years(doc, dctx, t, lines, labels, lc, result) -> bool:
    years = {k: _col_year(labels, k) for k in _numeric_cols(t)}
    years = {k: y for k, y in years.items() if y is not None}
    if len(years) < 1:
        return False
    added = 0
    for gname, kinds in _indicator_groups(t):
        cell = {key: {c.col: c for c in row if c.number is not None} for key, row in kinds.items()}
        name = _LABEL_UNIT_RE.sub("", gname).strip() or _CAPTION_RE.sub("", t.title or "").strip() \
            or t.header_text()
        for col, year in sorted(years.items()):
            tg, ac, rt = (cell[k].get(col) if k in cell else None for k in ("target", "actual", "rate"))
            if tg is None and ac is None:
                continue
            anchor = tg or ac  # the first row of the indicator (목표 above 실적)
            rec = base_row(doc, lc, anchor.line, "\n".join(lines[r[0].line - 1].strip() for r in kinds.values() if r),
                           year=year)
            rec["scope"] = t.title or lc.section or None  # the plan/table heading the indicator is reported under
            unit = (tg or ac).unit or _label_unit(gname) or _stated_count_unit(t, lines) or lc.count_unit or None
            added += _add_indicator(result, rec, name, unit, tg, ac, rt, str(year))
    return added > 0


_BASE_RE = re.compile(r"기준치|기준연도|기준년도|현재수준")
_TARGET_HEAD_RE = re.compile(r"목표치|목표")
_NAME_HEAD_RE = re.compile(r"성과지표|지표명|지표$")
_PAREN_YEAR_RE = re.compile(r"^\(\s*((?:19|20)\d{2})\s*\)$")


def _plan_year(label: str) -> int | None:
    """The year of a plan column: a year part (``2023년``) or a bracketed one under 기준치 (``(2022)``)."""
    for part in label.split(" › "):
        m = _PAREN_YEAR_RE.match(part.strip())
        if m:
            return int(m.group(1))
    return _col_year([label], 0)


def _indicator_plan(doc, dctx, t, lines, labels, lc, result) -> bool:
    """Plan indicator tables (연차별 시행계획): a 성과지표 column, a 기준치 column over its base year and
    목표치 columns over the plan years (``기준치 › 2022년 | 목표치 › 2023년 …``; in space-aligned text the
    목표치 word sits over one of the year columns only). The 기준치 is the actual of its year (one indicator,
    no target); each 목표치 year gives one indicator with that year's target."""
    heads = [_squash(lab) for lab in labels]
    name_col = next((k for k, h in enumerate(heads) if _NAME_HEAD_RE.search(h)), None)
    years = {k: _plan_year(labels[k]) for k in _numeric_cols(t) if k < len(labels)}
    if name_col is None or not years or any(y is None for y in years.values()):
        return False
    base = {k for k in years if _BASE_RE.search(heads[k])}
    targets = {k for k in years if _TARGET_HEAD_RE.search(heads[k])}
    if len(base) != 1 or not targets:
        return False
    # year columns named by nothing but their year sit under the 목표치 word printed over one of them
    targets |= {k for k in years if k not in base and _squash(_col_label_words(labels[k])) == ""}
    if base | targets != set(years):
        return False
    unit_col = next((k for k, h in enumerate(heads) if h == "단위"), None)
    prog_col = next((k for k, h in enumerate(heads) if _PROGRAM_HEAD_RE.search(h) and k != name_col), None)
    added = 0
    for row in t.body:
        by_col = {c.col: c for c in row}
        name_cell = by_col.get(name_col)
        name = name_cell.text.strip() if name_cell is not None and name_cell.number is None else ""
        if not name:
            continue
        unit_cell = by_col.get(unit_col) if unit_col is not None else None
        unit_text = _squash(unit_cell.text) if unit_cell is not None and unit_cell.number is None else ""
        program = by_col[prog_col].text.strip() if prog_col is not None and prog_col in by_col else ""
        for k in sorted(years):
            c = by_col.get(k)
            if c is None or c.number is None:
                continue
            rec = base_row(doc, lc, c.line, lines[c.line - 1].strip(), year=years[k])
            rec["scope"] = t.title or lc.section or None
            if program:
                rec["program"] = program
            tg, ac = (None, c) if k in base else (c, None)
            added += _add_indicator(result, rec, name, c.unit or unit_text or None, tg, ac, None, str(years[k]))
    return added > 0


def _col_label_words(label: str) -> str:
    """A column label without its year parts (``2024년`` → ``''``; ``목표치 › 2025년`` → ``목표치``)."""
    return " ".join(p for p in label.split(" › ") if _plan_year(p) is None and _col_year([p], 0) is None)


def _add_indicator(result, rec, name, unit, tg, ac, rt, period) -> int:
    lower = bool(DECREASE_RE.search(name or ""))
    ach = None
    if tg is not None and ac is not None:
        ach = round((tg.value / ac.value if lower else ac.value / tg.value) * 100, 4) \
            if (ac.value if lower else tg.value) else None
    rec.update({"indicator": name or None, "unit": unit, "target": tg.value if tg else None,
                "actual": ac.value if ac else None, "reported_rate": rt.value if rt else None,
                "achievement": ach, "direction": "decrease" if lower else "increase", "period": period,
                "formula": None, "data_source": None})
    result.add("indicators", rec)
    result.used.extend((c.line, c.value, "indicators") for c in (tg, ac, rt) if c is not None)
    if rt is not None and checks.rate_mismatch(rt.value, ach, rt.text, (ac if lower else tg).value):
        # the printed 달성률 checked against actual / target × 100 (target / actual for a decrease)
        result.flag(rec["line"], "indicators", "rate_mismatch",
                    f"printed 달성률 {rt.text} but {'target/actual' if lower else 'actual/target'} gives {ach:.1f}%",
                    source_text=rec.get("source_text") or "")
    return 1


#: A caption's lead word before the indicator's name (``성과지표: 방문건강관리 등록 인원``).
_CAPTION_RE = re.compile(r"^(?:대표\s*)?성과\s*지표(?:명)?\s*[:：]\s*")
_PROGRAM_HEAD_RE = re.compile(r"사업명?$|세부사업|단위사업")


def _indicator_columns(doc, dctx, t, lines, labels, lc, result) -> bool:
    """Results tables with 목표 and 실적 columns (one cell per line, as HWP tables flatten): one indicator per
    row; a 단위 column gives the unit, a 세부사업/사업명 column the programme. Under a two-level header whose
    years span 목표 / 실적 (/ 달성률) sub-columns, each year's group gives its own indicator (with that year)."""
    groups: dict[int, list[int]] = {}
    for k in range(len(labels)):
        y = _col_year(labels, k)
        if y is not None:
            groups.setdefault(y, []).append(k)
    if len(groups) >= 2:
        shared = [k for k in range(len(labels)) if _col_year(labels, k) is None]
        added = 0
        for year, cols in sorted(groups.items()):
            keep = set(shared) | set(cols)
            sub = [lab if k in keep else "" for k, lab in enumerate(labels)]
            added += _indicator_group(doc, t, lines, sub, lc, result, year, partial=True, reg=dctx.registry)
        return added > 0
    if not _indicator_group(doc, t, lines, labels, lc, result, lc.year, reg=dctx.registry):
        return False
    # the row's other count columns (참여자 수, 이용자 수 beside 목표 | 실적 | 달성률): one activity each
    heads = {k: _squash(labels[k].split(" › ")[-1]) for k in range(len(labels))}
    tcol, acol = next((k for k, h in heads.items() if TARGET_ROW_RE.match(h)), None), \
        next((k for k, h in heads.items() if ACTUAL_ROW_RE.match(h)), None)
    if tcol is None and acol is None:
        tcol, acol = _paired_columns(heads)
    paired = {k for k, h in heads.items() if k in (tcol, acol) or _RATE_RE.search(h)}
    _counts(doc, dctx, t, lines, labels, lc, result, skip=paired, named=True)
    return True


def _paired_columns(heads: dict[int, str]) -> tuple[int | None, int | None]:
    """The 목표 and 실적 columns of one measure named after them (``목표 일자리 | 실적 일자리``, ``목표 인원 | 실적
    인원``): a pair of heads ``목표X`` / ``실적X`` with the same ``X``; (None, None) when there is no such pair."""
    targets = {h[2:]: k for k, h in heads.items() if h.startswith("목표") and len(h) > 2}
    for k, h in heads.items():
        if h.startswith("실적") and h[2:] in targets:
            return targets[h[2:]], k
    # a column ``목표 X`` beside a column ``X`` (``수급률 | 목표 수급률``): the target of X, and X its actual
    for k, h in heads.items():
        if h in targets and not _RATE_RE.search(h):
            return targets[h], k
    return None, None


def _paired_measure(heads: dict[int, str], tcol: int | None, acol: int | None) -> str:
    """The measure a ``목표 X | X`` pair names (``수급률``), else '' (a 목표 | 실적 pair names none)."""
    if tcol is None or acol is None:
        return ""
    return heads[acol] if heads[tcol] == "목표" + heads[acol] else ""


def _indicator_group(doc, t, lines, labels, lc, result, year, partial: bool = False, reg=None) -> int:
    """The indicators of one group of 목표 / 실적 columns (all of them in a one-level header), dated ``year``;
    ``partial``: a year group of a two-level header may hold 목표 alone (a plan year) or 실적 alone."""
    heads = {k: _squash(labels[k].split(" › ")[-1]) for k in range(len(labels))}
    tcol = next((k for k, h in heads.items() if TARGET_ROW_RE.match(h)), None)
    acol = next((k for k, h in heads.items() if ACTUAL_ROW_RE.match(h)), None)
    if tcol is None and acol is None:
        tcol, acol = _paired_columns(heads)
    if (tcol is None or acol is None) and not (partial and (tcol is not None or acol is not None)):
        return 0
    rcol = next((k for k, h in heads.items() if _RATE_RE.search(h)), None)
    ucol = next((k for k, h in heads.items() if h == "단위"), None)
    pcol = next((k for k, h in heads.items() if _PROGRAM_HEAD_RE.search(h) and k not in (tcol, acol)), None)
    added = 0
    for row in t.body:
        by_col = {c.col: c for c in row}
        tg = by_col.get(tcol) if tcol is not None else None
        ac = by_col.get(acol) if acol is not None else None
        tg = tg if tg is not None and tg.number is not None else None
        ac = ac if ac is not None and ac.number is not None else None
        if tg is None and ac is None:
            continue
        rt = by_col.get(rcol) if rcol is not None else None
        rt = rt if rt is not None and rt.number is not None else None
        unit_cell = by_col.get(ucol) if ucol is not None else None
        texts = [c.text.strip() for c in row if c.number is None and c.text.strip()
                 and c.col not in (ucol, pcol) and c.col < min(k for k in (tcol, acol) if k is not None)]
        program = by_col[pcol].text.strip() if pcol is not None and pcol in by_col else None
        name = " ".join(texts) or program
        unit = (tg or ac).unit or (_squash(unit_cell.text) if unit_cell is not None else "") or None
        anchor = tg or ac
        rec = base_row(doc, lc, anchor.line, "\n".join(dict.fromkeys(lines[c.line - 1].strip() for c in row)),
                       year=year)
        own_region(rec, name or "", reg, year, within=lc.region)  # a 시군 row of a 도's comparison table
        measure = _paired_measure(heads, tcol, acol)
        if measure and row_region(name or "", reg, year, within=lc.region)[0]:
            # a row naming its region (시군 | 수급률 | 목표 수급률): the pair's measure is the indicator
            name = _column_name(labels[acol])
            unit = unit or ("%" if re.search(r"[률율]$", measure) else None)  # a rate (수급률) is a percentage
        if program and program != name:
            rec["program"] = program
        added += _add_indicator(result, rec, name, unit, tg, ac, rt, str(year) if year else None)
    return added


# -- count tables -----------------------------------------------------------------------------------

_LABEL_UNIT_RE = re.compile(r"\(\s*([가-힣]{1,2})\s*\)\s*$")


_OWN_UNIT_RE = re.compile(r"\(\s*([가-힣]{1,2}|천\s*원|백만\s*원|억\s*원|만\s*원)\s*\)\s*$")


def _row_own_unit(label: str) -> str | None:
    """The unit a row label prints in brackets at its end, money or count (``예산액(천원)`` → ``천원``,
    ``지원 아동 수(명)`` → ``명``), else None: a row's own unit beats the unit note over its table."""
    m = _OWN_UNIT_RE.search(label or "")
    if not m:
        return None
    unit = _squash(m.group(1))
    return unit if money_factor(unit) or unit in COUNT_UNITS else None


def _label_unit(label: str) -> str:
    """The count unit a row label states in brackets at its end (``방문 횟수(회)`` → ``회``), else ''."""
    m = _LABEL_UNIT_RE.search(label or "")
    return m.group(1) if m and m.group(1) in COUNT_UNITS else ""


_UNIT_PART_RE = re.compile(r"^\s*(?:단\s*위|unit)\s*[:：]", re.I)
_HANGUL_RE = re.compile(r"[가-힣]")


def _column_name(head: str) -> str:
    """A column's name from its header path, its unit parts left out (``65세 이상 › 인 구`` → ``65세 이상 인 구``;
    ``시설수 › (개소)`` → ``시설수``; ``Unit: person › 지체 › Physical`` → ``지체``): a name printed over two
    lines keeps both."""
    parts = [_LABEL_UNIT_RE.sub("", p).strip() for p in head.split(" › ")]
    parts = [p for p in parts if _squash(p) not in COUNT_UNITS and not _UNIT_PART_RE.match(p)]
    if any(_HANGUL_RE.search(p) for p in parts):  # a yearbook's English line translates the Korean one
        parts = [p for p in parts if _HANGUL_RE.search(p)]
    return " ".join(p for p in parts if p) or head


#: A period column (``Ⅰ분기``, ``1/4분기``, ``상반기``, ``3월``): what it counts is the unit of its cells.
_PERIOD_HEAD_RE = re.compile(r"분기$|반기$|^(?:1[0-2]|0?[1-9])월$")
_YEAR_TARGET_RE = re.compile(r"^(?:연간)?목표(?:치|량)?$")
_RUNNING_RE = re.compile(r"^누계(?:실적)?$")


def _running_totals(doc, dctx, t, lines, labels, lc, result) -> bool:
    """Progress tables (분기별 추진실적): a row printing its 연간 목표, its periods (Ⅰ … Ⅳ분기), their 누계 and a
    달성률 gives one indicator (target = 목표, actual = 누계, the printed rate) and one activity per period
    cell and for the 누계 (the counts reader); the 목표 cell is no count."""
    heads = {k: _squash(labels[k].split(" › ")[-1]) for k in range(len(labels))}
    tcol = next((k for k, h in heads.items() if _YEAR_TARGET_RE.match(h)), None)
    acol = next((k for k, h in heads.items() if _RUNNING_RE.match(h)), None)
    rcol = next((k for k, h in heads.items() if _RATE_RE.search(h)), None)
    if tcol is None or acol is None or rcol is None:
        return False
    unit_col = next((k for k, h in heads.items() if h == "단위"), None)
    # roles checked by the printed figures: the rate is 누계/목표 on every row that prints all three
    checked = 0
    for row in t.body:
        by_col = {c.col: c for c in row if c.number is not None}
        tg, ac, rt = (by_col.get(k) for k in (tcol, acol, rcol))
        if tg is None or ac is None or rt is None or not tg.value:
            continue
        computed = ac.value / tg.value * 100
        if checks.rate_mismatch(rt.value, computed, rt.text, tg.value) and \
                checks.rate_mismatch(rt.value, tg.value / ac.value * 100 if ac.value else None, rt.text, ac.value):
            return False
        checked += 1
    if not checked:
        return False
    added = 0
    for row in t.body:
        by_col = {c.col: c for c in row}
        tg, ac, rt = (by_col.get(k) for k in (tcol, acol, rcol))
        tg, ac, rt = (c if c is not None and c.number is not None else None for c in (tg, ac, rt))
        lab = " ".join(c.text.strip() for c in row if c.col < min(tcol, acol) and c.col != unit_col
                       and c.number is None and c.text.strip())
        if tg is None or ac is None or not lab:
            continue
        unit_cell = by_col.get(unit_col) if unit_col is not None else None
        unit = tg.unit or ac.unit or (_squash(unit_cell.text) if unit_cell is not None else "") or None
        rec = base_row(doc, lc, ac.line, lines[ac.line - 1].strip(), year=lc.year)
        rec["scope"] = t.title or lc.section or None
        added += _add_indicator(result, rec, lab, unit, tg, ac, rt, str(lc.year) if lc.year else None)
    if not added:
        return False
    _counts(doc, dctx, t, lines, labels, lc, result, skip={tcol})
    return True


def _word_unit(head: str) -> str:
    """The count unit a column's measure word names (``인원`` → 명, ``가구수`` → 가구, ``참여자 수`` → 명), else ''."""
    s = _squash(head)
    return MEASURE_WORD_UNITS.get(s, "") or ("명" if PERSON_COUNT_RE.search(s) else "")


def _counts(doc, dctx, t, lines, labels, lc, result, only: int | None = None, skip: set[int] = frozenset(),
            named: bool = False, bare: bool = False) -> bool:
    """Count cells: an integer with a count unit printed beside it, or under a column (or in a row)
    whose label names a count measure (건수, 인원, ``(명)``). A cell whose column has no label is read only
    when it is its row's only figure (else the facts would not say which is which); a money column
    (결제액, 예산) is never one. ``named``: only the columns whose own label names a count measure. ``bare``:
    a row's bracketed unit, the measure of its year cells, is left out of its item (the count rows of a
    budget table, :func:`_budget_only`)."""
    stated = _stated_count_unit(t, lines)
    listed = _units_by_column(t, labels, lines)
    # a 계 column totals the year columns beside it (no single year) or, without any, the categories of
    # the year in force
    years_across = any(_col_year(labels, k) is not None for k in range(len(labels)))

    def region_row(lab: str) -> bool:
        return row_region(lab, dctx.registry, lc.year, within=lc.region)[0]

    region_table = any(region_row(t.row_label(row)) for row in t.body)
    # the 계 row under month rows (or quarter, half-year rows) is the year's total of each column, like
    # the periods (item: the column)
    def period_row(lab: str) -> bool:
        return bool(MONTH_ROW_RE.match(_squash(lab)) or _PERIOD_HEAD_RE.search(_squash(lab)))

    month_table = sum(1 for row in t.body if period_row(t.row_label(row))) >= 2
    added = 0
    for row in t.body:
        lab = t.row_label(row)
        if not lab or len(lab) > 30 or re.match(r"^[^\w가-힣(]", lab):
            continue
        figs = [c for c in row if c.number is not None]
        # a 단위 cell of the row (``노인복지시설 | 개소 | 42 | 44``): the unit of its figures
        unit_cell = next((c for c in row[1:] if c.number is None and _squash(c.text) in COUNT_UNITS), None)
        row_unit = (_squash(unit_cell.text) if unit_cell is not None else "") or _label_unit(lab)
        for c in figs:
            if only is not None and c.col != only or c.col in skip:
                continue
            head = labels[c.col] if c.col < len(labels) else ""
            if c.value != int(c.value) or c.unit == "%" or c.unit in MONEY_UNITS or _SHARE_RE.search(head) \
                    or _DIFF_RE.search(_squash(head)) or _MONEY_HEAD_RE.search(_squash(head.split(" › ")[-1])):
                continue  # a share, a difference (전년 대비 증감) or an amount (결제액): never a count
            by_name = c.unit in COUNT_UNITS or _COUNT_HEAD_RE.search(_squash(head)) \
                or _word_unit(head.split(" › ")[-1]) or _label_unit(head.split(" › ")[-1]) or c.col in listed
            if named and not by_name:
                continue
            counted = by_name or _COUNT_HEAD_RE.search(_squash(lab)) or stated in COUNT_UNITS or row_unit
            if not counted or (not head and len(figs) > 1) or len(head) > 40:
                continue
            year = _col_year(labels, c.col)
            # (a 누계 실적 column is the running total of the periods, as a 누계 column is)
            total_col = (checks.is_total_label(head.split(" › ")[-1])
                         or bool(_RUNNING_RE.match(_squash(head.split(" › ")[-1])))) if head else False
            last = head.split(" › ")[-1] if head else ""
            unit = c.unit or row_unit or _label_unit(last) or (_squash(last) if _squash(last) in COUNT_UNITS else "") \
                or _word_unit(last)
            by_note = not unit and c.col in listed and year is None and not total_col
            unit = unit or listed.get(c.col, "") or (stated if stated in COUNT_UNITS else "")
            measure = head if year is None else (unit or "건수")
            # a period column (1분기, 1/4분기, 상반기, 3월), like a year column, says when, not what, is counted:
            # the measure is the unit (the cell's, the row's or the table's unit note), the period qualifies the item
            period = year is None and bool(unit) and not total_col and bool(_PERIOD_HEAD_RE.search(_squash(last)))
            if by_note:
                measure = f"{head} ({unit})"  # the note's unit of this column, in column order
            if year is None and head and not c.unit and not row_unit and unit and _word_unit(last) == unit \
                    and _squash(last) != unit:
                measure = f"{head} ({unit})"  # ``계 › 인원`` over bare figures counts 명
            if total_col:
                measure = f"합계 ({unit})" if unit else "합계"
            item = lab
            # the row's name without its 단위 cell (``신고 접수 | 건 | 164 | 188``)
            name = (" ".join(x.text.strip() for x in row if x.number is None and x is not unit_cell
                             and x.col < c.col and x.text.strip()) or lab) if unit_cell is not None else lab
            # a row naming a year or a month (periods down) or a region: what is counted is the column's measure
            # (its 계 column too); so in a table of region rows is its 계 row (the whole of the regions below)
            row_year = year_of(lab) if year is None else None
            if period:
                item, measure = f"{name} ({_column_name(head)})", unit
            elif year is None and head and (row_year or period_row(lab) or region_row(lab)
                                          or ((region_table or month_table) and checks.is_total_label(lab))):
                item = _column_name(head)
                measure = unit or head
            elif unit_cell is not None and year is None and head:
                # a 단위 column: the unit is the measure, the column qualifies the item; the 계 column is the
                # item's total
                item = name if total_col else f"{name} ({_column_name(head)})"
                measure = measure if total_col else unit
            elif bare and year is not None and not c.unit and unit_cell is None and row_unit and measure == row_unit:
                item = _LABEL_UNIT_RE.sub("", lab).strip() or lab  # ``지원 아동 수(명)``: its unit is the measure
            if only is not None and c.unit:
                measure = c.unit  # the count column beside an execution: the unit printed in its cells
            rec = _row_base(doc, lc, c, lines[c.line - 1],
                            year or row_year or (None if total_col and years_across else lc.year), dctx.registry, lab)
            rec.update({"item": item, "measure": measure or c.unit or None, "value": c.value})
            result.add("activities", rec)
            added += 1
    return added > 0
