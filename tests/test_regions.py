"""Region resolution: codes, official names, aliases, year-dependent codes and ambiguity errors."""

import pytest

from helpers.errors import AmbiguousRegionError, UnknownRegionError


@pytest.mark.parametrize(
    "text, year, code",
    [
        ("11410", None, "11410"),  # a code stays itself
        ("서울특별시 서대문구", None, "11410"),  # official full name
        ("서울시", None, "11"),  # alias documents use
        ("서울", 2024, "11"),
        ("부산 수영구", 2022, "26500"),  # alias parent + short name
        ("수영구", None, "26500"),  # unique short name
        ("성남시", None, "41130"),
        ("경기도 성남시 분당구", None, "41135"),  # 일반구 under a 시
        ("강원도 고성군", 2022, "42820"),  # the code in force in the figures' year …
        ("강원도 고성군", 2024, "51820"),  # … follows the 2023 특별자치도 change
        ("강원특별자치도 고성군", 2022, "42820"),  # the new name for an old year gives the old code
        ("42820", 2024, "51820"),  # so does an old code for a new year
        ("군위군", 2022, "47720"),  # moved from 경상북도 to 대구광역시 in 2023
        ("군위군", 2024, "27720"),
        ("전라북도", 2024, "52"),
        ("세종특별자치시", None, "36"),  # both a 시도 and its own 시군구: the 시도
        ("서울특별시  서대문구", None, "11410"),  # spacing is folded
    ],
)
def test_resolve(reg, text, year, code):
    assert reg.resolve(text, year=year).code == code


def test_ambiguous_short_name_lists_candidates(reg):
    with pytest.raises(AmbiguousRegionError) as err:
        reg.resolve("중구")
    assert "서울특별시 중구 (11140)" in err.value.candidates
    assert "부산광역시 중구 (26110)" in err.value.candidates
    assert "ambiguous" in str(err.value)


def test_ambiguous_across_renamed_lineages(reg):
    # 강원 고성군 (42820 → 51820) is one lineage; 경상남도 고성군 is another.
    with pytest.raises(AmbiguousRegionError) as err:
        reg.resolve("고성군", year=2024)
    assert sorted(err.value.candidates) == ["강원특별자치도 고성군 (51820)", "경상남도 고성군 (48820)"]


def test_parent_disambiguates(reg):
    assert reg.resolve("중구", parent="서울").code == "11140"
    assert reg.resolve("고성군", year=2022, parent="강원도").code == "42820"
    assert reg.resolve("서구", parent="광주광역시").code == "29140"


def test_unknown_name_and_code(reg):
    with pytest.raises(UnknownRegionError, match="no region matches"):
        reg.resolve("없는구")
    with pytest.raises(UnknownRegionError, match="99999"):
        reg.resolve("99999")
    with pytest.raises(UnknownRegionError, match="no region named '없는구' in 서울특별시"):
        reg.resolve("서울 없는구")


def test_lineage_and_current(reg):
    assert [r.code for r in reg.lineage("42820")] == ["42820", "51820"]
    assert reg.current("42820").code == "51820"
    assert reg.current("11410").code == "11410"


def test_children_in_force(reg):
    kids = {r.code for r in reg.children("51", year=2024)}
    assert "51820" in kids and "42820" not in kids
    assert len(reg.children("11")) == 25  # 서울 has 25 자치구


# -- names as researchers type them (issue 15) ------------------------------------------------------------

@pytest.mark.parametrize(
    "text, code",
    [
        ("구로", "11530"),  # a unique prefix of a short name
        ("서대문", "11410"),
        ("성남", "41130"),  # 성남시; its 일반구 (성남시 수정구 …) are below it, not rivals
        ("서울특별시구로구", "11530"),  # 시도 and 시군구 written without the space, as documents do
        ("경기도성남시", "41130"),
        ("부산수영구", "26500"),  # alias 시도 + short name, no space
        ("경기도 성남", "41130"),  # a prefix after the 시도
    ],
)
def test_prefix_and_unspaced_names(reg, text, code):
    assert reg.resolve(text).code == code


def test_ambiguous_prefix_lists_the_matches(reg):
    with pytest.raises(AmbiguousRegionError) as err:
        reg.resolve("강서")  # 서울 강서구 and 부산 강서구
    assert sorted(err.value.candidates) == ["부산광역시 강서구 (26440)", "서울특별시 강서구 (11500)"]


def test_prefix_ambiguity_keeps_candidates(reg):
    with pytest.raises(AmbiguousRegionError) as err:
        reg.resolve("고성")  # 강원 고성군 and 경남 고성군
    assert sorted(err.value.candidates) == ["강원특별자치도 고성군 (51820)", "경상남도 고성군 (48820)"]


def test_unknown_name_still_suggests(reg):
    with pytest.raises(UnknownRegionError, match="did you mean"):
        reg.resolve("구로동")


def test_region_errors_are_standard_exceptions(reg):
    with pytest.raises(LookupError):
        reg.resolve("없는구")
    with pytest.raises(ValueError):
        reg.resolve("중구")
    with pytest.raises(LookupError):
        reg.resolve("99999")


def test_project_errors_are_standard_exceptions():
    from helpers import errors

    assert issubclass(errors.DataMissingError, LookupError)
    assert issubclass(errors.SchemaError, ValueError)
    assert issubclass(errors.ReportError, ValueError)
    assert issubclass(errors.InputError, ValueError)


def test_document_words_are_resolved_strictly(reg):
    # the extractor's try_resolve reads words of documents: a prefix must not make 동해 (the sea) a region
    assert reg.try_resolve("동해") is None and reg.try_resolve("서울특별시구로구") is None
    assert reg.resolve("동해").code == reg.try_resolve("동해시").code
    assert reg.try_resolve("구로", loose=True).code == "11530"
