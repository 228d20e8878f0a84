"""Tables of the lightweight markup languages → :class:`~.grid.Table` cell grids: AsciiDoc ``|===`` tables,
org-mode tables and reStructuredText ``list-table`` and ``csv-table`` directives.

* **AsciiDoc**: a table is fenced by ``|===`` lines, with an optional attribute line above
  (``[cols="3,2,2",options="header"]``: the ``cols`` count gives the width, ``N*`` repeating a column) and an
  optional ``.Title`` caption line above that. Every cell opens with ``|``, possibly after a span mark
  (``2+|`` over two columns, ``.2+|`` over two rows, ``2.3+|`` both); a row's cells are printed on one line
  or one per line (rows then separated by blank lines), a line without a leading ``|`` continues the cell
  before. Rows are known from the column count (from ``cols``, else from the first line's cells, else from
  the first blank-separated group). The header is the first row when ``options="header"`` (or ``%header``)
  says so or when the first line is followed by a blank line, and every leading row without a figure after
  it (a two-row header). A spanned header cell repeats over its columns and rows, so the column labels are
  paths (``예산액 › 국비``); a spanned body cell fills its first column only.
* **org-mode**: a run of ``| a | b |`` lines holding at least one org rule ``|---+---|`` (a ``+`` at the
  column junctions tells it from a markdown separator). The rows above the first rule are the header; each
  other line is a row. ``#+CAPTION:`` / ``#+NAME:`` lines directly above are the table's markup (the caption
  its title) and a ``#+TBLFM:`` line under it its formula line: never data.
* **reST list-table**: ``.. list-table:: title`` then options (``:header-rows: N``, ``:widths:``,
  ``:stub-columns:``: markup, never a row), then the rows as a two-level bullet list indented under the
  directive: ``* - cell`` opens a row, ``- cell`` the next cell of it, deeper-indented lines continue a cell.
* **reST csv-table**: ``.. csv-table:: title``, options (``:header: "a", "b"`` the header row,
  ``:header-rows: N``, ``:widths:``), then the indented CSV body (quoted cells, a space after each comma),
  each record parsed by :func:`.csv_tables.record_fields`.

The tables are framed (their markup bounds them and their header: :attr:`.grid.Table.framed`); every cell
keeps its original line. :func:`read` is one of the layout readers :func:`.blocks.find_tables` calls before
its line-shape families.
"""

from __future__ import annotations

import re

from .csv_tables import record_fields
from .grid import Cell, Table, cell_number, cell_parts
from .vocabulary import ORG_KEY_RE

_ADOC_FENCE_RE = re.compile(r"^\s*\|===\s*$")
_ADOC_ATTR_RE = re.compile(r"^\s*\[(.*)\]\s*$")
_ADOC_CAPTION_RE = re.compile(r"^\s*\.(?![.\s])(\S.*)$")
_ADOC_COLS_RE = re.compile(r"""cols\s*=\s*["']?([^"']*)["']?""")
_ADOC_HEADER_RE = re.compile(r"""options\s*=\s*["']?[^"']*\bheader\b|%header""")
#: A cell separator: an optional span mark (``2+``, ``.2+``, ``2.3+``) glued to ``|``, at the line's start or
#: after a space.
_ADOC_SEP_RE = re.compile(r"(?:(?<=\s)|^)(?:(\d+)?(?:\.(\d+))?\+)?(?:[a-z]|[<^>]?(?:\.[<^>])?)?\|")
_ORG_ROW_RE = re.compile(r"^\s*\|.*\|\s*$")
_ORG_RULE_RE = re.compile(r"^\s*\|-+(?:\+-+)+\|?\s*$|^\s*\|-+\|\s*$")
_RST_DIRECTIVE_RE = re.compile(r"^(\s*)\.\.\s+(list-table|csv-table)::\s*(.*?)\s*$")
_RST_OPTION_RE = re.compile(r"^\s+:([A-Za-z][\w-]*):\s*(.*?)\s*$")
_RST_ROW_RE = re.compile(r"^(\s*)\*\s+-(?:\s+(.*?))?\s*$")
_RST_CELL_RE = re.compile(r"^(\s*)-(?:\s+(.*?))?\s*$")
_UNIT_NOTE_RE = re.compile(r"\s*[(\[]\s*단위\s*[:：]?[^)\]]*[)\]]\s*")


#: A line of table markup, whose figures are no data (:func:`is_markup_line`): a reST directive or its
#: option (``.. list-table::``, ``:widths: 30 25``, ``:header-rows: 1``: an ASCII option name; a Korean field
#: name, ``:기준일: …``, is the document's), an AsciiDoc attribute list (``[cols="3,2,2"]``) or a row whose
#: cells open with span marks (``.2+|사업명 4+|예산액``), an org keyword line (``#+TBLFM: $4=$2+$3``).
_MARKUP_LINE_RE = re.compile(r"^\s*(?:\.\.\s+[a-z-]+::|:[A-Za-z][\w-]*:(?:\s|$)|\[[^\]]*=[^\]]*\]\s*$|#\+[A-Za-z_]+:)"
                             r"|^\s*(?:\d*(?:\.\d+)?\+\|[^|\d]*)+$")


def is_markup_line(text: str) -> bool:
    """The line is table markup (a directive, an option, an attribute list, a keyword line, a header row of
    span-marked text cells): the inline pass reads no figure from it."""
    return bool(_MARKUP_LINE_RE.match(text))


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip())


def _caption(text: str) -> str:
    return _UNIT_NOTE_RE.sub(" ", text).strip()


def _cell(text: str, line: int, col: int) -> Cell:
    return Cell(text, line, col, cell_number(text), cell_parts(text))


def _has_figure(row: list[Cell]) -> bool:
    return any(c.number is not None or c.parts for c in row)


def _build(layout: str, rows: list[list[Cell]], n_head: int, title: str) -> Table | None:
    """A table of ``rows`` whose first ``n_head`` rows are the header, and every leading row without a
    figure after them (a second header row, or a header the markup does not mark); None when no body row
    holds a figure."""
    while n_head < len(rows) and not _has_figure(rows[n_head]):
        n_head += 1
    if not any(_has_figure(r) for r in rows[n_head:]):
        return None
    t = Table("", layout, header=rows[:n_head], body=rows[n_head:], title=title)
    return t


# -- AsciiDoc --------------------------------------------------------------------------------------------


def _adoc_width(attrs: str) -> int:
    m = _ADOC_COLS_RE.search(attrs)
    if not m:
        return 0
    spec = m.group(1).strip()
    if re.fullmatch(r"\d+", spec):
        return int(spec)
    n = 0
    for part in spec.split(","):
        rep = re.match(r"^\s*(\d+)\*", part)
        n += int(rep.group(1)) if rep else 1
    return n


def _adoc_cells(lines: list[str], first: int, last: int) -> list[tuple[int, int, int, str, bool]]:
    """``(line index, colspan, rowspan, text, blank line before)`` of every cell between the fences."""
    cells: list[list] = []
    blank = False
    for k in range(first, last + 1):
        s = lines[k].rstrip()
        if not s.strip():
            blank = True
            continue
        seps = list(_ADOC_SEP_RE.finditer(s))
        if not seps or s[:seps[0].start()].strip():
            if cells:  # a line without a leading ``|``: the cell before continues
                cells[-1][3] = f"{cells[-1][3]} {s.strip()}".strip()
            continue
        for a, b in zip(seps, seps[1:] + [None]):
            text = s[a.end(): b.start() if b is not None else len(s)].strip()
            cells.append([k, int(a.group(1) or 1), int(a.group(2) or 1), text, blank])
            blank = False
    return [tuple(c) for c in cells]


def _adoc_table(lines: list[str], open_: int, close: int, attrs: str, title: str) -> Table | None:
    cells = _adoc_cells(lines, open_ + 1, close - 1)
    if not cells:
        return None
    width = _adoc_width(attrs)
    first_line = [c for c in cells if c[0] == cells[0][0]]
    if not width and len(first_line) > 1:
        width = sum(c[1] for c in first_line)
    if not width:  # one cell per line: the first blank-separated group is a row
        group = [cells[0]] + [c for c in cells[1:]]
        end = next((g for g, c in enumerate(group) if g and c[4]), len(group))
        width = sum(c[1] for c in group[:end])
    rows: list[list[Cell]] = []
    filled: list[dict[int, Cell]] = []
    spans: list[list[tuple[int, int, int, str, int]]] = []  # per row: (col, colspan, rowspan, text, line)
    r, col = 0, 0

    def slot(row: int) -> dict[int, Cell]:
        while len(filled) <= row:
            filled.append({})
            spans.append([])
        return filled[row]

    for k, cspan, rspan, text, _blank in cells:
        cur = slot(r)
        while col < width and col in cur:
            col += 1
        if col >= width:
            r, col = r + 1, 0
            cur = slot(r)
            while col < width and col in cur:
                col += 1
        spans[r].append((col, cspan, rspan, text, k + 1))
        for dr in range(rspan):
            for dc in range(cspan):
                if col + dc < width:
                    slot(r + dr)[col + dc] = _cell(text if (dr, dc) == (0, 0) else "", k + 1, col + dc)
        col += cspan
    n_rows = len(filled)
    explicit = bool(_ADOC_HEADER_RE.search(attrs))
    # implicit header: the first line holds every cell of the first row and a blank line follows it
    implicit = len(cells) > len(first_line) and cells[len(first_line)][4] and \
        sum(c[1] for c in first_line) == width
    n_head = 1 if explicit or implicit else 0
    while n_head and n_head < n_rows and not any(
            c.number is not None or c.parts for c in filled[n_head].values()) and any(
            c.text for c in filled[n_head].values()):
        n_head += 1
    for row_no in range(n_rows):  # a spanned header cell repeats over its columns and rows
        if row_no >= n_head:
            break
        for col0, cspan, rspan, text, line in spans[row_no]:
            for dr in range(rspan):
                for dc in range(cspan):
                    if row_no + dr < n_rows and col0 + dc < width:
                        filled[row_no + dr][col0 + dc] = _cell(text, line, col0 + dc)
    for cur in filled:
        if not cur:
            continue
        line = min(c.line for c in cur.values())
        rows.append([cur.get(c) or _cell("", line, c) for c in range(width)])
    return _build("asciidoc", rows, n_head, title)


def _read_asciidoc(lines: list[str], used: list[bool]) -> list[tuple[Table, int, int]]:
    out = []
    i, n = 0, len(lines)
    while i < n:
        if used[i] or not _ADOC_FENCE_RE.match(lines[i]):
            i += 1
            continue
        close = next((j for j in range(i + 1, n) if _ADOC_FENCE_RE.match(lines[j])), None)
        if close is None or any(used[i:close + 1]):
            i += 1
            continue
        first, attrs, title = i, "", ""
        if i > 0 and _ADOC_ATTR_RE.match(lines[i - 1]) and not used[i - 1]:
            first, attrs = i - 1, _ADOC_ATTR_RE.match(lines[i - 1]).group(1)
        if first > 0 and _ADOC_CAPTION_RE.match(lines[first - 1]) and not used[first - 1]:
            first, title = first - 1, _caption(_ADOC_CAPTION_RE.match(lines[first - 1]).group(1))
        t = _adoc_table(lines, i, close, attrs, title)
        if t is not None:
            t.start = first + 1
            out.append((t, first, close))
            for k in range(first, close + 1):
                used[k] = True
        i = close + 1
    return out


# -- org-mode -------------------------------------------------------------------------------------------


def _org_cells(text: str, line: int) -> list[Cell]:
    inner = text.strip()[1:]
    inner = inner[:-1] if inner.endswith("|") else inner
    return [_cell(part.strip(), line, col) for col, part in enumerate(inner.split("|"))]


def _read_org(lines: list[str], used: list[bool]) -> list[tuple[Table, int, int]]:
    out = []
    i, n = 0, len(lines)
    while i < n:
        if used[i] or not _ORG_ROW_RE.match(lines[i]):
            i += 1
            continue
        j = i
        while j < n and not used[j] and _ORG_ROW_RE.match(lines[j]):
            j += 1
        rules = [k for k in range(i, j) if _ORG_RULE_RE.match(lines[k])]
        if not any("+" in lines[k] for k in rules):
            i = j  # pipes without an org rule: a markdown or plain pipe table (the pipe family's)
            continue
        rows = [_org_cells(lines[k], k + 1) for k in range(i, j) if k not in rules]
        n_head = sum(1 for k in range(i, rules[0]) if k not in rules) if rules[0] > i else 0
        first, last, title = i, j - 1, ""
        while first > 0 and not used[first - 1] and ORG_KEY_RE.match(lines[first - 1]):
            first -= 1
            m = ORG_KEY_RE.match(lines[first])
            if m.group(1).upper() == "CAPTION" and not title:
                title = _caption(m.group(2))
        if last + 1 < n and not used[last + 1] and ORG_KEY_RE.match(lines[last + 1]) \
                and ORG_KEY_RE.match(lines[last + 1]).group(1).upper() == "TBLFM":
            last += 1
        width = max(len(r) for r in rows)
        rows = [r + [_cell("", r[0].line, c) for c in range(len(r), width)] for r in rows]
        t = _build("org", rows, n_head, title)
        if t is not None:
            t.start = first + 1
            out.append((t, first, last))
            for k in range(first, last + 1):
                used[k] = True
        i = j
    return out


# -- reStructuredText ------------------------------------------------------------------------------------


def _rst_block(lines: list[str], start: int, indent: int) -> tuple[dict[str, str], int, int]:
    """The options of the directive on line ``start`` and the (first, last) line indices of its content:
    everything after it indented deeper than ``indent`` (blank lines inside kept)."""
    options: dict[str, str] = {}
    k = start + 1
    n = len(lines)
    while k < n and lines[k].strip() and _indent(lines[k]) > indent and _RST_OPTION_RE.match(lines[k]):
        m = _RST_OPTION_RE.match(lines[k])
        options[m.group(1).lower()] = m.group(2)
        k += 1
    body_first = k
    last = k - 1
    while k < n and (not lines[k].strip() or _indent(lines[k]) > indent):
        if lines[k].strip():
            last = k
        k += 1
    return options, body_first, last


def _int(text: str | None, default: int) -> int:
    return int(text) if text and text.strip().isdigit() else default


def _list_rows(lines: list[str], first: int, last: int) -> list[list[Cell]]:
    rows: list[list[list]] = []  # per row: [line, text] per cell
    cell_indent = None
    for k in range(first, last + 1):
        s = lines[k]
        if not s.strip():
            continue
        m = _RST_ROW_RE.match(s)
        if m:
            rows.append([[k + 1, m.group(2) or ""]])
            cell_indent = s.index("-")
            continue
        m = _RST_CELL_RE.match(s)
        if m and rows and cell_indent is not None and len(m.group(1)) == cell_indent:
            rows[-1].append([k + 1, m.group(2) or ""])
            continue
        if rows:  # a continuation line of the cell before
            rows[-1][-1][1] = f"{rows[-1][-1][1]} {s.strip()}".strip()
    return [[_cell(text, line, col) for col, (line, text) in enumerate(row)] for row in rows]


def _csv_rows(lines: list[str], first: int, last: int) -> list[list[Cell]] | None:
    rows = []
    for k in range(first, last + 1):
        if not lines[k].strip():
            continue
        fields = record_fields(lines[k].strip())
        if fields is None:
            return None
        rows.append([_cell(f, k + 1, col) for col, f in enumerate(fields)])
    return rows


def _read_rst(lines: list[str], used: list[bool]) -> list[tuple[Table, int, int]]:
    out = []
    i, n = 0, len(lines)
    while i < n:
        m = None if used[i] else _RST_DIRECTIVE_RE.match(lines[i])
        if not m:
            i += 1
            continue
        options, body_first, last = _rst_block(lines, i, len(m.group(1)))
        if any(used[i:last + 1]) or last < body_first:
            i += 1
            continue
        title = _caption(m.group(3))
        n_head = _int(options.get("header-rows"), 0)
        if m.group(2) == "list-table":
            rows = _list_rows(lines, body_first, last)
        else:
            rows = _csv_rows(lines, body_first, last)
            header = options.get("header")
            if rows is not None and header:
                fields = record_fields(header)
                head_line = next(k for k in range(i + 1, body_first) if _RST_OPTION_RE.match(lines[k])
                                 and _RST_OPTION_RE.match(lines[k]).group(1).lower() == "header")
                if fields is not None:
                    rows.insert(0, [_cell(f, head_line + 1, col) for col, f in enumerate(fields)])
                    n_head += 1
        t = _build("rst", rows, n_head, title) if rows else None
        if t is not None:
            t.start = i + 1
            out.append((t, i, last))
            for k in range(i, last + 1):
                used[k] = True
            i = last + 1
            continue
        i += 1
    return out


def read(lines: list[str], used: list[bool]) -> list[tuple[Table, int, int]]:
    """Every AsciiDoc, org-mode and reST table of a document: ``(table, first line index, last line index)``."""
    return _read_asciidoc(lines, used) + _read_org(lines, used) + _read_rst(lines, used)
