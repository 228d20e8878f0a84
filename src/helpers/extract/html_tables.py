"""Tables written as raw HTML in a text dump → :class:`~.grid.Table` cell grids.

HWPX/HWP converters (and markdown writers falling back to HTML for merged cells) print a table as
``<table>`` / ``<tr>`` / ``<th>`` / ``<td>`` markup inside the text, often one tag per line, with
``rowspan``/``colspan`` for merged cells and ``<br>`` inside a cell. The line-shape families of
:mod:`.blocks` see no table there (a ``<td>520</td>`` line is neither a bordered row nor a lone figure), so
each ``<table>…</table>`` span is parsed here with the standard library (:mod:`html.parser`) and expanded
into a rectangular grid:

* a cell keeps the 1-based line of its opening tag; ``<br>`` joins its parts with a space;
* header rows are the leading rows of ``<th>`` cells only (without them: the rows before the first row
  holding a figure). In the header a spanned cell repeats its text over every column and row it covers, so
  a two-level header gives header paths (``목표치 › 2023년``); the grid's ``spans`` is off (nothing is
  left blank for :meth:`~.grid.Table.column_labels` to carry over);
* in body rows a ``rowspan`` text cell repeats down the rows it covers (the row's group label: the second
  row of ``<td rowspan='2'>북구형 통합돌봄</td>`` is labelled by it too); a ``colspan`` text cell stands in its
  first column, the others left blank (one label, not two); a spanned figure stands once, at its origin,
  so no number is counted twice;
* a ``<caption>`` is the table's title (with its ``(단위: …)`` note, read by the family readers).

A span that does not close (no ``</table>``), holds a nested table or no figure is left to the other
families: nothing is taken from it. :func:`take_html_tables` is the one hook :func:`.blocks.find_tables`
calls before its own families; it marks the lines of every table it reads as used.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from .cells import join_space_groups
from .grid import Cell, Table, cell_number, cell_parts
from .numbers import normalise_text

_OPEN_RE = re.compile(r"<table\b", re.IGNORECASE)
_TAG_RE = re.compile(r"<(/?)table\b[^>]*>", re.IGNORECASE)
_WS_RE = re.compile(r"\s+")
#: Widest span a cell may claim (a bad ``colspan='9999'`` must not make a huge grid).
MAX_SPAN = 60


class _Unreadable(Exception):
    """The span is not a table this module reads (nested table, a cell outside a row …)."""


class _RawCell:
    __slots__ = ("parts", "line", "rowspan", "colspan", "th")

    def __init__(self, line: int, rowspan: int, colspan: int, th: bool) -> None:
        self.parts: list[str] = [""]
        self.line, self.rowspan, self.colspan, self.th = line, rowspan, colspan, th

    @property
    def text(self) -> str:
        parts = [p for p in (_WS_RE.sub(" ", normalise_text(p)).strip() for p in self.parts) if p]
        if len(parts) == 1:
            return join_space_groups(parts[0])  # ``1 688명`` in one cell is one figure (not across a <br>)
        return " ".join(parts)


def _span(attrs: list[tuple[str, str | None]], name: str) -> int:
    for key, value in attrs:
        if key == name and value:
            m = re.match(r"\s*(\d+)", value)
            if m:
                return max(1, min(MAX_SPAN, int(m.group(1))))
    return 1


class _TableParser(HTMLParser):
    """Rows of raw cells of one ``<table>…</table>`` span; line numbers relative to the span."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[list[_RawCell]] = []
        self.row_lines: list[int] = []
        self.caption: list[str] | None = None
        self._row: list[_RawCell] | None = None
        self._cell: _RawCell | None = None
        self._depth = 0
        self._in_caption = False

    def handle_starttag(self, tag, attrs):
        line = self.getpos()[0]
        if tag == "table":
            self._depth += 1
            if self._depth > 1:
                raise _Unreadable("nested table")
        elif tag == "tr":
            self._close_row()
            self._row = []
            self.rows.append(self._row)
            self.row_lines.append(line)
        elif tag in ("td", "th"):
            self._close_cell()
            if self._row is None:  # a cell before any <tr>: an implied row
                self._row = []
                self.rows.append(self._row)
                self.row_lines.append(line)
            self._cell = _RawCell(line, _span(attrs, "rowspan"), _span(attrs, "colspan"), tag == "th")
            self._row.append(self._cell)
        elif tag == "br" and self._cell is not None:
            self._cell.parts.append("")
        elif tag == "caption":
            self._in_caption = True
            self.caption = []
        elif tag in ("p", "div") and self._cell is not None and self._cell.parts[-1].strip():
            self._cell.parts.append("")  # a paragraph inside a cell breaks it like <br>

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        if tag in ("td", "th"):
            self._close_cell()
        elif tag == "tr":
            self._close_row()
        elif tag == "caption":
            self._in_caption = False
        elif tag == "table":
            self._close_row()
            self._depth -= 1

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.parts[-1] += data
        elif self._in_caption and self.caption is not None:
            self.caption.append(data)

    def _close_cell(self) -> None:
        self._cell = None

    def _close_row(self) -> None:
        self._close_cell()
        self._row = None


def _spans(lines: list[str], used: list[bool]) -> list[tuple[int, int]]:
    """``(first, last)`` 0-based line indexes of every closed top-level ``<table>…</table>`` span."""
    out: list[tuple[int, int]] = []
    i, n = 0, len(lines)
    while i < n:
        if used[i] or not _OPEN_RE.search(lines[i]):
            i += 1
            continue
        depth, end = 0, None
        for j in range(i, n):
            for m in _TAG_RE.finditer(lines[j]):
                depth += -1 if m.group(1) else 1
                if depth == 0:
                    end = j
                    break
            if end is not None or depth < 0:
                break
        if end is None:  # unclosed: left to the other families
            i += 1
            continue
        out.append((i, end))
        i = end + 1
    return out


def _expand(rows: list[list[_RawCell]]) -> list[dict[int, tuple[_RawCell, bool, bool]]]:
    """The rectangular placement of the raw cells: per row, column → (cell, is its origin row,
    is its origin column), rowspans and colspans expanded (HTML's table model)."""
    grid: list[dict[int, tuple[_RawCell, bool, bool]]] = [dict() for _ in rows]
    for r, row in enumerate(rows):
        col = 0
        for cell in row:
            while col in grid[r]:
                col += 1
            for dr in range(cell.rowspan):
                if r + dr >= len(rows):
                    break
                for dc in range(cell.colspan):
                    grid[r + dr].setdefault(col + dc, (cell, dr == 0, dc == 0))
            col += cell.colspan
    return grid


def _is_figure(cell: _RawCell) -> bool:
    text = cell.text
    return cell_number(text) is not None or bool(cell_parts(text))


def _header_count(rows: list[list[_RawCell]]) -> int:
    """Leading rows of ``<th>`` cells only (and no figure: a table printed all in ``<th>`` still has a
    body); without them, the rows before the first row with a figure."""
    k = 0
    while k < len(rows) and rows[k] and all(c.th for c in rows[k]) and not any(_is_figure(c) for c in rows[k]):
        k += 1
    if k:
        return k
    for r, row in enumerate(rows):
        if any(_is_figure(c) for c in row):
            return r
    return 0


def _table(parser: _TableParser, offset: int) -> Table | None:
    rows = parser.rows
    keep = [r for r, row in enumerate(rows) if row]
    rows = [rows[r] for r in keep]
    row_lines = [parser.row_lines[r] + offset for r in keep]
    if not rows:
        return None
    grid = _expand(rows)
    width = max((max(g) + 1 for g in grid if g), default=0)
    n_head = _header_count(rows)
    t = Table("", "html", spans=False)
    head_sig: list[tuple[str, ...]] = []
    for r, placed in enumerate(grid):
        header = r < n_head
        out: list[Cell] = []
        for col in range(width):
            hit = placed.get(col)
            if hit is None:
                out.append(Cell("", row_lines[r], col))
                continue
            raw, first_row, first_col = hit
            text = raw.text
            figure = _is_figure(raw)
            if not header and ((figure and not (first_row and first_col)) or (not figure and not first_col)):
                text = ""  # a spanned figure stands once; a colspan label stands in its first column
            line = raw.line + offset
            out.append(Cell(text, line, col, cell_number(text) if text else None,
                            cell_parts(text) if text else ()))
        sig = tuple(c.text for c in out)
        if header:
            t.header.append(out)
            head_sig.append(sig)
        elif sig in head_sig and not any(c.number is not None for c in out):
            continue  # the header repeated (after a page break in the source)
        else:
            t.body.append(out)
    if not any(True for _ in t.numeric_cells()):
        return None
    t.table_id = f"t{t.line}"
    if parser.caption:
        t.title = _WS_RE.sub(" ", normalise_text("".join(parser.caption))).strip()
    return t


def read_span(lines: list[str], first: int, last: int) -> Table | None:
    """The table of lines ``first..last`` (0-based, inclusive), None when it is not one this module reads."""
    parser = _TableParser()
    try:
        parser.feed("\n".join(lines[first:last + 1]))
        parser.close()
    except _Unreadable:
        return None
    return _table(parser, first)


def take_html_tables(lines: list[str], kinds: list, used: list[bool]) -> list[Table]:
    """Every HTML table of a document. The lines of each table read are marked ``used`` and their kind
    becomes ``html`` (tag lines are no table-like text for the other families); spans that give no table
    are left as they are."""
    from .blocks import Line, _title  # the finder imports this module: the line kinds are its own

    out: list[Table] = []
    for first, last in _spans(lines, used):
        t = read_span(lines, first, last)
        if t is None:
            continue
        for k in range(first, last + 1):
            used[k] = True
            kinds[k] = Line("html", [])
        if not t.title:
            t.title = _title(lines, kinds, first)
        out.append(t)
    return out
