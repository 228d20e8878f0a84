"""Activity counts: wrapped-label count tables, unit-line tables, tab tables with double cells, prose pairs."""

from ext2_support import frame, run
from helpers.extract.activities import extract_activities


def _acts(name, **kw):
    return frame(run(extract_activities, name, region="서울특별시", year=2022, **kw), "activities")


def test_wrapped_labels_close_at_the_numbers_line():
    df = _acts("count_table_wrapped_labels.txt")
    first = df[df["line"] == df["line"].min()]
    assert first["measure"].tolist() == ["횟수", "실인원(건)", "연인원(건)"]
    assert first["value"].tolist() == [11.0, 15.0, 74.0]  # 더저니 인턴십 체험
    finance = df[df["item"].fillna("").str.contains("금융")]
    assert finance["value"].tolist() == [3.0, 54.0, 68.0]  # label wrapped over four lines
    assert len(df) == 6 * 3  # six 세부사업 in the snippet, three counts each


def test_unit_line_tables_and_monthly_counts():
    df = _acts("count_unit_line_tables.txt")
    consult = df[df["measure"] == "회"]
    assert consult.set_index("item")["value"].to_dict() == {"계": 37.0, "6월": 24.0, "7월": 12.0, "8월": 1.0}
    monthly = df[df["measure"] == "명"].set_index("item")["value"]
    assert monthly["계(연인원)"] == 128.0 and monthly["7월"] == 29.0 and len(monthly) == 10


def test_tab_tables_with_double_cells():
    df = _acts("count_tab_tables.txt", as_of="2024-03")
    support = df[df["line"] == 6].set_index("measure")["value"]
    assert support["법률지원"] == 1516.0  # printed without a thousands separator
    assert "학교문제" not in support  # '-' is missing, not zero
    pairs = df[df["line"] == 13]  # a row of counts only: 6,461 (828) = 건 (인원)
    assert pairs["value"].tolist()[:4] == [6461.0, 828.0, 3225.0, 258.0]
    # 단위: 건(인원): the count in parentheses is 인원, the columns (under their merged group cell) name items
    assert pairs[["item", "measure"]].values.tolist()[:4] == [
        ["상담소 및 생활시설 지원 계", "건"], ["상담소 및 생활시설 지원 계", "인원"],
        ["상담소 및 생활시설 지원 피해 상담", "건"], ["상담소 및 생활시설 지원 피해 상담", "인원"]]
    assert pairs[pairs["value"] == 62.0][["item", "measure"]].values.tolist() == [["자활 지원 계", "인원"]]
    assert pairs["value"].tolist()[-1] == 38.0 and pairs["measure"].tolist()[-1] == "회"  # 38회
    edu = df[df["line"] == 18]
    assert edu[["measure", "value"]].values.tolist()[:2] == [["회", 7.0], ["명", 835.0]]  # 7회 / 835명


def test_prose_pairs():
    df = _acts("count_prose.txt")
    assert df[df["line"] == 1][["item", "measure", "value"]].values.tolist() == [
        ["더저니 펠로우 실인원", "명", 29.0], ["연인원", "명", 60.0]]
    assert df[df["line"] == 2]["value"].tolist()[:2] == [1940.0, 813.0]  # 가정방문 1,940건, 홍보 813건


def test_prose_junk_gives_no_counts():
    df = _acts("count_prose_junk.txt")
    assert not (df["line"] == 1).any()  # 임신 3개월 ~ 출산 후 3개월: an eligibility rule, not a count
    assert not (df["line"] == 2).any()  # 가구당 총 10회 (1회당 4시간): a per-household rule
    # 회원 1,303명, 총 10,519건 are counts; 1명당 약 8건 is a ratio
    assert df[df["line"] == 3]["value"].tolist() == [1303.0, 10519.0]
    assert not (df["line"] == 4).any()  # 1일 4시간(7회): a schedule
    for line in (5, 6, 7):  # counts of a table whose column labels were lost: flagged, not half-read
        assert not (df["line"] == line).any()


def test_prose_junk_is_flagged():
    from ext2_support import run
    result = run(extract_activities, "count_prose_junk.txt", region="서울특별시", year=2022)
    assert sorted(f["line"] for f in result.flags if f["kind"] == "unparsed_row") == [5, 6, 7]


def test_area_and_serial_columns_are_not_counts():
    df = _acts("count_tab_not_counts.txt")
    # 대지 3,312 / 건물(㎡) 7,406 are areas; 정원 14 is a count
    assert df[["item", "value"]].values.tolist() == [["동부여성발전센터", 14.0]]


def test_prose_labels_come_from_the_phrase_not_a_fixed_window():
    from helpers.extract.activities import prose_counts

    # a count inside brackets qualifies what stands before them; the count after the bracket too
    assert prose_counts(": 학부모 대상 만족도 조사(총 194명 설문) 1회") == [
        ("학부모 대상 만족도 조사", 194.0, "명"), ("학부모 대상 만족도 조사", 1.0, "회")]
    # ``key : 총 N`` takes the key; the split inside the brackets keeps its own labels
    assert prose_counts("Ÿ 대상규모 : 총 13명(시 자체지원 5명, 군･구 자체지원 8명)")[:2] == [
        ("대상규모", 13.0, "명"), ("시 자체지원", 5.0, "명")]
    # ``각`` makes a count a per-item share, ``중`` a part: no label, so no fact
    assert [p[0] for p in prose_counts("▸현장모니터링 실시(5개 사업 각 1회)")] == ["현장모니터링 실시", None]
    assert all(p[0] is None for p in prose_counts(
        "- 3개 서비스별 가격탄력제 적용 및 본인부담금(%) 높은 기관 각 2개소(총6개소) 선정"))
    # a clause before the count is no label; words glued to digits stay whole (not ``동`` / ``스피커``)
    assert prose_counts("- 유니세프가 아동친화도시를 위해 제시하고 있는 10개 기본원칙과 46개 세부 항목 평가") == [
        (None, 10.0, "개"), (None, 46.0, "개")]
    assert [p[0] for p in prose_counts("→ 대원1동 45,902명, 대원2동 18,817명")] == ["대원1동", "대원2동"]
    assert [p[0] for p in prose_counts("- AI스피커 8,440가구 지원, SOS긴급 관제 1,072건 중 119연계 255건")] == [
        "AI스피커", "SOS긴급 관제", "119연계"]
    assert [p[0] for p in prose_counts("- 사회서비스원 운영지원 및 활성화를 위한 실무협의회 구성(9명) 및 회의(4회) 개최")] \
        == ["실무협의회 구성", "회의"]


def test_serial_numbered_text_table_gives_no_counts():
    """A 주민소통실적 table (연번, 구분, 실 적 in words): the serial numbers 1, 2, 3 are not counts, and the
    first data row is not a second header line."""
    df = _acts("count_tab_serial_text.txt")
    assert df.empty


def test_total_row_label_follows_its_column_group():
    """``계`` in a two-line-header table is the total of each column group: ``직업교육훈련 계``, not a
    total label glued before the group (``계 직업교육훈련``)."""
    df = _acts("count_tab_total_row.txt")
    total = df[df["line"] == 5]
    assert total[["item", "measure", "value"]].values.tolist() == [
        ["직업교육훈련 계", "강좌수", 325.0], ["직업교육훈련 계", "교육인원", 5425.0],
        ["직업교육훈련 계", "수료인원", 3400.0], ["취·창업지원 계", "구직자수", 1332.0],
        ["취·창업지원 계", "취·창업인원", 458.0], ["계", "생활 문화교육", 1525.0]]  # rates 62.7, 34.4 left out
    assert df[df["line"] == 6]["item"].tolist()[0] == "동부여성발전센터 직업교육훈련"


def test_bracketed_count_of_another_thing_is_no_fact_of_the_label():
    from helpers.extract.activities import prose_counts

    # 16개 시군 says where the 1,000 participants live: it is not a count of participants
    assert prose_counts("▸ 조사대상 : 도 여성청소년 생리용품 보편지원 사업 참여자 1,000명(16개 시군)") == [
        ("도 여성청소년 생리용품 보편지원 사업 참여자", 1000.0, "명"), (None, 16.0, "개")]
    # a bare bracketed count still belongs to the same subject
    assert prose_counts("▸어르신 이용시설 방문 홍보 1,639명(494개소)")[1] == ("어르신 이용시설 방문 홍보", 494.0, "개소")
    df = _acts("count_prose_weak_labels.txt")
    assert not (df["line"] == 1).any()  # one labelled count left: not a prose pair line


def test_generic_words_and_fragments_are_no_labels():
    from helpers.extract.activities import prose_counts

    # a letter-spaced role key (구 성 = 구성) is no label; the breakdown keeps its own labels
    assert prose_counts("Ÿ 구 성 : 총 10명 (희망복지지원계장, 담당자6명, 통합사례관리사3명)") == [
        (None, 10.0, "명"), ("담당자", 6.0, "명"), ("통합사례관리사", 3.0, "명")]
    # ``9개 분야 21명``: 분야 is the noun of 9개; the 21명 are the 위원수
    assert prose_counts("∙ 구성시기 : 2016년 5월, 위원수 : 9개 분야 21명, 임기 : 2년(연임가능)") == [
        (None, 9.0, "개"), ("위원수", 21.0, "명")]
    assert prose_counts("- 지역 문제･욕구에 기초한 창의적 사업 추진: 20개 사업 4,960명 참여")[1] == (
        "지역 문제・욕구에 기초한 창의적 사업 추진", 4960.0, "명")
    # a middle dot before a number separates counts; 등 N개 기관 counts institutions, one named before
    assert prose_counts("- 한국보건복지인재원 등 3개 기관･9개 과정･23회 참여") == [
        ("한국보건복지인재원 등 기관", 3.0, "개"), ("과정", 9.0, "개"), ("참여", 23.0, "회")]
    df = _acts("count_prose_weak_labels.txt")
    assert df[df["line"] == 2][["item", "value"]].values.tolist() == [
        ["경기도민 정책축제 선정", 4.0], ["위기이웃발굴・지원 등 의제", 4.0]]
    assert df[df["line"] == 3]["item"].tolist() == ["담당자", "통합사례관리사"]
    assert df[df["line"] == 5]["item"].tolist() == ["한국보건복지인재원 등 기관", "과정", "참여"]
    for line in (4, 6, 7):  # 9개 분야 / 10개 기관 / 20개 사업: one labelled count at most, no pair line
        assert not (df["line"] == line).any()


def test_sessions_and_participants_side_by_side_measure_one_activity():
    # invented prose lines: an activity's sessions (회) or places (개소), then its participants or cases
    from helpers.extract.activities import prose_counts

    assert prose_counts("- (봉사단) 이웃 안부확인 교육 6회 180명") == [
        ("이웃 안부확인 교육", 6, "회"), ("이웃 안부확인 교육", 180, "명")]
    assert prose_counts("∙ 찾아가는 건강 교실 12개소 430명") == [
        ("찾아가는 건강 교실", 12, "개소"), ("찾아가는 건강 교실", 430, "명")]
    # an organisation's teams and staff are no such pair: the staff count keeps no label
    assert prose_counts("- 조 직 : 2팀 15명") == [("조직", 2, "팀"), (None, 15, "명")]
