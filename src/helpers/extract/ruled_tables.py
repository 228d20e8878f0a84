"""Ruled tables: box-drawing tables (``┌─┬─┐`` / ``│`` cells / ``├─┼─┤`` / ``└─┴─┘``, as HWP-to-text
tools print them) and pandoc grid tables (``+----+----+`` rules, ``+====+`` under the header, ``|`` cells)
→ :class:`~.grid.Table` cell grids.

A ruled table starts at a top rule (a line of rule characters opening with a corner or ``+``) and runs over
rule lines and cell lines (opening and closing with a border). Its columns are the spans between the
junctions of its rules (``┬ ┼ ┴``, ``+``), measured in display columns (a Hangul syllable is two wide: the
converters align the borders for a terminal); a cell line's texts go to the column their left border
stands on (a cell merged over several columns lands in its first; merged cells left blank stay blank). The
printed lines between two rules are one row (:mod:`.layout_rows`: a label wrapped over two lines is one
cell). The header is the rows above a ``+===+`` / ``╞═╪═╡`` rule, else the rows before the first row with a
figure; several header lines under one rule are a two-level header when their cells say so.

:func:`read` is one of the layout readers :func:`.blocks.find_tables` calls before its line-shape families.
"""

from __future__ import annotations

import re

from .grid import Table, cell_number, cell_parts
from .layout_rows import Group, body_rows, header_rows, positions

_VERTICAL = "│┃║|"
_HORIZONTAL = "─━═-=┄┅┈┉╌╍:"
_OPENING = "┌┏╔╒╓+├┣╠╞╟"
_RULE_CHARS = set(_VERTICAL + _HORIZONTAL + "┌┐└┘├┤┬┴┼┏┓┗┛┣┫┳┻╋╔╗╚╝╠╣╦╩╬╒╓╕╖╘╙╛╜╞╟╡╢╤╥╧╨╪╫╭╮╯╰┝┥┯┷┿┠┨┰┸╂+ ")
_HEADER_RULE = set("=═")
_CELL_RE = re.compile(rf"^\s*[{_VERTICAL}].*[{_VERTICAL}]\s*$")


def _is_rule(text: str) -> bool:
    s = text.strip()
    return bool(s) and set(s) <= _RULE_CHARS and any(ch in _HORIZONTAL for ch in s) \
        and not set(s) <= set(_VERTICAL + "-: ")  # a markdown ``|---|---|`` separator is no ruled table's


def _is_top(text: str) -> bool:
    s = text.lstrip()
    return bool(s) and s[0] in _OPENING and (s[0] != "+" or s.count("+") >= 2) and _is_rule(text)


def _is_cell_line(text: str) -> bool:
    return bool(_CELL_RE.match(text)) and sum(text.count(v) for v in _VERTICAL) >= 2 and not _is_rule(text)


def _junctions(text: str) -> set[int]:
    """Display columns of a rule's junctions (every character that is no horizontal stroke or space)."""
    pos = positions(text)
    return {pos[k] for k, ch in enumerate(text) if ch not in _HORIZONTAL and not ch.isspace()}


def _borders(text: str) -> list[tuple[int, int]]:
    """(character index, display column) of a cell line's borders."""
    pos = positions(text)
    return [(k, pos[k]) for k, ch in enumerate(text) if ch in _VERTICAL]


def _place(text: str, bounds: list[int]) -> dict[int, str]:
    """A cell line's texts by column: each text goes to the column its left border stands on (the nearest
    junction at or left of it); with as many cells as columns, by order (borders drawn a little off)."""
    borders = _borders(text)
    segments = [(text[a + 1:b].strip(), pa) for (a, pa), (b, _pb) in zip(borders, borders[1:])]
    width = len(bounds) - 1
    if len(segments) == width:
        return {k: t for k, (t, _) in enumerate(segments)}
    out: dict[int, str] = {}
    for seg, pa in segments:
        col = max((k for k in range(width) if bounds[k] <= pa + 1), default=0)
        if seg:
            out[col] = f"{out[col]} {seg}" if out.get(col) else seg
    return out


def _has_figure(group: Group) -> bool:
    return any(cell_number(t) is not None or cell_parts(t) for _, row in group for t in row.values() if t)


def _table(lines: list[str], first: int, last: int) -> Table | None:
    rules = [k for k in range(first, last + 1) if _is_rule(lines[k])]
    bounds = sorted(set().union(*(_junctions(lines[k].rstrip()) for k in rules)))
    if len(bounds) < 3:
        return None
    width = len(bounds) - 1
    groups: list[Group] = []
    header_end: int | None = None  # groups before a ``+===+`` rule are the header
    cur: Group = []
    for k in range(first, last + 1):
        if k in rules:
            if cur:
                groups.append(cur)
                cur = []
            if set(lines[k].strip()) & _HEADER_RULE and header_end is None and groups:
                header_end = len(groups)
            continue
        cur.append((k, _place(lines[k].rstrip(), bounds)))
    if cur:
        groups.append(cur)
    if header_end is None:
        header_end = next((g for g, grp in enumerate(groups) if _has_figure(grp)), len(groups))
    t = Table(f"t{first + 1}", "ruled")
    for grp in groups[:header_end]:
        t.header.extend(header_rows(grp, width))
    for grp in groups[header_end:]:
        t.body.extend(body_rows(grp, width))
    if not any(True for _ in t.numeric_cells()):
        return None
    return t


def read(lines: list[str], used: list[bool]) -> list[tuple[Table, int, int]]:
    """Every ruled table of a document: ``(table, first line index, last line index)``."""
    out = []
    i, n = 0, len(lines)
    while i < n:
        if used[i] or not _is_top(lines[i]):
            i += 1
            continue
        j = i + 1
        while j < n and not used[j] and (_is_rule(lines[j]) or _is_cell_line(lines[j])):
            j += 1
        last = j - 1
        if last > i and any(_is_cell_line(lines[k]) for k in range(i, last + 1)):
            t = _table(lines, i, last)
            if t is not None:
                out.append((t, i, last))
                i = j
                continue
        i += 1
    return out
