"""Integration: the report sections on tables extracted from the project's raw documents (not fixtures)."""

from __future__ import annotations

import pytest

from helpers import config, data, metrics, report
from helpers.extract.pipeline import run_extract


@pytest.fixture(scope="module")
def extracted(tmp_path_factory):
    out = tmp_path_factory.mktemp("processed")
    run_extract(config.RAW_DIR, out)
    return out


SECTIONS = ("section_header", "section_headline", "section_targets", "section_spending", "section_quality",
            "section_method")


@pytest.mark.slow
@pytest.mark.parametrize("region", ["11", "11410", "41130"])
def test_sections_on_extracted_tables(extracted, region):
    ctx = report.validate_params(region, processed_dir=extracted)
    html = "".join(getattr(report, s)(ctx).html for s in SECTIONS)
    assert ctx.region.name in html
    ind = metrics.add_status(data.load_indicators(region, processed_dir=extracted))
    judged = ind[ind["status"].isin(metrics.STATUSES)]
    if len(judged):
        k = int(judged["status"].isin(("초과달성", "달성")).sum())
        assert f"{k}/{len(judged)}개 지표 달성" in html  # the headline counts the extracted rows
    else:
        assert "목표 대비 실적 자료가 없습니다" in html
    assert "<ul style" not in html  # document markup never passes through unescaped


@pytest.mark.slow
def test_every_region_with_data_validates(extracted):
    valid = report.regions_with_data(extracted)
    assert len(valid) >= 10
    for code in valid["region_code"]:
        assert report.validate_params(code, processed_dir=extracted).region.code == code
