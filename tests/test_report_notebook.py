"""The report notebook end to end: papermill for two regions, export, and a fast failure on a bad region."""

from __future__ import annotations

import json
import re
from pathlib import Path

import nbformat
import pytest

from helpers import config
from helpers.export import export_html, find_errors
from report_fixtures import write_processed

pm = pytest.importorskip("papermill")

SECTIONS = ["개요와 출처", "핵심 지표", "목표 대비 실적", "예산과 집행", "다른 지역과 비교", "데이터 품질", "방법 설명"]


@pytest.fixture(scope="module")
def processed(tmp_path_factory):
    return write_processed(tmp_path_factory.mktemp("processed"))


def _visible(page: str) -> str:
    """The page's text as a reader sees it: no style blocks, no base64 data, no tags."""
    page = re.sub(r"<style.*?</style>", "", page, flags=re.S)
    page = re.sub(r"data:[^\"')]+", "", page)
    return re.sub(r"<[^>]+>", " ", page)


def _run(tmp_path, processed, region):
    out = tmp_path / "out.ipynb"
    pm.execute_notebook(str(config.REPORT_NOTEBOOK), str(out), parameters={"region": region,
                        "processed_dir": str(processed)}, progress_bar=False, cwd=str(tmp_path), kernel_name="python3")
    return nbformat.read(out, as_version=4)


def test_committed_notebooks_have_no_outputs():
    for path in sorted(config.NOTEBOOKS_DIR.glob("*.ipynb")):
        nb = json.loads(Path(path).read_text(encoding="utf-8"))
        for cell in nb["cells"]:
            assert not cell.get("outputs") and cell.get("execution_count") is None, path.name
    params = [c for c in nbformat.read(config.REPORT_NOTEBOOK, as_version=4).cells if "parameters" in c.metadata.get("tags", [])]
    assert len(params) == 1 and "region: str" in params[0].source


@pytest.mark.slow
def test_report_with_indicators(tmp_path, processed):
    nb = _run(tmp_path, processed, 41130)  # an int, as papermill's CLI would pass it
    assert find_errors(nb) == []
    page = export_html(nb, "경기도 성남시 (41130) 복지사업 평가 보고서")
    assert "<title>경기도 성남시 (41130) 복지사업 평가 보고서</title>" in page
    for s in SECTIONS:
        assert re.search(rf"<h2[^>]*>{s}", page), s
    text = _visible(page)
    assert "Traceback" not in text and "Error" not in text and "report.section" not in text
    # numbers from the processed tables: 11 → 8 (72.7%), budget 5,759 → 5,519 백만원
    assert "72.7%" in page and "57.6" in page and "55.2" in page and "004_36d7a86073e0eb52:1566" in page
    assert page.count("data:image/png;base64,") >= 4


@pytest.mark.slow
def test_report_without_indicators(tmp_path, processed):
    nb = _run(tmp_path, processed, "서울특별시 서대문구")
    page = export_html(nb, "서울특별시 서대문구 (11410) 복지사업 평가 보고서")
    assert "목표 대비 실적 자료가 없습니다" in page and "2-1-1. 어르신일자리 확대" in page
    assert "&lt;수정전, 수정후&gt;" in page and "<수정전" not in page


@pytest.mark.slow
def test_invalid_region_fails_fast_listing_valid_regions(tmp_path, processed):
    with pytest.raises(pm.PapermillExecutionError) as err:
        _run(tmp_path, processed, "99999")
    msg = str(err.value)
    assert "ReportError" in msg and "Valid regions:" in msg and "41130 경기도 성남시" in msg
    nb = nbformat.read(tmp_path / "out.ipynb", as_version=4)
    executed = [c for c in nb.cells if c.cell_type == "code" and c.execution_count]
    assert len(executed) <= 3  # stopped at validation: no section ran
