"""Printed data frames (pandas or R ``print`` output pasted into a report) → :class:`~.grid.Table` cell grids.

A data frame printed to text is a header line of column names, then one line per row: the *index* at the
start of the line (left-aligned: ``0 1 2 …``, or row names such as ``2020년``), then the cells. Names and
cells are right-aligned, so every cell of a column ends where its name ends; nothing is printed over the
index. A frame too wide for the console is printed in blocks of columns: pandas ends each block's header
with a ``\\`` and repeats the index under the next block's header (R repeats it without the ``\\``).
Missing values print ``NaN`` (``NA``, ``<NA>``, ``NaT``, ``None``). Alignment is by display width (a Hangul
syllable takes two columns, as pandas prints with ``east_asian_width``) or by characters.

One table per frame: its blocks are joined by their index, each cell keeping its own line. Column 0 is the
index column. Row names are the rows' labels there. A positional index (``0 … n-1``; R's ``1 … n``) is no
figure and no label: its numbers are kept in :attr:`.grid.Table.index` (they are printed numbers, so they
land in ``table_cells``, with no fact), and the frame's first text column labels the rows. A column name
joined by ``_`` (``예산_도비``, ``수급자_명``) is a header path (``예산 › 도비``): a two-level header, each
name over its own column (no name spans its neighbours).

A frame is recognised by its structure, never by a word: a header with nothing over the index, the cells of
every row ending on the same column edges as the names, and one of the marks only a printed frame has — a
positional index, a ``\\`` continuation or blocks repeating the index, or a missing-value marker. A
space-aligned table with row labels and none of those marks is left to the line-shape families of
:mod:`.blocks`.

:func:`read` is one of the layout readers :func:`.blocks.find_tables` calls before its line-shape families.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .cells import cell_text
from .grid import Cell, Table, cell_number, cell_parts
from .layout_rows import positions

#: A cell printing a missing value: pandas (``NaN``, ``<NA>``, ``NaT``, ``None``) and R (``NA``).
MISSING_VALUES = frozenset({"NaN", "nan", "<NA>", "NaT", "None", "NA"})
#: The mark pandas ends a block's header with when the next block continues the frame's columns.
CONTINUED = "\\"
#: Blank lines allowed between the blocks of one frame.
MAX_GAP = 2
_TOKEN_RE = re.compile(r"\S+")


@dataclass
class _Block:
    """One printed block: header line, index tokens and the cells of each row, by column edge."""

    header: int  # line index of the header
    names: list[str]  # column names, one per edge (empty where none is printed)
    keys: list[str]  # index token of each row
    rows: list[tuple[int, list[str]]]  # (line index, cell texts) per row, one text per edge
    continued: bool  # the header ends with ``\``
    end: int  # line index after the block
    index_name: str | None = None  # the index's name, printed alone under the header


def _tokens(text: str, wide: bool) -> list[tuple[int, int, str]]:
    """``(start, end, token)`` of the words of a line, in display columns (``wide``) or characters."""
    pos = positions(text) if wide else None
    out = []
    for m in _TOKEN_RE.finditer(text):
        a, b = (pos[m.start()], pos[m.end()]) if pos else (m.start(), m.end())
        out.append((a, b, m.group(0)))
    return out


def _group(tokens: list[tuple[int, int, str]], edges: list[int]) -> list[str] | None:
    """The texts of ``tokens`` by column: words are joined until one ends on an edge (a right-aligned cell of
    several words, ``군 추가지원``); None when a word is left over or two cells end on one edge."""
    out = [""] * len(edges)
    at = {e: k for k, e in enumerate(edges)}
    words: list[str] = []
    for _a, b, tok in tokens:
        words.append(tok)
        if b in at:
            k = at[b]
            if out[k]:
                return None
            out[k] = " ".join(words)
            words = []
    return None if words else out


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip(" "))


def _block(lines: list[str], h: int, wide: bool) -> _Block | None:
    """The block whose header is line ``h``, or None when the lines below do not print a frame under it."""
    head = lines[h].rstrip()
    if not head.strip() or "\t" in head:
        return None
    continued = head.endswith(" " + CONTINUED)
    if continued:
        head = head[: -len(CONTINUED)].rstrip()
    j = h + 1
    index_name = None
    if j + 1 < len(lines) and len(lines[j].split()) == 1 and _indent(lines[j]) == _indent(lines[j + 1]) < _indent(head):
        index_name = lines[j].strip()  # pandas prints a named index on a line of its own under the header
        j += 1
    if j >= len(lines) or _indent(lines[j]) >= _indent(head):
        return None  # nothing is printed over the index: the header starts further right than the rows
    margin = _indent(lines[j])
    body: list[tuple[int, list[tuple[int, int, str]]]] = []
    while j < len(lines) and lines[j].strip() and _indent(lines[j]) == margin and "\t" not in lines[j]:
        toks = _tokens(lines[j].rstrip(), wide)
        if len(toks) < 2:
            break
        body.append((j, toks))
        j += 1
    if len(body) < 2:
        return None
    index_end = max(toks[0][1] for _, toks in body)
    htoks = _tokens(head, wide)
    if not htoks or htoks[0][0] <= index_end:
        return None  # a name over the index column: an ordinary table with a label column
    edges = set.intersection(*({b for _a, b, _t in toks[1:]} for _, toks in body))
    edges = sorted(e for e in edges if e > index_end)
    if not edges or any(toks[-1][1] != edges[-1] for _, toks in body):
        return None
    rows = []
    for j2, toks in body:
        texts = _group(toks[1:], edges)
        if texts is None:
            return None
        rows.append((j2, texts))
    names = _group(htoks, edges)
    if names is None or sum(1 for n in names if n) * 2 < len(edges):
        return None
    return _Block(h, names, [toks[0][2] for _, toks in body], rows, continued, j, index_name)


def _read_block(lines: list[str], h: int) -> _Block | None:
    return _block(lines, h, wide=True) or _block(lines, h, wide=False)


def _positional(keys: list[str]) -> bool:
    """The index is the row numbers ``0 … n-1`` (pandas) or ``1 … n`` (R)."""
    if not all(k.isdigit() for k in keys):
        return False
    nums = [int(k) for k in keys]
    return nums[0] in (0, 1) and nums == list(range(nums[0], nums[0] + len(nums)))


def _next_block(lines: list[str], b: _Block) -> _Block | None:
    """The block continuing ``b`` (after at most :data:`MAX_GAP` blank lines): same index, same order."""
    k = b.end
    while k < len(lines) and k - b.end < MAX_GAP and not lines[k].strip():
        k += 1
    if k >= len(lines):
        return None
    nxt = _read_block(lines, k)
    return nxt if nxt is not None and nxt.keys == b.keys else None


def _missing(text: str) -> bool:
    return text in MISSING_VALUES


def _table(blocks: list[_Block]) -> Table:
    """One grid of the frame's blocks (see the module docstring)."""
    keys = blocks[0].keys
    positional = _positional(keys)
    t = Table("", "frame", spans=False)
    names: list[tuple[int, int, list[str]]] = []  # (line, column, header path parts)
    col = 1
    for b in blocks:
        for name in b.names:
            names.append((b.header + 1, col, [p for p in name.split("_") if p] if name else []))
            col += 1
    depth = max((len(parts) for _, _, parts in names), default=0)
    name = blocks[0].index_name
    for level in range(depth):
        row = [Cell(name, blocks[0].header + 2, 0)] if name and level == depth - 1 else []
        for line, c, parts in names:
            # a shorter name sits in the lower levels: ``집행액`` beside ``예산_국비`` is one name at the bottom
            k = level - (depth - len(parts))
            if 0 <= k < len(parts):
                row.append(Cell(parts[k], line, c))
        t.header.append(row)
    for r in range(len(keys)):
        row: list[Cell] = []
        index: list[Cell] = []
        for n, b in enumerate(blocks):
            line, texts = b.rows[r]
            key = b.keys[r]
            if positional:
                index.append(Cell(key, line + 1, 0, cell_number(key)))
            elif n == 0:
                row.append(Cell(key, line + 1, 0))
            first = 1 + sum(len(x.names) for x in blocks[:n])
            for k, text in enumerate(texts):
                text = "" if _missing(text) else cell_text(text)
                row.append(Cell(text, line + 1, first + k, cell_number(text) if text else None,
                                cell_parts(text) if text else ()))
        t.body.append(row)
        if positional:
            t.index.append(index)
    return t


def _marked(blocks: list[_Block]) -> bool:
    """The blocks print a mark only a data frame has: a positional index, continued blocks, a missing value."""
    return (_positional(blocks[0].keys) or len(blocks) > 1 or blocks[0].continued
            or any(_missing(x) for b in blocks for _, texts in b.rows for x in texts))


def _may_be_frame(lines: list[str], h: int) -> bool:
    """A cheap look at the lines under a header candidate (no tokens placed): do they print one of the marks
    of :func:`_marked` — a ``\\`` ending the header, rows numbered ``0, 1`` or ``1, 2``, a missing-value
    word, or the first row's index again under a header after the rows (R's next block)?"""
    if lines[h].rstrip().endswith(" " + CONTINUED):
        return True
    j = h + 1
    if j + 1 < len(lines) and len(lines[j].split()) == 1:
        j += 1  # a named index
    margin = _indent(lines[j])
    k = j
    while k < len(lines) and lines[k].strip() and _indent(lines[k]) == margin:
        k += 1
    if k - j < 2:
        return False
    keys = [lines[x].split(None, 1)[0] for x in (j, j + 1)]
    if keys in (["0", "1"], ["1", "2"]):
        return True
    if any(w in MISSING_VALUES for x in range(j, k) for w in lines[x].split()):
        return True
    g = k
    while g < len(lines) and g - k < MAX_GAP and not lines[g].strip():
        g += 1
    return g + 1 < len(lines) and _indent(lines[g]) > margin and lines[g + 1].split(None, 1)[:1] == keys[:1]


def read(lines: list[str], used: list[bool]) -> list[tuple[Table, int, int]]:
    """Every printed data frame of a document: ``(table, first line index, last line index)``."""
    out = []
    i, n = 0, len(lines)
    while i < n - 2:
        # cheap test first: a header indented further than the line under it
        if used[i] or not lines[i][:1].isspace() or _indent(lines[i]) <= _indent(lines[i + 1]):
            i += 1
            continue
        first = _read_block(lines, i) if _may_be_frame(lines, i) else None
        if first is None or any(used[first.header:first.end]):
            i += 1
            continue
        blocks = [first]
        while True:
            nxt = _next_block(lines, blocks[-1])
            if nxt is None or any(used[nxt.header:nxt.end]):
                break
            blocks.append(nxt)
        if not _marked(blocks):
            i = first.end
            continue
        t = _table(blocks)
        if any(True for _ in t.numeric_cells()):
            out.append((t, first.header, blocks[-1].end - 1))
        i = blocks[-1].end
    return out
