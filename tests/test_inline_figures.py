"""Figures outside grid tables (:mod:`helpers.extract.inline_figures`): lists, ``label : amount`` lines and
prose with several figures land in ``table_cells``; what is no figure (telephone numbers, times, dates,
ordinals, nouns such as 1인가구) does not; budgets where the structure says so. Plus the one money-unit
vocabulary of the manifest. (coverage.py's rule over every engine fixture, these included, is
``test_engine.test_every_fixture_is_fully_covered``.)"""

from __future__ import annotations

import pytest

from engine_support import extract_text
from helpers.extract.inline_figures import figures, read_line
from helpers.extract.vocabulary import MONEY_UNITS
from helpers.manifest import KNOWN_UNITS, load_manifest


def _cells(frames) -> list[tuple]:
    return [(int(r.line), r.table_id, int(r.row), int(r.col), r.row_label, r.column_label, float(r.value), r.unit,
             r.fact_table) for r in frames["table_cells"].itertuples()]


def test_inline_lists_whole_frame(tmp_path):
    # 40: bullet lists with label : amount (△ change in brackets), bracketed counts, an enumeration of
    # counts, a breakdown in brackets, prose counts, 억/만 compounds, a range sharing its unit
    frames = extract_text(tmp_path, "40_inline_lists.txt")
    assert _cells(frames) == [
        (4, "p4", 0, 0, "아동수당 지원", "금액", 1250.0, "억원", None),
        (4, "p4", 0, 1, "아동수당 지원", "증감", -120.0, "억원", None),
        (5, "p4", 1, 0, "노인 돌봄 확대", "금액", 830.0, "억원", None),
        (5, "p4", 1, 1, "노인 돌봄 확대", "증", 45.0, "억원", None),
        (6, "p4", 2, 0, "청년 월세", "인원", 12400.0, "명", None),
        (6, "p4", 2, 1, "청년 교통비", "횟수", 1.0, "회", None),
        (6, "p4", 2, 2, "청년 교통비", "금액", 3.0, "만원", None),
        (6, "p4", 2, 3, "청년 교통비", "금액", 12.0, "만원", None),
        (6, "p4", 2, 4, "청년 교통비", "인원", 8050.0, "명", None),
        (8, "p8", 0, 0, "조직", "국", 2.0, "국", None),
        (8, "p8", 0, 1, "조직", "팀", 5.0, "팀", None),
        (9, "p8", 1, 0, "운영현황", "개소수", 128.0, "개소", None),
        (9, "p8", 1, 1, "운영현황", "법인", 75.0, "개소", None),
        (9, "p8", 1, 2, "운영현황", "개인", 53.0, "개소", None),
        (10, "p8", 2, 0, "상담 실적", "상담", 41.0, "명", None),
        (10, "p8", 2, 1, "상담 실적", "횟수", 67.0, "회", None),
        (10, "p8", 2, 2, "의료비 지원", "인원", 6.0, "명", None),
        (10, "p8", 2, 3, "의료비 지원", "금액", 918.0, "천원", None),
        (11, "p8", 3, 0, "누적 모금액", "금액", 1_234_000_000.0, "원", None),
        (11, "p8", 3, 1, "지원액", "금액", 987_000_000.0, "원", None),
        (12, "p8", 4, 0, "월평균 신청", "건수", 12000.0, "건", None),
        (12, "p8", 4, 1, "월평균 신청", "건수", 24000.0, "건", None),
        (13, "p8", 5, 0, "대상", "나이", 19.0, "세", None),
        (13, "p8", 5, 1, "대상", "나이", 34.0, "세", None),
    ]
    # figures in lists are found, never typed as facts by guesswork, and raise no flag
    assert all(len(frames[t]) == 0 for t in ("budgets", "funding", "activities", "indicators"))
    assert len(frames["quality_flags"]) == 0
    assert frames["table_cells"]["source_text"].iloc[0] == "- 아동수당 지원 : 1,250억원(△120억원)"


def test_table_figures_stay_table_cells(tmp_path):
    # 41: a tab budget table, then a bullet list: the table's figures keep their table and fact, the list's
    # figures become inline cells of their own list (no line read twice)
    frames = extract_text(tmp_path, "41_table_then_list.txt")
    b = "budgets"
    assert _cells(frames) == [
        (5, "t4", 0, 1, "경로당 운영", "2024년", 1200.0, None, b),
        (5, "t4", 0, 2, "경로당 운영", "2025년", 1350.0, None, b),
        (6, "t4", 1, 1, "노인 일자리", "2024년", 3400.0, None, b),
        (6, "t4", 1, 2, "노인 일자리", "2025년", 3900.0, None, b),
        (9, "p9", 0, 0, "노인 일자리 확대", "금액", 3900.0, "백만원", None),
        (9, "p9", 0, 1, "노인 일자리 확대", "증", 500.0, "백만원", None),
        (9, "p9", 0, 2, "참여자", "인원", 1250.0, "명", None),
        (10, "p9", 1, 0, "경로당 운영 지원", "개소수", 162.0, "개소", None),
        (10, "p9", 1, 1, "경로당 운영 지원", "인원", 4800.0, "명", None),
    ]
    assert [(int(r.line), r.item, int(r.year), r.budget_krw) for r in frames["budgets"].itertuples()] == [
        (5, "경로당 운영", 2024, 1.2e9), (5, "경로당 운영", 2025, 1.35e9),
        (6, "노인 일자리", 2024, 3.4e9), (6, "노인 일자리", 2025, 3.9e9)]


@pytest.mark.parametrize("line", [
    "담당부서 ☎1234-5678 팀장 ☎5679/5680",             # telephone numbers
    "대표전화 1588-0000, 상담 02-000-1111",               # telephone numbers without ☎
    "- 운영 시간 : 09:00~18:00 / 19:00~21:00",            # clock times
    "- 추진 일정 : '25. 3~5월, '25.6.1.~'25.9.30.",       # dates and periods
    "위탁기간	'23. 1. 1. ~ '25. 12. 31.	'24. 7. 1. ~ '26. 6. 30.",
    "- 12 1인가구 소셜다이닝 지원",                       # a list ordinal, then a noun
    "1등급 2등급 3등급 4등급",                            # grades: ordinals
    "- 멘토링 1:1 매칭, 국비:시비 50:50",                 # ratios
    "- 위 치 : 가나구 다라로 12-3, 2층",                   # a parcel number and a floor
    "PART Ⅱ- 1  가나시 ··········································· 71",  # a contents line
])
def test_no_figures_in_non_figures(line):
    assert figures(line) == []


def test_read_line_labels_and_units():
    assert read_line("- 누적 실적 : 1만 8천 건 → 3만 6천 건 (전년 대비 2배)") == [
        (18000.0, "건", "누적 실적", "건수"), (36000.0, "건", "누적 실적", "건수"), (2.0, "배", "누적 실적", "전년 대비")]
    assert read_line("* 7개구 8명 참여, 2,100여명 지원, 연면적 934.5㎡") == [
        (7.0, "개", "", "구"), (8.0, "명", "", "인원"), (2100.0, "명", "참여", "인원"), (934.5, "㎡", "연면적", "면적")]
    # a counter glued to its noun counts the noun (3대분야: three 분야); a noun after 개 names what it counts
    assert read_line("□ 사업개요 : 3대분야 20개 사업") == [(3.0, "대", "사업개요", "분야"), (20.0, "개", "사업개요", "사업")]


def test_manifest_accepts_every_money_unit_of_the_vocabulary(tmp_path):
    assert set(KNOWN_UNITS) == set(MONEY_UNITS)
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text("문서\n", encoding="utf-8")
    (tmp_path / "sources.yaml").write_text(
        "documents:\n  - file: a.txt\n    unit: 만원\n  - file: b.txt\n    unit: 천만원\n", encoding="utf-8")
    manifest = load_manifest(tmp_path)
    assert (manifest["a.txt"].unit, manifest["b.txt"].unit) == ("만원", "천만원")


def test_budget_breakdown_adds_up(tmp_path):
    # 42: amounts under a 소요예산 line that add up to it are budgets of that programme (the line above
    # becomes their total); amounts that do not add up (1,800 + 900 ≠ 3,000) stay cells; a split by
    # funding source that adds up (국비 + 시비 = 500) is funding (planned, with the budget as 계), not items
    frames = extract_text(tmp_path, "42_budget_breakdown.txt", year=2025)
    assert [(int(r.line), int(r.year), r.program, r.item, r.basis, r.budget_krw,
             None if r.spent_krw != r.spent_krw else r.spent_krw, r.unit, bool(r.is_total), r.region_code)
            for r in frames["budgets"].itertuples()] == [
        (4, 2025, "노인 여가시설 운영", "소요예산", "소요예산", 6.3e9, None, "백만원", True, "11530"),
        (5, 2025, "노인 여가시설 운영", "경로당 운영", "소요예산", 4.1e9, None, "백만원", False, "11530"),
        (5, 2025, "노인 여가시설 운영", "노인복지관 운영", "소요예산", 2.2e9, None, "백만원", False, "11530"),
        (9, 2025, "아동 급식 지원", "소요예산", "소요예산", 3.0e9, None, "백만원", False, "11530"),
        (14, 2025, "장애인 활동 지원", "소요예산", "소요예산", 5.0e8, None, "백만원", False, "11530"),
    ]
    assert [(int(r.line), r.region_code, int(r.year), r.program, r.source, r.source_label, r.amount_krw, r.stage,
             r.unit) for r in frames["funding"].itertuples()] == [
        (14, "11530", 2025, "장애인 활동 지원", "계", "소요예산", 5.0e8, "plan", "백만원"),
        (15, "11530", 2025, "장애인 활동 지원", "국비", "국비", 2.5e8, "plan", "백만원"),
        (15, "11530", 2025, "장애인 활동 지원", "시도비", "시비", 2.5e8, "plan", "백만원"),  # a 구 of 서울: 시도 share
    ]
    assert _cells(frames) == [
        (5, "p5", 0, 0, "경로당 운영", "금액", 4100.0, "백만원", "budgets"),
        (5, "p5", 0, 1, "노인복지관 운영", "금액", 2200.0, "백만원", "budgets"),
        (10, "p10", 0, 0, "급식비", "금액", 1800.0, "백만원", None),
        (10, "p10", 0, 1, "부식비", "금액", 900.0, "백만원", None),
        (15, "p15", 0, 0, "국비", "금액", 250.0, "백만원", "funding"),
        (15, "p15", 0, 1, "시비", "금액", 250.0, "백만원", "funding"),
    ]
    assert len(frames["quality_flags"]) == 0


def test_text_cells_with_figures(tmp_path):
    # 43: tab rows whose cells are text holding figures: the text cell before names the row, the words in
    # the figure's own cell its column (HTML list markup ignored); a prose reader's counts name their table
    frames = extract_text(tmp_path, "43_text_cells_with_figures.txt")
    a = "activities"
    assert _cells(frames) == [
        (5, "p5", 0, 0, "상담 지원", "전화 상담", 1240.0, "건", a),
        (5, "p5", 0, 1, "상담 지원", "방문 상담", 310.0, "건", a),
        (6, "p5", 1, 0, "교육 운영", "부모 교육 집합 교육", 12.0, "회", a),
        (6, "p5", 1, 1, "교육 운영", "부모 교육 집합 교육", 340.0, "명", a),
        (7, "p5", 2, 0, "계", "핵심과제", 7.0, "개", None),
        (7, "p5", 2, 1, "계", "세부사업", 31.0, "개", None),
        (12, "p12", 0, 0, "급식비", "초등", 4.0, "천원", None),
        (12, "p12", 0, 1, "급식비", "중등", 5.0, "천원", None),
        (12, "p12", 0, 2, "교재비", "초등", 20.0, "천원", None),
        (12, "p12", 0, 3, "교재비", "중등", 35.0, "천원", None),
    ]
    assert sorted((int(r.line), r.value) for r in frames["activities"].itertuples()) == [
        (5, 310.0), (5, 1240.0), (6, 12.0), (6, 340.0)]
    assert len(frames["quality_flags"]) == 0


def test_budget_list_under_a_budget_heading(tmp_path):
    # 44: ``- label : amount(change)`` items under ``□ 2025년 주요사업 예산`` are budgets of 2025 (the bracketed
    # changes stay cells); the same shape under an execution heading (집행) gives no budget, only cells
    frames = extract_text(tmp_path, "44_budget_list_heading.txt")
    assert [(int(r.line), int(r.year), r.region_code, r.scope, r.item, r.flow, r.basis, r.budget_krw, r.unit,
             bool(r.is_total)) for r in frames["budgets"].itertuples()] == [
        (4, 2025, "11530", "2025년 주요사업 예산", "아동수당 지원", "expenditure", "예산", 1.25e11, "억원", False),
        (5, 2025, "11530", "2025년 주요사업 예산", "노인 돌봄 확대", "expenditure", "예산", 8.3e10, "억원", False),
        (6, 2025, "11530", "2025년 주요사업 예산", "청년 월세 지원", "expenditure", "예산", 9.6e9, "억원", False),
    ]
    assert frames["budgets"]["spent_krw"].isna().all()
    b = "budgets"
    assert _cells(frames) == [
        (4, "p4", 0, 0, "아동수당 지원", "금액", 1250.0, "억원", b),
        (4, "p4", 0, 1, "아동수당 지원", "증감", -120.0, "억원", None),
        (5, "p4", 1, 0, "노인 돌봄 확대", "금액", 830.0, "억원", b),
        (5, "p4", 1, 1, "노인 돌봄 확대", "증", 45.0, "억원", None),
        (6, "p4", 2, 0, "청년 월세 지원", "금액", 96.0, "억원", b),
        (10, "p10", 0, 0, "아동수당 지원", "금액", 1100.0, "억원", None),
        (10, "p10", 0, 1, "아동수당 지원", "집행률", 91.2, "%", None),
        (11, "p10", 1, 0, "노인 돌봄 확대", "금액", 700.0, "억원", None),
        (11, "p10", 1, 1, "노인 돌봄 확대", "집행률", 88.0, "%", None),
    ]
    assert len(frames["quality_flags"]) == 0
