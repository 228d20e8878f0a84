"""Third blind round, HTML tables flattened to text: a ``<br>`` inside a cell becomes a line break, so a
header cell comes as its name and its unit (``이용자`` / ``(명)``), a long header as two short lines, a label
as two halves, and rows may be separated by blank lines. The rows are found by the figures they print and
the cell count they agree on decides which lines join (:mod:`helpers.extract.split_cells`); in a tab table
a label's first half alone on the line above its row joins that row's label. All tables are invented."""

from engine_support import extract_text
from helpers.extract.blocks import find_tables


def grid(t) -> list[list[str]]:
    return [[c.text for c in sorted(row, key=lambda c: c.col)] for row in t.header + t.body]


# invented: header cells split into name and unit, one of them split into two short words too, and a label
# printed in two halves; the title opens with a bullet mark
UNITS = """□ 동별 돌봄 이용 현황
동명
이용
가구
(가구)
이용자
(명)
누적
횟수
(회)
산곡동
41
57
230
청천
제1동
36
49
204
부개동
28
33
151
"""


def test_split_header_cells_and_labels_join_to_the_row_width():
    (t,) = [t for t in find_tables(UNITS.split("\n")) if t.layout == "cells"]
    assert grid(t) == [["동명", "이용 가구 (가구)", "이용자 (명)", "누적 횟수 (회)"],
                       ["산곡동", "41", "57", "230"],
                       ["청천 제1동", "36", "49", "204"],
                       ["부개동", "28", "33", "151"]]
    assert [[c.line for c in row] for row in t.body][1] == [15, 17, 18, 19]


def test_split_cells_give_their_counts(tmp_path):
    frames = extract_text(tmp_path, "units.txt", UNITS, region="인천광역시 부평구", year=2024)
    got = sorted((int(r.line), r.item, r.measure, r.value) for r in frames["activities"].itertuples())
    assert got == [(12, "산곡동", "이용 가구 (가구)", 41.0), (13, "산곡동", "이용자 (명)", 57.0),
                   (14, "산곡동", "누적 횟수 (회)", 230.0),
                   (17, "청천 제1동", "이용 가구 (가구)", 36.0), (18, "청천 제1동", "이용자 (명)", 49.0),
                   (19, "청천 제1동", "누적 횟수 (회)", 204.0),
                   (21, "부개동", "이용 가구 (가구)", 28.0), (22, "부개동", "이용자 (명)", 33.0),
                   (23, "부개동", "누적 횟수 (회)", 151.0)]


# invented: rows separated by blank lines, the header unit lines split off; then a second table whose rows
# print another number of figures (a new table)
BLANKS = """분기
상담
(건)

1분기
84

2분기
97

3분기
102

구분
남
여
합계
상담사
4
9
13
자원봉사자
12
30
42
"""


def test_rows_separated_by_blank_lines_form_one_table_and_a_new_width_a_new_table():
    tables = [t for t in find_tables(BLANKS.split("\n")) if t.layout == "cells"]
    assert [grid(t) for t in tables] == [
        [["분기", "상담 (건)"], ["1분기", "84"], ["2분기", "97"], ["3분기", "102"]],
        [["구분", "남", "여", "합계"], ["상담사", "4", "9", "13"], ["자원봉사자", "12", "30", "42"]]]


# invented: wrapped prose lines before two one-figure rows: eight lines cannot be the header of two cells
PROSE = """공모대상 주민
협의체 위원
관내 복지
시설 종사자
사업내용 돌봄
사각지대 발굴
지원 방식
정액 지원
첫째 사업
30,000천원
둘째 사업
15,000천원
"""


def test_a_header_of_more_than_twice_its_cells_is_no_split_header():
    assert [t for t in find_tables(PROSE.split("\n")) if t.layout == "cells"] == []


# invented tab table: the label of the third row broken by <br>, its first half alone on the line above
TABBED = """사업명\t예산액\t집행액\t집행률
합계\t300\t270\t90.0
경로식당\t120\t114\t95.0
방문목욕
지원\t180\t156\t86.7
"""


def test_a_label_first_half_above_its_tab_row_joins_the_label(tmp_path):
    (t,) = find_tables(TABBED.split("\n"))
    assert grid(t)[-1] == ["방문목욕 지원", "180", "156", "86.7"]
    frames = extract_text(tmp_path, "tab.txt", "(단위: 천원)\n" + TABBED, region="인천광역시 부평구", year=2024)
    got = sorted((int(r.line), r.item, r.budget_krw, r.spent_krw, r.reported_rate)
                 for r in frames["budgets"].itertuples())
    assert got == [(3, "합계", 300e3, 270e3, 90.0), (4, "경로식당", 120e3, 114e3, 95.0),
                   (6, "방문목욕 지원", 180e3, 156e3, 86.7)]


# invented progress table flattened one cell per line, with a 누계 실적 column: the running total of the
# quarters, measured like a total column (its unit printed in the cells)
RUNNING = """구분
연간 목표
1분기
2분기
누계 실적
달성률(%)
안부 확인
400건
150건
170건
320건
80.0
방문 상담
200건
90건
70건
160건
80.0
"""


def test_a_running_total_column_is_measured_like_a_total(tmp_path):
    frames = extract_text(tmp_path, "run.txt", RUNNING, region="인천광역시 부평구", year=2024)
    got = sorted((int(r.line), r.item, r.measure, r.value) for r in frames["activities"].itertuples())
    assert got == [(9, "안부 확인 (1분기)", "건", 150.0), (10, "안부 확인 (2분기)", "건", 170.0),
                   (11, "안부 확인", "합계 (건)", 320.0), (15, "방문 상담 (1분기)", "건", 90.0),
                   (16, "방문 상담 (2분기)", "건", 70.0), (17, "방문 상담", "합계 (건)", 160.0)]
