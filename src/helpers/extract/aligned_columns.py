"""Space-aligned tables as terminal dumps print them (``w3m -dump``/``lynx -dump`` of an HTML page, and
``pdftotext -layout``): where their cells lie, and the header and label cells such a layout wraps or merges.

* **Positions.** A converter aligns columns either by characters (``pdftotext -layout``) or by terminal
  cells, in which a Hangul syllable takes two (``w3m``, ``lynx``, which set columns one space apart at their
  narrowest): under the wrong measure, rows whose labels have different numbers of syllables drift apart.
  :func:`measure` picks, per table, the measure under which the cells of its full rows share an edge with the
  widest row's columns most often (characters on a tie, and for tables with no one-space gap).
* **Header words over two columns.** ``w3m`` keeps one space between columns at their narrowest, so
  ``집행액 집행률`` over two figure columns is one run of text; :func:`split_words` gives each word to the
  column it lies over, when each lies over a different one.
* **A merged header cell printed once** (``예산액`` over ``계  국비  도비  시비``): :func:`span_groups` repeats
  the one upper cell over the run of lower cells it stands over, the others of which have none of their own.
* **A label wrapped inside its column** after the last row (``시간제 보육`` / ``운영``): :func:`continues_label`
  says a line continues the label cell of the row above it (no figure, within the label column).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .grid import Cell, cell_number
from .layout_rows import display_width, positions

Span = tuple[int, int]

_WORD_RE = re.compile(r"\S+")
#: A header cell that is only a bracketed unit (``(개소)``, ``(명)``): the unit of its column, no sub-column.
_UNIT_ONLY_RE = re.compile(r"^\(\s*[^()]{1,6}\s*\)$")
#: Longest text that may continue a wrapped label cell.
MAX_CONTINUATION = 15


def display_spans(text: str, spans: list[Span]) -> list[Span]:
    """Character spans of ``text`` → terminal-cell spans (a Hangul syllable takes two cells)."""
    pos = positions(text)
    return [(pos[a], pos[b]) for a, b in spans]


def measure(lines: list[str], spans_of: Callable[[int], list[Span] | None], rows: list[int],
            ref: int) -> Callable[[int, list[Span]], list[Span]]:
    """The measure a table's positions are read in: a function ``(line index, character spans) → spans``.
    Terminal cells when the body ``rows`` set two cells one space apart (a terminal dump does, at a column's
    narrowest) and, over the rows with as many cells as the widest row ``ref``, more cell edges (left or
    right) meet the edges of ``ref``'s columns in cells than in characters; characters otherwise (also on a
    tie: labels of one length shift every row alike, and the rows tell the measures apart no more)."""
    ref_spans = spans_of(ref)
    # a terminal dump sets columns one space apart at their narrowest (``24,992,000 19,993,000``); a table
    # with wider gaps everywhere is laid out by characters (``pdftotext -layout``)
    if not ref_spans or not any(b + 1 == c for j in rows for (_, b), (c, _) in _pairs(spans_of(j))):
        return _chars

    def cells(j: int, sp: list[Span]) -> list[Span]:
        return display_spans(lines[j], sp)

    def edges(conv) -> int:
        cols = conv(ref, ref_spans)
        n = 0
        for j in rows:
            sp = spans_of(j)
            if j == ref or not sp or len(sp) != len(cols):
                continue
            for (a, b), (c, d) in zip(conv(j, sp), cols, strict=True):
                n += (a == c) + (b == d)
        return n

    return cells if edges(cells) > edges(_chars) else _chars


def _pairs(spans: list[Span] | None) -> list[tuple[Span, Span]]:
    return list(zip(spans, spans[1:], strict=False)) if spans else []


def _chars(_j: int, spans: list[Span]) -> list[Span]:
    return list(spans)


def _overlap(a: Span, b: Span) -> int:
    return min(a[1], b[1]) - max(a[0], b[0])


def split_words(raw: str, spans: list[Span], conv: Callable[[list[Span]], list[Span]],
                cols: list[Span]) -> list[Span]:
    """The character spans of a header line's cells (``raw``, ``spans``), with every cell that lies over two
    or more of the columns ``cols`` split into its words, when each word lies over exactly one of those
    columns and no two over the same (``집행액 집행률`` → ``집행액`` | ``집행률``). ``conv`` measures
    character spans of this line in the table's measure (:func:`measure`). Other cells are kept whole: a
    name of several words over one column (``어린이집 수``) is one cell."""
    out: list[Span] = []
    for a, b in spans:
        over = [k for k, c in enumerate(cols) if _overlap(conv([(a, b)])[0], c) > 0]
        words = [(a + m.start(), a + m.end()) for m in _WORD_RE.finditer(raw[a:b])]
        if len(over) >= 2 and len(words) == len(over):
            under = [[k for k, c in enumerate(cols) if _overlap(w, c) > 0] for w in conv(words)]
            if all(len(ks) == 1 for ks in under) and len({ks[0] for ks in under}) == len(under):
                out.extend(words)
                continue
        out.append((a, b))
    return out


def span_groups(header: list[list[Cell]], printed: list[set[int] | None]) -> list[list[Cell]]:
    """Header rows with a merged upper cell printed once repeated over its group (``예산액`` over ``계 | 국비 |
    도비 | 시비``: each path then starts with ``예산액``). The lower row is the last header row (the sub-columns
    stand over the figures); a run of adjacent columns (the label column left out) that all hold a cell of
    it is a group when the row above printed exactly one cell over the run (``printed``: the columns of each
    row's printed cells, before a centred cell was repeated over its second column by
    :func:`.blocks._spanning`; None for a row not placed by position, such as a single-spaced line's words)
    and the run's other columns hold no cell in any other header row (their whole name is the lower cell):
    that cell is repeated over them. A lower row of units only (``(개소)  (명)``) names no sub-columns and
    groups nothing; a header whose names are stacked over several lines (``교부`` / ``결정액``) fills its
    columns and groups nothing."""
    if len(header) < 2 or printed[-2] is None:
        return header
    last = [c for c in header[-1] if c.text.strip() and c.col > 0]
    if len(last) < 2 or all(_UNIT_ONLY_RE.match(c.text.strip()) for c in last):
        return header
    upper = {c.col: c for c in header[-2] if c.text.strip()}
    named = {c.col for row in header[:-1] for c in row if c.text.strip()}  # columns named above the lower row
    added: list[Cell] = []
    for run in _runs(sorted({c.col for c in last})):
        over = [k for k in run if k in upper]
        if len(run) < 2 or len([k for k in over if k in printed[-2]]) != 1 \
                or any(k in named for k in run if k not in over):
            continue
        top = upper[over[0]]
        added += [Cell(top.text, top.line, k, top.number) for k in run if k not in over]
    if not added:
        return header
    return [*header[:-2], sorted([*header[-2], *added], key=lambda c: c.col), header[-1]]


def _runs(cols: list[int]) -> list[list[int]]:
    """Sorted column numbers → runs of adjacent ones."""
    runs: list[list[int]] = []
    for k in cols:
        if runs and k == runs[-1][-1] + 1:
            runs[-1].append(k)
        else:
            runs.append([k])
    return runs


def continues_label(row: str, text: str) -> bool:
    """``text``, printed right under the table row ``row``, is the rest of the row's label cell wrapped inside
    its column (``시간제 보육`` / ``운영``): short text with no figure that starts no further left than the
    label and ends before the row's next cell begins (terminal cells)."""
    st = text.strip()
    if not st or len(st) > MAX_CONTINUATION or any(ch.isdigit() for ch in st) or cell_number(st) is not None:
        return False
    m = re.search(r"\S(?: \S+)*\s{2,}(?=\S)", row.lstrip())
    if m is None:
        return False
    indent = len(row) - len(row.lstrip())
    label_start = display_width(row[:indent])
    next_start = display_width(row[:indent + m.end()])
    start = display_width(text[:len(text) - len(text.lstrip())])
    return label_start <= start and display_width(text.rstrip()) < next_start
