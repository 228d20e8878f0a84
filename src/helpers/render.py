"""HTML fragments for report sections: escaped text, tables with provenance, headline cards, notes.

All text that comes from documents passes through :func:`esc` (documents contain fragments such as
``<ul style=...>``: they must show as text, never be interpreted). Every table row of facts carries its
source: a 출처 column ``doc_id:line`` whose tooltip is the raw line, so a reader can find it in the document
(and, for a native HWPX/HWP/PDF document, ``source_ref``: the page, table and row in the original file).
"""

from __future__ import annotations

import base64
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
    """A table column: source column, Korean header, formatter (value → text) and whether it is numeric.

    ``exact``: the column holds won amounts; the cell's tooltip shows the exact figure (``1,234,000,000원``).
    """

    name: str
    header: str
    fmt: Callable[[object], str] | None = None
    numeric: bool = False
    css: Callable[[object], str] | None = None
    wrap: bool = False  # long text (사업명, 내용): may wrap; short cells (연도, 상태) stay on one line
    exact: bool = False
    href: Callable[[pd.Series], str] | None = None  # row → link target (empty: plain text)


def row_anchor(doc_id, line) -> str:
    """The HTML id of the first table row showing ``doc_id:line`` (quality flags link to it)."""
    return f"row-{esc(doc_id)}-{esc(line)}"


def provenance_cell(doc_id, line, source_text, source_ref=None) -> str:
    """``<td>`` showing ``doc_id:line`` with the raw line as tooltip; a fact of a native document (HWPX, HWP,
    PDF) adds where it sits in the original file (``source_ref``: ``p.2 표3 2행``), which a reader can open."""
    where = f"{esc(doc_id)}:{esc(line)}" if doc_id is not None and str(doc_id) else MISSING
    if not is_missing(source_ref) and str(source_ref).strip():
        where += f" · {esc(source_ref)}"
    tip = esc(source_text)
    return f'<td class="src" title="{tip}">{where}</td>'


def csv_data_uri(df: pd.DataFrame) -> str:
    """A ``data:`` URI of ``df`` as CSV (UTF-8 with BOM so Excel shows Hangul), deterministic, exact values."""
    data = "\ufeff" + df.to_csv(index=False, lineterminator="\n")
    return "data:text/csv;charset=utf-8;base64," + base64.b64encode(data.encode("utf-8")).decode("ascii")


def download_link(df: pd.DataFrame, name: str, label: str = "CSV 내려받기") -> str:
    """A link that downloads ``df`` (every row and column, amounts in exact won) as ``name``.csv."""
    money = ", 금액은 원 단위 정확한 값" if any(str(c).endswith("_krw") for c in df.columns) else ""
    return (f'<p class="download"><a download="{esc(name)}.csv" href="{csv_data_uri(df)}">{esc(label)}</a> '
            f'<span class="meta">({len(df):,}행{money})</span></p>')


#: Sorting of report tables by clicking a header: a few lines, inline, no library. Numbers sort by value
#: (the cell's ``data-v`` when present, else its text without separators); text by Korean collation.
SORT_SCRIPT = """<script>
document.addEventListener('click', function (e) {
  var th = e.target.closest && e.target.closest('table.sortable th');
  if (!th) return;
  var table = th.closest('table'), body = table.tBodies[0], i = Array.prototype.indexOf.call(th.parentNode.children, th);
  var dir = th.getAttribute('aria-sort') === 'ascending' ? -1 : 1;
  Array.prototype.forEach.call(th.parentNode.children, function (h) { h.removeAttribute('aria-sort'); });
  th.setAttribute('aria-sort', dir === 1 ? 'ascending' : 'descending');
  function key(tr) { var c = tr.children[i]; var v = c.getAttribute('data-v'); if (v !== null) return parseFloat(v);
    var t = c.textContent.replace(/[,%]/g, '').trim(); var n = parseFloat(t); return (t !== '' && !isNaN(n) && /^[-\\d.]+$/.test(t)) ? n : c.textContent; }
  var rows = Array.prototype.slice.call(body.rows);
  rows.sort(function (a, b) { var x = key(a), y = key(b);
    if (typeof x === 'number' && typeof y === 'number') return (x - y) * dir;
    if (typeof x === 'number') return -1; if (typeof y === 'number') return 1;
    return String(x).localeCompare(String(y), 'ko') * dir; });
  rows.forEach(function (r) { body.appendChild(r); });
});
</script>"""


def table(df: pd.DataFrame, cols: Sequence[Col], provenance: bool = True, caption: str = "",
          row_class: Callable[[pd.Series], str] | None = None, max_rows: int | None = None,
          download: str = "", anchors: set | None = None) -> str:
    """An HTML table with Korean headers and formatted numbers; with ``provenance`` a 출처 column.

    Tables are complete and sortable (click a header; :data:`SORT_SCRIPT`). ``download`` names a CSV of
    the table's rows (all columns, exact won) linked under it. ``anchors``: a page-wide set of row ids
    already used; the first row of each ``doc_id:line`` gets an id (:func:`row_anchor`) so a quality flag
    can link to it. ``max_rows`` shows the first rows only, and then a download link is required.
    """
    if df.empty:
        return '<p class="empty">표시할 자료가 없습니다.</p>'
    shown = df if max_rows is None else df.head(max_rows)
    head = "".join(f'<th class="{"num" if c.numeric else ""}">{esc(c.header)}</th>' for c in cols)
    if provenance:
        native = "source_ref" in shown and shown["source_ref"].map(lambda r: not is_missing(r) and bool(str(r).strip())).any()
        head += '<th>출처 (문서:행 · 원본 위치)</th>' if native else '<th>출처 (문서:행)</th>'
    body = []
    for row in _rows(shown, series=row_class is not None or any(c.href for c in cols)):
        cells = []
        for c in cols:
            value = row.get(c.name)
            text = c.fmt(value) if c.fmt else (MISSING if is_missing(value) else str(value))
            klass = " ".join(k for k in ("num" if c.numeric else "", "wrap" if c.wrap else "",
                                         c.css(value) if c.css else "") if k)
            extra = ""
            if c.numeric and not is_missing(value) and isinstance(value, (int, float)):
                extra = f' data-v="{float(value)!r}"'
                if c.exact:
                    extra += f' title="{float(value):,.0f}원"'
            inner = esc(text)
            target = c.href(row) if c.href else ""
            if target:
                inner = f'<a href="{esc(target)}">{inner}</a>'
            cells.append(f'<td class="{klass}"{extra}>{inner}</td>')
        if provenance:
            cells.append(provenance_cell(row.get("doc_id"), row.get("line"), row.get("source_text"), row.get("source_ref")))
        cls = f' class="{esc(row_class(row))}"' if row_class else ""
        rid = ""
        if anchors is not None and provenance and not is_missing(row.get("line")):
            anchor = row_anchor(row.get("doc_id"), int(row.get("line")))
            if anchor not in anchors:
                anchors.add(anchor)
                rid = f' id="{anchor}"'
        body.append(f"<tr{rid}{cls}>{''.join(cells)}</tr>")
    cap = f"<caption>{esc(caption)}</caption>" if caption else ""
    more = ""
    if max_rows is not None and len(df) > max_rows:
        more = f'<p class="note">… 전체 {len(df):,}행 중 앞의 {max_rows:,}행만 보입니다. 전체는 아래 CSV에 있습니다.</p>'
    link = download_link(df, download) if download else ""
    return (f'<div class="table-wrap"><table class="data sortable">{cap}<thead><tr>{head}</tr></thead>'
            f'<tbody>{"".join(body)}</tbody></table></div>{more}{link}')


def _rows(df: pd.DataFrame, series: bool):
    """The rows of ``df`` for :func:`table`, each answering ``row.get(column)`` with what ``iterrows`` gives.

    ``iterrows`` builds a Series per row from ``df.values`` (one array for all columns); a plain dict over
    the same array holds the same values and costs a fraction, which counts for tables of a thousand rows.
    Series are kept when a callback receives the row (``href``, ``row_class``) or columns repeat a name.
    """
    if series or not df.columns.is_unique:
        return (row for _, row in df.iterrows())
    columns = list(df.columns)
    return (dict(zip(columns, values, strict=True)) for values in df.values)


def note(text: str, kind: str = "info") -> str:
    """A boxed sentence: ``info`` (method/caveat), ``warn`` (period-to-date, small n), ``empty`` (no data)."""
    return f'<p class="note {esc(kind)}">{esc(text)}</p>'


def card(label: str, value: str, detail: str = "", scope: str = "", caveat: str = "") -> str:
    """A headline figure: label, big value, a line of detail (n, interval or why there is none), the scope
    it covers (documents, programme/department, year, as-of) and a caveat (casebook: selected cases)."""
    extra = f'<div class="card-scope">범위: {esc(scope)}</div>' if scope else ""
    if caveat:
        extra += f'<div class="card-caveat">{esc(caveat)}</div>'
    return (f'<div class="card"><div class="card-label">{esc(label)}</div>'
            f'<div class="card-value">{esc(value)}</div><div class="card-detail">{esc(detail)}</div>{extra}</div>')


def cards(items: Sequence[str]) -> str:
    return f'<div class="cards">{"".join(items)}</div>'


def h3(text: str) -> str:
    return f"<h3>{esc(text)}</h3>"


def status_badge(status: str) -> str:
    """CSS class for a status cell (colours match plots.STATUS_COLORS)."""
    return {"초과달성": "st-over", "달성": "st-met", "미달성": "st-under", "진행 중": "st-prog"}.get(status, "st-none")
