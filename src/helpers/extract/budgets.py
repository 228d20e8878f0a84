"""The ``budgets`` table: budget vs spent (or collected) rows, with execution rates and totals.

Read from tables whose header names a budget and a spent amount or rate (:mod:`.tables`): 세입현황
(예산액/수입액/징수율 → ``flow`` revenue), 세출현황 (예산액/지출액/집행률), 예산현액/지출액/집행률 lists of
departments and 세부사업 (합계/소계 rows → ``is_total``; a total row's label prefix marks its department
subtotals), 예산 집행 실적 tables (``’22년도 예산(A)``: the year comes from the header), the
예산현액·집행액 columns of results tables, and year-comparison overviews (``2024년(A) 2023년(B) 증감``).

Amounts are converted to won from the unit in force: a unit glued to the figure (``28,800백만 원``), a
header cell (``집행내역(백만원)``), the ``단위`` line, the manifest. A table with none takes the unit of the
nearest table of the same kind in the same region (``unit_inferred`` flag naming it); with no such table
the amount stays empty and a ``unit_unknown`` flag is raised.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Iterator

from . import checks
from .cells import Figure
from .grid import year_of
from .numbers import MONEY_UNITS, to_krw
from .reading import Document
from .result import DocContext, ExtractResult
from .tables import Row, Table, document_tables
from .vocabulary import COUNT_UNITS

#: A ``(단위: 천원)`` note in a title (not part of an item's name).
_UNIT_NOTE_RE = re.compile(r"\s*[(\[]\s*단위\s*[:：]?[^)\]]*[)\]]")


def _fig_unit(f: Figure | None) -> str | None:
    return f.unit if f is not None and f.unit in MONEY_UNITS else None


def table_unit(table: Table) -> tuple[str | None, str]:
    """The money unit a table states (glued to its figures, in a header cell or a 단위 line) and where."""
    glued = [(u, row.line) for row in table.rows for u in [_fig_unit(row.values.get("budget"))
                                                          or _fig_unit(row.values.get("spent"))] if u]
    if glued and len(glued) * 2 >= len(table.rows) and len({u for u, _ in glued}) == 1:
        # most rows print their unit (``28,800백만 원``); a lone ``393천원`` in a 백만원 list is that row's own;
        # rows printing different units (``3.5억원``, ``850천원``) each keep theirs, the bare ones the stated unit
        return glued[0][0], f"printed with the figures (line {glued[0][1]})"
    if table.header.unit:
        return table.header.unit, f"header (line {table.header.start + 1})"
    ctx = table.context
    if ctx.unit:
        return ctx.unit, ctx.unit_source
    return None, ""


def _subtotal_prefix(rows: list[Row]) -> str:
    """``여성가족정책실 합계(227개)`` → ``여성가족정책실 ``: rows starting with it are department subtotals."""
    for row in rows:
        words = row.label.split()
        if len(words) >= 2 and checks.is_total_label(words[-1]) and not checks.is_total_label(words[0]):
            return words[0] + " "
    return ""


def budget_records(table: Table, unit: str | None) -> Iterator[dict]:
    """The budget rows of one table, one at a time (a large table's rows are never all held as dicts)."""
    ctx = table.context
    h = table.header
    prefix = _subtotal_prefix(table.rows)
    scope = table.title or ctx.section or ctx.program
    for row in table.rows:
        label = row.label
        is_total = checks.is_total_label(label) or bool(prefix and label.startswith(prefix))
        if prefix and label.startswith(prefix) and not checks.is_total_label(label):
            scope = label[len(prefix):].strip()
        base = {"line": row.line, "region_code": ctx.region.code if ctx.region else None,
                "region_name": ctx.region.name if ctx.region else None,
                # a total or subtotal row (a department's 합계) belongs to no single programme
                "program": ((row.texts.get("program") if not is_total else "") or ctx.program) or None,
                "scope": scope or None,
                # a year row (years down) is the table's own item: its scope names it
                "item": (_UNIT_NOTE_RE.sub("", scope).strip() if year_of(label) and scope else label)
                or row.texts.get("program") or None, "flow": h.flow, "as_of": ctx.as_of,
                "is_total": is_total, "source_text": row.source_text}
        if h.kind == "years":
            for key, f in row.values.items():
                if not key.startswith("year:") or f is None:
                    continue
                u = _fig_unit(f) or unit
                yield {**base, "year": int(key[5:]), "basis": _basis(table) or "예산",
                       "budget_krw": to_krw(f.value, u), "spent_krw": None, "reported_rate": None,
                       "execution": None, "unit": u or "unknown", "_printed": f.value}
            continue
        b, s, r = row.values.get("budget"), row.values.get("spent"), row.values.get("rate")
        if b is None and s is None:
            continue
        ub = _fig_unit(b) or unit
        us = _fig_unit(s) or unit
        budget = to_krw(b.value, ub) if b is not None else None
        spent = to_krw(s.value, us) if s is not None else None
        execution = round(spent / budget * 100, 4) if budget and spent is not None else None
        # a row labelled by its year (years down the first column: ``2021년  684,200  652,310  95.3``)
        prior = row.values.get("prior_budget")
        if prior is not None:  # the previous year's budget column: its own year, no spent, no as_of
            up = _fig_unit(prior) or unit
            year = h.year or year_of(label) or ctx.year
            yield {**base, "year": year - 1 if year else None, "basis": _basis(table) or h.basis or "예산",
                   "budget_krw": to_krw(prior.value, up), "spent_krw": None, "reported_rate": None,
                   "execution": None, "unit": up or "unknown", "as_of": None, "_prior": True,
                   "_printed": prior.value}
        yield {**base, "year": h.year or year_of(label) or ctx.year, "basis": _basis(table) or h.basis or "예산",
               "budget_krw": budget, "spent_krw": spent, "reported_rate": r.value if r else None,
               "execution": execution, "unit": (ub or us) or "unknown", "_rate": r,
               "_printed": b.value if b is not None else None}


def _basis(table: Table) -> str:
    h = table.header
    if h.basis:
        return h.basis
    for text in (table.context.section, table.title):
        for word in ("예산현액", "예산액", "목표예산", "소요예산"):
            if text and word in text.replace(" ", ""):
                return word
    return ""


def extract_budgets(doc: Document, dctx: DocContext) -> ExtractResult:
    """Every budget row of the document, with unit inference, rate and total checks as flags."""
    result = ExtractResult()
    _, tables = document_tables(doc, dctx)
    budget_tables = [t for t in tables if t.header.kind in ("budget", "mixed", "years")]
    stated = {id(t): table_unit(t) for t in budget_tables}
    before: tuple[Table, array] | None = None  # the previous table and its rows (a page break may split one)
    for t in budget_tables:
        unit, source = stated[id(t)]
        if unit is None and t.header.kind == "years" and (t.context.count_unit and not _units_printed(t)
                                                          or _counts_printed(t)):
            continue  # year columns under a count unit (``(단위: 개소)``, ``479명`` in every cell): counts, no budget
        if unit is None:
            unit, source = _infer_unit(t, budget_tables, stated)
            if unit is None and _units_printed(t):
                pass  # every amount carries its own unit (``412.6억원``, ``8,640만원``): nothing is unknown
            elif unit:
                result.flag(t.header.start + 1, "budgets", "unit_inferred",
                            f"table {t.title!r} prints no unit: {unit} taken from the same kind of table "
                            f"in the same region, {source}")
            else:
                result.flag(t.header.start + 1, "budgets", "unit_unknown",
                            f"table {t.title!r} prints no money unit and no table of the same kind in the "
                            "same region states one: amounts left empty (printed figures in source_text)")
        if t.context.region is None:
            result.flag(t.header.start + 1, "budgets", "region_unknown",
                        f"no region in force for the table {t.title!r}: rows kept with an empty region")
        for note in t.header.notes:
            result.flag(t.header.start + 1, "budgets", "role_corrected", f"table {t.title!r}: {note}",
                        severity="info", source_text=t.header.text)
        current = array("i")  # positions of the added rows: totals are checked within one year (no prior year)
        for rec in budget_records(t, unit):
            _own_region(rec, dctx)
            rate = rec.pop("_rate", None)
            rec.pop("_printed", None)
            prior = rec.pop("_prior", None)
            if rate is not None and rec["budget_krw"] and rec["spent_krw"] is not None:
                factor = rec["budget_krw"] / rec.get("budget_krw") if rec["budget_krw"] else 1
                printed_budget = _printed_denominator(rec, unit)
                if checks.rate_mismatch(rate.value, rec["execution"], rate.text, printed_budget * factor):
                    result.flag(rec["line"], "budgets", "rate_mismatch",
                                f"printed rate {rate.text} but spent/budget gives {rec['execution']:.1f}%",
                                source_text=rec["source_text"])
            result.add("budgets", rec)
            if not prior:
                current.append(len(result.rows["budgets"]) - 1)
        checked = current
        store = result.rows.get("budgets")
        totals = store.column("is_total") if store is not None else ()
        if before is not None and _continues(before[0], t) and not any(totals[k] for k in before[1]):
            checked = before[1] + current  # the same table after a page break: its total covers both pages
        if any(totals[k] for k in checked):  # a table without a total row has nothing to check
            _check_totals(t, [_Checked(store, k) for k in checked], unit, result)
        before = (t, checked)
        for line, text in t.unparsed:
            result.flag(line, "budgets", "unparsed_row", f"figures in table {t.title!r} not read", source_text=text)
    return result


class _Checked:
    """One added budget row as the total checks read it: its values read from the added rows, where a
    nested subtotal found by the arithmetic is marked ``is_total``. Built only for a table that has a total
    row: the rows themselves are kept as columns as soon as they are read, and a table of 200,000 rows
    without a total holds no object per row for its checks."""

    __slots__ = ("_rows", "_index")

    def __init__(self, rows, index: int):
        self._rows, self._index = rows, index

    def __getitem__(self, key: str):
        return self._rows.column(key)[self._index]

    def __setitem__(self, key: str, value) -> None:
        if key != "is_total":
            raise KeyError(key)
        self._rows.column("is_total")[self._index] = value


def _continues(prev: Table, t: Table) -> bool:
    """``t`` continues ``prev`` after a page break: the same columns, its header a few lines (page number,
    running title, unit note) after the last row of ``prev``."""
    if not prev.rows or prev.header.signature() != t.header.signature():
        return False
    return 0 < t.header.start + 1 - prev.rows[-1].line <= 6


def _units_printed(t: Table) -> bool:
    """Every budget and spent figure of the table prints its own money unit."""
    figs = [f for row in t.rows for f in (row.values.get("budget"), row.values.get("spent")) if f is not None]
    return bool(figs) and all(_fig_unit(f) for f in figs)


def _counts_printed(t: Table) -> bool:
    """Every figure of the table prints a count unit (``479명``, ``△12명``): a count table, whatever its
    columns' words propose."""
    figs = [f for row in t.rows for f in row.values.values() if f is not None]
    return bool(figs) and all(f.unit in COUNT_UNITS for f in figs)


def _own_region(rec: dict, dctx: DocContext) -> None:
    """A row naming a region (a 시 row in a 도 document) takes that region; a 전국 row none."""
    from .families import own_region

    own_region(rec, rec.get("item") or "", dctx.registry, rec.get("year"))


def _printed_denominator(rec: dict, unit: str | None) -> float:
    from .numbers import money_factor

    factor = money_factor(rec["unit"] if rec["unit"] != "unknown" else unit) or 1
    return rec["budget_krw"] / factor


def _infer_unit(t: Table, tables: list[Table], stated: dict) -> tuple[str | None, str]:
    """The unit of the nearest table of the same kind in the same region that states one."""
    region = t.context.region
    same = [o for o in tables if o is not t and o.header.signature() == t.header.signature()
            and o.context.region == region and stated[id(o)][0]]
    if not same:
        return None, ""
    before = [o for o in same if o.header.start < t.header.start]
    best = before[-1] if before else same[0]
    return stated[id(best)][0], f"line {best.header.start + 1} ({best.title or 'untitled'}: {stated[id(best)][1]})"


def _check_totals(t: Table, records: list[dict], unit: str | None, result: ExtractResult) -> None:
    """Compare each total row with the sum of the rows it covers: a leading total with its subtotals (or
    items), a trailing 소계 with the items since the previous 소계, a closing 합계 with the 소계 rows."""
    from .numbers import money_factor

    if t.header.kind == "years" or not records:
        return
    factor = money_factor(unit) or 1
    totals = [r for r in records if r["is_total"]]
    if not totals:
        return
    if records[0]["is_total"] and _nested(records, factor):
        return  # every total heads rows that sum to it (합계 → 일반회계 / 특별회계 → each 특별회계): consistent
    if records[0]["is_total"]:
        # the total heads the list (합계, then department subtotals, then their items)
        grand = totals[0]
        subs = [r for r in totals[1:] if r["item"] != grand["item"]]
        checked = [(grand, subs if subs else [r for r in records if not r["is_total"]])]
    else:
        # totals close their groups (items, 소계, items, 소계, 합계): each 소계 covers the items since the
        # previous one; the last total covers the 소계 rows and any items after the last of them
        checked, group, parts = [], [], []
        for r in records:
            if not r["is_total"]:
                group.append(r)
            elif r is totals[-1]:
                checked.append((r, parts + group))
            else:
                checked.append((r, group))
                parts.append(r)
                group = []
    for total, parts in checked:
        _check_total(total, parts, factor, result)


def _nested(records: list[dict], factor: float) -> bool:
    """Roles checked by arithmetic for a list headed by its total: when the rows nest into totals of the
    rows right under them (:func:`.algebra.nested_totals`) with the head row totalling everything, the
    subtotal rows found are marked ``is_total`` and True is returned (the totals agree)."""
    from .algebra import nested_totals

    for key in ("budget_krw", "spent_krw"):
        values = [r[key] / factor if r[key] is not None else None for r in records]
        if sum(v is not None for v in values) < 3:
            continue
        parents = nested_totals(values)
        covered = set()
        for kids in parents.values():
            covered.update(kids)
        if 0 not in parents or covered | {0} != set(range(len(records))):
            return False
    else:
        parents = nested_totals([r["budget_krw"] / factor if r["budget_krw"] is not None else None
                                 for r in records])
        if 0 not in parents:
            return False
        for i in parents:
            records[i]["is_total"] = True
        return True


def _check_total(total: dict, parts: list[dict], factor: float, result: ExtractResult) -> None:
    for key in ("budget_krw", "spent_krw"):
        vals = [r[key] for r in parts if r[key] is not None]
        if total[key] is None or not vals or len(vals) < 2:
            continue
        if checks.total_mismatch(total[key] / factor, [v / factor for v in vals]):
            result.flag(total["line"], "budgets", "total_mismatch",
                        f"{key}: total row {total['item']!r} = {total[key]:,.0f} but its {len(vals)} rows sum "
                        f"to {sum(vals):,.0f}", source_text=total["source_text"])
