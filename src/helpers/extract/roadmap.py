"""Yearly roadmaps (연차별 이행 로드맵): a target per year and its 달성도 → ``indicators`` with ``period``.

Pledge-project reports print a small table with year columns::

    구 분                                 2014년   2015년   2016년   2017년   2018년
    연도별 확인지표 (진행 동주민센터 수)     6개동    10개동   15개동   완료     완료
    달성도                                 40%      67%      100%     -        -

Each year column gives one indicator row: the target row's figure (with its unit) as ``target``, the
달성도/달성률 row's percent as ``reported_rate``, ``period`` and ``year`` = the column's year. A target
that is not a number (``완료``) stays in ``source_text`` with target missing.
"""

from __future__ import annotations

import re

from .facts import base_row, contexts, row_cells, year_header_candidates
from .numbers import parse_number, percent
from .result import ExtractResult
from .vocabulary import ACTUAL_ROW_RE, TARGET_ROW_RE
from .vocabulary import DECREASE_RE as DECREASE  # one definition of decrease words

YEAR_COL = re.compile(r"^((?:19|20)\d{2})\s*년?$")
RATE_ROW = re.compile(r"달성\s*(?:도|률|율)|추진\s*률|진척\s*(?:도|률)")


def extract_roadmap(doc, ctx) -> ExtractResult:
    """Year-column tables with a 달성도 row → one indicator row per (target row, year)."""
    result = ExtractResult()
    lcs = contexts(doc, ctx)
    lines = doc.lines
    for h, header in year_header_candidates(lines):
        years = [YEAR_COL.match(c.replace(" ", "")) for c in header[1:]]
        if sum(1 for y in years if y) < 2 or not all(years):
            continue
        rows = []
        j = h + 1
        while j < len(lines) and lines[j].strip() and len(rows) < 6:
            rows.append((j, row_cells(lines[j])))
            j += 1
        rate_rows = [(k, r) for k, r in rows if r and RATE_ROW.search(r[0])]
        if not rate_rows:
            continue
        heads = {re.sub(r"\s+", "", r[0]) for _, r in rows if r}
        if any(TARGET_ROW_RE.match(x) for x in heads) and any(ACTUAL_ROW_RE.match(x) for x in heads):
            continue  # 목표 and 실적 rows: one indicator per year with target and actual (extract.families)
        rate_line, rate = rate_rows[0]
        for k, row in rows:
            if not row or RATE_ROW.search(row[0]):
                continue
            values = row[1:] + [""] * (len(years) - len(row) + 1)
            numbers = [parse_number(v) for v in values]
            if any(n is not None and n.unit in ("천원", "백만원", "억원", "원") for n in numbers):
                continue  # money by year is an investment plan (funding), not a roadmap
            if not any(n is not None for n in numbers):
                continue
            label = row[0].strip()
            for col, (year, cell, n) in enumerate(zip(years, values, numbers, strict=False)):
                rate_cell = rate[col + 1] if col + 1 < len(rate) else ""
                y = int(year.group(1))
                r = base_row(doc, lcs[k], k + 1, lines[k] + "\n" + lines[rate_line], year=y)
                r.update({"scope": lcs[k].section or None,  # the heading the roadmap is reported under
                          "indicator": label, "unit": (n.unit if n else "") or None,
                          "target": n.value if n and not n.is_percent else None, "actual": None,
                          "reported_rate": percent(rate_cell), "achievement": None,
                          "direction": "decrease" if DECREASE.search(label) else "increase",
                          "period": str(y), "formula": None, "data_source": None})
                if n is None and cell:
                    result.flag(k + 1, "indicators", "target_text",
                                f"{y} target {cell!r} is not a number: kept in source_text", severity="info",
                                source_text=lines[k])
                result.add("indicators", r)
    return result
