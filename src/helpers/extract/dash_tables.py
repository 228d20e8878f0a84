"""Pandoc simple and multiline tables → :class:`~.grid.Table` cell grids.

Both print no cell borders: a line of dash runs (``-----  ------  ----``) under the header gives each
column's extent. In the *simple* form every following line is one row, up to a blank line; in the
*multiline* form the table opens and closes with a full-width dash line, and its rows are separated by blank
lines, a label wrapped onto a second line (``희망복지지원단`` / ``운영``) staying in its row. Texts are placed by
the dash runs (display columns; a Hangul syllable is two wide): each run of text between 2+ spaces goes to
the column it overlaps most, and a run crossing a gap between two columns is split at its spaces.

The header is the lines right above the dash runs (up to the opening dash line, a blank line, or a caption
or bullet line; without an opening dash line, a line naming something over the first column above the
column names is the table's caption): a group line (``예산액`` over ``계 | 국비 | 도비``) makes a two-level
header.

:func:`read` is one of the layout readers :func:`.blocks.find_tables` calls before its line-shape families.
"""

from __future__ import annotations

import re

from .grid import Table, cell_number
from .layout_rows import Group, body_rows, header_rows, positions

_RUNS_RE = re.compile(r"^ *-{2,}(?: +-{2,})+ *$")
_FULL_RE = re.compile(r"^ *-{10,} *$")
_CHUNK_RE = re.compile(r"\S+(?: \S+)*")
_WORD_RE = re.compile(r"\S+")
#: Lines that never head a table: bullets, notes, numbered captions, unit notes.
_NOT_HEADER_RE = re.compile(r"^\s*(?:[○◦●□■▣※ㅇ*Ÿ·]|-\s|\d{1,2}\.\s|[가-하]\.\s|\(\d{1,2}\)\s|[(\[<]?\s*단위\s*[:：])")
MAX_HEADER = 3


def _extents(text: str) -> list[tuple[int, int]]:
    pos = positions(text)
    return [(pos[m.start()], pos[m.end()]) for m in re.finditer(r"-+", text)]


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return min(a[1], b[1]) - max(a[0], b[0])


def _column(span: tuple[int, int], cols: list[tuple[int, int]]) -> int:
    return max(range(len(cols)), key=lambda k: (_overlap(span, cols[k]), -abs(span[0] + span[1] - sum(cols[k]))))


def _place(text: str, cols: list[tuple[int, int]]) -> dict[int, str]:
    """A printed line's texts by column (see the module docstring)."""
    pos = positions(text)
    out: dict[int, list[str]] = {}
    for m in _CHUNK_RE.finditer(text):
        span = (pos[m.start()], pos[m.end()])
        hit = [k for k in range(len(cols)) if _overlap(span, cols[k]) > 0]
        if len(hit) <= 1:
            out.setdefault(_column(span, cols), []).append(m.group(0))
            continue
        for w in _WORD_RE.finditer(m.group(0)):
            a = m.start() + w.start()
            out.setdefault(_column((pos[a], pos[a + len(w.group(0))]), cols), []).append(w.group(0))
    return {k: " ".join(v) for k, v in out.items()}


def _figures(row: dict[int, str]) -> bool:
    return any(cell_number(t) is not None for t in row.values())


def _header_lines(lines: list[str], d: int, used: list[bool]) -> tuple[list[int], bool, int]:
    """(header line indexes, multiline form, first line index of the table) above dash runs line ``d``."""
    head: list[int] = []
    k = d - 1
    while k >= 0 and len(head) < MAX_HEADER and not used[k]:
        s = lines[k]
        if not s.strip() or _FULL_RE.match(s) or _RUNS_RE.match(s) or _NOT_HEADER_RE.match(s) or "\t" in s \
                or "|" in s or any(cell_number(w) is not None for w in s.split()):
            break
        head.insert(0, k)
        k -= 1
    multiline = k >= 0 and not used[k] and bool(_FULL_RE.match(lines[k]))
    if not multiline and len(head) > 1:
        # no opening dash line bounds the header: a line above the column names is a group line only when
        # it names none over the first column (else it is the caption printed right above the table)
        cols = _extents(lines[d])
        while len(head) > 1 and 0 in _place(lines[head[0]], cols):
            head.pop(0)
    return head, multiline, (k if multiline else (head[0] if head else d))


def _body(lines: list[str], d: int, multiline: bool, used: list[bool]) -> tuple[list[list[int]], int]:
    """(row groups of line indexes, last line index of the table) under dash runs line ``d``."""
    groups: list[list[int]] = []
    cur: list[int] = []
    j, n = d + 1, len(lines)
    last = d
    while j < n and not used[j]:
        s = lines[j]
        if _FULL_RE.match(s) or _RUNS_RE.match(s):
            if cur:
                groups.append(cur)
            return groups, j  # the closing dash line
        if not s.strip():
            if cur:
                groups.append(cur)
                cur = []
            if not multiline or j + 1 >= n or not lines[j + 1].strip():
                break
            j += 1
            continue
        if _NOT_HEADER_RE.match(s) or "\t" in s or "|" in s:
            break
        if multiline:
            cur.append(j)
        else:
            groups.append([j])
        last = j
        j += 1
    if cur:
        groups.append(cur)
    return groups, last


def read(lines: list[str], used: list[bool]) -> list[tuple[Table, int, int]]:
    """Every pandoc simple or multiline table of a document: ``(table, first line index, last line index)``."""
    out = []
    i, n = 0, len(lines)
    while i < n:
        if used[i] or not _RUNS_RE.match(lines[i]):
            i += 1
            continue
        cols = _extents(lines[i])
        head, multiline, first = _header_lines(lines, i, used)
        groups, last = _body(lines, i, multiline, used)
        width = len(cols)
        t = Table("", "dashes")
        if head:
            t.header.extend(header_rows([(k, _place(lines[k], cols)) for k in head], width))
        for g in groups:
            grp: Group = [(k, _place(lines[k], cols)) for k in g]
            t.body.extend(body_rows(grp, width))
        if any(True for _ in t.numeric_cells()):
            out.append((t, first, last))
            i = last + 1
            continue
        i += 1
    return out
