"""One vocabulary for the extractors and the schema: money units, total labels, year words, decrease words.

Each concept is defined here once; :mod:`.numbers`, :mod:`.checks`, the indicator and roadmap readers and
:mod:`helpers.schema` (the allowed ``unit`` values of money tables) all read it, so a unit the parser
accepts (``만원``) is a unit the schema accepts. This module imports nothing of the project.
"""

from __future__ import annotations

import re

#: Money units and their value in won (``백만 원`` with a space is folded before lookup).
MONEY_UNITS: dict[str, int] = {"원": 1, "천원": 1_000, "만원": 10_000, "백만원": 1_000_000, "천만원": 10_000_000,
                               "억원": 100_000_000, "조원": 1_000_000_000_000}
#: The ``unit`` values a money row may carry: a money unit, or ``unknown`` when none was stated.
MONEY_UNIT_CHOICES: tuple[str, ...] = (*MONEY_UNITS, "unknown")

#: Count units a figure may carry (activities: people, cases, times, places, households …).
COUNT_UNITS: tuple[str, ...] = ("명", "건", "회", "개소", "가구", "세대", "개", "곳", "호", "대", "시간", "일",
                                "개월", "점", "권", "팀", "기관", "단체", "명분")

#: Labels of total and subtotal rows: 합계, 총계, 소계, 계, 누계, 전체, 총괄 (spaced or not).
TOTAL_RE = re.compile(r"^(?:총\s*계|합\s*계|소\s*계|계|누\s*계|전\s*체|총\s*괄)$|합계|총계|소계")

#: The word after a year's digits in titles and headings: ``년`` or ``회계연도`` (a fiscal year: ``2023회계연도
#: 결산`` dates the settlement below it as the document title's year does).
YEAR_SUFFIX = r"(?:년|회계\s*연도)"

#: A year as printed in headers and titles: ``2024년``, ``’23년``, ``2023년도``.
YEAR_WORD_RE = re.compile(r"(?:['’‘]\s?(\d{2})|((?:19|20)\d{2}))\s*년도?")

#: A header naming the previous year's column (``전년도 예산액``, ``전년 대비``, ``직전 연도``).
#: An org-mode keyword line (``#+TITLE: …``, ``#+CAPTION: …``, ``#+TBLFM: …``): markup, never data; group 1 the
#: keyword, group 2 its value.
ORG_KEY_RE = re.compile(r"^\s*#\+([A-Za-z_]+):\s*(.*?)\s*$")
PRIOR_YEAR_RE = re.compile(r"전년도?|직전\s*연도")

#: Words saying lower is better (an indicator to decrease: 감소, 단축, 이하 …).
DECREASE_RE = re.compile(r"감소|단축|이하|절감|줄이|축소|저감|낮추")

#: A bracketed note in a label saying which way is better (``고독사 발생 건수(감소)``): part of the name,
#: never a unit cell.
DIRECTION_NOTE_RE = re.compile(r"\(\s*(?:감소|증가|상향|하향|유지|단축|확대|축소|↑|↓)\s*\)\s*$")
#: A bracketed note in a label that qualifies the name (a direction, or a count kept as a running total:
#: ``대상 가구(누계)``, ``참여자(연인원)``): part of the name, never a unit cell.
NAME_NOTE_RE = re.compile(r"\(\s*(?:감소|증가|상향|하향|유지|단축|확대|축소|↑|↓|누계|누적|연인원|실인원|연간)\s*\)\s*$")

#: Row labels of a target row and an actual row (year-column 목표/실적 tables).
TARGET_ROW_RE = re.compile(r"^목표(?:치|액|량)?$")
ACTUAL_ROW_RE = re.compile(r"^실적(?:치|액)?$|^집행(?:액)?$")

#: Units of measure beside figures printed in lists and prose (ages, durations, areas, sizes, kinds …).
MEASURE_UNITS: tuple[str, ...] = ("%", "%p", "세", "년", "주", "분", "배", "㎡", "㎢", "km", "kg", "톤", "종", "편",
                                  "칸", "개동", "개교", "개국", "개사", "인", "식", "그릇", "통", "명씩", "주일",
                                  "h")
#: Every unit a figure outside a table may carry (:mod:`.inline_figures`): money, counts, measures.
FIGURE_UNITS: tuple[str, ...] = (*MONEY_UNITS, "천", "백만", "억", *COUNT_UNITS, *MEASURE_UNITS)
#: Large-number words inside one figure (``19억 5,280만원``, ``3만 6천 건``).
MAGNITUDE_WORDS = "조억만천"
#: Particles that may follow a figure's unit (``50%를``, ``2명씩``, ``3개소에서``): the figure stays one.
UNIT_PARTICLES: tuple[str, ...] = ("을", "를", "이", "가", "은", "는", "의", "에", "에서", "에게", "로", "으로", "와",
                                   "과", "씩", "도", "만", "까지", "부터", "이상", "이하", "이내", "미만", "초과",
                                   "내외", "정도", "당", "째", "간", "및", "이며", "으로서", "만큼", "분")
#: What a figure measures, by its unit: the column label of a figure printed outside a table.
UNIT_MEASURES: dict[str, str] = {
    **{u: "금액" for u in MONEY_UNITS}, "%": "비율", "%p": "증감(%p)", "명": "인원", "명분": "인원",
    "명씩": "인원", "인": "인원", "건": "건수", "회": "횟수", "개소": "개소수", "곳": "개소수", "가구": "가구수",
    "세대": "세대수", "주일": "주수", "h": "시간", "개": "개수", "개동": "동수", "개교": "학교수", "팀": "팀수", "기관": "기관수", "시간": "시간",
    "일": "일수", "개월": "개월수", "년": "연수", "주": "주수", "분": "분", "세": "나이", "㎡": "면적", "㎢": "면적",
    "배": "배수", "종": "종수", "편": "편수",
}

#: The count unit a measure word in a column header counts (``인원`` → 명, ``가구수`` → 가구): the reverse of
#: :data:`UNIT_MEASURES` for the count units.
MEASURE_WORD_UNITS: dict[str, str] = {m: u for u, m in reversed(UNIT_MEASURES.items()) if u in COUNT_UNITS}

#: A column counting people by who they are (``참여자 수``, ``이용자 수``, ``수급자수``, ``65세 이상 인구``): its
#: figures count 명.
PERSON_COUNT_RE = re.compile(r"(?:참여자|이용자|수급자|대상자|수혜자|수강생|참가자|인구)\s*수?$")

#: A row naming a month or the months' mean (``1월``, ``12월``, ``월평균``): a period row, like a year row.
MONTH_ROW_RE = re.compile(r"^(?:(?:1[0-2]|0?[1-9])월|월평균)$")

#: A sentence ending inside or at the end of a line (``… 정리하였다. 국공립 …``): the line is prose. A
#: converter that wraps paragraphs at the page width (``w3m -dump``) prints prose in lines as short as a
#: table's header, and a sentence naming 예산 / 집행 / 실적 must not open a table.
SENTENCE_END_RE = re.compile(r"[가-힣](?:다|요)\.(?=\s|$)")
