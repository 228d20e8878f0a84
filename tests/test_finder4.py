"""Block finder limits found by the blind fixtures (issue 11), each on a small invented table."""

from __future__ import annotations

from helpers.extract.blocks import find_tables


def _header_texts(t) -> list[list[tuple[str, int]]]:
    return [[(c.text, c.col) for c in row] for row in t.header]


def test_single_space_header_with_a_two_word_total_column():
    """``집행액 계`` (a one-syllable word closing the word before it) is one column: the nine header words
    fit the eight columns only when it is joined, so every column keeps its own label."""
    lines = [
        "분기별 집행 현황",
        "사업명 예산액 상반기 하반기 집행액 계 집행률(%)",
        "합계 500 120 230 350 70.0",
        "방문 상담 200 40 100 140 70.0",
        "급식 지원 300 80 130 210 70.0",
    ]
    (t,) = find_tables(lines)
    assert _header_texts(t) == [[("사업명", 0), ("예산액", 1), ("상반기", 2), ("하반기", 3),
                                 ("집행액 계", 4), ("집행률(%)", 5)]]
    assert t.note == ""
    assert [(c.text, c.col) for c in t.body[1]] == [("방문 상담", 0), ("200", 1), ("40", 2), ("100", 3),
                                                   ("140", 4), ("70.0", 5)]


def test_single_space_header_with_a_lone_total_column_is_kept_as_printed():
    """``구분 계 2022년 2023년`` already fits its columns: the one-syllable ``계`` is its own column."""
    lines = [
        "구분 계 2022년 2023년",
        "상담 건수 30건 14건 16건",
        "방문 횟수 12회 5회 7회",
    ]
    (t,) = find_tables(lines)
    assert _header_texts(t) == [[("구분", 0), ("계", 1), ("2022년", 2), ("2023년", 3)]]


def test_single_space_header_that_still_does_not_fit_is_a_note():
    """Joining the one-syllable words does not make this header fit: no column label is invented."""
    lines = [
        "사업 명 예산 계 집행 계 비고 참고",
        "방문 상담 200 140",
        "급식 지원 300 210",
    ]
    (t,) = find_tables(lines)
    assert t.header == []
    assert t.note
