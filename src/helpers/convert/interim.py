"""The interim files of a native document: ``<doc_id>.txt`` (text for the extractor) and
``<doc_id>.tables.json`` (the exact cell grids), written together and atomically.

The text holds the paragraphs in reading order and every table as a pipe table, one grid row per line:

* a merged cell is written once, in its top-left position; the positions it covers hold a mark —
  :data:`MARK_LEFT` (``<``, covered by the cell on the left, same row) or :data:`MARK_UP` (``^``, covered
  by a cell from a row above) — so no number is ever written twice; a cell whose own text is ``<`` or
  ``^`` is written ``\\<`` / ``\\^``;
* a ``|`` inside a cell is written ``\\|``; a line break inside a cell is written ``<br>``; a tab in a cell
  becomes a space (a tab would split the row for the extractor);
* a blank line before and after every table. A PDF table that continues on the next page (header repeated,
  or the same column borders) is written as one pipe table: repeated header rows are left out of the
  text (their grid stays in the JSON, with ``row_lines`` null for them).

The JSON: ``{"doc_id", "source_file", "format", "source_sha256", "converter", "tables": [{"index", "page",
"n_rows", "n_cols", "row_lines", "cells": [{"row", "col", "row_span", "col_span", "text"}]}], "flags"}``;
rows and columns 0-based, ``page`` 1-based (null for HWP/HWPX), ``row_lines`` the 1-based line of each
grid row in the text (null when not written). Both files are deterministic for the same source.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from ..io import atomic_write_files
from .grid import Converted, Grid, Paragraph

MARK_LEFT = "<"
MARK_UP = "^"
#: Version of the interim layout; a change re-converts every cached document.
CONVERTER_VERSION = "2"


def escape_cell(text: str) -> str:
    """One cell's text for a pipe row."""
    text = text.replace("\\", "\\\\").replace("|", "\\|").replace("\t", " ")
    text = "<br>".join(part.strip() for part in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
    if text in (MARK_LEFT, MARK_UP):
        text = "\\" + text
    return text


def pipe_rows(grid: Grid) -> list[str]:
    """The grid's rows as pipe lines (marks for covered positions)."""
    out = []
    for row in grid.layout():
        cells = []
        for kind, cell in row:
            if kind == "anchor":
                cells.append(escape_cell(cell.text))
            elif kind == "left":
                cells.append(MARK_LEFT)
            elif kind == "up":
                cells.append(MARK_UP)
            else:
                cells.append("")
        out.append("| " + " | ".join(cells) + " |")
    return out


_CELL_SPLIT = re.compile(r"(?<!\\)\|")


def extractor_line(line: str) -> str:
    """A pipe row as today's extractor reads merged cells: mark cells empty (as text dumps print them),
    escapes undone except ``\\|`` (kept so the escaped bar does not split the cell)."""
    if not (line.startswith("| ") and line.endswith(" |")):
        return line
    cells = _CELL_SPLIT.split(line[2:-2])
    fixed = []
    for cell in cells:
        c = cell.strip()
        if c in (MARK_LEFT, MARK_UP):
            c = ""
        elif c in ("\\" + MARK_LEFT, "\\" + MARK_UP):
            c = c[1:]
        fixed.append(c.replace("\\|", "¦").replace("\\\\", "\\"))
    return "| " + " | ".join(fixed) + " |"


def _same_columns(prev: Grid, cur: Grid) -> bool:
    """Both tables have the same column borders (PDF), within two points."""
    a, b = prev.col_edges, cur.col_edges
    return bool(a and b and len(a) == len(b) and all(abs(x - y) <= 2 for x, y in zip(a, b, strict=True)))


def _header_repeat(prev: Grid, cur: Grid) -> int | None:
    """How many leading rows of ``cur`` repeat ``prev``'s header: None when ``cur`` does not continue
    ``prev``; 0 when it continues it without repeating the header (same column borders)."""
    if prev.page is None or cur.page != prev.page + 1 or prev.n_cols != cur.n_cols:
        return None
    a, b = pipe_rows(prev), pipe_rows(cur)
    k = 0
    while k < min(len(a), len(b)) - 1 and a[k] == b[k]:
        k += 1
    if k:
        return k
    # no repeated header: the same column borders, and a first row of data (a number in it), not a new
    # table's own header that happens to have the same widths
    first = [c.text for c in cur.cells if c.row == 0]
    has_number = any(_NUMBER.fullmatch(t.strip()) for t in first)
    return 0 if _same_columns(prev, cur) and has_number else None


_NUMBER = re.compile(r"[△▲-]?\d[\d,]*(?:\.\d+)?%?")


def _continuations(blocks: list) -> dict[int, tuple[int, int]]:
    """Block position of a continuation table → (position of the table it continues, header rows to skip).

    A continuation is the first table of a page that starts the page (at most two lines, such as a running
    header, before it) and either repeats the header of the previous page's last table or has exactly its
    column borders; that table ended its page (at most two lines after it, such as a page number)."""
    out: dict[int, tuple[int, int]] = {}
    seen: dict[object, int] = {}  # page → blocks met so far on it (one pass, not a rescan per table)
    grid_pages: set = set()  # pages with a table met so far
    for i, block in enumerate(blocks):
        page = getattr(block, "page", None)
        before_on_page = seen.get(page, 0)
        seen[page] = before_on_page + 1
        if not isinstance(block, Grid) or page is None:
            continue
        had_grid = page in grid_pages
        grid_pages.add(page)
        if had_grid or before_on_page > 2:
            continue
        prev_i = next((j for j in range(i - 1, -1, -1) if isinstance(blocks[j], Grid)), None)
        if prev_i is None:
            continue
        prev = blocks[prev_i]
        after = [b for b in blocks[prev_i + 1:i] if getattr(b, "page", None) == prev.page]
        k = _header_repeat(prev, block)
        if k is not None and len(after) <= 2:
            root = out.get(prev_i, (prev_i, 0))[0]
            out[i] = (root, k)
    return out


def render(converted: Converted) -> tuple[str, dict[int, list[int | None]]]:
    """The interim text and, per table index, the 1-based line of each grid row (None: not written)."""
    blocks = converted.blocks
    cont = _continuations(blocks)
    joined: dict[int, list[int]] = {}
    for i, (root, _) in cont.items():
        joined.setdefault(root, []).append(i)
    lines: list[str] = []
    row_lines: dict[int, list[int | None]] = {}
    for i, block in enumerate(blocks):
        if isinstance(block, Paragraph):
            lines.extend(part.rstrip() for part in block.text.splitlines() if part.strip())
            continue
        if i in cont:
            continue  # written with the table it continues
        if lines and lines[-1] != "":
            lines.append("")
        for j, skip in [(i, 0)] + [(c, cont[c][1]) for c in joined.get(i, [])]:
            grid = blocks[j]
            rows = pipe_rows(grid)
            rl: list[int | None] = [None] * len(rows)
            for r, text in enumerate(rows):
                if r < skip:
                    continue
                lines.append(text)
                rl[r] = len(lines)
            row_lines[grid.index] = rl
        lines.append("")
    while lines and lines[-1] == "":
        lines.pop()
    return "\n".join(lines) + "\n", row_lines


def tables_json(converted: Converted, doc_id: str, source: Path, sha256: str,
                row_lines: dict[int, list[int | None]]) -> dict:
    return {
        "doc_id": doc_id, "source_file": source.name, "format": converted.fmt, "source_sha256": sha256,
        "converter": CONVERTER_VERSION,
        "tables": [{"index": g.index, "page": g.page, "n_rows": g.n_rows, "n_cols": g.n_cols,
                    "row_lines": row_lines.get(g.index, [None] * g.n_rows),
                    "cells": [{"row": c.row, "col": c.col, "row_span": c.row_span, "col_span": c.col_span,
                               "text": c.text} for c in g.cells]} for g in converted.tables],
        "flags": [{"kind": f.kind, "page": f.page, "message": f.message} for f in converted.flags],
    }


def interim_paths(interim_dir: Path, doc_id: str) -> tuple[Path, Path]:
    return Path(interim_dir) / f"{doc_id}.txt", Path(interim_dir) / f"{doc_id}.tables.json"


def write_interim(converted: Converted, doc_id: str, source: Path, sha256: str, interim_dir: Path) -> dict:
    """Write both interim files together (atomically); returns the JSON written."""
    text, row_lines = render(converted)
    data = tables_json(converted, doc_id, source, sha256, row_lines)
    txt, js = interim_paths(interim_dir, doc_id)
    atomic_write_files({txt: text.encode("utf-8"),
                        js: (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8")})
    return data
