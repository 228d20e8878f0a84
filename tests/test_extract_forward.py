"""Forward-looking plans: '24년 목표 / '24년 예산 tables and rows, 소요예산 lines → indicators and budgets."""

import math

from ext2_support import frame, run
from helpers.extract.forward import amounts, extract_forward, plan_year, target_figures


def _run(name, **kw):
    result = run(extract_forward, name, region="서울특별시", **kw)
    return frame(result, "indicators"), frame(result, "budgets"), result


def test_plan_year_and_cell_parsers():
    assert plan_year("'24년 목표") == (2024, "목표")
    assert plan_year("'24년 예산 (단위:백만원)") == (2024, "예산")
    assert plan_year("2023년 1인가구 안심시행계획") is None  # a year without 목표/예산 is no plan column
    assert target_figures("3만명 이용") == [(30000.0, "명", "이용")]  # 만 multiplies
    assert target_figures("사업추진") == []  # a target in words
    assert amounts("- 17,581", "백만원") == [(None, None), (17581000000.0, "백만원")]  # '-' is missing, not 0


def test_target_and_budget_columns():
    ind, bud, result = _run("forward_target_budget_table.txt", year=2024)
    assert set(ind["year"]) == {2024} and set(bud["year"]) == {2024}  # the year the header states
    first = ind[ind["program"] == "병원 안심동행서비스"]
    assert first[["indicator", "unit", "target"]].values.tolist() == [["서비스 제공", "건", 15000.0]]
    assert first["actual"].isna().all()  # target only
    watch = ind[ind["program"] == "1인가구 손목닥터 9988"]  # department in parentheses dropped from the name
    assert watch["target"].tolist() == [30000.0]  # 3만명
    hospital = bud[bud["program"] == "병원 안심동행서비스"]
    assert hospital[["budget_krw", "basis", "unit"]].values.tolist() == [[1_945_000_000.0, "예산", "백만원"]]
    assert hospital["spent_krw"].isna().all() and hospital["scope"].tolist() == ["건강생활 지원"]
    # a merged 과제 cell: the blank first cell keeps the group above
    assert bud[bud["program"] == "유희공간 활용 1인가구 소통공간 조성"]["scope"].tolist() == ["사회관계망 형성 및 경제자립 지원"]
    # two targets, two budgets ('-' = no budget for the first): missing, never 0
    jobs = bud[bud["program"] == "1인가구 경제자립을 위한 교육 및 일자리 연계"]
    assert math.isnan(jobs["budget_krw"].iloc[0]) and jobs["budget_krw"].iloc[1] == 17_581_000_000.0
    assert ind[ind["program"] == "1인가구 경제자립을 위한 교육 및 일자리 연계"]["target"].tolist() == [600.0, 2300.0]
    # a target in words keeps the row with target missing, and says so
    words = ind[ind["program"] == "세대통합형 주거모델 개발·공급"]
    assert len(words) == 1 and words["target"].isna().all() and "사업추진" in words["source_text"].iloc[0]
    assert any(f["kind"] == "target_text" for f in result.flags)
    assert ind[ind["program"] == "안심택배함 운영"][["unit", "target"]].values.tolist() == [["%", 32.0]]


def test_labelled_rows_and_year_columns():
    ind, bud, _ = _run("forward_labelled_rows.txt", year=2024)
    centres = bud[bud["basis"] == "예산"].set_index("item")["budget_krw"].to_dict()
    assert centres == {"동부권 직장맘지원센터": 647e6, "서남권 직장맘지원센터": 603e6, "서북권 직장맘지원센터": 623e6}
    need = bud[bud["basis"] == "소요예산"].set_index("year")["budget_krw"].to_dict()
    assert need == {2022: 243e8, 2023: 198e8, 2024: 158e8, 2025: 56e8}  # 억원 per year column
    assert ind.empty  # 시설비율 / 시설확충 rows without a 달성도 or 목표 label are not read as targets here


def test_need_lines():
    _, bud, _ = _run("need_lines.txt", year=2022)
    rows = bud[["line", "year", "budget_krw", "unit", "basis"]].values.tolist()
    assert rows[0] == [3, 2022, 9_762_000.0, "천원", "소요예산"]  # ○ 소요예산 : 9,762천원
    assert rows[1][:2] == [6, 2022] and math.isnan(rows[1][2])  # 비예산: missing, never 0
    assert "비예산" in bud["source_text"].iloc[1]
    assert rows[2][:4] == [10, 2024, 1_294_000_000.0, "백만원"]  # ('24년) sets the year
    assert rows[3][:2] == [13, 2024] and math.isnan(rows[3][2])  # 비예산 with a note after it
    assert rows[4][:4] == [16, 2022, 998_000_000.0, "백만원"]  # the split (시 503, 군구 495) is funding's
    assert len(bud) == 5 and (bud["item"] == "소요예산").all()


def test_target_and_budget_columns_in_two_space_layout():
    """The same '24년 목표/예산 table as aligned text: a row under a merged 과제 cell prints one cell
    fewer, so cells align on the right and the 과제 above carries on."""
    ind, bud, _ = _run("forward_target_budget_two_spaces.txt", year=2024)
    tab_ind, tab_bud, _ = _run("forward_target_budget_table.txt", year=2024)
    cols = ["line", "program", "indicator", "unit", "target"]
    assert ind[cols].fillna(-1).values.tolist() == tab_ind[cols].fillna(-1).values.tolist()
    cols = ["line", "program", "scope", "item", "budget_krw"]
    assert bud[cols].fillna(-1).values.tolist() == tab_bud[cols].fillna(-1).values.tolist()
    watch = bud[bud["program"] == "1인가구 손목닥터 9988"]
    assert watch[["scope", "budget_krw"]].values.tolist() == [["건강생활 지원", 3_000_000_000.0]]
    jobs = bud[bud["program"] == "1인가구 경제자립을 위한 교육 및 일자리 연계"]
    assert math.isnan(jobs["budget_krw"].iloc[0]) and jobs["budget_krw"].iloc[1] == 17_581_000_000.0


def test_labelled_rows_and_year_columns_in_single_space_layout():
    """``연도별 2022년 2023년 …`` / ``소요예산 243억원 198억원 …`` with single spaces, and a '24년 예산 row
    under a header of centres split by runs of spaces."""
    ind, bud, _ = _run("forward_labelled_rows_single_spaces.txt", year=2024)
    centres = bud[bud["basis"] == "예산"].set_index("item")["budget_krw"].to_dict()
    assert centres == {"동부권 직장맘지원센터": 647e6, "서남권 직장맘지원센터": 603e6, "서북권 직장맘지원센터": 623e6}
    need = bud[bud["basis"] == "소요예산"].set_index("year")["budget_krw"].to_dict()
    assert need == {2022: 243e8, 2023: 198e8, 2024: 158e8, 2025: 56e8}
    assert bud[bud["basis"] == "소요예산"]["line"].unique().tolist() == [17] and ind.empty


def test_need_line_in_a_program_write_up_has_no_section_scope():
    """``- 소요예산('24년) : 1,294백만원`` under ``□ 사업개요`` of a numbered program: the program is the
    grouping; the heading names a part of the write-up, so 구분 (scope) stays empty."""
    _, bud, _ = _run("need_line_in_program.txt", year=2024)
    row = bud.iloc[0]
    assert (row["program"], row["budget_krw"], row["year"]) == ("경력단절 청년 디지털 직무 교육 확대", 1_185e6, 2024)
    assert row["scope"] is None or row["scope"] == ""


def test_labelled_rows_of_a_pipe_table_over_a_page_break(tmp_path):
    """A '24년 예산 / '24년 목표 row of a markdown pipe table printed after a page break (the old line scanner
    ended a table at the blank line): the table comes whole from the block finder, so the rows take their
    entities from the table's first header row. Invented centres and figures."""
    from helpers.extract.pipeline import DocContext
    from helpers.extract.reading import read_document
    from helpers.manifest import DocumentMeta
    from helpers.regions import registry

    text = ("- 운영현황\n\n"
            "| 구 분 | 북부 상담센터 | 남부 상담센터 |\n"
            "|---|---|---|\n"
            "| 위치 | 가상구 가온로 12 | 가상구 나래로 7 |\n"
            "| 인 원 | 5명 | 4명 |\n"
            "\n- 7 -\n\n"
            "| '25년 목표 | 1,200건 | 900건 |\n"
            "| '25년 예산 | 310백만원 | 270백만원 |\n")
    path = tmp_path / "centres.txt"
    path.write_text(text, encoding="utf-8")
    reg = registry()
    doc = read_document(path, DocumentMeta(file=path.name, region="서울특별시", year=2025))
    ctx = DocContext(region=reg.resolve("서울특별시", year=2025), year=2025, as_of=None, unit=None, registry=reg)
    result = extract_forward(doc, ctx)
    bud, ind = frame(result, "budgets"), frame(result, "indicators")
    assert bud[["line", "year", "item", "basis", "budget_krw", "unit"]].values.tolist() == [
        [11, 2025, "북부 상담센터", "예산", 310e6, "백만원"], [11, 2025, "남부 상담센터", "예산", 270e6, "백만원"]]
    assert ind[["line", "year", "indicator", "unit", "target"]].values.tolist() == [
        [10, 2025, "북부 상담센터", "건", 1200.0], [10, 2025, "남부 상담센터", "건", 900.0]]
