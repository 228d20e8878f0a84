"""Packed columns of a large :class:`.table_rows.TableRows`: numbers in an ``array``, repeated values as codes.

A column kept as a list costs a pointer per row plus the value's own object: 36 bytes for a float, 36 for a
line number above 256. A document of 200,000 table rows gives some 800,000 rows (its budgets and their
``table_cells``), each with a dozen such values. Once a table passes :data:`PACK_ROWS` rows its columns are
packed (:func:`packed`): a column of plain numbers becomes a :class:`Numbers` (8 bytes a value), a column of
few distinct values (a document id, a table id, a unit, a flag) a :class:`Codes` (4 bytes a value); a column
of mostly distinct texts (labels, source lines) stays a list. Both read and write like the list they replace
(index, slice, iterate, assign, append), and give back values equal and of the same type as those stored, so
the written tables are the same bytes.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Iterator

#: A column is packed into codes when it has at most one distinct value per this many rows.
CODES_SPARSITY = 8
_INT_MIN, _INT_MAX = -2**63, 2**63 - 1


class Numbers:
    """A column of numbers of one type (``int`` or ``float``) in an ``array``; the few other values (None,
    another type) kept apart by position."""

    __slots__ = ("_type", "_data", "_other")

    def __init__(self, kind: type, values: Iterable = ()) -> None:
        self._type = kind
        self._data = array("q" if kind is int else "d")
        self._other: dict[int, object] = {}
        self.extend(values)

    def _fits(self, v) -> bool:
        return type(v) is self._type and (self._type is float or _INT_MIN <= v <= _INT_MAX)

    def append(self, v) -> None:
        if self._fits(v):
            self._data.append(v)
        else:
            self._other[len(self._data)] = v
            self._data.append(0)

    def extend(self, values: Iterable) -> None:
        for v in values:
            self.append(v)

    def __len__(self) -> int:
        return len(self._data)

    def __getitem__(self, k):
        if isinstance(k, slice):
            return [self[i] for i in range(*k.indices(len(self._data)))]
        if k < 0:
            k += len(self._data)
        if k in self._other:
            return self._other[k]
        return self._data[k]

    def __setitem__(self, k: int, v) -> None:
        if k < 0:
            k += len(self._data)
        if self._fits(v):
            self._data[k] = v
            self._other.pop(k, None)
        else:
            self._data[k] = 0
            self._other[k] = v

    def __iter__(self) -> Iterator:
        if not self._other:
            return iter(self._data)
        other = self._other
        return (other[k] if k in other else v for k, v in enumerate(self._data))

    def overfull(self) -> bool:
        """More values apart than the packed form is worth (they came after it was packed)."""
        return len(self._other) * CODES_SPARSITY > len(self._data)

    def copy(self) -> Numbers:
        out = Numbers(self._type)
        out._data, out._other = array(self._data.typecode, self._data), dict(self._other)
        return out


class Codes:
    """A column of few distinct values: one code (4 bytes) per row into the list of its values."""

    __slots__ = ("_codes", "_values", "_index")

    def __init__(self, values: Iterable = ()) -> None:
        self._codes = array("I")
        self._values: list = []
        self._index: dict[tuple[type, object], int] = {}
        self.extend(values)

    def _code(self, v) -> int:
        # 1, 1.0 and True are equal keys of a dict: their types keep them apart; 0.0 and -0.0 their reprs
        kind = type(v)
        key = (kind, v) if kind is not float or v else (kind, repr(v))
        code = self._index.get(key)
        if code is None:
            code = self._index[key] = len(self._values)
            self._values.append(v)
        return code

    def append(self, v) -> None:
        self._codes.append(self._code(v))

    def extend(self, values: Iterable) -> None:
        code = self._code
        self._codes.extend(code(v) for v in values)

    def __len__(self) -> int:
        return len(self._codes)

    def __getitem__(self, k):
        if isinstance(k, slice):
            return list(map(self._values.__getitem__, self._codes[k]))
        return self._values[self._codes[k]]

    def __setitem__(self, k: int, v) -> None:
        self._codes[k] = self._code(v)

    def __iter__(self) -> Iterator:
        return map(self._values.__getitem__, self._codes)

    def overfull(self) -> bool:
        """More distinct values than the packed form is worth (they came after it was packed)."""
        return len(self._values) * CODES_SPARSITY > len(self._codes)

    def copy(self) -> Codes:
        out = Codes()
        out._codes, out._values, out._index = array("I", self._codes), list(self._values), dict(self._index)
        return out


def packed(values: list):
    """``values`` as a :class:`Numbers` or :class:`Codes` column when one fits it, else ``values`` itself."""
    n = len(values)
    distinct: set = set()
    limit = max(n // CODES_SPARSITY, 1)
    for v in values:
        try:
            distinct.add((type(v), v))
        except TypeError:  # an unhashable value: kept as a list
            return values
        if len(distinct) > limit:
            break
    else:
        return Codes(values)
    for kind in (float, int):
        other = sum(1 for v in values if type(v) is not kind)
        if other * CODES_SPARSITY <= n:
            return Numbers(kind, values)
    return values


def copied(column):
    """A copy of a column (a list, :class:`Numbers` or :class:`Codes`), of the same kind."""
    return column.copy() if isinstance(column, (Numbers, Codes)) else list(column)
