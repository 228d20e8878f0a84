"""Gaps closed on whole document types: names above a unit line, shared 구 names, year tables and year groups."""

import subprocess
import sys
from pathlib import Path

import pandas as pd

from helpers.extract.blocks import find_tables
from helpers.extract.layout_header import lift_names, unit_only

# an invented pdftotext -layout table: names on one line, the row header alone, then the unit line
LINES = [
    "             보 육 료       이 용 자",
    "   읍 면 별",
    "              (천원)          (명)",
    "   가읍            1,200          40",
    "   나면              900          31",
]


def test_unit_only_labels():
    assert unit_only("(개소)") and unit_only("(명)")
    assert not unit_only("시설수 › (개소)") and not unit_only("") and not unit_only("정원")


def test_names_above_the_unit_line_are_header_rows_of_the_finder():
    # the finder keeps the row header printed alone (``읍 면 별``) and the names line above it in the header
    # (tests/test_finder4.py), so the columns are named by position already and nothing is left to lift
    (table,) = find_tables(LINES)
    labels = table.column_labels()
    assert labels == ["읍면별", "보 육 료 › (천원)", "이 용 자 › (명)"]
    assert lift_names(table, LINES, labels) == labels


def test_tab_tables_and_named_columns_are_left_alone():
    lines = ["구분\t(명)\t(명)", "가읍\t40\t41", "나면\t31\t30"]
    (table,) = find_tables(lines)
    labels = table.column_labels()
    assert lift_names(table, lines, labels) == labels


def test_a_gu_name_several_metros_share_is_the_one_in_the_documents_metro():
    from helpers.extract.families import row_region
    from helpers.regions import registry

    reg = registry()
    metro = reg.resolve("광주광역시")
    assert row_region("동구", reg, 2023) == (False, None)  # ambiguous alone
    applies, region = row_region("동 구", reg, 2023, within=metro)
    assert applies and region.code == "29110"
    assert row_region("전국", reg, 2023, within=metro) == (True, None)


def test_tables_dated_by_their_own_year_cells():
    from helpers.extract.year_tables import dated_by_years, years_across, years_down

    assert years_across(["시군별", "2021", "2022", "2023"]) and years_across(["구분", "2023년", "2024년"])
    assert not years_across(["구분", "2023", "인원"])
    assert years_down([["2021", "306,701"], ["2022", "307,781"]])
    assert years_down([["Year", "Total"], ["2021", "306,701"], ["2022", "307,781"]])  # an English header line
    assert not years_down([["2021", "1"], ["2021", "2"]]) and not years_down([["가읍", "40"], ["2022", "3"]])
    assert not dated_by_years(["구분", "인원"], [["가읍", "40"], ["나면", "31"]])


def test_year_groups_span_their_sub_columns():
    from helpers.extract.year_groups import span_years

    # the year printed over the first sub-column of its group (pipes, tabs)
    assert span_years(["지표", "2023년 › 목표", "실적", "2024년 › 목표", "실적", "달성률(%)"]) == [
        "지표", "2023년 › 목표", "2023년 › 실적", "2024년 › 목표", "2024년 › 실적", "2024년 › 달성률(%)"]
    # centred over the group in space-aligned text: over its second sub-column; a plan year with 목표 alone
    assert span_years(["지표", "단위", "목표", "2023년 › 실적", "목표", "2024년 › 실적", "2025년 › 목표"])[2:5] == [
        "2023년 › 목표", "2023년 › 실적", "2024년 › 목표"]
    # one level of years (no repeated sub-column) and a group without a year are left alone
    one_level = ["구분", "계", "2023년", "2024년"]
    assert span_years(one_level) == one_level
    assert span_years(["지표", "목표", "실적", "2024년 › 목표", "실적"]) == ["지표", "목표", "실적", "2024년 › 목표", "실적"]


def test_a_two_level_year_header_gives_one_fact_per_year(tmp_path):
    out = _extract(tmp_path,
        "2024년 충청남도 아산시 추진실적\n\n"
        "                      2023년             2024년\n"
        "   지표명          단위    목표     실적     목표     실적\n"
        "   상담 가구        가구     500      512      600      590\n"
        "   교육 횟수        회        20       22       24       25\n")
    ind = pd.read_parquet(out / "indicators.parquet").sort_values(["line", "year"])
    got = [(int(r.year), r.indicator, r.target, r.actual) for r in ind.itertuples()]
    assert got == [(2023, "상담 가구", 500, 512), (2024, "상담 가구", 600, 590),
                   (2023, "교육 횟수", 20, 22), (2024, "교육 횟수", 24, 25)]


def _extract(tmp_path, text: str) -> Path:
    raw, out = tmp_path / "raw", tmp_path / "out"
    raw.mkdir()
    (raw / "doc.txt").write_text(text, encoding="utf-8")
    exe = Path(sys.executable).with_name("welfare-eval")
    subprocess.run([str(exe), "extract", "--raw", str(raw), "--out", str(out)], check=True, capture_output=True)
    return out


def test_the_total_column_of_a_multi_year_investment_plan_has_no_year(tmp_path):
    out = _extract(tmp_path, "2025년 전라남도 순천시 사업 설명서\n\n투자계획\n(단위: 백만원)\n"
                             "구분\t계\t2024년\t2025년\n계\t300\t140\t160\n국비\t150\t70\t80\n시비\t150\t70\t80\n")
    f = pd.read_parquet(out / "funding.parquet")
    total = f[f["amount_krw"].isin([300e6, 150e6])]
    assert len(total) == 3 and total["year"].isna().all()
    years = f[~f["amount_krw"].isin([300e6, 150e6])]
    assert sorted(years["year"].astype(int).tolist()) == [2024, 2024, 2024, 2025, 2025, 2025]


def test_execution_roles_come_from_the_header_algebra_and_the_figures(tmp_path):
    # the 예산현액 parts (본예산 | 추경증감 | 전년도이월) sit between 예산현액 (A) and 지출액 (B); the rate is B/A
    out = _extract(tmp_path,
        "2023회계연도 경상남도 김해시 결산 개요\n\n(단위: 백만원, %)\n"
        "  구  분        예산현액      본예산      추경     전년도      지출액    다음연도     집행률\n"
        "                  (A)                   증감       이월        (B)      이월액      (B/A)\n"
        "  합  계           1,000         800       120         80         900        60       90.0\n"
        "  일반회계           700         560        90         50         651        30       93.0\n"
        "  특별회계           300         240        30         30         249        30       83.0\n")
    b = pd.read_parquet(out / "budgets.parquet").sort_values("line")
    got = [(r.item, r.budget_krw / 1e6, r.spent_krw / 1e6, r.reported_rate) for r in b.itertuples()]
    assert got == [("합 계", 1000, 900, 90.0), ("일반회계", 700, 651, 93.0), ("특별회계", 300, 249, 83.0)]
    flags = pd.read_parquet(out / "quality_flags.parquet")
    assert not flags["kind"].isin(["rate_mismatch", "unparsed_row"]).any()


def test_a_budget_statement_gives_each_rows_budgets_and_its_sources(tmp_path):
    out = _extract(tmp_path,
        "2025년 경상북도 의성군 세출예산 사업명세서\n\n(단위: 천원)\n"
        "구분\t사업명\t2025년\t2024년\t2025년 재원별 내역\t\n"
        "\t\t예산액\t예산액\t국비\t군비\n"
        "정책\t노인 돌봄\t1,000\t900\t800\t200\n"
        "세부\t경로당 지원\t400\t380\t300\t100\n")
    b = pd.read_parquet(out / "budgets.parquet").sort_values(["line", "year"])
    assert [(int(r.year), r.budget_krw / 1e3) for r in b.itertuples()] == [(2024, 900), (2025, 1000),
                                                                           (2024, 380), (2025, 400)]
    f = pd.read_parquet(out / "funding.parquet")
    assert sorted(f["amount_krw"] / 1e3) == [100, 200, 300, 800]


def test_hierarchy_columns_and_a_source_summary(tmp_path):
    # the row's name sits in the column of its level (empty cells before it); a summary whose rows are sources
    out = _extract(tmp_path,
        "2024년 광주광역시 북구 세출예산 사업설명서\n\n(단위: 천원)\n\n"
        "| 부서 | 정책사업 | 세부사업 | 2024년 예산 | 2023년 예산 | 국비 | 구비 |\n"
        "| --- | --- | --- | --- | --- | --- | --- |\n"
        "| 복지과 |  |  | 1,000 | 900 | 600 | 400 |\n"
        "|  | 노인 돌봄 |  | 1,000 | 900 | 600 | 400 |\n"
        "|  |  | 경로당 지원 | 1,000 | 900 | 600 | 400 |\n\n"
        "| 재원 | 2024년 | 2023년 |\n| --- | --- | --- |\n"
        "| 국비 | 600 | 550 |\n| 구비 | 400 | 350 |\n| 계 | 1,000 | 900 |\n")
    b = pd.read_parquet(out / "budgets.parquet")
    assert sorted(b["item"].unique()) == ["경로당 지원", "노인 돌봄", "복지과"]
    pairs = zip(b["year"].astype(int), b["budget_krw"] / 1e3, strict=True)
    assert sorted(pairs) == [(2023, 900)] * 3 + [(2024, 1000)] * 3
    f = pd.read_parquet(out / "funding.parquet")
    summary = f[f["line"] >= 13]
    assert sorted(zip(summary["source"], summary["year"].astype(int), summary["amount_krw"] / 1e3, strict=True)) == [
        ("계", 2023, 900), ("계", 2024, 1000), ("국비", 2023, 550), ("국비", 2024, 600),
        ("시군구비", 2023, 350), ("시군구비", 2024, 400)]
    assert len(f[f["line"] < 13]) == 6


def test_a_unit_column_is_the_measure_and_period_columns_qualify_the_item(tmp_path):
    out = _extract(tmp_path, "2024년 부산광역시 사하구 사업 설명서\n\n"
                             "| 구분 | 단위 | 상반기 | 하반기 | 계 |\n| --- | --- | --- | --- | --- |\n"
                             "| 신고 접수 | 건 | 16 | 18 | 34 |\n| 사례관리 | 명 | 9 | 7 | 16 |\n")
    a = pd.read_parquet(out / "activities.parquet").sort_values(["line", "value"])
    got = [(r.item, r.measure, int(r.year), r.value) for r in a.itertuples()]
    assert got == [("신고 접수 (상반기)", "건", 2024, 16), ("신고 접수 (하반기)", "건", 2024, 18),
                   ("신고 접수", "합계 (건)", 2024, 34), ("사례관리 (하반기)", "명", 2024, 7),
                   ("사례관리 (상반기)", "명", 2024, 9), ("사례관리", "합계 (명)", 2024, 16)]


def test_a_count_column_beside_an_execution_gives_activities(tmp_path):
    out = _extract(tmp_path, "2024년 전라남도 장성군 추진실적\n\n"
                             "세부사업\t예산(백만원)\t집행(백만원)\t집행률(%)\t실적\n"
                             "방문건강관리\t400\t380\t95.0\t2,300명\n"
                             "집수리\t500\t450\t90.0\t57가구\n")
    b = pd.read_parquet(out / "budgets.parquet").sort_values("line")
    assert [(r.item, r.budget_krw / 1e6, r.spent_krw / 1e6) for r in b.itertuples()] == [
        ("방문건강관리", 400, 380), ("집수리", 500, 450)]
    a = pd.read_parquet(out / "activities.parquet").sort_values("line")
    assert [(r.item, r.measure, r.value) for r in a.itertuples()] == [("방문건강관리", "명", 2300), ("집수리", "가구", 57)]


def test_a_row_read_by_the_engine_keeps_one_reading(tmp_path):
    """A results table whose bracketed label note made the older reader flag one row (its figures left
    empty): the engine reads that row right, and the husk of the older reading goes; the other rows and the
    row's figures are read once."""
    out = _extract(tmp_path, "\n".join([
        "2024년 강원특별자치도 춘천시 돌봄사업 추진실적",
        "(2024. 12. 31. 기준)",
        "",
        "| 성과지표 | 단위 | 목표 | 실적 | 달성률(%) |",
        "| --- | --- | --- | --- | --- |",
        "| 방문 돌봄 제공 가구 | 가구 | 300 | 318 | 106.0 |",
        "| 돌봄 교육 이수 인원(누계) | 명 | 2,000 | 1,900 | 95.0 |",
        "| 긴급 연계 건수 | 건 | 50 | 45 | 90.0 |",
    ]))
    ind = pd.read_csv(out / "indicators.csv")
    assert sorted(ind["line"]) == [6, 7, 8]
    row = ind[ind["line"] == 7].iloc[0]
    assert (row["target"], row["actual"], row["reported_rate"]) == (2000, 1900, 95.0)
