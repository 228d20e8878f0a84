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

#: A year as printed in headers and titles: ``2024년``, ``’23년``, ``2023년도``.
YEAR_WORD_RE = re.compile(r"(?:['’‘]\s?(\d{2})|((?:19|20)\d{2}))\s*년도?")

#: Words saying lower is better (an indicator to decrease: 감소, 단축, 이하 …).
DECREASE_RE = re.compile(r"감소|단축|이하|절감|줄이|축소|저감|낮추")

#: A bracketed note in a label saying which way is better (``고독사 발생 건수(감소)``): part of the name,
#: never a unit cell.
DIRECTION_NOTE_RE = re.compile(r"\(\s*(?:감소|증가|상향|하향|유지|단축|확대|축소|↑|↓)\s*\)\s*$")

#: Row labels of a target row and an actual row (year-column 목표/실적 tables).
TARGET_ROW_RE = re.compile(r"^목표(?:치|액|량)?$")
ACTUAL_ROW_RE = re.compile(r"^실적(?:치|액)?$|^집행(?:액)?$")
