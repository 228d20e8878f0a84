"""The body rows of a large table, kept compact: a string and a few array slots per row, not a
:class:`~.grid.Cell` object per printed cell.

A table of tens of thousands of rows (a generated statistics sheet, a register of every program) held as
``list[list[Cell]]`` costs about 900 bytes a row — a :class:`~.grid.Cell`, its text and its
:class:`~.numbers.Number` for every cell — and the block finder, the readers and the table engine hold
that grid through the whole pass over the document. The block finder gives such a table a
:class:`CompactRows` body instead (:func:`body_for`): a sequence of rows like the list it replaces, each
row built as ``list[Cell]`` (equal cells, equal figures) when it is read and not kept, so a large table is
read a row at a time and its grid is never held at once. Its extent (first and last line, width) is known
without building its rows (:meth:`CompactRows.line_range`, :meth:`CompactRows.col_end`).

A row that does not fit the compact form (cells on several lines, a composite cell, a text holding the
separator, a figure that is not a plain float) is kept as it is, so every table reads the same either way.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Iterator, Sequence

from .grid import Cell
from .numbers import Number

#: Tables with more body rows than this get a compact body; smaller ones (every table of a usual report)
#: keep a list, read at list speed.
LARGE_TABLE_ROWS = 2000
_SEP = "\x1f"
#: Largest column and line a compact row stores (``array('i')``).
_MAX_INT = 2**31 - 1


def body_for(rows: int) -> list | CompactRows:
    """An empty body for a table of ``rows`` body rows: compact when it is large."""
    return CompactRows() if rows > LARGE_TABLE_ROWS else []


def _slot_setters(cls, names: tuple[str, ...]):
    return tuple(cls.__dict__[name].__set__ for name in names)


_new = object.__new__
_CELL_SLOTS = _slot_setters(Cell, ("text", "line", "col", "number", "parts"))
_NUMBER_SLOTS = _slot_setters(Number, ("value", "unit", "negative"))


def _cell(text: str, line: int, col: int, number: Number | None) -> Cell:
    """``Cell(text, line, col, number)`` filled slot by slot: a large table's rows are built on every read,
    and a frozen dataclass's ``__init__`` (a checked ``object.__setattr__`` per field) costs twice as much."""
    c = _new(Cell)
    s_text, s_line, s_col, s_number, s_parts = _CELL_SLOTS
    s_text(c, text)
    s_line(c, line)
    s_col(c, col)
    s_number(c, number)
    s_parts(c, ())
    return c


def _number(value: float, unit: str, negative: bool) -> Number:
    """``Number(value, unit, negative)`` filled slot by slot (see :func:`_cell`)."""
    n = _new(Number)
    s_value, s_unit, s_negative = _NUMBER_SLOTS
    s_value(n, value)
    s_unit(n, unit)
    s_negative(n, negative)
    return n


class RowsOnDemand(Sequence):
    """A sequence whose rows are built when read: a subclass keeps ``_rows`` (one slot per row) and builds row
    ``k`` in ``_row(k)``. Shared by the compact table bodies here and the old reader's :mod:`.row_store`."""

    _rows: list

    def _row(self, k: int):
        raise NotImplementedError

    def __len__(self) -> int:
        return len(self._rows)

    def __getitem__(self, k):
        if isinstance(k, slice):
            return [self._row(i) for i in range(*k.indices(len(self._rows)))]
        if k < 0:
            k += len(self._rows)
        if not 0 <= k < len(self._rows):
            raise IndexError("row index out of range")
        return self._row(k)

    def __iter__(self) -> Iterator:
        for k in range(len(self._rows)):
            yield self._row(k)


class CompactRows(RowsOnDemand):
    """Body rows of one table, built on access (see the module docstring). Rows are appended as
    ``list[Cell]``; ``rows[k] = None`` releases row ``k`` (it reads as None afterwards, as in a list)."""

    def __init__(self, rows: Iterable[list[Cell]] = ()) -> None:
        #: per row: its cell texts joined by ``_SEP`` (compact row), the row itself (kept as it is) or None
        self._rows: list[str | list[Cell] | None] = []
        self._line = array("i")  # per row: the line of its cells (0 for a row kept as it is)
        self._start = array("i", [0])  # per row: offset of its first cell in the arrays below
        self._col = array("i")
        self._value = array("d")
        self._number = array("H")  # 0: a text cell; k: a figure of unit self._units[k - 1]
        self._units: list[tuple[str, bool]] = []
        self._unit_code: dict[tuple[str, bool], int] = {}
        self._lines: tuple[int, int] | None = None
        self._col_end = 0
        self._last: tuple[int | None, list[Cell] | None] = (None, None)  # the row read last
        for row in rows:
            self.append(row)

    # -- building ------------------------------------------------------------------------------------

    def append(self, row: list[Cell]) -> None:
        """Add a row: stored compact when it fits, else kept as it is."""
        self._extend_extent(row)
        codes = self._codes(row)
        if codes is None:
            self._rows.append(list(row))
            self._line.append(0)
            self._start.append(self._start[-1])
            return
        self._rows.append(_SEP.join(c.text for c in row))
        self._line.append(row[0].line)
        for c, code in zip(row, codes, strict=True):
            self._col.append(c.col)
            self._value.append(c.number.value if code else 0.0)
            self._number.append(code)
        self._start.append(len(self._col))

    def _codes(self, row: list[Cell]) -> list[int] | None:
        """The unit code of every cell of ``row`` (0: text), None when the row does not fit the compact form."""
        if not row or type(row) is not list:
            return None
        line = row[0].line
        codes = []
        for c in row:
            if (type(c) is not Cell or c.line != line or c.parts or _SEP in c.text or not 0 <= c.col <= _MAX_INT
                    or not 0 < line <= _MAX_INT):
                return None
            n = c.number
            if n is None:
                codes.append(0)
                continue
            if type(n) is not Number or type(n.value) is not float or type(n.negative) is not bool:
                return None
            key = (n.unit, n.negative)
            code = self._unit_code.get(key)
            if code is None:
                if len(self._units) >= 65535:
                    return None
                self._units.append(key)
                code = self._unit_code[key] = len(self._units)
            codes.append(code)
        return codes

    # -- reading -------------------------------------------------------------------------------------

    def _row(self, k: int) -> list[Cell] | None:
        if k == self._last[0]:
            return self._last[1]  # read twice in a row (a figure's row, then its label)
        stored = self._rows[k]
        if not isinstance(stored, str):
            return stored
        line, units, col, value, number = self._line[k], self._units, self._col, self._value, self._number
        out = []
        for i, text in enumerate(stored.split(_SEP), self._start[k]):
            code = number[i]
            out.append(_cell(text, line, col[i], _number(value[i], *units[code - 1]) if code else None))
        self._last = (k, out)
        return out


    def __setitem__(self, k: int, row: None) -> None:
        """``rows[k] = None`` releases row ``k`` (the extent stays that of the rows appended)."""
        if row is not None:
            raise TypeError("a compact row can only be released (set to None)")
        self._rows[k] = None
        self._last = (None, None)

    def __radd__(self, other: Sequence) -> Chain:
        return Chain(other, self)

    def __add__(self, other: Sequence) -> Chain:
        return Chain(self, other)

    # -- extent --------------------------------------------------------------------------------------

    def line_range(self) -> tuple[int, int] | None:
        """(first, last) line of the cells appended, None when there are none."""
        return self._lines

    def col_end(self) -> int:
        """One past the last column of the cells appended (0 without any)."""
        return self._col_end

    def _extend_extent(self, row: list[Cell]) -> None:
        if not row:
            return
        lo, hi = min(c.line for c in row), max(c.line for c in row)
        if self._lines is not None:
            lo, hi = min(lo, self._lines[0]), max(hi, self._lines[1])
        self._lines = (lo, hi)
        self._col_end = max(self._col_end, max(c.col for c in row) + 1)


class Chain(Sequence):
    """Two row sequences read as one (``t.header + t.body`` with a compact body), without building a list
    of every row."""

    def __init__(self, first: Sequence, second: Sequence) -> None:
        self._parts = (first, second)

    def __len__(self) -> int:
        return len(self._parts[0]) + len(self._parts[1])

    def __iter__(self) -> Iterator:
        yield from self._parts[0]
        yield from self._parts[1]

    def __getitem__(self, k):
        if isinstance(k, slice):
            return [self[i] for i in range(*k.indices(len(self)))]
        n = len(self)
        if k < 0:
            k += n
        if not 0 <= k < n:
            raise IndexError("row index out of range")
        first = self._parts[0]
        return first[k] if k < len(first) else self._parts[1][k - len(first)]
