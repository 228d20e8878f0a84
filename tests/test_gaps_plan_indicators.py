"""Third blind round, annual plans: a 성과지표 table with a 기준치 column over its base year and 목표치 columns
over the plan years gives, per row, the 기준치 as the actual of its year and one target per plan year; in
space-aligned text the 목표치 word sits over one year column only and the base year is printed ``(2023)``."""

import pandas as pd

from engine_support import extract_text

PIPES = """## 성과지표

| 세부사업 | 성과지표 | 단위 | 기준치 | 목표치 |  |
| --- | --- | --- | --- | --- | --- |
|  |  |  | 2023년 | 2024년 | 2025년 |
| 경로식당 운영 | 급식 이용 어르신 | 명 | 210 | 230 | 250 |
| 방문목욕 지원 | 목욕 지원 횟수 | 회 | - | 40 | 48 |
"""

SPACES = """성과지표

                                         기준치                목표치
   세부사업        성과지표          단위
                                         (2023)      2024년      2025년
   경로식당 운영    급식 이용 어르신     명          210         230         250
   방문목욕 지원    목욕 지원 횟수       회            -          40          48
"""


def _indicators(frames):
    return sorted((int(r.line), int(r.year), r.indicator, r.unit,
                   *(None if pd.isna(v) else v for v in (r.target, r.actual))) for r in frames["indicators"].itertuples())


EXPECTED = [(0, 2023, "급식 이용 어르신", "명", None, 210), (0, 2024, "급식 이용 어르신", "명", 230, None),
            (0, 2025, "급식 이용 어르신", "명", 250, None), (1, 2024, "목욕 지원 횟수", "회", 40, None),
            (1, 2025, "목욕 지원 횟수", "회", 48, None)]


def test_plan_indicators_in_pipes(tmp_path):
    frames = extract_text(tmp_path, "pipes.txt", PIPES, region="전라남도 화순군", year=2024)
    assert _indicators(frames) == [(line + 6, *rest) for line, *rest in EXPECTED]
    assert frames["activities"].empty


def test_plan_indicators_in_spaces(tmp_path):
    frames = extract_text(tmp_path, "spaces.txt", SPACES, region="전라남도 화순군", year=2024)
    assert _indicators(frames) == [(line + 6, *rest) for line, *rest in EXPECTED]
    assert frames["activities"].empty
