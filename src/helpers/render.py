"""HTML fragments for report sections: escaped text, tables with provenance, headline cards, notes.

All text that comes from documents passes through :func:`esc` (documents contain fragments such as
``<ul style=...>``: they must show as text, never be interpreted). Every table row of facts carries its
source: a 출처 column ``doc_id:line`` whose tooltip is the raw line, so a reader can find it in the document.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import pandas as pd

from .formatting import MISSING, is_missing


def esc(text) -> str:
    """HTML-escape any value (quotes too, so it is also safe inside attributes); missing → empty."""
    if is_missing(text):
        return ""
    return html.escape(str(text), quote=True)


@dataclass
class Fragment:
    """A piece of report HTML; notebooks display it (``_repr_html_``), tests read ``.html``."""

    html: str

    def _repr_html_(self) -> str:
        return self.html

    def __add__(self, other: Fragment) -> Fragment:
        return Fragment(self.html + other.html)


@dataclass(frozen=True)
class Col:
    """A table column: source column, Korean header, formatter (value → text) and whether it is numeric."""

    name: str
    header: str
    fmt: Callable[[object], str] | None = None
    numeric: bool = False
    css: Callable[[object], str] | None = None
    wrap: bool = False  # long text (사업명, 내용): may wrap; short cells (연도, 상태) stay on one line


def provenance_cell(doc_id, line, source_text) -> str:
    """``<td>`` showing ``doc_id:line`` with the raw line as tooltip."""
    where = f"{esc(doc_id)}:{esc(line)}" if doc_id is not None and str(doc_id) else MISSING
    tip = esc(source_text)
    return f'<td class="src" title="{tip}">{where}</td>'


def table(df: pd.DataFrame, cols: Sequence[Col], provenance: bool = True, caption: str = "",
          row_class: Callable[[pd.Series], str] | None = None, max_rows: int | None = None) -> str:
    """An HTML table with Korean headers and formatted numbers; with ``provenance`` a 출처 column.

    ``max_rows`` truncates long tables with a note saying how many rows are not shown.
    """
    if df.empty:
        return '<p class="empty">표시할 자료가 없습니다.</p>'
    shown = df if max_rows is None else df.head(max_rows)
    head = "".join(f'<th class="{"num" if c.numeric else ""}">{esc(c.header)}</th>' for c in cols)
    if provenance:
        head += '<th>출처 (문서:행)</th>'
    body = []
    for _, row in shown.iterrows():
        cells = []
        for c in cols:
            value = row.get(c.name)
            text = c.fmt(value) if c.fmt else (MISSING if is_missing(value) else str(value))
            klass = " ".join(k for k in ("num" if c.numeric else "", "wrap" if c.wrap else "",
                                         c.css(value) if c.css else "") if k)
            cells.append(f'<td class="{klass}">{esc(text)}</td>')
        if provenance:
            cells.append(provenance_cell(row.get("doc_id"), row.get("line"), row.get("source_text")))
        cls = f' class="{esc(row_class(row))}"' if row_class else ""
        body.append(f"<tr{cls}>{''.join(cells)}</tr>")
    cap = f"<caption>{esc(caption)}</caption>" if caption else ""
    more = ""
    if max_rows is not None and len(df) > max_rows:
        more = (f'<p class="note">… 전체 {len(df):,}행 중 앞의 {max_rows:,}행만 보입니다 ({len(df) - max_rows:,}행 생략; '
                f'전체는 data/processed의 CSV에 있습니다).</p>')
    return (f'<div class="table-wrap"><table class="data">{cap}<thead><tr>{head}</tr></thead>'
            f'<tbody>{"".join(body)}</tbody></table></div>{more}')


def note(text: str, kind: str = "info") -> str:
    """A boxed sentence: ``info`` (method/caveat), ``warn`` (period-to-date, small n), ``empty`` (no data)."""
    return f'<p class="note {esc(kind)}">{esc(text)}</p>'


def card(label: str, value: str, detail: str = "") -> str:
    """A headline figure: label, big value, a line of detail (n, interval or why there is none)."""
    return (f'<div class="card"><div class="card-label">{esc(label)}</div>'
            f'<div class="card-value">{esc(value)}</div><div class="card-detail">{esc(detail)}</div></div>')


def cards(items: Sequence[str]) -> str:
    return f'<div class="cards">{"".join(items)}</div>'


def h3(text: str) -> str:
    return f"<h3>{esc(text)}</h3>"


def status_badge(status: str) -> str:
    """CSS class for a status cell (colours match plots.STATUS_COLORS)."""
    return {"초과달성": "st-over", "달성": "st-met", "미달성": "st-under", "진행 중": "st-prog"}.get(status, "st-none")
