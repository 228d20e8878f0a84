"""Third blind round, quarterly results: a row printing its 연간 목표, its quarters, their 누계 and a 달성률
gives one indicator (target 목표, actual 누계, the printed rate: roles checked by that rate) and one activity
per quarter and for the 누계; neither the 목표 nor a 전년 동기 대비 cell is a count."""

from engine_support import extract_text

PROGRESS = ("분기별 추진실적\n"
            "사업명\t단위\t연간 목표\tⅠ분기\tⅡ분기\t누계\t달성률(%)\t전년 동기 대비\n"
            "경로식당 운영\t명\t400\t110\t130\t240\t60.0\t△12\n"
            "방문목욕 지원\t회\t80\t20\t30\t50\t62.5\t4\n")

# the same columns, but the printed rates are not 누계/목표: the roles are not these
MISREAD = PROGRESS.replace("60.0", "17.0").replace("62.5", "90.0")


def test_progress_rows_give_an_indicator_and_their_counts(tmp_path):
    frames = extract_text(tmp_path, "progress.txt", PROGRESS, region="전라남도 화순군", year=2025)
    ind = sorted((int(r.line), r.indicator, r.unit, r.target, r.actual, r.reported_rate)
                 for r in frames["indicators"].itertuples())
    assert ind == [(3, "경로식당 운영", "명", 400, 240, 60.0), (4, "방문목욕 지원", "회", 80, 50, 62.5)]
    acts = sorted((int(r.line), r.value) for r in frames["activities"].itertuples())
    assert acts == [(3, 110), (3, 130), (3, 240), (4, 20), (4, 30), (4, 50)]


def test_a_rate_that_is_not_the_ratio_gives_no_progress_indicator(tmp_path):
    frames = extract_text(tmp_path, "misread.txt", MISREAD, region="전라남도 화순군", year=2025)
    assert frames["indicators"].empty or not ((frames["indicators"]["target"] == 400)
                                              & (frames["indicators"]["actual"] == 240)).any()


def test_a_period_columns_count_keeps_the_unit_printed_in_its_cell(tmp_path):
    text = "분기별 실적\n구분 Ⅰ분기 Ⅱ분기 계\n경로식당 운영 28회 31회 59회\n방문목욕 지원 12건 14건 26건\n"
    frames = extract_text(tmp_path, "periods.txt", text, region="전라남도 화순군", year=2025)
    got = sorted((int(r.line), r.item, r.measure, r.value) for r in frames["activities"].itertuples())
    # the period qualifies the item; what is counted is the unit
    assert got == [(3, "경로식당 운영", "합계 (회)", 59), (3, "경로식당 운영 (Ⅰ분기)", "회", 28),
                   (3, "경로식당 운영 (Ⅱ분기)", "회", 31), (4, "방문목욕 지원", "합계 (건)", 26),
                   (4, "방문목욕 지원 (Ⅰ분기)", "건", 12), (4, "방문목욕 지원 (Ⅱ분기)", "건", 14)]
