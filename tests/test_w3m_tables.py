"""Tables as ``w3m -dump`` / ``lynx -dump`` print an HTML page (space-aligned, no separators, columns one space
apart at their narrowest, aligned in terminal cells where a Hangul syllable takes two, long cells wrapped inside
their column, a merged header cell printed once), period columns in every layout, and prose wrapped at the page
width. All tables are invented."""

from __future__ import annotations

import pytest

from engine_support import extract_text
from helpers.extract import aligned_columns
from helpers.extract.blocks import classify, find_tables
from helpers.extract.tables import read_header

# A 구 of a 광역시 (시비 is the 시도 share, 구비 the 시군구 share). Section 1 is prose wrapped at the page width
# that names 예산 / 집행 / 실적 and a count (``3개소``); section 2 a quarter count table with labels wrapped
# inside their column (``생활교육`` / ``(집단)`` mid-table, ``사회참여`` / ``지원`` after the last row); section 3
# a 재원 table whose ``예산액`` is printed once, centred over ``계  국비  시비  구비``, and whose ``집행액`` and
# ``집행률`` stand one space apart. Positions are terminal cells (w3m).
W3M = """2024년 부산광역시 해운대구 노인맞춤돌봄 추진실적

1. 개요

   구는 노인맞춤돌봄 예산의 집행 실적과 분기별 서비스 제공
   건수를 다음과 같이 정리하였다. 수행기관은 전년보다 3개소
   늘었다.

2. 분기별 서비스 제공

   (단위: 건)

   구분         1분기   2분기   3분기   4분기       계
   합계         1,779   1,935   1,926   2,006    7,646
   안부확인     1,204   1,310   1,288   1,356    5,158
   생활교육        86     112      95     104      397
   (집단)
   가사지원       431     452     470     466    1,819
   사회참여        58      61      73      80      272
   지원

3. 재원별 예산 및 집행

   (단위: 천원, %)

   구분                     예산액                   집행액 집행률
                     계      국비    시비    구비
   합계       2,900,000 1,740,000 580,000 580,000 2,670,890   92.1
   안부확인   1,850,000 1,110,000 370,000 370,000 1,702,340   92.0
   생활교육     420,000   252,000  84,000  84,000   366,900   87.4
   응급안전     630,000   378,000 126,000 126,000   601,650   95.5
   장비 지원

4. 향후 계획

   - 수행기관 종사자 처우 개선
"""

# The 재원 table again as ``pdftotext -layout`` prints it: aligned in characters (a Hangul syllable one
# column), two spaces between columns, ``예산액`` centred between the second and third sub-columns.
CHARS = """(단위: 천원, %)

   구분                          예산액                          집행액  집행률
                      계         국비       시비       구비
   합계         2,900,000  1,740,000  580,000  580,000  2,670,890    92.1
   안부확인       1,850,000  1,110,000  370,000  370,000  1,702,340    92.0
   생활교육         420,000    252,000   84,000   84,000    366,900    87.4
   응급안전         630,000    378,000  126,000  126,000    601,650    95.5
   장비 지원
"""

FUNDING_LABELS = ["구분", "예산액 › 계", "예산액 › 국비", "예산액 › 시비", "예산액 › 구비", "집행액", "집행률"]
FUNDING_ROWS = [
    ("합계", [2_900_000, 1_740_000, 580_000, 580_000, 2_670_890, 92.1]),
    ("안부확인", [1_850_000, 1_110_000, 370_000, 370_000, 1_702_340, 92.0]),
    ("생활교육", [420_000, 252_000, 84_000, 84_000, 366_900, 87.4]),
    ("응급안전 장비 지원", [630_000, 378_000, 126_000, 126_000, 601_650, 95.5]),
]


def body(t) -> list[tuple[str, list[float]]]:
    return [(t.row_label(row), [c.value for c in row if c.number is not None]) for row in t.body]


def test_w3m_grid_labels_wrapped_in_their_column_are_one_cell():
    counts, funding = find_tables(W3M.splitlines())
    assert counts.column_labels() == ["구분", "1분기", "2분기", "3분기", "4분기", "계"]
    assert body(counts) == [
        ("합계", [1779, 1935, 1926, 2006, 7646]),
        ("안부확인", [1204, 1310, 1288, 1356, 5158]),
        ("생활교육 (집단)", [86, 112, 95, 104, 397]),  # wrapped between two rows
        ("가사지원", [431, 452, 470, 466, 1819]),
        ("사회참여 지원", [58, 61, 73, 80, 272]),  # wrapped after the last row
    ]
    assert [c.line for row in counts.body for c in row[:1]] == [14, 15, 16, 18, 19]
    # the merged 예산액 printed once heads its four sub-columns; 집행액 and 집행률 one space apart are two
    assert funding.column_labels() == FUNDING_LABELS
    assert body(funding) == FUNDING_ROWS


def test_character_aligned_layout_gives_the_same_grid():
    (funding,) = find_tables(CHARS.splitlines())
    assert funding.column_labels() == FUNDING_LABELS
    assert body(funding) == FUNDING_ROWS


def _measure_name(text: str) -> str:
    lines = text.splitlines()
    rows = [j for j, s in enumerate(lines) if classify(s).kind == "spaces" and classify(s).numeric >= 2]
    conv = aligned_columns.measure(lines, lambda j: classify(lines[j]).spans, rows, rows[0])
    return "cells" if conv((rows[0]), [(3, 5)]) != [(3, 5)] else "chars"


def test_positions_are_read_in_the_measure_the_table_was_laid_out_in():
    # w3m aligns by terminal cells (labels of different lengths keep the figures' edges together there);
    # pdftotext -layout by characters
    assert _measure_name(W3M) == "cells"
    assert _measure_name(CHARS) == "chars"
    assert aligned_columns.display_spans("합계  12", [(0, 2), (4, 6)]) == [(0, 4), (6, 8)]


def test_header_cell_split_only_when_each_word_stands_over_its_own_column():
    cols = [(0, 2), (6, 10), (11, 15)]  # the label column, then two figure columns one space apart
    same = lambda sp: sp  # noqa: E731 — positions in characters

    def split(header: str) -> list[str]:
        spans = aligned_columns.split_words(header, classify(header).spans, same, cols)
        return [header[a:b] for a, b in spans]

    assert split("구분     집행액 집행률") == ["구분", "집행액", "집행률"]
    # a name of two words over one column stays one cell
    assert split("구분        어린이집 수") == ["구분", "어린이집 수"]
    # three words over two columns: not each over its own column
    assert split("구분     전년 대비 증감") == ["구분", "전년 대비 증감"]


def test_group_cell_spans_only_sub_columns_named_nowhere_else():
    from helpers.extract.grid import Cell

    def row(line, *cells):
        return [Cell(text, line, col) for col, text in cells]

    upper = row(1, (0, "구분"), (2, "예산액"), (5, "집행액"))
    lower = row(2, (1, "계"), (2, "국비"), (3, "시비"), (4, "구비"))
    grouped = aligned_columns.span_groups([upper, lower], [{0, 2, 5}, {1, 2, 3, 4}])
    assert [(c.col, c.text) for c in grouped[0]] == [(0, "구분"), (1, "예산액"), (2, "예산액"), (3, "예산액"),
                                                     (4, "예산액"), (5, "집행액")]
    # a unit line names no sub-columns
    units = row(2, (1, "(개소)"), (2, "(명)"), (3, "(명)"))
    assert aligned_columns.span_groups([upper, units], [{0, 2, 5}, {1, 2, 3}])[0] == upper
    # two printed cells over the run (``2024년`` twice): no single group
    years = row(1, (1, "2024년"), (2, "2024년"))
    names = row(2, (1, "본예산"), (2, "추경"), (3, "증감"))
    assert aligned_columns.span_groups([years, names], [{1, 2}, {1, 2, 3}])[0] == years
    # the other columns named on a line above: names stacked over lines, no group
    top = row(0, (1, "교부"), (3, "이자"))
    assert aligned_columns.span_groups([top, upper, lower], [{1, 3}, {0, 2, 5}, {1, 2, 3, 4}])[1] == upper
    # an upper row not placed by position (a single-spaced line's words)
    assert aligned_columns.span_groups([upper, lower], [None, {1, 2, 3, 4}])[0] == upper


@pytest.mark.parametrize("below, joined", [
    ("   지원", True),
    ("     지원", True),  # indented further, still inside the label column
    ("   ※ 단위 조정으로 합계가 다를 수 있음", False),  # a note running under the figures
    ("   2024년", False),  # a figure
    ("", False),
])
def test_a_line_continues_the_label_only_within_its_column(below, joined):
    row = "   사회참여        58      61      73      80      272"
    assert aligned_columns.continues_label(row, below) is joined


def test_w3m_facts(tmp_path):
    frames = extract_text(tmp_path, "w3m.txt", W3M, region="부산광역시 해운대구")
    acts = frames["activities"]
    got = sorted((int(r.line), r.item, r.measure, int(r.value), int(r.year)) for r in acts.itertuples())
    want = []
    for line, label, values in [(14, "합계", [1779, 1935, 1926, 2006, 7646]), (15, "안부확인", [1204, 1310, 1288, 1356, 5158]),
                                (16, "생활교육 (집단)", [86, 112, 95, 104, 397]), (18, "가사지원", [431, 452, 470, 466, 1819]),
                                (19, "사회참여 지원", [58, 61, 73, 80, 272])]:
        want += [(line, f"{label} ({q}분기)", "건", v, 2024) for q, v in zip((1, 2, 3, 4), values[:4], strict=True)]
        want.append((line, label, "합계 (건)", values[4], 2024))
    assert got == sorted(want)
    budgets = frames["budgets"]
    assert sorted((int(r.line), r.item, r.budget_krw, r.spent_krw, r.reported_rate, r.basis)
                  for r in budgets.itertuples()) == [
        (28, "합계", 2_900_000_000, 2_670_890_000, 92.1, "예산액"),
        (29, "안부확인", 1_850_000_000, 1_702_340_000, 92.0, "예산액"),
        (30, "생활교육", 420_000_000, 366_900_000, 87.4, "예산액"),
        (31, "응급안전 장비 지원", 630_000_000, 601_650_000, 95.5, "예산액"),
    ]
    funding = frames["funding"]
    got = sorted((int(r.line), r.source, r.amount_krw, r.stage) for r in funding.itertuples())
    want = []
    for line, (_, values) in zip((28, 29, 30, 31), FUNDING_ROWS, strict=True):
        want += [(line, source, v * 1000, "plan")
                 for source, v in zip(("계", "국비", "시도비", "시군구비"), values[:4], strict=True)]
    assert got == sorted(want)
    assert set(funding["region_code"]) == {"26350"}
    # the prose of section 1 opens no table: no budget without an amount, no unit flag
    flags = frames["quality_flags"]
    assert flags.empty or not set(flags["kind"]) & {"unit_unknown", "unparsed_row", "rate_mismatch",
                                                    "total_mismatch"}


PROSE = """   시는 보육료 지원 예산의 집행 실적과 어린이집 운영 현황을
   다음과 같이 정리하였다. 국공립 어린이집은 전년보다 2개소
   늘었다.
"""


def test_prose_wrapped_at_the_page_width_is_no_table_header():
    lines = PROSE.splitlines()
    assert all(read_header(lines, i) is None for i in range(len(lines)))


# -- period columns: one rule in every layout ------------------------------------------------------------

QUARTERS = [["구분", "1분기", "2분기", "3분기", "4분기", "계"],
            ["합계", "100", "120", "135", "155", "510"],
            ["방문 상담", "60", "70", "80", "90", "300"],
            ["전화 상담", "40", "50", "55", "65", "210"]]  # every figure printed once


def _layout(name: str, rows: list[list[str]]) -> str:
    if name == "tab":
        return "\n".join("\t".join(r) for r in rows)
    if name == "pipe":
        return "\n".join(["| " + " | ".join(rows[0]) + " |", "|" + "---|" * len(rows[0])]
                         + ["| " + " | ".join(r) + " |" for r in rows[1:]])
    if name == "spaces":
        return "\n".join("  ".join(c.ljust(8) for c in r).rstrip() for r in rows)
    if name == "single":
        return "\n".join(" ".join(r) for r in rows)
    if name == "cells":
        return "\n".join(c for r in rows for c in r)
    raise ValueError(name)


LAYOUTS = ("tab", "pipe", "spaces", "single", "cells")


def _period_doc(note: str, rows: list[list[str]], layout: str) -> str:
    return f"2024년 서울특별시 구로구 상담 실적\n\n1. 분기별 상담 실적\n\n{note}\n\n{_layout(layout, rows)}\n\n2. 향후 계획\n"


@pytest.mark.parametrize("layout", LAYOUTS)
def test_quarter_columns_count_the_unit_note(tmp_path, layout):
    frames = extract_text(tmp_path, f"{layout}.txt", _period_doc("(단위: 건)", QUARTERS, layout))
    acts = frames["activities"]
    assert sorted(int(v) for v in acts["value"]) == sorted(int(v) for r in QUARTERS[1:] for v in r[1:])
    assert set(acts["year"]) == {2024}
    for r in acts.itertuples():
        # the measure is the unit (the 계 column is the row's total of it); the quarter names the item
        assert "건" in r.measure and "분기" not in r.measure, r
        row = next(x for x in QUARTERS[1:] if str(int(r.value)) in x[1:])
        col = QUARTERS[0][row.index(str(int(r.value)))]
        assert row[0] in r.item and (col == "계" or col in r.item), r


MONTHS = [["구분", "1월", "2월", "3월", "계"],
          ["합계", "30", "40", "50", "120"],
          ["방문 상담", "10", "20", "30", "60"],
          ["전화 상담", "20", "21", "22", "63"]]


@pytest.mark.parametrize("layout", ["tab", "spaces", "pipe"])
def test_month_columns_count_the_unit_note(tmp_path, layout):
    frames = extract_text(tmp_path, f"{layout}.txt", _period_doc("(단위: 명)", MONTHS, layout))
    acts = frames["activities"]
    assert len(acts) == 12
    assert all("명" in m and "월" not in m for m in acts["measure"])
    items = set(acts["item"])
    assert any("방문 상담" in i and "2월" in i for i in items)


@pytest.mark.parametrize("layout", ["spaces", "pipe"])
def test_quarter_columns_count_the_rows_own_unit(tmp_path, layout):
    rows = [QUARTERS[0], ["방문 상담(회)", "6", "7", "8", "9", "30"], ["교육 참여(명)", "40", "50", "50", "60", "200"]]
    frames = extract_text(tmp_path, f"{layout}.txt", _period_doc("", rows, layout))
    acts = frames["activities"]
    got = sorted((r.item, r.measure, int(r.value)) for r in acts.itertuples() if "분기" in r.item)
    want = sorted([(f"방문 상담(회) ({q}분기)", "회", v) for q, v in zip((1, 2, 3, 4), (6, 7, 8, 9), strict=True)]
                  + [(f"교육 참여(명) ({q}분기)", "명", v) for q, v in zip((1, 2, 3, 4), (40, 50, 50, 60), strict=True)])
    assert got == want


# -- the last row's wrapped label in a budget table (the line reader of execution tables) ---------------

BUDGET = """2024년 경기도 이천시 보육 예산 집행

   (단위: 천원, %)

   사업명              예산액        집행액  집행률
   합계             1,240,000     1,120,600    90.4
   영유아 보육료      980,000       893,400    91.2
   야간 연장 보육     260,000       227,200    87.4
   지원

   ※ 집행률은 소수 첫째 자리에서 반올림
"""


def test_last_row_label_wrapped_under_its_figures(tmp_path):
    frames = extract_text(tmp_path, "budget.txt", BUDGET, region="경기도 이천시")
    got = sorted((int(r.line), r.item, r.budget_krw, r.spent_krw, r.reported_rate)
                 for r in frames["budgets"].itertuples())
    assert got == [(6, "합계", 1_240_000_000, 1_120_600_000, 90.4),
                   (7, "영유아 보육료", 980_000_000, 893_400_000, 91.2),
                   (8, "야간 연장 보육 지원", 260_000_000, 227_200_000, 87.4)]


def test_a_note_right_under_the_last_row_is_not_its_label(tmp_path):
    text = BUDGET.replace("   지원\n\n", "   ※ 집행액은 12월 말 기준 지출 누계액임\n")
    frames = extract_text(tmp_path, "budget.txt", text, region="경기도 이천시")
    assert "야간 연장 보육" in set(frames["budgets"]["item"])


# -- a header cell wrapped inside its column --------------------------------------------------------------

WRAPPED_HEADER = """2024년 경기도 이천시 어린이집 현황

   (단위: 명)

   구분          정원    현원  보육
                               교직원
   계           1,210     986     301
   국공립         380     342      92
   민간           830     644     209
"""


def test_header_cell_wrapped_inside_its_column_is_one_cell(tmp_path):
    (t,) = find_tables(WRAPPED_HEADER.splitlines())
    assert t.column_labels() == ["구분", "정원", "현원", "보육 교직원"]
    assert body(t) == [("계", [1210, 986, 301]), ("국공립", [380, 342, 92]), ("민간", [830, 644, 209])]
    frames = extract_text(tmp_path, "wrapped.txt", WRAPPED_HEADER, region="경기도 이천시")
    got = sorted((int(r.line), r.item, r.measure, int(r.value)) for r in frames["activities"].itertuples())
    assert got == sorted((line, label, measure, v) for line, label, values in
                         [(7, "계", (1210, 986, 301)), (8, "국공립", (380, 342, 92)), (9, "민간", (830, 644, 209))]
                         for measure, v in zip(("정원", "현원", "보육 교직원"), values, strict=True))
