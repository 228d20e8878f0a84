"""Column names printed above a space-aligned table's unit line, recovered by character position.

``pdftotext -layout`` prints a statistics table's header over several lines: the names (``시 설 수``,
``정    원``), a line with the row header (``시  군  별``) and a unit line (``(개소)  (명)``). When the block
finder takes only the unit line as the header, every column would be named by its unit. This module reads
the lines just above the table and gives each word to the column whose printed figures lie nearest to it
(by character position), so the column is named by its name line and keeps the unit line as its unit.
"""

from __future__ import annotations

import re

from .blocks import _BULLET_RE
from .grid import Table

_UNIT_ONLY_RE = re.compile(r"^\(\s*[^()]{1,6}\s*\)$")
_FIGURE_RE = re.compile(r"\d[\d,]*(?:\.\d+)?")
_STOP_RE = re.compile(r"단위|^\s*[<\[【]?\s*(?:표|그림)?\s*\d+\s*[-.]\s*\d+")
#: How many lines above the unit line a name line may sit.
MAX_LINES_ABOVE = 3


def unit_only(label: str) -> bool:
    """A column label that is only a bracketed unit (``(개소)``, ``(명)``)."""
    return bool(label) and all(_UNIT_ONLY_RE.match(p.strip()) for p in label.split(" › "))


def _centres(rows, lines: list[str], keep, stop_at_missing: bool) -> dict[int, tuple[float, int]]:
    """Column → (mean centre, count) of the character positions of the cells ``keep`` accepts, over the rows
    printed on one line each (a cell is looked for after the previous one found; with ``stop_at_missing`` a
    cell not found ends its row)."""
    acc: dict[int, list[float]] = {}
    for row in rows:
        if len({c.line for c in row}) != 1:
            continue
        text = lines[row[0].line - 1]
        pos = 0
        for c in row:
            s = c.text.strip()
            if not s:
                continue
            k = text.find(s, pos)
            if k < 0:
                if stop_at_missing:
                    break
                continue
            if keep(s):
                acc.setdefault(c.col, []).append(k + len(s) / 2)
                pos = k + len(s)
    return {col: (sum(v) / len(v), len(v)) for col, v in acc.items() if v}


def _spans(t: Table, lines: list[str]) -> dict[int, tuple[float, int]]:
    """Column → (mean centre, count) of its cells' character positions: on the header's unit line where it
    prints the column (names above are centred like it), else on the body lines (figures, right-aligned)."""
    heads = _centres(t.header, lines, unit_only, stop_at_missing=False)
    body = _centres(t.body, lines, lambda _s: True, stop_at_missing=True)
    return {**body, **heads}


def lift_names(t: Table, lines: list[str], labels: list[str]) -> list[str]:
    """``labels`` with each unit-only column label prefixed by the name printed above it (``시설수 › (개소)``);
    unchanged when the table is not space-aligned (or is :attr:`.grid.Table.framed`) or no line above names
    every such column."""
    targets = [k for k, lab in enumerate(labels) if unit_only(lab)]
    if not targets or not t.header or t.framed:
        return labels
    first = min(c.line for r in t.header for c in r)
    if any("\t" in lines[n - 1] or "|" in lines[n - 1] for n in range(first, t.line_end + 1)):
        return labels
    centres = _spans(t, lines)
    if not all(k in centres for k in targets):
        return labels
    names = _words_above(lines, first, centres, MAX_LINES_ABOVE)
    if not all(names.get(k) for k in targets):
        return labels
    out = list(labels)
    for k in targets:
        out[k] = f"{_joined(names[k])} › {labels[k]}"
    return out


def _joined(words: list[str]) -> str:
    """Words of one column's name: spaced syllables (``전 년 도``) are one word."""
    return "".join(words) if all(len(w) == 1 for w in words) else " ".join(words)


def _words_above(lines: list[str], first: int, centres: dict[int, tuple[float, int]],
                 max_lines: int, figures: int = 1) -> dict[int, list[str]]:
    """Column → the words printed on the lines above line ``first`` (1-based), each word given to the column
    whose centre lies nearest; read upwards until a blank line, a unit or caption line, or a line of more than
    ``figures`` figures."""
    names: dict[int, list[str]] = {}
    for n in range(first - 1, max(0, first - 1 - max_lines), -1):
        text = lines[n - 1]
        if not text.strip() or len(_FIGURE_RE.findall(text)) > figures or _STOP_RE.search(text):
            break
        words: dict[int, list[str]] = {}
        for m in re.finditer(r"\S+", text):
            mid = m.start() + len(m.group(0)) / 2
            col = min(centres, key=lambda k: abs(centres[k][0] - mid))
            words.setdefault(col, []).append(m.group(0))
        for col, ws in words.items():
            names.setdefault(col, [])[:0] = ws  # lines read bottom-up: an upper line's words come first
    return names


def names_above(t: Table, lines: list[str]) -> dict[int, str]:
    """Column → the name a space-aligned table prints right above its header rows, over that column only
    (``전 년 도`` over ``예 산 액`` / ``(기 정)``: the previous year's budget column), placed by character
    position like :func:`lift_names`. Only a header line with no figure and no bullet, directly above the
    header (no blank line between), whose words each lie over one figure column, counts: a centred title
    spanning the columns names none; and only columns whose header repeats another's are named (the name
    tells them apart). Empty for tab and pipe tables and framed ones (:attr:`.grid.Table.framed`)."""
    if not t.header or not t.body or t.framed:
        return {}
    first = min(c.line for r in t.header for c in r)
    if first < 2 or any("\t" in lines[n - 1] or "|" in lines[n - 1] for n in range(first - 1, t.line_end + 1)):
        return {}
    above = lines[first - 2]
    if not above.strip() or _BULLET_RE.match(above) or _FIGURE_RE.search(above):
        return {}
    centres = _centres(t.body, lines, lambda s: bool(_FIGURE_RE.fullmatch(s.lstrip("△▲-"))), stop_at_missing=True)
    if len(centres) < 2:
        return {}
    spans = sorted(c for c, _n in centres.values())
    half = min(b - a for a, b in zip(spans, spans[1:], strict=False)) / 2
    for m in re.finditer(r"\S+(?: \S+)*", above.strip()):
        start = m.start() + len(above) - len(above.lstrip())
        mid = start + len(m.group(0)) / 2
        if min(abs(c - mid) for c in spans) > half:
            return {}  # a word between the columns (or a title across them): not a column's name
    # only a column whose header repeats another's (two ``예 산 액``) needs the name above to tell them apart;
    # a word over one of several differently named columns (``소 요 예 산`` over ``2023년 … 2026년``) is the
    # caption of them all
    tops = [lab.split(" › ")[0] for lab in t.column_labels()]
    repeated = {k for k, top in enumerate(tops) if top and tops.count(top) >= 2}
    words = _words_above(lines, first, centres, 1, figures=0)
    return {col: _joined(ws) for col, ws in words.items() if col in repeated}
