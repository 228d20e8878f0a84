"""Indicator and budget extraction from real snippets (helpers.extract.indicators / budgets / tables)."""

from pathlib import Path

import pytest

from helpers.extract.budgets import extract_budgets
from helpers.extract.headers import cell_role, find_roles
from helpers.extract.indicators import achievement, direction, extract_indicators
from helpers.extract.pipeline import DocContext
from helpers.extract.reading import read_document
from helpers.manifest import DocumentMeta

FIXTURES = Path(__file__).parent / "fixtures" / "extract"


def run(name, reg, region=None, year=None, as_of=None, unit=None):
    doc = read_document(FIXTURES / name, DocumentMeta(file=name))
    dctx = DocContext(region=reg.resolve(region) if region else None, year=year, as_of=as_of, unit=unit,
                      registry=reg)
    return doc, extract_indicators(doc, dctx), extract_budgets(doc, dctx)


def by_line(rows):
    return {r["line"]: r for r in rows}


def test_header_vocabulary_longest_term_wins():
    assert [r.role for r in find_roles("예산현액(A) 지출액(B) 집행률(B/A)")] == ["budget", "spent", "rate"]
    assert [r.role for r in find_roles("징수율 징수 부진 사유(향후 계획)")] == ["rate", "ignore"]
    assert cell_role("2024년(A)").year == 2024 and cell_role("단 위").role == "unit"


@pytest.mark.parametrize("encoding_file", ["wrapped_label.txt", "wrapped_label_cp949.txt"])
def test_revenue_and_expenditure_with_wrapped_label(reg, encoding_file):
    doc, _, res = run(encoding_file, reg, region="서울특별시", year=2022, as_of="2022-09")
    assert doc.encoding == ("cp949" if "cp949" in encoding_file else "utf-8")
    rows = res.rows["budgets"]
    revenue = [r for r in rows if r["flow"] == "revenue"]
    spend = [r for r in rows if r["flow"] == "expenditure"]
    assert [r["item"] for r in revenue] == ["총 계", "민간위탁금", "잡수입", "이월금", "법인전입금"]
    total = revenue[0]
    assert (total["budget_krw"], total["spent_krw"], total["reported_rate"]) == (353_740_000, 282_322_000, 79.8)
    assert total["is_total"] and total["unit"] == "천원" and total["as_of"] == "2022-09"
    wrapped = spend[-1]  # "예비비 및" / "반환금" / "8,046 7,976 99.1%": label wrapped before the numbers
    assert wrapped["item"] == "예비비 및 반환금" and wrapped["budget_krw"] == 8_046_000
    assert wrapped["line"] == 56 and "반환금" in wrapped["source_text"]
    assert not [f for f in res.flags if f["kind"] in ("rate_mismatch", "total_mismatch")]


def test_indicator_header_over_many_lines(reg):
    _, ind, bud = run("two_line_header.txt", reg, region="경기도 성남시", year=2022)
    (row,) = ind.rows["indicators"]
    # "① 다함께돌봄센터 및" / "학교돌봄터 개설(수) 11 8 72.7 개설 수 …": numbers mid-line, formula after
    assert (row["target"], row["actual"], row["reported_rate"]) == (11, 8, 72.7)
    assert row["indicator"] == "다함께돌봄센터 및 학교돌봄터 개설" and row["unit"] == "수"
    assert row["program"] == "마을이 돌보는 지역공동체 아동돌봄 사업" and row["region_code"] == "41130"
    assert row["formula"].startswith("개설 수")
    (b,) = bud.rows["budgets"]  # "5,759백만원 5,519백만원 95.8%" under "’22년도 예산(A) …"
    assert (b["budget_krw"], b["spent_krw"], b["year"], b["unit"]) == (5_759_000_000, 5_519_000_000, 2022, "백만원")


def test_unit_inferred_from_same_kind_of_table_and_two_values_per_row(reg):
    _, ind, bud = run("unit_inferred.txt", reg, year=2022)
    rows = bud.rows["budgets"]
    assert rows[0]["budget_krw"] == 28_800_000_000  # "28,800백만 원"
    assert rows[1]["budget_krw"] == 26_652_000_000 and rows[1]["unit"] == "백만원"  # "26,652 25,587 96%"
    inferred = [f for f in bud.flags if f["kind"] == "unit_inferred"]
    assert len(inferred) == 1 and "line 4" in inferred[0]["message"]
    assert rows[0]["region_code"] == "41"  # PART Ⅰ 경기도
    pairs = ind.rows["indicators"]  # "20/10 19/11 95/110": two indicators in one row
    assert [(r["indicator"], r["target"], r["actual"], r["reported_rate"]) for r in pairs] == [
        ("훈련수당 지원자수", 20, 19, 95), ("근로수당 지원자수", 10, 11, 110)]


def test_unit_unknown_without_any_basis(tmp_path, reg):
    p = tmp_path / "nounit.txt"
    p.write_text("- 예산 집행 실적\n’22년도 예산(A) ’22년도 집행(B) 집행률(B/A)\n\n2,274 2,274 100%\n", encoding="utf-8")
    doc = read_document(p)
    res = extract_budgets(doc, DocContext(region=None, year=2022, as_of=None, unit=None, registry=reg))
    (row,) = res.rows["budgets"]
    assert row["budget_krw"] is None and row["unit"] == "unknown" and "2,274" in row["source_text"]
    assert {f["kind"] for f in res.flags} >= {"unit_unknown", "region_unknown"}


def test_shifted_cells_and_non_budget_markers(reg):
    _, ind, bud = run("shifted_cells.txt", reg, region="서울특별시", year=2024, as_of="2024-03")
    ind_rows = by_line(ind.rows["indicators"])
    first = ind_rows[5]
    assert (first["program"], first["indicator"], first["unit"], first["target"], first["actual"]) == (
        "병원안심동행 서비스", "이용인원", "명", 12000, 18042)
    assert first["year"] == 2023 and first["period"] is None  # the 2023 results: no 2024 reference date
    assert ind_rows[7]["unit"] == "만명" and ind_rows[7]["target"] == 1.5
    shifted_right = ind_rows[19]  # leading empty cell: re-aligned on the unit cell
    assert (shifted_right["indicator"], shifted_right["target"], shifted_right["actual"]) == ("활동인원", 1200, 1168)
    shifted_left = ind_rows[26]
    assert (shifted_left["program"], shifted_left["target"]) == ("1인가구 관계망 프로그램", 50000)
    assert ind_rows[27]["target"] is None and "사업추진 방식 검토" in ind_rows[27]["source_text"]
    b = by_line(bud.rows["budgets"])
    assert b[5]["budget_krw"] == 2_185_000_000 and b[5]["unit"] == "백만원"
    assert b[19]["budget_krw"] == 5_878_000_000 and b[19]["spent_krw"] is None
    assert 24 not in b  # "비예산": missing, never a zero row
    assert b[32]["is_total"] and b[32]["budget_krw"] == 549_212_000_000


def test_department_subtotals_and_total_check(reg):
    _, _, bud = run("department_totals.txt", reg, region="서울특별시", year=2024, as_of="2024-03")
    rows = by_line(bud.rows["budgets"])
    assert rows[8]["is_total"] and rows[8]["as_of"] == "2024-03" and rows[8]["unit"] == "백만원"
    assert rows[17]["is_total"] and rows[18]["is_total"]  # 합계(227개) and its department subtotal
    assert rows[19]["scope"] == "양성평등담당관" and not rows[19]["is_total"]
    assert rows[19]["budget_krw"] == 5_173_000_000
    # the snippet keeps only two departments, so the printed totals cannot match: flagged, not dropped
    assert any(f["kind"] == "total_mismatch" and f["line"] == 8 for f in bud.flags)


@pytest.mark.parametrize("indicator, expected", [("지원대상자수", "increase"), ("대기시간 단축", "decrease"),
                                                 ("재범률 감소", "decrease")])
def test_direction(indicator, expected):
    assert direction(indicator) == expected


def test_achievement_inverted_when_lower_is_better():
    assert achievement(50000, 34265, False) == 68.53
    assert achievement(10, 8, True) == 125.0
    assert achievement(None, 5, False) is None


def test_pipe_table_with_rule_row(reg):
    # the 총괄표 of a 2024 work report converted to a markdown pipe table (``|---|`` under the header)
    _, _, bud = run("pipe_table.txt", reg, region="서울특별시", year=2024)
    rows = by_line(bud.rows["budgets"])
    assert sorted(rows) == list(range(10, 18))
    total = rows[10]
    assert total["is_total"] and total["item"] == "합계" and total["basis"] == "예산현액"
    assert (total["budget_krw"], total["spent_krw"], total["reported_rate"]) == (
        3_286_749_000_000, 1_033_351_000_000, 31.4)
    assert (total["unit"], total["as_of"], total["year"]) == ("백만원", "2024-03", 2024)
    assert rows[17]["item"] == "아동복지센터" and rows[17]["spent_krw"] == 197_000_000
    assert not [f for f in bud.flags if f["kind"] in ("total_mismatch", "rate_mismatch", "unparsed_row")]


def test_pipe_results_table_two_header_rows_and_shifted_cells(reg):
    # 2023 results table as pipes: the rule sits under the first header row, as converters print it
    _, ind, bud = run("pipe_results.txt", reg, region="서울특별시", year=2024, as_of="2024-03")
    ind_rows, bud_rows = by_line(ind.rows["indicators"]), by_line(bud.rows["budgets"])
    first = ind_rows[6]
    assert (first["program"], first["indicator"], first["unit"], first["target"], first["actual"]) == (
        "병원안심동행 서비스", "이용인원", "명", 12000, 18042)
    assert first["year"] == 2023 and first["period"] is None
    assert (ind_rows[20]["indicator"], ind_rows[20]["target"], ind_rows[20]["actual"]) == ("활동인원", 1200, 1168)
    assert bud_rows[6]["budget_krw"] == 2_185_000_000 and bud_rows[6]["unit"] == "백만원"
    assert 25 not in bud_rows  # "비예산": missing, never a zero row
    total = bud_rows[33]
    assert total["is_total"] and (total["budget_krw"], total["spent_krw"]) == (549_212_000_000, 425_167_000_000)


def test_space_separated_year_comparison(reg):
    # the 예산현액 overview with cells separated by two spaces: year columns and 증감, 억원 from the 단위 line
    _, _, bud = run("space_years.txt", reg, region="서울특별시", year=2024, as_of="2024-03")
    rows = bud.rows["budgets"]
    first = [(r["line"], r["year"], r["budget_krw"]) for r in rows if r["line"] == 10]
    assert first == [(10, 2024, 3_286_700_000_000), (10, 2023, 3_185_100_000_000)]
    negative = {r["year"]: r["budget_krw"] for r in rows if r["line"] == 13}
    assert negative == {2024: 1_600_000_000, 2023: 8_600_000_000}  # △70 is the change, not a year's budget
    assert {r["unit"] for r in rows} == {"억원"} and len(rows) == 16


def test_wrapped_formula_and_source_text_stays_with_its_row(tmp_path, reg):
    # an indicator table of a good-practice casebook: 지표산식/자료원 text wraps under its row, across a
    # blank line, and the next row starts with its own list number ③
    p = tmp_path / "wrapped_formula.txt"
    p.write_text(
        "성과지표\n목표수준 측정방법\n\n목표치\n(A)\n\n실적\n(B)\n\n달성률\n(B/A) 지표산식 자료원 자료수집방법\n\n"
        "② 돌봄센터 이용률(%) 70 96.9 138.4 돌봄시설 이용 수\n/정원 수×100 이용아동현황자료 정부합동평가실적 및 \n\n"
        "센터제출 자료\n③ 지역돌봄협의체 활성화(%) 100 50 50 회의 개최 수\n\n"
        "협의체 인력보강 인원 31 31 100% 전문인력(읍면동협의체 \n\n전담인력) 배치 현황 협의체 활성화 지원 실적 내부자료 취합\n\n"
        "- 예산 집행 실적 \n", encoding="utf-8")
    doc = read_document(p)
    res = extract_indicators(doc, DocContext(region=reg.resolve("경기도 성남시"), year=2022, as_of=None, unit=None,
                                             registry=reg))
    rows = by_line(res.rows["indicators"])
    assert rows[13]["indicator"] == "돌봄센터 이용률" and rows[13]["formula"].endswith("센터제출 자료")
    assert rows[17]["indicator"] == "지역돌봄협의체 활성화" and (rows[17]["target"], rows[17]["actual"]) == (100, 50)
    assert rows[19]["formula"] == "전문인력(읍면동협의체 전담인력) 배치 현황 협의체 활성화 지원 실적 내부자료 취합"
    assert rows[19]["data_source"] is None  # no column borders: formula and source stay together


def test_flagged_tab_rows_give_no_shifted_figures(reg, tmp_path):
    """Invented rows: a row with a text cell inserted before its figures has more figures than columns and
    a rate that is not its spent/budget — flagged, and none of its figures is read one column off; a row
    with extra figures after its columns whose rate checks out keeps its columns (and is flagged too); an
    indicator row the same way, by actual/target."""
    text = ("세출 집행 현황\n(단위: 천원)\n구 분\t예산액(A)\t지출액(B)\t집행률(B/A)\n"
            "인건비\t500,000\t400,000\t80.0%\n"
            "운영비\t비고\t120,000\t90,000\t75.0%\n"  # a cell inserted: 120,000 would land under 지출액
            "사업비\t200,000\t150,000\t75.0%\t7\t8\n"  # extra figures after the columns: the rate checks out
            "\n성과지표\t단위\t목표\t실적\t달성률\n"
            "상담 건수\t건\t200\t180\t90.0%\n"
            "방문 건수\t건\t메모\t300\t240\t80.0%\n")  # shifted one cell: 300 would become the actual
    path = tmp_path / "shifted.txt"
    path.write_text(text, encoding="utf-8")
    doc = read_document(path, DocumentMeta(file=path.name))
    dctx = DocContext(region=reg.resolve("서울특별시"), year=2024, as_of=None, unit=None, registry=reg)
    bud, ind = extract_budgets(doc, dctx), extract_indicators(doc, dctx)
    budgets = by_line(bud.rows["budgets"])
    assert sorted(budgets) == [4, 6]
    assert (budgets[4]["budget_krw"], budgets[4]["spent_krw"]) == (500_000_000, 400_000_000)
    assert (budgets[6]["budget_krw"], budgets[6]["spent_krw"], budgets[6]["reported_rate"]) == \
        (200_000_000, 150_000_000, 75.0)
    assert sorted(f["line"] for f in bud.flags if f["kind"] == "unparsed_row") == [5, 6]
    indicators = by_line(ind.rows["indicators"])
    assert sorted(indicators) == [9, 10]
    assert (indicators[9]["target"], indicators[9]["actual"]) == (200, 180)
    shifted = indicators[10]  # kept (its target cell prints text), every figure empty
    assert (shifted["indicator"], shifted["target"], shifted["actual"], shifted["reported_rate"]) == \
        ("방문 건수", None, None, None)
    assert [f["line"] for f in ind.flags if f["kind"] == "unparsed_row"] == [10]
