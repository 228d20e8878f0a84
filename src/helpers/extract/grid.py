"""The cell grid of a detected table: header rows and body rows of :class:`Cell`, each with its line.

A :class:`Table` is what the block finder (:mod:`.blocks`) makes of every block of numeric rows, whatever
the layout it was printed in (tabs, pipes, spaces, one cell per line …). Cells keep their 1-based line and
0-based column, so every number can be traced to the raw text and nothing read is lost: the
``table_cells`` processed table is one row per numeric body cell (:mod:`.table_cells`).

Column labels are header paths: in a two-level header (``2023년`` spanning ``예산액 | 구성비``) the upper
cell is carried over the blank cells to its right, and the column's label is ``2023년 › 구성비``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from .numbers import Number, cell_figure_text, drop_note_marks, normalise_text, parse_number
from .vocabulary import COUNT_UNITS, MONEY_UNITS

#: Units a figure cell may carry; any other word after a number makes the cell text (``1인가구``, ``3년 이상``).
CELL_UNITS = frozenset({"", "%", "%p", "배", "위", "등", "점", "km", "㎡", "kg", "톤", *COUNT_UNITS, *MONEY_UNITS})

#: A column header naming a year: ``2024``, ``2024년``, ``’23년``, ``2023년도``, ``2024년(A)``.
YEAR_CELL_RE = re.compile(r"^(?:['’‘](\d{2})년?|(\d{2})년|((?:19|20)\d{2})년?)도?(?:\([A-Za-z]\))?$")
#: A figure with the unit words converters print beside it (``125,400,000 원``, ``25명``, ``68.5 %``).
_SPACED_UNIT_RE = re.compile(r"^([△▲−-]?\s?\d[\d,]*(?:\.\d+)?)\s+(%|[가-힣]{1,3})$")
#: A label that is an ordinal or a section number (``1.``, ``1-1.``, ``(1)``): never a figure.
_ORDINAL_RE = re.compile(r"^(?:\d+[.)]|\(\d+\)|\d+(?:-\d+)+\.?)$")


def year_of(text: str) -> int | None:
    """The year a header cell names (``2023년`` → 2023, ``’24년`` → 2024), None otherwise."""
    m = YEAR_CELL_RE.match(_WS_RE.sub("", normalise_text(text)))
    if not m:
        return None
    if m.group(3):
        return int(m.group(3))
    return 2000 + int(m.group(1) or m.group(2))


#: Words before a figure that leave it a figure: 월1,068천원 (per month), 총 6명, 약 300명, 연 2회.
#: A bound after a figure that leaves it a figure: ``10개소 이상`` (a target printed as a minimum), ``5% 이내``.
_QUALIFIER_RE = re.compile(r"(?<=[\d%가-힣])\s*(?:이상|이하|미만|초과|이내)$")
_PREFIX_RE = re.compile(r"^(?:월|일|연|년|약|총|각|최대|최소|평균)\s*(?=[△▲−-]?\d)")
#: A cell of several figures: ``230 /230(173)``, ``59/61``, ``12(3)``, ``1,014 8,487`` (no words).
_COMPOSITE_RE = re.compile(r"^[△▲−-]?\d[\d,.]*(?:%|[명건회개소]{1,2})?(?:\s*[/()]?\s*[△▲−-]?\d[\d,.]*(?:%|[명건회개소]{1,2})?\)?)+$")
_PART_RE = re.compile(r"[△▲−-]?\d[\d,]*(?:\.\d+)?(?:%|[명건회개소]{1,2})?")


_DIGIT_RE = re.compile(r"\d")
_BULLET_DASH_RE = re.compile(r"^[-–]\s+\d")
#: A cell printing "no value" (``-``): a figure's place, never part of the row label.
MISSING_CELLS = frozenset({"-", "–", "—", "―", "−"})
_MISSING = MISSING_CELLS
_WS_RE = re.compile(r"\s+")


@lru_cache(maxsize=16384)
def cell_number(text: str) -> Number | None:
    """The figure a cell holds (``1,234``, ``△70``, ``68.5%``, ``25명``, ``125,400,000 원``, ``월1,068천원``),
    None for text, blanks, missing markers (``-``), years (``2023년``) and list numbers (``1.``)."""
    s = _QUALIFIER_RE.sub("", _PREFIX_RE.sub("", normalise_text(cell_figure_text(text)).strip()))
    if not s or not _DIGIT_RE.search(s) or _ORDINAL_RE.match(s) or year_of(s) is not None:
        return None
    if _BULLET_DASH_RE.match(s):
        return None  # ``- 17,581``: a dash then a space is a list dash before a figure, not a minus sign
    num = parse_number(s)
    if num is None:
        m = _SPACED_UNIT_RE.match(s)
        if m:
            num = parse_number(m.group(1) + m.group(2))
    if num is not None and num.unit not in CELL_UNITS:
        return None
    return num


@dataclass(frozen=True, slots=True)
class Cell:
    """One cell: its printed text, 1-based line, 0-based column and figure (None for a text cell)."""

    text: str
    line: int
    col: int
    number: Number | None = None
    #: the figures of a composite cell (``230 /230(173)``); empty otherwise
    parts: tuple[Number, ...] = ()

    @property
    def value(self) -> float | None:
        return self.number.value if self.number is not None else None

    @property
    def unit(self) -> str:
        return self.number.unit if self.number is not None else ""


@lru_cache(maxsize=16384)
def cell_parts(text: str) -> tuple[Number, ...]:
    """The figures of a cell printing several (``230 /230(173)`` → 230, 230, 173): a composite cell.
    Empty for a single figure and for text."""
    s = normalise_text(drop_note_marks(text)).strip()
    if not _COMPOSITE_RE.match(s) or cell_number(s) is not None:
        return ()
    parts = tuple(n for n in (cell_number(m.group(0)) for m in _PART_RE.finditer(s)) if n is not None)
    return parts if len(parts) >= 2 else ()


def make_cells(texts: list[str], line: int, start_col: int = 0) -> list[Cell]:
    """Cells of one printed row (text cells and figures), numbered from ``start_col``."""
    return [Cell(t, line, start_col + k, cell_number(t), cell_parts(t)) for k, t in enumerate(texts)]


#: Layouts whose tables are bounded by their own markup (:attr:`Table.framed`).
FRAMED_LAYOUTS = frozenset({"html", "ruled", "dashes", "csv", "frame", "asciidoc", "org", "rst"})


@dataclass
class Table:
    """A detected table: header rows, body rows, the layout it was printed in and where it lies."""

    table_id: str
    layout: str
    header: list[list[Cell]] = field(default_factory=list)
    body: list[list[Cell]] = field(default_factory=list)
    title: str = ""
    #: header text that could not be placed over the columns (its words do not match them)
    note: str = ""
    #: upper header cells span the blank cells to their right (bordered layouts print empty merged cells;
    #: in space-aligned layouts cells sit over their own columns)
    spans: bool = True
    #: a printed data frame's row numbers (``0 1 2 …``, :mod:`.frames`), per body row one cell per block that
    #: prints it: numbers of the table's lines that are no figure of it (no fact reads them; ``table_cells``
    #: keeps them in column 0, the index column)
    index: list[list[Cell]] = field(default_factory=list)
    #: 1-based line where the table's markup begins above its first cell (a reST directive and its options,
    #: an AsciiDoc caption and attribute list, an org ``#+CAPTION:``): part of the table's span; 0 when its
    #: first cell begins it
    start: int = 0
    #: the table's own side of lines it shares with a table printed beside it (0-based line → text):
    #: its unit note and source text are read there (:mod:`.two_column`)
    own_text: dict[int, str] = field(default_factory=dict)

    def own_lines(self, lines: list[str]) -> list[str]:
        """The document's lines as this table sees them: its shared lines cut to its own side."""
        if not self.own_text:
            return lines
        out = list(lines)
        for k, text in self.own_text.items():
            out[k] = text
        return out

    @property
    def framed(self) -> bool:
        """The layout marks where the table and its header begin (``<table>`` markup, box or grid rules,
        pandoc dash lines, a CSV run): no line above the table is part of its header."""
        return self.layout in FRAMED_LAYOUTS

    @property
    def width(self) -> int:
        return max(_col_end(self.header), _col_end(self.body))

    @property
    def line(self) -> int:
        """1-based first line (of the table's markup, else of the header, else of the body)."""
        first = min(a for a, _ in _line_ranges(self))
        return min(first, self.start) if self.start else first

    @property
    def line_end(self) -> int:
        return max(b for _, b in _line_ranges(self))

    @property
    def rows_on_one_line(self) -> bool:
        """Every body row is printed on one line. Not so for a table flattened one cell per line, an HTML
        table written one tag per line, or a label line over its values line: readers that take a row as
        one line leave those to the family readers, which place each figure at its own line."""
        return all(len({c.line for c in row}) <= 1 for row in self.body)

    def column_labels(self) -> list[str]:
        """The header path of every column, joined with `` › `` (upper cells carried over blank cells to
        their right when a lower header row exists: two-level headers)."""
        width = self.width
        paths: list[list[str]] = [[] for _ in range(width)]
        for level, row in enumerate(self.header):
            texts = [""] * width
            for c in row:
                if c.col < width:
                    texts[c.col] = c.text.strip()
            if self.spans and level < len(self.header) - 1:  # a spanning cell covers the blanks after it
                last = ""
                for k in range(width):
                    if texts[k]:
                        last = texts[k]
                    elif last and k > 0:
                        texts[k] = last
            for k, t in enumerate(texts):
                if t and (not paths[k] or paths[k][-1] != t):
                    paths[k].append(t)
        return [" › ".join(p) for p in paths]

    def row_label(self, row: list[Cell]) -> str:
        """The text cells before the row's first figure (``일반회계``, ``국비 (국고보조금)``)."""
        out = []
        for c in row:
            if c.number is not None or c.parts or c.text.strip() in _MISSING:
                break
            if c.text.strip():
                out.append(c.text.strip())
        return " ".join(out)

    def numeric_cells(self):
        """``(row index, cell)`` of every figure of the body, in reading order; a composite cell
        (``230 /230(173)``) gives one cell per figure, all in its column."""
        for r, row in enumerate(self.body):
            for c in row:
                if c.number is not None:
                    yield r, c
                for p in c.parts:
                    yield r, Cell(c.text, c.line, c.col, p)

    def header_text(self) -> str:
        return " | ".join(c.text for row in self.header for c in row if c.text.strip()) or self.note


def _col_end(rows) -> int:
    """One past the last column of ``rows`` (a compact body, :mod:`.compact_rows`, knows it without
    building its rows)."""
    if hasattr(rows, "col_end"):
        return rows.col_end()
    return max((c.col + 1 for r in rows for c in r), default=0)


def _line_ranges(t: Table) -> list[tuple[int, int]]:
    """(first, last) line of the header's cells and of the body's, for the parts that have cells."""
    out = []
    for rows in (t.header, t.body):
        if hasattr(rows, "line_range"):
            span = rows.line_range()
        else:
            lines = [c.line for r in rows for c in r]
            span = (min(lines), max(lines)) if lines else None
        if span is not None:
            out.append(span)
    return out
