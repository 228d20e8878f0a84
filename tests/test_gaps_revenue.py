"""Gap 4 of the blind settlements: a 세입 결산 table names what was collected 수납액 and its rate 수납률
(as 수입액 / 징수율 elsewhere): each row is a revenue budget (예산현액, 수납액, the printed rate)."""

from engine_support import extract_text
from helpers.extract.headers import cell_role

# an invented 세입 결산 of a 군, two-space aligned
REVENUE = """1. 세입 결산
                                          (단위: 백만원)
  구    분            예산현액(A)      수납액(B)      수납률
  합    계               52,000         53,040       102.0
  지방세수입               8,000          7,600        95.0
  보조금                 44,000         45,440       103.3
"""


def test_received_and_its_rate_are_revenue_roles():
    assert (cell_role("수납액(B)").role, cell_role("수납액(B)").flow) == ("spent", "revenue")
    assert (cell_role("수 납 률").role, cell_role("수 납 률").flow) == ("rate", "revenue")


def test_revenue_rows_are_budgets_with_their_collection(tmp_path):
    frames = extract_text(tmp_path, "revenue.txt", REVENUE, region="전라남도 화순군", year=2024)
    got = sorted((int(r.line), r.item.replace(" ", ""), r.flow, r.budget_krw, r.spent_krw, r.reported_rate,
                  bool(r.is_total)) for r in frames["budgets"].itertuples())
    assert got == [(4, "합계", "revenue", 52_000e6, 53_040e6, 102.0, True),
                   (5, "지방세수입", "revenue", 8_000e6, 7_600e6, 95.0, False),
                   (6, "보조금", "revenue", 44_000e6, 45_440e6, 103.3, False)]
    assert not frames["quality_flags"]["kind"].isin(["rate_mismatch", "total_mismatch"]).any()
