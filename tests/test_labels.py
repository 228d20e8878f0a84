"""Label hygiene (helpers.extract.labels): list markers and half brackets off every table's labels."""

from pathlib import Path

import pytest

from helpers.extract.labels import clean_label
from helpers.extract.pipeline import extract_document
from helpers.extract.reading import read_document
from helpers.manifest import DocumentMeta

FIXTURES = Path(__file__).parent / "fixtures" / "extract"


@pytest.mark.parametrize("text, expected", [
    ("Ÿ 예산 집행 실적", "예산 집행 실적"),  # symbol-font bullet decoded as Ÿ
    ("£ 추진전략", "추진전략"),  # symbol-font box decoded as £
    ("∙ 구성인원 : 총22명", "구성인원 : 총22명"),
    ("▸가정방문", "가정방문"),
    ("⦁ 우수사례 발굴", "우수사례 발굴"),
    ("\uf0a7 통합사례관리", "통합사례관리"),  # a private-use bullet
    ("- 조직분야", "조직분야"),
    ("※ 관내 부동산중개업소", "관내 부동산중개업소"),
    ("③ 지역돌봄협의체 활성화(%)", "지역돌봄협의체 활성화(%)"),  # circled list number, balanced unit kept
    ("학부모 대상 만족도 조사(총", "학부모 대상 만족도 조사"),  # cut-off parenthesis
    ("기존) 법인시설", "법인시설"),  # the tail of a parenthesis opened on the line before
    (")·긴급보호", "긴급보호"),
    ("설문)", "설문"),  # nothing outside the bracket: only the bracket goes
    ("「시립 서울형 키즈카페」 운영", "「시립 서울형 키즈카페」 운영"),  # balanced brackets stay
    ("(재)서울시여성가족재단 정원", "(재)서울시여성가족재단 정원"),
    ("계(연인원)", "계(연인원)"),
    ("ㅇㅇ동", "ㅇㅇ동"),  # ㅇ is a bullet only when a space follows it
    ("Ÿ", None),
])
def test_clean_label(text, expected):
    assert clean_label(text) == expected


def test_every_extractor_output_is_cleaned_and_source_text_stays_raw(reg):
    # casebook page: ``Ÿ 예산 집행 실적`` titles a ’22년도 예산(A)/집행(B) table
    doc = read_document(FIXTURES / "part_regions.txt", DocumentMeta(file="part_regions.txt", year=2022))
    budgets = extract_document(doc, reg).rows["budgets"]
    row = next(r for r in budgets if r["budget_krw"] == 28_800_000_000)
    assert row["scope"] == "예산 집행 실적"
    assert row["source_text"] == "28,800백만 원 28,800백만 원 100%"
