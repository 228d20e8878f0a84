"""PDF (with a text layer) → paragraphs and table grids, with pdfplumber.

Per page: ruled tables are found from their drawn lines (pdfplumber's ``lines`` strategy); each cell box
is placed on the grid of the table's distinct column and row edges, which gives row and column spans. A
page that draws horizontal rules but no cell grid (a table ruled with horizontal lines only) is read by
the text strategy below and flagged ``table_not_recovered`` with its page. Text outside the tables is written line by line in reading order,
interleaved with the tables by their position on the page; words further apart than a wide gap are
separated by two spaces, so a table drawn without any lines stays readable as space-separated columns.

A PDF without a text layer (a scan) is refused: OCR is needed first. An encrypted, truncated or mislabelled
file is refused with a :class:`ConvertError` naming the file.
"""

from __future__ import annotations

from pathlib import Path

from .errors import ConvertError
from .grid import Converted, ConvertFlag, Grid, GridCell, Paragraph
from .sniff import require

#: Points of tolerance when matching cell edges to the grid lines of a table.
_EDGE_TOL = 2.0
#: A horizontal gap wider than this many points between two words marks a column boundary.
_COLUMN_GAP = 12.0
_LINES = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}


def _edges(values: list[float]) -> list[float]:
    """Distinct coordinates, values closer than the tolerance merged."""
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > _EDGE_TOL:
            out.append(v)
    return out


def _nearest(edges: list[float], v: float) -> int:
    return min(range(len(edges)), key=lambda i: abs(edges[i] - v))


def _grid(table, index: int, page_no: int) -> Grid:
    """The cell grid of one pdfplumber table: positions and spans from the cell boxes."""
    xs = _edges([c[0] for c in table.cells] + [c[2] for c in table.cells])
    ys = _edges([c[1] for c in table.cells] + [c[3] for c in table.cells])
    texts = table.extract()
    cells: list[GridCell] = []
    for r, row in enumerate(table.rows):
        for c, box in enumerate(row.cells):
            if box is None:
                continue
            col0, col1 = _nearest(xs, box[0]), _nearest(xs, box[2])
            row0, row1 = _nearest(ys, box[1]), _nearest(ys, box[3])
            text = texts[r][c] if r < len(texts) and c < len(texts[r]) else ""
            cells.append(GridCell(row0, col0, max(1, row1 - row0), max(1, col1 - col0), (text or "").strip()))
    cells.sort(key=lambda cell: (cell.row, cell.col))
    return Grid(index=index, page=page_no, cells=cells, col_edges=tuple(round(x, 1) for x in xs))


def _usable(table) -> bool:
    rows = table.rows
    return len(rows) >= 2 and max((len(r.cells) for r in rows), default=0) >= 2


def _text_lines(words: list[dict]) -> list[tuple[float, str]]:
    """Words → (top, line text) in reading order; wide gaps become two spaces."""
    lines: list[list[dict]] = []
    for w in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
        if lines and abs(lines[-1][0]["top"] - w["top"]) <= 3:
            lines[-1].append(w)
        else:
            lines.append([w])
    out = []
    for line in lines:
        line.sort(key=lambda w: w["x0"])
        text = line[0]["text"]
        for prev, w in zip(line, line[1:], strict=False):
            text += ("  " if w["x0"] - prev["x1"] > _COLUMN_GAP else " ") + w["text"]
        out.append((line[0]["top"], text))
    return out


def _horizontal_rules(page) -> int:
    """How many long horizontal rules (lines or thin rectangles) the page draws."""
    n = 0
    for obj in page.lines + page.rects:
        if abs(obj["bottom"] - obj["top"]) <= 2 and obj["x1"] - obj["x0"] > page.width * 0.3:
            n += 1
    return n


def _page_blocks(page, page_no: int, first_index: int, flags: list[ConvertFlag]) -> list[tuple[float, object]]:
    tables = [t for t in page.find_tables(_LINES) if _usable(t)]
    if not tables and _horizontal_rules(page) >= 3:
        # Ruled with horizontal lines only: pdfplumber's text strategy joins neighbouring tables and the
        # paragraphs between them and invents empty columns, so no grid is trusted; the rows stay text lines
        # whose columns are separated by wide gaps (two spaces), which the extractor reads as a
        # space-separated table. The missing grid is flagged with its page.
        flags.append(ConvertFlag("table_not_recovered", f"page {page_no}: a table ruled with horizontal lines "
                                 "only; no cell grid recovered, its rows are kept as text lines with columns "
                                 "separated by two spaces (no source_ref for its facts)", page_no))
    items: list[tuple[float, object]] = []
    boxes = []
    for k, table in enumerate(sorted(tables, key=lambda t: (t.bbox[1], t.bbox[0]))):
        items.append((table.bbox[1], _grid(table, first_index + k, page_no)))
        boxes.append(table.bbox)

    def outside(w) -> bool:
        cx, cy = (w["x0"] + w["x1"]) / 2, (w["top"] + w["bottom"]) / 2
        return not any(b[0] - 1 <= cx <= b[2] + 1 and b[1] - 1 <= cy <= b[3] + 1 for b in boxes)

    words = [w for w in page.extract_words() if outside(w)]
    items.extend((top, Paragraph(text, page_no)) for top, text in _text_lines(words))
    items.sort(key=lambda item: item[0])
    return items


def read_pdf(path: Path) -> Converted:
    """Read a ``.pdf`` file; raises :class:`ConvertError` for what cannot be read."""
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError

    path = Path(path)
    require(path, "pdf", "a PDF")
    result = Converted(fmt="pdf")
    n_chars = 0
    try:
        with pdfplumber.open(path) as pdf:
            for page_no, page in enumerate(pdf.pages, start=1):
                n_chars += sum(1 for ch in page.chars if ch.get("text", "").strip())
                if not page.chars:
                    continue
                first = len(result.tables) + 1
                result.blocks.extend(b for _, b in _page_blocks(page, page_no, first, result.flags))
                page.flush_cache()
    except ConvertError:
        raise
    except Exception as exc:  # pdfminer raises many kinds on cut or broken files
        if isinstance(exc, PDFSyntaxError):
            raise ConvertError(f"truncated or damaged PDF ({exc}); download or save it again", file=str(path),
                               reason="truncated") from None
        # pdfplumber wraps pdfminer's errors (PdfminerException(PDFPasswordIncorrect()) …): name the inner one
        inner = exc.args[0] if exc.args and isinstance(exc.args[0], Exception) else exc
        if isinstance(inner, PDFPasswordIncorrect):
            raise ConvertError("password-protected PDF: remove the password and save again", file=str(path),
                               reason="password") from None
        name = type(inner).__name__
        if "Password" in name or "Encrypt" in name:
            raise ConvertError(f"password-protected PDF ({name}): remove the password and save again",
                               file=str(path), reason="password") from None
        raise ConvertError(f"truncated or damaged PDF ({name}: {exc}); download or save it again",
                           file=str(path), reason="truncated") from None
    if n_chars == 0:
        raise ConvertError("PDF without a text layer (a scanned or image-only document): run OCR on it first "
                           "(e.g. ocrmypdf) and put the OCR'd PDF in its place", file=str(path),
                           reason="no_text_layer")
    return result
