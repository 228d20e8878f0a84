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


def _card_values(html: str) -> dict[str, str]:
    """Headline cards of a section as {title: value}, read from the rendered HTML."""
    import re
    return {t.strip(): v.strip() for t, v in re.findall(
        r'<div class="card-label">(.*?)</div>\s*<div class="card-value">(.*?)</div>', html, re.S)}


@pytest.mark.slow
@pytest.mark.parametrize("region", ["11", "11530", "41130"])
def test_headline_cards_equal_an_independent_computation(extracted, region):
    """The three headline figures, recomputed here with plain pandas from the processed CSVs."""
    import pandas as pd

    from helpers.formatting import format_krw, format_pct

    ind = pd.read_csv(extracted / "indicators.csv", dtype={"region_code": str})
    bud = pd.read_csv(extracted / "budgets.csv", dtype={"region_code": str})
    ind, bud = ind[ind["region_code"] == region], bud[bud["region_code"] == region]
    cards = _card_values(report.section_headline(report.validate_params(region, processed_dir=extracted)).html)

    # 달성 비율: full-year indicators with a numeric target and actual; achieved when ≥ 100.0 at one decimal
    full = ind[ind["target"].notna() & ind["actual"].notna() & ind["target"].ne(0)
               & ~ind["period"].fillna("").astype(str).str.fullmatch(r"\d{4}-\d{2}")]
    rate = full["actual"] / full["target"] * 100
    rate = rate.where(full["direction"] != "decrease", full["target"] / full["actual"] * 100)
    if len(full):
        achieved = int((rate.round(1) >= 100).sum())
        assert cards["성과지표 달성 비율"] == format_pct(achieved / len(full) * 100)

    # 예산가중 집행률: Σspent / Σbudget over full-year spending items (no 합계 rows, no as-of rows)
    items = bud[(bud["flow"] == "expenditure") & ~bud["is_total"].astype(bool) & bud["as_of"].isna()
                & bud["budget_krw"].gt(0) & bud["spent_krw"].notna()]
    assert cards["예산가중 집행률 (연간)"] == format_pct(items["spent_krw"].sum() / items["budget_krw"].sum() * 100)

    # 총 예산, from the rows a reader would pick in the document
    spend = bud[bud["flow"] == "expenditure"]
    expected = {
        # 구로구: the plan's 목표예산 계 (no year: 2014–2018), printed 1,682백만원 — not 계 + each year again
        "11530": spend.loc[spend["is_total"].astype(bool) & spend["year"].isna(), "budget_krw"].max(),
        # 서울: the 2024 총괄표 합계 (예산현액 3,286,749백만원), the largest printed total of the 2024 document
        "11": spend.loc[spend["is_total"].astype(bool) & (spend["year"] == 2024), "budget_krw"].max(),
        # 성남시: four program tables without a 합계 row: their items added
        "41130": spend.loc[~spend["is_total"].astype(bool) & (spend["year"] == 2022), "budget_krw"].sum(),
    }[region]
    assert {"11530": 1_682e6, "11": 3_286_749e6, "41130": (5_759 + 396 + 11 + 328) * 1e6}[region] == expected
    # the card names the budget of what was reported, never "총 예산" (audit: 32,867.5억원 is 여성가족정책실's)
    label = {"11": "여성가족정책실 2024 예산현액", "11530": "연도별투자계획 2014–2018 전체 기간 목표예산",
             "41130": "우수사례 4개 사업 2022 예산 합계"}[region]
    assert "총 예산" not in cards and cards[label] == format_krw(expected)


@pytest.mark.slow
def test_period_to_date_execution_is_the_printed_total_row(extracted):
    """서울 2024-03: the 총괄표 합계 (3,286,749 / 1,033,351백만원 = 31.4%, as printed), not a pool of the
    document's overlapping department and item rows."""
    html = report.section_headline(report.validate_params("11", processed_dir=extracted)).html
    assert "기간 중 집행률 (as of 2024-03): 31.4%" in html and "001_edece043362cd899:102" in html
    assert "기간 중 집행률 (as of 2022-09): 75.0%" in html  # 000's 총 계 353,740 / 265,169천원
