"""Two tables printed side by side (a ``pdftotext -layout`` two-column page) → two blocks of lines.

``pdftotext -layout`` prints the two columns of a page on shared lines: each physical line holds a row of
the left table and a row of the right table, separated by a *gutter* — a run of spaces at the same
character position on every line of the block, header, title and unit-note lines included (a line may
print only one side: the longer table's rows under the other's end). Read as one table, the right table's
labels become cells of the left table's rows and its figures extra columns.

A gutter is found by structure alone: a character position ``p`` where, on at least two lines opening with a
text cell (the left row label), a text cell (the right row label) opens after a figure cell and before
another figure cell (``계  88  19,750   수입 계  430,000 …``),
with no cell of any line of the block crossing it and at least :data:`MIN_GUTTER` spaces before it on
every line. The block is the run of non-blank lines around those rows in which the gutter stays clear.

:func:`halves` gives the two readings of the document: in the left one the block's lines are cut at the
gutter, in the right one every other line is blank and the block's lines keep only their right part, at
its printed character positions. Each reading goes through the ordinary block finder, so each table keeps
its own header, labels, unit note (the part of the note line on its side) and line numbers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .grid import cell_number, cell_parts

#: Fewest spaces between the two sides on every line of the block (a column border is 2+ spaces).
MIN_GUTTER = 3
#: Fewest rows that open a right-hand label between figures at the gutter.
MIN_ROWS = 2

_CELL_RE = re.compile(r"\S+(?: \S+)*")


@dataclass(frozen=True)
class Gutter:
    """Lines ``first``..``last`` (0-based, inclusive) print two tables split at character ``pos``."""

    first: int
    last: int
    pos: int


def _spans(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group(0)) for m in _CELL_RE.finditer(text)]


def _figure(text: str) -> bool:
    return cell_number(text) is not None or bool(cell_parts(text))


def _openings(spans: list[tuple[int, int, str]]) -> list[int]:
    """Positions where a text cell opens after a figure cell and before another figure cell, on a line
    that opens with a text cell (the left table's row label: a line opening with a figure, a printed data
    frame's index, has no label column on the left)."""
    if len(spans) < 4:
        return []
    fig = [_figure(text) for _, _, text in spans]
    if fig[0]:
        return []
    after = [False] * len(spans)  # a figure somewhere after cell k
    for k in range(len(spans) - 2, -1, -1):
        after[k] = after[k + 1] or fig[k + 1]
    out, before = [], False
    for k, (a, _, _) in enumerate(spans):
        if before and not fig[k] and after[k]:
            out.append(a)
        before = before or fig[k]
    return out


def _clear(spans: list[tuple[int, int, str]], pos: int) -> bool:
    """No cell crosses ``pos`` and the left side ends :data:`MIN_GUTTER` spaces before it."""
    return all(b + MIN_GUTTER <= pos or a >= pos for a, b, _ in spans)


def gutters(lines: list[str]) -> list[Gutter]:
    """The two-column blocks of a document, in line order."""
    out: list[Gutter] = []
    n, i = len(lines), 0
    while i < n:
        if not lines[i].strip():
            i += 1
            continue
        j = i
        while j < n and lines[j].strip():
            j += 1
        out.extend(_run_gutters(lines, i, j))
        i = j
    return out


def _run_gutters(lines: list[str], i: int, j: int) -> list[Gutter]:
    """The gutters of the run of non-blank lines ``i``..``j - 1``."""
    if j - i < MIN_ROWS:
        return []
    spans: dict[int, list[tuple[int, int, str]]] = {}
    witnesses: dict[int, list[int]] = {}
    for k in range(i, j):
        text = lines[k].replace("\f", " ")
        body = text.strip()  # a line without a 2-space run is one cell
        spans[k] = _spans(text) if "  " in body else [(len(text) - len(text.lstrip()), len(text.rstrip()), body)]
        for pos in _openings(spans[k]):
            witnesses.setdefault(pos, []).append(k)
    out: list[Gutter] = []
    for pos in sorted(witnesses, key=lambda p: (-len(witnesses[p]), p)):
        rows = witnesses[pos]
        if len(rows) < MIN_ROWS:
            continue
        first, last = rows[0], rows[-1]
        if not all(_clear(spans[k], pos) for k in range(first, last + 1)):
            continue
        while first > i and _clear(spans[first - 1], pos):
            first -= 1
        while last < j - 1 and _clear(spans[last + 1], pos):
            last += 1
        if any(g.first <= last and first <= g.last for g in out):
            continue
        out.append(Gutter(first, last, pos))
    return sorted(out, key=lambda g: g.first)


def halves(lines: list[str], cuts: list[Gutter]) -> tuple[list[str], list[str]]:
    """The left reading (block lines cut at their gutter) and the right reading (only the blocks' right
    parts, at their character positions; every other line blank) of a document."""
    left = list(lines)
    right = [""] * len(lines)
    for g in cuts:
        for k in range(g.first, g.last + 1):
            text = lines[k]
            left[k] = text[:g.pos].rstrip()
            right[k] = " " * g.pos + text[g.pos:] if len(text) > g.pos else ""
    return left, right


#: Lines above a table where its title and unit note are looked for (as the family readers do).
NOTE_REACH = 6


def shared_text(first: int, last: int, cuts: list[Gutter], side: list[str]) -> dict[int, str]:
    """The lines of the blocks near a table spanning lines ``first``..``last`` (0-based), as printed on
    its ``side`` (a reading of :func:`halves`): where the table reads its unit note and source text."""
    out: dict[int, str] = {}
    for g in cuts:
        if g.first <= last and first - NOTE_REACH <= g.last:
            for k in range(g.first, g.last + 1):
                out[k] = side[k]
    return out
