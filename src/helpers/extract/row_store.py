"""The rows of a large table of the old table reader (:mod:`.tables`), kept compact: a few array slots per
row, not a :class:`~.tables.Row`, a dict and a :class:`~.cells.Figure` per figure.

A tab or pipe table of 200,000 rows read as ``list[Row]`` costs about 850 bytes a row (the row, its values
dict, three figures and their texts), and the budget and indicator readers hold the whole list while they
read it. :func:`grown` gives a table of more than :data:`LARGE_TABLE_ROWS` rows a :class:`RowStore`
instead: a sequence that reads like the list it replaces, each :class:`~.tables.Row` built equal (same
fields, same figures) when it is read and not kept. A figure's printed text is kept only when it is not
the plain form of its value (``43445`` for 43445.0, ``61.4``); a row that does not fit the compact form
(wrapped over lines, a paired figure ``20/10``, keys other than the table's) is kept as it is.
"""

from __future__ import annotations

from array import array

from .cells import Figure
from .compact_rows import RowsOnDemand

#: Tables with more rows than this keep them in a :class:`RowStore`; smaller ones (every table of a usual
#: report) keep a list.
LARGE_TABLE_ROWS = 2000

_new = object.__new__
_FIGURE_SLOTS = tuple(Figure.__dict__[name].__set__ for name in ("start", "end", "text", "value", "unit", "pair"))


def _figure(start: int, end: int, text: str, value: float, unit: str) -> Figure:
    """``Figure(start, end, text, value, unit)`` filled slot by slot: a large table's rows are built on every
    read, and a frozen dataclass's ``__init__`` (a checked ``object.__setattr__`` per field) costs twice as
    much (as :func:`.compact_rows._cell`)."""
    f = _new(Figure)
    s_start, s_end, s_text, s_value, s_unit, s_pair = _FIGURE_SLOTS
    s_start(f, start)
    s_end(f, end)
    s_text(f, text)
    s_value(f, value)
    s_unit(f, unit)
    s_pair(f, None)
    return f


def grown(rows: list | RowStore) -> list | RowStore:
    """``rows`` as the reader goes on adding to them: the list itself until it holds more than
    :data:`LARGE_TABLE_ROWS` rows, then a :class:`RowStore` of them (the rows to come are added to it)."""
    if type(rows) is list and len(rows) > LARGE_TABLE_ROWS:
        return RowStore(rows)
    return rows


def _plain(value: float) -> str:
    """The plain printed form of a figure's value: ``43445`` for 43445.0, ``61.4`` for 61.4."""
    return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)


class RowStore(RowsOnDemand):
    """Rows of one old-reader table, built on access (see the module docstring)."""

    def __init__(self, rows=()) -> None:
        from .tables import Row

        self._row_type = Row
        self._keys: tuple[str, ...] | None = None  # the values' keys, in order (the same for every row)
        self._rows: list = []  # per row: None (compact) or the Row kept as it is
        self._line = array("i")
        self._text: list[str] = []  # source text (the printed line), label, texts, raw cells: shared objects
        self._label: list[str] = []
        self._texts: list = []
        self._raw: list = []
        # per row and key: 0 (no figure) or 1 + unit code; start, end, value; the text when not plain
        self._code = array("H")
        self._start = array("i")
        self._end = array("i")
        self._value = array("d")
        self._printed: dict[int, str] = {}
        self._units: list[str] = []
        self._unit_code: dict[str, int] = {}
        for row in rows:
            self.append(row)

    def append(self, row) -> None:
        if self._keys is None:
            self._keys = tuple(row.values)
        if not self._fits(row):
            self._keep(row)
            return
        self._rows.append(None)
        self._line.append(row.line)
        self._text.append(row.source_text)
        self._label.append(row.label)
        self._texts.append(row.texts)
        self._raw.append(row.raw_cells)
        for f in row.values.values():
            self._add_figure(f)

    def _fits(self, row) -> bool:
        if row.first_line != row.line or not 0 < row.line < 2**31 or tuple(row.values) != self._keys:
            return False
        for f in row.values.values():
            if f is None:
                continue
            if (type(f) is not Figure or type(f.value) is not float or f.pair is not None
                    or not 0 <= f.start < 2**31 or not 0 <= f.end < 2**31 or type(f.unit) is not str
                    or type(f.text) is not str or (f.unit not in self._unit_code and len(self._units) >= 65535)):
                return False
        return True

    def _add_figure(self, f: Figure | None) -> None:
        if f is None:
            self._code.append(0)
            self._start.append(0)
            self._end.append(0)
            self._value.append(0.0)
            return
        code = self._unit_code.get(f.unit)
        if code is None:
            code = self._unit_code[f.unit] = len(self._units) + 1
            self._units.append(f.unit)
        if f.text != _plain(f.value):
            self._printed[len(self._code)] = f.text
        self._code.append(code)
        self._start.append(f.start)
        self._end.append(f.end)
        self._value.append(f.value)

    def _keep(self, row) -> None:
        """A row kept as it is: its compact slots stay empty."""
        self._rows.append(row)
        self._line.append(0)
        self._text.append("")
        self._label.append("")
        self._texts.append(None)
        self._raw.append(None)
        for _ in self._keys:
            self._code.append(0)
            self._start.append(0)
            self._end.append(0)
            self._value.append(0.0)

    def _row(self, k: int):
        kept = self._rows[k]
        if kept is not None:
            return kept
        values = {}
        at = k * len(self._keys)
        for key in self._keys:
            code = self._code[at]
            if code:
                value = self._value[at]
                text = self._printed.get(at)
                values[key] = _figure(self._start[at], self._end[at], _plain(value) if text is None else text,
                                      value, self._units[code - 1])
            else:
                values[key] = None
            at += 1
        line = self._line[k]
        return self._row_type(line, line, self._text[k], self._label[k], values, self._texts[k], self._raw[k])

