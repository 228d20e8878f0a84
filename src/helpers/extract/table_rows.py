"""Rows of one processed table kept as columns: the compact store of the extract step.

A row dict costs about 460 bytes before its values; a 7 MB document of 200,000 table rows gives some
800,000 rows (its budgets and their ``table_cells``), which as dicts alone would take 400 MB. A
:class:`TableRows` keeps one list per schema column instead (8 bytes per value, the values themselves
shared), so the extract step holds the rows of the whole corpus at a fraction of that, and
:func:`.pipeline.to_frame` builds each table's frame straight from its columns.

Past :data:`PACK_ROWS` rows a table's columns are packed (:mod:`.packed_columns`: numbers in arrays,
repeated values as codes), which halves what such a document's rows hold again.

It reads like the list of row dicts it replaces (``len``, indexing, iteration give dicts of the schema's
columns), so code and tests that look at a few rows need not know; keys outside the schema are dropped,
as the written tables drop them.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from ..schema import TABLES
from .packed_columns import copied, packed

#: A table's columns are packed (:meth:`TableRows.pack`) each time it reaches a multiple of this many rows
#: (a mask: 16,384): no table of a usual report is that large, so only a large document's tables pay the
#: packed columns' slower access.
PACK_ROWS = (1 << 14) - 1


class TableRows(Sequence):
    """The rows of ``table`` as one list per column of its schema, in row order."""

    __slots__ = ("table", "_cols", "_lists")

    def __init__(self, table: str, rows: Iterable[dict] = ()):
        self.table = table
        self._cols: dict[str, list] = {c: [] for c in TABLES[table]}
        self._lists: set[str] = set()  # columns found to stay lists when packed (mostly distinct texts)
        self.extend(rows)

    def append(self, row: dict) -> None:
        """Add one row (missing columns are empty; keys outside the schema are dropped)."""
        get = row.get
        for name, col in self._cols.items():
            col.append(get(name))
        if not len(col) & PACK_ROWS:
            self.pack()

    def pack(self) -> None:
        """Pack the columns that fit a packed form (:func:`.packed_columns.packed`); a column packed already
        takes its new rows packed (and is packed afresh when they no longer fit it), one found to stay a list
        is not tried again."""
        for name, col in self._cols.items():
            if type(col) is list:
                if name not in self._lists:
                    self._cols[name] = packed(col)
                    if self._cols[name] is col:
                        self._lists.add(name)
            elif col.overfull():
                self._cols[name] = packed(list(col))

    def add(self, **values) -> None:
        """Add one row given as keyword values (the compact path: no row dict is built)."""
        self.append(values)

    def extend(self, rows: Iterable[dict]) -> None:
        if isinstance(rows, TableRows):
            if not len(self):  # an empty store takes the other's columns as they are (packed stay packed)
                self._cols = {name: copied(rows._cols[name]) for name in self._cols}
                self._lists = set(rows._lists)
                return
            for name, col in self._cols.items():
                col.extend(rows._cols[name])
            if len(self) > PACK_ROWS:
                self.pack()
            return
        for row in rows:
            self.append(row)

    def has(self, name: str) -> bool:
        """``name`` is a column of the table."""
        return name in self._cols

    def map_column(self, name: str, func) -> None:
        """Replace each value of column ``name`` by ``func(index, value)`` (in place: the rows stay columns)."""
        col = self._cols[name]
        for i, v in enumerate(col):
            col[i] = func(i, v)

    def set(self, index: int, name: str, value) -> None:
        """Set one cell: row ``index``, column ``name`` (a row read by iteration is a copy, so a reader that
        marks a row it added, e.g. as a total, says so here)."""
        self._cols[name][index] = value

    def pop_column(self, name: str) -> list:
        """The values of column ``name``, taken out of the store (its place left empty): the writer frames a
        table one column at a time and releases each as it goes."""
        col = self._cols[name]
        self._cols[name] = []
        return col

    def column(self, name: str) -> list:
        """The values of one column, in row order (the store's own list, or its packed form that reads like
        one: do not modify)."""
        return self._cols[name]

    def __len__(self) -> int:
        return len(next(iter(self._cols.values()))) if self._cols else 0

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(index)
        return {name: col[index] for name, col in self._cols.items()}

    def __iter__(self) -> Iterator[dict]:
        names = list(self._cols)
        for values in zip(*self._cols.values(), strict=True):
            yield dict(zip(names, values, strict=True))

    def __repr__(self) -> str:
        return f"TableRows({self.table!r}, {len(self)} rows)"


def keep_rows(table: str, rows, keep) -> TableRows | list[dict]:
    """The rows of ``rows`` for which ``keep(row)`` holds, in the same storage (columns stay columns, a list of
    dicts stays a list): for readers that drop facts another reader has superseded."""
    kept = (r for r in rows if keep(r))
    return TableRows(table, kept) if isinstance(rows, TableRows) else list(kept)
