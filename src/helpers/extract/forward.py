"""Forward-looking plans (향후 목표·소요예산): next year's targets and budgets → ``indicators`` with target only
and ``budgets`` with budget only.

Three shapes are read:

* **Target/budget column tables** — a header whose cells name a year with 목표 (target) or 예산 (budget)::

      과제(6)  세부사업(26)  주요내용  '24년 목표  '24년 예산 (단위:백만원)
      건강생활 지원  병원 안심동행서비스  …  15,000건 서비스 제공  1,945

  Each row gives one indicator per figure in the target cell (``600명 교육참여 … 2,300명 선발`` gives two;
  a target in words, ``사업추진``, keeps the row with target missing) and one budget per amount in the budget
  cell (``-`` is missing, never 0). The program is the 세부사업 / 사업명 cell; the year is the header's.
* **Target/budget rows** — a row labelled ``'24년 예산`` (or 목표) under a header of entities
  (``구 분  동부권 직장맘지원센터  서남권 …``): one fact per entity column.

Both table shapes come from the one block finder (:func:`.blocks.document_tables`), in every layout it
reads; this module keeps only its reading of their rows.
* **소요예산 lines** — ``○ 소요예산 : 9,762천원``, ``- 소요예산('24년) : 1,294백만원(시비 100%)``,
  ``소요예산 : 비예산`` → one budget row (basis 소요예산); 비예산 is a missing amount, the line stays in
  ``source_text``. The split in parentheses is the funding extractor's (``funding``), not repeated here.
  Year-column tables with a 소요예산 row (``연도별  2022년  2023년 …`` / ``소요예산  243억원  198억원 …``)
  give one budget per year.
"""

from __future__ import annotations

import re

from .blocks import document_tables
from .checks import is_total_label
from .context import parse_unit
from .facts import base_row, contexts
from .grid import Table
from .numbers import MONEY_UNITS, is_missing, normalise_text, parse_money, to_krw
from .result import ExtractResult
from .sources import normalise_source

_YY = r"(?:['’‘`´]\s?(\d{2})|((?:19|20)\d{2}))"
#: A header cell or row label naming a plan year and its kind: ``'24년 목표``, ``2024년 예산(백만원)``.
FORWARD_RE = re.compile(rf"^\s*{_YY}\s*년\s*(?:도\s*)?(?:사업\s*)?(목표|소요\s*예산|예산)")
#: The program column of a target table.
PROGRAM_COL = re.compile(r"세부\s*사업|사업\s*명|단위\s*사업")
#: A year column header (``2024년``, ``2024``).
YEAR_COL = re.compile(r"^((?:19|20)\d{2})\s*년?$")
#: A 소요예산 (required budget) label.
NEED_RE = re.compile(r"소\s*요\s*예\s*산")
#: ``소요예산('24년) : 1,294백만원`` / ``소요예산 : 비예산``: group 1 = parenthesised note, 2 = the rest.
NEED_LINE = re.compile(r"소\s*요\s*예\s*산\s*(?:\(([^)]*)\))?\s*[:：]\s*(.*)$")
_MONEY_WORD = r"(?:조|억|천만|백만|천|만)?\s*원"
#: A leading amount: ``9,762천원``, ``1,294백만원``, ``70.8억원``, ``3,000`` (bare, unit from the header).
AMOUNT_RE = re.compile(rf"^\s*([△▲-]?\s?\d[\d,]*(?:\.\d+)?)\s*({_MONEY_WORD})?")
#: Count and measure units a target figure carries.
TARGET_UNITS = ("개소", "가구", "개동", "개월", "시간", "건", "명", "개", "호", "대", "등", "회", "곳", "팀", "일",
                "권", "점", "%", "km", "㎡", "세대", "편", "종", "장")
TARGET_RE = re.compile(r"(\d[\d,]*(?:\.\d+)?)\s*(만|천)?\s*(" + "|".join(TARGET_UNITS) + r")(?![가-힣])")
#: A department noted after a program name: ``방문건강관리 사업 (보건의료정책과)``.
DEPT_SUFFIX = re.compile(r"\s*\([^()]*(?:과|관|반|팀|단|실|국|센터)\)\s*$")


def plan_year(text: str) -> tuple[int, str] | None:
    """``'24년 목표`` → ``(2024, "목표")``; ``'24년 예산 (단위:백만원)`` → ``(2024, "예산")``; else None."""
    m = FORWARD_RE.match(normalise_text(text))
    if not m:
        return None
    year = int(m.group(2)) if m.group(2) else 2000 + int(m.group(1))
    return year, re.sub(r"\s+", "", m.group(3))


def target_figures(cell: str) -> list[tuple[float, str, str]]:
    """The figures of a target cell as ``(value, unit, words)``: ``15,000건 서비스 제공`` →
    ``[(15000, "건", "서비스 제공")]``; ``3만명 이용`` → ``[(30000, "명", "이용")]``; ``사업추진`` → ``[]``.

    ``words`` is the text after the figure up to the next figure (what is counted or done)."""
    s = normalise_text(cell)
    found = list(TARGET_RE.finditer(s))
    out = []
    for k, m in enumerate(found):
        value = float(m.group(1).replace(",", ""))
        if m.group(2):
            value *= 10_000 if m.group(2) == "만" else 1_000
        end = found[k + 1].start() if k + 1 < len(found) else len(s)
        words = s[m.end():end].strip()
        if k + 1 < len(found) and words:  # the next figure's subject follows: ``600명 교육참여 동행일자리 …``
            words = words.split()[0]
        out.append((value, m.group(3), re.sub(r"\s+", " ", words).strip(" ,/")))
    return out


def amounts(cell: str, unit: str | None) -> list[tuple[float | None, str | None]]:
    """The amounts of a budget cell as ``(won, unit)``; ``-``/비예산 give ``(None, None)``, never 0.

    ``- 17,581`` (two targets, one without budget) → ``[(None, None), (17581000000.0, "백만원")]``."""
    s = normalise_text(cell).strip()
    if is_missing(s):
        return [(None, None)] if s else []
    out: list[tuple[float | None, str | None]] = []
    for tok in re.findall(rf"[△▲]?\d[\d,]*(?:\.\d+)?\s*(?:{_MONEY_WORD})?|비예산|(?<!\d)-(?!\d)", s):
        tok = tok.strip()
        if is_missing(tok):
            out.append((None, None))
            continue
        m = re.search(r"((?:조|억|천만|백만|천|만)?)\s*원$", tok)
        u = (m.group(1) + "원") if m else unit
        won = parse_money(tok, unit)
        out.append((won, u if won is not None else None))
    return out


def _program_name(text: str) -> str:
    return DEPT_SUFFIX.sub("", normalise_text(text)).strip()


def _indicator(doc, lc, line, raw, program, year, name, unit, target):
    row = base_row(doc, lc, line, raw, program=program or None, year=year)
    row.update({"scope": lc.section or None,  # the plan/table heading the indicator is reported under
                "indicator": name or program or None, "unit": unit or None, "target": target, "actual": None,
                "reported_rate": None, "achievement": None, "direction": "increase", "period": str(year),
                "formula": None, "data_source": None})
    return row


def _section_scope(lc) -> str:
    """구분 (scope) for a figure read inside a program's write-up: empty, because the program (사업명) is
    the grouping there and the heading above the figure (□ 사업개요, ○ 추진방법 …) names a part of the
    write-up, not a group of programs. Outside any program the section heading is the grouping."""
    return "" if lc.program else lc.section


def _budget(doc, lc, line, raw, program, year, scope, item, basis, won, unit):
    row = base_row(doc, lc, line, raw, program=program or None, year=year)
    row.update({"scope": scope or None, "item": item or None, "flow": "expenditure", "basis": basis,
                "budget_krw": won, "spent_krw": None, "reported_rate": None, "execution": None, "as_of": None,
                "unit": unit if won is not None else None, "is_total": is_total_label(item or "")})
    return row


def _money_unit(cell: str, lc) -> tuple[str | None, str]:
    money, _ = parse_unit(cell)
    if money:
        return money, f"header cell {cell.strip()!r}"
    return lc.unit, lc.unit_source


def _plan_header(t: Table) -> list[str] | None:
    """The header row of ``t`` naming plan columns (``'24년 목표``, ``'24년 예산``), as texts by column;
    None when no header row does, or when the first column does (it is then a row label)."""
    for row in reversed(t.header):
        texts = [""] * (max(c.col for c in row) + 1)
        for c in row:
            texts[c.col] = c.text
        if any(plan_year(c) for c in texts[1:]) and not plan_year(texts[0]):
            return texts
    return None


def _row_texts(t: Table, row: list, width: int) -> list[str]:
    """The cell texts of a body row in ``width`` columns. Bordered rows keep their columns; in a borderless
    layout merged cells on the left (과제 under its first row) print nothing, so the row's cells align on
    the right."""
    if t.layout.startswith(("tab", "pipe")):
        texts = [""] * max(width, max(c.col for c in row) + 1)
        for c in row:
            texts[c.col] = c.text
        return texts
    cells = [c.text for c in sorted(row, key=lambda c: c.col)]
    return [""] * (width - len(cells)) + cells


def read_column_tables(doc, ctx, result) -> set[int]:
    """Tables with ``'24년 목표`` / ``'24년 예산`` columns, from the one table finder
    (:func:`.blocks.document_tables`). Returns the 1-based lines read."""
    lcs = contexts(doc, ctx)
    lines = doc.lines
    used: set[int] = set()
    for t in document_tables(doc):
        # a row printed over several lines (one cell per line, one HTML tag per line, a label line over its
        # values line) is left to the engine's family readers, which place each figure at its own line
        header = _plan_header(t) if t.rows_on_one_line else None
        if header is None:
            continue
        kinds = {k: v for k, v in ((k, plan_year(c)) for k, c in enumerate(header)) if v}
        prog_cols = [k for k, c in enumerate(header) if PROGRAM_COL.search(c) and k not in kinds]
        first_fact = min(kinds)
        prog_col = prog_cols[-1] if prog_cols else 0
        group_col = 0 if prog_col > 0 else None
        lc_h = lcs[t.header[0][0].line - 1]
        units = {k: _money_unit(header[k], lc_h) for k, (_, kind) in kinds.items() if kind != "목표"}
        group = ""
        for cells_of_row in t.body:
            row = _row_texts(t, cells_of_row, len(header))
            if len(row) <= first_fact:
                continue
            j = cells_of_row[0].line - 1
            if group_col is not None and row[group_col]:
                group = row[group_col]
            program = _program_name(row[prog_col]) if prog_col < len(row) else ""
            lc = lcs[j]
            targets: list[tuple[float, str, str]] = []
            for k, (year, kind) in kinds.items():
                cell = row[k] if k < len(row) else ""
                if kind == "목표":
                    targets = target_figures(cell)
                    if not targets and cell.strip() and not is_missing(cell):
                        result.add("indicators", _indicator(doc, lc, j + 1, lines[j], program, year,
                                                            program, None, None))
                        result.flag(j + 1, "indicators", "target_text",
                                    f"{year} target {cell.strip()!r} is not a number: kept in source_text",
                                    severity="info", source_text=lines[j])
                    for value, unit, words in targets:
                        result.add("indicators", _indicator(doc, lc, j + 1, lines[j], program, year,
                                                            words or program, unit, value))
                    continue
                unit, _source = units[k]
                found = amounts(cell, unit)
                for n, (won, u) in enumerate(found):
                    item = program
                    if len(found) > 1 and len(found) == len(targets) and targets[n][2]:
                        item = f"{program} {targets[n][2]}"
                    if won is None and re.search(r"\d", cell) and not unit and not is_missing(cell):
                        result.flag(j + 1, "budgets", "unit_unknown",
                                    f"{year} {kind} {cell.strip()!r}: no money unit stated: amount left empty",
                                    source_text=lines[j])
                    result.add("budgets", _budget(doc, lc, j + 1, lines[j], program, year, group, item, kind,
                                                  won, u or unit))
            used.add(j + 1)
    return used


def read_labelled_rows(doc, ctx, result, used: set[int]) -> None:
    """Rows labelled ``'24년 예산`` / ``'24년 목표`` under a header of entities, and 소요예산 rows under a
    header of years, in the tables of the one table finder (:func:`.blocks.document_tables`), whatever their
    layout: the table's first header row names the columns; every later row printed on one line (a header row
    in words too: ``'24년 목표`` over targets in words) may be labelled. Rows the column reader took
    (``used``) are not read again."""
    lcs = contexts(doc, ctx)
    for t in document_tables(doc):
        # rows printed over several lines are the family readers' (as for :func:`read_column_tables`)
        if not t.header or not t.rows_on_one_line:
            continue
        rows = [_texts(row) for row in (*t.header[1:], *t.body) if row[0].line not in used]
        _labelled_block(doc, lcs, doc.lines, _texts(t.header[0]), rows, result)


def _texts(row: list) -> tuple[int, list[str]]:
    """``(0-based line, cell texts by column)`` of a finder row printed on one line (blank where no cell stands)."""
    texts = [""] * (max(c.col for c in row) + 1)
    for c in row:
        texts[c.col] = c.text
    return row[0].line - 1, texts


def _labelled_block(doc, lcs, lines: list[str], head: tuple[int, list[str]],
                    rows: list[tuple[int, list[str]]], result) -> None:
    """Read the labelled ``rows`` (0-based line, cells by column) of a table whose first header row is ``head``."""
    header = head[1]
    years = [YEAR_COL.match(c.replace(" ", "")) for c in header[1:]]
    by_year = len(header) >= 3 and all(years)
    if by_year and any(normalise_source(row[0]) not in (None, "계") for _, row in rows if row):
        by_year = False  # year columns × 국비/시비 rows: an investment plan, read by the funding extractor
    for j, row in rows:
        if len(row) < 2:
            continue
        lc = lcs[j]
        plan = plan_year(row[0])
        if by_year and NEED_RE.search(row[0]) and not plan:
            unit = lc.unit
            for k, cell in enumerate(row[1:]):
                if k >= len(years) or not cell.strip():
                    continue
                for won, u in amounts(cell, unit)[:1]:
                    result.add("budgets", _budget(doc, lc, j + 1, lines[j], lc.program, int(years[k].group(1)),
                                                  _section_scope(lc), row[0].strip(), "소요예산", won, u or unit))
            continue
        if not plan:
            continue
        year, kind = plan
        for k, cell in enumerate(row[1:], start=1):
            entity = _program_name(header[k]) if k < len(header) else ""
            if not cell.strip():
                continue
            if kind == "목표":
                for value, unit, words in target_figures(cell):
                    result.add("indicators", _indicator(doc, lc, j + 1, lines[j], lc.program, year,
                                                        f"{entity} {words}".strip(), unit, value))
                continue
            money_unit, _ = _money_unit(row[0], lc)
            for won, u in amounts(cell, money_unit)[:1]:
                result.add("budgets", _budget(doc, lc, j + 1, lines[j], lc.program, year, _section_scope(lc),
                                              entity, kind, won, u or money_unit))


def read_need_lines(doc, ctx, result) -> None:
    """``소요예산 : 9,762천원`` / ``소요예산('24년) : 1,294백만원(…)`` / ``소요예산 : 비예산`` prose lines."""
    lcs = contexts(doc, ctx)
    for i, raw in enumerate(doc.lines):
        if "예" not in raw or "\t" in raw:
            continue
        text = normalise_text(raw)
        m = NEED_LINE.search(text)
        if not m:
            continue
        note, rest = m.group(1) or "", m.group(2).strip()
        lc = lcs[i]
        year = lc.year
        ny = re.search(rf"{_YY}\s*년", note)
        if ny:
            year = int(ny.group(2)) if ny.group(2) else 2000 + int(ny.group(1))
        elif re.search(r"총\s*사업비|\d\s*~", note):
            year = None  # a multi-year total
        a = AMOUNT_RE.match(rest)
        if a:
            printed = (a.group(2) or "").replace(" ", "")
            unit = printed if printed in MONEY_UNITS else lc.unit
            won = to_krw(float(a.group(1).replace(",", "").replace(" ", "")), unit) if unit else None
            if won is None:
                result.flag(i + 1, "budgets", "unit_unknown",
                            f"소요예산 {a.group(0).strip()!r}: no money unit in force: amount left empty",
                            source_text=raw)
        elif re.match(r"^(?:비\s*예산|미정|-|없음)", rest) or not rest:
            won, unit = None, None  # 비예산: no budget, not a zero
        else:
            result.flag(i + 1, "budgets", "unparsed_row", f"소요예산 amount not read: {rest[:40]!r}",
                        severity="info", source_text=raw)
            continue
        # a ``○ 소요예산`` line is its own heading; inside a program's write-up the program is the grouping
        scope = "" if NEED_RE.search(lc.section) else _section_scope(lc)
        result.add("budgets", _budget(doc, lc, i + 1, raw, lc.program, year, scope, "소요예산", "소요예산",
                                      won, unit))


def extract_forward(doc, ctx) -> ExtractResult:
    """Next year's targets and budgets: target/budget column tables and rows, 소요예산 lines and rows."""
    result = ExtractResult()
    used = read_column_tables(doc, ctx, result)
    read_labelled_rows(doc, ctx, result, used)
    read_need_lines(doc, ctx, result)
    return result
