"""The ``indicators`` table: 성과지표 (performance indicators) with target, actual and achievement.

Read from every table whose header names a target and an actual (:mod:`.tables`): 성과목표 달성도 tables
(성과지표 / 목표치(A) / 실적(B) / 달성률(B/A) / 지표산식 / 자료원), ``구분 / 지원 목표 / 지원 실적 /
달성률`` tables and the 단위·목표·실적 columns of larger results tables. ``achievement`` is computed
(actual/target×100, or target/actual×100 for lower-is-better indicators: 감소, 단축, 이하); a target that is
not a number (``인증``) stays in ``source_text`` with ``target`` empty.

``formula`` (지표산식) and ``data_source`` (자료원) come from their own cells in tab and pipe tables. In a
space-separated table the text after the figures has no column borders, so 지표산식, 자료원 and
자료수집방법 stay together in ``formula`` (with the lines they wrap onto) and ``data_source`` is empty
rather than guessed.
"""

from __future__ import annotations

import re

from . import checks
from .cells import Figure
from .labels import clean_label
from .numbers import is_missing
from .reading import Document
from .result import DocContext, ExtractResult
from .tables import _UNIT_PAREN_RE, Row, Table, document_tables
from .vocabulary import DECREASE_RE, MONEY_UNITS, NAME_NOTE_RE

#: A 지표방향 (indicator direction) cell: lower is better (감소, 하향, ↓) or higher is (증가, 상향, ↑).
_DOWN_RE = re.compile(r"감소|하향|↓|▼|낮을수록|이하")
_UP_RE = re.compile(r"증가|상향|↑|▲|높을수록|이상")
_MONEY = set(MONEY_UNITS)
#: A unit cell that holds a unit and nothing else (``명``, ``%``, ``개소``, ``점``), not ``이용인원(명)``.
_BARE_UNIT_RE = re.compile(r"[%‰]|[가-힣]{1,3}|[a-zA-Z]{1,3}")


def direction(indicator: str, formula: str = "") -> str:
    """``decrease`` when lower is better (감소/단축/이하 in the indicator or its formula), else ``increase``."""
    return "decrease" if DECREASE_RE.search(f"{indicator} {formula}") else "increase"


def achievement(target: float | None, actual: float | None, lower_is_better: bool) -> float | None:
    """달성률 (achievement) in percent: actual/target×100, inverted when lower is better."""
    if target is None or actual is None:
        return None
    if lower_is_better:
        return round(target / actual * 100, 4) if actual else None
    return round(actual / target * 100, 4) if target else None


def _clean_indicator(label: str) -> tuple[str, str]:
    """``지원 영아(명)`` → (``지원 영아``, ``명``); circled list numbers dropped."""
    s = clean_label(label) or ""
    m = _UNIT_PAREN_RE.search(s)
    unit = ""
    if m and not re.fullmatch(r"\d+", m.group(1)) and not NAME_NOTE_RE.search(s):
        unit = m.group(1)
        s = s[: m.start()].strip()
    return s, unit


def _value(f: Figure | None) -> float | None:
    return None if f is None else f.value


def indicator_rows(table: Table, row: Row, dctx: DocContext) -> dict | None:
    vals = row.values
    tgt, act, rate = vals.get("target"), vals.get("actual"), vals.get("rate")
    printed_target = row.raw_cells.get("target", "")
    if tgt is None and act is None and rate is None and (not printed_target or is_missing(printed_target)):
        return None  # a target printed as text (``사업추진 방식 검토``) keeps the row, in source_text
    ctx = table.context
    unit_cell = row.texts.get("unit", "").replace(" ", "")
    if "unit" in row.texts and (_BARE_UNIT_RE.fullmatch(unit_cell) or unit_cell and is_missing(unit_cell)):
        # ``| 성과지표 | 단위 | 목표 | 실적 |``: the unit cell holds the unit alone (or ``-``, a qualitative
        # indicator's), the indicator is the label
        name, _ = _clean_indicator(row.label)
        unit = "" if is_missing(unit_cell) else unit_cell
        program = ctx.program  # the cells before the unit cell are the indicator's name, no programme
    elif "unit" in row.texts:  # results table: indicator(unit) cell, program in its own cell
        name, unit = _clean_indicator(row.texts["unit"])
        program = row.texts.get("program") or ctx.program
    else:
        name, unit = _clean_indicator(row.label)
        program = row.texts.get("program") or ctx.program  # a 사업명 column's cell, else the heading's
    if not unit:
        units = {f.unit for f in (tgt, act) if f is not None and f.unit and f.unit != "%"}
        unit = units.pop() if len(units) == 1 else ""
    if unit in _MONEY:
        return None  # money targets are budgets, not indicators
    if tgt is None and act is None:
        # a target printed as text (``아동친화도시 인증 인증 인증 100%``): drop the repeated cells from the name
        words = name.split()
        while len(words) >= 3 and words[-1] == words[-2]:
            words = words[:-2] if len(words) >= 4 and words[-3] == words[-1] else words[:-1]
        name = " ".join(words)
    formula = row.texts.get("formula") or row.texts.get("trailing", "")
    stated = row.texts.get("direction", "")  # a 지표방향 column (증가/감소, ↑/↓) says it outright
    if _DOWN_RE.search(stated):
        lower = True
    elif _UP_RE.search(stated):
        lower = False
    else:
        lower = direction(name, formula) == "decrease"
    target, actual = _value(tgt), _value(act)
    return {
        "line": row.line, "region_code": ctx.region.code if ctx.region else None,
        "region_name": ctx.region.name if ctx.region else None, "year": ctx.year, "program": program or None,
        "scope": table.title or ctx.section or None,  # the plan/table heading the indicator is reported under
        "indicator": name or None, "unit": unit or None, "target": target, "actual": actual,
        "reported_rate": _value(rate), "achievement": achievement(target, actual, lower),
        "direction": "decrease" if lower else "increase", "period": ctx.as_of,
        "formula": formula or None, "data_source": row.texts.get("data_source") or None,
        "source_text": row.source_text,
    }


def extract_indicators(doc: Document, dctx: DocContext) -> ExtractResult:
    """Every indicator row of the document's target/actual tables, with rate checks as flags."""
    from .families import own_region

    result = ExtractResult()
    _, tables = document_tables(doc, dctx)
    for table in tables:
        if table.header.kind not in ("indicator", "mixed"):
            continue
        if table.context.region is None:
            result.flag(table.header.start + 1, "indicators", "region_unknown",
                        f"no region in force for the table {table.title!r}: rows kept with an empty region")
        for row in table.rows:
            rec = indicator_rows(table, row, dctx)
            if rec is None:
                continue
            # a row naming a region (a 시군 row of a 도 document) is that region's indicator
            own_region(rec, row.label, dctx.registry, rec["year"], within=table.context.region)
            result.add("indicators", rec)
            rate = row.values.get("rate")
            computed = achievement(rec["target"], rec["actual"], False)
            if rate is not None and checks.rate_mismatch(rate.value, computed, rate.text, rec["target"]):
                inverted = achievement(rec["target"], rec["actual"], True)
                if not (inverted is not None and not checks.rate_mismatch(rate.value, inverted, rate.text,
                                                                         rec["actual"])):
                    result.flag(row.line, "indicators", "rate_mismatch",
                                f"printed 달성률 {rate.text} but actual/target gives {computed:.1f}%",
                                source_text=row.source_text)
        for line, text in table.unparsed:
            result.flag(line, "indicators", "unparsed_row", f"figures in table {table.title!r} not read",
                        source_text=text)
    return result
