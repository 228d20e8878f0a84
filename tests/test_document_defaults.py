"""Document defaults stated by the text (helpers.extract.document_defaults) and how the pipeline uses them
next to the manifest — real cover blocks of the project's documents."""

from pathlib import Path

import pytest

from helpers.extract.document_defaults import detect
from helpers.extract.pipeline import ExtractResult, document_context, extract_all
from helpers.extract.reading import read_document
from helpers.manifest import DocumentMeta

FIXTURES = Path(__file__).parent / "fixtures" / "extract"


def _detect(name, reg):
    return detect(read_document(FIXTURES / name, DocumentMeta(file=name)).lines, reg)


def test_report_cover_with_date(reg):
    """``주요업무보고`` / ``2024. 4.`` / ``여성가족정책실``: the date dates the report, it is not the title;
    the region is the one the text names (``서울특별시 여성가족재단``)."""
    d = _detect("cover_report_date.txt", reg)
    assert (d.title, d.region.code, d.year, d.as_of) == ("주요업무보고 여성가족정책실", "11", 2024, "2024-03")
    assert d.evidence["title"].startswith("line 3:") and d.evidence["as_of"].startswith("line 12:")


def test_institution_named_in_the_title(reg):
    """``서울시아동자립지원사업단``: 서울시 starts the title word, so the default is 서울특별시 (not 마포구 of
    the address line); the year and date come from ``(2022년 9월말 기준 / 단위: 천원)``."""
    d = _detect("cover_institution.txt", reg)
    assert (d.title, d.region.code, d.region.name, d.year, d.as_of) == (
        "서울시아동자립지원사업단", "11", "서울특별시", 2022, "2022-09")


def test_district_named_in_the_text(reg):
    """An owner line with a phone number above the title is skipped; ``서울특별시 구로구`` in the text is the
    one district named, so it is the default; years 2014–2018 name no single year."""
    d = _detect("owner_line_plan.txt", reg)
    assert (d.title, d.region.code, d.year, d.as_of) == ("연차별 공약사업 이행 로드맵", "11530", None, None)
    assert d.evidence["region"] == "line 18: - 위 치 : 서울특별시 구로구 구로동로 141, 구로2동 통합청사 4층"


def test_document_of_many_parts_keeps_no_region(reg):
    d = _detect("part_regions.txt", reg)
    assert d.region is None and d.as_of is None


def test_manifest_fills_gaps_and_wins_on_conflict(reg):
    """The manifest's region wins over the text's 구로구 (flagged as info); what it leaves out (year,
    as_of, title) comes from the text."""
    doc = read_document(FIXTURES / "owner_line_plan.txt", DocumentMeta(file="x.txt", region="부산광역시"))
    result = ExtractResult()
    ctx = document_context(doc, reg, result)
    assert ctx.region.code == "26" and result.document["title"] == "연차별 공약사업 이행 로드맵"
    (flag,) = result.flags
    assert (flag["kind"], flag["severity"], flag["line"]) == ("manifest_conflict", "info", 18)
    assert "manifest region 26 differs from the text's 11530" in flag["message"]
    # a manifest region containing the text's district is no conflict
    doc = read_document(FIXTURES / "owner_line_plan.txt", DocumentMeta(file="x.txt", region="서울특별시"))
    result = ExtractResult()
    assert document_context(doc, reg, result).region.code == "11" and not result.flags


def test_documents_table_records_what_the_text_states(tmp_path):
    (tmp_path / "cover.txt").write_bytes((FIXTURES / "cover_report_date.txt").read_bytes())
    run = extract_all(tmp_path)
    (row,) = run.rows["documents"]
    assert (row["title"], row["region_code"], row["region_name"], row["year"], row["as_of"]) == (
        "주요업무보고 여성가족정책실", "11", "서울특별시", 2024, "2024-03")


@pytest.fixture(scope="module")
def reg():
    from helpers.regions import registry

    return registry()
