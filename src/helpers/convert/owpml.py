"""OWPML section XML (the body of an HWPX package, and of an HWP 5 file once python-hwpx converted it)
→ paragraphs and table grids in reading order.

Body paragraphs are ``hp:p`` elements whose runs hold text (``hp:t``) and tables (``hp:tbl``). A table's
cells (``hp:tc``) state their own position (``hp:cellAddr``) and merge (``hp:cellSpan``), so the grid
is exact, merged cells included. A table inside a cell is a table of its own (numbered after the table
holding it); its text is not repeated in the outer cell. Page headers and footers, foot/end notes and text
boxes (``hp:drawText`` of shapes) are not body text; page headers, footers and notes are skipped, a text
box's text is kept as paragraphs (its tables as text lines, not numbered as tables).
"""

from __future__ import annotations

from .grid import Grid, GridCell, Paragraph

#: Run children that hold no body text (page header/footer and notes live in ``hp:ctrl``; shapes, pictures,
#: equations and text boxes are drawn objects).
_SKIPPED_RUN_CHILDREN = {  # documentation of what is not read; shapes' text boxes are (see _SHAPES)"secPr", "ctrl", "pic", "rect", "ellipse", "arc", "polygon", "curve", "line",
                         "connectLine", "container", "equation", "ole", "textart", "chart", "video",
                         "compose", "dutmal", "btn", "radioBtn", "checkBtn", "comboBox", "edit", "listBox",
                         "scrollBar"}
#: Inline elements inside ``hp:t`` that stand for characters.
_INLINE_CHARS = {"lineBreak": "\n", "tab": "\t", "nbSpace": " ", "fwSpace": " ", "hyphen": "-"}


def _local(tag) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _t_text(t) -> str:
    parts = [t.text or ""]
    for child in t:
        parts.append(_INLINE_CHARS.get(_local(child.tag), ""))
        parts.append(child.tail or "")
    return "".join(parts)


#: Drawing objects whose text box (``hp:drawText``) may hold text.
_SHAPES = {"rect", "ellipse", "arc", "polygon", "curve", "container", "connectLine", "line", "textart"}


def _draw_texts(el):
    """The outermost ``hp:drawText`` elements inside a drawing object (a group may hold several)."""
    for child in el:
        if _local(child.tag) == "drawText":
            yield child
        else:
            yield from _draw_texts(child)


class _Walker:
    """Collects the blocks of one document; ``n_tables`` numbers tables in the order they open.

    Text boxes are not body text for table numbering (reference readers skip them), but their text is
    kept: it is written as paragraphs where the box is anchored, a table inside a text box as lines of its
    cells (two spaces apart), with a ``table_in_text_box`` note."""

    def __init__(self) -> None:
        self.n_tables = 0
        self.textbox_depth = 0
        self.notes: list[str] = []

    def textbox_lines(self, shape) -> list[str]:
        lines: list[str] = []
        self.textbox_depth += 1
        try:
            for draw_text in _draw_texts(shape):
                for sub in draw_text:
                    if _local(sub.tag) == "subList":
                        texts, found = self.paragraphs(sub)
                        lines.extend(t for t in texts if t.strip())
                        lines.extend(b.text for b in found if isinstance(b, Paragraph))
        finally:
            self.textbox_depth -= 1
        return lines

    def flat_table(self, tbl) -> list[Paragraph]:
        """A table inside a text box: one line per row, cells two spaces apart (no grid, no number)."""
        self.notes.append("a table inside a text box is kept as text lines, without its cell grid")
        rows: dict[int, list[tuple[int, str]]] = {}
        for tr in tbl:
            if _local(tr.tag) != "tr":
                continue
            for tc in tr:
                addr = next((p for p in tc if _local(p.tag) == "cellAddr"), None)
                sub = next((p for p in tc if _local(p.tag) == "subList"), None)
                if addr is None or sub is None:
                    continue
                texts, _ = self.paragraphs(sub)
                rows.setdefault(int(addr.get("rowAddr", 0)), []).append(
                    (int(addr.get("colAddr", 0)), " ".join(t.strip() for t in texts if t.strip())))
        return [Paragraph("  ".join(t for _, t in sorted(cells) if t)) for _, cells in sorted(rows.items())
                if any(t for _, t in cells)]

    def paragraph(self, p) -> tuple[str, list[Grid]]:
        """Text of one ``hp:p`` and the tables anchored in it (each followed by the tables nested in it)."""
        text: list[str] = []
        tables: list[Grid] = []
        for run in p:
            if _local(run.tag) != "run":
                continue
            for child in run:
                name = _local(child.tag)
                if name == "t":
                    text.append(_t_text(child))
                elif name == "tbl":
                    tables.extend(self.flat_table(child) if self.textbox_depth else self.table(child))
                elif name in _SHAPES:
                    tables.extend(Paragraph(line) for line in self.textbox_lines(child))
        return "".join(text), tables

    def paragraphs(self, container) -> tuple[list[str], list[Grid]]:
        texts: list[str] = []
        tables: list[Grid] = []
        for p in container:
            if _local(p.tag) != "p":
                continue
            text, found = self.paragraph(p)
            texts.append(text)
            tables.extend(found)
        return texts, tables

    def table(self, tbl) -> list[Grid]:
        """The grid of ``tbl`` followed by the grids nested in its cells (document order)."""
        self.n_tables += 1
        index = self.n_tables
        cells: list[GridCell] = []
        nested: list[Grid] = []
        caption: list[str] = []
        for child in tbl:
            name = _local(child.tag)
            if name == "caption":
                for sub in child:
                    if _local(sub.tag) == "subList":
                        texts, found = self.paragraphs(sub)
                        caption.extend(t for t in texts if t.strip())
                        nested.extend(found)
            if name != "tr":
                continue
            for tc in child:
                if _local(tc.tag) != "tc":
                    continue
                row = col = None
                row_span = col_span = 1
                texts: list[str] = []
                for part in tc:
                    pname = _local(part.tag)
                    if pname == "cellAddr":
                        row, col = int(part.get("rowAddr", 0)), int(part.get("colAddr", 0))
                    elif pname == "cellSpan":
                        row_span = max(1, int(part.get("rowSpan", 1)))
                        col_span = max(1, int(part.get("colSpan", 1)))
                    elif pname == "subList":
                        texts, found = self.paragraphs(part)
                        nested.extend(found)
                if row is None:
                    continue
                cells.append(GridCell(row, col, row_span, col_span, "\n".join(texts).strip()))
        cells.sort(key=lambda c: (c.row, c.col))
        grid = Grid(index=index, page=None, cells=cells, n_rows=int(tbl.get("rowCnt", 0) or 0),
                    n_cols=int(tbl.get("colCnt", 0) or 0))
        blocks: list = [Paragraph(t) for t in caption]
        return [*blocks, grid, *nested]


def read_sections(roots, notes: list[str] | None = None) -> list[Paragraph | Grid]:
    """Blocks of the section XML roots (``hs:sec`` elements), in order: a paragraph's text, then the
    tables and text boxes anchored in it. ``notes`` receives what was kept without its grid."""
    walker = _Walker()
    walker.notes = notes if notes is not None else []
    blocks: list[Paragraph | Grid] = []
    for root in roots:
        for p in root:
            if _local(p.tag) != "p":
                continue
            text, tables = walker.paragraph(p)
            if text.strip():
                blocks.append(Paragraph(text))
            blocks.extend(tables)
    return blocks
