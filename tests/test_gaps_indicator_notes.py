"""Gap 6 of the blind results reports: a bracketed note that qualifies an indicator's name (``(누계)``,
``(연인원)``) is neither its unit nor a unit cell to realign the row on; a qualitative row whose unit cell is
``-`` keeps its name; a target printed as a bound (``10개소 이상``) is the figure 10."""

import pandas as pd

from engine_support import extract_text
from helpers.extract.grid import cell_number
from helpers.extract.indicators import _clean_indicator

# invented: a pipe results table with a (누계) label, a qualitative row and a bound target
RESULTS = """| 성과지표 | 단위 | 목표 | 실적 | 달성률(%) | 비고 |
| --- | --- | --- | --- | --- | --- |
| 사례관리 대상 가구(누계) | 가구 | 150 | 162 | 108.0 | 초과 |
| 찾아가는 상담 참여자(연인원) | 명 | 900 | 855 | 95.0 |  |
| 주민 협의체 구성 | - | 구성 | 구성 완료 | - | 정성지표 |
| 경로당 안전점검 | 개소 | 40개소 이상 | 44 | 110.0 |  |
"""


def test_a_name_note_is_not_a_unit():
    assert _clean_indicator("대상 가구(누계)") == ("대상 가구(누계)", "")
    assert _clean_indicator("참여자(연인원)") == ("참여자(연인원)", "")
    assert _clean_indicator("지원 영아(명)") == ("지원 영아", "명")


def test_a_bound_after_a_figure_leaves_the_figure():
    assert (cell_number("10개소 이상").value, cell_number("10개소 이상").unit) == (10, "개소")
    assert cell_number("5% 이내").value == 5
    assert cell_number("이상") is None and cell_number("65세 이상") is None


def test_results_rows_keep_their_cells_and_names(tmp_path):
    frames = extract_text(tmp_path, "results.txt", RESULTS, region="전라남도 화순군", year=2025)
    ind = frames["indicators"]
    got = [(int(r.line), r.indicator, r.unit, *(None if pd.isna(v) else v for v in (r.target, r.actual, r.reported_rate)))
           for r in ind.sort_values("line").itertuples()]
    assert got == [(3, "사례관리 대상 가구(누계)", "가구", 150, 162, 108.0),
                   (4, "찾아가는 상담 참여자(연인원)", "명", 900, 855, 95.0),
                   (5, "주민 협의체 구성", None, None, None, None),
                   (6, "경로당 안전점검", "개소", 40, 44, 110.0)]
    cells = frames["table_cells"]
    assert 40.0 in set(cells[cells["line"] == 6]["value"])
