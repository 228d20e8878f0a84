"""Rows printed over several text lines → grid rows, for the layouts that wrap cells (box-drawing tables,
pandoc grid and multiline tables).

Those layouts place every cell of a printed line in a column (by the borders or the dash runs of the
table); a *group* is the printed lines of one row (between two rules, or between two blank lines), each as
``(line index, {column: text})``. This module turns a group into grid rows of :class:`~.grid.Cell`:

* a body group is one row, its cells the texts of each column joined with a space (a label wrapped over two
  lines, ``노인 맞춤돌봄 서비스`` / ``이용자``, is one cell) — unless a column holds a figure on two of its
  lines: then the group is several rows printed without rules between them (each line with a figure starts
  a row; a line without one continues the row above);
* a header group is one row when its lower lines only continue cells of the lines above (a wrapped column
  name), else one header row per line: a two-level header (``예산액`` over the blank cells of its span, or
  repeated over it, above ``계 | 국비 | 도비``), whose column labels are then header paths.

Display widths: converters align these layouts for a terminal, where a Hangul syllable takes two columns;
:func:`display_width` and :func:`positions` measure lines that way.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from .grid import Cell, cell_number, cell_parts

Group = list[tuple[int, dict[int, str]]]


@lru_cache(maxsize=4096)
def _char_width(ch: str) -> int:
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def display_width(text: str) -> int:
    """Terminal columns ``text`` takes (a Hangul syllable or a full-width sign takes two)."""
    return sum(_char_width(ch) for ch in text)


def positions(text: str) -> list[int]:
    """Display column at which each character of ``text`` starts (and one more entry: its end)."""
    out = [0]
    for ch in text:
        out.append(out[-1] + _char_width(ch))
    return out


def _figure(text: str) -> bool:
    return cell_number(text) is not None or bool(cell_parts(text))


def _cells(texts: dict[int, str], lines: dict[int, int], width: int, first: int) -> list[Cell]:
    out = []
    for col in range(width):
        text = texts.get(col, "")
        out.append(Cell(text, lines.get(col, first) + 1, col, cell_number(text) if text else None,
                        cell_parts(text) if text else ()))
    return out


def _join(parts: Group, width: int) -> list[Cell]:
    texts: dict[int, list[str]] = {}
    lines: dict[int, int] = {}
    for idx, row in parts:
        for col, text in row.items():
            if text:
                texts.setdefault(col, []).append(text)
                lines.setdefault(col, idx)
    return _cells({c: " ".join(t) for c, t in texts.items()}, lines, width, parts[0][0])


def body_rows(group: Group, width: int) -> list[list[Cell]]:
    """The grid rows of one body group (see the module docstring)."""
    if not group:
        return []
    figured = [k for k, (_, row) in enumerate(group) if any(_figure(t) for t in row.values() if t)]
    cols_seen: set[int] = set()
    stacked = False
    for k in figured:
        cols = {c for c, t in group[k][1].items() if t and _figure(t)}
        if cols & cols_seen:
            stacked = True
            break
        cols_seen |= cols
    if not stacked:
        return [_join(group, width)]
    rows: list[Group] = []
    for k, part in enumerate(group):
        if k in figured or not rows:
            rows.append([part])
        else:
            rows[-1].append(part)
    # text lines before the first figure line belong to it (a label printed above its figures)
    if rows and 0 not in figured and len(rows) > 1 and len(rows[0]) == 1 and not any(
            _figure(t) for t in rows[0][0][1].values() if t):
        rows[1] = rows[0] + rows[1]
        rows.pop(0)
    return [_join(r, width) for r in rows]


def _levels(group: Group) -> bool:
    """A header group whose lines are levels (a two-level header), not one wrapped row: a lower line puts a
    name under a blank cell of the lines above, or the top line repeats one name over adjacent columns."""
    filled: set[int] = set()
    for k, (_, row) in enumerate(group):
        cols = {c for c, t in row.items() if t}
        if k and cols - filled:
            return True
        filled |= cols
    top = [t for _, t in sorted(group[0][1].items()) if t]
    return any(a == b for a, b in zip(top, top[1:]))


def header_rows(group: Group, width: int) -> list[list[Cell]]:
    """The header rows of one header group (see the module docstring)."""
    if not group:
        return []
    if len(group) > 1 and _levels(group):
        return [_cells({c: t for c, t in row.items() if t}, {c: idx for c in row}, width, idx)
                for idx, row in group]
    return [_join(group, width)]
