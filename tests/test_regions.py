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
