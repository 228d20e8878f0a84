"""Issue 14, reports an evaluator can trust: one test per audit finding, on the project's real documents
(``data/raw``), plus a DOM test of the rendered report (summary, scoped cards, sortable tables, working
download and flag links).

Documents used (their real lines): 001 (서울특별시 여성가족정책실 주요업무보고), 003 (구로구 드림스타트 공약사업
추진실적), 004 (우수사례집). Invented documents (year-end reference date, manifest ``as_of: none``, a bracketed
note in a label, a native HWPX report) are written here, with invented figures.

The audit's findings, each with its test:

* 서울's "총 예산" is one office's 예산현액, 경기도's four casebook programmes; cards say which →
  ``test_every_card_says_what_it_covers``, ``test_indicators_carry_the_plan_they_are_reported_under``
* the index and the overview ranked them side by side → ``test_seoul_and_gyeonggi_budgets_are_never_ranked_side_by_side``
* 3/3 ranked above 21/26 among unlike units → ``test_three_of_three_is_not_ranked_above_twenty_one_of_twenty_six``,
  ``test_execution_distribution_compares_within_the_comparable_group``; the model →
  ``test_the_model_is_fitted_only_on_several_regions_and_enough_programmes``
* the weighted execution CI with effective n ≈ 2.8 → ``test_weighted_execution_states_census_median_and_kish_n``
* department subtotals listed and charted beside items → ``test_department_subtotals_are_never_items``
* 구로구's cumulative roadmap shown as under-achievement → ``test_guro_roadmap_is_cumulative_progress_not_under_achievement``
* 001:1003 and 001:621 under the previous programme → ``test_split_heading_*``, ``test_amounts_land_under_their_programme_in_the_tables``
* events in prose dated by the document year → ``test_events_in_prose_take_their_own_dates``
* a previous year's column "as of 2024-03" → ``test_previous_year_column_keeps_its_year_and_no_as_of``
* ``(2023. 12. 31. 기준)`` made everything 진행 중 → ``test_results_report_with_a_year_end_date_gets_statuses_and_a_headline``
* ``고독사 발생 건수(감소)`` read with ``(감소)`` as a column → ``test_a_bracketed_note_is_part_of_the_label_and_sets_the_direction``
* target-only and text targets → ``test_target_only_and_text_targets_have_their_own_status``
* readers can check and reuse (summary, scoped cards, sortable tables, CSV and flag links, exact won, native
  source_ref) → ``test_report_page_dom``, ``test_index_page_dom``, ``test_overview_page_dom``,
  ``test_report_tables_show_the_native_source_ref``
"""

from __future__ import annotations

import base64
import csv
import io
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest

from helpers import config, metrics, report, stats
from helpers.extract.context import build_contexts, event_years, is_year_end, parse_as_of
from helpers.extract.pipeline import DocContext, extract_all, run_extract
from helpers.extract.reading import read_document
from helpers.manifest import DocumentMeta

SEOUL = "001_edece043362cd899"
GURO = "003_d1dea229a71f26d6"


@pytest.fixture(scope="module")
def extracted(tmp_path_factory):
    out = tmp_path_factory.mktemp("processed")
    run_extract(config.RAW_DIR, out)
    return out


def _line_program(reg, doc_id: str, line: int) -> str:
    doc = read_document(config.RAW_DIR / f"{doc_id}.txt", DocumentMeta(file=f"{doc_id}.txt"))
    ctxs = build_contexts(doc, DocContext(region=reg.resolve("서울특별시"), year=2024, as_of="2024-03", unit=None,
                                          registry=reg))
    return ctxs[line - 1].program


# -- attribution (extract/context.py) ----------------------------------------------------------------------

def test_split_heading_after_a_table_of_contents_owns_its_amount(reg):
    """001:1003 ``- 소요예산('24년) : 4,008백만원`` is 「서울우먼업프로젝트」's: its heading prints ``1`` and the title
    on separate lines, after a list of 20 numbered titles ending in ``20. 첫만남 이용권 지원``."""
    lines = (config.RAW_DIR / f"{SEOUL}.txt").read_text(encoding="utf-8").splitlines()
    assert "4,008백만원" in lines[1003 - 1] and lines[972 - 1].strip() == "20. 첫만남 이용권 지원"
    assert _line_program(reg, SEOUL, 1003) == "「서울우먼업프로젝트」로 3040여성의 경제활동 촉진"
    assert _line_program(reg, SEOUL, 975) == ""  # the list's last entry titles nothing


def test_split_heading_with_a_slogan_line_owns_its_amount(reg):
    """001:621 ``소요예산('24년) : 28,326백만원`` under ``5`` / ``재미 · 안전 · 돌봄까지 책임지는`` / ``서울형 키즈카페
    확충`` / owner line: the programme is 서울형 키즈카페 확충, not the previous 서울장난감도서관 …."""
    lines = (config.RAW_DIR / f"{SEOUL}.txt").read_text(encoding="utf-8").splitlines()
    assert "28,326백만원" in lines[621 - 1]
    assert _line_program(reg, SEOUL, 621) == "서울형 키즈카페 확충"
    assert _line_program(reg, SEOUL, 600).startswith("서울장난감도서관")  # the programme before is unchanged


def test_amounts_land_under_their_programme_in_the_tables(extracted):
    import pandas as pd

    fund = pd.read_parquet(extracted / "funding.parquet")
    seoul = fund[fund["doc_id"] == SEOUL].set_index("line")
    assert set(seoul.loc[[1003], "program"]) == {"「서울우먼업프로젝트」로 3040여성의 경제활동 촉진"}
    assert 4_008e6 in set(seoul.loc[[1003], "amount_krw"])
    assert set(seoul.loc[[621], "program"]) == {"서울형 키즈카페 확충"} and 28_326e6 in set(seoul.loc[[621], "amount_krw"])


def test_events_in_prose_take_their_own_dates(extracted):
    """003:64 is a chronology on one line: ``○ 2014년 7월 : 사업지역 2개동(…) 확대 실시 ○ 2015년 1월 : 사업지역
    4개동 …``; each count is dated by its event, not by the document's 2017."""
    import pandas as pd

    act = pd.read_parquet(extracted / "activities.parquet")
    rows = act[(act["doc_id"] == GURO) & (act["line"] == 64) & (act["item"] == "사업지역")]
    assert list(zip(rows["year"], rows["value"], strict=True))[:3] == [(2014, 2.0), (2015, 4.0), (2016, 5.0)]
    text = "○ 2014년 7월 : 사업지역 2개동 확대 ○ 2016년 5~6월 : 조사 80명"
    assert event_years(text, [text.index("2개동"), text.index("80명")]) == [2014, 2016]


# -- reference dates: year-end is full year; manifest as_of: none -----------------------------------------

RESULTS_REPORT = """\
가상시 복지사업 시행결과 보고

□ 성과목표 달성 현황 (2023. 12. 31. 기준)

성과지표\t목표\t실적\t달성률
상담 지원 인원(명)\t400\t436\t109.0%
방문 돌봄 가구(가구)\t250\t230\t92.0%
교육 참여자(명)\t120\t120\t100.0%
"""


@pytest.mark.parametrize("text, expected", [("(2023. 12. 31. 기준)", "2023-12"), ("('23.12월말 기준)", "2023-12"),
                                            ("('24.3월말 기준)", "2024-03")])
def test_year_end_reference_date_is_full_year(text, expected):
    assert parse_as_of(text) == expected and is_year_end(expected) == expected.endswith("-12")


def _write(tmp_path: Path, text: str, manifest: str = "") -> Path:
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "results.txt").write_text(text, encoding="utf-8")
    if manifest:
        (raw / "sources.yaml").write_text(manifest, encoding="utf-8")
    return raw


def test_results_report_with_a_year_end_date_gets_statuses_and_a_headline(tmp_path):
    """A new user's results report with the usual ``(2023. 12. 31. 기준)`` line: full-year figures, judged."""
    raw = _write(tmp_path, RESULTS_REPORT, "documents:\n  - file: results.txt\n    region: 서울특별시 구로구\n")
    out = tmp_path / "processed"
    run_extract(raw, out)
    import pandas as pd

    ind = metrics.add_status(pd.read_parquet(out / "indicators.parquet"))
    assert ind["period"].isna().all() and set(ind["year"]) == {2023}
    assert list(ind["status"]) == [metrics.OVER, metrics.UNDER, metrics.MET]
    docs = pd.read_parquet(out / "documents.parquet")
    assert docs["as_of"].isna().all()
    ctx = report.validate_params("11530", processed_dir=out)
    head = report.section_headline(ctx).html
    assert "66.7%" in head and "2/3개 지표 달성" in head and "진행 중" not in head


def test_manifest_as_of_none_overrides_detection(tmp_path):
    text = RESULTS_REPORT.replace("(2023. 12. 31. 기준)", "('23. 9월말 기준)")
    raw = _write(tmp_path, "□ 전체 현황 ('23. 9월말 기준)\n\n" + text)
    assert extract_all(raw).rows["documents"][0]["as_of"] == "2023-09"  # detected …
    shutil.rmtree(raw)
    raw = _write(tmp_path, "□ 전체 현황 ('23. 9월말 기준)\n\n" + text,
                 "documents:\n  - file: results.txt\n    as_of: none\n")
    assert extract_all(raw).rows["documents"][0]["as_of"] is None  # … and overridden


# -- statuses --------------------------------------------------------------------------------------------

def test_guro_roadmap_is_cumulative_progress_not_under_achievement(extracted):
    """003:8–9: ``연도별 확인지표 (진행 동주민센터 수) 6개동 10개동 15개동 완료 완료`` / ``달성도 40% 67% 100%``."""
    ctx = report.validate_params("11530", processed_dir=extracted)
    ind = report.data_frames(ctx)["indicators"]
    steps = ind[ind["line"] == 8].sort_values("year")
    assert list(steps["status"]) == [metrics.CUMULATIVE] * 3 + [metrics.NO_STATUS] * 2
    assert steps["progress"].head(3).round(1).tolist() == [40.0, 66.7, 100.0]
    assert metrics.UNDER not in set(ind["status"])
    html = report.section_targets(ctx).html
    assert "누적 진척" in html and "미달성" not in re.sub(r"<p class=\"meta\">상태별:.*?</p>", "", html)


def test_target_only_and_text_targets_have_their_own_status(extracted):
    """001:2696–2721 (2024 targets of the 1인가구 plan, no actual) → 실적 미보고; 004:1017 (``인증``) → 판정불가."""
    seoul = report.data_frames(report.validate_params("11", processed_dir=extracted))["indicators"]
    plan = seoul[seoul["line"].between(2696, 2721)]
    assert len(plan) >= 20 and set(plan["status"]) == {metrics.NOT_REPORTED, metrics.NO_STATUS}
    assert (plan["status"] == metrics.NO_STATUS).sum() == 1  # 세대통합형 주거모델: no numeric target
    suyeong = report.data_frames(report.validate_params("26500", processed_dir=extracted))["indicators"]
    assert suyeong.loc[suyeong["line"] == 1017, "status"].tolist() == [metrics.NO_STATUS]


# -- statistics and subtotals ------------------------------------------------------------------------------

def test_weighted_execution_states_census_median_and_kish_n(extracted):
    """서울's 2023 1인가구 plan: 24 items, a few carry most of the budget → no interval, said so, with the median."""
    frames = report.data_frames(report.validate_params("11", processed_dir=extracted))
    ex = frames["headline"].set_index("figure").loc["execution"]
    items = frames["spending_full"]
    rated = items[items["budget_krw"].gt(0) & items["spent_krw"].notna()]
    assert ex["n"] == len(rated) == 24
    assert ex["n_eff"] == pytest.approx(stats.kish_n(rated["budget_krw"])) and ex["n_eff"] < 5
    assert not ex["interval_ok"] and "보고된 항목 전체" in ex["note"]
    assert ex["median"] == pytest.approx((rated["spent_krw"] / rated["budget_krw"] * 100).median())


def test_department_subtotals_are_never_items(extracted):
    """001:104 ``영유아담당관`` in the 총괄표 restates the 영유아담당관 table (its 합계 at 001:173): not an item."""
    import pandas as pd

    bud = pd.read_parquet(extracted / "budgets.parquet")
    seoul = bud[bud["doc_id"] == SEOUL]
    items = metrics.expenditure_items(seoul)
    assert 104 not in set(items["line"]) and 174 in set(items["line"])
    frames = report.data_frames(report.validate_params("11", processed_dir=extracted))
    assert 104 in set(frames["budget_subtotals"]["line"]) and 104 not in set(frames["spending_items"]["line"])
    # nor charted: the data behind every chart of the spending section holds item rows only
    html = report.section_spending(report.validate_params("11", processed_dir=extracted), frames).html
    charts = {n: _csv(h) for n, h in re.findall(r'download="([^"]+)" href="([^"]+)"', html) if "spending_" not in n}
    assert any(n.startswith("budget_vs_spent_") for n in charts)
    # budget charts only: a funding row may share its line with a budget total (``소요예산 : 45,626백만원(국비
    # 7,381백만원, 시비 …)``) and is no subtotal of the funding table
    charted = {(r["doc_id"], int(r["line"])) for n, rows in charts.items() if n != "11_budget_subtotals.csv"
               for r in rows if r.get("doc_id") and r.get("line") and "budget_krw" in r}
    sub = frames["budget_subtotals"]
    assert (SEOUL, 174) in charted and not charted & set(zip(sub["doc_id"], sub["line"].astype(int), strict=True))


# -- scope -------------------------------------------------------------------------------------------------

def _cards(html: str) -> dict[str, str]:
    return {m.group(1): m.group(0) for m in re.finditer(r'<div class="card"><div class="card-label">(.*?)</div>.*?</div></div>', html)}


def test_every_card_says_what_it_covers(extracted):
    seoul = _cards(report.section_headline(report.validate_params("11", processed_dir=extracted)).html)
    assert "총 예산" not in seoul and "여성가족정책실 2024 예산현액" in seoul
    assert "2024-03 기준 예산액" in seoul["여성가족정책실 2024 예산현액"]
    assert "2023년" in seoul["성과지표 달성 비율"] and "2023년" in seoul["예산가중 집행률 (연간)"]
    assert all("범위:" in c for c in seoul.values())
    gyeonggi = _cards(report.section_headline(report.validate_params("41", processed_dir=extracted)).html)
    assert "우수사례 4개 사업 2022 예산 합계" in gyeonggi
    assert all("선정된 사례만" in c for c in gyeonggi.values())
    assert all("선정된 사례만" not in c for c in seoul.values())


def test_indicators_carry_the_plan_they_are_reported_under(extracted):
    """001:2723 ``※ 2023년 1인가구 안심시행계획 추진실적`` heads the 2023 results; 001:2691 ``□ 2024년 세부사업별
    주요내용`` the 2024 targets (the ``※ 세부사업명의 () : …`` remark under it is a note, not the title). The
    share card names the plan from the indicators themselves, not from a budget table beside them."""
    ind = pd.read_parquet(extracted / "indicators.parquet")
    seoul = ind[ind["doc_id"] == SEOUL]
    assert set(seoul.loc[seoul["line"].between(2696, 2721), "scope"]) == {"2024년 세부사업별 주요내용"}
    # the 세부사업 column is the programme: 001:2696 ``건강생활 지원 | 병원 안심동행서비스 | … | 15,000건 서비스 제공``
    assert seoul.loc[seoul["line"] == 2696, "program"].tolist() == ["병원 안심동행서비스"]
    results = seoul[seoul["year"] == 2023]
    assert len(results) >= 20 and set(results["scope"]) == {"2023년 1인가구 안심시행계획 추진실적"}
    ctx = report.validate_params("11", processed_dir=extracted)
    judged = report.data_frames(ctx)["indicators"]
    judged = judged[judged["status"].isin(metrics.STATUSES)]
    scope = metrics.figure_scope("share", judged, ctx.tables["documents"])  # no budgets given
    assert "표 2023년 1인가구 안심시행계획 추진실적" in scope.text
    assert "<th class=\"\">계획·표</th>" in report.section_targets(ctx).html


def test_previous_year_column_keeps_its_year_and_no_as_of(extracted):
    """001:70 `일 반 회 계 | 32,055 | 31,521 | …` under `2024년(A) 2023년(B)` in a report dated 2024-03: the 2023
    figure is that year's final one, not a period-to-date figure as of 2024-03."""
    bud = pd.read_parquet(extracted / "budgets.parquet")  # the extractor dates each column (extract.context)
    processed = bud[(bud["doc_id"] == SEOUL) & (bud["line"] == 70)].set_index("year")
    assert processed.loc[2023, "as_of"] is None and processed.loc[2024, "as_of"] == "2024-03"
    frames = report.data("11", processed_dir=extracted)
    rows = pd.concat([frames["spending_full"], frames["spending_ptd"]])
    line70 = rows[(rows["doc_id"] == SEOUL) & (rows["line"] == 70)].set_index("year")
    assert line70.loc[2023, "budget_krw"] == 31_521 * 10**8 and line70.loc[2023, "as_of"] == ""
    assert line70.loc[2024, "budget_krw"] == 32_055 * 10**8 and line70.loc[2024, "as_of"] == "2024-03"
    assert not ((frames["spending_ptd"]["year"] == 2023) & (frames["spending_ptd"]["doc_id"] == SEOUL)).any()


def test_execution_distribution_compares_within_the_comparable_group(extracted):
    """The 경기도 (시도 · 우수사례집 · 2022) item distribution set beside the items of 대구 and 인천 from the
    same casebook edition only, not beside 서울's department report or 시군구 items."""
    ctx = report.validate_params("41", processed_dir=extracted)
    html = report.section_spending(ctx).html
    href = re.search(r'download="41_execution_distribution.csv" href="([^"]+)"', html).group(1)
    rows = _csv(href)
    others = {r["region_code"] for r in rows if r["this_region"] == "False"}
    assert others == {"27", "28"} and {r["region_code"] for r in rows if r["this_region"] == "True"} == {"41"}
    assert "시도 · 우수사례집 (선정 사례) · 2022년" in html



# -- like-for-like comparison (the index, the overview, the percentile ranks, the model) --------------------

CASEBOOK = "004_36d7a86073e0eb52"


def test_seoul_and_gyeonggi_budgets_are_never_ranked_side_by_side(extracted):
    """The audit: the index and the overview ranked 서울's 32,867.5억 (001:69, one office's 예산현액) beside
    경기도's 580.8억 (four casebook programmes), as if one budget were 57 times the other. Now each sits in
    its own comparable group (level · kind of source · year), and a group of fewer than 5 regions gets no bars."""
    html = report.overview(extracted).html
    tables = {n: _csv(h) for n, h in re.findall(r'download="([^"]+)" href="([^"]+)"', html)}
    assert {r["region_code"] for r in tables["overview_sido_report_2024.csv"]} == {"11"}
    casebook = {r["region_code"] for r in tables["overview_sido_casebook_2022.csv"]}
    assert "41" in casebook and "11" not in casebook
    assert all(r["region_code"] != "11" for n, rows in tables.items() if "casebook" in n for r in rows)
    assert '<img class="chart"' not in html  # every group here has fewer than 5 regions: no bars, no ranks
    assert "시도 · 우수사례집 (선정 사례) · 2022년 자료가 있는 지역이 3곳뿐이라 (최소 5곳 필요) 지역별 막대그래프와 순위를 내지 않습니다" in html


def test_three_of_three_is_not_ranked_above_twenty_one_of_twenty_six(extracted):
    """The audit's 3/3 (수영구, 004 PART Ⅰ-3, casebook 2022; Wilson 95 % CI 44–100 %) ranked above 서울's 21/26
    (001's 2023 1인가구 plan): different level, year and kind of source, so never in one percentile."""
    from helpers import peers

    units = peers.load(extracted).units.set_index(["region_code", "doc_id"])
    suyeong, seoul = units.loc[("26500", CASEBOOK)], units.loc[("11", SEOUL)]
    assert (suyeong["n_achieved"], suyeong["n_indicators"]) == (3, 3) and seoul["n_achieved"] == 21
    three = stats.share_achieved([metrics.MET] * 3)  # n=3: no interval shown (it would span 44–100 %)
    assert three.value == 100 and three.low is None and not three.ok and f"최소 {stats.MIN_N_INTERVAL}" in three.note
    assert suyeong["group"] != seoul["group"]
    html = report.section_comparison(report.validate_params("26500", processed_dir=extracted)).html
    assert "시군구 · 우수사례집 (선정 사례) · 2022년 자료가 있는 지역이 3곳뿐이라 (최소 5곳 필요) 백분위와 평균을 내지 않습니다" in html
    assert "백분위." not in html and '<a href="11.html">' not in html
    html = report.section_comparison(report.validate_params("11", processed_dir=extracted)).html
    assert "시도 · 업무·운영 보고 · 2024년 자료가 있는 지역이 1곳뿐이라 (최소 5곳 필요) 백분위와 평균을 내지 않습니다" in html
    assert "백분위." not in html and '<a href="26500.html">' not in html


def test_the_model_is_fitted_only_on_several_regions_and_enough_programmes(extracted):
    """경기도's casebook programmes come from one region: no model, said so. Where a model is shown, it rests on
    at least the stated minimum of programmes and regions."""
    from helpers import peers

    html = report.section_comparison(report.validate_params("41", processed_dir=extracted)).html
    assert "이 집단의 사업 1개가 1개 지역에서만 나와 (최소 3개 지역 필요) 지역 간 모형을 적합하지 않습니다" in html
    assert "회귀 계수" not in html
    html = report.section_comparison(report.validate_params("26500", processed_dir=extracted)).html
    n, regions = map(int, re.search(r"사업 n=(\d+) \((\d+)개 지역\)", html).groups())
    assert n >= stats.MIN_N_MODEL and regions >= peers.MIN_MODEL_REGIONS


# -- a new user's results table with a bracketed note in a label --------------------------------------------

NOTE_IN_LABEL = """\
가상구 안부확인 사업 결과 보고

□ 성과지표 실적 (2023. 12. 31. 기준)

| 성과지표 | 단위 | 목표 | 실적 | 달성률 |
|---|---|---|---|---|
| 고독사 발생 건수(감소) | 건 | 12 | 9 | 133.3% |
| 안부확인 가구 | 가구 | 300 | 270 | 90.0% |
"""


def test_a_bracketed_note_is_part_of_the_label_and_sets_the_direction(tmp_path):
    """``고독사 발생 건수(감소) | 건 | 12 | 9 | 133.3%``: the note is the label's, never a column: unit 건,
    target 12, actual 9, direction decrease, and the report judges it 초과달성 (fewer is better)."""
    raw = _write(tmp_path, NOTE_IN_LABEL, "documents:\n  - file: results.txt\n    region: 서울특별시 구로구\n")
    run_extract(raw, tmp_path / "out")
    ind = pd.read_parquet(tmp_path / "out" / "indicators.parquet").set_index("indicator")
    row = ind.loc["고독사 발생 건수(감소)"]
    assert (row["unit"], row["target"], row["actual"], row["direction"]) == ("건", 12, 9, "decrease")
    assert row["year"] == 2023 and row["period"] is None
    frames = report.data("11530", processed_dir=tmp_path / "out")
    status = frames["indicators"].set_index("indicator")["status"]
    assert status["고독사 발생 건수(감소)"] == metrics.OVER and status["안부확인 가구"] == metrics.UNDER


# -- the rendered report: DOM ------------------------------------------------------------------------------

class _Dom(HTMLParser):
    """Collects ids, links, sortable tables, cards and the summary of a report page."""

    def __init__(self):
        super().__init__()
        self.ids, self.links, self.downloads, self.sortable, self.tables = set(), [], [], 0, 0
        self.summary, self.scopes, self.scripts = 0, 0, 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.add(a["id"])
        cls = (a.get("class") or "").split()
        if tag == "a" and "download" in a:
            self.downloads.append((a["download"], a["href"]))
        elif tag == "a" and (a.get("href") or "").startswith("#"):
            self.links.append(a["href"][1:])
        if tag == "table":
            self.tables += 1
            self.sortable += "sortable" in cls
        self.summary += tag == "div" and "summary" in cls
        self.scopes += tag == "div" and "card-scope" in cls
        self.scripts += tag == "script"


@pytest.mark.slow
def test_report_page_dom(extracted):
    ctx = report.validate_params("11", processed_dir=extracted)
    frames = report.data_frames(ctx)
    html = "".join(f.html for f in (report.section_summary(ctx, frames), report.section_header(ctx),
                                    report.section_headline(ctx, frames), report.section_targets(ctx, frames),
                                    report.section_spending(ctx, frames), report.section_quality(ctx, frames)))
    dom = _Dom()
    dom.feed(html)
    summary = re.search(r'<div class="summary">(.*?)</div>', html).group(1)
    assert dom.summary == 1 and 3 <= summary.count("<p>") <= 5 and "여성가족정책실 2024 예산현액" in summary
    assert dom.scopes == 3 and dom.scripts == 1  # three scoped cards; one inline sort script, no CDN
    assert "<script src" not in html and dom.tables >= 5 and dom.sortable == dom.tables
    # every table is complete: the spending CSV has every item row, amounts in exact won
    names = dict(dom.downloads)
    assert {"11_indicators.csv", "11_quality_flags.csv"} <= set(names)
    spend = [n for n in names if n.startswith("11_spending_")]
    rows = sum(len(_csv(names[n])) for n in spend)
    assert rows == len(frames["spending_items"])
    ind = _csv(names["11_indicators.csv"])
    assert len(ind) == len(frames["indicators"]) and {"status", "progress", "doc_id", "line"} <= set(ind[0])
    # each flag link points at a row shown in the page
    assert dom.links and all(t in dom.ids for t in dom.links)
    # exact won on hover
    assert 'title="2,072,211,000,000원"' in html


def _csv(href: str) -> list[dict]:
    data = base64.b64decode(href.split("base64,", 1)[1]).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(data)))


def test_report_data_is_the_frames_behind_the_sections(extracted):
    frames = report.data("구로구", processed_dir=extracted)
    assert set(frames) == set(report.DATA_KEYS)
    assert len(frames["funding"]) > 0 and "restated" in frames["funding"]
    assert frames["headline"]["figure"].tolist() == ["share_achieved", "execution", "reported_budget"]


def test_report_is_deterministic(extracted):
    ctx = report.validate_params("11530", processed_dir=extracted)
    one = report.section_spending(ctx).html + report.section_summary(ctx).html
    ctx = report.validate_params("11530", processed_dir=extracted)
    assert one == report.section_spending(ctx).html + report.section_summary(ctx).html


# -- the index and the overview: the same scope text, sortable tables, CSV and flag links ------------------

class _PageDom(HTMLParser):
    """Collects the summary, tables, CSV links, flag links and scope lines of the index or the overview."""

    def __init__(self):
        super().__init__()
        self.summary, self.tables, self.sortable, self.scripts = 0, 0, 0, 0
        self.downloads, self.flag_links, self.scopes, self._in_scope = [], [], [], False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        cls = (a.get("class") or "").split()
        self.summary += tag == "div" and "summary" in cls
        if tag == "table":
            self.tables += 1
            self.sortable += "sortable" in cls
        self.scripts += tag == "script"
        if tag == "a" and "download" in a:
            self.downloads.append((a["download"], a["href"]))
        if tag == "a" and "flags" in cls:
            self.flag_links.append(a["href"])
        self._in_scope = tag == "div" and "fscope" in cls

    def handle_data(self, data):
        if self._in_scope:
            self.scopes.append(data)
            self._in_scope = False


def _assert_page(html: str, extracted: Path, reports: Path | None = None) -> _PageDom:
    dom = _PageDom()
    dom.feed(html)
    summary = re.search(r'<div class="summary">(.*?)</div>', html).group(1)
    assert dom.summary == 1 and 3 <= summary.count("<p>") <= 5
    assert "여성가족정책실 2024 예산현액" in summary and "지역 전체 예산이 아닙니다" in summary
    assert dom.tables >= 1 and dom.sortable == dom.tables and dom.scripts == 1 and "<script src" not in html
    # the same scope text as the headline cards: Seoul's share names its plan's table, the budget its office
    head = report.headline_frame(report.validate_params("11", processed_dir=extracted)).set_index("figure")
    assert head.loc["reported_budget", "label"] in dom.scopes
    assert any(s in head.loc["share_achieved", "scope"] and "표 2023년 1인가구 안심시행계획 추진실적" in s
               for s in dom.scopes)
    assert "총 예산" not in html
    # casebook rows carry the selected-cases note
    assert metrics.CASEBOOK_NOTE in html
    # every CSV link decodes to rows with each figure's scope
    assert dom.downloads
    for name, href in dom.downloads:
        rows = _csv(href)
        assert name.endswith(".csv") and rows and {"budget_label", "share_scope", "casebook_note", "n_flags"} <= set(rows[0])
    seoul = [r for n, h in dom.downloads for r in _csv(h) if r["region_code"] == "11" and r["doc_id"] == SEOUL]
    assert seoul[0]["budget_label"] == "여성가족정책실 2024 예산현액" and seoul[0]["total_budget_krw"].startswith("3286")
    # the exact won figure on hover
    assert "title='3,286,749,000,000원 · " in html
    # flag counts link to the quality section of the region's report, which carries that id
    assert "11.html#quality-flags" in dom.flag_links
    quality = report.section_quality(report.validate_params("11", processed_dir=extracted)).html
    assert f'id="{"quality-flags"}"' in quality
    n = int(re.search(r"href='11.html#quality-flags'>(\d+)건", html).group(1))
    assert n == sum(int(r["n_flags"]) for r in seoul)
    return dom


@pytest.mark.slow
def test_index_page_dom(extracted, tmp_path):
    from helpers.index import write_index

    reports = tmp_path / "reports"
    reports.mkdir()
    for code in ("11", "41", "11530"):
        (reports / f"{code}.html").write_text("<html></html>", encoding="utf-8")
    html = write_index(reports, extracted).read_text(encoding="utf-8")
    dom = _assert_page(html, extracted)
    assert ("index_regions.csv" in dict(dom.downloads))
    # a region without a rendered report gets a count but no dead link
    assert all(h.split(".html")[0] in {"11", "41", "11530"} for h in dom.flag_links)


@pytest.mark.slow
def test_overview_page_dom(extracted):
    html = report.overview(extracted).html
    dom = _assert_page(html, extracted)
    # one table and one CSV per comparable group, named by the group
    assert len(dom.downloads) == dom.tables and "overview_sido_report_2024.csv" in dict(dom.downloads)
    # the document column is set in the text font (no monospace cell that cannot show Hangul)
    assert "<td class='src'" not in html
    # one money unit for the whole page
    assert set(re.findall(r"보고된 예산 \((\w+)\)", html)) == {"억원"}


# -- native documents: the report shows where a fact sits in the original file -----------------------------

@pytest.mark.slow
def test_report_tables_show_the_native_source_ref(extracted, tmp_path):
    """An invented HWPX report: each indicator and spending row shows ``doc:line · 표N M행`` (``source_ref``), the
    place in the original file; a text document's rows keep ``doc:line`` alone."""
    pytest.importorskip("hwpx")
    from native_docs import write_hwpx

    raw = tmp_path / "raw"
    raw.mkdir()
    write_hwpx(raw / "county.hwpx")
    run_extract(raw, tmp_path / "out", interim_dir=tmp_path / "interim")
    ctx = report.validate_params("47900", processed_dir=tmp_path / "out")
    frames = report.data_frames(ctx)
    targets, spending = report.section_targets(ctx, frames).html, report.section_spending(ctx, frames).html
    refs = [f"county:{r.line} · {r.source_ref}" for r in frames["indicators"].itertuples()]
    assert len(refs) == 3 and all(re.fullmatch(r"county:\d+ · 표1 \d행", r) for r in refs)
    assert all(f">{r}</td>" in targets for r in refs) and "출처 (문서:행 · 원본 위치)" in targets
    items = frames["spending_items"]
    assert len(items) >= 3 and all(f">county:{r.line} · {r.source_ref}</td>" in spending for r in items.itertuples())
    seoul = report.section_targets(report.validate_params("11", processed_dir=extracted)).html
    assert "출처 (문서:행 · 원본 위치)" not in seoul and re.search(r">001_edece043362cd899:\d+</td>", seoul)


# -- in a real browser: headless Chromium at 1280 px --------------------------------------------------------

@pytest.mark.slow
def test_tables_sort_and_links_resolve_in_headless_chromium(extracted, tmp_path):
    """The rendered 목표 대비 실적 section of 서울's report, opened in headless Chromium (1280 px): a click on the
    목표 header sorts the rows by value (the inline script, no CDN); every flag link's target exists in the DOM
    the browser built; the summary and three scoped cards are there. Skipped when no Chromium is installed."""
    import subprocess

    browser = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if not browser:
        pytest.skip("no headless Chromium on this machine")
    ctx = report.validate_params("11", processed_dir=extracted)
    frames = report.data_frames(ctx)
    body = "".join(f.html for f in (report.section_summary(ctx, frames), report.section_headline(ctx, frames),
                                    report.section_targets(ctx, frames), report.section_quality(ctx, frames)))
    probe = """<script>
    var th = Array.prototype.find.call(document.querySelectorAll('table.sortable th'), function (h) { return h.textContent === '목표'; });
    th.click();
    var col = Array.prototype.indexOf.call(th.parentNode.children, th);
    var vals = Array.prototype.map.call(th.closest('table').tBodies[0].rows, function (r) { return r.children[col].getAttribute('data-v') || ''; });
    var dead = Array.prototype.filter.call(document.querySelectorAll('a[href^="#"]'), function (a) { return !document.getElementById(a.getAttribute('href').slice(1)); });
    var out = document.createElement('pre'); out.id = 'probe';
    out.textContent = JSON.stringify({sorted: th.getAttribute('aria-sort'), vals: vals, links: document.querySelectorAll('a[href^="#"]').length, dead: dead.length,
      cards: document.querySelectorAll('div.card-scope').length, summary: document.querySelectorAll('div.summary').length});
    document.body.appendChild(out);
    </script>"""
    page = tmp_path / "page.html"
    page.write_text(f"<!doctype html><html><head><meta charset='utf-8'></head><body>{report.SORT_SCRIPT}{body}{probe}</body></html>",
                    encoding="utf-8")
    run = subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu", "--window-size=1280,4000", "--dump-dom",
                          page.as_uri()], capture_output=True, text=True, timeout=120)
    found = re.search(r'<pre id="probe">(.*?)</pre>', run.stdout, re.S)
    assert found, run.stderr[-2000:]
    import html as html_mod
    import json

    got = json.loads(html_mod.unescape(found.group(1)))
    numbers = [float(v) for v in got["vals"] if v]
    assert got["sorted"] == "ascending" and len(numbers) >= 20 and numbers == sorted(numbers)
    assert got["vals"][: len(numbers)] == [v for v in got["vals"] if v]  # rows without a target sort last
    assert got["links"] > 0 and got["dead"] == 0 and got["cards"] == 3 and got["summary"] == 1
