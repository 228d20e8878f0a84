"""Amounts in Korean mixed units inside table cells (issue 11): ``1억 2,345만원``, ``12.3억원`` and ``3,400만원``
in one column are each one won amount (the one unit vocabulary converts them); ``△1,200`` and ``(1,200)`` are
negatives; a footnote mark after a figure (``1,234*``, ``56.7%¹``) is no part of it; a year-column table whose
cells print a count unit (``479명``) gives activities, never empty budgets."""

import pytest

from engine_support import extract_text
from helpers.extract.cells import figures
from helpers.extract.grid import cell_number, cell_parts
from helpers.extract.numbers import to_krw


@pytest.mark.parametrize("text, won", [
    ("1억 2,345만원", 123_450_000), ("12.3억원", 1_230_000_000), ("3,400만원", 34_000_000),
    ("9,000원", 9_000), ("(1,200만원)", -12_000_000), ("△1억 500만원", -105_000_000),
])
def test_a_mixed_unit_cell_is_one_amount_in_won(text, won):
    num = cell_number(text)
    assert to_krw(num.value, num.unit) == won


@pytest.mark.parametrize("text, value, unit", [
    ("1,234*", 1234, ""), ("56.7%¹", 56.7, "%"), ("1,284건*", 1284, "건"), ("412명²", 412, "명"),
    ("(1,200)", -1200, ""), ("△1,200", -1200, ""),
])
def test_footnote_marks_and_printed_negatives(text, value, unit):
    num = cell_number(text)
    assert (num.value, num.unit) == (value, unit)
    assert cell_parts(text) == ()  # one figure, not a figure and its mark


def test_a_list_number_in_parentheses_stays_no_figure():
    assert cell_number("(3)") is None


def test_the_line_parser_drops_a_superscript_mark_after_a_figure():
    assert [f.value for f in figures("상담\t360건\t389건\t108.1%¹")] == [360, 389, 108.1]


# invented tab tables: counts with the unit in each cell under year columns (no unit note), a marked count,
# then a budget table whose amounts mix 억, 억·만 and 만 in one column
DOC = ("2024년 대전광역시 유성구 상담 실적\n"            # 1
       "\n"                                              # 2
       "1. 회원 현황\n"                                   # 3
       "구분\t2023년\t2024년\t증감\n"                       # 4
       "계\t300명\t310명\t10명\n"                           # 5
       "방문\t180명\t172명*\t△8명\n"                         # 6
       "전화\t120명\t138명\t18명\n"                          # 7
       "* 2024년은 잠정치\n"                                # 8
       "\n"                                              # 9
       "2. 사업비\n"                                      # 10
       "세부사업\t예산액\t집행액\t집행률\n"                    # 11
       "계\t5억 3,000만원\t5억 1,500만원\t97.2%\n"            # 12
       "운영비\t2.5억원\t2억 4,000만원\t96.0%¹\n"             # 13
       "사례관리\t2억 8,000만원\t2억 7,500만원\t98.2%\n"       # 14
       "¹ 12월 정산 전\n")                                  # 15


def test_mixed_unit_budgets_and_count_year_columns(tmp_path):
    frames = extract_text(tmp_path, "doc.txt", DOC, region="대전광역시 유성구", year=2024)
    budgets = sorted((int(r.line), r.item, r.budget_krw, r.spent_krw, r.reported_rate)
                     for r in frames["budgets"].itertuples())
    assert budgets == [(12, "계", 530_000_000, 515_000_000, 97.2),
                       (13, "운영비", 250_000_000, 240_000_000, 96.0),
                       (14, "사례관리", 280_000_000, 275_000_000, 98.2)]
    acts = sorted((int(r.line), int(r.year), r.item, r.value) for r in frames["activities"].itertuples())
    assert acts == [(5, 2023, "계", 300), (5, 2024, "계", 310), (6, 2023, "방문", 180), (6, 2024, "방문", 172),
                    (7, 2023, "전화", 120), (7, 2024, "전화", 138)]
    kinds = set(frames["quality_flags"]["kind"])
    assert not kinds & {"unit_unknown", "unparsed_row", "total_mismatch", "rate_mismatch"}
