"""One-cell-per-line tables whose cells are split over lines (an HTML table flattened to text, where a
``<br>`` inside a cell became a line break), and whose rows may be separated by blank lines.

The fixed-width fit of :mod:`.blocks` cuts a run of one-cell lines into rows of ``w`` lines; a header cell
printed as its name and its unit (``일반수급자`` / ``(명)``) or a label printed in two halves (``방문간호`` /
``서비스 제공``) breaks that count. Here the rows are found by structure instead:

* a row is its text lines (label cells) followed by its figure lines (figures or ``-``); consecutive rows
  printing the same number of figures form one table (a change of that number starts another);
* the number of label cells is the one the rows agree on (the most common); a row printing more text lines
  than that has its label continued on the next line: the extra lines join its first cell;
* the text lines of a table's first row before its label are the header: leading title or note lines
  (opening with a bullet mark ``□ ○ ※``) are no cells, a line in brackets (``(명)``, ``(%)``) continues the
  cell above it, and when the header still has more lines than the rows have cells, the neighbouring lines
  whose joining keeps the cells most even in length are joined (a ``<br>`` splits a long cell into short
  lines: ``연간`` / ``목표``); a header with fewer lines stands over the rightmost columns, and one with more
  than twice as many lines as cells is no header split by ``<br>`` (wrapped prose): no table is read.

Nothing here knows a word: the cell count the rows agree on decides how many lines are joined.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable

from .grid import Cell, Table, cell_number

#: A line that is one bracketed note (``(명)``, ``(%)``, ``(A)``): the rest of the header cell above it.
_BRACKETED_RE = re.compile(r"^[(\[（].{0,12}[)\]）]$")


def fit_split_rows(lines: list[str], idx: list[int], is_figure: Callable[[int], bool],
                   is_note: Callable[[str], bool]) -> list[Table]:
    """The tables of the one-cell lines ``idx`` (0-based, blank and ``|`` lines left out), rows found by
    structure (see the module docstring); every table has two or more rows."""
    units: list[tuple[list[int], list[int]]] = []  # (text lines, figure lines) per row
    p = 0
    while p < len(idx):
        texts: list[int] = []
        while p < len(idx) and not is_figure(idx[p]):
            texts.append(idx[p])
            p += 1
        figures: list[int] = []
        while p < len(idx) and is_figure(idx[p]):
            figures.append(idx[p])
            p += 1
        units.append((texts, figures))
    out: list[Table] = []
    s = 0
    while s < len(units):
        width = len(units[s][1])
        e = s + 1
        while e < len(units) and len(units[e][1]) == width and units[e][0]:
            e += 1
        if width >= 1 and e - s >= 2 and units[s][0]:
            t = _table(lines, units[s:e], is_note)
            if t is not None:
                out.append(t)
        s = e
    return out


def _table(lines: list[str], units: list[tuple[list[int], list[int]]], is_note) -> Table | None:
    labels = Counter(len(texts) for texts, _ in units[1:])
    k = min(n for n, c in labels.items() if c == max(labels.values()))  # label cells per row
    first_texts = units[0][0]
    if len(first_texts) < k:
        return None
    head_lines = first_texts[:len(first_texts) - k]
    width = k + len(units[0][1])
    t = Table(f"t{(head_lines or first_texts)[0] + 1}", "cells")
    header = _header_cells(lines, head_lines, width, is_note)
    if header is None:
        return None
    if header:
        t.header.append(header)
    for n, (texts, figures) in enumerate(units):
        texts = first_texts[len(head_lines):] if n == 0 else texts
        row = _label_cells(lines, texts, k)
        row += [Cell(lines[f].strip(), f + 1, len(row) + m, cell_number(lines[f].strip()))
                for m, f in enumerate(figures)]
        t.body.append(row)
    if len(t.body) < 2 or not any(True for _ in t.numeric_cells()):
        return None
    t.table_id = f"t{t.line}"
    return t


def _joined(lines: list[str], group: list[int]) -> str:
    return " ".join(lines[g].strip() for g in group)


def _label_cells(lines: list[str], texts: list[int], k: int) -> list[Cell]:
    """``k`` label cells from a row's text lines: extra lines continue its first cell; missing ones are
    blank on the left (a label spanning rows is printed once)."""
    if len(texts) >= k:
        extra = len(texts) - k
        groups = [texts[:extra + 1], *([t] for t in texts[extra + 1:])]
        return [Cell(_joined(lines, g), g[0] + 1, c) for c, g in enumerate(groups)]
    pad = k - len(texts)
    line = texts[0] + 1 if texts else 0
    return [Cell("", line, c) for c in range(pad)] + \
        [Cell(lines[g].strip(), g + 1, pad + c) for c, g in enumerate(texts)]


def _header_cells(lines: list[str], head: list[int], width: int, is_note) -> list[Cell] | None:
    """The header row over ``width`` columns from its text lines (see the module docstring); None when
    its lines are more than twice its cells (wrapped prose before the rows, no header split by ``<br>``)."""
    while head and is_note(lines[head[0]].strip()):
        head = head[1:]
    groups: list[list[int]] = []
    for h in head:
        if groups and _BRACKETED_RE.match(lines[h].strip()):
            groups[-1].append(h)
        else:
            groups.append([h])
    if len(groups) > 2 * width:
        return None
    if len(groups) > width:
        groups = _even_join(lines, groups, width)
        if not groups:
            return None  # the unit lines close more cells than the rows have
    pad = width - len(groups)
    return [Cell(_joined(lines, g), g[0] + 1, pad + c) for c, g in enumerate(groups)]


def _even_join(lines: list[str], groups: list[list[int]], width: int) -> list[list[int]]:
    """``groups`` joined into ``width`` contiguous cells whose lengths (bracketed unit lines left out) are the
    most even: the sum of their squares least. A unit line ends its cell (no cell goes on past it); among
    equally even joinings the one keeping the first cells shortest (the label column's header, printed first,
    is one short word; the measure names after it are the ones ``<br>`` splits)."""
    size = [sum(len(lines[h].strip().replace(" ", "")) for h in g if not _BRACKETED_RE.match(lines[h].strip()))
            for g in groups]
    closed = [len(g) > 1 and bool(_BRACKETED_RE.match(lines[g[-1]].strip())) for g in groups]
    n = len(groups)
    # best[i][c]: (cost, cell sizes) of the first i groups in c cells; cut[i][c]: where the last cell starts
    best: list[list[tuple | None]] = [[None] * (width + 1) for _ in range(n + 1)]
    cut = [[0] * (width + 1) for _ in range(n + 1)]
    best[0][0] = (0, ())
    for i in range(1, n + 1):
        for c in range(1, min(i, width) + 1):
            for a in range(c - 1, i):
                prev = best[a][c - 1]
                if prev is None or any(closed[a:i - 1]):
                    continue
                cell = sum(size[a:i])
                cand = (prev[0] + cell * cell, (*prev[1], cell))
                if best[i][c] is None or cand < best[i][c]:
                    best[i][c], cut[i][c] = cand, a
    if best[n][width] is None:
        return groups[:0]
    out: list[list[int]] = []
    i, c = n, width
    while c:
        a = cut[i][c]
        out.insert(0, [h for g in groups[a:i] for h in g])
        i, c = a, c - 1
    return out
