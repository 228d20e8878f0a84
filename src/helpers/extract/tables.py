"""Table recognition: header vocabulary + row shape → tables of typed rows, in every layout.

A table starts at a header: one or more lines whose text names columns of the vocabulary
(:mod:`.headers`): ``목표치`` / ``(A)`` / ``실적`` / ``(B)`` / ``달성률`` spread over lines, or tab cells
``세부사업명⇥예산현액 (A)⇥지출액 (B)⇥집행률 (B/A)``. Its *kind* follows from the roles found:
``indicator`` (target and actual), ``budget`` (budget and spent or rate), ``mixed`` (both: a results table
with 단위·목표·실적 and 예산현액·집행액), ``years`` (year columns compared by 증감: a budget overview).

Rows are then read in the table's layout:

* tab / pipe rows: cells by position; a row shifted one cell left or right is re-aligned on its unit cell
  (``이용인원(명)``), the anchor every such row has;
* space rows: the run of figures in the line, mapped to the numeric columns in header order; the label is
  the text before them, or the short label lines wrapped above a numbers-only line (``예비비 및`` /
  ``반환금`` / ``8,046 7,976 99.1%``); text after the figures is the formula/source text.

The table ends at a heading or bullet line, a new header, or a long stretch with no row. Lines inside a
table that carry figures but could not be read are returned as ``unparsed`` so they become flags.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from .aligned_columns import continues_label
from .cells import Figure, figures, is_cell_row, is_rule_row, runs, split_cells
from .checks import is_total_label
from .context import LineContext
from .headers import Role, _term_re, cell_role, compact, find_roles
from .numbers import normalise_text
from .row_store import grown
from .vocabulary import NAME_NOTE_RE, PRIOR_YEAR_RE, SENTENCE_END_RE

#: ``prior_budget``: a previous year's budget column beside this year's (``전년도 예산(A) | 금년도 예산(B)``).
NUMERIC_ROLES = ("target", "actual", "rate", "budget", "spent", "year_value", "change", "prior_budget")
#: Lines that close a space-separated table: bullets and headings.
_END_RE = re.compile(r"^\s*(?:Ÿ|□|■|▣|○|◦|※|-\s|–|[ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ]\s*\.|PART|\d{1,2}\s+[가-힣]{2,}(?:\s[가-힣]+)*\s*$)")
_HEADER_YEAR_RE = re.compile(r"(?:['’‘]\s?(\d{2})|((?:19|20)\d{2}))\s*년도?")
_UNIT_PAREN_RE = re.compile(r"\(\s*([가-힣%a-zA-Z]{1,4})\s*\)\s*$")
MAX_GAP = 14
#: The cell of a 목표방향 (direction) column at the end of a space row's label: ``고독사 발생 건수(건)  감소``.
_DIRECTION_WORD_RE = re.compile(r"\s(증가|감소|상향|하향|유지|↑|↓)\s*$")
#: A header line of column marks only: ``(A)``, or all of a header's marks on one line ``(A) (B) (B/A)``.
_MARKS_RE = re.compile(r"(?:\(?[A-Za-z/+\-×·]{1,7}\)?){1,6}")
#: A page number between the pages of a table (``- 12 -``, ``12``, ``- 3 / 40 -``).
_PAGE_MARK_RE = re.compile(r"^\s*[-–—]?\s*\d{1,4}\s*(?:/\s*\d{1,4}\s*)?[-–—]?\s*$")


@dataclass
class Header:
    """A recognised table header (0-based line indices ``start``..``end``)."""

    start: int
    end: int
    kind: str
    tabbed: bool
    numeric: list[Role]  # numeric columns in order (space layout)
    cols: list[Role | None] = field(default_factory=list)  # role per cell (tab layout)
    year: int | None = None  # year named in the header (``’22년도 예산(A)``)
    unit: str | None = None  # money unit named in a header cell (``집행내역(백만원)``)
    flow: str = "expenditure"
    basis: str = ""
    text: str = ""
    #: role corrections made by the header algebra or the arithmetic (``role_corrected`` flags)
    notes: list[str] = field(default_factory=list)

    def signature(self) -> tuple:
        """What makes two tables "the same kind" (for unit inference): kind and numeric roles."""
        return (self.kind, tuple(r.role for r in self.numeric))


@dataclass(slots=True)
class Row:
    """One table row: values by role (``{"budget": Figure, …}``), label and text, with provenance."""

    line: int  # 1-based line of the row's numbers
    first_line: int  # 1-based first line of the row (wrapped label)
    source_text: str
    label: str
    values: dict[str, Figure | None]
    texts: dict[str, str] = field(default_factory=dict)  # formula, data_source, unit cell, program cell
    #: printed cell text of the numeric columns whose cell is not a figure (a target printed as text)
    raw_cells: dict[str, str] = field(default_factory=dict)


@dataclass
class Table:
    header: Header
    title: str
    context: LineContext
    rows: list[Row] = field(default_factory=list)
    unparsed: list[tuple[int, str]] = field(default_factory=list)


def _kind(roles: set[str], n_years: int) -> str | None:
    if "exclude" in roles:
        return None
    ind = "target" in roles and "actual" in roles
    bud = "budget" in roles and ("spent" in roles or "rate" in roles)
    if ind and bud:
        return "mixed"
    if ind:
        return "indicator"
    if bud:
        return "budget"
    if n_years >= 2 and "change" in roles:
        return "years"
    return None


def _data_figs(line: str) -> list[Figure]:
    return figures(line)


def _header_year(text: str) -> int | None:
    years = {int(m.group(2)) if m.group(2) else 2000 + int(m.group(1)) for m in _HEADER_YEAR_RE.finditer(text)}
    return years.pop() if len(years) == 1 else None


def _header_unit(text: str) -> str | None:
    m = re.search(r"\((?:단위\s*[:：]?\s*)?(천\s*원|백만\s*원|억\s*원|만\s*원|원)\)", text)
    return re.sub(r"\s+", "", m.group(1)) if m else None


def _tab_header_line(line: str) -> list[Role | None] | None:
    cells = split_cells(line)
    roles = [cell_role(c) if c else None for c in cells]
    named = [r for r in roles if r is not None and r.role not in ("ignore",)]
    if len(named) >= 2:
        return roles
    return None


_CELL_MARK_RE = re.compile(r"\(?[A-Z](?:[-+/][A-Z])?(?:[×x*]100)?\)?|\(?%\)?")


def _mark_row(line: str) -> bool:
    """A tab or pipe row whose cells are column marks only (``(A)``, ``(A-B)``, ``(B/A×100)``, ``(%)``)."""
    cells = [compact(c) for c in split_cells(line) if c.strip()]
    return len(cells) >= 2 and all(_CELL_MARK_RE.fullmatch(c) for c in cells)


def _header_texts(lines: list[str], start: int, end: int) -> list[str]:
    """The text of each header column, its cells over the header rows joined."""
    out: list[str] = []
    for j in range(start, end + 1):
        if is_rule_row(lines[j]):
            continue
        for k, c in enumerate(split_cells(lines[j])):
            while len(out) <= k:
                out.append("")
            out[k] = f"{out[k]} {c}".strip()
    return out


def _apply_marks(lines: list[str], start: int, end: int, cols: list[Role | None]) -> list[str]:
    """Header algebra (:mod:`.algebra`): a column marked as a difference of others (``집행 잔액(A-B)``) that
    the words read as a budget or spent amount is neither; returns notes naming both readings."""
    from .algebra import difference_columns

    texts = _header_texts(lines, start, end)
    notes = []
    for k in sorted(difference_columns(texts)):
        role = cols[k] if k < len(cols) else None
        if role is not None and role.role in ("budget", "spent"):
            cols[k] = Role(role.pos, "ignore", role.term)
            notes.append(f"column {texts[k]!r}: the words read {role.role}, its mark makes it a difference of "
                         "other columns; not stored as an amount")
    return notes


def _mark_prior_budget(texts: list[str], cols: list[Role | None]) -> None:
    """Of two budget columns, one headed 전년도 (``전년도 예산(A)``) is the previous year's budget: role
    ``prior_budget`` (its own year, never this year's budget)."""
    budgets = [k for k, r in enumerate(cols) if r is not None and r.role == "budget"]
    if len(budgets) < 2:
        return
    for k in budgets:
        if k < len(texts) and PRIOR_YEAR_RE.search(compact(texts[k])):
            r = cols[k]
            cols[k] = Role(r.pos, "prior_budget", r.term, r.flow, r.basis)


def check_rate_roles(lines: list[str], h: Header, last: int) -> Header | None:
    """Roles checked by arithmetic: the (budget, spent) columns must reproduce the printed rate. When
    another pair of amount columns reproduces it on more rows, a header with those roles (and a note naming
    both readings) is returned; None when the words' reading stands."""
    from .algebra import best_rate_pair, difference_columns

    cols = h.cols
    where = {r.role: k for k, r in enumerate(cols) if r is not None and r.role in ("budget", "spent", "rate")}
    if not {"budget", "spent", "rate"} <= set(where):
        return None
    diffs = difference_columns(_header_texts(lines, h.start, h.end))
    grid: list[dict[int, tuple[float, str]]] = []
    for j in range(h.end + 1, last + 1):
        if not is_cell_row(lines[j]) or is_rule_row(lines[j]):
            continue
        row = {}
        for k, c in enumerate(split_cells(lines[j])):
            figs = figures(c)
            if figs and _is_number_cell(c) and figs[0].value is not None:
                row[k] = (figs[0].value, figs[0].text)
        if row:
            grid.append(row)
    amounts = [k for k in range(len(cols)) if k != where["rate"] and (cols[k] is None or cols[k].role not in
               ("rate", "unit", "label")) and any(k in r for r in grid)]
    proposed = (where["budget"], where["spent"])
    best, n_best, n_base = best_rate_pair(grid, where["rate"], amounts, proposed)
    n_rates = sum(1 for r in grid if where["rate"] in r)
    if best is None or best == proposed or n_best <= n_base or n_best * 2 < n_rates or \
            best[0] in diffs or best[1] in diffs:
        return None
    texts = _header_texts(lines, h.start, h.end)
    new = list(cols)
    b_role, s_role = cols[where["budget"]], cols[where["spent"]]
    new[where["budget"]] = None
    new[where["spent"]] = None
    new[best[0]] = Role(b_role.pos, "budget", b_role.term, b_role.flow, b_role.basis)
    new[best[1]] = Role(s_role.pos, "spent", s_role.term, s_role.flow, s_role.basis)
    note = (f"the words read budget = {texts[proposed[0]]!r}, spent = {texts[proposed[1]]!r} "
            f"(rate fits {n_base}/{n_rates} rows); the printed rates fit budget = {texts[best[0]]!r}, "
            f"spent = {texts[best[1]]!r} ({n_best}/{n_rates} rows): used")
    numeric = [r for r in new if r and r.role in NUMERIC_ROLES]
    return Header(h.start, h.end, h.kind, True, numeric, new, h.year, h.unit, h.flow, h.basis, h.text,
                  [*h.notes, note])


def _merge_cols(rows: list[list[Role | None]]) -> list[Role | None]:
    width = max(len(r) for r in rows)
    out: list[Role | None] = [None] * width
    for r in rows:
        for k, role in enumerate(r):
            if role is not None and (out[k] is None or out[k].role in ("group", "ignore") or role.role != "group"):
                out[k] = role
    return out


def read_header(lines: list[str], i: int) -> Header | None:
    """Recognise a header starting at line index ``i`` (None when the lines there are no table header)."""
    line = lines[i]
    if is_cell_row(line):
        cols = _tab_header_line(line)
        if cols is None:
            return None
        rows = [cols]
        end = i
        j = i + 1
        while j < len(lines) and is_cell_row(lines[j]):
            if is_rule_row(lines[j]):
                end = j
                j += 1
                continue
            nxt = _tab_header_line(lines[j])
            if nxt is None and _mark_row(lines[j]):
                end = j  # a row of column marks only (``(A) | (B) | (A-B) | (B/A×100)``): part of the header
                j += 1
                continue
            if nxt is None or any(_is_number_cell(c) for c in split_cells(lines[j])):
                break
            rows.append(nxt)
            end = j
            j += 1
        merged = _merge_cols(rows)
        above = _tab_header_line(lines[i - 1]) if i > 0 and is_cell_row(lines[i - 1]) else None
        if sum(1 for r in merged if r and r.role == "budget") >= 2 and \
                any(sum(1 for r in row if r and r.role == "year_value") >= 2 for row in [*rows, above or []]):
            return None  # years over repeated 예산/집행 sub-columns: the table engine reads each year's group
        text = " ".join(lines[i:end + 1])
        _mark_prior_budget(_header_texts(lines, i, end), merged)
        notes = _apply_marks(lines, i, end, merged)
        roles = {r.role for r in merged if r}
        kind = _kind(roles, sum(1 for r in merged if r and r.role == "year_value"))
        if kind is None:
            return None
        numeric = [r for r in merged if r and r.role in NUMERIC_ROLES]
        return _finish(Header(i, end, kind, True, numeric, merged, text=text, notes=notes))
    if _END_RE.match(line) or len(compact(line)) > 40 or len(figures(line)) >= 2 \
            or SENTENCE_END_RE.search(line):
        return None  # bullets, prose and data rows name budgets too; a header line is short and unmarked
    years = _space_years_header(line)
    if years is not None:
        return _finish(Header(i, i, "years", False, years, text=line))
    roles = find_roles(line)
    if len([r for r in roles if r.role not in ("ignore", "group", "label")]) < 1:
        return None
    start, collected, end = i, [roles], i
    texts = [line]  # the printed line of each collected role list (their columns place multi-line headers)
    j = i + 1
    while j < len(lines) and j <= i + 16:
        text = lines[j]
        if not text.strip():
            j += 1
            continue
        if len(_data_figs(text)) >= 2 or is_cell_row(text):
            break
        if _END_RE.match(text) or len(compact(text)) > 40 or SENTENCE_END_RE.search(text):
            start, collected, end = j + 1, [], j  # a title or prose line: the header starts after it
            texts = []
            j += 1
            continue
        found = find_roles(text)
        if not found:
            if not _MARKS_RE.fullmatch(compact(text)):
                break  # only column marks like ``(A)`` / ``(B/A)`` continue a header; other text is a label
            end = j
            j += 1
            continue
        have = {r.role for rs in collected for r in rs if r.role not in ("ignore", "group", "label")}
        strong = [r for r in found if r.role not in ("ignore", "group", "label")]
        if len(strong) >= 2 and have & {r.role for r in strong}:
            start, collected, texts = j, [], []  # a title naming the columns, then the real header: restart
        collected.append(found)
        texts.append(text)
        end = j
        j += 1
    flat = [r for rs in collected for r in rs]
    kind = _kind({r.role for r in flat}, 0)
    if kind is None or kind == "years":
        return None
    numeric: list[Role] = []
    for r in flat:  # a role named again later moves to its later place (a title line names roles too)
        if r.role in NUMERIC_ROLES:
            numeric = [n for n in numeric if n.role != r.role] + [r]
    if len(collected) >= 2:  # a header over several lines: its columns are in the order they are printed across
        x = {id(r): _raw_column(t, r.pos) for rs, t in zip(collected, texts, strict=True) for r in rs}
        if all(x.get(id(r)) is not None for r in numeric) and len({x[id(r)] for r in numeric}) == len(numeric):
            numeric.sort(key=lambda r: x[id(r)])
    text = " ".join(lines[start:end + 1])
    return _finish(Header(start, end, kind, False, numeric, text=text))


def _raw_column(text: str, pos: int) -> int | None:
    """The printed column of the character at offset ``pos`` of ``compact(text)`` (spaces removed)."""
    if "**" in text:
        return None
    k = -1
    for col, ch in enumerate(text):
        if not ch.isspace():
            k += 1
            if k == pos:
                return col
    return None


#: A year column header as a word of a space-separated header: ``2024년(A)``, ``’23년``, ``2023년도``.
_YEAR_WORD_RE = re.compile(r"(?<!\S)((?:19|20)\d{2}|['’]\d{2})년도?(?:\([A-Z]\))?(?!\S)")


def _space_years_header(line: str) -> list[Role] | None:
    """The numeric columns of a one-line, space-separated year-comparison header
    (``구 분  2024년(A)  2023년(B)  증 감(A-B)  증감률(%)``): two or more year words and a 증감 column, in
    the order printed; None for any other line."""
    marks = list(_YEAR_WORD_RE.finditer(line))
    if len(marks) < 2:
        return None
    cols: list[tuple[int, Role]] = []
    for m in marks:
        y = m.group(1).lstrip("'’")
        year = int(y) if len(y) == 4 else 2000 + int(y)
        cols.append((m.start(), Role(0, "year_value", compact(m.group(0)), year=year)))
    rest = line
    for m in reversed(marks):  # the year words removed, the other columns keep their offsets
        rest = rest[: m.start()] + " " * (m.end() - m.start()) + rest[m.end():]
    roles = find_roles(rest)
    if not any(r.role == "change" for r in roles) or any(r.role in ("exclude", "budget", "target") for r in roles):
        return None
    if len({r.year for _, r in cols}) < 2:
        return None
    change = [r for r in roles if r.role == "change"]
    at = re.search(r"\s*".join(map(re.escape, change[0].term)), rest)
    cols.append((at.start() if at else len(line), change[0]))
    return [r for _, r in sorted(cols, key=lambda t: t[0])]


def _finish(h: Header) -> Header:
    flows = {r.flow for r in (h.numeric + [c for c in h.cols if c]) if r.flow}
    h.flow = "revenue" if "revenue" in flows else "expenditure"
    bases = [r.basis for r in h.numeric if r.role == "budget" and r.basis]
    h.basis = bases[0] if bases else ""
    h.year = _header_year(h.text) if h.kind != "years" else None
    h.unit = _header_unit(h.text)
    return h


def _is_number_cell(cell: str) -> bool:
    figs = figures(cell)
    return bool(figs) and figs[0].start <= 1 and not re.search(r"\(\d+\)$", cell)


def _title(lines: list[str], start: int) -> str:
    """The table's title: the nearest short line above the header that is not a unit or date note."""
    for j in range(start - 1, max(-1, start - 7), -1):
        s = lines[j].strip()
        if not s or "단위" in s or re.fullmatch(r"[(\[].*[)\]]", s):
            continue
        if figures(s) and len(figures(s)) >= 2:
            break
        s = re.sub(r"^[^\w가-힣'’(]+", "", s).strip()
        return s[:60]
    return ""


# -- rows -----------------------------------------------------------------------------------------

def _key(role: Role) -> str:
    """The value key of a numeric column: its role, or ``year:2024`` for a year column."""
    return f"year:{role.year}" if role.role == "year_value" else role.role


def _assign(run: list[Figure], numeric: list[Role]) -> dict[str, Figure | None]:
    """Map a run of figures to the numeric columns (rate last when fewer figures than columns)."""
    names = [_key(r) for r in numeric]
    vals: dict[str, Figure | None] = {n: None for n in names}
    if len(run) >= len(names):
        for n, f in zip(names, run[: len(names)], strict=True):
            vals[n] = f
        return vals
    rest = list(run)
    if "rate" in names and rest and rest[-1].unit == "%":
        vals["rate"] = rest.pop()
    for n, f in zip([x for x in names if x != "rate"], rest, strict=False):
        vals[n] = f
    return vals


def _row_columns(h: Header, label: str, run: list[Figure]) -> list[Role]:
    """The numeric columns a space row's figures fill. In a results table carrying both indicators and
    money (단위·목표·실적 + 예산현액·집행액), a total row (``계  549,212  425,167``) with fewer figures than
    columns totals the money: indicators of different units are never summed."""
    if h.kind != "mixed" or len(run) >= len(h.numeric) or not is_total_label(label):
        return h.numeric
    k = next((n for n, r in enumerate(h.numeric) if r.role == "budget"), 0)
    return h.numeric[k:]


def _label_from_pending(pending: list[list[str]]) -> tuple[str, list[str]]:
    """The wrapped label above a numbers-only row: the last short blank-separated groups of text."""
    chosen: list[str] = []
    total = 0
    for group in reversed(pending):
        text = " ".join(s.strip() for s in group)
        if (total and total + len(text) > 30) or re.search(r"[+×/*=]|\d{2,}", text) and chosen:
            break
        chosen.insert(0, text)
        total += len(text)
        if total > 30:
            break
    return " ".join(chosen).strip(), chosen


#: A cell that tries to be a figure: digits, a CJK numeral (百万) or a lone percent sign.
_FIGURE_LIKE = re.compile(r"\d|[一二三四五六七八九十百千万億兆]|^\s*%\s*$")
#: A figure printed wrongly (``1,2,3``, ``12..5``, ``1,23``): reading the figures after it as the row's columns
#: would shift them into the wrong columns, so such a row is reported as unparsed instead.
_BAD_FIGURE = re.compile(r"(?<!\w)\d[\d,.]*(?:\.\.|,,|,\d{1,2}(?![\d])|,\d{4,})[\d,.]*")


def read_space_rows(lines: list[str], h: Header, ctxs: list[LineContext]) -> tuple[list[Row], list, int]:
    """Rows of a space-separated table after header ``h``; returns (rows, unparsed, last line index)."""
    rows: list[Row] = []
    unparsed: list[tuple[int, str]] = []
    pending: list[list[str]] = [[]]
    pending_start: int | None = None
    j = h.end + 1
    last_row = h.end
    need = 2
    attached = False
    # 지표산식 / 자료원 columns after the figures: their text wraps onto the lines under the row
    text_cols = any(r.role in ("formula", "data_source") for r in find_roles(h.text))
    # a 목표방향 column before the figures: its word (증가/감소) ends the label text
    dir_col = any(r.role == "direction" for r in find_roles(h.text))
    wraps_down = False
    while j < len(lines) and j - last_row <= MAX_GAP:
        text = lines[j]
        if not text.strip():
            attached = False
            if pending[-1]:
                pending.append([])
            j += 1
            continue
        if _END_RE.match(text) or is_cell_row(text) or (_term_re().search(compact(text)) and _header_at(lines, j)):
            break
        figs = figures(text)
        groups = runs(figs, text)
        run = next((g for g in groups if len(g) >= need or any(f.pair for f in g)), None)
        if run is None and h.kind in ("indicator", "mixed") and groups:
            run = next((g for g in groups if g[-1].unit == "%"), None)  # target printed as text (인증)
        if run is None:
            if len(figs) >= 3:
                unparsed.append((j + 1, text.strip()))
            if rows and last_row == j - 1:
                attached = True  # text right under a row (no blank line) wraps that row's text cells
            if attached and not any(pending) and (figs or text_cols):
                if figs and h.kind in ("budget", "years"):  # an amount is never wrapped text of a money row
                    unparsed.append((j + 1, text.strip()))
                elif text_cols:
                    _extend_trailing(rows, text)
                j += 1
                continue
            # with no text columns to wrap into, text under a row starts the next row's wrapped label
            if pending_start is None:
                pending_start = j
            pending[-1].append(text)
            j += 1
            continue
        attached = False
        start = _norm_pos(text, run[0])
        inline_label = text[:start].strip() if start is not None else ""
        if _BAD_FIGURE.search(normalise_text(inline_label)):
            unparsed.append((j + 1, text.strip()))
            pending, pending_start = [[]], None
            last_row = j
            j += 1
            continue
        trailing = text[_norm_end(text, run[-1]):].strip() if _norm_end(text, run[-1]) is not None else ""
        groups_p = [g for g in pending if g]
        if not rows:
            wraps_down = bool(inline_label) and not groups_p
        if rows and groups_p and inline_label and pending_start == last_row + 1 and len(groups_p) == 1 \
                and (wraps_down or is_total_label(inline_label)):
            # text right under a row ends that row's label when the first row printed its label whole on its
            # figures' line (labels wrap downwards), or when the next row is a 합계 (a total names itself)
            rows[-1].label = f"{rows[-1].label} {' '.join(x.strip() for x in groups_p[0])}".strip()
            rows[-1].source_text += "\n" + "\n".join(x.strip() for x in groups_p[0])
            groups_p = []
        if text_cols and rows and groups_p:
            groups_p = _continuation(rows, groups_p, complete=bool(_LIST_MARK_RE.match(inline_label)))
        pend_label, used = _label_from_pending(groups_p)
        label = (pend_label + " " + inline_label).strip() if (not inline_label or len(inline_label) < 8) \
            else inline_label
        if inline_label and pend_label and len(inline_label) >= 8 and pending_start is not None \
                and j - pending_start <= 2 and len(groups_p) == 1:
            label = (pend_label + " " + inline_label).strip()
        first = j
        src_lines = [text.strip()]
        if label != inline_label and used:
            k = j - 1
            need_text = " ".join(used)
            while k > h.end and lines[k].strip() and lines[k].strip() in need_text or (k > h.end and not lines[k].strip()):
                if lines[k].strip():
                    first = k
                k -= 1
            src_lines = [s.strip() for s in lines[first:j + 1] if s.strip()]
        texts = {"trailing": trailing}
        m = _DIRECTION_WORD_RE.search(label) if dir_col else None
        if m:
            label, texts["direction"] = label[: m.start()].strip(), m.group(1)
        if any(f.pair for f in run):
            _pair_rows(rows, run, h, label, [*used, inline_label], trailing, j, first, src_lines)
        else:
            rows.append(Row(j + 1, first + 1, "\n".join(src_lines), label, _assign(run, _row_columns(h, label, run)),
                            texts))
            if len(run) > len(h.numeric):  # more figures than columns: the extra ones are not read
                unparsed.append((j + 1, text.strip()))
        pending, pending_start = [[]], None
        last_row = j
        j += 1
    if text_cols and rows and any(pending):
        _continuation(rows, [g for g in pending if g], complete=False)
    elif rows and wraps_down and pending_start == last_row + 1 and len(pending[0]) == 1 \
            and rows[-1].line == last_row + 1 and continues_label(lines[last_row], pending[0][0]):
        # the last row's label wrapped inside its column, under its figures (``시간제 보육`` / ``운영``)
        rows[-1].label = f"{rows[-1].label} {pending[0][0].strip()}".strip()
        rows[-1].source_text += "\n" + pending[0][0].strip()
    return rows, unparsed, last_row


def _header_at(lines: list[str], j: int) -> bool:
    """A new table header starts at line ``j`` (not merely further down, after text naming a column word
    such as ``… 지원 실적 내부자료 취합``)."""
    h = read_header(lines, j)
    return h is not None and h.start == j


#: A row label that starts with its own list number (``③ 지역돌봄협의체 활성화(%)``) is complete: text
#: above it is not part of it.
_LIST_MARK_RE = re.compile(r"^\s*(?:[①-⑳]|\d{1,2}[.)]\s)")


def _extend_trailing(rows: list[Row], text: str) -> None:
    """Add a wrapped line of the last row's text cells (지표산식 / 자료원) to its trailing text and source."""
    last = rows[-1].line
    for row in rows:
        if row.line == last:
            row.texts["trailing"] = f"{row.texts.get('trailing', '')} {text.strip()}".strip()
            row.source_text = f"{row.source_text}\n{text.strip()}"


def _continuation(rows: list[Row], groups: list[list[str]], complete: bool) -> list[list[str]]:
    """Give the text groups between two rows that continue the last row's text cells to it; returns the
    groups left for the next row's label. All of them continue it when the next row's label is complete;
    otherwise the first one does when the last row's text left a parenthesis open (``전문인력(읍면동협의체``)."""
    taken = 0
    for group in groups:
        trailing = rows[-1].texts.get("trailing", "")
        if not complete and trailing.count("(") <= trailing.count(")"):
            break
        for text in group:
            _extend_trailing(rows, text)
        taken += 1
    return groups[taken:]


def _pair_rows(rows, run, h, label, used, trailing, j, first, src_lines) -> None:
    """``20/10 19/11 95/110``: two indicators in one row (one per wrapped label line)."""
    used = [u for u in used if u]
    names = used[-2:] if len(used) >= 2 else [label + " (1)", label + " (2)"]
    if len(used) == 1 and len(used[0].split()) >= 4:
        words = used[0].split()
        half = len(words) // 2
        names = [" ".join(words[:half]), " ".join(words[half:])]
    if len(used) >= 2 and not any(u in used[-1] for u in used[:-1]):
        names = used[-2:]
    for k in (0, 1):
        part = [Figure(f.start, f.end, f.text, f.pair[k] if f.pair else f.value, f.unit) for f in run]
        rows.append(Row(j + 1, first + 1, "\n".join(src_lines), names[k], _assign(part, h.numeric),
                        {"trailing": trailing}))


def _norm_pos(text: str, fig: Figure) -> int | None:
    from .cells import normalise_text_keep

    s = normalise_text_keep(text)
    return fig.start if len(s) == len(text) else _map_pos(text, s, fig.start)


def _norm_end(text: str, fig: Figure) -> int | None:
    from .cells import normalise_text_keep

    s = normalise_text_keep(text)
    return fig.end if len(s) == len(text) else _map_pos(text, s, fig.end)


def _map_pos(text: str, norm: str, pos: int) -> int:
    """Position in ``text`` matching ``pos`` in its normalised form (lengths differ after NFKC)."""
    ratio = len(text) / max(len(norm), 1)
    return min(len(text), int(round(pos * ratio)))


_NO_TEXT: Mapping[str, str] = MappingProxyType({})

#: Header words of a column naming each row's programme.
_PROGRAM_TERMS = frozenset({"사업명", "세부사업명", "세부사업"})


def read_tab_rows(lines: list[str], h: Header) -> tuple[list[Row], list, int]:
    """Rows of a tab or pipe table: cells by position, re-aligned on the unit cell when shifted."""
    rows: list[Row] = []
    unparsed: list[tuple[int, str]] = []
    cols = h.cols
    unit_col = next((k for k, c in enumerate(cols) if c and c.role == "unit"), None)
    j = h.end + 1
    last = h.end
    carry_program = ""
    # a 사업명 / 세부사업명 column names each row's programme (a blank cell: the programme of the row above)
    program_col = next((k for k, c in enumerate(cols) if c and c.role == "label" and c.term in _PROGRAM_TERMS), None)
    while j < len(lines):
        text = lines[j]
        if text.count('"') % 2 and j + 1 < len(lines) and lines[j + 1].count('"') % 2:
            # a spreadsheet cell with a line break inside its quotes: the row goes on on the next line
            j += 1
            joined = text.rstrip("\r\n") + " " + lines[j].rstrip("\r\n")
            fields = next(csv.reader([joined], delimiter="\t"), None) if "\t" in joined else None
            text = "\t".join(fields) if fields else joined
        if not text.strip() or _PAGE_MARK_RE.match(text):
            # a blank line or a page number (``- 12 -``) inside a table that runs on to the next page
            k = j + 1
            while k < len(lines) and k - j <= 3 and (not lines[k].strip() or _PAGE_MARK_RE.match(lines[k])):
                k += 1
            if k < len(lines) and is_cell_row(lines[k]) and k - j <= 3:
                j = k
                continue
            break
        if not is_cell_row(text):
            break
        if is_rule_row(text):
            j += 1
            continue
        again = _tab_header_line(text)
        if again is not None and not any(_is_number_cell(c) for c in split_cells(text)):
            if read_header(lines, j) is not None and read_header(lines, j).signature() != h.signature():
                break
            j += 1  # the header repeated after a page break
            continue
        cells = split_cells(text)
        offset = 0
        if unit_col is not None:
            anchors = [k for k, c in enumerate(cells) if _UNIT_PAREN_RE.search(c) and not _is_number_cell(c)
                       and not NAME_NOTE_RE.search(c)]  # ``건수(감소)``, ``가구(누계)``: a label, not a unit cell
            if anchors:
                best = min(anchors, key=lambda k: abs(k - unit_col))
                if abs(best - unit_col) <= 1:
                    offset = best - unit_col
        values: dict[str, Figure | None] = {}
        raw: dict[str, str] = {}
        texts: dict[str, str] = {}
        first_num = None
        unread = False  # a figure cell that could not be read (``1,2,3``, ``12..5``, ``百万``) or lies past the last column
        for k, role in enumerate(cols):
            if role is None:
                continue
            idx = k + offset
            cell = cells[idx] if 0 <= idx < len(cells) else ""
            if role.role in NUMERIC_ROLES:
                figs = figures(cell)
                key = role.role if role.role != "year_value" else f"year:{role.year}"
                values[key] = figs[0] if figs and _is_number_cell(cell) else _compound_amount(cell)
                unread = unread or (values[key] is None and bool(_FIGURE_LIKE.search(normalise_text(cell))))
                if values[key] is None:
                    raw[key] = cell  # the printed text of a cell not read as a figure (a text target)
                if first_num is None:
                    first_num = idx
            elif role.role in ("unit", "formula", "data_source", "indicator", "direction"):
                texts[role.role] = cell
        text_cols = {k + offset for k, c in enumerate(cols) if c and c.role in ("direction", "formula", "data_source")}
        label_cells = [c for n, c in enumerate(cells[: (first_num if first_num is not None else len(cells))])
                       if c and n not in text_cols]
        if unit_col is not None:
            before = [c for c in cells[: unit_col + offset] if c]
            if before:
                carry_program = before[-1]
            # a total row (``계``) belongs to no single program
            texts["program"] = "" if is_total_label(" ".join(before)) else carry_program
            label_cells = before
        if unit_col is None and program_col is not None and (first_num is None or program_col + offset < first_num):
            pcell = cells[program_col + offset] if 0 <= program_col + offset < len(cells) else ""
            if pcell and not _is_number_cell(pcell):
                carry_program = "" if is_total_label(pcell) else pcell
            program = "" if is_total_label(" ".join(label_cells)) else carry_program
            rest = [c for n, c in enumerate(cells[: first_num if first_num is not None else len(cells)])
                    if c and n > program_col + offset and n not in text_cols]
            if rest and program:
                # 사업명 | 성과지표 … / 사업명 | 구분 …: the finer cells name the row, the programme is kept apart
                # (a table whose only label is the 사업명 keeps it as the row's item)
                label_cells = rest
                texts["program"] = program
        label = " ".join(label_cells[-1:] if unit_col is not None else label_cells)
        extra = any(_is_number_cell(c) for c in cells[len(cols) + offset:])
        flagged = unread or extra
        if flagged:
            unparsed.append((j + 1, text.strip()))  # the row keeps what was read; the flag says what was not
        if extra and not _row_arithmetic_holds(values):
            # more figures than columns, and the row's own rate does not check out: its figures may stand one
            # column off (a cell inserted before them), so the flagged row gives none, never shifted ones
            values = dict.fromkeys(values)
        if not any(v is not None for v in values.values()):
            if sum(1 for c in cells if _is_number_cell(c)) >= 2 and not flagged:
                unparsed.append((j + 1, text.strip()))
            elif any(raw.get(k) for k in raw) or label:
                rows.append(Row(j + 1, j + 1, text.strip(), label, values, texts, raw))
            j += 1
            last = j - 1
            continue
        # most rows have no text cells and no unread figure: they share one empty, read-only mapping (a
        # table of 200,000 rows holds no 400,000 empty dicts)
        rows.append(Row(j + 1, j + 1, text.strip(), label, values, texts or _NO_TEXT, raw or _NO_TEXT))
        rows = grown(rows)  # a large table's rows kept compact (:mod:`.row_store`)
        last = j
        j += 1
    return rows, unparsed, last


def _compound_amount(cell: str) -> Figure | None:
    """A cell printing one amount in mixed units (``13억 9,200만원``), which the line parser reads as two
    figures: the one vocabulary's cell figure, in won. None for any other cell."""
    from .grid import cell_number

    num = cell_number(cell) if "억" in cell or "만" in cell else None
    if num is None or num.unit != "원":
        return None
    return Figure(0, len(cell), cell.strip(), num.value, num.unit)


def _row_arithmetic_holds(values: dict[str, Figure | None]) -> bool:
    """The row's printed rate is its spent/budget (or actual/target, either way for a decrease) — the check
    that tells a row read in its columns from one shifted by a cell. False when the row has no rate with
    both its amounts to check it by."""
    from .checks import rate_mismatch

    rate = values.get("rate")
    if rate is None or rate.value is None:
        return False
    for num, den in (("spent", "budget"), ("actual", "target"), ("target", "actual")):
        n, d = values.get(num), values.get(den)
        if n is not None and d is not None and n.value is not None and d.value:
            if not rate_mismatch(rate.value, n.value / d.value * 100, rate.text, d.value):
                return True
    return False


def find_tables(lines: list[str], ctxs: list[LineContext]) -> list[Table]:
    """Every indicator/budget table of a document, in line order."""
    tables: list[Table] = []
    term_re = _term_re()
    i = 0
    n = len(lines)
    while i < n:
        line = lines[i]
        if not line.strip() or not term_re.search(compact(line)):
            i += 1
            continue
        h = read_header(lines, i)
        if h is None:
            i += 1
            continue
        if h.tabbed:
            rows, unparsed, last = read_tab_rows(lines, h)
            checked = check_rate_roles(lines, h, last)
            if checked is not None:
                h = checked
                rows, unparsed, last = read_tab_rows(lines, h)
        else:
            rows, unparsed, last = read_space_rows(lines, h, ctxs)
        if rows:
            # the context of the table's first row: a 단위 line may sit between title and header
            tables.append(Table(h, _title(lines, h.start), ctxs[rows[0].first_line - 1], rows, unparsed))
            i = max(last + 1, h.end + 1)
        else:
            i = h.end + 1
    return tables


_CACHE: dict[tuple, tuple[list[LineContext], list[Table]]] = {}


def document_tables(doc, dctx) -> tuple[list[LineContext], list[Table]]:
    """Contexts (:func:`.facts.contexts`, the one per-line context cache) and tables of a document,
    computed once for the indicator and budget extractors."""
    from .facts import context_key, contexts

    key = context_key(doc, dctx)
    if key not in _CACHE:
        _CACHE.clear()  # one document at a time: memory stays flat on large corpora
        ctxs = contexts(doc, dctx)
        _CACHE[key] = (ctxs, find_tables(doc.lines, ctxs))
    return _CACHE[key]


def clear_cache() -> None:
    """Drop the cached tables of the last document (see :func:`document_tables`)."""
    _CACHE.clear()
