"""helpers.explore: the five research questions of the explore notebook, on the report fixtures."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from helpers import explore
from report_fixtures import frames, write_processed


@pytest.fixture()
def processed(tmp_path):
    return write_processed(tmp_path / "processed")


def test_execution_by_program(processed):
    df = explore.execution_by_program("성남시", 2022, processed_dir=processed)
    assert df["program"].tolist() == ["다함께돌봄센터", "성남자원순환가게", "복지용구 공유"]  # largest budget first
    first = df.iloc[0]
    assert (first["budget_krw"], first["spent_krw"]) == (5_759_000_000, 5_519_000_000)
    assert first["execution"] == pytest.approx(5519 / 5759 * 100)
    assert first["lines"] == "004_36d7a86073e0eb52:1566"
    # 서울's 2024 figures are period-to-date (as of 2024-03): never mixed with full-year execution
    assert explore.execution_by_program("서울", 2024, processed_dir=processed).empty


def test_missed_targets_include_the_sigungu(processed):
    missed = explore.missed_targets("경기도", processed_dir=processed)
    assert missed[["region_code", "line"]].values.tolist() == [["41130", 1562]]  # 11 targeted, 8 achieved
    assert missed["achievement"].iloc[0] == pytest.approx(8 / 11 * 100)
    assert explore.missed_targets("경기도", include_children=False, processed_dir=processed).empty


def test_funding_by_year(processed):
    table = explore.funding_by_year("구로구", processed_dir=processed)
    assert table.index.tolist() == ["2014", "2015", "2016"]
    assert table.loc["2015", "국비"] == 200_000_000 and table.loc["2015", "시도비"] == 100_000_000
    assert table.loc["2015", "합계"] == 300_000_000  # the printed 계
    assert math.isnan(table.loc["2014", "국비"])  # not split out that year: unknown, not 0
    assert table.loc["2016", "합계"] == 312_000_000
    executed = explore.funding_by_year("구로구", stage="executed", processed_dir=processed)
    assert executed.loc["2015", "합계"] == 282_000_000


def test_compare_achievement_among_the_same_level(processed):
    df = explore.compare_achievement("성남시", processed_dir=processed)
    assert set(df["level"]) == {"sigungu"}
    assert set(df["region_code"]) == {"26500", "41130", "44810"}  # 시군구 with judged indicators
    me = df[df["is_region"]].iloc[0]
    assert me["region_code"] == "41130" and (me["n_achieved"], me["n_indicators"]) == (4, 5)
    assert me["share_achieved"] == pytest.approx(80.0)
    assert "41" in set(explore.compare_achievement("성남시", level=False, processed_dir=processed)["region_code"])


def test_discrepancies(tmp_path):
    tables = frames()
    ind = tables["indicators"]
    ind.loc[ind["line"] == 1755, "reported_rate"] = 150.0  # printed rate the figures do not give (189.2)
    out = tmp_path / "processed"
    out.mkdir()
    for name, df in tables.items():
        df.to_parquet(out / f"{name}.parquet", index=False)
    df = explore.discrepancies(processed_dir=out)
    assert df[["line", "kind"]].values.tolist() == [[1755, "achievement_rate"], [2031, "rate_mismatch"]]
    row = df.iloc[0]
    assert (row["reported"], round(row["computed"], 1)) == (150.0, 189.2)
    assert explore.discrepancies("부산 수영구", processed_dir=out).empty
    assert explore.discrepancies("성남시", processed_dir=out)["line"].tolist() == [1755, 2031]
    assert isinstance(df, pd.DataFrame)
