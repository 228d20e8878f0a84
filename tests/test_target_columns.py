"""A column ``목표 X`` beside a column ``X`` (``수급률 | 목표 수급률 | 달성률``): the target of the indicator X,
and X its actual; the 달성률 column the reported rate. In a 도's table of its 시군 rows, one indicator per row,
in the row's own region, named by the measure; the table's count columns stay activities."""

from engine_support import extract_text

# invented: a 도 comparing its 시군 (tab separated), counts beside a rate and its target
RATES = "\n".join([
    "2025년 경상북도 장기요양 등급판정 현황",
    "",
    "시군별 판정 현황",
    "(단위: 명, %)",
    "시군\t신청 인원\t판정률\t목표 판정률\t달성률",
    "경상북도\t12,400\t88.0\t80.0\t110.0",
    "포항시\t7,300\t90.0\t80.0\t112.5",
    "경주시\t5,100\t84.0\t80.0\t105.0",
    "",
])


def test_target_column_beside_its_measure(tmp_path):
    frames = extract_text(tmp_path, "rates.txt", RATES, region="경상북도", year=2025)
    ind = sorted((int(r.line), str(r.region_code), r.indicator, r.unit, r.target, r.actual, r.reported_rate)
                 for r in frames["indicators"].itertuples())
    assert ind == [(6, "47", "판정률", "%", 80.0, 88.0, 110.0), (7, "47110", "판정률", "%", 80.0, 90.0, 112.5),
                   (8, "47130", "판정률", "%", 80.0, 84.0, 105.0)]  # each 시군 row in its own region
    ach = sorted(round(a, 1) for a in frames["indicators"]["achievement"])
    assert ach == [105.0, 110.0, 112.5]  # actual / target × 100 agrees with the printed 달성률
    acts = sorted((int(r.line), r.item, r.value) for r in frames["activities"].itertuples())
    assert acts == [(6, "신청 인원", 12400), (7, "신청 인원", 7300), (8, "신청 인원", 5100)]
    kinds = set(frames["quality_flags"]["kind"])
    assert not kinds & {"rate_mismatch", "unrecognised_table"}


def test_misprinted_rate_is_flagged(tmp_path):
    # the 포항시 row's 달성률 misprinted (actual / target × 100 gives 112.5): the figures are kept, the row flagged
    text = RATES.replace("포항시\t7,300\t90.0\t80.0\t112.5", "포항시\t7,300\t90.0\t80.0\t121.5")
    frames = extract_text(tmp_path, "rates.txt", text, region="경상북도", year=2025)
    assert len(frames["indicators"]) == 3
    flags = frames["quality_flags"]
    mismatch = flags[flags["kind"] == "rate_mismatch"]
    assert [int(x) for x in mismatch["line"]] == [7]
