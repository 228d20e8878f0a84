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


def cell_text(cell: str) -> str:
    """A cell without markup: ``**저소득층 에너지<br>바우처 지원**`` → ``저소득층 에너지 바우처 지원``."""
    if "*" in cell or "<" in cell:
        cell = _TAG_RE.sub("", _BR_RE.sub(" ", cell.replace("**", "")))
        cell = re.sub(r"\s+", " ", cell)
    return cell.strip()


def split_cells(line: str) -> list[str]:
    """Cells of a tab or pipe row (markup removed, stripped; empty cells kept so columns keep their
    positions)."""
    if "\t" in line:
        return [cell_text(c) for c in line.split("\t")]
    if is_piped(line):
        s = line.replace("\\|", "\u0000").strip()  # an escaped pipe (``\|``) is text inside a cell
        if s.startswith("|"):
            s = s[1:]
        if s.endswith("|"):
            s = s[:-1]
        return [cell_text(c.replace("\u0000", "|")) for c in s.split("|")]
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
    return tuple(out)


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
