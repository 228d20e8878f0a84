"""The activities and roadmap readers take their tables from the one block finder (issue 11, build item 1).

Invented snippets, one per reading rule the readers keep while the finder finds the blocks: the header rows
of a tab count table that name columns (not a row of words printed between the header and the counts, not a
unit note), numbers-only rows under a ``(단위 : …)`` line, and yearly roadmaps in every bordered layout.
"""

from __future__ import annotations

import pytest

from helpers.extract import blocks
from helpers.extract.activities import extract_activities, read_tab_tables
from helpers.extract.pipeline import to_frame
from helpers.extract.reading import read_document
from helpers.extract.result import DocContext, ExtractResult
from helpers.extract.roadmap import extract_roadmap
from helpers.manifest import DocumentMeta
from helpers.regions import registry


def _doc(tmp_path, text: str, name: str = "snippet.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    reg = registry()
    doc = read_document(path, DocumentMeta(file=name, region="서울특별시", year=2023))
    ctx = DocContext(region=reg.resolve("서울특별시", year=2023), year=2023, as_of=None, unit=None, registry=reg)
    return doc, ctx


@pytest.fixture(autouse=True)
def _fresh_tables():
    blocks.clear_cache()
    yield
    blocks.clear_cache()


def _tab(tmp_path, text: str):
    doc, ctx = _doc(tmp_path, text)
    result = ExtractResult()
    read_tab_tables(doc, ctx, result, set())
    return to_frame("activities", result.rows.get("activities", []))


def test_a_row_of_words_under_the_header_names_no_column(tmp_path):
    # tab table: header, a row of words (what each programme pays), then the counts row
    df = _tab(tmp_path, "□ 지원 내역\n\n"
                        "구분\t바우처\t방문상담\t집단교육\n"
                        "내용\t20만원×2개월\t주 1회×4주\t강사료×1회\n"
                        "인원\t1,200명\t85명\t30건\n")
    assert df[["line", "item", "measure", "value"]].values.tolist() == [
        [5, "인원 바우처", "명", 1200.0], [5, "인원 방문상담", "명", 85.0], [5, "인원 집단교육", "건", 30.0]]


def test_a_unit_note_row_and_a_translated_header_row_name_no_column(tmp_path):
    # tab table exported from a yearbook sheet: a unit note row, the Korean header, its English line
    df = _tab(tmp_path, "동별 이용자 현황\n"
                        "단위: 명\tUnit: person\n"
                        "동별\t계\t남\t여\n"
                        "Dong\tTotal\tMale\tFemale\n"
                        "계\t610\t290\t320\n"
                        "가동\t250\t110\t140\n"
                        "나동\t360\t180\t180\n")
    assert df[["line", "item", "measure", "value"]].values.tolist() == [
        [5, "계", "계", 610.0], [5, "계", "남", 290.0], [5, "계", "여", 320.0],
        [6, "가동", "계", 250.0], [6, "가동", "남", 110.0], [6, "가동", "여", 140.0],
        [7, "나동", "계", 360.0], [7, "나동", "남", 180.0], [7, "나동", "여", 180.0]]


def test_a_two_level_header_keeps_its_groups(tmp_path):
    # tab table with a two-level header whose lower row opens with a blank corner; the rate column is left out
    df = _tab(tmp_path, "구분\t교육\t\t\t취업\n"
                        "\t과정수\t교육인원\t수료율\t취업인원\n"
                        "계\t12\t340\t81.5\t96\n"
                        "가센터\t7\t200\t80.0\t51\n")
    assert df[["line", "item", "measure", "value"]].values.tolist() == [
        [3, "교육 계", "과정수", 12.0], [3, "교육 계", "교육인원", 340.0], [3, "취업 계", "취업인원", 96.0],
        [4, "가센터 교육", "과정수", 7.0], [4, "가센터 교육", "교육인원", 200.0], [4, "가센터 취업", "취업인원", 51.0]]


def test_money_and_year_tab_tables_give_no_counts(tmp_path):
    df = _tab(tmp_path, "구분\t예산액\t집행액\n사업가\t1,200\t1,100\n\n"
                        "구분\t2021년\t2022년\n상담\t41건\t57건\n")
    assert df.empty


def _acts(tmp_path, text: str):
    doc, ctx = _doc(tmp_path, text)
    return to_frame("activities", extract_activities(doc, ctx).rows.get("activities", []))


def test_unit_line_rows_take_their_labels_from_the_lines_above(tmp_path):
    # single-space numbers lines under a (단위 : …) line and wrapped column labels, blank lines between
    df = _acts(tmp_path, "○ 방문 실적\n(단위 : 건)\n\n합계 3월 4월\n\n52 30 22\n\n"
                         "○ 교육 현황\n(단위 : 명)\n\n소계 부모교육\n\n또래모임\n\n95 60 35\n")
    assert df[["line", "item", "measure", "value"]].values.tolist() == [
        [6, "합계", "건", 52.0], [6, "3월", "건", 30.0], [6, "4월", "건", 22.0],
        [15, "소계", "명", 95.0], [15, "부모교육", "명", 60.0], [15, "또래모임", "명", 35.0]]


def test_unit_line_row_with_unaligned_labels_is_flagged(tmp_path):
    # a one-word label line right above its numbers (the finder's label + values row): one label, three counts
    doc, ctx = _doc(tmp_path, "(단위 : 회)\n상담실적\n14 9 5\n")
    result = extract_activities(doc, ctx)
    df = to_frame("activities", result.rows.get("activities", []))
    assert df[["line", "measure", "value"]].values.tolist() == [[3, "회", 14.0], [3, "회", 9.0], [3, "회", 5.0]]
    assert df["item"].isna().all()
    assert [(f["line"], f["kind"]) for f in result.flags] == [(3, "labels_unaligned")]


ROADMAP_ROWS = [["구 분", "2021년", "2022년", "2023년"],
                ["확인지표 (참여 경로당 수)", "4개소", "9개소", "완료"],
                ["달성도", "30%", "75%", "-"]]


def _render(rows: list[list[str]], layout: str) -> str:
    if layout == "tab":
        return "\n".join("\t".join(r) for r in rows)
    if layout == "pipe":
        rule = "|" + "---|" * len(rows[0])
        return "\n".join(["| " + " | ".join(rows[0]) + " |", rule] + ["| " + " | ".join(r) + " |" for r in rows[1:]])
    if layout == "spaces":
        return "\n".join("  ".join(r) for r in rows)
    # single spaces where no cell holds a space, else two
    return "\n".join((" " if not any(" " in c for c in r) else "  ").join(r) for r in rows)


@pytest.mark.parametrize("layout", ["tab", "pipe", "spaces", "single"])
def test_roadmap_in_every_bordered_layout(tmp_path, layout):
    # a yearly roadmap (target row in words with a unit, 달성도 row) in each layout the finder reads
    doc, ctx = _doc(tmp_path, "연차별 이행 로드맵\n\n" + _render(ROADMAP_ROWS, layout) + "\n\n다음 절\n")
    result = extract_roadmap(doc, ctx)
    df = to_frame("indicators", result.rows.get("indicators", []))
    cols = df[["period", "indicator", "target", "unit", "reported_rate"]].astype(object)
    assert cols.where(cols.notna(), None).values.tolist() == [
        ["2021", "확인지표 (참여 경로당 수)", 4.0, "개소", 30.0],
        ["2022", "확인지표 (참여 경로당 수)", 9.0, "개소", 75.0],
        ["2023", "확인지표 (참여 경로당 수)", None, None, None]]
    assert [f["kind"] for f in result.flags] == ["target_text"]  # 완료 kept in source_text


def test_roadmap_rows_end_at_a_blank_line_and_target_actual_tables_are_left_out(tmp_path):
    # the 달성도 row after a blank line belongs to no roadmap; a 목표/실적/달성률 table is an indicator table
    text = ("구분\t2022년\t2023년\n확인지표\t3개소\t5개소\n\n달성도\t60%\t100%\n\n"
            "구분\t2022년\t2023년\n목표\t10건\t12건\n실적\t9건\t12건\n달성률\t90%\t100%\n")
    doc, ctx = _doc(tmp_path, text)
    assert not extract_roadmap(doc, ctx).rows.get("indicators")


def test_a_tab_row_labelled_on_the_line_above_its_counts(tmp_path):
    # tab table where a converter put one row's label on its own line above the row's counts
    df = _tab(tmp_path, "구분\t상담\t방문\n가센터\t12\t30\n나센터\n5\t7\n")
    assert df[["line", "item", "measure", "value"]].values.tolist() == [
        [2, "가센터", "상담", 12.0], [2, "가센터", "방문", 30.0], [4, "나센터", "상담", 5.0], [4, "나센터", "방문", 7.0]]
