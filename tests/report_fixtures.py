"""Small processed tables for report tests, built from real rows of the five documents.

The rows copy figures and raw lines as printed (doc id, line and source text are the real ones), so the
tests exercise the report on real shapes without waiting for the extractor: 경기도 and 성남시 have
indicators and full-year budgets (casebook PARTs), 서울특별시 has period-to-date (as of 2024-03)
figures only, 서대문구 has plan items only (no target/actual data), 구로구 has a multi-year funding plan.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from helpers.schema import TABLES

CASEBOOK = "004_36d7a86073e0eb52"
SEOUL = "001_edece043362cd899"
SEODAEMUN = "002_9dcd715a1f1947eb"
GURO = "003_d1dea229a71f26d6"

REGION = {"41": "경기도", "26500": "부산광역시 수영구", "41130": "경기도 성남시", "44810": "충청남도 예산군",
          "11": "서울특별시", "11410": "서울특별시 서대문구", "11530": "서울특별시 구로구",
          "42820": "강원도 고성군", "26470": "부산광역시 연제구"}


def _ind(doc, line, code, year, program, indicator, unit, target, actual, rate, text, period=""):
    ach = actual / target * 100 if target else None
    period = period or None  # empty means full period: stored as missing
    return dict(doc_id=doc, line=line, region_code=code, region_name=REGION[code], year=year, program=program,
                indicator=indicator, unit=unit, target=target, actual=actual, reported_rate=rate,
                achievement=ach, direction="increase", period=period, formula="", data_source="", source_text=text)


INDICATORS = [
    _ind(CASEBOOK, 587, "41", 2022, "경기복지거버넌스", "거버넌스 참여 시군", "개", 31, 31, 100.0,
         "거버넌스 참여 시군 31 31 100% 참여 시･군수 경기복지거버넌스 "),
    _ind(CASEBOOK, 590, "41", 2022, "경기복지거버넌스", "공동연구(사업) 추진", "건", 1, 1, 100.0,
         "공동연구(사업) 추진 1 1 100% 공동연구(사업) 추진 연구 결과보고 내부자료 취합"),
    _ind(CASEBOOK, 591, "41", 2022, "경기복지거버넌스", "협의체 인력보강 인원", "명", 31, 31, 100.0,
         "협의체 인력보강 인원 31 31 100% 전문인력(읍면동협의체 "),
    _ind(CASEBOOK, 761, "26500", 2022, "통합돌봄창구 운영", "통합돌봄창구 운영", "개소", 15, 15, 100.0, "15 15 100"),
    _ind(CASEBOOK, 1350, "26500", 2022, "전문인력 양성", "전문인력 양성 후 취업인원", "명", 53, 79, 149.0,
         "취업인원(명) 53 79 149% (실적/목표치)×100 사업결과 보고서 보고서"),
    # a target printed as text (인증): kept, target and actual missing, nothing to judge
    {**_ind(CASEBOOK, 1017, "26500", 2022, "유니세프 아동친화도시", "아동친화도시 인증", "", None, None, 100.0,
            "아동친화도시 인증 인증 인증 100% 실적/목표×100 유니세프한국위원회 공문"), "achievement": None},
    _ind(CASEBOOK, 1562, "41130", 2022, "다함께돌봄센터", "다함께돌봄센터 및 학교돌봄터 개설", "개소", 11, 8, 72.7,
         "학교돌봄터 개설(수) 11 8 72.7 개설 수 센터설치목록 행복e음 "),
    _ind(CASEBOOK, 1755, "41130", 2022, "성남자원순환가게", "누적 시민참여 건수", "건", 11562, 21873, 189.2,
         "① 누적 시민참여 건수(건) 11,562 21,873 189.2 참여세대 수 성남자원순환가게 참여 "),
    _ind(CASEBOOK, 1884, "41130", 2022, "현장모니터링", "현장모니터링 반영률", "%", 60, 80, 133.3,
         "반영률(%) 60 80 133.3"),
    _ind(CASEBOOK, 2031, "41130", 2022, "복지용구 공유", "복지용구 이용률", "%", 85, 261.1, 307.2,
         "복지용구 이용률(%) 85 261.1 307.2 (대여인원 /대여계획 인원) × 100 2022년 복지용구 "),
    _ind(CASEBOOK, 2032, "41130", 2022, "복지용구 공유", "이용만족도", "%", 85, 90.7, 106.7,
         "공유사업 결과보고 센터제출자료이용만족도(%) 85 90.7 106.7 이용자만족도 조사"),
    _ind(CASEBOOK, 2212, "44810", 2022, "예산군 통합사례관리", "지원대상자수", "명", 109, 130, 119.3,
         "지원대상자수 109 130 119.3% 지원대상자 수 사업추진계획서"),
    # period-to-date actual (as of 2024-03) against the annual target: never judged as 미달성
    _ind(SEOUL, 1666, "11", 2024, "서울엄마아빠택시 지원", "지원 영아", "명", 50000, 34265, 68.5,
         "지원 영아(명)\t50,000명\t34,265명\t68.5%", period="2024-03"),
    _ind(SEOUL, 1707, "11", 2024, "첫만남 이용권 지원", "지원 인원", "명", 40006, 10096, 25.2,
         "지원 인원(명)\t40,006명\t10,096명\t25.2%", period="2024-03"),
    _ind(SEOUL, 2727, "11", 2023, "병원안심동행 서비스", "이용인원", "명", 12000, 18042, None,
         "'일상생활' 불편해결\t1인생활 편리성 제고\t병원안심동행 서비스\t이용인원(명)\t12,000\t18,042\t2,185\t2,185"),
    _ind(SEOUL, 2728, "11", 2023, "전·월세 안심계약 도움서비스", "지원건수", "건", 3000, 3643, None,
         "\t\t전·월세 안심계약 도움서비스\t지원건수(건)\t3,000\t3,643\t480\t477"),
]


def _bud(doc, line, code, year, program, item, budget_m, spent_m, rate, text, as_of="", scope="", is_total=False,
         unit="백만원"):
    b, s = budget_m * 1e6, spent_m * 1e6
    as_of = as_of or None
    return dict(doc_id=doc, line=line, region_code=code, region_name=REGION[code], year=year, program=program,
                scope=scope, item=item, flow="expenditure", basis="예산", budget_krw=b, spent_krw=s,
                reported_rate=rate, execution=s / b * 100, as_of=as_of, unit=unit, is_total=is_total,
                source_text=text)


BUDGETS = [
    _bud(CASEBOOK, 598, "41", 2022, "경기복지거버넌스", "’22년도 예산", 2274, 2274, 100.0, "2,274 2,274 100%"),
    _bud(CASEBOOK, 781, "26500", 2022, "통합돌봄창구 운영", "’22년도 예산", 100, 100, 100.0, " 100백만원  100백만원  100%"),
    _bud(CASEBOOK, 1022, "26500", 2022, "유니세프 아동친화도시", "’22년도 예산", 11, 10, 91.0, " 11백만원  10백만원  91%"),
    _bud(CASEBOOK, 1355, "26500", 2022, "전문인력 양성", "’22년도 예산", 81, 78, 96.0, "81백만원  78백만원 96%"),
    _bud(CASEBOOK, 1566, "41130", 2022, "다함께돌봄센터", "’22년도 예산", 5759, 5519, 95.8, "5,759백만원 5,519백만원 95.8%"),
    _bud(CASEBOOK, 1761, "41130", 2022, "성남자원순환가게", "’22년도 예산", 396, 386, 97.5, "396백만원 386백만원 97.5%"),
    _bud(CASEBOOK, 2037, "41130", 2022, "복지용구 공유", "’22년도 예산", 328, 315, 96.0, "328백만원 315백만원 96%"),
    _bud(CASEBOOK, 2218, "44810", 2022, "예산군 통합사례관리", "’22년도 예산", 213, 201, 94.4, "213백만원 201백만원 94.4%"),
    # 서울 여성가족정책실 총괄표: execution as of 2024-03 (period-to-date)
    _bud(SEOUL, 102, "11", 2024, "", "합계", 3286749, 1033351, 31.4, "합계\t3,286,749\t1,033,351\t31.4%",
         as_of="2024-03", scope="여성가족정책실", is_total=True),
    _bud(SEOUL, 103, "11", 2024, "", "양성평등담당관", 214472, 91689, 42.8, "양성평등담당관\t214,472\t91,689\t42.8%",
         as_of="2024-03", scope="여성가족정책실"),
    _bud(SEOUL, 104, "11", 2024, "", "영유아담당관", 2072211, 646689, 31.2, "영유아담당관\t2,072,211\t646,689\t31.2%",
         as_of="2024-03", scope="여성가족정책실"),
]


def _fund(line, year, source, label, amount_m, stage, text):
    return dict(doc_id=GURO, line=line, region_code="11530", region_name=REGION["11530"], year=year,
                program="드림스타트", source=source, source_label=label, amount_krw=amount_m * 1e6, stage=stage,
                unit="백만원", source_text=text)


PLAN_ROW = "목표예산\t1,682\t300\t150\t300\t312\t300\t320"
SPENT_ROW = "집행액\t1,011\t268\t150\t282\t311\t\t"
FUNDING = [
    _fund(55, 2014, "계", "목표예산", 300, "plan", PLAN_ROW), _fund(55, 2014, "계", "목표예산", 150, "plan", PLAN_ROW),
    _fund(55, 2015, "계", "목표예산", 300, "plan", PLAN_ROW), _fund(55, 2016, "계", "목표예산", 312, "plan", PLAN_ROW),
    _fund(59, 2014, "계", "집행액", 268, "executed", SPENT_ROW), _fund(59, 2014, "계", "집행액", 150, "executed", SPENT_ROW),
    _fund(59, 2015, "계", "집행액", 282, "executed", SPENT_ROW), _fund(59, 2016, "계", "집행액", 311, "executed", SPENT_ROW),
    _fund(56, 2015, "국비", "국 비", 200, "plan", "국 비\t1,108\t200\t100\t200\t208\t200\t200"),
    _fund(57, 2015, "시도비", "시 비", 100, "plan", "시 비\t554\t100\t50\t100\t104\t100\t100"),
]


def _plan(doc, line, code, goal, task, project, department, text, description=""):
    return dict(doc_id=doc, line=line, region_code=code, region_name=REGION[code], year=2019, program=project,
                goal=goal, task=task, project=project, department=department, team="", description=description,
                source_text=text)


ONE_PERSON = ('<ul style="list-style-type: none"> ○ 탄생응원 서울 프로젝트 총괄 관리(정책네트워크 구축 및 운영, '
              '방송 등 홍보 총괄) ○ 양성평등정책 계획 수립 및 시행')
PLAN_ITEMS = [
    _plan(SEODAEMUN, 23, "11410", "2. 누구나 누리는 복지서비스 제공", "2-1. 어르신 친화도시 조성", "2-1-1. 어르신일자리 확대",
          "", "2. 누구나 누리는 복지서비스 제공\t2-1. 어르신 친화도시 조성\t2-1-1. 어르신일자리 확대\t"),
    _plan(SEODAEMUN, 24, "11410", "2. 누구나 누리는 복지서비스 제공", "2-1. 어르신 친화도시 조성", "2-1-2. 어르신 돌봄 서비스 확대",
          "", "\t\t2-1-2. 어르신 돌봄 서비스 확대\t"),
    # document text with an HTML fragment: must show as text in the report, never as markup
    {**_plan(SEOUL, 41, "11", "", "", "양성평등담당관 업무", "양성평등담당관", "양 성 평 등 담 당 관\t" + ONE_PERSON,
             description=ONE_PERSON), "year": 2024},
]

ACTIVITIES = [
    # synthetic: one fact recorded under 강원도 고성군's former code, for the lineage (42820 → 51820) test
    dict(doc_id="synthetic_lineage", line=3, region_code="42820", region_name=REGION["42820"], year=2022,
         program="", item="방문상담", measure="건", value=12.0, source_text="방문상담 12건"),
]

DOCUMENTS = [
    dict(doc_id=CASEBOOK, file=f"{CASEBOOK}.txt", sha256="0" * 64, title="2023 지역복지 사업평가 우수사례집",
         publisher="보건복지부", region_code=None, region_name=None, year=2022, as_of=None, encoding="utf-8", n_lines=7189),
    dict(doc_id=SEOUL, file=f"{SEOUL}.txt", sha256="1" * 64, title="여성가족정책실 주요업무보고",
         publisher="서울특별시", region_code="11", region_name="서울특별시", year=2024, as_of="2024-03",
         encoding="utf-8", n_lines=3073),
    dict(doc_id=SEODAEMUN, file=f"{SEODAEMUN}.txt", sha256="2" * 64, title="서대문구 지역사회보장계획 <수정전, 수정후>",
         publisher="서울특별시 서대문구", region_code="11410", region_name="서울특별시 서대문구", year=2019, as_of=None,
         encoding="utf-8", n_lines=210),
    dict(doc_id=GURO, file=f"{GURO}.txt", sha256="3" * 64, title="구로구 드림스타트 공약사업 추진실적",
         publisher="서울특별시 구로구", region_code="11530", region_name="서울특별시 구로구", year=2017, as_of="2017-08",
         encoding="utf-8", n_lines=84),
]

# Region spans (sections) of the casebook: 성남시 has figures in its PART; 연제구's PART is case-study prose
# with no table the extractor can read, so the document covers it without any fact row.
SECTIONS = [
    dict(doc_id=CASEBOOK, line=1438, end_line=2102, region_code="41130", region_name=REGION["41130"], year=2022,
         title="PART Ⅰ- 4 경기도 성남시", source_text="경기도 성남시\nPARTⅠ- 4"),
    dict(doc_id=CASEBOOK, line=3022, end_line=3507, region_code="26470", region_name=REGION["26470"], year=2022,
         title="PART Ⅱ- 1 부산광역시 연제구", source_text="부산광역시 연제구\nPARTⅡ- 1"),
]

QUALITY_FLAGS = [
    dict(doc_id=CASEBOOK, line=2031, table="indicators", kind="rate_mismatch", severity="warning",
         message="printed 307.2% vs computed 307.2%: checked", source_text="복지용구 이용률(%) 85 261.1 307.2"),
    dict(doc_id=SEOUL, line=41, table="plan_items", kind="unparsed_row", severity="info",
         message="row with <ul style> markup not parsed", source_text=ONE_PERSON),
    dict(doc_id=CASEBOOK, line=3445, table="funding", kind="split_unparsed", severity="info",
         message="funding split not read: split item '1인 최대 300천원 한도' not understood",
         source_text="- 조례제정 : 2023. 5. 18.   ※ 포상금액: 신고 1건당 50천원 (1인 최대 300천원 한도)"),
]


def frames() -> dict[str, pd.DataFrame]:
    """The fixture tables, with the contract's columns in order."""
    rows = {"indicators": INDICATORS, "budgets": BUDGETS, "funding": FUNDING, "activities": ACTIVITIES,
            "plan_items": PLAN_ITEMS, "documents": DOCUMENTS, "quality_flags": QUALITY_FLAGS, "sections": SECTIONS}
    out = {}
    for name, cols in TABLES.items():
        df = pd.DataFrame(rows.get(name, []))
        for col in cols:
            if col not in df:
                df[col] = None
        df = df[cols]
        for col in ("target", "actual", "reported_rate", "achievement", "budget_krw", "spent_krw", "execution",
                    "amount_krw", "value"):
            if col in df:
                df[col] = df[col].astype(float)
        if "year" in df:
            df["year"] = df["year"].astype("Int64")
        out[name] = df
    return out


def write_processed(folder: Path) -> Path:
    """Write the fixture tables as Parquet into ``folder`` (created) and return it."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for name, df in frames().items():
        df.to_parquet(folder / f"{name}.parquet", index=False)
    return folder
