"""Yearly roadmaps (연차별 이행 로드맵): a target per year and its 달성도 → ``indicators`` with ``period``.

Pledge-project reports print a small table with year columns::

    구 분                                 2014년   2015년   2016년   2017년   2018년
    연도별 확인지표 (진행 동주민센터 수)     6개동    10개동   15개동   완료     완료
    달성도                                 40%      67%      100%     -        -

The table comes from the one block finder (:func:`.blocks.document_tables`), in any layout it reads (tab,
pipes, spaces); its year row and the rows under it may be header or body rows there (a target row in
words, ``6개동``, is not a figure row to the finder). Each year column gives one indicator row: the target
row's figure (with its unit) as ``target``, the 달성도/달성률 row's percent as ``reported_rate``,
``period`` and ``year`` = the column's year. A target that is not a number (``완료``) stays in
``source_text`` with target missing.
"""

from __future__ import annotations

import re
from itertools import pairwise

from .blocks import document_tables
from .facts import base_row, contexts
from .numbers import parse_number, percent
from .result import ExtractResult
from .vocabulary import ACTUAL_ROW_RE, TARGET_ROW_RE
from .vocabulary import DECREASE_RE as DECREASE  # one definition of decrease words

YEAR_COL = re.compile(r"^((?:19|20)\d{2})\s*년?$")
RATE_ROW = re.compile(r"달성\s*(?:도|률|율)|추진\s*률|진척\s*(?:도|률)")


#: Most rows under the year row a roadmap holds (target rows and their 달성도 row).
MAX_ROWS = 6


def _texts(row, width: int | None = None) -> list[str]:
    """A finder row's cell texts by column (blanks where no cell stands), ``width`` wide when given."""
    width = width if width is not None else max((c.col + 1 for c in row), default=0)
    out = [""] * width
    for c in row:
        if c.col < width:
            out[c.col] = c.text
    return out


def _year_rows(t, lines: list[str]):
    """``(years, rows)`` of each year row of finder table ``t``: the year of every column after the label
    (two or more, every cell a year) and the rows right under it (line and cells), up to a blank line."""
    rows = t.header + t.body  # in line order as found; sorted otherwise (a large table is not copied)
    if any(a[-1].line > b[-1].line for a, b in pairwise(rows)):
        rows = sorted(rows, key=lambda r: r[-1].line)
    for n, row in enumerate(rows):
        head = _texts(row)
        years = [YEAR_COL.match(c.replace(" ", "")) for c in head[1:]]
        if len(head) < 3 or not all(years):
            continue
        under: list[tuple[int, list[str]]] = []
        prev = row[-1].line
        for r in rows[n + 1:n + 1 + MAX_ROWS]:
            k = r[-1].line  # 1-based; a label printed above its values is part of the row
            if any(not lines[x].strip() for x in range(prev, k - 1)):
                break  # a blank line ends the roadmap
            under.append((k - 1, _texts(r, len(head))))
            prev = k
        yield [int(y.group(1)) for y in years], under


def extract_roadmap(doc, ctx) -> ExtractResult:
    """Year-column tables of the one block finder (:func:`.blocks.document_tables`) with a 달성도 row → one
    indicator row per (target row, year)."""
    result = ExtractResult()
    lcs = contexts(doc, ctx)
    lines = doc.lines
    for t in document_tables(doc):
        for years, rows in _year_rows(t, lines):
            _read_roadmap(doc, lcs, lines, years, rows, result)
    return result


def _read_roadmap(doc, lcs, lines, years: list[int], rows, result: ExtractResult) -> None:
    """The indicator rows of one roadmap: each target row's figure per year with the 달성도 row's rate."""
    rate_rows = [(k, r) for k, r in rows if r and RATE_ROW.search(r[0])]
    if not rate_rows:
        return
    heads = {re.sub(r"\s+", "", r[0]) for _, r in rows if r}
    if any(TARGET_ROW_RE.match(x) for x in heads) and any(ACTUAL_ROW_RE.match(x) for x in heads):
        return  # 목표 and 실적 rows: one indicator per year with target and actual (extract.families)
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
        for col, (y, cell, n) in enumerate(zip(years, values, numbers, strict=False)):
            rate_cell = rate[col + 1] if col + 1 < len(rate) else ""
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
