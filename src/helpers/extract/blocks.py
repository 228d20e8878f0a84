"""The block finder: every block of numeric rows of a document → a :class:`~.grid.Table` cell grid.

A table is found by the shape of its lines, never by a header word: a *data row* is a line whose cells
(tab, ``|`` pipe, 2+ space or single-space borders) hold figures; consecutive data rows (with blank lines,
page numbers, rule rows, repeated headers and section-label rows between them) form one block. The
non-numeric rows right above the first data row are its header (several lines: multi-line and two-level
headers). Layout families:

* ``tab`` / ``pipe``: cells by position; markdown ``|---|`` rules, missing edge pipes, escaped ``\\|``
  and empty trailing cells are handled; a lone ``|`` line is a row border.
* ``spaces``: cells split on runs of 2+ spaces and placed in columns by their character position
  (``pdftotext -layout`` statistics tables with headers over several lines); a letter-spaced upper word
  (``예 산 액``) spans its group of columns; two tables printed side by side are read apart
  (:mod:`.two_column`).
* ``single``: single spaces with the figures at the end (``고충건수 25명 4명 4명``): the label is the words
  before the first figure; a header's spaced syllables (``합 계``, ``구 분``) are joined.
* ``label+values``: a label line followed by its values line (``국비(국고보조금)`` / ``125,400,000 원 | 0 원``).
* ``cells``: one cell per line (an HTML or HWP table flattened), with or without lone ``|`` lines between
  rows: the header cells first, then each row's cells in the same order. The row width is the one the
  cells fit (label then figures on every row).

Layouts recognised by their own borders rather than by the shape of their rows are read first, by the
readers of :data:`LAYOUT_READERS`, and their lines taken from the families above: raw HTML
(:mod:`.html_tables`), box-drawing and pandoc grid tables (:mod:`.ruled_tables`), pandoc simple and
multiline tables (:mod:`.dash_tables`), AsciiDoc, org-mode and reST tables (:mod:`.markup_tables`), spreadsheet
CSV (:mod:`.csv_tables`) and printed data frames (:mod:`.frames`).

The finder is linear in the number of lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from . import csv_tables, dash_tables, frames, markup_tables, ruled_tables, two_column
from .aligned_columns import continues_label, display_spans, measure, span_groups, split_words
from .cells import cell_text, delimited_cell, is_rule_row
from .compact_rows import body_for
from .grid import MISSING_CELLS, Cell, Table, cell_number, cell_parts, make_cells, year_of
from .html_tables import take_html_tables
from .numbers import is_missing, normalise_text
from .split_cells import fit_split_rows

#: A page number between the pages of a table (``- 12 -``, ``12``, ``- 3 / 40 -``).
_PAGE_MARK_RE = re.compile(r"^\s*[-–—]?\s*\d{1,4}\s*(?:/\s*\d{1,4}\s*)?[-–—]?\s*$")
#: Lines that are never a table's label or header: bullets, notes, numbered prose.
_BULLET_RE = re.compile(r"^\s*(?:Ÿ|□|■|▣|○|◦|●|※|\*|ㅇ|-\s|–|·\s)")
_SPACES_RE = re.compile(r"\S+(?: \S+)*")
#: An enumerated caption (``나. 성과지표: …``, ``2. 연도별 실적``, ``(3) 현황``): a title, never a header row.
_ENUM_RE = re.compile(r"^\s*(?:[가-하]|\d{1,2}|\(\d{1,2}\)|[①-⑳])[.)]?\s+(?=\S)")
_ESC_PIPE = "\u0000"
_ANY_DIGIT_RE = re.compile(r"\d")
#: Syllables printed apart (``사  업  명``): one header word.
_SYLLABLES_RE = re.compile(r"[가-힣](?:\s+[가-힣])*")
_SUBFIG_RE = re.compile(r"\(\d[\d,]*\)")
_GAP_RE = re.compile(r"\S\s{2,}\S")
_DIGITS_RE = re.compile(r"\d[\d,]*")
_WS_RE = re.compile(r"\s+")
_TWO_DIGITS_RE = re.compile(r"\d{2,}")
_SYLLABLE_START_RE = re.compile(r"[가-힣](?:\s|$)")
_WORD_RE = re.compile(r"\S+")
#: Most blank (or page-number) lines a table may run on across.
MAX_GAP = 3


@dataclass
class Line:
    """A classified line: ``kind`` is blank, rule, sep (a lone ``|``), page, tab, pipe, spaces, single,
    lone (one figure alone) or text; ``cells`` its cell texts; ``spans`` their character spans (spaces)."""

    kind: str
    cells: list[str]
    spans: list[tuple[int, int]] | None = None

    @cached_property
    def numeric(self) -> int:
        return sum(1 for c in self.cells if cell_number(c) is not None or cell_parts(c))

    @property
    def bordered(self) -> bool:
        return self.kind in ("tab", "pipe", "spaces", "single")


def _pipe_cells(s: str) -> list[str]:
    s = s.replace("\\|", _ESC_PIPE).strip()
    if s.startswith("|"):
        s = s[1:]
    if s.endswith("|"):
        s = s[:-1]
    return [delimited_cell(c.replace(_ESC_PIPE, "|")) for c in s.split("|")]


def _is_figure_word(w: str) -> bool:
    return cell_number(w) is not None or w in ("-", "–", "—", "―") or bool(_SUBFIG_RE.fullmatch(w))


def _join_spaced_syllables(raw: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """``구  분`` / ``합  계``: two single syllables apart are one word printed spaced, not two cells."""
    out: list[tuple[int, int]] = []
    for a, b in spans:
        # ``구   분`` (two syllables apart) or ``구   분 주택유형 …`` (the second opens a longer cell)
        prev = raw[out[-1][0]:out[-1][1]] if out else ""
        gap = a - out[-1][1] if out else 0
        inner = _WS_RE.findall(prev)
        # a syllable after a syllable (``구   분``), or after syllables spaced by the same gap (``사  업  명``)
        chain = len(prev) == 1 or (bool(inner) and all(len(g) == gap for g in inner))
        if out and _SYLLABLES_RE.fullmatch(prev) and chain and _SYLLABLE_START_RE.match(raw[a:b] + " ") \
                and gap <= 6:
            out[-1] = (out[-1][0], b)
        else:
            out.append((a, b))
    return out


def _split_figure_runs(raw: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """A cell of single-spaced figures (``1,014 8,487 30,499`` between 2+ space gaps) is one cell per figure."""
    out: list[tuple[int, int]] = []
    for a, b in spans:
        words = list(_WORD_RE.finditer(raw[a:b]))
        if len(words) >= 2 and all(cell_number(w.group(0)) is not None for w in words):
            out.extend((a + w.start(), a + w.end()) for w in words)
        else:
            out.append((a, b))
    return out


def classify_lines(lines: list[str]) -> list[Line]:
    """:func:`classify` of every line of a document, each distinct text read once (a document repeats
    lines: blanks, rules, page headers, repeated table headers); every line gets its own :class:`Line`."""
    seen: dict[str, Line] = {}
    out = []
    for text in lines:
        line = seen.get(text)
        if line is None:
            line = seen[text] = classify(text)
            out.append(line)
        else:
            out.append(Line(line.kind, list(line.cells), None if line.spans is None else list(line.spans)))
    return out


def classify(text: str) -> Line:
    """The kind and cells of one line."""
    raw = text.rstrip("\n\r")
    s = normalise_text(raw)
    st = s.strip()
    if not st:
        return Line("blank", [])
    if st == "|":
        return Line("sep", [])
    if is_rule_row(st):
        return Line("rule", [])
    if _PAGE_MARK_RE.match(st) and not _DIGITS_RE.fullmatch(st):
        return Line("page", [])
    if not _ANY_DIGIT_RE.search(st) and "\t" not in s and "|" not in s and "  " not in st:
        return Line("text", [st])  # no figure and no border: prose, a title or a header line
    if "\t" in s:
        cells = [delimited_cell(c) for c in s.split("\t")]
        while cells and not cells[-1]:
            cells.pop()
        return Line("tab", cells)
    if s.replace("\\|", "").count("|") >= 2 or (s.count("|") == 1 and st.endswith("|") or st.startswith("|")):
        cells = _pipe_cells(s)
        while cells and not cells[-1]:
            cells.pop()
        return Line("pipe", cells)
    if _GAP_RE.search(st):
        offset = len(raw) - len(raw.lstrip())
        spans = [(m.start() + offset, m.end() + offset) for m in _SPACES_RE.finditer(raw.strip())]
        spans = _join_spaced_syllables(raw, spans)
        spans = _split_figure_runs(raw, spans)
        cells = [_WS_RE.sub(" ", cell_text(normalise_text(raw[a:b]))) for a, b in spans]
        if len(cells) >= 2:
            return Line("spaces", cells, spans)
        st = cells[0] if cells else st
    words = st.split()
    if len(words) == 1:
        return Line("lone" if cell_number(st) is not None else "text", [st])
    k = next((n for n, w in enumerate(words) if _is_figure_word(w)), None)
    if k is not None and not _BULLET_RE.match(st):
        e = k
        while e < len(words) and _is_figure_word(words[e]):
            e += 1
        tail = words[e:]
        # figures at the end, or figures then a short note (a 비고 cell: ``노인복지팀 연계``)
        if e - k >= 2 and (not tail or (len(tail) <= 3 and len(" ".join(tail)) <= 12 and k)):
            label = " ".join(words[:k])
            return Line("single", ([label] if label else []) + words[k:e] + ([" ".join(tail)] if tail else []))
    return Line("text", [st])


def is_data(line: Line) -> bool:
    """A row holding figures: any bordered row with one (tab/pipe), a space row with one and short text
    cells, a single-space row with two or more figures at its end (or one and ``-`` marks after a label)."""
    if line.kind in ("tab", "pipe"):
        return line.numeric >= 1
    if line.kind == "spaces":
        n = line.numeric
        # two figures; or one, after short cells or closing a row of three or more cells (a plan row:
        # long text cells, then its amount)
        return n >= 2 or (n == 1 and (all(len(c) <= 40 for c in line.cells)
                                      or (len(line.cells) >= 3 and cell_number(line.cells[-1]) is not None)))
    if line.kind == "single":
        # two figures; or one beside missing ones (``이자수입 100 - -``) after a label
        return len(line.cells[0]) <= 50 and (line.numeric >= 2 or line.numeric == 1 and cell_number(line.cells[0]) is None
                                             and sum(1 for c in line.cells if _is_figure_word(c)) >= 2)
    return False


def _family(kind: str) -> str:
    return {"tab": "tab", "pipe": "pipe", "spaces": "space", "single": "space"}.get(kind, kind)


def _short_label(line: Line, text: str) -> bool:
    """A line that can be a row's label on its own (label line + values line): short, no figures."""
    s = text.strip()
    return (line.kind == "text" and 0 < len(s) <= 40 and not _BULLET_RE.match(s)
            and not _TWO_DIGITS_RE.search(s) and not s.endswith(("다.", "다", "음.", "함.")))


def _header_like(line: Line, text: str) -> bool:
    """A row that can head a table: cells without figures (years allowed), short."""
    if line.kind in ("tab", "pipe", "spaces"):
        filled = [c.strip() for c in line.cells if c.strip()]
        if len(filled) == 1 and line.cells[0].strip() and (_UNIT_NOTE_RE.fullmatch(filled[0]) or _ENUM_RE.match(filled[0])):
            return False  # a sheet's caption or unit note in its first cell (``1. 읍면별 현황``, ``(단위: 명)``)
        return line.numeric == 0 and bool(filled) and all(len(c) <= 40 for c in line.cells)
    if line.kind in ("text", "single"):
        s = text.strip()
        return (line.numeric == 0 and 2 <= len(s.split()) and len(s) <= 80 and not _BULLET_RE.match(s)
                and not s.endswith(("다.", "다", "음.", "함.")) and not _UNIT_NOTE_RE.fullmatch(s)
                and not (_ENUM_RE.match(s) and not re.match(r"^\s*\d{1,2}\s", s)))
                # a lone ``(단위: 천원)`` line states the unit of the table; it heads no column
    return False


def _join_syllables(words: list[str]) -> list[str]:
    """``구 분 합 계 2020년`` → ``구분 합계 2020년``: spaced single syllables of a header are one word."""
    out: list[str] = []
    run: list[str] = []
    for w in words:
        if len(w) == 1 and re.fullmatch(r"[가-힣]", w):
            run.append(w)
            if len(run) == 2:
                out.append("".join(run))
                run = []
            continue
        out.extend(run)
        run = []
        out.append(w)
    out.extend(run)
    return out


def _fit_header_words(words: list[str], width: int) -> list[str]:
    """A single-space header with more words than the table has columns: a one-syllable word after a
    longer one closes that word's cell (``집행액 계`` is one column, the executed total), when joining every
    such word makes the words fit the columns exactly (``width``, or ``width - 1`` without a word over the
    labels). Unchanged otherwise: a header that still does not fit is no column labels."""
    if len(words) <= width:
        return words
    singles = [k for k in range(1, len(words)) if re.fullmatch(r"[가-힣]", words[k]) and len(words[k - 1]) > 1]
    if len(words) - len(singles) not in (width, width - 1):
        return words
    out: list[str] = []
    for k, w in enumerate(words):
        if k in singles:
            out[-1] = f"{out[-1]} {w}"
        else:
            out.append(w)
    return out


_CACHE: dict[tuple[str, str], list[Table]] = {}


def document_tables(doc) -> list[Table]:
    """The tables of ``doc`` (:func:`find_tables`), found once per document and shared by every reader that
    takes its blocks from the one table finder, and by the table engine. Keyed by the document's id and
    content hash; one document at a time is kept (the pipeline clears it once the engine has the list).
    Readers must not change the tables: the engine reads them after them."""
    key = (doc.doc_id, doc.sha256)
    if key not in _CACHE:
        _CACHE.clear()
        _CACHE[key] = find_tables(doc.lines)
    return _CACHE[key]


def clear_cache() -> None:
    """Drop the cached tables of the last document (see :func:`document_tables`)."""
    _CACHE.clear()


def find_tables(lines: list[str]) -> list[Table]:
    """Every table of a document (as cell grids), in line order. Two tables printed side by side
    (:mod:`.two_column`) are read from the two halves of their lines, each table on its own."""
    cuts = two_column.gutters(lines)
    if not cuts:
        return _find_tables(lines)
    left, right = two_column.halves(lines, cuts)
    tables = _find_tables(left)
    for t in tables:
        t.own_text = two_column.shared_text(t.line - 1, t.line_end - 1, cuts, left)
    for t in _find_tables(right):
        t.table_id = f"{t.table_id}r"  # beside the left table of the same first line
        t.own_text = two_column.shared_text(t.line - 1, t.line_end - 1, cuts, right)
        tables.append(t)
    tables.sort(key=lambda t: t.line)
    return tables


def _find_tables(lines: list[str]) -> list[Table]:
    kinds = classify_lines(lines)
    used = [False] * len(lines)
    tables: list[Table] = take_html_tables(lines, kinds, used)  # ``<table>`` markup: its lines are taken
    tables.extend(_take_layouts(lines, kinds, used))
    i, n = 0, len(lines)
    while i < n:
        ln = kinds[i]
        if not is_data(ln) and not (_short_label(ln, lines[i]) and _values_next(kinds, i)):
            i += 1
            continue
        t, end = _read_block(lines, kinds, i, used)
        if t is not None and any(True for _ in t.numeric_cells()):
            tables.append(t)
            for row in t.header + t.body:
                for c in row:
                    used[c.line - 1] = True
        i = max(end, i + 1)
    tables.extend(_cell_per_line_tables(lines, kinds, used))
    tables.sort(key=lambda t: t.line)
    for t in tables:
        t.title = t.title or _title(lines, kinds, t.line - 1)
    return tables


#: Readers of the layouts whose tables are recognised by their borders rather than by the shape of their
#: rows, tried in order before the line-shape families: each returns ``(table, first, last)`` line spans.
LAYOUT_READERS = (ruled_tables.read, dash_tables.read, markup_tables.read, csv_tables.read, frames.read)


def _take_layouts(lines: list[str], kinds: list[Line], used: list[bool]) -> list[Table]:
    """The tables of :data:`LAYOUT_READERS` (box-drawing and pandoc grid, pandoc simple and multiline, CSV,
    printed data frames).
    Every line of a table read (its rules, dash lines and blank lines included) is marked ``used`` and its
    kind becomes ``taken``: the line-shape families never read it again."""
    out: list[Table] = []
    for read in LAYOUT_READERS:
        for t, first, last in read(lines, used):
            for k in range(first, last + 1):
                used[k] = True
                kinds[k] = Line("taken", [])
            t.table_id = f"t{t.line}"  # named by its first printed line, as every table of the finder
            t.title = t.title or _title(lines, kinds, first)
            out.append(t)
    return out


def _values_next(kinds: list[Line], i: int, first: bool = True) -> bool:
    """Line ``i + 1`` is a values line whose first cell is a figure (so line ``i`` is its label) — unless,
    before any row of a table (``first``), line ``i`` has one word per figure of it: then it is a header
    over them (``계 학계 의료`` / ``21 1 1``)."""
    if not (i + 1 < len(kinds) and is_data(kinds[i + 1]) and bool(kinds[i + 1].cells)
            and cell_number(kinds[i + 1].cells[0]) is not None):
        return False
    if not first or _label_column_above(kinds, i):
        return True
    words = len(_join_syllables(" ".join(kinds[i].cells).split()))
    return not (words >= 3 and words >= len(kinds[i + 1].cells) - 1)


def _label_column_above(kinds: list[Line], i: int) -> bool:
    """The line above line ``i`` (rules skipped) is a tab or pipe header with one cell more than the values
    line under ``i`` (``지표명 | 목표 | 실적 | 달성률 |`` over ``4,800명 | 5,136명 | 107.0% |``): its first
    column is the labels', so line ``i`` is a row's label, whatever its number of words."""
    k = i - 1
    while k >= 0 and kinds[k].kind == "rule":
        k -= 1
    if k < 0:
        return False
    above, values = kinds[k], kinds[i + 1]
    return (above.kind in ("tab", "pipe") and above.kind == values.kind and above.numeric == 0
            and len(above.cells) == len(values.cells) + 1)


def _read_block(lines: list[str], kinds: list[Line], i: int, used: list[bool]) -> tuple[Table | None, int]:
    """The table whose first data row (or label line) is line index ``i``; returns it and the index after it."""
    first = i + 1 if not is_data(kinds[i]) else i
    fam = _family(kinds[first].kind)
    # header: the non-numeric rows right above (rules skipped), four lines at most, and beyond them the rows
    # that fill the columns of the first data row (a header of many rows: entities over rows in words)
    header_idx: list[int] = []
    k = i - 1
    while k >= 0 and not used[k]:
        kk = kinds[k]
        if kk.kind == "rule":
            k -= 1
            continue
        if len(header_idx) >= 4 and not _fills_columns(kk, lines[k], kinds[first]):
            break
        if fam == "space" and header_idx and kk.kind == "text" and _corner_word(lines[k], kinds[first]):
            header_idx.insert(0, k)  # the row header printed spaced over the label column (``월  별``)
            k -= 1
            if k >= 0 and not used[k] and kinds[k].kind == "spaces" and _header_like(kinds[k], lines[k]):
                header_idx.insert(0, k)  # the header line above it (group names over the columns)
            break
        if fam == "space" and _header_continuation(lines, kinds, k, used):
            header_idx.insert(0, k)  # a header cell's text wrapped inside its column (``보육`` / ``교직원``)
            k -= 1
            continue
        if _header_like(kk, lines[k]) and (_family(kk.kind) == fam or (fam == "space" and kk.kind == "text")):
            header_idx.insert(0, k)
            if (kk.kind in ("text", "single") or fam == "space" and kk.kind != "spaces") \
                    and not _single_spaced_header_row(lines, kinds, k, header_idx, kinds[first]):
                break  # a single-space header is one line
            k -= 1
            continue
        break
    header_sig = [tuple(kinds[h].cells) for h in header_idx]
    rows: list[tuple[int, list[str], str | None]] = []  # (line index, cells, label from a label line)
    j = i
    label: tuple[int, str] | None = None
    first_half: str | None = None  # a label's first half printed alone on the line above its row
    while j < len(lines):
        kj = kinds[j]
        if is_data(kj) and _family(kj.kind) == fam:
            lab = None
            if label is not None and kj.cells and cell_number(kj.cells[0]) is not None:
                lab = label[1]
                rows.append((label[0], [], "label"))
            cells = kj.cells if first_half is None else [f"{first_half} {kj.cells[0]}", *kj.cells[1:]]
            rows.append((j, cells, lab))
            label = first_half = None
            j += 1
            continue
        noted = _noted_row(lines[j], kj, fam, rows)
        if noted is not None:
            rows.append((j, noted, None))
            j += 1
            continue
        if _label_split(lines, kinds, j, fam, rows):
            first_half = lines[j].strip()
            j += 1
            continue
        if kj.kind in ("rule", "sep"):
            j += 1
            continue
        if _wrapped_label(lines, kinds, rows, j, fam):
            # a label wrapped onto the line under its figures (the first row printed its label inline):
            # the text ends the row above
            k, cells, lab = rows[-1]
            rows[-1] = (k, [f"{cells[0]} {lines[j].strip()}", *cells[1:]], lab)
            j += 1
            continue
        if _short_label(kj, lines[j]) and _values_next(kinds, j, first=not rows) \
                and _family(kinds[j + 1].kind) == fam:
            label = (j, lines[j].strip())
            j += 1
            continue
        if kj.bordered and _family(kj.kind) == fam and kj.numeric == 0 and kj.kind != "single":
            if tuple(kj.cells) in header_sig:
                rows.append((j, [], "repeat"))  # the header repeated after a page break
                j += 1
                continue
            nxt = j + 1
            if nxt < len(kinds) and kinds[nxt].kind == "rule":
                break  # a new table's header
            if rows and any(c.strip() for c in kj.cells) and all(len(c) <= 40 for c in kj.cells):
                rows.append((j, kj.cells, None))  # a section row (``일반회계`` spanning the table)
                j += 1
                continue
            if rows and _worded_figures_row(kinds, j, fam):
                rows.append((j, kj.cells, None))
                j += 1
                continue
            break
        if kj.kind in ("blank", "page"):
            g = j
            while g < len(kinds) and g - j < MAX_GAP and kinds[g].kind in ("blank", "page"):
                g += 1
            if g < len(kinds) and (is_data(kinds[g]) and _family(kinds[g].kind) == fam
                                   or _noted_row(lines[g], kinds[g], fam, rows) is not None):
                j = g
                continue
            if g < len(kinds) and tuple(kinds[g].cells) in header_sig and header_sig:
                j = g
                continue
        break
    # trailing section rows with no figures after them belong to no table (a row printing ``-`` for its
    # values after its label is a row of missing figures, not a section label)
    while rows and rows[-1][2] is None and not any(cell_number(c) is not None or cell_parts(c)
                                                   for c in rows[-1][1]) \
            and not any(c.strip() and is_missing(c) for c in rows[-1][1][1:]):
        rows.pop()
    if not rows:
        return None, j
    series = _series_header_above(lines, kinds, used, i, rows) if not header_idx and fam == "space" else None
    if series is None:
        return _grid(lines, kinds, fam, header_idx, rows), j
    head, paragraphs = series
    t = _grid(lines, kinds, fam, [head], [(paragraphs[0][0], ["", *([""] * len(paragraphs))], None), *rows])
    # the text row: one cell per paragraph, each at its first line (its text the paragraph's lines joined)
    t.body[0] = [Cell("", paragraphs[0][0] + 1, 0)] + [
        Cell(" ".join(lines[k].strip() for k in para), para[0] + 1, c + 1) for c, para in enumerate(paragraphs)]
    corner = spaced_word(lines[head - 1]) if head and not used[head - 1] else None
    if corner is not None:  # ``구  분`` on the line above: the header of the label column
        t.header[0][0] = Cell(corner[0], head, 0)
        t.table_id = f"t{head}"  # named by its first printed line
    return t, j


#: One word of a header naming a numbered series of columns: ``1등급``, ``2단계``, ``3구간``.
_SERIES_WORD_RE = re.compile(r"(\d{1,2})([가-힣]{1,3})")
#: Most lines between such a header and the figure rows under it.
MAX_SERIES_GAP = 20


def _series_header_above(lines: list[str], kinds: list[Line], used: list[bool], i: int,
                         rows: list[tuple[int, list[str], str | None]]) -> tuple[int, list[list[int]]] | None:
    """The header of a headerless block of single-space rows printed above one text row flattened one cell
    per paragraph (an HWP table whose text cells the converter broke out: ``1등급 2등급 3등급 4등급``, then
    one paragraph per grade saying who it is, then ``정부지원금 220,000원 200,000원 …``). The header names a
    numbered series (numbered from 1, one suffix), one word per figure column, and exactly as many text
    paragraphs lie between it and the block, nothing else. Returns the header's line index and the
    paragraphs' line indices; None for any other block."""
    widths = {len(cells) for _, cells, lab in rows if lab is None}
    if len(widths) != 1 or any(lab is not None or kinds[k].kind != "single" for k, _, lab in rows):
        return None
    n = widths.pop() - 1
    if n < 2:
        return None
    paragraphs: list[list[int]] = []
    current: list[int] = []
    k = i - 1
    while k >= 0 and i - k <= MAX_SERIES_GAP and not used[k]:
        kind = kinds[k].kind
        if kind == "blank":
            if current:
                paragraphs.insert(0, current)
                current = []
        elif kind != "text" or _BULLET_RE.match(lines[k]):
            return None
        elif _is_series(lines[k].split(), n):
            if current:
                paragraphs.insert(0, current)
            return (k, paragraphs) if len(paragraphs) == n else None
        else:
            current.insert(0, k)
        k -= 1
    return None


def _is_series(words: list[str], n: int) -> bool:
    """``words`` are ``1X 2X … nX``: one suffix, numbered from 1."""
    found = [_SERIES_WORD_RE.fullmatch(w) for w in words]
    return len(words) == n and all(found) and len({m.group(2) for m in found}) == 1 \
        and [int(m.group(1)) for m in found] == list(range(1, n + 1))


def _single_spaced_header_row(lines: list[str], kinds: list[Line], k: int, header_idx: list[int],
                              row: Line) -> bool:
    """Line ``k``, printed with single spaces, is one row of a space-aligned header that goes on above it:
    a space-aligned header row stands under it (already taken) and above it, and it has one word per cell
    of the data ``row`` (a converter prints a row with one space between cells that hold no space:
    ``위탁기간 '24.1.1.~'26.12.31. '21.5.1.~'24.4.30.`` between ``구 분  동부권 센터  서남권 센터`` and the rows)."""
    return (len(header_idx) >= 2 and kinds[header_idx[1]].kind == "spaces" and row.kind == "spaces"
            and kinds[k].kind == "text" and _fills_columns(kinds[k], lines[k], row)
            and k > 0 and kinds[k - 1].kind == "spaces" and _header_like(kinds[k - 1], lines[k - 1]))


def _fills_columns(line: Line, text: str, row: Line) -> bool:
    """``line`` has one cell per cell of the data ``row`` (a single-spaced line: one word per cell)."""
    if line.kind == "text":
        return len(text.split()) == len(row.cells)
    return line.kind in ("tab", "pipe", "spaces") and len(line.cells) == len(row.cells)


def _noted_row(text: str, line: Line, fam: str, rows) -> list[str] | None:
    """The cells of a single-space row whose figures are followed by a note longer than :func:`classify`
    takes for a 비고 cell (``잡수입 70 25 35.7% 12월 예금이자수입 발생``), read between the rows of a block of
    single-space rows: a label, as many figures as the block's last row, then the note (one cell of at most
    40 characters). None for any other line."""
    if fam != "space" or line.kind != "text" or _BULLET_RE.match(text.strip()):
        return None
    prev = next((cells for _j, cells, _lab in reversed(rows) if cells), None)
    if prev is None:
        return None
    figures = sum(1 for c in prev if _is_figure_word(c))
    words = text.split()
    k = next((n for n, w in enumerate(words) if _is_figure_word(w)), None)
    if not k:
        return None  # no figure, or no label before them
    e = k
    while e < len(words) and _is_figure_word(words[e]):
        e += 1
    note = " ".join(words[e:])
    if e - k != figures or figures < 2 or not note or len(note) > 40 or any(_is_figure_word(w) for w in words[e:]):
        return None
    return [" ".join(words[:k]), *words[k:e], note]


def _wrapped_label(lines: list[str], kinds: list[Line], rows, j: int, fam: str) -> bool:
    """Line ``j`` of a space-aligned block is the end of the label of the row above, wrapped under its
    figures, the rows printing their labels on their figures' line (the first row has its label inline):
    short text followed by the block's next row — or, after the last row (a blank line or the end next),
    text right under it that lies within its label column (:func:`.aligned_columns.continues_label`)."""
    kj = kinds[j]
    if fam != "space" or not rows or not rows[-1][1] or kj.kind != "text" or not _short_label(kj, lines[j]) \
            or cell_number(rows[0][1][0] if rows[0][1] else "") is not None or not rows[-1][1][0].strip() \
            or cell_number(rows[-1][1][0]) is not None:
        return False
    if len(lines[j].strip()) <= 15 and j + 1 < len(kinds) and is_data(kinds[j + 1]) \
            and _family(kinds[j + 1].kind) == fam:
        return True
    last = j + 1 >= len(kinds) or kinds[j + 1].kind in ("blank", "page")
    return last and rows[-1][0] == j - 1 and continues_label(lines[j - 1], lines[j])


def _header_continuation(lines: list[str], kinds: list[Line], k: int, used: list[bool]) -> bool:
    """Line ``k`` is the rest of a header cell of a space-aligned table wrapped inside its column (``보육`` /
    ``교직원``, as ``w3m`` wraps a narrow column), the header line above it not taken by another table."""
    return k > 0 and not used[k - 1] and _wrapped_header_text(lines, kinds, k)


def _wrapped_header_text(lines: list[str], kinds: list[Line], k: int) -> bool:
    """Line ``k`` is short text with no wide gap and no figure, not a bullet, note or sentence, right under a
    header line of cells set apart by wide gaps, and under one of them: the rest of that header cell. A
    single-spaced header row with a word per column (``위탁기간 '24.1.1.~'26.12.31. …``) prints figures and
    is no such rest."""
    s = lines[k].strip()
    if kinds[k].kind != "text" or not s or len(s) > 20 or _BULLET_RE.match(s) or _UNIT_NOTE_RE.search(s) \
            or _ANY_DIGIT_RE.search(s) or s.endswith(("다.", "다")) or k == 0:
        return False
    above = kinds[k - 1]
    if above.kind != "spaces" or not above.spans or not _header_like(above, lines[k - 1]):
        return False
    start = len(lines[k]) - len(lines[k].lstrip())
    (a, b), = display_spans(lines[k], [(start, start + len(s))])
    return any(_overlap((a, b), span) > 0 for span in display_spans(lines[k - 1], list(above.spans)))


def _label_split(lines: list[str], kinds: list[Line], j: int, fam: str, rows) -> bool:
    """Line ``j`` is the first half of the next row's label (a cell broken by ``<br>`` in a bordered
    table): short text alone on its line, and the next line a row of the block, labelled, with as many
    cells as the widest row read so far (its width comes out right only with the label joined)."""
    if fam not in ("tab", "pipe") or not rows or j + 1 >= len(kinds) or not _short_label(kinds[j], lines[j]):
        return False
    nxt = kinds[j + 1]
    width = max((len(c) for _, c, lab in rows if lab is None), default=0)
    return (is_data(nxt) and _family(nxt.kind) == fam and len(nxt.cells) == width and width >= 2
            and bool(nxt.cells[0].strip()) and cell_number(nxt.cells[0]) is None)


def spaced_word(text: str) -> tuple[str, tuple[int, int]] | None:
    """``(word, span)`` of a line that is one word printed as spaced syllables (``   월  별``, ``시  군  별``):
    in a space-aligned table's header it is one header cell (the row header) placed by its character span.
    None for any other line."""
    st = text.strip()
    if " " not in st or not _SYLLABLES_RE.fullmatch(st) or any(len(w) > 1 for w in st.split()):
        return None
    a = len(text) - len(text.lstrip())
    return "".join(st.split()), (a, a + len(st))


def _corner_word(text: str, row: Line) -> bool:
    """Line ``text`` is one spaced word (:func:`spaced_word`) standing over the label column of the
    space-aligned data ``row`` (it ends before the row's second cell starts): the header of the row labels,
    printed on a line of its own between the header lines (``월  별`` under ``계  일반수급자``)."""
    word = spaced_word(text)
    return (word is not None and row.kind == "spaces" and row.spans is not None and len(row.spans) >= 2
            and cell_number(row.cells[0]) is None and word[1][1] <= row.spans[1][0])


def _worded_figures_row(kinds: list[Line], j: int, fam: str) -> bool:
    """Line ``j`` is a row between rows of a block whose figures are all worded (``600명 교육참여 …
    2,300명 선발``, ``- 17,581``: no cell is one figure): a cell holds a digit and the next line (after
    blank lines) is a data row of the block."""
    if not any(_ANY_DIGIT_RE.search(c) for c in kinds[j].cells):
        return False
    g = j + 1
    while g < len(kinds) and g - j <= MAX_GAP and kinds[g].kind in ("blank", "page"):
        g += 1
    return g < len(kinds) and is_data(kinds[g]) and _family(kinds[g].kind) == fam


def _grid(lines: list[str], kinds: list[Line], fam: str, header_idx: list[int],
          rows: list[tuple[int, list[str], str | None]]) -> Table:
    """Place the header and body rows of a block in columns."""
    first_line = (header_idx[0] if header_idx else rows[0][0]) + 1
    t = Table(f"t{first_line}", "")
    body_rows = [(j, cells, lab) for j, cells, lab in rows if lab not in ("label", "repeat")]
    t.body = body_for(len(body_rows))  # a large table's rows are kept compact (built when read)
    label_lines = {j for j, _, lab in rows if lab == "label"}
    t.layout = {"tab": "tab", "pipe": "pipe"}.get(fam) or (
        "spaces" if any(kinds[j].kind == "spaces" for j, _, _ in body_rows) else "single")
    if label_lines:
        t.layout += "+label"
    if fam == "space" and t.layout.startswith("spaces"):
        t.spans = False
        _place_by_position(t, lines, kinds, header_idx, body_rows, rows)
    else:
        # a single-space row may end in a note after its figures (a 비고 cell): the figures stay in their
        # columns, the note goes to a last column of its own
        noted = {j for j, c, lab in body_rows if fam == "space" and _ends_in_note(c)}
        width = max(len(c) - (j in noted) + (1 if lab else 0) for j, c, lab in body_rows)
        figures_width, width = width, width + (1 if noted else 0)
        for h in header_idx:
            cells = kinds[h].cells
            if kinds[h].kind in ("text", "single"):
                cells = _fit_header_words(_join_syllables(lines[h].split()), figures_width)
                if len(cells) not in (width, figures_width, figures_width - 1):
                    # a single-space header whose words do not match the columns: placing them would
                    # invent column labels; the table keeps the header text as its note instead
                    t.note = " ".join(cells)
                    continue
                if len(cells) == figures_width - 1:
                    cells = ["", *cells]  # no word over the label column
            width = max(width, len(cells)) if fam in ("tab", "pipe") else width
            t.header.append(_right_aligned(cells, h + 1, width, exact=fam in ("tab", "pipe") or len(cells) >= figures_width))
        for j, cells, lab in body_rows:
            if lab:
                t.body.append([Cell(lab, _label_line(rows, j), 0)] + make_cells(cells, j + 1, 1))
            elif fam in ("tab", "pipe"):
                t.body.append(make_cells(cells, j + 1))
            elif j in noted:
                t.body.append(_right_aligned(cells[:-1], j + 1, figures_width, exact=False)
                              + make_cells(cells[-1:], j + 1, figures_width))
            else:
                t.body.append(_right_aligned(cells, j + 1, figures_width, exact=False))
    return t


def _ends_in_note(cells: list[str]) -> bool:
    """A single-space row's last cell is a note after its figures (``35.7%``, then ``12월 예금이자수입 발생``):
    text standing after a figure."""
    return (len(cells) >= 3 and not _is_figure_word(cells[-1]) and not cell_parts(cells[-1])
            and _is_figure_word(cells[-2]))


def _label_line(rows, j: int) -> int:
    """1-based line of the label line printed above values line index ``j``."""
    for k, (jj, _, _lab) in enumerate(rows):
        if jj == j and k and rows[k - 1][2] == "label":
            return rows[k - 1][0] + 1
    return j + 1


def _right_aligned(cells: list[str], line: int, width: int, exact: bool) -> list[Cell]:
    """A row of ``cells`` in a grid ``width`` wide: as printed when it fills it (or ``exact``), else its
    first cell (the label) in column 0 and the others right-aligned."""
    if exact or len(cells) >= width or not cells:
        return make_cells(cells, line)
    head = make_cells(cells[:1], line)
    return head + make_cells(cells[1:], line, width - (len(cells) - 1))


def _place_by_position(t: Table, lines, kinds, header_idx, body_rows, rows) -> None:
    """Columns of a space-aligned table from the spans of its widest row: every cell goes to the column it
    overlaps most (headers over several lines land over their columns). Spans are read in the measure the
    table was laid out in (characters, or terminal cells where a Hangul syllable takes two:
    :func:`.aligned_columns.measure`); a header cell over two columns is split into its words, and a merged
    header cell printed once is repeated over its group (:mod:`.aligned_columns`)."""
    ref_j = max((j for j, _, _ in body_rows if kinds[j].spans), key=lambda j: len(kinds[j].cells), default=None)
    conv = measure(lines, lambda j: kinds[j].spans, [j for j, _, _ in body_rows], ref_j) \
        if ref_j is not None else None
    cols = conv(ref_j, kinds[ref_j].spans) if ref_j is not None else []

    def place(line_idx: int, ln: Line, cells: list[str]) -> list[Cell]:
        if len(cells) == len(cols):
            return make_cells(cells, line_idx + 1)  # one cell per column: by position in the row
        if ln.spans is None or len(cells) != len(ln.spans) or not cols:
            return _right_aligned(cells, line_idx + 1, len(cols) or len(cells), exact=False)
        out: list[Cell] = []
        taken: set[int] = set()
        for text, (a, b) in zip(cells, conv(line_idx, ln.spans), strict=True):
            best = max(range(len(cols)), key=lambda k: (_overlap((a, b), cols[k]), -abs((a + b) - sum(cols[k]))))
            if best in taken:  # two cells over one column: keep both, the later one to the right
                best = min(len(cols) - 1, max(taken) + 1) if max(taken) + 1 < len(cols) else best
            taken.add(best)
            out.append(Cell(text, line_idx + 1, best, cell_number(text)))
        return out

    printed: list[set[int] | None] = []  # columns of each header row's printed cells (None: not by position)
    for h in header_idx:
        cells = kinds[h].cells
        word = spaced_word(lines[h]) if kinds[h].kind == "text" else None
        if word is not None:
            t.header.append(place(h, Line("spaces", [word[0]], [word[1]]), [word[0]]))
            printed.append({c.col for c in t.header[-1]})
            continue
        ln = kinds[h]
        if ln.kind == "text" and h - 1 in header_idx and t.header and _wrapped_header_text(lines, kinds, h):
            # a header cell wrapped inside its column (:func:`_header_continuation`): the rest of the cell above
            start = len(lines[h]) - len(lines[h].lstrip())
            ln = Line("spaces", [lines[h].strip()], [(start, start + len(lines[h].strip()))])
            cells = ln.cells
            (cell,) = place(h, ln, cells)
            top = next((c for c in t.header[-1] if c.col == cell.col and c.text.strip()), None)
            if top is not None:
                text = f"{top.text} {cell.text}"
                t.header[-1] = [Cell(text, c.line, c.col, cell_number(text)) if c is top else c for c in t.header[-1]]
                continue
        elif ln.kind in ("text", "single"):  # a single-space header over a space-aligned body
            words = _join_syllables(lines[h].split())
            cells = ["", *words] if len(words) == len(cols) - 1 else words
        elif ln.kind == "spaces" and ln.spans and cols:
            ln = _split_header_cells(lines[h], ln, lambda sp, h=h: conv(h, sp), cols)
            cells = ln.cells
        row = place(h, ln, cells)
        printed.append({c.col for c in row} if ln.kind == "spaces" and ln.spans else None)
        if h != header_idx[-1] and ln.kind == "spaces" and ln.spans and len(cells) == len(ln.spans):
            row = _letter_spaced_groups(_spanning(row, conv(h, ln.spans), cols), len(cols))
        t.header.append(row)
    t.header = span_groups(t.header, printed)
    for j, cells, lab in body_rows:
        if lab:
            t.body.append([Cell(lab, _label_line(rows, j), 0)]
                          + make_cells(cells, j + 1, max(0, len(cols) - len(cells))))
        else:
            t.body.append(place(j, kinds[j], cells))


def _split_header_cells(text: str, ln: Line, conv, cols: list[tuple[int, int]]) -> Line:
    """A header line with fewer cells than the table has columns, whose cells over two columns are split
    into their words (:func:`.aligned_columns.split_words`); ``ln`` itself when none is (a header with a
    cell per column names each column by its place)."""
    if len(ln.cells) >= len(cols):
        return ln
    raw = text.rstrip("\n\r")
    spans = split_words(raw, list(ln.spans), conv, cols)
    if len(spans) == len(ln.spans) or len(spans) > len(cols):
        return ln
    return Line("spaces", [_WS_RE.sub(" ", cell_text(normalise_text(raw[a:b]))) for a, b in spans], spans)


def _spanning(row: list[Cell], spans: list[tuple[int, int]], cols: list[tuple[int, int]]) -> list[Cell]:
    """An upper header row of a space-aligned table: a cell centred between its column and the next
    (``계`` over ``가구  인원``: its middle within a quarter of their distance from the middle between them),
    the next one empty in this row, is a group cell over both columns: it is repeated in the next column,
    so each lower column's path starts with its group. A name over one column (nearer to it) is not."""
    centre = [(a + b) / 2 for a, b in cols]
    taken = {c.col for c in row}
    out = list(row)
    for c, (a, b) in zip(row, spans, strict=True):
        k, mid = c.col, (a + b) / 2
        if 0 < k < len(cols) - 1 and k + 1 not in taken and b < cols[k + 1][0] \
                and abs(mid - (centre[k] + centre[k + 1]) / 2) <= (centre[k + 1] - centre[k]) / 4:
            out.append(Cell(c.text, c.line, k + 1, c.number))
            taken.add(k + 1)
    return sorted(out, key=lambda x: x.col)


#: A header word printed letter-spaced (``예 산 액``, ``집    행``): the title of a merged cell.
_LETTER_SPACED_RE = re.compile(r"[가-힣](?: +[가-힣]){1,5}")


def _letter_spaced_groups(row: list[Cell], width: int) -> list[Cell]:
    """An upper header row of a space-aligned table: a word printed letter-spaced over the figure columns
    (``예 산 액`` over ``계  국비  도비  시비``) is the title of a merged cell spread over its group, printed
    over one of its columns. Its group is that column and the columns on either side under no other upper
    cell — leftwards down to the one after the label column, rightwards up to the next upper cell (a run
    between two titles belongs to the left one, as a merged cell's blanks do). Each column of the group
    repeats the title, so each lower column's path starts with it."""
    taken = {c.col for c in row}
    out = list(row)
    for c in sorted(row, key=lambda x: x.col):
        if c.col == 0 or not _LETTER_SPACED_RE.fullmatch(c.text.strip()):
            continue
        for step, stop in ((-1, 0), (1, width)):
            k = c.col + step
            while k != stop and 0 < k < width and k not in taken:
                out.append(Cell(c.text, c.line, k, c.number))
                taken.add(k)
                k += step
    return sorted(out, key=lambda x: x.col)


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return min(a[1], b[1]) - max(a[0], b[0])


# -- one cell per line ------------------------------------------------------------------------------

def _cell_per_line_tables(lines: list[str], kinds: list[Line], used: list[bool]) -> list[Table]:
    """Tables flattened to one cell per line: runs of short single-cell lines with lone figures. Each run
    between blank lines is fitted at a fixed width (:func:`_fit_cells`); the runs joined over single blank
    lines are also read row by row (:func:`.split_cells.fit_split_rows`: cells split over lines, rows
    separated by blank lines), and that reading is kept when it places more figures."""
    out: list[Table] = []
    n = len(lines)
    cell = [_cell_line(lines, kinds, used, k) for k in range(n)]
    lone = [kinds[k].kind == "lone" for k in range(n)]
    i = 0
    while i < n:
        if used[i] or kinds[i].kind not in ("lone", "text", "sep"):
            i += 1
            continue
        end = i  # the run over single blank lines
        while end < n and (cell[end] or end > i and kinds[end].kind == "blank" and end + 1 < n and cell[end + 1]):
            end += 1
        if sum(lone[i:end]) < 2:  # no table in the run: nothing to fit
            i = end + 1
            continue
        fixed: list[Table] = []
        a = i
        while a < end:
            j = a
            while j < n and cell[j]:
                j += 1
            t = _fit_cells(lines, kinds, a, j) if _enough(kinds, a, j) else None
            if t is not None:
                fixed.append(t)
            a = j + 1
        split = fit_split_rows(lines, [k for k in range(i, end) if kinds[k].kind not in ("sep", "blank")],
                               lambda k: _is_num(kinds, k) or _missing_cell(kinds, lines, k),
                               lambda s: bool(_BULLET_RE.match(s))) if _enough(kinds, i, end) else []
        out.extend(split if _figures(split) > _figures(fixed) else fixed)
        i = end + 1
    return out


def _cell_line(lines: list[str], kinds: list[Line], used: list[bool], k: int) -> bool:
    """Line ``k`` can be a cell of a one-cell-per-line run: a lone figure, a ``|``, a ``-``, short text."""
    return not used[k] and (kinds[k].kind in ("lone", "sep") or _missing_cell(kinds, lines, k)
                            or (kinds[k].kind == "text" and len(lines[k].strip()) <= 30))


def _enough(kinds: list[Line], i: int, j: int) -> bool:
    """Lines ``i..j`` hold two lone figures and four cells or more."""
    run = [k for k in range(i, j) if kinds[k].kind not in ("sep", "blank")]
    return sum(1 for k in run if kinds[k].kind == "lone") >= 2 and len(run) >= 4


def _figures(tables: list[Table]) -> int:
    return sum(1 for t in tables for _ in t.numeric_cells())


def _is_num(kinds: list[Line], k: int) -> bool:
    return kinds[k].kind == "lone"


def _missing_cell(kinds: list[Line], lines: list[str], k: int) -> bool:
    """A line that is one ``-`` (a missing figure, still a cell of its row), which :func:`classify` calls a
    rule: in a run of one cell per line it keeps its row's place."""
    return kinds[k].kind == "rule" and lines[k].strip() in MISSING_CELLS


def _fit_width(lines, kinds, idx: list[int]) -> tuple[int, int, int] | None:
    """(width, header cells, rows) of the widest fit of one-cell lines ``idx``: the header's cells first
    (no figures), then rows of ``k`` text cells (a label, a unit …) and figures (or ``-``), the same ``k`` on
    every row; None when fewer than two rows fit."""
    lead = 0
    while lead < len(idx) and not _is_num(kinds, idx[lead]):
        lead += 1
    best = None
    for w in range(2, 13):
        if w > len(idx):
            continue
        start = w if all(not _is_num(kinds, k) for k in idx[:w]) and lead >= w + 1 else 0
        k_text = lead - start if start else None  # text cells of the first row
        if k_text is None or not 1 <= k_text < w:
            k_text = 1
        body = idx[start:]
        fit = 0
        for r in range(0, len(body) - w + 1, w):
            row = body[r:r + w]
            if all(not _is_num(kinds, k) for k in row[:k_text]) and all(
                    _is_num(kinds, k) or lines[k].strip() in MISSING_CELLS for k in row[k_text:]):
                fit += 1
            else:
                break
        if fit >= 2 and (best is None or (fit * w, start) > (best[2] * best[0], best[1])):
            best = (w, start, fit)
    return best


def _fit_cells(lines, kinds, i: int, j: int) -> Table | None:
    """The grid of a one-cell-per-line run ``i..j``: rows split at lone ``|`` lines when there are any,
    else the width every row fits (a text label, then figures or ``-``)."""
    seps = [k for k in range(i, j) if kinds[k].kind == "sep"]
    groups: list[list[int]] = []
    if seps:
        cur: list[int] = []
        for k in range(i, j):
            if kinds[k].kind == "sep":
                if cur:
                    groups.append(cur)
                cur = []
            else:
                cur.append(k)
        if cur:
            groups.append(cur)
        if len(groups) >= 3:  # title lines before the header cells are no cells: rows share one width
            widths = [len(g) for g in groups]
            common = max(set(widths), key=widths.count)
            if len(groups[0]) > common and all(not _is_num(kinds, k) for k in groups[0][-common:]):
                groups[0] = groups[0][-common:]
            while groups and len(groups[0]) != common:
                groups.pop(0)
    else:
        best = None
        for skip in range(0, 3):  # a title (or two) may precede the header cells
            idx = list(range(i + skip, j))
            fit = _fit_width(lines, kinds, idx)
            if fit is not None and (best is None or fit[2] * fit[0] > best[1][2] * best[1][0]):
                best = (idx, fit)
        if best is None:
            return None
        idx, (w, start, fit) = best
        if start:
            groups.append(idx[:w])
        groups.extend(idx[start + r * w: start + (r + 1) * w] for r in range(fit))
    if not groups:
        return None
    t = Table(f"t{groups[0][0] + 1}", "cells")
    has_header = not any(_is_num(kinds, k) for k in groups[0])
    for g, group in enumerate(groups):
        row = [Cell(lines[k].strip(), k + 1, c, cell_number(lines[k].strip())) for c, k in enumerate(group)]
        (t.header if g == 0 and has_header else t.body).append(row)
    if not any(True for _ in t.numeric_cells()):
        return None
    return t


_UNIT_NOTE_RE = re.compile(r"[(\[<]\s*단위\s*[:：]?[^)\]>]*[)\]>]|단위\s*[:：]\s*\S+")


def _title(lines: list[str], kinds: list[Line], start: int) -> str:
    """The nearest short text line above the table, without its unit note (``(단위: 천원)``)."""
    for k in range(start - 1, max(-1, start - 4), -1):
        s = _UNIT_NOTE_RE.sub("", lines[k]).strip()
        if not s:
            continue
        if kinds[k].kind in ("text", "single") and len(s) <= 60 and not s.endswith(("다.", "다")):
            return _ENUM_RE.sub("", re.sub(r"^[^\w가-힣'’(]+", "", s)).strip()
        break
    return ""


def year_columns(t: Table) -> dict[int, int]:
    """Column → year for the header cells that name one (a year-column table)."""
    out: dict[int, int] = {}
    for row in t.header:
        for c in row:
            y = year_of(c.text)
            if y is not None:
                out[c.col] = y
    return out
