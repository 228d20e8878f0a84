"""helpers.index: every region with data listed with its headline figures, grouped by 시도, linked when rendered."""

from __future__ import annotations

import re

from helpers.index import write_index
from report_fixtures import write_processed


def test_index_lists_every_region_grouped_by_sido(tmp_path):
    processed = write_processed(tmp_path / "processed")
    reports = tmp_path / "reports"
    reports.mkdir()
    (reports / "41130.html").write_text("<html></html>", encoding="utf-8")
    page = write_index(reports, processed).read_text(encoding="utf-8")
    assert (reports / "index.html").exists()
    # a rendered report is linked; the 시군구 shows its short name, the full name in the tooltip
    assert '<a href="41130.html" title="경기도 성남시">성남시</a>' in page
    assert '<span title="서울특별시 서대문구">서대문구</span> <span class="missing">(보고서 없음)</span>' in page
    codes = re.findall(r"<td>(\d{2,5})</td>", page)
    assert sorted(codes) == ["11", "11410", "11530", "26470", "26500", "41", "41130", "44810", "51820"]
    # reading order: each 시도, then its 시군구; a 시도 without data of its own is a heading row
    assert codes == ["11", "11410", "11530", "26470", "26500", "41", "41130", "44810", "51820"]
    assert page.index("부산광역시 <span class='missing'>(시도 자료 없음") < page.index("<td>26470</td>")
    # covered by a document, no figures: listed with its document and dashes
    assert re.search(r"<td>26470</td><td class='docs'[^>]*>2023 지역복지 사업평가 우수사례집<div class='cbnote'>[^<]*</div>"
                     r"</td>.*?<td class='num'>–</td>", page)
    assert "<tr class='sido'>" in page and "<tr class='sigungu'>" in page
    assert "<td class='lvl'>시군구</td>" in page
    # headline figures formatted: share with k/n, execution with its item count, budget in one unit
    assert "80.0% <span class='ci'>(4/5)</span>" in page and "95.9% <span class='ci'>(항목 3)</span>" in page
    # every figure carries its scope: a department's budget (Seoul's 업무보고) and a casebook's sum (경기도)
    # are shown with the document, its kind and year, never as "the region's budget"
    seoul = re.search(r"<td>11</td>(.*?)</tr>", page).group(1)
    assert "여성가족정책실 주요업무보고</td><td class='lvl'>업무·운영 보고</td><td class='lvl'>2024년</td>" in seoul
    assert "32,867.5" in seoul
    gyeonggi = re.search(r"<td>41</td>(.*?)</tr>", page).group(1)
    assert "<td class='lvl'>우수사례집 (선정 사례)</td><td class='lvl'>2022년</td>" in gyeonggi and ">22.7<" in gyeonggi
    assert "보고된 예산" in page and "총 예산" not in page
    assert "overview.html" not in page.replace("overview.html)는", "")  # no overview rendered yet: no link
    # each figure says what it covers, in the words of the report's cards; casebook rows carry the note
    assert "<div class='fscope'>여성가족정책실 2024 예산</div>" in seoul
    assert "사업 병원안심동행 서비스, 전·월세 안심계약 도움서비스 · 2023년 · 연간 실적" in seoul
    assert "<div class='fscope'>우수사례 1개 사업 2022 예산 합계</div>" in gyeonggi and "선정된 사례만" in gyeonggi
    assert "선정된 사례만" not in seoul
    seongnam = re.search(r"<td>41130</td>(.*?)</tr>", page).group(1)
    assert "부분 PART Ⅰ- 4 경기도 성남시 · 사업 4개 (" in seongnam  # the casebook part it comes from
    # one inline sort script, no CDN; flag counts link to the region report's quality section
    assert page.count("<script") == 1 and "<script src" not in page and "http" not in page.replace('"http://www.w3.org', "")
    assert "<a class='flags' href='41130.html#quality-flags'>1건</a>" in seongnam and "data-v='1'>1건</td>" in seoul


def test_index_links_the_overview_when_rendered(tmp_path):
    processed = write_processed(tmp_path / "processed")
    reports = tmp_path / "reports"
    reports.mkdir()
    (reports / "overview.html").write_text("<html></html>", encoding="utf-8")
    page = write_index(reports, processed).read_text(encoding="utf-8")
    assert '<a href="overview.html">전체 지역 비교 보기 (overview) →</a>' in page
