"""Two tables printed side by side (``pdftotext -layout`` two-column pages) and letter-spaced group headers.

Invented tables: the split is decided by the gutter's position and constancy, never by words.
"""

from __future__ import annotations

from helpers.extract import blocks, two_column


def _page(rows: list[tuple[str, str]], pos: int) -> list[str]:
    """Lines printing ``left`` then ``right`` with the right part starting at character ``pos``."""
    out = []
    for left, right in rows:
        out.append((left.ljust(pos) + right).rstrip() if right else left)
    return out


SIDE_BY_SIDE = _page([
    ("  가. 반별 인원", "나. 기금 결산"),
    ("", "(단위: 천원)"),
    ("  반 이름      인원(명)  시간(시간)", "항  목         계획      결산"),
    ("  합계             57       1,140", "수입 합계      910       875"),
    ("  오전반           25         500", "이월금         400       400"),
    ("  오후반           32         640", "후원금         510       475"),
    ("", "지출 합계      910       702"),
], 44)


def test_gutter_found_at_the_right_tables_label_column():
    cuts = two_column.gutters(["제목", "", *SIDE_BY_SIDE, "", "※ 끝"])
    assert cuts == [two_column.Gutter(first=2, last=8, pos=44)]


def test_side_by_side_tables_are_read_apart_with_their_lines_and_positions():
    lines = ["제목", "", *SIDE_BY_SIDE]
    tables = blocks.find_tables(lines)
    assert [t.table_id for t in tables] == ["t5", "t5r"]
    left, right = tables
    assert left.column_labels() == ["반 이름", "인원(명)", "시간(시간)"]
    assert [[c.text for c in row] for row in left.body] == [
        ["합계", "57", "1,140"], ["오전반", "25", "500"], ["오후반", "32", "640"]]
    assert right.column_labels() == ["항 목", "계획", "결산"]
    assert [[c.text for c in row] for row in right.body] == [
        ["수입 합계", "910", "875"], ["이월금", "400", "400"], ["후원금", "510", "475"], ["지출 합계", "910", "702"]]
    # cells keep their printed lines (1-based): the right table's last row is on a line of its own
    assert [row[0].line for row in right.body] == [6, 7, 8, 9]
    assert [row[1].line for row in left.body] == [6, 7, 8]


def test_each_table_reads_its_own_side_of_the_shared_lines():
    lines = ["제목", "", *SIDE_BY_SIDE]
    left, right = blocks.find_tables(lines)
    assert right.own_lines(lines)[3].strip() == "(단위: 천원)"
    assert left.own_lines(lines)[3].strip() == ""
    assert left.own_lines(lines)[2].strip() == "가. 반별 인원"
    assert right.own_lines(lines)[0] == "제목"  # lines outside the block are the document's


def test_no_gutter_in_one_table_or_where_a_line_crosses_it():
    one = [
        "  구 분        예산     결산",
        "  합계          900      870",
        "  인건비        600      590",
    ]
    assert two_column.gutters(one) == []
    # a text column between figures on one row only is no second table
    note = [
        "  구 분        예산   비고     결산",
        "  합계          900   증액      870",
        "  인건비        600            590",
    ]
    assert two_column.gutters(note) == []
    # a prose line crossing the gutter ends the block above it
    crossed = ["  이 문장은 두 표의 사이를 가로질러 길게 이어지는 설명 문장입니다 정말로", *SIDE_BY_SIDE[2:]]
    assert two_column.gutters(crossed) == [two_column.Gutter(first=1, last=5, pos=44)]


def test_gutter_narrower_than_two_spaces_is_no_gutter():
    rows = [
        "  합계    57  1,140  수입 합계  910  875",
        "  오전반  25    500  이월금     400  400",
        "  오후반  32    640  후원금     510  475",
    ]
    assert two_column.gutters(rows) == []


GROUPED = [
    "                                                        (단위: 천원)",
    "  비  목              예 산 액                         집    행",
    "                  계       국비       도비     시비     집행액  집행률(%)",
    "  합계        700,000    490,000   105,000  105,000   680,000     97.1",
    "  인건비      500,000    350,000    75,000   75,000   490,000     98.0",
    "  운영비      200,000    140,000    30,000   30,000   190,000     95.0",
]


def test_letter_spaced_group_title_spans_its_columns():
    (t,) = blocks.find_tables(GROUPED)
    assert t.column_labels() == ["비 목", "예 산 액 › 계", "예 산 액 › 국비", "예 산 액 › 도비", "예 산 액 › 시비",
                                 "집 행 › 집행액", "집 행 › 집행률(%)"]


def test_a_plain_upper_word_is_no_group_title():
    plain = [
        "  구 분            예산액                     집행",
        "              본예산   추경             집행액   집행률(%)",
        "  합계        700      750              720      96.0",
        "  인건비      500      520              510      98.1",
    ]
    (t,) = blocks.find_tables(plain)
    labels = t.column_labels()
    assert labels[1] == "본예산"  # ``예산액`` printed unspaced over 추경 spans nothing to its left
    assert labels[2].endswith("추경")


def test_a_data_frame_index_is_no_left_table():
    # a printed data frame: the index figure opens each line, the label comes after it
    frame = [
        "     구간  인원  금액",
        "0    1구간     4   480.0",
        "1    2구간    29   448.0",
        "2    3구간     7   416.0",
    ]
    assert two_column.gutters(frame) == []
