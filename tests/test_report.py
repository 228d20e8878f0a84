"""helpers.report: parameter validation (fast, listing valid values) and section contents on fixture tables."""

from __future__ import annotations

import pytest

from helpers import report
from helpers.errors import ReportError
from report_fixtures import ONE_PERSON, write_processed


@pytest.fixture(scope="module")
def processed(tmp_path_factory):
    return write_processed(tmp_path_factory.mktemp("processed"))


@pytest.mark.parametrize("given", [11410, "11410", 11410.0, "서울특별시 서대문구", "서대문구"])
def test_region_code_or_name_is_normalised(processed, given):
    ctx = report.validate_params(given, processed_dir=processed)
    assert ctx.region.code == "11410" and ctx.codes == ["11410"]
    assert ctx.title == "서울특별시 서대문구 (11410) 복지사업 평가 보고서"


@pytest.mark.parametrize("bad", ["99999", "없는구", "", 11110])  # 11110 종로구 exists but has no data
def test_invalid_region_lists_valid_regions(processed, bad):
    with pytest.raises(ReportError) as err:
        report.validate_params(bad, processed_dir=processed)
    msg = str(err.value)
    assert "Valid regions:" in msg
    for code, name in [("11410", "서울특별시 서대문구"), ("41130", "경기도 성남시"), ("51820", "강원특별자치도 고성군")]:
        assert f"{code} {name}" in msg


def test_year_and_peer_group_are_checked(processed):
    with pytest.raises(ReportError, match="Valid years: 2022"):
        report.validate_params("41130", year=2019, processed_dir=processed)
    ctx = report.validate_params("41130", year="2022", processed_dir=processed)
    assert ctx.year == 2022
    assert report.validate_params("41130", peer_group="sido", processed_dir=processed).peers == ["41130"]
    assert set(report.validate_params("41130", peer_group="level", processed_dir=processed).peers) == {
        "11410", "11530", "26470", "26500", "41130", "44810", "51820"}  # 26470: covered, no figures
    with pytest.raises(ReportError, match="peer_group"):
        report.validate_params("41130", peer_group="없는곳", processed_dir=processed)


def test_renamed_region_includes_predecessor_facts(processed):
    ctx = report.validate_params("42820", processed_dir=processed)  # old code → current 51820
    assert ctx.region.code == "51820" and ctx.codes == ["42820", "51820"]
    assert len(ctx.own("activities")) == 1
    assert "이전 코드 42820" in report.section_header(ctx).html


def test_region_without_indicators_says_so(processed):
    ctx = report.validate_params("11410", processed_dir=processed)
    assert "목표 대비 실적 자료가 없습니다" in report.section_headline(ctx).html
    targets = report.section_targets(ctx).html
    assert "목표·실적(성과지표) 자료가 없습니다" in targets
    assert "2-1-2. 어르신 돌봄 서비스 확대" in targets  # what there is: the plan structure
    header = report.section_header(ctx).html
    assert "&lt;수정전, 수정후&gt;" in header and "<수정전" not in header


def test_document_html_is_escaped(processed):
    ctx = report.validate_params("11", processed_dir=processed)
    html = "".join(getattr(report, s)(ctx).html for s in ("section_targets", "section_quality"))
    assert '<ul style="list-style-type: none">' not in html
    assert "&lt;ul style=&quot;list-style-type: none&quot;&gt;" in html
    assert ONE_PERSON not in html


def test_period_to_date_is_labelled_and_kept_apart(processed):
    ctx = report.validate_params("서울", processed_dir=processed)
    head = report.section_headline(ctx).html
    # the printed 합계 row (3,286,749 / 1,033,351백만원 = 31.4%), not a pool of the departments restating it
    assert "as of 2024-03" in head and "31.4%" in head and "001_edece043362cd899:102" in head
    assert "자료 없음" in head  # no full-year spending: no weighted execution pretending to be annual
    spending = report.section_spending(ctx).html
    assert "기간 중 집행 — as of 2024-03" in spending
    assert "연간 예산과 집행" not in spending


def test_targets_table_has_status_check_and_source(processed):
    ctx = report.validate_params("41130", processed_dir=processed)
    html = report.section_targets(ctx).html
    assert html.count('<img class="chart"') == 1
    assert '<td class="src" title="학교돌봄터 개설(수) 11 8 72.7 개설 수 센터설치목록 행복e음 ">004_36d7a86073e0eb52:1562</td>' in html
    assert '<td class="st-under">미달성</td>' in html and html.count('<td class="st-over">초과달성</td>') == 4
    assert "11,562" in html and "21,873" in html and "189.2%" in html


def test_headline_and_comparison_figures(processed):
    ctx = report.validate_params("41130", processed_dir=processed)
    head = report.section_headline(ctx).html
    assert "80.0%" in head and "4/5개 지표 달성" in head and "64.8억원" in head
    assert "95.9%" in head  # (5,519+386+315)/(5,759+396+328)
    comp = report.section_comparison(ctx).html
    assert 'class="me"' in comp and '<a href="41130.html">' in comp
    # too few programs for the model: said plainly (the model is fitted within the comparable group only:
    # the casebook's 시군구 programmes, not Seoul's department report)
    assert "사업 n=6: 회귀 모형을 적합하기에 적습니다" in comp
    # the region's programs behind the scatter, each traced to its indicator and budget lines
    assert "모형에 쓰인 이 지역의 사업" in comp and "004_36d7a86073e0eb52:1755 · 1761" in comp


def test_sido_report_summarises_its_sigungu(processed):
    ctx = report.validate_params("경기도", processed_dir=processed)
    comp = report.section_comparison(ctx).html
    assert "소속 시군구 요약 (1곳)" in comp and '<a href="41130.html">경기도 성남시</a>' in comp


def test_region_covered_without_figures_says_where_and_shows_sources(processed):
    # 연제구's casebook PART (lines 3022–3507) is case-study prose: a report, no figures, the span named
    ctx = report.validate_params("부산광역시 연제구", processed_dir=processed)
    assert ctx.region.code == "26470" and not report.has_figures(ctx)
    sentence = ("이 지역은 「2023 지역복지 사업평가 우수사례집」(004_36d7a86073e0eb52) 3022–3507행에서 다루어지지만, "
                "그 부분에서 추출할 수 있는 수치")
    header = report.section_header(ctx).html
    assert sentence in header and sentence in report.section_headline(ctx).html
    assert '<td class="">3022–3507행</td>' in header  # 출처 문서: the region's span in the document
    assert ('<td class="src" title="부산광역시 연제구\nPARTⅡ- 1">004_36d7a86073e0eb52:3022</td>' in header)
    assert "추출된 수치 없음" in header
    assert "목표·실적(성과지표) 자료가 없습니다" in report.section_targets(ctx).html
    # the flags of its span are its own (a flag in 성남시's part is not)
    quality = report.section_quality(ctx).html
    assert "004_36d7a86073e0eb52:3445" in quality and "004_36d7a86073e0eb52:2031" not in quality
