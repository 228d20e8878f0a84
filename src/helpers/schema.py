"""The field dictionary: the single source of truth for every processed table's columns.

Each field has a type, a description, a unit (where it has one) and its Korean label; each table lists its
fields in output order and its key. The extractor orders its output by these lists, the loaders validate
against the pandera models built from them (``helpers.validation``), and ``docs/data_dictionary.md`` is
generated from them. Names and columns follow docs/ARCHITECTURE (the processed-table contract).
"""

from __future__ import annotations

from dataclasses import dataclass

from .extract.vocabulary import MONEY_UNIT_CHOICES


@dataclass(frozen=True)
class Field:
    """One column: ``dtype`` is one of str, int, float, bool; ``unit`` is empty when the column has none."""

    name: str
    dtype: str
    description: str
    korean: str
    unit: str = ""
    example: str = ""
    nullable: bool = True


def _f(name, dtype, description, korean, unit="", example="", nullable=True) -> Field:
    return Field(name, dtype, description, korean, unit, example, nullable)


FIELDS: dict[str, Field] = {f.name: f for f in [
    # provenance, on every fact row
    _f("doc_id", "str", "Raw file stem the row was read from", "문서 ID", example="seoul_2024_women_family_report", nullable=False),
    _f("line", "int", "1-based line of the row's numbers in the raw file (sections: first line of the span)", "행 번호", example="1666", nullable=False),
    _f("region_code", "str", "2-digit 시도 or 5-digit 시군구 code in force in `year` (행정표준코드 style)", "지역코드", example="11410"),
    _f("region_name", "str", "Official full region name", "지역명", example="서울특별시 서대문구"),
    _f("year", "int", "Year the figures refer to", "연도", example="2023"),
    _f("program", "str", "사업명 the row belongs to (may be empty)", "사업명", example="서울엄마아빠택시 지원"),
    _f("source_text", "str", "The raw line(s) the row was read from", "원문", example="지원 영아 50,000명 34,265명 68.5%"),
    _f("source_ref", "str", "Where a fact from a native document (HWPX/HWP/PDF) sits in the original file: page (PDF), table, row and, when one cell holds the fact's number, column, all 1-based; empty for text documents", "원본 위치", example="p.3 표2 4행 3열"),
    # indicators
    _f("indicator", "str", "Performance indicator (성과지표) name", "성과지표", example="지원 영아"),
    _f("unit", "str", "Unit as printed (명, 건, %, 개소 …; money: 원/천원/백만원/억원/unknown)", "단위", example="명"),
    _f("target", "float", "Target value (목표치) in `unit`; empty when not a number (kept in source_text)", "목표", example="50000"),
    _f("actual", "float", "Actual value (실적) in `unit`", "실적", example="34265"),
    _f("reported_rate", "float", "Rate as printed in the document", "보고 비율", unit="%", example="68.5"),
    _f("achievement", "float", "Computed achievement: actual/target×100 (target/actual×100 when lower is better)", "달성률(계산)", unit="%", example="68.5"),
    _f("direction", "str", "increase when higher is better, decrease when lower is better (감소, 단축, 이하)", "방향", example="increase"),
    _f("period", "str", "Period the figure covers when narrower than the year or a roadmap year (e.g. 2015, 2024-03)", "기간", example="2015"),
    _f("formula", "str", "Indicator formula (지표산식) as printed", "지표산식", example="(실적/목표치)×100"),
    _f("data_source", "str", "Data source (자료원) as printed", "자료원", example="사업결과 보고서"),
    # budgets
    _f("scope", "str", "Grouping the row belongs to: department, institution, table title (budgets); the plan, table or section heading the indicator is reported under (indicators), so a figure says which plan it covers", "구분", example="양성평등담당관"),
    _f("item", "str", "Row label as printed (budget line, 세부사업, activity)", "항목", example="여성발전센터 운영"),
    _f("flow", "str", "expenditure (세출/집행) or revenue (세입/수입)", "수입/지출", example="expenditure"),
    _f("basis", "str", "What the budget figure is: 예산현액, 예산액, 목표예산, 소요예산 …", "예산 기준", example="예산현액"),
    _f("budget_krw", "float", "Budget amount in won", "예산", unit="원", example="8279000000"),
    _f("spent_krw", "float", "Spent (집행/지출) or collected (수입) amount in won", "집행", unit="원", example="3179000000"),
    _f("execution", "float", "Computed execution rate: spent/budget×100 (집행률 / 징수율)", "집행률(계산)", unit="%", example="38.4"),
    _f("as_of", "str", "Reference date of period-to-date figures, YYYY-MM (empty = full period)", "기준일", example="2024-03"),
    _f("is_total", "bool", "True for total and subtotal rows (합계/총계/계/소계)", "합계 여부", example="False"),
    # funding
    _f("source", "str", "Funding source, normalised: 국비/시도비/시군구비/기금/민간/기타 (계 for a total)", "재원", example="국비"),
    _f("source_label", "str", "Funding source as printed", "재원(원문)", example="국 비"),
    _f("amount_krw", "float", "Amount in won", "금액", unit="원", example="1108000000"),
    _f("stage", "str", "plan (예산/계획) or executed (집행)", "단계", example="plan"),
    # activities
    _f("measure", "str", "What is counted: 횟수/실인원/연인원/명/건 …", "측정 단위", example="실인원(건)"),
    _f("value", "float", "The count (activities); the figure as printed, in `unit` (table_cells)", "값", example="15"),
    # table_cells
    _f("table_id", "str", "Table within the document: `t` + 1-based first line of the table (header included); `p` + first line of a list or paragraph of figures outside tables", "표 ID", example="t1666", nullable=False),
    _f("row", "int", "0-based body row of the cell in its table", "행", example="2", nullable=False),
    _f("col", "int", "0-based column of the cell in its table", "열", example="3", nullable=False),
    _f("row_label", "str", "Text cells before the row's first figure", "행 제목", example="일반회계"),
    _f("column_label", "str", "Header path of the cell's column, levels joined with ` › `", "열 제목", example="2023년 › 예산액"),
    _f("fact_table", "str", "Typed table whose fact on this line holds this figure (indicators, budgets, funding, activities); empty when none", "사용 테이블", example="budgets"),
    # plan_items
    _f("goal", "str", "전략목표 (strategic goal)", "전략목표", example="1. 쉽게 찾는 복지시스템 구축"),
    _f("task", "str", "핵심과제 (core task)", "핵심과제", example="1-1. 주민밀착형 복지전달체계 강화"),
    _f("project", "str", "세부사업 (detailed project)", "세부사업", example="1-1-1. 권역별 민관협업사례관리단 운영"),
    _f("department", "str", "담당부서 (department in charge)", "담당부서", example="복지정책과"),
    _f("team", "str", "담당팀 (team in charge)", "담당팀", example="희망복지팀"),
    _f("description", "str", "Free text describing the item", "설명"),
    # table_index
    _f("line_end", "int", "1-based last line of the table (header rows included)", "끝 행", example="1449"),
    _f("layout", "str", "How the table is printed: tab, pipe, spaces (2+ spaces, cells placed by position), single (single spaces, figures at the end), cells (one cell per line), html; `+label` when row labels stand on a line of their own above their values", "배치", example="tab"),
    _f("header", "str", "The table's column labels (header paths, levels joined with ` › `), joined with ` | `", "열 제목 목록", example="계 | 4급 관리자 교육 | 5급 이하 직원 교육"),
    _f("n_rows", "int", "Body rows of the table", "본문 행 수", example="2"),
    _f("n_cells", "int", "Rows of table_cells the table's figures became", "셀 수", example="10"),
    _f("fact_tables", "str", "Typed tables that used the table's figures, comma-joined; empty when none (the table then has an unrecognised_table flag)", "사용 테이블 목록", example="activities"),
    # contacts
    _f("role", "str", "Office or role a telephone number reaches, as printed without the person's name (spaces folded)", "부서·직위", example="양성평등일자리팀장"),
    _f("phone", "str", "Telephone number as printed: a full number, or an extension of the line's full number (short)", "전화번호", example="1234-5005"),
    # documents
    _f("file", "str", "Raw file name", "파일", example="seoul_2024_women_family_report.txt", nullable=False),
    _f("format", "str", "Format of the raw file: txt, hwpx, hwp or pdf (native formats are converted to data/interim first)", "형식", example="hwpx"),
    _f("url", "str", "Where the document was obtained (manifest `url`)", "출처 URL", example="https://www.example.go.kr/board/123"),
    _f("sha256", "str", "SHA-256 of the raw file's bytes", "해시", example="9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", nullable=False),
    _f("title", "str", "Title: the document's (documents), or the PART/section heading of a region span (sections)", "제목"),
    _f("publisher", "str", "Publisher (text or manifest)", "발행기관"),
    _f("encoding", "str", "Detected text encoding (utf-8, utf-8-sig, cp949)", "인코딩", example="utf-8"),
    _f("n_lines", "int", "Number of lines in the raw file", "행 수"),
    _f("n_indicators", "int", "Rows extracted into indicators", "지표 행 수"),
    _f("n_budgets", "int", "Rows extracted into budgets", "예산 행 수"),
    _f("n_funding", "int", "Rows extracted into funding", "재원 행 수"),
    _f("n_activities", "int", "Rows extracted into activities", "활동 행 수"),
    _f("n_plan_items", "int", "Rows extracted into plan_items", "계획 행 수"),
    _f("n_sections", "int", "Region spans of the document (sections rows)", "구간 수"),
    # sections
    _f("end_line", "int", "1-based last line of the region span", "끝 행", example="3507"),
    _f("n_quality_flags", "int", "Quality flags raised for the document", "품질 플래그 수"),
    _f("error", "str", "Why the document could not be read (empty when it was)", "오류"),
    # quality_flags
    _f("table", "str", "Table the flag concerns (or 'document')", "테이블", example="budgets"),
    _f("kind", "str", "rate_mismatch, total_mismatch, unit_unknown, unit_inferred, region_unknown, unparsed_row, role_corrected, unrecognised_table, …", "유형", example="rate_mismatch"),
    _f("severity", "str", "info, warning or error", "심각도", example="warning"),
    _f("message", "str", "What is wrong and where it came from", "내용"),
]}

PROVENANCE = ["doc_id", "line", "region_code", "region_name", "year", "program", "source_text"]

TABLES: dict[str, list[str]] = {
    "indicators": PROVENANCE[:-1] + ["scope", "indicator", "unit", "target", "actual", "reported_rate", "achievement",
                                     "direction", "period", "formula", "data_source", "source_text", "source_ref"],
    "budgets": PROVENANCE[:-1] + ["scope", "item", "flow", "basis", "budget_krw", "spent_krw", "reported_rate",
                                  "execution", "as_of", "unit", "is_total", "source_text", "source_ref"],
    "funding": PROVENANCE[:-1] + ["source", "source_label", "amount_krw", "stage", "unit", "source_text", "source_ref"],
    "activities": PROVENANCE[:-1] + ["item", "measure", "value", "source_text", "source_ref"],
    "plan_items": PROVENANCE[:-1] + ["goal", "task", "project", "department", "team", "description", "source_text", "source_ref"],
    "table_index": ["doc_id", "table_id", "line", "line_end", "layout", "header", "n_rows", "n_cells", "fact_tables"],
    # no source_text: an owner line holds personal names (helpers.extract.contacts)
    "contacts": PROVENANCE[:-1] + ["department", "role", "phone", "source_ref"],
    "sections": ["doc_id", "line", "end_line", "region_code", "region_name", "year", "title", "source_text"],
    "documents": ["doc_id", "file", "format", "url", "sha256", "title", "publisher", "region_code", "region_name", "year", "as_of",
                  "encoding", "n_lines", "n_indicators", "n_budgets", "n_funding", "n_activities", "n_plan_items",
                  "n_sections", "n_quality_flags", "error"],
    "quality_flags": ["doc_id", "line", "table", "kind", "severity", "message", "source_text"],
    "table_cells": ["doc_id", "line", "table_id", "row", "col", "row_label", "column_label", "value", "unit",
                    "fact_table", "source_text"],
}

#: Columns added after tables had been written without them (``source_ref`` of native documents, the
#: documents' ``format`` and ``url``, the indicators' ``scope``): a table lacking them (older processed data, hand-made fixtures)
#: is read with them empty instead of being refused.
OPTIONAL_COLUMNS = ("source_ref", "format", "url", "scope")

FACT_TABLES = ("indicators", "budgets", "funding", "activities", "plan_items")
#: Tables that say which regions a document covers (fact or not): the fact tables plus ``sections``.
COVERAGE_TABLES = (*FACT_TABLES, "sections")

#: Allowed values of categorical columns.
CHOICES: dict[str, tuple[str, ...]] = {
    "direction": ("increase", "decrease"),
    "flow": ("expenditure", "revenue"),
    "stage": ("plan", "executed"),
    "source": ("국비", "시도비", "시군구비", "기금", "민간", "기타", "계"),
    "severity": ("info", "warning", "error"),
    "format": ("txt", "hwpx", "hwp", "pdf"),
}

#: Money units a money row may carry (``만원`` included): the parser's own list, defined once.
MONEY_UNITS = MONEY_UNIT_CHOICES


def columns(table: str) -> list[str]:
    """Output column order of ``table``."""
    return list(TABLES[table])


def dtype_of(column: str) -> str:
    """The declared type of a column (str, int, float, bool)."""
    return FIELDS[column].dtype

#: Value rules beyond the type, used by the pandera schemas (``helpers.validation``) and the data dictionary.
#: ``range`` is (min, max), either end None; ``pattern`` a full-match regex; ``signed`` marks amounts that may
#: be negative only where the document printed a minus (``△``/``▲``/``-``) in ``source_text``.
RULES: dict[str, dict] = {
    "line": {"range": (1, None)},
    "end_line": {"range": (1, None)},
    "year": {"range": (1950, 2100)},
    "region_code": {"pattern": r"\d{2}|\d{5}"},
    "as_of": {"pattern": r"\d{4}-(0[1-9]|1[0-2])"},
    "sha256": {"pattern": r"[0-9a-f]{64}"},
    "budget_krw": {"signed": True},
    "spent_krw": {"signed": True},
    "amount_krw": {"signed": True},
    "value": {"signed": True},
    "target": {"signed": True},
    "actual": {"signed": True},
    "n_lines": {"range": (0, None)},
    "n_indicators": {"range": (0, None)},
    "n_budgets": {"range": (0, None)},
    "n_funding": {"range": (0, None)},
    "n_activities": {"range": (0, None)},
    "n_plan_items": {"range": (0, None)},
    "n_sections": {"range": (0, None)},
    "n_quality_flags": {"range": (0, None)},
    "line_end": {"range": (1, None)},
    "n_rows": {"range": (0, None)},
    "n_cells": {"range": (0, None)},
    "row": {"range": (0, None)},
    "col": {"range": (0, None)},
}

#: Allowed values of a column within one table only (``unit`` is free text in indicators, a money unit here).
TABLE_CHOICES: dict[tuple[str, str], tuple[str, ...]] = {
    ("budgets", "unit"): MONEY_UNITS,
    ("funding", "unit"): MONEY_UNITS,
    ("table_cells", "fact_table"): ("indicators", "budgets", "funding", "activities", "plan_items"),
}
