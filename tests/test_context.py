"""The line model (helpers.extract.context): region, program, year, as_of and unit in force per line."""

from pathlib import Path

import pytest

from helpers.extract.context import (
    build_contexts,
    heading_year,
    is_toc_line,
    parse_as_of,
    parse_unit,
    program_title,
)
from helpers.extract.pipeline import DocContext
from helpers.extract.reading import read_document
from helpers.manifest import DocumentMeta

FIXTURES = Path(__file__).parent / "fixtures" / "extract"


def contexts(name, reg, region=None, year=None, as_of=None, unit=None):
    doc = read_document(FIXTURES / name, DocumentMeta(file=name))
    dctx = DocContext(region=reg.resolve(region) if region else None, year=year, as_of=as_of, unit=unit,
                      registry=reg)
    return doc, build_contexts(doc, dctx)


def at(doc, ctxs, text):
    """The context of the first line containing ``text``."""
    for line, ctx in zip(doc.lines, ctxs, strict=True):
        if text in line:
            return ctx
    raise AssertionError(f"{text!r} not in fixture")


@pytest.mark.parametrize("text, expected", [
    ("□ 예산 집행현황('24.3월말 기준)", "2024-03"),
    ("□ 추진실적('24. 3월말 기준)", "2024-03"),
    ("□ 추진실적('24.3월 말 기준)", "2024-03"),
    ("□ 추진실적('24.4.5. 기준)", "2024-04"),  # day given: the month is what as_of keeps
    ("(2022년 9월말 기준 / 단위: 천원)", "2022-09"),
    ("2024년 사업계획", None),  # a year alone is not a reference date
])
def test_parse_as_of(text, expected):
    assert parse_as_of(text) == expected


@pytest.mark.parametrize("text, money, count", [
    ("(단위 : 백만원)", "백만원", ""),
    ("(2022년 9월말 기준 / 단위: 천원)", "천원", ""),
    ("단위: 건(인원)", None, "건(인원)"),  # a count unit, not money; the second count (in parentheses) is 인원
    ("(단위 : 명)", None, "명"),
    ("분야(3)\t과제(7)\t세부사업(26)\t추진실적\t\t\t집행내역(백만원)", "백만원", ""),  # unit in a header cell
    ("지원 영아(명)\t50,000명", None, ""),
])
def test_parse_unit(text, money, count):
    assert parse_unit(text) == (money, count)


@pytest.mark.parametrize("text, title", [
    (" 우수사업 1. 일하는 청년 복지포인트", "일하는 청년 복지포인트"),
    ("19 서울엄마아빠택시 지원", "서울엄마아빠택시 지원"),
    (" 1. 마을이 돌보는 지역공동체 아동돌봄 사업", "마을이 돌보는 지역공동체 아동돌봄 사업"),
    ("1-3-1 권역별 민관협업사례관리단 운영", "권역별 민관협업사례관리단 운영"),
    ("① 돌봄센터 이용률(%) 70 96.9 138.4", None),  # a circled-number table row
    ("2 예 산 현 황", None),  # a generic chapter, not a program
    ("1 시 설 현 황", None),  # a status section of an operations report
    ("1 조직 및 인력 ('24. 3월말 기준)", None),  # a chapter of a work report
    ("1-3-1 신규사업 II형(임기내완료) 국·사비지원사업 어르신청소년과 ☎860-2233", None),  # owner/contact line
    ("15 15 100", None),
    ("7 2인가구 식사 나눔 확대", "2인가구 식사 나눔 확대"),  # a title starting with a figure glued to its noun
    ("2 2025년 운영계획", None),  # … but never a year: a chapter
])
def test_program_title(text, title):
    assert program_title(text) == title


def test_heading_year_and_toc():
    assert heading_year("※ 2023년 1인가구 안심시행계획 추진실적") == 2023
    assert heading_year("’22년도 예산(A) ’22년도 집행(B)") == 2022
    assert heading_year("사업 기간 : 2019년 ~ 2022년") is None  # a range names no single year
    assert is_toc_line("PART Ⅰ- 4  경기도 성남시 ····························· 41")
    assert not is_toc_line("PART Ⅰ 경기도 성남시")


def test_part_headers_switch_region_but_toc_does_not(reg):
    doc, ctxs = contexts("part_regions.txt", reg, year=2022)
    # the table of contents lists five regions; none of them is in force on its own lines
    assert at(doc, ctxs, "PART Ⅰ- 5  충청남도 예산군").region is None
    assert at(doc, ctxs, "’22년도 예산(A)").region.code == "41"  # PART Ⅰ 경기도
    assert at(doc, ctxs, "’22년도 예산(A)").program == "일하는 청년 복지포인트"
    # a bare "PARTⅠ- 3" marker takes the region on the bare line next to it; the title follows
    seongdal = at(doc, ctxs, "목표치")
    assert seongdal.region.code == "26500" and seongdal.region.name == "부산광역시 수영구"
    assert seongdal.program == "지역사회 커뮤니티케어 인프라 강화"  # kept across the running page header
    assert seongdal.year == 2022 and seongdal.unit is None


def test_units_as_of_and_years_follow_sections(reg):
    doc, ctxs = contexts("asof_unit_sections.txt", reg, region="서울특별시", year=2024, as_of="2024-03")
    overview = at(doc, ctxs, "총 계\t32,867")
    assert overview.unit == "억원" and overview.unit_source.startswith("line 7:")
    total = at(doc, ctxs, "합계\t3,286,749")
    assert (total.unit, total.as_of, total.year) == ("백만원", "2024-03", 2024)
    assert at(doc, ctxs, "□ 사업목적").unit is None  # a new heading closes the unit's scope
    taxi = at(doc, ctxs, "지원 영아(명)")
    assert taxi.program == "서울엄마아빠택시 지원" and taxi.as_of == "2024-03" and taxi.region.code == "11"
    # the 2023 results table: year from its title, unit from a header cell, no 2024 reference date
    results = at(doc, ctxs, "전·월세 안심계약")
    assert (results.year, results.as_of, results.unit) == (2023, None, "백만원")
    assert at(doc, ctxs, "□ 향후계획").year == 2024


SPLIT_HEADINGS = """\
가상담당관

1. 첫째 가상사업
2. 둘째 가상사업
3. 셋째 가상사업

1

첫째 가상사업

가상담당관 : 홍길동 ☎1234-5678

□ 사업개요

- 소요예산('24년) : 1,200백만원

2

모두가 함께하는

둘째 가상사업

가상담당관 : 홍길동 ☎1234-5679

- 소요예산('24년) : 800백만원

15

□ 향후계획
"""


def test_split_headings_and_a_table_of_contents(reg, tmp_path):
    from helpers.extract.context import build_contexts
    path = tmp_path / "split.txt"
    path.write_text(SPLIT_HEADINGS, encoding="utf-8")
    doc = read_document(path, DocumentMeta(file="split.txt"))
    ctxs = build_contexts(doc, DocContext(region=None, year=2024, as_of=None, unit=None, registry=reg))
    program = {line.strip(): c.program for line, c in zip(doc.lines, ctxs, strict=True)}
    assert program["3. 셋째 가상사업"] == ""  # the list's last entry (blank line after) is no heading
    assert program["- 소요예산('24년) : 1,200백만원"] == "첫째 가상사업"  # number and title on separate lines
    assert program["- 소요예산('24년) : 800백만원"] == "둘째 가상사업"  # a slogan line above the title
    assert program["□ 향후계획"] == "둘째 가상사업"  # a bare page number titles nothing


def test_settle_as_of_drops_the_month_of_a_year_that_had_ended():
    from helpers.extract.context import settle_as_of

    rows = [{"year": 2023, "as_of": "2024-03"}, {"year": 2024, "as_of": "2024-03"},
            {"year": 2023, "period": "2024-03"}, {"year": 2023, "period": "2023"}, {"year": None, "as_of": "2024-03"},
            {"year": 2022, "as_of": "2022-09"}]
    assert [settle_as_of(dict(r)) for r in rows] == [
        {"year": 2023, "as_of": None}, {"year": 2024, "as_of": "2024-03"}, {"year": 2023, "period": None},
        {"year": 2023, "period": "2023"}, {"year": None, "as_of": "2024-03"}, {"year": 2022, "as_of": "2022-09"}]


PRIOR_YEAR_COLUMN = """\
가상구 복지국 주요업무 보고

□ 예산 현황 ('24. 6월말 기준)

(단위 : 백만원)

구 분\t2024년(A)\t2023년(B)\t증 감(A-B)
총 계\t5,400\t5,000\t400
일 반 회 계\t4,100\t3,900\t200
특 별 회 계\t1,300\t1,100\t200
"""


def test_a_previous_year_column_has_no_as_of_in_the_processed_table(tmp_path):
    """The extractor, not the report, dates each column: 2024 as of 2024-06, 2023 a full (closed) year."""
    import pandas as pd

    from helpers.extract.pipeline import run_extract

    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "prior.txt").write_text(PRIOR_YEAR_COLUMN, encoding="utf-8")
    run_extract(raw, tmp_path / "out")
    bud = pd.read_parquet(tmp_path / "out" / "budgets.parquet")
    got = {(r.item, r.year): (r.budget_krw, r.as_of) for r in bud.itertuples()}
    assert got[("일 반 회 계", 2024)] == (4_100e6, "2024-06") and got[("일 반 회 계", 2023)] == (3_900e6, None)
    assert got[("특 별 회 계", 2023)] == (1_100e6, None)


def test_a_notation_remark_is_no_section_title(reg, tmp_path):
    """``※ 사업명의 () : 소관부서`` explains the table below; the ``□`` heading stays the table's section."""
    from helpers.extract.context import build_contexts

    path = tmp_path / "note.txt"
    path.write_text("□ 2024년 가상사업별 목표\n\n※ 사업명의 () : 소관부서명\n\n※ 2023년 가상계획 추진실적\n", encoding="utf-8")
    doc = read_document(path, DocumentMeta(file="note.txt"))
    ctxs = build_contexts(doc, DocContext(region=None, year=2024, as_of=None, unit=None, registry=reg))
    assert [c.section for c in ctxs] == ["2024년 가상사업별 목표"] * 4 + ["2023년 가상계획 추진실적"]
