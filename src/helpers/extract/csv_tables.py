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
import io

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
    """Every CSV table of a document (comma- or tab-separated): ``(table, first line index, last line index)``."""
    return _read_commas(lines, used) + _read_tabs(lines, used)


def _read_commas(lines: list[str], used: list[bool]) -> list[tuple[Table, int, int]]:
    """Every comma-separated table of a document."""
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


# -- a spreadsheet saved as text (tab-separated, quoted where a cell holds a separator or a line break) ------

#: physical lines one quoted cell may run over (a line break typed inside a cell)
MAX_CELL_LINES = 4


def _tab_row(lines: list[str], i: int, used: list[bool]) -> tuple[list[str], list[int], int] | None:
    """The logical row of a tab-separated sheet starting at line ``i``: its fields, the 1-based line each
    field starts on and the index of the row's last physical line — a quoted cell with a line break inside
    continues the row on the next line (its text joined with a space). None when the line is no sheet row."""
    if used[i] or "|" in lines[i]:
        return None
    text, j = lines[i].rstrip("\r\n"), i
    while text.count('"') % 2 and j + 1 < len(lines) and j - i + 1 < MAX_CELL_LINES and not used[j + 1]:
        j += 1
        text += "\n" + lines[j].rstrip("\r\n")
    if "\t" not in text:
        return None
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter="\t", strict=True))
    except csv.Error:
        return None
    if len(rows) != 1:
        return None
    starts, line, quoted = [i + 1], i + 1, False
    for ch in text:  # the line each field starts on (a tab outside quotes opens the next field)
        if ch == '"':
            quoted = not quoted
        elif ch == "\n":
            line += 1
        elif ch == "\t" and not quoted:
            starts.append(line)
    fields = [" ".join(f.split()) for f in rows[0]]
    return (fields, starts, j) if len(starts) == len(fields) else None


def _caption(fields: list[str]) -> bool:
    """A row whose only filled cell is its first: the sheet's title, its unit row or a note under a table."""
    return not any(fields[1:]) and not _figure(fields[0] if fields else "")


def _read_tabs(lines: list[str], used: list[bool]) -> list[tuple[Table, int, int]]:
    """Every table of a spreadsheet saved as text. A sheet quotes a cell holding a thousands separator
    (``"313,630"``) or a line break, so a run of tab rows is read here only when one of its cells is quoted
    (an unquoted tab table is left to the line-shape families). Empty rows (tabs only) part the sheet's
    tables; the caption rows over a table (title, ``(단위: 명, %)``) stay outside it, where the finder reads
    the title and the unit; the header is the rows above the first figure, as in comma-separated sheets."""
    out = []
    i, n = 0, len(lines)
    while i < n:
        row = _tab_row(lines, i, used)
        if row is None:
            i += 1
            continue
        run: list[tuple[list[str], list[int], int, int]] = []
        j = i
        while j < n and row is not None and any(row[0]):
            run.append((row[0], row[1], j, row[2]))
            j = row[2] + 1
            row = _tab_row(lines, j, used) if j < n else None
        quoted = any('"' in lines[k] for _, _, a, b in run for k in range(a, b + 1))
        captions = []
        while run and _caption(run[0][0]):
            captions.append(run.pop(0)[0][0])  # the title and unit rows over the table
        while run and _caption(run[-1][0]):
            run.pop()  # a note under it
        if quoted and len(run) >= 2:
            t = _sheet_table(run)
            if t is not None:
                # the sheet's title row names the table (its tabs make it no text line for the finder)
                t.title = next((c for c in reversed(captions) if not c.startswith(("(", "단위"))), "")
                out.append((t, run[0][2], run[-1][3]))
        i = max(j, i + 1)
    return out


def _sheet_table(run: list[tuple[list[str], list[int], int, int]]) -> Table | None:
    n_head = next((r for r, (fields, *_) in enumerate(run) if any(_figure(f) for f in fields[1:])), len(run))
    if n_head == len(run):
        return None
    width = max(len(fields) for fields, *_ in run)
    t = Table("", "csv")
    for r, (fields, starts, _, _) in enumerate(run):
        fields = fields + [""] * (width - len(fields))
        starts = starts + [starts[-1]] * (width - len(starts))
        cells = [make_cells([f], ln, k)[0] for k, (f, ln) in enumerate(zip(fields, starts))]
        (t.header if r < n_head else t.body).append(cells)
    return t
