"""Comparison figures once per batch (helpers.peers), like-for-like comparison, and what a change re-renders.

No kernel runs here: the batch's planning (helpers.batch.plan) is called directly, and a previous
successful run is recorded in the manifest the way ``run_reports`` records it.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from helpers import peers, report
from helpers.batch import plan as batch_plan
from helpers.runlog import RunManifest
from report_fixtures import CASEBOOK, SEOUL, frames

SRC = Path(__file__).resolve().parents[1] / "src"
#: Other official 시군구 (data/reference/regions.csv) given copies of 성남시's casebook rows.
CLONES = {"41110": "경기도 수원시", "41170": "경기도 안양시", "41190": "경기도 부천시", "41210": "경기도 광명시"}


def _many_regions(folder: Path) -> Path:
    """The report fixture plus four more casebook 시군구 (성남시's rows with other codes and figures):
    the casebook's 시군구 group then has 7 regions with figures, enough to rank."""
    tables = frames()
    for name in ("indicators", "budgets"):
        df = tables[name]
        own = df[df["region_code"] == "41130"]
        copies = []
        for k, (code, region_name) in enumerate(CLONES.items(), start=1):
            c = own.assign(region_code=code, region_name=region_name)
            if name == "indicators":
                c["actual"] = c["actual"] * (0.6 + 0.15 * k)
                c["achievement"] = c["actual"] / c["target"] * 100
            else:
                c["spent_krw"] = c["budget_krw"] * (0.7 + 0.05 * k)
                c["execution"] = c["spent_krw"] / c["budget_krw"] * 100
            copies.append(c)
        tables[name] = pd.concat([df, *copies], ignore_index=True)
    folder.mkdir(parents=True, exist_ok=True)
    for name, df in tables.items():
        df.to_parquet(folder / f"{name}.parquet", index=False)
    return folder


@pytest.fixture()
def many(tmp_path):
    peers._MEMO.clear()
    return _many_regions(tmp_path / "processed")


# -- document kinds and groups --------------------------------------------------------------------------

@pytest.mark.parametrize(("title", "n_regions", "kind"), [
    ("2023년도 지역복지 사업평가 우수사례집 (지역사회보장계획 시행결과)", 16, "casebook"),
    ("여성가족정책실 주요업무보고", 1, "report"),
    ("구로구 드림스타트 공약사업 추진실적", 1, "results"),
    ("서대문구 지역사회보장계획 세부사업 총괄", 1, "plan"),
    ("2024년도 세입세출 예산서", 1, "budget"),
    ("복지 통계 모음", 5, "compilation"),
    (None, 1, "other"),
])
def test_document_kind_from_the_title(title, n_regions, kind):
    assert peers.document_kind(title, n_regions) == kind


def test_declared_kind_wins():
    assert peers.document_kind("우수사례집", 10, declared="results") == "results"
    assert peers.document_kind("우수사례집", 10, declared="nonsense") == "casebook"


def test_units_carry_level_kind_and_year(processed_fixture):
    tables = frames()
    units = peers.unit_summaries(tables).set_index(["region_code", "doc_id"])
    assert units.loc[("11", SEOUL), "group"] == "sido|report|2024"
    assert units.loc[("41", CASEBOOK), "group"] == "sido|casebook|2022"
    assert units.loc[("41130", CASEBOOK), "group"] == "sigungu|casebook|2022"
    # the figures of one unit are those of its rows only (성남시: 4 of 5 indicators achieved)
    seongnam = units.loc[("41130", CASEBOOK)]
    assert (seongnam["n_indicators"], seongnam["n_achieved"]) == (5, 4)
    assert seongnam["scope"] == "「2023 지역복지 사업평가 우수사례집」 · 우수사례집 (선정 사례) · 2022년"
    # a region covered without figures has a unit, marked as such
    assert not units.loc[("26470", CASEBOOK), "has_figures"]


# -- once per batch ------------------------------------------------------------------------------------

def test_cached_peer_figures_equal_those_computed_from_scratch(many):
    scratch = peers.compute(report.load_tables(many))
    first = peers.load(many)                     # computed and written to the cache
    files = list((many / peers.CACHE_DIR).glob("peers-*.parquet"))
    assert len(files) == 1
    peers._MEMO.clear()
    cached = peers.load(many)                    # read back from the cache file, as a report does
    for got in (first, cached):
        pd.testing.assert_frame_equal(got.units, scratch.units)
        pd.testing.assert_frame_equal(got.programs.reset_index(drop=True), scratch.programs.reset_index(drop=True),
                                      check_dtype=False)
    # a region's report reads the cached figures: the ranks it prints are those of the scratch figures
    ctx = report.validate_params("41130", processed_dir=many)
    html = report.section_comparison(ctx).html
    group = scratch.group("sigungu|casebook|2022").set_index("region_code")
    from helpers import stats

    ranked = group.loc[group["n_items"] >= peers.MIN_N_UNIT, "execution"]  # 예산군 (1 item) is not ranked
    assert "44810" not in ranked.index and len(ranked) == 6
    pct = stats.percentile(ranked, "41130")
    assert f"예산가중 집행률: 비교 집단 중 {pct.value:.0f} 백분위" in html


def test_cache_follows_the_data(many):
    before = peers.load(many).key
    ind = pd.read_parquet(many / "indicators.parquet")
    ind.loc[ind["region_code"] == "41110", "actual"] += 1
    ind.to_parquet(many / "indicators.parquet", index=False)
    after = peers.load(many)
    assert after.key != before
    assert len(list((many / peers.CACHE_DIR).glob("peers-*.parquet"))) == 1  # the stale file is removed


# -- like for like ----------------------------------------------------------------------------------------

def test_comparison_only_within_the_comparable_group(many):
    ctx = report.validate_params("41130", processed_dir=many)
    html = report.section_comparison(ctx).html
    assert "비교 집단: 시군구 · 우수사례집 (선정 사례) · 2022년 (7곳)" in html
    # Seoul's department report, a 시도 casebook part and 구로구's results report are not in the table
    assert '<a href="11.html">' not in html and '<a href="41.html">' not in html and '<a href="11530.html">' not in html
    for code in CLONES:
        assert f'<a href="{code}.html">' in html
    # 예산군 has 1 indicator: its share is not ranked; 성남시's share (5 indicators) is
    assert "성과지표 달성 비율: 비교 집단 중" in html


def test_small_group_says_why_no_comparison(many):
    ctx = report.validate_params("서울특별시", processed_dir=many)
    html = report.section_comparison(ctx).html
    assert "시도 · 업무·운영 보고 · 2024년 자료가 있는 지역이 1곳뿐이라 (최소 5곳 필요) 백분위와 평균을 내지 않습니다" in html
    assert "백분위." not in html
    ctx = report.validate_params("경기도", processed_dir=many)
    html = report.section_comparison(ctx).html
    assert "이 집단의 사업 1개가 1개 지역에서만 나와 (최소 3개 지역 필요) 지역 간 모형을 적합하지 않습니다" in html


def test_unit_with_few_items_is_not_ranked(many):
    ctx = report.validate_params("충청남도 예산군", processed_dir=many)
    html = report.section_comparison(ctx).html
    assert f"성과지표 달성 비율: 이 지역의 값이 지표 1개에 근거해 (최소 {peers.MIN_N_UNIT}개) 순위를 매기지 않습니다." in html


def test_overview_groups_units_and_draws_bars_only_for_large_groups(many):
    html = report.overview(many).html
    assert html.index("<h3>시도 · 우수사례집 (선정 사례) · 2022년 (1곳)</h3>") < html.index("<h3>시군구 · 우수사례집 (선정 사례) · 2022년 (7곳)</h3>")
    assert "시도 · 업무·운영 보고 · 2024년 자료가 있는 지역이 1곳뿐이라" in html
    assert "막대그래프와 순위를 내지 않습니다" in html
    assert html.count('<img class="chart"') == 2  # execution and share bars of the 7-region group only


# -- what a change re-renders ----------------------------------------------------------------------------

def _plan(processed: Path, reports: Path, manifest: RunManifest):
    req = batch_plan.Request("all", reports, processed.resolve(), Path(__file__).parent / "fixtures" / "notebooks" / "ok_params.ipynb",
                             {}, False, 60.0)
    return req, batch_plan.plan_batch(req, manifest, force=False, batch_id="test")


def _record_success(req, plan, manifest):
    """What run_reports records after every region rendered (outputs written, inputs recorded)."""
    for task in plan.tasks:
        for path in batch_plan.output_paths(req.reports_dir, task.code):
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text("rendered", encoding="utf-8")
        meta = plan.meta[task.code]
        manifest.record(task.code, name=task.name, status="ok", input_hash=meta["input_hash"], inputs=meta["inputs"])
    (req.reports_dir / "index.html").write_text("index", encoding="utf-8")
    manifest.record_batch(req.key(), {"stamp": batch_plan.batch_stamp(req), "codes": plan.codes})


def test_a_change_rerenders_the_region_and_its_group_only(many, tmp_path):
    reports = tmp_path / "reports"
    manifest = RunManifest(reports)
    req, first = _plan(many, reports, manifest)
    assert {t.code for t in first.tasks} == {"11", "11410", "11530", "26470", "26500", "41", "41130", "44810",
                                             "51820", *CLONES}
    _record_success(req, first, manifest)
    _, again = _plan(many, reports, RunManifest(reports))
    assert again.tasks == []

    # one indicator of 수원시 changes: 수원시 (its rows) and the casebook 시군구 group with figures (their
    # comparison table and ranks) re-render; 경기도 too (its 시군구 summary lists 수원시); nothing else
    ind = pd.read_parquet(many / "indicators.parquet")
    row = ind.index[(ind["region_code"] == "41110") & (ind["achievement"] >= 100)][0]
    ind.loc[row, "actual"] = ind.loc[row, "target"] / 2  # achieved → not achieved
    ind.loc[row, "achievement"] = 50.0
    ind.to_parquet(many / "indicators.parquet", index=False)
    _, third = _plan(many, reports, RunManifest(reports))
    reasons = {t.code: third.meta[t.code]["reason"] for t in third.tasks}
    assert reasons == {"41110": "peers, rows", "41130": "peers", "41170": "peers", "41190": "peers", "41210": "peers",
                       "26500": "peers", "44810": "peers", "41": "peers, rows"}

    # a change no comparison reads (an indicator's printed source text) re-renders only the reports
    # that show the row: 수원시's and 경기도's (a 시도 report lists its 시군구's rows)
    req, fourth = _plan(many, reports, RunManifest(reports))
    _record_success(req, fourth, RunManifest(reports))
    ind.loc[row, "source_text"] = "수정된 원문 행"
    ind.to_parquet(many / "indicators.parquet", index=False)
    _, fifth = _plan(many, reports, RunManifest(reports))
    assert {t.code: fifth.meta[t.code]["reason"] for t in fifth.tasks} == {"41110": "rows", "41": "rows"}


def test_no_change_run_answers_without_heavy_imports(many, tmp_path):
    reports = tmp_path / "reports"
    manifest = RunManifest(reports)
    req, first = _plan(many, reports, manifest)
    _record_success(req, first, manifest)
    code = f"""
import sys
from pathlib import Path
from helpers.batch import run_reports
s = run_reports("all", processed_dir=Path({str(many)!r}), reports_dir=Path({str(reports)!r}), overview=False,
                notebook=Path({str(req.notebook)!r}), progress=False)
heavy = sorted(m for m in ("pandas", "statsmodels", "nbformat", "nbclient", "papermill", "pyarrow") if m in sys.modules)
print(len(s.skipped), len(s.results), heavy)
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={"PYTHONPATH": str(SRC), "PATH": ""})
    assert out.stdout.split() == ["13", "13", "[]"]


def test_index_inputs_follow_tables_and_rendered_reports(many, tmp_path):
    reports = tmp_path / "reports"
    reports.mkdir()
    req, _ = _plan(many, reports, RunManifest(reports))
    first = batch_plan.index_inputs(req)
    assert batch_plan.index_inputs(req) == first
    (reports / "41130.html").write_text("rendered", encoding="utf-8")  # a report now exists: it gets a link
    linked = batch_plan.index_inputs(req)
    assert linked != first
    ind = pd.read_parquet(many / "indicators.parquet")
    ind.loc[0, "source_text"] = "수정된 원문 행"
    ind.to_parquet(many / "indicators.parquet", index=False)
    assert batch_plan.index_inputs(req) != linked
