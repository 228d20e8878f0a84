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


# invented Excel copy: two sheets' tables one under the other, the second's unit note in its first cell
# listing one unit per count column, a 전년 대비 증감 column in both
SHEETS = ("2024년 가상군 복지시설 현황\n"
          "\n"
          "1. 종류별 시설\t\t\t\t\n"
          "시설 종류\t시설수(개소)\t종사자(명)\t전년 대비 증감(개소)\t\n"
          "계\t12\t140\t2\t\n"
          "요양시설\t5\t90\t1\t\n"
          "이용시설\t7\t50\t1\t\n"
          "\t\t\t\t\n"
          "2. 동별 경로당\t\t\t\t\n"
          "(단위: 개소, 명)\t\t\t\t\n"
          "동\t경로당 수\t회원 수\t전년 대비 증감\t\n"
          "계\t30\t1,200\t3\t\n"
          "가동\t14\t520\t1\t\n"
          "나동\t16\t680\t2\t\n")


def test_a_sheets_unit_note_listing_units_gives_them_to_the_count_columns_in_order(tmp_path):
    """The second table has its own header (경로당 수 | 회원 수), each column counts the unit the note lists
    in its place (개소, then 명), and no 전년 대비 증감 cell of either table is a count."""
    from engine_support import extract_text

    frames = extract_text(tmp_path, "sheets.txt", SHEETS, region=None, year=None)
    got = sorted((int(r.line), r.item, r.measure, r.value) for r in frames["activities"].itertuples())
    second = [g for g in got if g[0] >= 12]
    assert second == [(12, "계", "경로당 수 (개소)", 30), (12, "계", "회원 수 (명)", 1200),
                      (13, "가동", "경로당 수 (개소)", 14), (13, "가동", "회원 수 (명)", 520),
                      (14, "나동", "경로당 수 (개소)", 16), (14, "나동", "회원 수 (명)", 680)]
    assert all(value not in (1, 2, 3) for line, _i, _m, value in got if line < 12)  # no 증감 cell
    assert sorted(v for line, _i, _m, v in got if line < 12) == [5, 7, 12, 50, 90, 140]


def _at(*cells: tuple[int, str]) -> str:
    """A pdftotext-like line: each text starting at its character position."""
    out = ""
    for pos, text in cells:
        out = out.ljust(pos) + text
    return out


def test_a_spaced_row_header_between_header_lines_is_kept():
    """``월  별`` printed alone over the label column, between the group line and the unit line of a
    pdftotext table, is the header of the labels; the group line above it stays in the header."""
    lines = [
        _at((20, "합계"), (40, "남성"), (60, "여성")),
        _at((3, "월  별")),
        _at((15, "건수"), (25, "인원"), (35, "건수"), (45, "인원"), (55, "건수"), (65, "인원")),
        _at((3, "1월"), (15, "10"), (25, "12"), (35, " 4"), (45, " 5"), (55, " 6"), (65, " 7")),
        _at((3, "2월"), (15, "20"), (25, "22"), (35, " 8"), (45, " 9"), (55, "12"), (65, "13")),
    ]
    (t,) = find_tables(lines)
    assert [sorted({c.text for c in row}) for row in t.header] == [["남성", "여성", "합계"], ["월별"],
                                                                   ["건수", "인원"]]
    assert [c.line for row in t.header for c in row[:1]] == [1, 2, 3]
    assert t.line == 1
    # each group name stands centred over its two columns: both columns' paths start with it
    assert t.column_labels() == ["월별", "합계 › 건수", "합계 › 인원", "남성 › 건수", "남성 › 인원",
                                 "여성 › 건수", "여성 › 인원"]


def test_a_header_of_many_rows_starts_at_its_first_row():
    """Entities over rows in words (위치, 인원, 위탁기간, 법인): a header of five rows. Beyond four lines the
    finder goes on over the rows that fill the columns of the first data row, so the first header row
    (the entities) heads the table, in tabs and in runs of spaces (a row whose cells hold no space printed
    with single spaces). Invented centres."""
    rows = [["구 분", "동부 센터", "서부 센터"], ["위치", "가상구 가온로 1, 2층", "가상구 나래로 3, 1층"],
            ["인 원", "6명(센터장 1, 팀원 5)", "5명(센터장 1, 팀원 4)"], ["위탁기간", "'24.1.1.~'26.12.31.", "'23.3.1.~'25.2.28."],
            ["위탁법인", "가온복지회 (대표: 갑)", "나래재단 (대표: 을)"], ["'25년 예산", "510백만원", "480백만원"]]
    tab = ["운영현황", "", *("\t".join(r) for r in rows)]
    spaced = ["운영현황", "", *((" " if k == 3 else "  ").join(r) for k, r in enumerate(rows))]
    for lines in (tab, spaced):
        (t,) = find_tables(lines)
        assert [[c.text for c in row] for row in t.header] == [r for r in rows[:5]]
        assert t.line == 3 and [[c.text for c in row] for row in t.body] == [rows[5]]


def test_a_header_stops_at_four_lines_when_a_row_does_not_fill_the_columns():
    """Above four header lines, a line with another number of cells is no header row of the table."""
    lines = ["가나  다라", "구분  2023년  2024년", "대상  가구  가구", "단위  명  명", "비고  신규  계속",
             "상담  12  15"]
    (t,) = find_tables(lines)
    assert t.line == 2 and len(t.header) == 4


def test_single_space_rows_with_notes_keep_their_figures_in_columns():
    """A 비고 note after a row's figures goes to a last column of its own; the other rows' figures stay in
    their columns (they were right-aligned under the wider noted row), and the header over the figures too.
    A note longer than a short cell (``12월 예금이자 수입 예정``) between rows of the block is a row as well,
    and a row of one figure beside ``-`` marks after its label is a row. Invented 세입 rows."""
    lines = ["구분 예산액 수입액 징수율", "총 계 2,500 1,900 76.0%", "", "보조금 2,300 1,800 78.3% 이자 발생", "",
             "잡수입 200 100 50.0% 12월 예금이자 수입 예정", "", "이자수입 100 - -"]
    (t,) = find_tables(lines)
    assert _header_texts(t) == [[("구분", 0), ("예산액", 1), ("수입액", 2), ("징수율", 3)]]
    assert [[(c.text, c.col) for c in row] for row in t.body] == [
        [("총 계", 0), ("2,500", 1), ("1,900", 2), ("76.0%", 3)],
        [("보조금", 0), ("2,300", 1), ("1,800", 2), ("78.3%", 3), ("이자 발생", 4)],
        [("잡수입", 0), ("200", 1), ("100", 2), ("50.0%", 3), ("12월 예금이자 수입 예정", 4)],
        [("이자수입", 0), ("100", 1), ("-", 2), ("-", 3)]]


def test_a_long_note_line_is_no_row_without_the_block_figures():
    """A line with a label, figures and words is a row of the block only with as many figures as the row
    above: prose with two figures under a row of three stays out of the table."""
    lines = ["총 계 2,500 1,900 76.0%", "보조금 2,300 1,800 78.3%", "전년 대비 200 300 늘어난 것은 보조금 증액에 따른 것임"]
    (t,) = find_tables(lines)
    assert t.line_end == 2
