"""The batch's shortcuts give the same results as the long way: one export pass instead of two, the report
templates compiled once per process, the font's glyph order kept, the bar-label fit without a draw, table rows
without a Series each, validated tables kept per process, the largest report first, and the chart theme in
the warm kernel's snapshot.
"""

from __future__ import annotations

import math
from pathlib import Path

import nbformat
import pandas as pd
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from helpers import data, export
from helpers.batch import plan as batch_plan
from helpers.kernels import notebook_imports
from helpers.render import Col, _rows, table
from helpers.runlog import RunManifest

NOTEBOOKS = Path(__file__).parent / "fixtures" / "notebooks"
GURO, SEODAEMUN = "11530", "11410"


# -- export ---------------------------------------------------------------------------------------------

def _page_nb():
    html = ('<h3>표 &amp; 차트</h3><table class="data"><tr><td title="원문 &quot;인용&quot; it&#x27;s">1,234</td>'
            '<td>a &lt;b&gt; 그리고 \'따옴표\'</td></tr></table><p>끝<br>줄</p>')
    return new_notebook(cells=[
        new_markdown_cell("# 지역 복지사업 평가 보고서"),
        new_markdown_cell("## 개요 & 출처 ‘인용’"),
        new_code_cell("x", outputs=[new_output("display_data", data={"text/html": html})]),
        new_markdown_cell("## 핵심 지표 <b>굵게</b>"),
        new_code_cell("y", outputs=[new_output("display_data", data={"text/html": "<p>달성 비율 80.0%</p>"})]),
    ])


def test_one_export_pass_gives_the_page_of_two(monkeypatch):
    nb = _page_nb()
    once = export.export_html(nb, "서울특별시 (11) 복지사업 평가 보고서")
    monkeypatch.setattr(export, "_render_once", lambda exporter, nb: None)  # the two plain passes
    twice = export.export_html(nb, "서울특별시 (11) 복지사업 평가 보고서")
    assert once == twice
    assert "개요 &amp; 출처" in once and "@font-face" in once


def test_a_marker_in_the_content_falls_back_to_two_passes(monkeypatch):
    nb = _page_nb()
    nb.cells.append(new_markdown_cell(f"본문에 {export._TOC_MARK} 글자"))
    calls = []
    original = export._render_once
    monkeypatch.setattr(export, "_render_once", lambda e, n: calls.append(1) or original(e, n))
    page = export.export_html(nb, "t")
    assert calls and export._TOC_MARK in page  # the text stays; the TOC is built by the two passes
    monkeypatch.setattr(export, "_render_once", lambda e, n: None)
    assert export.export_html(nb, "t") == page


def test_templates_compiled_once_give_the_page_of_a_plain_exporter(monkeypatch):
    from jinja2 import Environment
    from nbconvert import HTMLExporter

    nb = _page_nb()
    export.export_html(nb, "서울특별시 (11)")  # compiles the templates into this process's cache (once)
    compiles = []
    original = Environment.compile
    monkeypatch.setattr(Environment, "compile", lambda self, *a, **k: compiles.append(a) or original(self, *a, **k))
    cached = export.export_html(nb, "서울특별시 (11)")
    assert compiles == []  # a new exporter, no template parsed or compiled again
    monkeypatch.setattr(export, "_exporter_class", lambda: HTMLExporter)  # compiles every template afresh
    plain = export.export_html(nb, "서울특별시 (11)")
    assert compiles  # the long way did compile
    assert cached == plain


def test_bar_label_fit_without_a_draw_gives_the_chart_of_the_long_way(monkeypatch):
    from helpers import plots

    ind = pd.DataFrame({"program": ["돌봄", "일자리", ""], "indicator": ["방문 건수", "참여 인원 (연인원 기준)", "만족도"],
                        "achievement": [183.4, 300.0, 41.0], "actual": [5502, 85378, 41], "target": [3000, 35500, 100],
                        "unit": ["건", "명 (연인원 기준)", "점"], "status": ["초과 달성", "진행 중", "미달"],
                        "as_of": pd.to_datetime([None, "2024-03-31", None])})
    fast = plots.achievement_chart(ind, "성과지표 달성률")
    original = plots._fit_texts

    def drawn_first(fig, ax, texts):
        if texts:
            fig.draw_without_rendering()
        original(fig, ax, texts)

    monkeypatch.setattr(plots, "_fit_texts", drawn_first)
    slow = plots.achievement_chart(ind, "성과지표 달성률")
    assert fast.axes[0].get_xlim() == slow.axes[0].get_xlim()
    assert fast.axes[0].get_xlim()[1] > 300.0 * 1.35  # the labels did widen the range
    assert plots.to_png_html(fast, "a") == plots.to_png_html(slow, "a")


def test_font_subset_is_the_same_with_the_kept_glyph_order(monkeypatch):
    page = "<p>서울특별시 구로구 복지사업 123,456원 · 달성률 ‘97.5%’</p>"
    monkeypatch.setattr(export, "_GLYPH_ORDERS", {})
    first = export.font_face_css(page)  # computes the glyph order from the font
    assert len(export._GLYPH_ORDERS) == 1
    again = export.font_face_css(page)  # reuses it
    assert again == first
    assert export.font_face_css(page + "가") != first  # a new character still changes the subset


# -- table rows -----------------------------------------------------------------------------------------

def _mixed_frame():
    return pd.DataFrame({
        "doc_id": ["d1", "d2", "d3"],
        "line": pd.array([3, None, 7], dtype="Int64"),
        "value": [1.5, float("nan"), 2e9],
        "count": [1, 2, 3],
        "label": ["가 & <b>", None, "다"],
        "flag": [True, False, True],
        "as_of": pd.to_datetime(["2024-03-01", None, "2024-12-31"]),
    })


@pytest.mark.parametrize("frame", [_mixed_frame(), _mixed_frame()[["value", "count"]]], ids=["mixed", "numeric"])
def test_table_rows_hold_what_iterrows_gives(frame):
    fast = list(_rows(frame, series=False))
    slow = list(_rows(frame, series=True))
    assert len(fast) == len(slow) == len(frame)
    for a, b in zip(fast, slow, strict=True):
        for col in [*frame.columns, "missing_column"]:
            x, y = a.get(col), b.get(col)
            assert type(x) is type(y), col
            assert (x is y) or (x == y) or (isinstance(x, float) and math.isnan(x) and math.isnan(y)) \
                or (pd.isna(x) and pd.isna(y)), col


def test_table_html_is_the_same_on_both_paths():
    frame = _mixed_frame()
    cols = [Col("label", "이름", wrap=True), Col("value", "값", numeric=True, exact=True), Col("count", "수", numeric=True),
            Col("flag", "참"), Col("as_of", "기준일")]
    fast = table(frame, cols, download="x", anchors=set())
    # an href that links nothing forces the Series path without changing a cell
    slow = table(frame, [*cols[:-1], Col("as_of", "기준일", href=lambda row: "")], download="x", anchors=set())
    assert fast == slow
    assert 'data-v="2000000000.0" title="2,000,000,000원"' in fast and 'id="row-d1-3"' in fast


# -- validated tables kept per process ------------------------------------------------------------------

def test_validated_tables_are_read_again_only_when_the_file_changes(processed_fixture, monkeypatch):
    calls = []
    original = data.validate
    monkeypatch.setattr(data, "validate", lambda df, table, source=None: calls.append(table) or original(df, table, source=source))
    monkeypatch.setattr(data, "_VALIDATED", {})
    first = data.load_funding(processed_dir=processed_fixture)
    first.loc[0, "amount_krw"] = -1.0  # a caller changing its frame changes nothing kept
    second = data.load_funding(processed_dir=processed_fixture)
    assert calls == ["funding"]
    assert second["amount_krw"].iloc[0] != -1.0
    pd.testing.assert_frame_equal(second, data.load_funding(processed_dir=processed_fixture))

    path = processed_fixture / "funding.parquet"
    frame = pd.read_parquet(path)
    frame.loc[0, "program"] = "바뀐 사업"
    frame.to_parquet(path.with_suffix(".tmp"), index=False)
    path.with_suffix(".tmp").replace(path)  # replaced as the extractor does
    assert data.load_funding(processed_dir=processed_fixture)["program"].iloc[0] == "바뀐 사업"
    assert calls == ["funding", "funding"]


# -- scheduling -----------------------------------------------------------------------------------------

def _plan(processed, reports, regions):
    req = batch_plan.Request(regions, reports, processed, NOTEBOOKS / "ok_params.ipynb", {}, False, 60.0)
    return batch_plan.plan_batch(req, RunManifest(reports), True, "test")


def test_the_report_reading_the_most_rows_is_rendered_first(processed_fixture, tmp_path):
    path = processed_fixture / "plan_items.parquet"
    items = pd.read_parquet(path)
    assert set(items["region_code"]) == {SEODAEMUN}
    more = pd.concat([items] * 6, ignore_index=True).assign(line=lambda d: range(100, 100 + len(d)))
    more.to_parquet(path, index=False)  # 서대문구 now has far more rows than 구로구
    for asked in ([GURO, SEODAEMUN], [SEODAEMUN, GURO]):
        planned = _plan(processed_fixture, tmp_path / "reports", asked)
        assert [t.code for t in planned.tasks] == [SEODAEMUN, GURO]
        assert planned.codes == asked  # the manifest keeps the order asked for


# -- warm kernels ---------------------------------------------------------------------------------------

def test_notebook_imports_name_the_submodules_of_from_imports():
    nb = new_notebook(cells=[new_code_cell("from helpers import notebook_params, report\nimport pandas as pd")])
    assert notebook_imports(nb) == ["helpers", "helpers.notebook_params", "helpers.report", "pandas"]
    assert notebook_imports(nbformat.from_dict(nb)) == notebook_imports(dict(nb))  # plain JSON works too


@pytest.mark.slow
def test_every_region_in_a_warm_kernel_starts_with_the_chart_theme():
    """The warm-up applies helpers.plots.setup before the snapshot: a region that changes the theme's
    rcParams leaves the next one the themed values, as a fresh kernel gives them at its first chart."""
    from helpers.kernels import WarmKernel

    cell = ('import matplotlib\nprint(matplotlib.rcParams["font.family"], matplotlib.rcParams["axes.grid"])\n'
            'matplotlib.rcParams["axes.grid"] = False\nmatplotlib.rcParams["font.family"] = ["serif"]')
    kernel = WarmKernel(NOTEBOOKS)
    try:
        kernel.warm(["helpers", "helpers.report"])
        seen = []
        for _ in range(2):
            nb = new_notebook(cells=[new_code_cell(cell)])
            assert kernel.execute(nb, 60) is None
            seen.append(nb.cells[0].outputs[0]["text"].strip())
    finally:
        kernel.shutdown()
    assert seen == ["['NanumGothic'] True", "['NanumGothic'] True"]
