"""Executed notebook → one self-contained HTML page (nbconvert), readable offline.

Code cells and prompts are hidden, images stay embedded (base64), the page gets the region in its
title and a table of contents built from the notebook's section headings. The template (``templates/
report``) drops the require.js / MathJax / Mermaid CDN scripts of nbconvert's lab template, and the
result is checked to load nothing from the network. A notebook with an error output is refused: a
report must never show a traceback.
"""

from __future__ import annotations

import copy
import functools
import html
import re
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # annotations only: importing nbformat costs seconds to the index, which needs the CSS
    import nbformat

from .errors import ReportError

TEMPLATES = Path(__file__).parent / "templates"

REPORT_CSS = """
:root, body.report { --jp-content-font-family: "ReportHangul", "NanumGothic", "Noto Sans CJK KR", "Malgun Gothic", sans-serif;
  --jp-ui-font-family: var(--jp-content-font-family); }
body.report { font-family: "ReportHangul", "NanumGothic", "Noto Sans CJK KR", "Malgun Gothic", "Apple SD Gothic Neo", sans-serif;
  margin: 0; background: #fff; color: #222; }
body.report main { max-width: 1080px; margin: 0 auto; padding: 16px 24px 48px 24px; }
nav.toc { max-width: 1080px; margin: 0 auto; padding: 12px 24px 0 24px; font-size: 14px; }
nav.toc ol { margin: 4px 0 0 0; padding-left: 20px; columns: 2; }
nav.toc .toc-title { font-weight: bold; }
.jp-RenderedHTMLCommon h1 { font-size: 26px; }
.jp-RenderedHTMLCommon h2 { border-bottom: 2px solid #3182bd; padding-bottom: 4px; margin-top: 32px; }
.region-title { font-size: 28px; font-weight: bold; margin: 8px 0; }
.region-title .code { font-size: 18px; color: #666; font-weight: normal; }
p.meta { color: #555; font-size: 13px; }
p.note { border-left: 4px solid #9ecae1; background: #f4f8fb; padding: 6px 10px; font-size: 13px; }
p.note.warn { border-left-color: #f0a04b; background: #fff7ec; }
p.note.empty { border-left-color: #999; background: #f5f5f5; font-weight: bold; }
.cards { display: flex; flex-wrap: wrap; gap: 12px; margin: 8px 0 12px 0; }
.card { flex: 1 1 260px; border: 1px solid #ddd; border-radius: 6px; padding: 10px 14px; background: #fafafa; }
.card-label { font-size: 13px; color: #555; }
.card-value { font-size: 26px; font-weight: bold; margin: 4px 0; }
.card-detail { font-size: 12px; color: #555; }
.table-wrap { max-width: 100%; overflow-x: auto; margin: 6px 0 12px 0; }
.jp-RenderedHTMLCommon table.data { border-collapse: collapse; font-size: 12.5px; width: 100%; table-layout: auto; }
.jp-RenderedHTMLCommon table.data th { background: #eef3f8; text-align: left; padding: 4px 6px; border-bottom: 1px solid #bbb; white-space: nowrap; }
.jp-RenderedHTMLCommon table.data td { padding: 3px 6px; border-bottom: 1px solid #e5e5e5; text-align: left; vertical-align: top;
  white-space: nowrap; }
.jp-RenderedHTMLCommon table.data td.wrap { white-space: normal; min-width: 7em; max-width: 320px; overflow-wrap: anywhere; }
.jp-RenderedHTMLCommon table.data .num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
.jp-RenderedHTMLCommon table.data td.src { font-family: monospace; font-size: 11px; color: #555; white-space: nowrap; cursor: help; }
.jp-RenderedHTMLCommon table.data tr.me td { background: #fff1e6; font-weight: bold; }
td.st-over { color: #1b7837; font-weight: bold; } td.st-met { color: #3d8b45; font-weight: bold; }
td.st-under { color: #c0392b; font-weight: bold; } td.st-prog { color: #2c7fb8; } td.st-none { color: #888; }
td.chk-bad { color: #c0392b; font-weight: bold; }
img.chart { max-width: 100%; height: auto; display: block; margin: 8px 0; }
ul.method li { margin-bottom: 4px; }
"""

def _font_file() -> Path:
    import koreanize_matplotlib

    return Path(koreanize_matplotlib.get_font_ttf_path())


def font_face_css(page: str) -> str:
    """An ``@font-face`` rule embedding NanumGothic, cut down to the characters ``page`` uses.

    Readers on machines without a Korean font would otherwise see empty boxes, and fetching a web font
    would break the offline rule. The subset (fontTools, a matplotlib dependency) is typically 50–200 kB
    instead of the 4.7 MB full font; base64 image data is left out of the character count.
    """
    import base64
    import io
    import logging

    from fontTools import subset

    logging.getLogger("fontTools.subset").setLevel(logging.ERROR)  # "TSI0 NOT subset": hinting sources, dropped
    text = re.sub(r"data:[^\"')]+", "", page)
    chars = {ord(c) for c in set(text) if ord(c) >= 32} | set(range(32, 127))
    options = subset.Options()
    options.flavor = "woff"
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.notdef_outline = True
    font = subset.load_font(str(_font_file()), options)
    _reuse_glyph_order(font, str(_font_file()))
    sub = subset.Subsetter(options)
    sub.populate(unicodes=sorted(chars))
    sub.subset(font)
    buf = io.BytesIO()
    subset.save_font(font, buf, options)
    data = base64.b64encode(buf.getvalue()).decode("ascii")
    return ('@font-face { font-family: "ReportHangul"; font-style: normal; font-weight: 400 900; '
            f'src: url(data:font/woff;base64,{data}) format("woff"); }}')


#: The font's glyph order, by font file: fontTools derives it from the character map on every load (a
#: third of the subsetting time); it is the same list each time, so one worker computes it once.
_GLYPH_ORDERS: dict[str, list[str]] = {}


def _reuse_glyph_order(font, key: str) -> None:
    """Give a freshly loaded font the glyph order computed at its first load (identical, only cheaper)."""
    if key in _GLYPH_ORDERS:
        font.setGlyphOrder(list(_GLYPH_ORDERS[key]))
    else:
        _GLYPH_ORDERS[key] = list(font.getGlyphOrder())


_H2 = re.compile(r'<h2 id="([^"]+)"[^>]*>(.*?)</h2>', re.S)
_TAGS = re.compile(r"<[^>]+>")
_EXTERNAL = re.compile(r"""<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)\s*=\s*["']?(?:https?:)?//"""
                       r"""|url\(\s*["']?(?:https?:)?//|@import""", re.I)


def find_errors(nb: nbformat.NotebookNode) -> list[str]:
    """``ename: evalue`` of every error output in the notebook."""
    errors = []
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                errors.append(f"{out.get('ename')}: {out.get('evalue')}")
    return errors


def _clean(nb: nbformat.NotebookNode, title: str) -> nbformat.NotebookNode:
    """A copy for readers: no stderr streams (warnings), no papermill bookkeeping, the title in metadata."""
    nb = copy.deepcopy(nb)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = [o for o in cell.get("outputs", [])
                            if not (o.get("output_type") == "stream" and o.get("name") == "stderr")]
    nb.metadata["title"] = title
    return nb


def _toc(body: str) -> str:
    entries = [(anchor, _TAGS.sub("", text).replace("¶", "").strip()) for anchor, text in _H2.findall(body)]
    if not entries:
        return ""
    items = "".join(f'<li><a href="#{anchor}">{text}</a></li>' for anchor, text in entries)
    return f'<div class="toc-title">목차 (contents)</div><ol>{items}</ol>'


def export_html(executed_nb: nbformat.NotebookNode, title: str) -> str:
    """The executed report notebook as a self-contained offline HTML page titled ``title``.

    Raises :class:`ReportError` when the notebook holds an error output or the page would fetch anything
    from the network.
    """
    errors = find_errors(executed_nb)
    if errors:
        raise ReportError(f"notebook has error output, not exported: {errors[0]}")
    nb = _clean(executed_nb, title)
    exporter = _exporter_class()(template_name="report", extra_template_basedirs=[str(TEMPLATES)],
                                 exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True,
                                 theme="light", embed_images=True, language_code="ko")
    body = _render_once(exporter, nb)
    if body is None:  # a marker was not found exactly once: the plain two passes
        # First pass finds the section headings (nbconvert gives each an id); the second renders the TOC.
        body, _ = exporter.from_notebook_node(nb, resources={"report_css": REPORT_CSS, "toc_html": ""})
        toc = _toc(body)
        css = REPORT_CSS + font_face_css(body)
        body, _ = exporter.from_notebook_node(nb, resources={"report_css": css, "toc_html": toc})
    body = body.replace(f"<title>{html.escape(title, quote=False)}</title>", f"<title>{html.escape(title)}</title>", 1)
    external = _EXTERNAL.search(body)
    if external:
        raise ReportError(f"exported page would load from the network: {external.group(0)[:120]}")
    return body


@functools.cache
def _exporter_class():
    """``HTMLExporter`` whose Jinja environments compile each template once per process.

    Each export makes its own exporter (so nothing of one report reaches the next), and each exporter makes
    its own Jinja environment, which parsed and compiled the ten templates of the report's chain again for
    every report: about a third of a worker's export time. The environments made here share one in-memory
    bytecode cache, so a new one loads the code the first one compiled. Jinja keys an entry by template name
    and file and checks the source's checksum (a changed template is compiled afresh); the code is the code
    it would have compiled, so pages are unchanged.
    """
    from jinja2 import BytecodeCache
    from nbconvert import HTMLExporter

    class CompiledTemplates(BytecodeCache):
        def __init__(self):
            self.code: dict[str, bytes] = {}

        def load_bytecode(self, bucket) -> None:
            if bucket.key in self.code:
                bucket.bytecode_from_string(self.code[bucket.key])

        def dump_bytecode(self, bucket) -> None:
            self.code[bucket.key] = bucket.bytecode_to_string()

    compiled = CompiledTemplates()

    class ReportExporter(HTMLExporter):
        def _create_environment(self):
            environment = super()._create_environment()
            environment.bytecode_cache = compiled
            return environment

    return ReportExporter


#: Stand-ins for the page's CSS and table of contents in :func:`_render_once` (plain ASCII letters, which
#: nbconvert and BeautifulSoup pass through unchanged).
_CSS_MARK, _TOC_MARK = "WelfareEvalReportCssMark7f3a", "WelfareEvalReportTocMark7f3a"


def _render_once(exporter, nb) -> str | None:
    """The page of the two passes (headings first, then the TOC and the font made from them), rendered once.

    The TOC and the font subset depend on the rendered page, so the page used to be rendered twice; for a
    large report most of the time goes to nbconvert's BeautifulSoup pass over the whole page. Here the
    page is rendered once with markers where the CSS and the TOC go; the first pass's page is that page
    with the markers replaced by the plain CSS and nothing, and the final page is that page with the
    markers replaced by the full CSS and the TOC as BeautifulSoup writes it (a small, well-formed fragment
    is written the same alone as inside the page). Style text passes through unchanged. Returns None when
    a marker is not found exactly once (then the caller renders twice).
    """
    from bs4 import BeautifulSoup

    marked, _ = exporter.from_notebook_node(nb, resources={"report_css": _CSS_MARK, "toc_html": _TOC_MARK})
    if marked.count(_CSS_MARK) != 1 or marked.count(_TOC_MARK) != 1:
        return None
    first = marked.replace(_CSS_MARK, REPORT_CSS).replace(_TOC_MARK, "")
    toc = _toc(first)
    css = REPORT_CSS + font_face_css(first)
    toc_html = str(BeautifulSoup(toc, features="html.parser"))
    return marked.replace(_CSS_MARK, css).replace(_TOC_MARK, toc_html)
