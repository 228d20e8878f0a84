"""Funding sources: prose splits, investment plans by year, revenue (세입) tables — values from the documents."""

import pytest

from engine_support import extract_text
from ext2_support import frame, run
from helpers.extract.funding import extract_funding, split_items
from helpers.extract.sources import normalise_source


@pytest.mark.parametrize("label,source", [
    ("국 비", "국비"), ("국고보조금", "국비"), ("시·도비", "시도비"), ("도비", "시도비"), ("시", "시도비"),
    ("군･구비", "시군구비"), ("시·군비", "시군구비"), ("군구", "시군구비"), ("기금", "기금"),
    ("법인전입금", "민간"), ("민간위탁금", "기타"), ("이월금", "기타"), ("총 계", "계"), ("시설비", None),
])
def test_source_normalisation(label, source):
    assert normalise_source(label) == source


def test_split_items_shares_apply_only_to_the_whole_total():
    assert split_items("시비 100%", 1_294e6, "백만원") == ([("시비", "시도비", 1_294e6)], "")
    items, note = split_items("국·시비 각 50%", 10_338e6, "백만원")  # each 50%
    assert [(s, a) for _, s, a in items] == [("국비", 5_169e6), ("시도비", 5_169e6)]
    items, note = split_items("시비 50%", 2_555e6, "백만원")  # ※ 구비 50% 별도: the rest is outside the total
    assert items == [] and "50%" in note


def _funding(name, **kw):
    result = run(extract_funding, name, **kw)
    return result, frame(result, "funding")


def test_prose_splits_with_and_without_units():
    result, df = _funding("prose_splits.txt", region="서울특별시", year=2024, unit="백만원")
    first = df[df["line"] == 1].set_index("source_label")["amount_krw"].to_dict()
    assert first == {"소요예산('24년)": 61_573e6, "국비": 16_843e6, "시비": 44_730e6}  # 시비44,730백만원: no space
    third = df[df["line"] == 3].set_index("source")["amount_krw"].to_dict()
    assert third == {"계": 7_983e6, "국비": 2_659e6, "시도비": 5_324e6}  # (국 2,659 / 시 5,324): total's unit
    assert df[df["line"] == 5].empty  # (시비 50%) ※ 구비 50% 별도: not applied
    assert any(f["kind"] == "split_unparsed" and f["line"] == 5 for f in result.flags)
    inline = df[df["line"] == 9].set_index("source")["amount_krw"].to_dict()
    assert inline == {"계": 998e6, "시도비": 503e6, "시군구비": 495e6}  # 998백만원(시 503, 군구 495)
    dotted = df[df["line"] == 11].set_index("source_label")["amount_krw"].to_dict()
    assert dotted["군·구"] == 120e6  # 군･구 with a half-width middle dot
    assert set(df["year"].dropna()) == {2024}


def test_split_total_mismatch_is_flagged():
    result, df = _funding("prose_splits.txt", region="서울특별시", year=2024, unit="백만원")
    # 26,873백만원(국비 19,544, 시비 2,443, 군･구비 2,443): the parts add up to 24,430
    assert df[df["line"] == 13]["amount_krw"].tolist() == [26_873e6, 19_544e6, 2_443e6, 2_443e6]
    assert any(f["kind"] == "total_mismatch" and f["line"] == 13 for f in result.flags)
    assert df[df["line"] == 15].set_index("source")["amount_krw"].to_dict() == {"계": 1_050e6, "시도비": 1_050e6}


def _assert_guro_plan(result, df):
    """The 구로구 연도별투자계획 as printed (any layout): 국비 per year and in total, 구비 only in 2018 ('-' is
    not zero), 집행액 per year, and 목표예산 budgets per year with nothing spent yet in 2017 (blank cells)."""
    plan = df[df["stage"] == "plan"]
    gukbi = plan[plan["source"] == "국비"].set_index("source_label")["amount_krw"]
    assert gukbi["국 비 (2016년)"] == 208e6 and gukbi["국 비 (계)"] == 1_108e6
    assert plan[plan["source"] == "시군구비"]["amount_krw"].tolist() == [20e6, 20e6]  # '-' is not zero
    spent = df[df["stage"] == "executed"].dropna(subset=["year"]).groupby("year")["amount_krw"].sum().to_dict()
    assert spent == {2014: 418e6, 2015: 282e6, 2016: 311e6}
    budgets = frame(result, "budgets").set_index("item")
    assert budgets.loc["2016년", ["budget_krw", "spent_krw"]].tolist() == [312e6, 311e6]
    assert budgets.loc["2017년", "spent_krw"] != budgets.loc["2017년", "spent_krw"]  # blank: not spent yet
    return budgets


def test_investment_plan_by_year():
    result, df = _funding("investment_plan_by_year.txt", region="서울특별시 구로구", year=2017, unit="백만원")
    prose = df[df["line"] <= 7]
    assert prose["amount_krw"].tolist() == [1_682e6, 1_108e6, 554e6, 20e6]  # 총사업비 + next-line split
    assert prose["year"].isna().all()  # a multi-year total has no single year
    budgets = _assert_guro_plan(result, df[(df["stage"] != "plan") | (df["line"] > 7)])
    assert set(budgets["basis"]) == {"목표예산"} and set(budgets["region_code"]) == {"11530"}


def test_revenue_table_sources():
    _, df = _funding("revenue_sources.txt", region="서울특별시", year=2022)
    got = df.set_index("source_label")[["source", "amount_krw", "stage"]]
    assert got.loc["총 계"].tolist() == ["계", 353_740_000.0, "plan"]
    assert got.loc["민간위탁금"].tolist() == ["기타", 335_694_000.0, "plan"]
    assert got.loc["법인전입금", "source"] == "민간"
    assert got.loc["잡수입", "amount_krw"] == 70_000.0  # 70 천원
    assert len(df) == 5  # the 세출 heading ends the revenue section


def test_investment_plan_in_two_space_layout():
    """The same 구로구 plan printed as aligned text: cells split by runs of spaces, blank cells print
    nothing (the last years of 집행액), ``-`` stays a cell; the unit comes from ``(단위 : 백만원)``."""
    result, df = _funding("investment_plan_two_spaces.txt", region="서울특별시 구로구", year=2017)
    budgets = _assert_guro_plan(result, df)
    assert set(budgets["line"]) == {6} and set(df["unit"]) == {"백만원"}


def test_revenue_row_with_an_unreadable_amount_gives_no_shifted_amount(tmp_path):
    """A row with an unreadable amount gives no amount: ``百万`` stands in the 예산액 column, so the first
    readable figure (the 수입액 50) must not become the budget. With one figure the line is no row of the
    finder's table, so the revenue reader gives it nothing, and the document's pass flags it unparsed on its
    line (nothing silently lost). ``이자수입 100 - -`` (one figure beside missing ones) is a row. Invented
    rows in the usual 세입 layout."""
    text = ("세입현황\n(단위: 천원)\n구 분 예산액(A) 수입액(B) 징수율(B/A)\n"
            "총 계 1,300 950 73.1%\n보조금 1,200 900 75.0%\n기부금 百万 50 ％\n이자수입 100 - -\n")
    frames = extract_text(tmp_path, "revenue.txt", text, region="서울특별시", year=2023)
    df = frames["funding"]
    assert df.set_index("line")["amount_krw"].to_dict() == {4: 1_300_000.0, 5: 1_200_000.0, 7: 100_000.0}
    flags = frames["quality_flags"]
    assert "기부금 百万 50 ％" in set(flags[(flags["line"] == 6) & (flags["kind"] == "unparsed_row")]["source_text"])


def test_revenue_row_whose_note_follows_its_figures(tmp_path):
    """A 세입 row printed with a long note after its figures (``잡수입 70 25 35.7% 12월 예금이자수입 발생``), between
    single-space rows separated by blank lines: the block finder keeps it a row of the table (its note in a
    last column), so the revenue reader reads it like the others; the 징수율 is no amount. Invented rows."""
    text = ("세입현황\n(단위: 천원)\n\n구 분\n예산액\n수입액\n징수율 비고\n\n"
            "총 계 2,500 1,900 76.0%\n\n보조금 2,300 1,800 78.3%\n\n"
            "잡수입 200 100 50.0% 12월 예금이자 수입 예정\n\n법인전입금 0 0 0.0%\n\n세출현황\n")
    frames = extract_text(tmp_path, "noted.txt", text, region="서울특별시", year=2023)
    df = frames["funding"]
    assert df[["line", "source", "source_label", "amount_krw", "stage"]].values.tolist() == [
        [9, "계", "총 계", 2_500_000.0, "plan"], [11, "기타", "보조금", 2_300_000.0, "plan"],
        [13, "기타", "잡수입", 200_000.0, "plan"], [15, "민간", "법인전입금", 0.0, "plan"]]
    # rows of revenue items only are a 세입 statement, not a 재원 table: budgets with their 수입액, no second
    # funding reading of the 수입액 column
    budgets = frames["budgets"]
    assert budgets[["line", "flow", "budget_krw", "spent_krw", "reported_rate"]].values.tolist() == [
        [9, "revenue", 2_500_000.0, 1_900_000.0, 76.0], [11, "revenue", 2_300_000.0, 1_800_000.0, 78.3],
        [13, "revenue", 200_000.0, 100_000.0, 50.0], [15, "revenue", 0.0, 0.0, 0.0]]
