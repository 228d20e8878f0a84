"""helpers.index: every region with data listed with its headline figures and a link when rendered."""

from __future__ import annotations

from helpers.index import write_index
from report_fixtures import write_processed


def test_index_lists_every_region_and_links_rendered_reports(tmp_path):
    processed = write_processed(tmp_path / "processed")
    reports = tmp_path / "reports"
    reports.mkdir()
    (reports / "41130.html").write_text("<html></html>", encoding="utf-8")
    path = write_index(reports, processed)
    assert path == reports / "index.html"
    page = path.read_text(encoding="utf-8")
    assert '<a href="41130.html">경기도 성남시</a>' in page
    assert "서울특별시 서대문구 <span class=\"missing\">(보고서 없음)</span>" in page
    for code in ("11", "11410", "11530", "26500", "41", "41130", "44810", "51820"):
        assert f"<td>{code}</td>" in page
    assert "80.0% (4/5)" in page and "95.9% (n=3)" in page
    assert "overview.html" not in page  # no overview rendered yet
    assert "<script" not in page
