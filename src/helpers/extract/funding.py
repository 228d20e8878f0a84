"""Funding sources (재원): who pays, from prose splits and source tables → the ``funding`` table.

Three shapes are read:

* **Prose splits** — a stated total followed by its split in parentheses, on the same line or the next:
  ``소요예산('24년) : 61,573백만원(국비 16,843백만원, 시비44,730백만원)``, ``7,983백만원(국 2,659 / 시 5,324)``
  (split amounts without a unit take the total's), ``998백만원(시 503, 군구 495)``,
  ``○ 총사업비 : 1,682백만원`` + ``(국비 1,108백만원, 시비 554백만원, 구비 20백만원)``. Shares
  (``시비 100%``, ``전액 시비``, ``국·시비 각 50%``) are applied to the stated total only when they split all
  of it (100%); a partial share (``시비 50% ※ 구비 50% 별도``) leaves the total alone, with an info flag.
  Text after ``※`` is a note, not part of the split.
* **Investment plans by year** (연도별 투자계획) — a header of year columns (``2015년``, ``2014년 7월~12월``,
  ``계``) and rows per source (``국 비``, ``시 비``, ``구 비``), a total row (``목표예산``) and an execution
  row (``집행액``): one funding row per source and column (stage ``plan``; the execution row gives
  stage ``executed``), and one ``budgets`` row per column (basis = the total row's label, spent = the
  execution row).
* **Revenue tables** (세입): every row of a 세입 section is a revenue source (민간위탁금, 법인전입금 …);
  its budget column (예산액) gives a plan-stage funding row.

The investment plans and revenue tables come from the one block finder (:func:`.blocks.document_tables`);
this module keeps only its reading of their rows (and of the section titles that bound a 세입 section).

Sources are normalised with :mod:`.sources`; the printed label is kept in ``source_label``.
"""

from __future__ import annotations

import re

from .blocks import document_tables
from .facts import base_row, contexts, squash
from .grid import Table
from .numbers import normalise_text, parse_money, parse_number, percent, to_krw
from .result import ExtractResult
from .sources import SPLIT_LABEL_RE, fold_label, normalise_source

_AMOUNT = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_UNIT = r"조\s*원|억\s*원|천만\s*원|백만\s*원|천\s*원|만\s*원|원"
#: A money amount with its unit: ``1,682백만원``, ``70.8억원``, ``11,000천원``.
MONEY_RE = re.compile(rf"(?<![\d.,])({_AMOUNT})\s*({_UNIT})")
#: One item of a split: ``국비 16,843백만원``, ``국 2,659``, ``시비 100%``, ``전액 시비``, ``국·시비 각 50%``.
ITEM_RE = re.compile(
    rf"^(전액)?\s*((?:{SPLIT_LABEL_RE})(?:\s*[·･ㆍ]\s*(?:{SPLIT_LABEL_RE}))*)\s*(각)?\s*"
    rf"(?:({_AMOUNT})\s*({_UNIT})?\s*(%)?)?\s*(전액)?$")
#: A year in a column header: ``2015년``, ``2014년 7월~12월``.
YEAR_COL = re.compile(r"((?:19|20)\d{2})\s*년")
#: The label of a prose amount: ``소요예산('24년)``, ``총사업비``; ``'24년`` names the year.
LABEL_YEAR = re.compile(r"['’‘`](\d{2})\s*년|((?:19|20)\d{2})\s*년")
EXECUTED_WORDS = re.compile(r"집행|지출|결산|수입액")
PLAN_TOTAL_WORDS = re.compile(r"목표\s*예산|예\s*산|계\s*획|사업비")


def _unit(u: str | None) -> str | None:
    return re.sub(r"\s+", "", u) if u else None


def _group_after(text: str, pos: int) -> tuple[str, int] | None:
    """The parenthesised group starting at ``pos`` (spaces skipped): its inside and its start."""
    m = re.match(r"\s*\(", text[pos:])
    if not m:
        return None
    start = pos + m.end()
    depth, i = 1, start
    while i < len(text) and depth:
        depth += {"(": 1, ")": -1}.get(text[i], 0)
        i += 1
    return text[start:i - 1 if depth == 0 else i], start


def split_items(group: str, total: float | None, total_unit: str | None) -> tuple[list[tuple[str, str, float]], str]:
    """Parse a split group → ``[(printed label, source, amount_krw)]`` and a note ('' when all is well).

    Amounts without a unit take the total's; shares apply to the total only when they add up to 100%.
    """
    # NFKC turns the CP949 middle dot ㆍ (U+318D) into ᆞ (U+119E): both separate 군ㆍ구
    body = re.sub(r"[･ㆍ\u119e・∙•]", "·", normalise_text(group).split("※")[0])
    parts = [p.strip() for p in re.split(r",(?!\d{3})|[/;，]|\s·\s", body) if p.strip()]
    parts = [p for p in parts if p]
    if not parts or any(":" in p or "：" in p for p in parts):
        return [], "split with sub-headings not read" if parts else ""
    amounts: list[tuple[str, str, float]] = []
    shares: list[tuple[str, str, float]] = []
    bare: list[tuple[str, str]] = []
    for part in parts:
        m = ITEM_RE.match(part)
        if not m:
            return [], f"split item {part!r} not understood"
        whole = bool(m.group(1) or m.group(7))
        labels = [m.group(2)]
        if m.group(3) or re.search(r"[·･ㆍ]", m.group(2)):
            pieces = re.split(r"\s*[·･ㆍ]\s*", m.group(2))
            if m.group(3) or all(normalise_source(p) for p in pieces[:-1]) and pieces[-1].endswith("비") \
                    and normalise_source(m.group(2)) is None:
                # ``국·시비 각 50%``: 국비 and 시비 (each); ``군·구비`` stays one label (시군구비)
                labels = [p if p.endswith("비") or normalise_source(p) else p for p in pieces]
        for label in labels:
            source = normalise_source(label)
            if source is None:
                return [], f"{label!r} is not a funding source"
            if m.group(4) and m.group(6):
                shares.append((label, source, float(m.group(4).replace(",", ""))))
            elif m.group(4):
                won = to_krw(float(m.group(4).replace(",", "")), _unit(m.group(5)) or total_unit)
                if won is None:
                    return [], f"unit of {part!r} unknown"
                amounts.append((label, source, won))
            elif whole:
                shares.append((label, source, 100.0))
            else:
                bare.append((label, source))
    if amounts and (shares or bare):
        return [], "mixed amounts and shares"
    if amounts:
        return amounts, ""
    if bare and not shares and len(bare) == 1:
        shares = [(bare[0][0], bare[0][1], 100.0)]  # ``(시비)``: the whole total from one source
    elif bare:
        return [], "sources listed without amounts"
    if total is None:
        return [], "shares without a stated total"
    if abs(sum(s[2] for s in shares) - 100.0) > 0.01:
        return [], f"shares add up to {sum(s[2] for s in shares):g}%, not the whole total: not applied"
    return [(label, source, round(total * pct / 100.0, 2)) for label, source, pct in shares], ""


def _label_before(text: str, start: int) -> str:
    head = normalise_text(text[:start])
    head = re.split(r"[:：]\s*$", head.rstrip())[0]
    head = re.sub(r"^[\s\-–•·∙Ÿ▸○◦□■※*ㅇ]+", "", head).strip()
    return head[-40:].strip(" (")


def _year_of(label: str, default: int | None) -> int | None:
    if "총사업비" in squash(label):
        return None  # a multi-year total: no single year
    m = LABEL_YEAR.search(label)
    if m:
        return 2000 + int(m.group(1)) if m.group(1) else int(m.group(2))
    return default


def read_prose(doc, ctx, result: ExtractResult) -> None:
    """Prose totals with a parenthesised split (same line or the next non-blank line)."""
    lcs = contexts(doc, ctx)
    lines = doc.lines
    for i, raw in enumerate(lines):
        if "(" not in raw and not MONEY_RE.search(normalise_text(raw)):
            continue
        text = normalise_text(raw)
        if "\t" in text and text.count("\t") >= 2:
            continue  # table rows are read by the table readers
        for m in MONEY_RE.finditer(text):
            found = _group_after(text, m.end())
            split_line = i
            if found is None and not text[m.end():].strip():
                j = i + 1
                while j < len(lines) and not lines[j].strip():
                    j += 1
                if j < len(lines) and normalise_text(lines[j]).lstrip().startswith("(") and j - i <= 3:
                    nxt = normalise_text(lines[j])
                    found = _group_after(nxt, 0)
                    split_line = j
            if found is None:
                # ``(1,050백만원･시비100%)``: the split continues inside the amount's own parentheses
                rest = text[m.end():]
                k = re.match(r"\s*[･·,・ㆍ\u119e]\s*([^()]*)\)", rest)
                if k and text[:m.start()].rstrip().endswith("("):
                    found = (k.group(1), m.end())
            if found is None:
                continue
            group = found[0]
            if not re.search(SPLIT_LABEL_RE, group):
                continue
            unit = _unit(m.group(2))
            total = parse_money(m.group(1) + unit)
            items, note = split_items(group, total, unit)
            lc = lcs[i]
            label = _label_before(text, m.start())
            year = _year_of(label, lc.year)
            source_text = raw if split_line == i else raw.strip() + "\n" + lines[split_line].strip()
            if note and not items:
                if "not a funding source" not in note and "without amounts" not in note:
                    result.flag(i + 1, "funding", "split_unparsed", f"funding split not read: {note}",
                                severity="info", source_text=source_text)
                continue
            row = base_row(doc, lc, i + 1, raw, year=year)
            row.update({"source": "계", "source_label": label or "계", "amount_krw": total,
                        "stage": "executed" if EXECUTED_WORDS.search(label) else "plan", "unit": unit})
            result.add("funding", row)
            for item_label, source, won in items:
                r = base_row(doc, lcs[split_line], split_line + 1, lines[split_line], year=year,
                             program=lc.program or None)
                r.update({"source": source, "source_label": item_label, "amount_krw": won,
                          "stage": row["stage"], "unit": unit})
                result.add("funding", r)
            parts = sum(w for _, _, w in items)
            if total and items and abs(parts - total) > max(1.0, total * 0.005):
                result.flag(split_line + 1, "funding", "total_mismatch",
                            f"split adds up to {parts:,.0f}원, the stated total is {total:,.0f}원",
                            source_text=source_text)


# -- tables ---------------------------------------------------------------------------------------------

def _money(cell: str, unit: str | None) -> float | None:
    n = parse_number(cell)
    if n is None or n.is_percent:
        return None
    if n.unit and n.unit != "원" and parse_money(cell) is not None:
        return parse_money(cell)
    return to_krw(n.value, unit) if not n.unit else (n.value if n.unit == "원" else None)


_TOTAL_WORDS = ("계", "합계", "총계")
#: Sources one of whose rows makes a year table an investment plan (a 계 row alone does not).
_PLAN_SOURCES = ("국비", "시도비", "시군구비", "기금", "민간")


def _plan_columns(t: Table) -> tuple[int, list[str], list[re.Match | None]] | None:
    """The header row of a year table that names its columns: ``(0-based line, column texts, years)``.
    Every column after the label's is a year (``2015년``, ``2014년 7월~12월``) or a total (``계``), two or
    more are years; None when no header row of ``t`` does so."""
    for row in reversed(t.header):
        texts = {c.col: c.text for c in row}
        last = max(texts)
        if last < 2:
            continue
        cols = [texts.get(k, "") for k in range(1, last + 1)]
        years = [YEAR_COL.search(c) for c in cols]
        totals = [squash(c) in _TOTAL_WORDS for c in cols]
        if sum(1 for y in years if y) >= 2 and all(y or tot for y, tot in zip(years, totals, strict=True)):
            return row[0].line - 1, cols, years
    return None


def _single_spaced(t: Table, row: list, lines: list[str]) -> bool:
    """A body row printed on one line with single spaces between its cells (no tab, pipe or wider gap),
    in a table of any borderless layout (a space-aligned table may hold such rows)."""
    if t.layout.startswith(("tab", "pipe", "cells")) or len({c.line for c in row}) != 1:
        return False
    raw = lines[row[0].line - 1].strip()
    return "\t" not in raw and "|" not in raw and not _WIDE_GAP_RE.search(raw)


_WIDE_GAP_RE = re.compile(r"\S\s{2,}\S")


def _plan_rows(t: Table, width: int, lines: list[str]) -> list[tuple[int, str, list[str], str]]:
    """``(0-based line, label, values, source text)`` of the plan's body rows, ``width`` values each.

    A bordered or space-aligned row's values stand in their columns (a blank cell prints nothing and
    leaves its column empty); a row printed with single spaces reads left to right (``집행액 1,011 268``
    fills the first years: the later ones are not spent yet). ``-`` stays a cell (missing, never 0). A row
    with nothing in its value columns (a section label) after the first rows closes the plan."""
    out: list[tuple[int, str, list[str], str]] = []
    for row in t.body:
        label = next((c.text for c in row if c.col == 0), "")
        rest = [c for c in row if c.col > 0]
        if _single_spaced(t, row, lines):
            values = [c.text for c in rest]
        else:
            at = {c.col: c.text for c in rest}
            values = [at.get(k, "") for k in range(1, width + 1)]
        values = (values + [""] * width)[:width]
        if out and not any(v.strip() for v in values):
            break
        text = "\n".join(lines[k - 1] for k in sorted({c.line for c in row}))
        out.append((max(c.line for c in row) - 1, label, values, text))
    return out


def read_year_tables(doc, ctx, result: ExtractResult) -> None:
    """연도별 투자계획: year columns × source rows (+ a total row and an execution row), in any layout the
    table finder reads (:func:`.blocks.document_tables`): one funding row per source and column, one
    ``budgets`` row per column from the total (목표예산) and execution (집행액) rows."""
    lcs = contexts(doc, ctx)
    lines = doc.lines
    for t in document_tables(doc):
        found = _plan_columns(t)
        if found is None:
            continue
        h, cols, years = found
        rows = _plan_rows(t, len(cols), lines)
        if not any(normalise_source(label) in _PLAN_SOURCES for _, label, _, _ in rows):
            continue
        lc = lcs[h]
        unit = lc.unit
        plan_total = executed = None
        for j, label, values, text in rows:
            source = normalise_source(label)
            stage = "plan"
            if source is None and EXECUTED_WORDS.search(label):
                source, stage = "계", "executed"
                executed = (j, label, values, text)
            elif source is None and PLAN_TOTAL_WORDS.search(label):
                source = "계"
                plan_total = (j, label, values, text)
            elif source == "계":
                plan_total = plan_total or (j, label, values, text)
            if source is None:
                result.flag(j + 1, "funding", "unparsed_row", f"row {label!r} of an investment plan is not a "
                            "funding source", source_text=text)
                continue
            if unit is None:
                result.flag(j + 1, "funding", "unit_unknown", "investment plan row without a money unit",
                            source_text=text)
                continue
            for col, cell, year in zip(cols, values, years, strict=True):
                won = _money(cell, unit)
                if won is None:
                    continue
                r = base_row(doc, lcs[j], j + 1, text, year=int(year.group(1)) if year else None)
                r.update({"source": source, "source_label": f"{label.strip()} ({col})", "amount_krw": won,
                          "stage": stage, "unit": unit})
                result.add("funding", r)
        if plan_total is None or (executed is None and not PLAN_TOTAL_WORDS.search(plan_total[1])):
            continue  # a bare 계 row of a sources table is the sources' sum, no budget of its own
        pj, plabel, pvals, ptext = plan_total
        evals = executed[2] if executed else [""] * len(cols)
        for col, bcell, scell, year in zip(cols, pvals, evals, years, strict=True):
            budget, spent = _money(bcell, unit), _money(scell, unit)
            if budget is None and spent is None:
                continue
            y = int(year.group(1)) if year else None
            as_of = lc.as_of if (lc.as_of and y is not None and int(lc.as_of[:4]) == y) else None
            r = base_row(doc, lcs[pj], pj + 1, ptext + ("\n" + executed[3] if executed else ""), year=y)
            r.update({"scope": lc.section or None, "item": col, "flow": "expenditure", "basis": squash(plabel),
                      "budget_krw": budget, "spent_krw": spent, "reported_rate": None,
                      "execution": round(spent / budget * 100, 1) if budget and spent is not None else None,
                      "as_of": as_of, "unit": unit, "is_total": y is None})
            result.add("budgets", r)


REVENUE_HEADING = re.compile(r"세\s*입")
EXPENDITURE_HEADING = re.compile(r"세\s*출|지\s*출\s*현\s*황")


def _short_title(text: str) -> bool:
    """A title-like line: short, no figures (``세입현황``, ``□ 세입 현황``, ``1) 세입``)."""
    body = _TITLE_MARKS_RE.sub("", text)
    return 0 < len(body) <= 20 and not _DIGIT_RE.search(body)


_TITLE_MARKS_RE = re.compile(r"^[\s□■○◦▣\d.)(]+")
_DIGIT_RE = re.compile(r"\d")


#: A word of a revenue row's label that is an amount the reader cannot read (Han numerals: ``百万``, ``三千``).
_UNREADABLE_FIGURE_RE = re.compile(r"(?:^|\s)[一二三四五六七八九十百千万萬億兆]+(?:\s|$)")


def _revenue_sections(lines: list[str]) -> list[tuple[int, int]]:
    """``(first, end)`` 0-based line spans of the 세입 sections: from the line after a 세입 title to the next
    title (세출, a heading ``□``/``Ⅰ``/``1.``, or another 세입 title)."""
    out: list[tuple[int, int]] = []
    start: int | None = None
    for i, raw in enumerate(lines):
        text = normalise_text(raw).strip()
        if not text or not _short_title(text):
            continue
        revenue = REVENUE_HEADING.search(text) and not EXPENDITURE_HEADING.search(text)
        if start is not None and (revenue or EXPENDITURE_HEADING.search(text)
                                  or re.match(r"^\s*(?:□|■|[ⅠⅡⅢⅣⅤ]|\d+\.)", text)):
            out.append((start, i))
            start = None
        if revenue:
            start = i + 1
    if start is not None:
        out.append((start, len(lines)))
    return out


def read_revenue_tables(doc, ctx, result: ExtractResult) -> None:
    """세입 (revenue) sections: each row of a table of the one block finder (:func:`.blocks.document_tables`)
    in the section gives its budget (예산액) as a funding row by source.

    The section runs from a 세입 title to the next title (세출, a heading or a new program). The first
    figure of a row is the budget (stage ``plan``) unless the section's text above the row names only
    수입액/결산 (``executed``). A row whose label holds a figure (a malformed one: ``1,2,3``), or a unit or
    reference-date note, is no revenue row.
    """
    sections = _revenue_sections(doc.lines)
    if not sections:
        return
    lcs = contexts(doc, ctx)
    lines = doc.lines
    tables = document_tables(doc)
    row_lines = {c.line - 1 for t in tables for row in t.body for c in row}
    for t in tables:
        for row in t.body:
            figures = [c for c in row if c.number is not None]
            if not figures:
                continue
            i = figures[0].line - 1
            section = next((s for s in sections if s[0] <= i < s[1]), None)
            if section is None:
                continue
            raw = lines[i]
            text = normalise_text(raw)
            label = normalise_text(t.row_label(row)).strip()
            if not label or _DIGIT_RE.search(label) or len(label) > 30 or "기준" in text or "단위" in text:
                continue
            if figures[0].number.is_percent:
                continue
            if _UNREADABLE_FIGURE_RE.search(label):
                # ``법인전입금 百万 10,000 20 ％``: the budget cell is unreadable, so the first readable amount
                # stands in another column (수입액); the row is flagged and gives no amount, never a shifted one
                result.flag(i + 1, "funding", "unparsed_row", f"revenue row {label!r}: unreadable amount before "
                            f"{figures[0].text!r}", source_text=raw)
                continue
            lc = lcs[i]
            won = _money(figures[0].text, lc.unit)
            if won is None:
                result.flag(i + 1, "funding", "unit_unknown", "revenue row without a money unit", source_text=raw)
                continue
            header = " ".join(normalise_text(lines[k]) for k in range(section[0], i) if k not in row_lines)
            stage = "executed" if re.search(r"수입액|결산", header) and not re.search(r"예\s*산", header) else "plan"
            r = base_row(doc, lc, i + 1, raw, program=lc.program or None)
            r.update({"source": normalise_source(label) or "기타", "source_label": label, "amount_krw": won,
                      "stage": stage, "unit": lc.unit})
            result.add("funding", r)


def extract_funding(doc, ctx) -> ExtractResult:
    """Funding splits from prose, investment plans by year and revenue tables."""
    result = ExtractResult()
    read_prose(doc, ctx, result)
    read_year_tables(doc, ctx, result)
    read_revenue_tables(doc, ctx, result)
    return result


__all__ = ["extract_funding", "split_items", "percent", "fold_label"]
