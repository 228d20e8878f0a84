"""The common result of every native reader: paragraphs and table grids in reading order.

A :class:`Grid` is a table's real cell grid: each :class:`GridCell` is an *anchor* cell (a merged cell
appears once, with its spans), rows and columns 0-based. A :class:`Converted` document is the sequence of
:class:`Paragraph` and :class:`Grid` blocks in reading order, plus the problems the reader met
(:class:`ConvertFlag`, e.g. a PDF page whose ruled table could not be recovered).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class GridCell:
    """One anchor cell: top-left position, spans, and its text (line breaks kept as ``\\n``)."""

    row: int
    col: int
    row_span: int
    col_span: int
    text: str


@dataclass
class Grid:
    """One table: ``index`` is 1-based in document order (nested tables count as tables of their own);
    ``page`` is the 1-based PDF page, None for HWP/HWPX."""

    index: int
    page: int | None
    cells: list[GridCell]
    n_rows: int = 0
    n_cols: int = 0
    #: PDF only: x positions of the column borders (to recognise a table continued on the next page)
    col_edges: tuple[float, ...] | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        self.n_rows = max([self.n_rows] + [c.row + c.row_span for c in self.cells])
        self.n_cols = max([self.n_cols] + [c.col + c.col_span for c in self.cells])

    def layout(self) -> list[list[tuple[str, GridCell | None]]]:
        """The grid as rows of (kind, cell): ``anchor`` (the cell starts here), ``left`` (covered by a
        cell starting further left in the same row), ``up`` (covered by a cell starting in a row above),
        ``empty`` (no cell covers the position: a ragged table)."""
        out: list[list[tuple[str, GridCell | None]]] = [[("empty", None)] * self.n_cols for _ in range(self.n_rows)]
        for cell in self.cells:
            for r in range(cell.row, cell.row + cell.row_span):
                for c in range(cell.col, cell.col + cell.col_span):
                    if r >= self.n_rows or c >= self.n_cols or out[r][c][0] == "anchor":
                        continue
                    kind = "anchor" if (r, c) == (cell.row, cell.col) else ("left" if r == cell.row else "up")
                    out[r][c] = (kind, cell)
        return out


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of body text (one line in the interim text per line of the paragraph)."""

    text: str
    page: int | None = None


@dataclass(frozen=True)
class ConvertFlag:
    """A problem the reader met that did not stop it (becomes a quality flag of the document)."""

    kind: str
    message: str
    page: int | None = None


@dataclass
class Converted:
    """A native document read into blocks; ``fmt`` is ``hwpx``, ``hwp`` or ``pdf``."""

    fmt: str
    blocks: list[Paragraph | Grid] = field(default_factory=list)
    flags: list[ConvertFlag] = field(default_factory=list)

    @property
    def tables(self) -> list[Grid]:
        return sorted((b for b in self.blocks if isinstance(b, Grid)), key=lambda g: g.index)
