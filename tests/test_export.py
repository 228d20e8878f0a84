"""helpers.export: hidden code, embedded images, TOC, title, offline page, refusal of error outputs."""

from __future__ import annotations

import re
from urllib.parse import unquote

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from helpers.errors import ReportError
from helpers.export import export_html, find_errors

PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="


def _nb(extra_outputs=()):
    cell = new_code_cell("report.section_headline(ctx)  # SECRET_CODE",
                         outputs=[new_output("display_data", data={"text/html": "<p>달성 비율 80.0%</p>"}),
                                  new_output("display_data", data={"image/png": PNG, "text/plain": "<Figure>"}),
                                  new_output("stream", name="stderr", text="UserWarning: noisy\n"),
                                  *extra_outputs])
    return new_notebook(cells=[new_markdown_cell("# 지역 복지사업 평가 보고서"), new_markdown_cell("## 개요와 출처"),
                               cell, new_markdown_cell("## 핵심 지표")])


def test_export_hides_code_and_keeps_outputs():
    page = export_html(_nb(), "서울특별시 서대문구 (11410) 복지사업 평가 보고서")
    assert "<title>서울특별시 서대문구 (11410) 복지사업 평가 보고서</title>" in page
    assert "SECRET_CODE" not in page and "In&nbsp;[" not in page
    assert "달성 비율 80.0%" in page
    assert f"data:image/png;base64,{PNG}" in page
    assert "noisy" not in page  # warnings on stderr are not shown to readers


def test_export_has_toc_and_no_network_resources():
    page = export_html(_nb(), "t")
    toc = re.search(r'<nav[^>]*class="toc"[^>]*>(.*?)</nav>', page, re.S).group(1)
    assert toc.index("개요와 출처") < toc.index("핵심 지표")
    first = re.findall(r'href="#([^"]+)"', toc)[0]
    assert unquote(first) == "개요와-출처"
    assert f'<h2 id="{first}"' in page  # the link lands on the section heading (same encoding as nbconvert's)
    assert '<html lang="ko">' in page
    assert not re.search(r"<script[^>]+src=", page)
    assert "cdnjs" not in page and "require.min.js" not in page
    assert '@font-face { font-family: "ReportHangul"' in page  # Hangul without a system font, offline


def test_error_output_is_refused():
    err = new_output("error", ename="ReportError", evalue="region '99999' not found", traceback=["Traceback …"])
    nb = _nb([err])
    assert find_errors(nb) == ["ReportError: region '99999' not found"]
    with pytest.raises(ReportError, match="error output"):
        export_html(nb, "t")


def test_export_does_not_modify_the_notebook():
    nb = _nb()
    before = nbformat.writes(nb)
    export_html(nb, "t")
    assert nbformat.writes(nb) == before
