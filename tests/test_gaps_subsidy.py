"""Third blind round, subsidy settlements with sources as columns under 교부액 and 집행액 groups: the
집행액 group's sources are executed funding, each group's 계 is checked against its own sources, a row that
also prints a 집행률 gives its budget (교부액 계, 집행액 계, the rate), and a year table with 교부액 / 집행액 /
집행률 rows gives one budget per year."""

from engine_support import extract_text

# invented: pipes with a repeated group header row, then a year table
SUBSIDY = """### 보조사업 정산

(단위: 천원)

| 사업명 | 교부액 | 교부액 | 교부액 | 집행액 | 집행액 | 집행액 | 집행률(%) |
| --- | --- | --- | --- | --- | --- | --- | --- |
| 사업명 | 계 | 국비 | 군비 | 계 | 국비 | 군비 | 집행률(%) |
| 경로식당 운영 | 1,000 | 600 | 400 | 950 | 570 | 380 | 95.0 |
| 방문목욕 지원 | 500 | 250 | 250 | 500 | 250 | 250 | 100.0 |

### 연도별 추이

(단위: 천원)

| 구분 | 2024년 | 2025년 |
| --- | --- | --- |
| 교부액 | 1,400 | 1,500 |
| 집행액 | 1,330 | 1,450 |
| 집행률(%) | 95.0 | 96.7 |
"""


def test_sources_under_stage_groups(tmp_path):
    frames = extract_text(tmp_path, "subsidy.txt", SUBSIDY, region="전라남도 화순군", year=2025)
    funding = sorted((int(r.line), r.source, r.stage, r.amount_krw) for r in frames["funding"].itertuples())
    assert funding == [(8, "계", "executed", 950_000), (8, "계", "plan", 1_000_000),
                       (8, "국비", "executed", 570_000), (8, "국비", "plan", 600_000),
                       (8, "시군구비", "executed", 380_000), (8, "시군구비", "plan", 400_000),
                       (9, "계", "executed", 500_000), (9, "계", "plan", 500_000),
                       (9, "국비", "executed", 250_000), (9, "국비", "plan", 250_000),
                       (9, "시군구비", "executed", 250_000), (9, "시군구비", "plan", 250_000)]
    assert not (frames["quality_flags"]["kind"] == "total_mismatch").any()
    budgets = sorted((int(r.line), int(r.year), r.budget_krw, r.spent_krw, r.reported_rate)
                     for r in frames["budgets"].itertuples())
    assert budgets == [(8, 2025, 1_000_000, 950_000, 95.0), (9, 2025, 500_000, 500_000, 100.0),
                       (17, 2024, 1_400_000, 1_330_000, 95.0), (17, 2025, 1_500_000, 1_450_000, 96.7)]
