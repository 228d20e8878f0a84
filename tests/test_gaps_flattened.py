"""Gaps 2 and 3 of the blind fixtures: tables flattened one cell per line. A ``-`` line is a missing figure
(still a cell of its row, never a rule that ends the table), and a row whose last cell is an empty line
(the 비고 of the last row) is still a row."""

import pandas as pd

from engine_support import extract_text
from helpers.extract.blocks import find_tables

# an invented flattened budget list: a `-` in the second row, nothing ruled
DASHED = """세부사업 예산 (단위: 천원)
사업명
본예산
추경예산
국비
구비
경로당 운영
1,200
1,300
600
700
방문목욕
400
380
-
380
장애인 이동지원
900
950
450
500
"""

# an invented results table with `|` lines between rows; the last row's 비고 is an empty line
RESULTS = """성과지표 현황
지표명
단위
목표
실적
달성률
비고
|
방문상담 건수
건
300
315
105.0
상담사 증원
|
재가 낙상 건수(감소)
건
40
35
-
감소 지표
|
자원봉사 참여율
%
50.0
54.0
108.0

※ 2025년 12월 기준
"""


def _grid(text: str):
    lines = text.split("\n")
    (table,) = [t for t in find_tables(lines) if t.layout == "cells"]
    return [[c.text for c in row] for row in table.body]


def test_a_dash_line_is_a_cell_of_its_row():
    assert _grid(DASHED) == [["경로당 운영", "1,200", "1,300", "600", "700"],
                             ["방문목욕", "400", "380", "-", "380"],
                             ["장애인 이동지원", "900", "950", "450", "500"]]


def test_the_last_row_without_its_last_cell_is_kept():
    rows = _grid(RESULTS)
    assert rows[-1] == ["자원봉사 참여율", "%", "50.0", "54.0", "108.0"]
    assert rows[1] == ["재가 낙상 건수(감소)", "건", "40", "35", "-", "감소 지표"]


def test_indicators_of_the_flattened_rows(tmp_path):
    frames = extract_text(tmp_path, "results.txt", RESULTS, region="전라남도 화순군", year=2025)
    got = sorted((int(r.line), r.indicator, r.target, r.actual, None if pd.isna(r.reported_rate) else r.reported_rate)
                 for r in frames["indicators"].itertuples())
    assert got == [(11, "방문상담 건수", 300, 315, 105.0), (18, "재가 낙상 건수(감소)", 40, 35, None),
                   (25, "자원봉사 참여율", 50.0, 54.0, 108.0)]


def test_funding_of_the_rows_after_a_dash(tmp_path):
    frames = extract_text(tmp_path, "dashed.txt", DASHED, region="전라남도 화순군", year=2025)
    funding = sorted((int(r.line), r.source, r.amount_krw) for r in frames["funding"].itertuples())
    assert funding == [(10, "국비", 600_000), (11, "시군구비", 700_000), (16, "시군구비", 380_000),
                       (20, "국비", 450_000), (21, "시군구비", 500_000)]
    budgets = sorted((int(r.line), r.basis, r.budget_krw) for r in frames["budgets"].itertuples())
    assert budgets == [(8, "본예산", 1_200_000), (9, "추경예산", 1_300_000), (13, "본예산", 400_000),
                       (14, "추경예산", 380_000), (18, "본예산", 900_000), (19, "추경예산", 950_000)]
