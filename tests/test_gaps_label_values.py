"""Gap 5 of the blind programme pages: a pipe header with a label column over label lines and values lines
(``지표명 | 목표 | 실적 | 달성률 |`` / ``방문 상담 연인원`` / ``1,200명 | 1,260명 | 105.0% |``). A label of several
words is still a label (not a header over the values), because the header above has one cell more than the
values line: the label's."""

from engine_support import extract_text
from helpers.extract.blocks import find_tables

# invented: a 성과지표 table in the label line + values line layout, units in the cells
INDICATORS = """성과지표
지표명 | 목표 | 실적 | 달성률 |
찾아가는 방문 상담 연인원
1,200명 | 1,260명 | 105.0% |
주거 환경 개선 가구 수
80가구 | 72가구 | 90.0% |
"""

# a header of one word per figure, no label column above it: still a header (``계 학계 의료`` / ``21 1 1``)
WORDS_OVER_FIGURES = """구분 현황
계 학계 의료 기타
21 1 1 19
"""


def test_a_long_label_under_a_header_with_a_label_column_is_a_label():
    lines = INDICATORS.split("\n")
    (table,) = find_tables(lines)
    assert table.column_labels() == ["지표명", "목표", "실적", "달성률"]
    assert [[(c.line, c.text) for c in row] for row in table.body] == [
        [(3, "찾아가는 방문 상담 연인원"), (4, "1,200명"), (4, "1,260명"), (4, "105.0%")],
        [(5, "주거 환경 개선 가구 수"), (6, "80가구"), (6, "72가구"), (6, "90.0%")]]


def test_words_over_figures_without_a_label_column_stay_a_header():
    lines = WORDS_OVER_FIGURES.split("\n")
    tables = find_tables(lines)
    assert [c.text for c in tables[-1].body[0]] == ["21", "1", "1", "19"]


def test_label_values_indicators(tmp_path):
    frames = extract_text(tmp_path, "indicators.txt", INDICATORS, region="전라남도 화순군", year=2025)
    got = sorted((int(r.line), r.indicator, r.unit, r.target, r.actual, r.reported_rate)
                 for r in frames["indicators"].itertuples())
    assert got == [(4, "찾아가는 방문 상담 연인원", "명", 1200, 1260, 105.0),
                   (6, "주거 환경 개선 가구 수", "가구", 80, 72, 90.0)]
