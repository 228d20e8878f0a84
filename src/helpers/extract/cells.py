"""Splitting lines into cells and figures, for every layout the converters produce.

* Tab-separated rows: cells are the tab fields (merged cells stay empty strings, so positions hold).
* ``|`` pipe tables: cells are the pipe fields (the outer pipes and ``---`` rules are dropped).
* Space-separated rows: no reliable cell borders, so a row is read as *label · figures · trailing text*:
  :func:`figures` finds the printed numbers (with a glued unit: ``50,000명``, ``28,800백만 원``, ``100%``,
  or a pair ``20/10``) and the label is the text before the first of them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .numbers import drop_note_marks, normalise_text

#: Circled and parenthesised list numbers (①, ㉓, ⑴): list markers, never figures.
_LIST_MARKS = re.compile(r"[①-⑳㉑-㉟㊱-㊿⑴-⒇⒈-⒛❶-❿➀-➓]")
#: Units a figure may carry glued to it (longest first).
_UNITS = ("백만원", "천만원", "백만 원", "천만 원", "천원", "천 원", "억원", "억 원", "만원", "만 원", "조원", "원",
          "만명", "만건", "명", "건", "개소", "개동", "개", "회", "가구", "세대", "호", "대", "등", "점", "%", "곳", "시간",
          "일", "kg", "톤", "ton")
_UNIT_ALT = "|".join(re.escape(u) for u in _UNITS)
FIGURE_RE = re.compile(
    rf"(?<![\w.,/])(?P<pair>\d[\d,]*(?:\.\d+)?/\d[\d,]*(?:\.\d+)?)(?![\w/])"
    rf"|(?<![\w.,/])(?P<num>[△▲]?\s?-?\d[\d,]*(?:\.\d+)?)(?:\s?(?P<unit>{_UNIT_ALT}))?(?![\w/.])")


@dataclass(frozen=True, slots=True)
class Figure:
    """A printed number in a line: its text span, value, glued unit (``명``, ``%``, ``백만원``) or pair."""

    start: int
    end: int
    text: str
    value: float | None
    unit: str = ""
    pair: tuple[float, float] | None = None


def is_tabbed(line: str) -> bool:
    return "\t" in line


def is_piped(line: str) -> bool:
    return line.count("|") >= 2


def is_cell_row(line: str) -> bool:
    """A row whose cells have printed borders: tab-separated or ``|`` pipe-separated."""
    return "\t" in line or line.count("|") >= 2


#: Markup converters leave inside cells: ``**bold**`` and HTML tags; ``<br>`` is a line break in the cell.
_BR_RE = re.compile(r"<br\s*/?>", re.I)
_TAG_RE = re.compile(r"</?[a-zA-Z][^<>]*>")


#: What a table written by pandas prints in a cell that holds nothing: ``NaN`` / ``<NA>`` / ``NaT`` / ``None``
#: (a missing value) and ``Unnamed: 3`` (a header cell with no name: an empty or merged cell of the sheet, as
#: MarkItDown prints an Excel sheet). Such a cell is empty, never a word of a label or a column name.
_EMPTY_CELL_RE = re.compile(r"NaN|nan|<NA>|NaT|None|Unnamed: \d+(?:_level_\d+)?")


def cell_text(cell: str) -> str:
    """A cell without markup: ``**저소득층 에너지<br>바우처 지원**`` → ``저소득층 에너지 바우처 지원``; a
    pandas empty cell (``NaN``, ``Unnamed: 2``) → ``""``."""
    if "*" in cell or "<" in cell:
        cell = _TAG_RE.sub("", _BR_RE.sub(" ", cell.replace("**", "")))
        cell = re.sub(r"\s+", " ", cell)
    cell = cell.strip()
    return "" if cell[:1] in "NnU<" and _EMPTY_CELL_RE.fullmatch(cell) else cell


#: A figure whose thousands are grouped by spaces (``1 688명``, ``35 608 000천원``, ``7 284가구``): a first group
#: of 1–3 digits (no leading zero), then groups of exactly three, an optional decimal part and unit word.
#: A rate is never grouped so (``85 100%`` is two figures), hence no ``%``.
_SPACE_GROUPED_RE = re.compile(r"([△▲-]?\s?)([1-9]\d{0,2}(?: \d{3})+)(\.\d+)?(\s?[가-힣]{1,3}(?: ?원)?)?")
#: A quick test for a space-grouped figure somewhere in a line.
_SPACE_GROUP_HINT_RE = re.compile(r"\d \d{3}(?!\d)")


def join_space_groups(cell: str) -> str:
    """A delimited cell holding one space-grouped figure and nothing else, printed with commas:
    ``1 688명`` → ``1,688명``, ``35 608 000천원`` → ``35,608,000천원``; any other cell unchanged.

    Only for a cell whose borders are printed (a tab, ``|``, CSV or HTML cell): there the spaces can only
    group one figure's digits. In space-separated layouts a space is a column border, so their readers never
    call this (``1 688`` there stays two figures)."""
    if " " not in cell:
        return cell
    m = _SPACE_GROUPED_RE.fullmatch(cell)
    if not m:
        return cell
    return m.group(1) + m.group(2).replace(" ", ",") + (m.group(3) or "") + (m.group(4) or "")


def delimited_cell(cell: str) -> str:
    """One cell of a bordered row (tab, pipe): markup removed (:func:`cell_text`), a space-grouped figure
    joined (:func:`join_space_groups`)."""
    return join_space_groups(cell_text(cell))


def split_cells(line: str) -> list[str]:
    """Cells of a tab or pipe row (markup removed, space-grouped figures joined, stripped; empty cells kept
    so columns keep their positions)."""
    if "\t" in line:
        return [delimited_cell(c) for c in line.split("\t")]
    if is_piped(line):
        s = line.replace("\\|", "\u0000").strip()  # an escaped pipe (``\|``) is text inside a cell
        if s.startswith("|"):
            s = s[1:]
        if s.endswith("|"):
            s = s[:-1]
        return [delimited_cell(c.replace("\u0000", "|")) for c in s.split("|")]
    return [cell_text(c) for c in re.split(r"\s{2,}", line.strip())]


def is_rule_row(line: str) -> bool:
    """A ``|---|---|`` separator of a pipe table."""
    return "-" in line and bool(_RULE_RE.fullmatch(line))


_RULE_RE = re.compile(r"[\s|:\-+=]+")


def _value(num: str) -> float | None:
    s = num.replace(" ", "")
    neg = s[:1] in "△▲-"
    s = s.lstrip("△▲-")
    if "," in s and not re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", s):
        return None
    try:
        v = float(s.replace(",", ""))
    except ValueError:
        return None
    return -v if neg else v


def figures(line: str) -> list[Figure]:
    """The printed figures of a line, in order (list markers ① and years like ``2022년`` excluded).

    Several readers read the same line's figures (header tests, then rows): the parse is cached per line
    text (a few thousand recent lines: bounded memory on large documents), each caller gets its own list."""
    return list(_figures(line))


@lru_cache(maxsize=8192)
def _figures(line: str) -> tuple[Figure, ...]:
    s = _LIST_MARKS.sub(" ", normalise_text_keep(drop_note_marks(line)))
    out = []
    for m in FIGURE_RE.finditer(s):
        if m.group("pair"):
            a, b = m.group("pair").split("/")
            va, vb = _value(a), _value(b)
            if va is None or vb is None:
                continue
            out.append(Figure(m.start(), m.end(), m.group(0), None, "", (va, vb)))
            continue
        v = _value(m.group("num"))
        if v is None:
            continue
        unit = (m.group("unit") or "").replace(" ", "")
        out.append(Figure(m.start(), m.end(), m.group(0).strip(), v, unit))
    if out and is_cell_row(s) and _SPACE_GROUP_HINT_RE.search(s):
        out = _join_grouped_figures(s, out)
    return tuple(out)


def _cell_spans(s: str) -> list[tuple[int, int]]:
    """The character spans of the cells of a tab or pipe row (stripped of the spaces around them)."""
    sep = "\t" if "\t" in s else "|"
    spans, start = [], 0
    for k, ch in enumerate(s + sep):
        if ch == sep and (sep == "\t" or k == 0 or s[k - 1] != "\\"):
            a, b = start, k
            while a < b and s[a] == " ":
                a += 1
            while b > a and s[b - 1] == " ":
                b -= 1
            spans.append((a, b))
            start = k + 1
    return spans


def _join_grouped_figures(s: str, out: list[Figure]) -> list[Figure]:
    """The figures of a bordered row, each cell holding one space-grouped figure read as that one figure
    (:func:`join_space_groups`) instead of its digit groups."""
    for a, b in _cell_spans(s):
        cell = s[a:b]
        joined = join_space_groups(cell)
        if joined == cell:
            continue
        m = FIGURE_RE.fullmatch(joined)
        v = _value(m.group("num")) if m and m.group("num") else None
        if v is None:
            continue
        unit = (m.group("unit") or "").replace(" ", "")
        out = [f for f in out if not (f.start < b and f.end > a)] + [Figure(a, b, cell, v, unit)]
        out.sort(key=lambda f: f.start)
    return out


def normalise_text_keep(line: str) -> str:
    """NFKC-fold a line but keep circled list numbers as they are (NFKC would turn ① into a digit)."""
    if not _LIST_MARKS.search(line):
        return normalise_text(line)
    marks = {m.start(): m.group(0) for m in _LIST_MARKS.finditer(line)}
    parts = []
    last = 0
    for pos in sorted(marks):
        parts.append(normalise_text(line[last:pos]))
        parts.append(marks[pos])
        last = pos + 1
    parts.append(normalise_text(line[last:]))
    return "".join(parts)


def runs(figs: list[Figure], line: str) -> list[list[Figure]]:
    """Groups of figures separated only by spaces: the columns of one row's numbers."""
    s = _LIST_MARKS.sub(" ", normalise_text_keep(drop_note_marks(line)))
    groups: list[list[Figure]] = []
    for f in figs:
        if groups and not s[groups[-1][-1].end:f.start].strip():
            groups[-1].append(f)
        else:
            groups.append([f])
    return groups
