"""CSV exported from a spreadsheet inside a text document → :class:`~.grid.Table` cell grids.

A spreadsheet saved as CSV and pasted into a report prints each row as comma-separated fields: figures with
thousands separators quoted (``"1,234"``), empty cells as ``,,`` (a merged header cell leaves the cells of
its span empty: ``유형,예산액,,,,집행,`` over ``,계,국비,시비,구비,집행액,집행률(%)``). A table is a run of
two or more consecutive lines that parse (with :mod:`csv`) into the same number of fields, at least three
(or at least three lines of two), one of them holding a figure. Prose never qualifies: a spreadsheet writes no
space after its commas, so a field opening or closing with a space, or one holding two figures apart
(``총 계 353,740 282,322`` splits into ``740 282``) or words ending in a figure (``초 124,100원`` splits into
``초 124``), is no CSV field, and a line with a tab or a pipe
belongs to those layouts.

The header is the leading rows without a figure (a leading row whose only filled field is the first is
the sheet's caption, not a header); every other row is a body row, one cell per field (the empty cells
kept, so a merged header cell spans the blanks to its right as in the bordered layouts).

:func:`read` is one of the layout readers :func:`.blocks.find_tables` calls before its line-shape families.
"""

from __future__ import annotations

import csv

from .cells import join_space_groups
from .grid import Table, cell_number, cell_parts, make_cells

MAX_FIELD = 60


def _fields(text: str) -> list[str] | None:
    """The fields of a CSV line, None when the line is not one."""
    s = text.rstrip("\r\n")
    if "," not in s or "\t" in s or "|" in s or not s.strip():
        return None
    if '"' in s:
        try:
            rows = list(csv.reader([s], strict=True))
        except csv.Error:
            return None
        if len(rows) != 1:
            return None
        fields = rows[0]
    else:  # no quoting: the fields are what lies between the commas (as the csv module reads them)
        fields = s.split(",")
    if len(fields) < 2 or any(f != f.strip() or len(f) > MAX_FIELD for f in fields):
        return None
    if cell_number(s.strip()) is not None:
        return None  # a line that is one figure (``4,788,500``: a cell printed on its own line) is no CSV row
    for f in fields:
        words = join_space_groups(f).split()  # ``1 688명``: one figure grouped by spaces, not two
        if len(words) >= 2 and (sum(1 for w in words if cell_number(w) is not None) >= 2
                                or cell_number(words[-1]) is not None and cell_number(f) is None):
            return None  # words then a figure (``초 124`` of ``초 124,100원``): a figure's comma, no field's
    if not any(f.strip() for f in fields[1:]) and not any(f.strip() for f in fields[:1]):
        return None
    return fields


def record_fields(text: str) -> list[str] | None:
    """The fields of one CSV record written with a space after each comma (``"계", "1,051,800"``, as in a
    reST ``csv-table`` body or ``:header:`` option), stripped; None when the text is no single record."""
    try:
        rows = list(csv.reader([text.strip()], skipinitialspace=True, strict=True))
    except csv.Error:
        return None
    if len(rows) != 1 or len(rows[0]) < 2:
        return None
    return [f.strip() for f in rows[0]]


def _figure(field: str) -> bool:
    return bool(field) and (cell_number(field) is not None or bool(cell_parts(field)))


def _table(lines: list[str], rows: list[tuple[int, list[str]]]) -> Table | None:
    k = 0
    while k < len(rows) and not any(_figure(f) for f in rows[k][1]) and not any(f for f in rows[k][1][1:]):
        k += 1  # the sheet's caption (``1. 읍면별 현황,,,,``)
    rows = rows[k:]
    n_head = next((r for r, (_, fields) in enumerate(rows) if any(_figure(f) for f in fields)), len(rows))
    if n_head == len(rows):
        return None
    t = Table("", "csv")
    for r, (idx, fields) in enumerate(rows):
        (t.header if r < n_head else t.body).append(make_cells([join_space_groups(f.strip()) for f in fields], idx + 1))
    return t


def read(lines: list[str], used: list[bool]) -> list[tuple[Table, int, int]]:
    """Every CSV table of a document: ``(table, first line index, last line index)``."""
    out = []
    i, n = 0, len(lines)
    while i < n:
        fields = None if used[i] else _fields(lines[i])
        if fields is None:
            i += 1
            continue
        run = [(i, fields)]
        j = i + 1
        while j < n and not used[j]:
            nxt = _fields(lines[j])
            if nxt is None or len(nxt) != len(fields):
                break
            run.append((j, nxt))
            j += 1
        width = len(fields)
        if len(run) >= 2 and (width >= 3 or len(run) >= 3):
            t = _table(lines, run)
            if t is not None:
                out.append((t, run[0][0], run[-1][0]))
        i = j  # the run is as long as it goes: no shorter run inside it is tried again
    return out
