"""helpers.formatting: labels for display (converter bullets removed) and 억원 amounts that never read as 0."""

from __future__ import annotations

import pytest

from helpers.formatting import MISSING, display_label, format_krw


@pytest.mark.parametrize("printed, shown", [
    ("Ÿ 예산 집행 실적", "예산 집행 실적"),   # Wingdings solid bullet as decoded by the casebook's converter
    ("£ 사업 추진 실적", "사업 추진 실적"),   # Wingdings box
    ("∙ 아동돌봄", "아동돌봄"),             # bullet operator
    ("▸ 성과목표", "성과목표"),
    ("□ ○ 지역돌봄  협의체", "지역돌봄 협의체"),  # nested marks, inner spaces collapsed
    ("○사업개요", "사업개요"),               # no space after the mark
    ("ㅇ 주요 내용", "주요 내용"),           # the Hangul letter used as a round bullet
    ("\uf0a7 사업", "사업"),                 # private-use glyph (HWP symbol font)
    ("- 소요예산", "소요예산"),
])
def test_display_label_drops_leading_bullets(printed, shown):
    assert display_label(printed) == shown


@pytest.mark.parametrize("kept", [
    "①돌봄",            # circled numbering is meaningful
    "「시립 서울형 키즈카페」 운영",
    "(1) 사업",
    "1인가구 지원",
    "ㅇ사업",            # ㅇ followed by Hangul is not a bullet
    "30% 감축",
    "-",                # a label that is only a mark stays as printed
    "<수정전, 수정후>",   # ASCII brackets are text, not bullets
    "<script>alert('x')</script>",
    "**굵게**",
    "-5% 감축",  # markup in a label is shown as written (escaped later), never cut
])
def test_display_label_keeps_real_text(kept):
    assert display_label(kept) == kept


def test_display_label_missing():
    assert display_label(None) == MISSING and display_label(float("nan")) == MISSING


def test_small_amounts_in_eok_column_do_not_read_as_zero():
    assert format_krw(2_880_000_000, "억원") == "28.8억원"
    assert format_krw(35_000_000, "억원") == "0.35억원"      # 35백만원 in a 억원 column
    assert format_krw(100_000, "억원", suffix=False) == "<0.01"
    assert format_krw(0, "억원") == "0.0억원"
    assert format_krw(81_000_000) == "81백만원"
