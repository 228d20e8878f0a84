"""Welfare documents written by the tests as HWPX (python-hwpx), HWP 5 (python-hwpx's HWP writer) and PDF
(fpdf2, ruled tables, NanumGothic embedded): the same invented report in every format.

A document is a list of blocks: a paragraph (``str``) or a :class:`Table` (cell texts by row, ``None`` at
positions a merged cell covers, and the merges as ``(row0, col0, row1, col1)``). In the PDF, a table given
``page_break_after=k`` continues on the next page after its row ``k``, with its header rows repeated.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Table:
    rows: list[list[str | None]]
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)
    header_rows: int = 1
    page_break_after: int | None = None  # PDF only: last row index on the first page

    @property
    def n_cols(self) -> int:
        return len(self.rows[0])


#: An invented county report: a 성과지표 table with a two-row merged header, a 예산현액/지출액/집행률
#: table with a 합계 row (continued on a second PDF page), and a 재원별 investment plan by year.
WELFARE_DOC: list = [
    "2024년 예천군 아동복지사업 추진실적 보고",
    "1. 성과지표 달성도",
    Table([["성과지표", "단위", "2024년", None, None],
           [None, None, "목표", "실적", "달성률"],
           ["아동 통합사례관리", "명", "1,200", "1,260", "105.0%"],
           ["방과후 돌봄 이용", "명", "800", "720", "90.0%"],
           ["부모교육 참여", "회", "24", "30", "125.0%"]],
          merges=[(0, 0, 1, 0), (0, 1, 1, 1), (0, 2, 0, 4)], header_rows=2),
    "2. 예산 집행 실적",
    "(단위 : 천원)",
    Table([["구분", "예산현액(A)", "지출액(B)", "집행률(B/A)"],
           ["합계", "1,530,000", "1,225,800", "80.1%"],
           ["아동 통합사례관리", "850,000", "731,000", "86.0%"],
           ["방과후 돌봄", "480,000", "364,800", "76.0%"],
           ["부모교육", "200,000", "130,000", "65.0%"]], page_break_after=2),
    "3. 재원별 투자계획",
    "(단위 : 백만원)",
    Table([["구 분", "계", "2023년", "2024년"],
           ["목표예산", "3,000", "1,470", "1,530"],
           ["국 비", "1,500", "735", "765"],
           ["도 비", "900", "441", "459"],
           ["군 비", "600", "294", "306"],
           ["집행액", "2,600", "1,374", "1,226"]]),
    "※ 집행액은 연도 말 기준임",
]


def write_hwpx(path: Path, blocks: list = WELFARE_DOC, fmt: str = "hwpx") -> Path:
    """Write ``blocks`` with python-hwpx's document writer (``fmt="hwp"`` saves HWP 5)."""
    import warnings

    from hwpx import HwpxDocument

    doc = HwpxDocument.new()
    first = True
    for block in blocks:
        if isinstance(block, str):
            if first:
                doc.paragraphs[0].text = block
                first = False
            else:
                doc.add_paragraph(block)
            continue
        table = doc.add_table(len(block.rows), block.n_cols)
        for r, row in enumerate(block.rows):
            for c, text in enumerate(row):
                if text is not None:
                    table.cell(r, c).text = text
        for r0, c0, r1, c1 in block.merges:
            table.merge_cells(r0, c0, r1, c1)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with open(path, "wb") as fh:
            doc.save_to_stream(fh, format=fmt)
    return Path(path)


def write_hwp(path: Path, blocks: list = WELFARE_DOC) -> Path:
    return write_hwpx(path, blocks, fmt="hwp")


def nanum_font() -> Path:
    """The NanumGothic TTF that koreanize-matplotlib ships (a project dependency)."""
    import koreanize_matplotlib

    return Path(koreanize_matplotlib.__file__).parent / "fonts" / "NanumGothic.ttf"


def _pdf_table(pdf, table: Table, rows: list[int], col_w: list[float], row_h: float) -> None:
    """Draw ``rows`` of ``table`` (indices) with borders; merged cells drawn once over their span."""
    x0, y0 = pdf.l_margin, pdf.get_y()
    pos = {r: i for i, r in enumerate(rows)}
    spans = {(m[0], m[1]): (m[2] - m[0] + 1, m[3] - m[1] + 1) for m in table.merges}
    for r in rows:
        for c, text in enumerate(table.rows[r]):
            if text is None:
                continue
            rs, cs = spans.get((r, c), (1, 1))
            rs = sum(1 for k in range(r, r + rs) if k in pos)
            x = x0 + sum(col_w[:c])
            y = y0 + pos[r] * row_h
            w, h = sum(col_w[c:c + cs]), row_h * rs
            pdf.rect(x, y, w, h)
            pdf.set_xy(x, y)
            pdf.cell(w, h, text, align="C")
    pdf.set_xy(x0, y0 + len(rows) * row_h + 4)


def write_pdf(path: Path, blocks: list = WELFARE_DOC, ruled: str = "grid", repeat_header: bool = True) -> Path:
    """Write ``blocks`` as a PDF with NanumGothic embedded. ``ruled="grid"`` draws every cell border;
    ``"horizontal"`` draws only horizontal rules between rows (no vertical lines); ``"none"`` no lines.
    ``repeat_header=False``: a table continued on the next page does not repeat its header there."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(False)
    pdf.add_font("NanumGothic", "", str(nanum_font()))
    pdf.set_font("NanumGothic", size=10)
    pdf.add_page()
    bottom = pdf.h - 15
    for block in blocks:
        if isinstance(block, str):
            if pdf.get_y() + 8 > bottom:
                pdf.add_page()
            pdf.cell(0, 8, block, new_x="LMARGIN", new_y="NEXT")
            continue
        if block.page_break_after is None and pdf.get_y() + 8 * len(block.rows) > bottom:
            pdf.add_page()  # a table that does not fit starts on a new page (no split unless asked)
        width = pdf.w - pdf.l_margin - pdf.r_margin
        col_w = [width * 0.34] + [width * 0.66 / (block.n_cols - 1)] * (block.n_cols - 1)
        all_rows = list(range(len(block.rows)))
        if ruled in ("horizontal", "none"):
            _pdf_rules(pdf, block, col_w, 8, lines=ruled == "horizontal")
            continue
        if block.page_break_after is None:
            _pdf_table(pdf, block, all_rows, col_w, 8)
            continue
        head = list(range(block.header_rows)) if repeat_header else []
        _pdf_table(pdf, block, all_rows[:block.page_break_after + 1], col_w, 8)
        pdf.add_page()
        _pdf_table(pdf, block, head + all_rows[block.page_break_after + 1:], col_w, 8)
    pdf.output(str(path))
    return Path(path)


def _pdf_rules(pdf, table: Table, col_w: list[float], row_h: float, lines: bool = True) -> None:
    """A table ruled with horizontal lines only (common in reports), or with no lines at all: the cell
    texts placed in columns (labels left-aligned, numbers right-aligned)."""
    x0, y0 = pdf.l_margin, pdf.get_y()
    width = sum(col_w)
    for r, row in enumerate(table.rows):
        y = y0 + r * row_h
        if lines:
            pdf.line(x0, y, x0 + width, y)
        for c, text in enumerate(row):
            if text:
                pdf.set_xy(x0 + sum(col_w[:c]) + 1, y)
                pdf.cell(col_w[c] - 2, row_h, text, align="R" if c else "L")
    if lines:
        pdf.line(x0, y0 + len(table.rows) * row_h, x0 + width, y0 + len(table.rows) * row_h)
    pdf.set_xy(x0, y0 + len(table.rows) * row_h + 4)
