"""Third blind round, subsidy settlements: a document titled ``2024회계연도 …`` (the fiscal year) on one long
first line, with too few year mentions for one to dominate, is dated by that title line; a 재원 column beside
the 사업명 column names each row's source, and each 사업's 계 is checked against its own sources."""

from engine_support import extract_text
from helpers.extract.document_defaults import YEAR_MENTION_RE, year_of

# invented: a long title line naming the fiscal year, then a settlement table copied from a sheet
SETTLEMENT = """2025회계연도 전라남도 화순군 국·도비 보조사업 정산 보고 (주민복지과 소관 4개 사업)

1. 정산 개요
 - 반납 기한: 2026. 2. 27.까지

(단위: 원)
사업명\t교부액\t집행액\t집행률(%)
경로식당 운영\t12,000,000\t11,400,000\t95.0
방문목욕 지원\t8,000,000\t8,000,000\t100.0
"""


def test_a_fiscal_year_is_a_year_mention():
    m = YEAR_MENTION_RE.search("2025회계연도 세입")
    assert m and m.group(2) == "2025"
    assert YEAR_MENTION_RE.search("2025 회계 연도") is not None


def test_the_first_line_dates_a_document_without_a_cover():
    lines = SETTLEMENT.split("\n")
    year, evidence = year_of(lines, [])
    assert year == 2025 and evidence.startswith("line 1:")


def test_the_settlement_rows_carry_the_fiscal_year(tmp_path):
    frames = extract_text(tmp_path, "settlement.txt", SETTLEMENT, region=None, year=None)
    got = sorted((int(r.line), int(r.year), r.budget_krw, r.spent_krw) for r in frames["budgets"].itertuples())
    assert got == [(8, 2025, 12_000_000, 11_400_000), (9, 2025, 8_000_000, 8_000_000)]


# invented: 재원별 정산 with the 사업 cell merged (empty) under its 계 row
SOURCES = """2025회계연도 전라남도 화순군 보조사업 재원별 정산

(단위: 원)
사업명\t재원\t교부액\t집행액
경로식당 운영\t계\t12,000,000\t11,400,000
\t국비\t6,000,000\t5,700,000
\t군비\t6,000,000\t5,700,000
방문목욕 지원\t계\t8,000,000\t8,000,000
\t도비\t4,000,000\t4,000,000
\t군비\t4,000,000\t4,000,000
"""


def test_a_source_column_beside_the_item_column(tmp_path):
    frames = extract_text(tmp_path, "sources.txt", SOURCES, region=None, year=None)
    got = sorted((int(r.line), r.source, r.stage, r.amount_krw) for r in frames["funding"].itertuples())
    assert got == [(5, "계", "executed", 11_400_000), (5, "계", "plan", 12_000_000),
                   (6, "국비", "executed", 5_700_000), (6, "국비", "plan", 6_000_000),
                   (7, "시군구비", "executed", 5_700_000), (7, "시군구비", "plan", 6_000_000),
                   (8, "계", "executed", 8_000_000), (8, "계", "plan", 8_000_000),
                   (9, "시도비", "executed", 4_000_000), (9, "시도비", "plan", 4_000_000),
                   (10, "시군구비", "executed", 4_000_000), (10, "시군구비", "plan", 4_000_000)]
    # each 계 is checked against its own item's sources only
    assert not (frames["quality_flags"]["kind"] == "total_mismatch").any()
