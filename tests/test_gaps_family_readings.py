"""Fourth blind round, readings of tables the finder already reads: rows naming a 시/군 of the document's 도,
``시비`` under a group header, a docling header repeating a merged cell over its span, 목표 X | 실적 X pairs,
count columns beside an execution, a unit note listing several units, money per month, a fiscal-year title,
and a fund's 연도별 수입/지출 table."""

from engine_support import extract_text

from helpers.extract.context import heading_year, parse_unit
from helpers.extract.sources import by_region_level

# invented: a 도 comparing its 시군 (docling markdown: the merged 예산 / 집행 cells repeated over their span)
PROVINCE = """2025년 경상남도 치매안심센터 시군별 운영 비교

1. 시군별 상담 목표 대비 실적 (단위: 건)
| 시군 | 목표 | 실적 | 달성률(%) |
|------|------|------|-----------|
| 계 | 3,000 | 2,850 | 95.0 |
| 창원시 | 2,000 | 1,900 | 95.0 |
| 거제시 | 1,000 | 950 | 95.0 |

2. 시군별 예산 및 집행 (단위: 백만원)
| 시군 | 예산 | 예산 | 예산 | 예산 | 집행 | 집행 |
| 시군 | 계 | 국비 | 도비 | 시군비 | 집행액 | 집행률(%) |
|------|------|------|------|--------|--------|-----------|
| 계 | 1,000 | 500 | 150 | 350 | 900 | 90.0 |
| 창원시 | 600 | 300 | 90 | 210 | 540 | 90.0 |
| 거제시 | 400 | 200 | 60 | 140 | 360 | 90.0 |
"""


def test_sigun_rows_take_their_own_region_and_sources_beside_the_execution_give_budgets(tmp_path):
    frames = extract_text(tmp_path, "province.txt", PROVINCE, region="경상남도", year=2025)
    ind = sorted((int(r.line), str(r.region_code), r.target, r.actual) for r in frames["indicators"].itertuples())
    assert ind == [(6, "48", 3000, 2850), (7, "48120", 2000, 1900), (8, "48310", 1000, 950)]
    budgets = sorted((int(r.line), str(r.region_code), r.budget_krw, r.spent_krw, r.reported_rate)
                     for r in frames["budgets"].itertuples())
    assert budgets == [(14, "48", 1e9, 9e8, 90.0), (15, "48120", 6e8, 5.4e8, 90.0), (16, "48310", 4e8, 3.6e8, 90.0)]
    funding = sorted((int(r.line), str(r.region_code), r.source, r.amount_krw) for r in frames["funding"].itertuples())
    assert funding[:4] == [(14, "48", "계", 1e9), (14, "48", "국비", 5e8), (14, "48", "시군구비", 3.5e8),
                           (14, "48", "시도비", 1.5e8)]
    assert (15, "48120", "시군구비", 2.1e8) in funding and len(funding) == 12
    assert set(frames["funding"]["stage"]) == {"plan"}
    kinds = set(frames["quality_flags"]["kind"])
    assert not kinds & {"rate_mismatch", "total_mismatch", "unrecognised_table"}


def test_si_bi_under_a_group_header_is_the_si_s_own_share():
    # the label keeps its group path (``재원 › 시비``): the last part names the source
    assert by_region_level("시도비", "재원 › 시비 (합계)", "44130") == "시군구비"
    assert by_region_level("시도비", "재원 › 시비 (합계)", "28200") == "시도비"  # a 구 of a 광역시: the city's share
    assert by_region_level("시도비", "재원 › 도비 (합계)", "44130") == "시도비"


# invented: a 시 under a 도; a unit note listing a unit per column kind, counts beside the execution, 목표 X /
# 실적 X pairs beside a 참여자 수 column, and money per month beside the month's count
SERVICES = """2025년 전라남도 순천시 돌봄서비스 추진 현황

1. 사업별 이용 및 집행
(단위: 명, 개소, 천원)
| 사업명 | 이용 현황 | 이용 현황 | 예산 | 예산 | 예산 |
| 사업명 | 이용자 수 | 제공기관 수 | 예산액 | 집행액 | 집행률(%) |
|--------|-----------|-------------|--------|--------|-----------|
| 계 | 300 | 12 | 2,000 | 1,800 | 90.0 |
| 주간보호 | 100 | 5 | 800 | 720 | 90.0 |
| 방문돌봄 | 200 | 7 | 1,200 | 1,080 | 90.0 |

2. 유형별 목표 및 실적
| 유형 | 목표 일자리 | 실적 일자리 | 달성률(%) | 참여자 수 |
|------|-------------|-------------|-----------|-----------|
| 공익형 | 400 | 420 | 105.0 | 431 |
| 시장형 | 50 | 45 | 90.0 | 52 |

3. 월별 결제 현황
(단위: 건, 천원)
| 월 | 결제 건수 | 결제액 |
|----|-----------|--------|
| 1월 | 40 | 3,100 |
| 2월 | 60 | 4,900 |
| 계 | 100 | 8,000 |
"""


def test_counts_beside_executions_pairs_and_month_amounts(tmp_path):
    frames = extract_text(tmp_path, "services.txt", SERVICES, region="전라남도 순천시", year=2025)
    budgets = sorted((int(r.line), r.item, r.budget_krw, r.spent_krw, r.reported_rate)
                     for r in frames["budgets"].itertuples())
    assert budgets == [(8, "계", 2e6, 1.8e6, 90.0), (9, "주간보호", 8e5, 7.2e5, 90.0), (10, "방문돌봄", 1.2e6, 1.08e6, 90.0)]
    acts = sorted((int(r.line), r.item, r.measure, r.value) for r in frames["activities"].itertuples())
    assert [a for a in acts if a[0] <= 10] == [
        (8, "계", "이용 현황 › 이용자 수 (명)", 300), (8, "계", "이용 현황 › 제공기관 수 (개소)", 12),
        (9, "주간보호", "이용 현황 › 이용자 수 (명)", 100), (9, "주간보호", "이용 현황 › 제공기관 수 (개소)", 5),
        (10, "방문돌봄", "이용 현황 › 이용자 수 (명)", 200), (10, "방문돌봄", "이용 현황 › 제공기관 수 (개소)", 7)]
    # 목표 일자리 | 실적 일자리 | 달성률: an indicator per row; 참여자 수 counts 명
    ind = sorted((int(r.line), r.indicator, r.target, r.actual, r.reported_rate) for r in frames["indicators"].itertuples())
    assert ind == [(15, "공익형", 400, 420, 105.0), (16, "시장형", 50, 45, 90.0)]
    assert [a for a in acts if 15 <= a[0] <= 16] == [(15, "공익형", "참여자 수 (명)", 431), (16, "시장형", "참여자 수 (명)", 52)]
    # the months' counts and their 계 (item: the column); 결제액 (money) is no count
    assert [a for a in acts if a[0] >= 22] == [(22, "결제 건수", "건", 40), (23, "결제 건수", "건", 60),
                                              (24, "결제 건수", "건", 100)]
    assert "unit_unknown" not in set(frames["quality_flags"]["kind"])


def test_a_unit_note_listing_units_names_its_money_unit():
    assert parse_unit("(단위: 명, 개소, 천원)") == ("천원", "")
    assert parse_unit("(단위: 건, 백만원)") == ("백만원", "")
    assert parse_unit("(단위: 개소, 명)") == (None, "개소")  # counts only: the first, as before


# invented: a 시's fund: flows by year (수입/지출 rows, balances), then the settlement of a fiscal year
FUND = """2025년도 강원특별자치도 춘천시 장학기금 운용계획 및 2024회계연도 결산

1. 연도별 기금 조성 및 운용 (단위: 천원)
| 구분 | 2023년 결산 | 2024년 결산 | 2025년 계획 |
|------|-------------|-------------|-------------|
| 연초 조성액 | 1,000 | 1,050 | 1,090 |
| 수입 계 | 300 | 320 | 340 |
| 일반회계 전입금 | 250 | 260 | 280 |
| 이자수입 | 50 | 60 | 60 |
| 지출 계 | 250 | 280 | 300 |
| 장학금 | 250 | 280 | 300 |
| 연말 조성액 | 1,050 | 1,090 | 1,130 |

2. 2024회계연도 결산 (단위: 천원)
| 구분 | 계획액(A) | 결산액(B) | 증감(B-A) | 집행률(B/A) |
|------|-----------|-----------|-----------|-------------|
| 지출 계 | 400 | 280 | △120 | 70.0 |
"""


def test_fund_flows_by_year_and_a_fiscal_year_title(tmp_path):
    frames = extract_text(tmp_path, "fund.txt", FUND, region="강원특별자치도 춘천시", year=2025)
    budgets = sorted((int(r.line), int(r.year), r.item, r.budget_krw, None if r.spent_krw != r.spent_krw
                      else r.spent_krw, r.flow) for r in frames["budgets"].itertuples())
    flows = [b for b in budgets if b[0] < 15]
    # one budget per flow row and year; the 연초/연말 조성액 balances are none
    assert len(flows) == 15 and not any("조성액" in b[2] for b in flows)
    assert flows[:3] == [(7, 2023, "수입 계", 300_000, None, "revenue"), (7, 2024, "수입 계", 320_000, None, "revenue"),
                         (7, 2025, "수입 계", 340_000, None, "revenue")]
    assert (11, 2025, "장학금", 300_000, None, "expenditure") in flows
    # the settlement under ``2024회계연도 결산`` is that year's, not the document's 2025
    assert [b for b in budgets if b[0] >= 15] == [(17, 2024, "지출 계", 400_000, 280_000, "expenditure")]
    assert frames["funding"].empty and "unparsed_row" not in set(frames["quality_flags"]["kind"])


def test_a_fiscal_year_names_a_headings_year():
    assert heading_year("3. 2023회계연도 결산") == 2023
    assert heading_year("2023 회계연도 세입·세출 결산") == 2023
    assert heading_year("2023년 추진실적") == 2023


# invented: the same comparison as a spreadsheet CSV copy (read by the family readers, not the older reader)
PROVINCE_CSV = """2025년 경상남도 치매안심센터 시군별 운영 비교

1. 시군별 상담 목표 대비 실적 (단위: 건)
시군,목표,실적,달성률(%)
계,"3,000","2,850",95.0
창원시,"2,000","1,900",95.0
거제시,"1,000",950,95.0
"""


def test_sigun_rows_of_a_csv_results_table_take_their_own_region(tmp_path):
    frames = extract_text(tmp_path, "province.txt", PROVINCE_CSV, region="경상남도", year=2025)
    ind = sorted((int(r.line), str(r.region_code), r.target, r.actual, r.reported_rate)
                 for r in frames["indicators"].itertuples())
    assert ind == [(5, "48", 3000, 2850, 95.0), (6, "48120", 2000, 1900, 95.0), (7, "48310", 1000, 950, 95.0)]
