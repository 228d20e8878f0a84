"""A set of line numbers as one byte per line of the document: the inline pass's held lines.

The inline pass (:mod:`.inline_pass`) skips the lines a table cell or a typed fact holds. As Python sets of
ints, a document of 200,000 table rows gave three of them (table lines, fact lines, their union), some
45 MB held at the end of the table engine's pass, when the document's facts and cells are all held too.
A :class:`LineSet` answers ``in`` and ``|`` like the set it replaces from a ``bytearray`` (200 KB there);
:func:`settled` gives a small one back as a set (a document of usual size asks ``in`` at a set's speed).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator


class LineSet:
    """Line numbers (ints ≥ 0) held as flags in a ``bytearray`` that grows to the largest line added."""

    __slots__ = ("_flags",)

    def __init__(self, lines: Iterable[int] = ()) -> None:
        self._flags = bytearray()
        self.update(lines)

    def add(self, line: int) -> None:
        if line < 0:
            raise ValueError(f"negative line {line}")
        if line >= len(self._flags):
            self._flags.extend(bytes(line + 1 - len(self._flags)))
        self._flags[line] = 1

    def update(self, lines: Iterable[int]) -> None:
        for line in lines:
            self.add(line)

    def add_range(self, lo: int, hi: int) -> None:
        """Add the lines ``lo`` … ``hi`` (both included)."""
        if lo > hi:
            return
        if lo < 0:
            raise ValueError(f"negative line {lo}")
        self.add(hi)
        self._flags[lo:hi + 1] = b"\x01" * (hi + 1 - lo)

    def __contains__(self, line) -> bool:
        return type(line) is int and 0 <= line < len(self._flags) and self._flags[line] == 1

    def __or__(self, other: Iterable[int]) -> LineSet:
        out = LineSet()
        out._flags = bytearray(self._flags)
        if isinstance(other, LineSet):
            if len(other._flags) > len(out._flags):
                out._flags.extend(bytes(len(other._flags) - len(out._flags)))
            for k in other:
                out._flags[k] = 1
        else:
            out.update(other)
        return out

    __ror__ = __or__  # ``set | LineSet``: the same lines

    def __iter__(self) -> Iterator[int]:
        flags = self._flags
        start = flags.find(1)
        while start != -1:
            yield start
            start = flags.find(1, start + 1)

    def __len__(self) -> int:
        return self._flags.count(1)

    def __eq__(self, other) -> bool:
        return set(self) == (set(other) if isinstance(other, LineSet) else other)

    __hash__ = None


#: Up to this many lines a :class:`LineSet` is given back as a set (:func:`settled`).
SMALL = 16384


def settled(held: LineSet) -> LineSet | set[int]:
    """``held`` as a set when it holds at most :data:`SMALL` lines, else as it is."""
    return set(held) if len(held) <= SMALL else held
