"""Line → (fact table, figure) of every figure the typed facts hold, in three flat arrays.

The table engine matches each cell of a table against the figures the typed facts read off the cell's
line (:mod:`.table_cells`). A dict of lists of tuples costs about 300 bytes a figure (a key, a list, a
tuple and a float each); a document of 200,000 budget rows holds 600,000 of them. :class:`FactIndex` keeps
them sorted by line in arrays (17 bytes a figure) and answers :meth:`FactIndex.get` like the dict did: the
line's ``(table, figure)`` pairs in the order they were added.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left, bisect_right


class FactIndex:
    """Figures by line: :meth:`add` them in any order, then :meth:`get` a line's pairs (added order)."""

    def __init__(self) -> None:
        self._line = array("q")
        self._value = array("d")
        self._table = array("B")
        self._names: list[str] = []
        self._codes: dict[str, int] = {}
        self._sorted = True

    def add(self, line: int, table: str, value: float) -> None:
        code = self._codes.get(table)
        if code is None:
            code = self._codes[table] = len(self._names)
            self._names.append(table)
        if self._line and line < self._line[-1]:
            self._sorted = False
        self._line.append(line)
        self._value.append(value)
        self._table.append(code)

    def _sort(self) -> None:
        """Sort by line, keeping the added order within a line (a stable sort)."""
        order = sorted(range(len(self._line)), key=self._line.__getitem__)
        self._line = array("q", (self._line[k] for k in order))
        self._value = array("d", (self._value[k] for k in order))
        self._table = array("B", (self._table[k] for k in order))
        self._sorted = True

    def get(self, line: int, default=()) -> list[tuple[str, float]]:
        """The ``(table, figure)`` pairs of ``line`` in the order added; ``default`` when it has none."""
        if not self._sorted:
            self._sort()
        a = bisect_left(self._line, line)
        b = bisect_right(self._line, line, a)
        if a == b:
            return default
        return [(self._names[self._table[k]], self._value[k]) for k in range(a, b)]

    def __len__(self) -> int:
        return len(self._line)
