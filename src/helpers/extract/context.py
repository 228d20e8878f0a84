"""The line model: every line of a document with the context in force where it stands.

Report tables rarely say everything a fact needs: the region sits in a PART title pages earlier, the money
unit in a ``(단위 : 백만원)`` line above the table, the reference date in a section title
(``□ 예산 집행현황('24.3월말 기준)``). :func:`build_contexts` walks the lines once and returns, for each line,
a :class:`LineContext` holding

* ``region`` — switched by PART headers (``PART Ⅰ 경기도 성남시``, or a bare region line next to a
  ``PARTⅠ- 4`` marker) and by headings naming only a region (``Ⅱ. 충청북도 청주시``, ``1. 전라남도 순천시``); table-of-contents entries (dot leaders, page numbers, runs of PART lines) do not
  switch it. Names resolve with the region registry to the code in force in the figures' year.
* ``program`` — 사업명 (program title) from numbered headings (``우수사업 1. 일하는 청년 복지포인트``,
  ``19 서울엄마아빠택시 지원``, ``1-3-1 …``), the title after a PART marker, or the title line just above a
  ``사업 목적`` (purpose) heading.
* ``year`` / ``as_of`` — the year of the figures and the reference date of period-to-date figures
  (``('24.3월말 기준)`` → 2024-03, ``(2022년 9월말 기준 / 단위: 천원)`` → 2022-09); a year-end date
  (``(2023. 12. 31. 기준)``, ``12월 말``) sets the year only (full-year figures); a heading that names a
  year (``※ 2023년 1인가구 안심시행계획 추진실적``) sets the year.
* ``unit`` — the money unit in force (``(단위 : 백만원)``, ``단위: 천원``, a header cell ``예산(백만원)``),
  with ``unit_source`` naming the line it came from; non-money units (``(단위 : 명)``) go to ``count_unit``.

Headings (``□``, Roman numerals, numbered titles, PART) close the scope of a unit, a reference date and a
heading year: these fall back to the document defaults (:class:`~helpers.extract.pipeline.DocContext`,
from the manifest). The manifest ``as_of`` applies only to lines whose year is the manifest year, because a
reference date of 2024-03 says nothing about a table of 2023 results.

Table extractors read the context of a table's header or number line; they never look at line numbers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import TYPE_CHECKING

from .cells import is_cell_row
from .numbers import MONEY_UNITS, normalise_text
from .vocabulary import YEAR_SUFFIX

if TYPE_CHECKING:  # pragma: no cover
    from ..regions import Region
    from .reading import Document
    from .result import DocContext

# -- patterns ------------------------------------------------------------------------------------------

_ROMAN = "ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩⅪⅫ"
#: ``PART Ⅰ 경기도``, ``PARTⅠ- 4``, ``PART Ⅳ- 1  서울특별시 서대문구``: group 1 = number, group 2 = rest.
PART_RE = re.compile(rf"^\s*PART\s*([{_ROMAN}IVX]+(?:\s*-\s*\d+)?)\s*(.*?)\s*$")
#: Table-of-contents entries: dot leaders (``·····``, ``....``, ``…``) usually followed by a page number.
TOC_RE = re.compile(r"(?:[·∙・.…‥]\s*){4,}\s*\d*\s*$|\s{2,}\d{1,3}\s*$")

#: Money unit statements: ``(단위 : 백만원)``, ``단위: 천원``, ``[단위: 억원]``, ``(2022년 9월말 기준 / 단위: 천원)``.
UNIT_RE = re.compile(r"단\s*위\s*[:：]?\s*([^)\]/,]+?)\s*(?:[)\]/,]|$)")
#: Unit inside a header cell: ``예산(백만원)``, ``집행내역(백만원)``, ``금액 (천원)``.
#: The units a unit note lists for a table's columns, comma-separated (``단위: 명, 개소, 천원``).
_UNIT_LIST_RE = re.compile(r"단\s*위\s*[:：]?\s*([^)\]/]*)")
HEADER_UNIT_RE = re.compile(r"\(\s*(천\s*원|백\s*만\s*원|억\s*원|만\s*원|천\s*만\s*원|조\s*원|원)\s*\)")

#: Reference dates: ``'24.3월말 기준``, ``’24. 3월 말 기준``, ``'24.4.5. 기준``, ``2022년 9월말 기준``,
#: ``2024. 3. 31. 기준``.
_YY = r"(?:['’‘`´]\s?(\d{2})|((?:19|20)\d{2}))"
AS_OF_RE = re.compile(
    rf"{_YY}\s*(?:년\s*|\.\s*)(\d{{1,2}})\s*(?:월\s*말?|\.\s*(?:\d{{1,2}}\s*\.?)?\s*(?:일|말)?)\s*(?:현재|기준)")
#: A year named in a heading: ``2023년``, ``’22년도``, ``'24년``, ``2023회계연도``.
YEAR_RE = re.compile(rf"{_YY}\s*{YEAR_SUFFIX}")

#: Heading markers. A heading closes the scope of the unit, reference date and heading year above it.
SECTION_RE = re.compile(rf"^\s*(?:□|■|▣|◆|◇|[{_ROMAN}]\s*\.|(?:I{{1,3}}|IV|V|VI{{1,3}}|IX|X)\s*\.)\s*(\S.*)$")
#: Chapter headings (``III. 예산 현황``, ``Ⅱ. 주요 성과``): they close the program as well.
ROMAN_HEADING_RE = re.compile(rf"^\s*(?:[{_ROMAN}]|I{{1,3}}|IV|V|VI{{1,3}}|IX|X)\s*\.")
#: Sub-headings (``○ 총괄표``, ``※ 2023년 … 추진실적``) can set a year, reference date and unit, but do not
#: reset them.
SUBSECTION_RE = re.compile(r"^\s*(?:○|◦|※|▶|►|<|＜|【|\[)\s*(\S.*)$")

#: A remark defining a notation (``※ 세부사업명의 () : 소관부서명``): a note on the table below, not its title.
_NOTE_RE = re.compile(r"^\s*※[^:：]*[:：]")

#: Numbered program headings: ``우수사업 1. 일하는 청년 복지포인트``, ``1. 마을이 돌보는 …``,
#: ``19 서울엄마아빠택시 지원``, ``1-3-1 권역별 …``, ``1-1. …``; a title may start with a number glued to its
#: noun (``12 1인가구 소셜다이닝``, ``3 3040여성 …``), never a year (``2 2022년 운영계획`` is a chapter).
PROGRAM_RE = re.compile(
    r"^\s*(?:우수\s*사업|사업)\s*\d{1,2}\s*[.)]?\s*(\S.{1,60}?)\s*$"
    r"|^\s*\d{1,2}(?:-\d{1,2}){0,3}\s*[.)]?\s+((?:(?!(?:19|20)?\d\d\s*년)\d{1,4}[가-힣]|[가-힣「『‘“'\"A-Za-z]).{1,58}?)\s*$"
)
#: Headings that name a part of a program description, never a program.
GENERIC_HEADINGS = re.compile(
    r"^(?:사업\s*(?:개요|목적|내용|성과|추진\s*근거|추진\s*체계|모니터링|효과|변경내용.*)|주요\s*(?:내용|성과|사업\s*효과)"
    r"|추진\s*(?:실적|경과|경위|현황|방향|체계|전략|성과|배경.*|계획)|향후\s*(?:계획|개선방안|추진\s*방향)|개선\s*사항|성과.*"
    r"|목차|참고\s*자료.*|예\s*산\s*현\s*황|일반\s*현황"
    # chapter and section titles (시설 현황, 조직 및 인력, 예산 집행 현황 …): status sections, not 사업명
    r"|[^()]*현\s*황(?:\s*\(.*\))?|조\s*직\s*및\s*인\s*력.*|주요\s*업무.*)\s*$")
#: Contact details (☎, phone numbers) mark a report's header line of owner data, not a program title.
_CONTACT_RE = re.compile(r"☎|\b\d{2,4}-\d{3,4}(?:-\d{4})?\b")
#: ``사업 목적`` / ``사업 목적 및 추진근거``: the line above it titles the program.
PURPOSE_RE = re.compile(r"^\s*사업\s*목적")
#: Lines that are bullets or table text, not titles.
_BULLET = re.compile(r"^\s*(?:[-Ÿ∙•·▸▪※*ㅇ○◦➨→⇒]|\(|\d+\)|[①-⑳])")
#: The small patterns of the parsers below, compiled once (the walk runs them on every line).
_WS_RE = re.compile(r"\s+")
_FROM_PAREN_RE = re.compile(r"\(.*")
_DIGIT_RE = re.compile(r"\d")
_INNER_UNIT_RE = re.compile(r"[^()]+\(([^()]+)\)?")
_PARENS_RE = re.compile(r"\([^()]*\)")
_LIST_NUMBER_RE = re.compile(r"^\s*[①-⑳㉑-㉟㊱-㊿㉠-㉻]|^\s*\d{1,2}\)")
_COUNTED_END_RE = re.compile(r"\d[\d,.]*\s*(?:%|명|건|원)\s*$")
_FIGURE_RUN_RE = re.compile(r"\d[\d,]*")
_LEAD_MARKS_RE = re.compile(r"^[^\w가-힣]+")
_HANGUL_WORDS_RE = re.compile(r"[가-힣 ]+")
_LEADER_TAIL_RE = re.compile(r"[·.…]+\s*\d*$")
_BEST_PRACTICE_RE = re.compile(r"^우수\s*사업\s*\d+\s*[.)]?\s*")
_PROGRAM_WORD_RE = re.compile(r"^\s*(?:우수\s*)?사업")
_DATE_NOTE_RE = re.compile(r"\([^()]*(?:기준|현재)\s*[)/]")
#: What a table-of-contents entry ends with (:data:`TOC_RE`): a page number or a dot leader.
_TOC_ENDS = frozenset("·∙・.…‥")


@dataclass(frozen=True, slots=True)
class LineContext:
    """What is in force at one line.

    ``region``: :class:`~helpers.regions.Region` or None (unknown); ``year``: year the figures refer to;
    ``as_of``: ``YYYY-MM`` reference date of period-to-date figures or None; ``unit``: money unit in force
    (``천원``, ``백만원``, ``억원`` …) or None; ``unit_source``: where the unit came from (``"line 99:
    (단위 : 백만원)"`` or ``"manifest"``), empty when ``unit`` is None; ``unit_line``: 1-based line of the
    unit statement (None for the manifest); ``count_unit``: a non-money ``단위`` in force (``명``, ``건``);
    ``program``: 사업명 (program title) or ""; ``section``: the latest heading text or "";
    ``part``: the PART label (``Ⅰ- 4``) or "".
    """

    region: Region | None = None
    year: int | None = None
    as_of: str | None = None
    unit: str | None = None
    unit_source: str = ""
    unit_line: int | None = None
    count_unit: str = ""
    program: str = ""
    section: str = ""
    part: str = ""


# -- small parsers (pure, tested on their own) ---------------------------------------------------------

def _year(two: str | None, four: str | None) -> int:
    return int(four) if four else 2000 + int(two)


def is_toc_line(text: str) -> bool:
    """True for a table-of-contents entry: dot leaders or a trailing page number after wide spacing."""
    end = text.rstrip()[-1:]
    if not end or not (end.isdigit() or end in _TOC_ENDS):
        return False  # neither pattern of TOC_RE can match: a cheap test before the regex
    return bool(TOC_RE.search(text))


def parse_as_of(text: str) -> str | None:
    """The reference date of a ``… 기준`` phrase as ``YYYY-MM``: ``('24.3월말 기준)`` → ``2024-03``.

    ``(2022년 9월말 기준 / 단위: 천원)`` → ``2022-09``; ``('24.4.5. 기준)`` → ``2024-04``.
    """
    m = AS_OF_RE.search(normalise_text(text))
    if not m:
        return None
    month = int(m.group(3))
    if not 1 <= month <= 12:
        return None
    return f"{_year(m.group(1), m.group(2))}-{month:02d}"


def is_year_end(as_of: str | None) -> bool:
    """A reference date at the end of December (``12월 말``, ``2023. 12. 31. 기준``) closes the year: the
    figures are full-year figures, not period-to-date ones."""
    return bool(as_of) and as_of.endswith("-12")



_MONTH_RE = re.compile(r"^(\d{4})-\d{2}$")


def settled_as_of(year, value):
    """``value`` (an ``as_of`` or ``period`` cell) unless it names a month of a year after ``year``: then
    None. The value-level rule of :func:`settle_as_of`, for rows kept as columns."""
    if year is None or isinstance(year, float) and year != year:
        return value
    m = _MONTH_RE.match(str(value or ""))
    return None if m and int(m.group(1)) > int(year) else value


def settle_as_of(row: dict) -> dict:
    """``row`` (a fact row) with its reference month dropped when its own year ended before that month.

    A table dated 2024-03 that prints ``2024년(A)`` and ``2023년(B)`` columns gives rows of both years with
    the table's as-of; the 2023 figure is that year's final one, not a period-to-date figure, so it keeps its
    year and no as-of. Applies to ``as_of`` (budgets, funding) and a month in ``period`` (indicators); a year
    in ``period`` (a roadmap step) and rows without a year are left as they are. Returns the same dict.
    """
    for key in ("as_of", "period"):
        if key in row:
            row[key] = settled_as_of(row.get("year"), row[key])
    return row


#: A dated event in prose: ``○ 2014년 7월 : 사업지역 2개동 확대``, ``○ 2016년 5~6월 : …`` (a year and month, then a colon).
EVENT_DATE_RE = re.compile(r"((?:19|20)\d{2})\s*년\s*\d{1,2}\s*(?:[~∼-]\s*\d{1,2}\s*)?월\s*:")


def event_years(text: str, positions: list[int]) -> list[int | None]:
    """For each character position of ``text`` (normalised), the year of the dated event it belongs to:
    the last ``YYYY년 M월 :`` marker before it, None when there is none (the line's context year holds).

    A chronology on one line (``○ 2013년 5월 : … ○ 2014년 7월 : 사업지역 2개동 확대``) dates each count by
    its own event, not by the document's year.
    """
    marks = [(m.start(), int(m.group(1))) for m in EVENT_DATE_RE.finditer(normalise_text(text))]
    out = []
    for pos in positions:
        before = [y for start, y in marks if start < pos]
        out.append(before[-1] if before else None)
    return out


@lru_cache(maxsize=1 << 12)
def parse_unit(text: str) -> tuple[str | None, str]:
    """The unit a ``단위`` statement or a header cell declares: ``(money_unit, count_unit)``.

    ``(단위 : 백만원)`` → ``("백만원", "")``; ``(단위 : 명)`` → ``(None, "명")``; ``단위: 건(인원)`` →
    ``(None, "건(인원)")`` (cells ``6,461 (828)`` count 건, then 인원); ``예산(백만원)`` →
    ``("백만원", "")``; ``(단위: 명, 개소, 천원)`` (a unit per column kind) → ``("천원", "")``; a line with no
    unit statement → ``(None, "")``.
    """
    s = normalise_text(text)
    m = UNIT_RE.search(s)
    if m:
        word = _WS_RE.sub("", m.group(1))
        if word in MONEY_UNITS:
            return word, ""
        listed = [_WS_RE.sub("", w) for w in _UNIT_LIST_RE.search(s).group(1).split(",")]
        money = [w for w in listed[1:] if w in MONEY_UNITS]
        if len(money) == 1:  # ``(단위: 명, 개소, 천원)``: the units of a table's columns, its money in 천원
            return money[0], ""
        base = _FROM_PAREN_RE.sub("", word)  # 건(인원): the first count is 건, the one in parentheses 인원
        if base in MONEY_UNITS:
            return base, ""
        if base and len(base) <= 6 and not _DIGIT_RE.search(word):
            inner = _INNER_UNIT_RE.fullmatch(word)  # the pattern stops before a closing ``)``
            return None, f"{base}({inner.group(1)})" if inner else base
        return None, ""
    m = HEADER_UNIT_RE.search(s)
    if m:
        return _WS_RE.sub("", m.group(1)), ""
    return None, ""


def heading_year(text: str) -> int | None:
    """The year a heading names (``※ 2023년 1인가구 …`` → 2023), None for none or for a range of years."""
    s = _PARENS_RE.sub(" ", normalise_text(text))  # ``(2020년)`` dates an item, it titles nothing
    years = {_year(m.group(1), m.group(2)) for m in YEAR_RE.finditer(s)}
    if len(years) != 1 or "~" in s:
        return None
    return years.pop()


@lru_cache(maxsize=1 << 14)
def program_title(text: str) -> str | None:
    """The program title of a numbered heading, or None: ``우수사업 1. 일하는 청년 복지포인트`` →
    ``일하는 청년 복지포인트``; ``19 서울엄마아빠택시 지원`` → ``서울엄마아빠택시 지원``.
    (Cached per text: the walk asks it of every line, and of the line before a numbered one.)"""
    if _LIST_NUMBER_RE.match(text):
        return None  # circled numbers and ``1)`` number list items, not titles
    s = normalise_text(text).rstrip()
    if is_toc_line(s) or is_cell_row(s):
        return None
    m = PROGRAM_RE.match(s)
    if not m:
        return None
    title = (m.group(1) or m.group(2)).strip()
    if GENERIC_HEADINGS.match(title) or _COUNTED_END_RE.search(title):
        return None
    if _CONTACT_RE.search(title):
        return None
    if len(_FIGURE_RUN_RE.findall(title)) > 2:  # a row of figures, not a title
        return None
    return title


def _region_text(text: str) -> str:
    """Strip markers around a region name (``❶ 부산광역시``, `` 경기도 성남시``)."""
    s = normalise_text(text).strip()
    s = _LEAD_MARKS_RE.sub("", s)
    return s.strip()


def _is_region_line(text: str, reg, year: int | None) -> Region | None:
    """A line that is nothing but a region name starting with its 시도 (``부산광역시 수영구``)."""
    s = _region_text(text)
    if not s or len(s) > 20 or not _HANGUL_WORDS_RE.fullmatch(s):
        return None
    region = reg.try_resolve(s, year=year)
    if region is None:
        return None
    top = reg.get(region.code[:2]) if len(region.code) > 2 and region.code[:2] in reg.by_code else region
    first = s.split()[0]
    if first not in {top.name, top.short_name} and reg.try_resolve(first, year=year) is not top:
        return None  # a bare 시군구 name (``수영구``) in a table cell is not a PART title
    return region


# -- the walk ------------------------------------------------------------------------------------------

def _part_switches(lines: list[str], reg, year: int | None) -> dict[int, tuple[str, Region]]:
    """Line index → (PART label, region) where the body switches region.

    ``PART Ⅰ 경기도`` switches at its line unless it is a TOC entry or one of a run of PART lines (a
    chapter's list of its parts). A bare ``PARTⅠ- 4`` marker takes the region named on a bare line at
    most four lines before or after it (the chapter cover: `` 경기도 성남시`` / ``PARTⅠ- 4``).
    """
    parts: list[tuple[int, str, str]] = []
    for i, text in enumerate(lines):
        if "PART" not in text:
            continue
        m = PART_RE.match(normalise_text(text))
        if m:
            parts.append((i, _WS_RE.sub("", m.group(1)), m.group(2)))
    switches: dict[int, tuple[str, Region]] = {}
    for i, label, region in _region_headings(lines, reg, year):
        switches[i] = (label, region)
    listed = set()
    for k in range(len(parts) - 1):
        i, _, rest = parts[k]
        j, _, rest2 = parts[k + 1]
        if rest and rest2 and not any(lines[x].strip() for x in range(i + 1, j)):
            listed.update({i, j})  # consecutive PART lines with names: a list of the chapter's parts
    for i, label, rest in parts:
        if i in listed:
            continue
        if rest:
            if is_toc_line(rest):
                continue
            region = reg.try_resolve(_region_text(_LEADER_TAIL_RE.sub("", rest)), year=year)
            if region is not None:
                switches[i] = (label, region)
            continue
        for j in [*range(i - 1, max(-1, i - 5), -1), *range(i + 1, min(len(lines), i + 5))]:
            region = _is_region_line(lines[j], reg, year)
            if region is not None:
                switches[min(i, j)] = (label, region)
                break
    return switches


#: A chapter or numbered heading whose text is a region name: ``Ⅱ. 충청북도 청주시``, ``1. 전라남도 순천시``.
REGION_HEADING_RE = re.compile(rf"^\s*([{_ROMAN}]|I{{1,3}}|IV|V|VI{{1,3}}|IX|X|\d{{1,2}})\s*[.)]\s*([가-힣 ]+?)\s*$")


def _region_headings(lines: list[str], reg, year: int | None) -> list[tuple[int, str, Region]]:
    """``(line index, heading label, region)`` of headings that name nothing but a region starting with its
    시도 (``Ⅱ. 충청북도 청주시``): a report organised by region without PART titles. A run of such headings
    with no other text between them is a table of contents, not a switch."""
    found = []
    for i, text in enumerate(lines):
        if "." not in text and ")" not in text:
            continue
        m = REGION_HEADING_RE.match(normalise_text(text))
        if not m or len(m.group(2)) > 20:
            continue
        region = _is_region_line(m.group(2), reg, year)
        if region is not None:
            found.append((i, m.group(1), region))
    listed = {i for k, (i, _, _) in enumerate(found) for j, _, _ in found[k + 1:k + 2]
              if not any(lines[x].strip() for x in range(i + 1, j))}
    listed |= {j for k, (i, _, _) in enumerate(found) for j, _, _ in found[k + 1:k + 2]
               if not any(lines[x].strip() for x in range(i + 1, j))}
    return [f for f in found if f[0] not in listed]


#: A heading number printed alone on its line (``5``), its title on the next lines.
BARE_NUMBER_RE = re.compile(r"^\s*\d{1,2}\s*$")


def _title_like(text: str) -> bool:
    """A short line that can be (part of) a program title: not a bullet, cell row, PART, generic heading,
    TOC entry or contact line."""
    cand = normalise_text(text).strip()
    return bool(cand) and not (_BULLET.match(cand) or is_cell_row(cand) or len(cand) > 60 or PART_RE.match(cand)
                               or SECTION_RE.match(cand) or GENERIC_HEADINGS.match(cand) or is_toc_line(cand)
                               or _CONTACT_RE.search(cand) or BARE_NUMBER_RE.match(cand))


def _split_headings(lines: list[str]) -> dict[int, str]:
    """Line index → program title for headings printed as a number line and title line(s) apart:
    ``5`` / ``재미 · 안전 · 돌봄까지 책임지는`` / ``서울형 키즈카페 확충`` / owner line with ``☎``.

    The number must stand alone, followed (blank lines aside) by at most two title-like lines and then the
    owner/contact line (``☎``) or a ``□`` heading; the title is the last title line (a first line is the
    slogan above it). A bare number not followed that way (a page number) titles nothing.
    """
    found: dict[int, str] = {}
    for i, text in enumerate(lines):
        if not BARE_NUMBER_RE.match(text):
            continue
        nxt = [j for j in range(i + 1, min(len(lines), i + 9)) if lines[j].strip()][:3]
        titles = []
        for j in nxt:
            cand = normalise_text(lines[j]).strip()
            if _CONTACT_RE.search(cand) or (SECTION_RE.match(cand) and titles):
                break
            if not _title_like(cand):
                titles = []
                break
            titles.append(j)
        else:
            titles = []
        if titles and len(titles) <= 2:
            j = titles[-1]
            found[j] = program_title(lines[j]) or normalise_text(lines[j]).strip()
    return found


def _program_lines(lines: list[str]) -> dict[int, str]:
    """Line index → program title, for titles that are not numbered on their line: the line above
    ``사업 목적``, the first line after a bare PART marker, and split headings (:func:`_split_headings`)."""
    found: dict[int, str] = _split_headings(lines)
    for i, text in enumerate(lines):
        if PURPOSE_RE.match(text) or (PART_RE.match(text) and not PART_RE.match(text).group(2)):
            rng = range(i - 1, max(-1, i - 3), -1) if PURPOSE_RE.match(text) else range(i + 1, min(len(lines), i + 3))
            for j in rng:
                cand = normalise_text(lines[j]).strip()
                if not cand:
                    continue
                if (_BULLET.match(cand) or is_cell_row(cand) or len(cand) > 60 or PART_RE.match(cand)
                        or GENERIC_HEADINGS.match(cand) or is_toc_line(cand)):
                    break
                found[j] = program_title(cand) or _BEST_PRACTICE_RE.sub("", cand)
                break
    return found


_LAST: dict[tuple, list[LineContext]] = {}


def build_contexts(doc: Document, doc_ctx: DocContext) -> list[LineContext]:
    """One :class:`LineContext` per line of ``doc`` (index 0 = line 1), starting from ``doc_ctx``'s defaults.

    Consecutive lines share one object while nothing changes, so the list costs little memory. The last
    document's contexts are kept, so every extractor of one document shares a single walk.
    """
    key = (doc.doc_id, doc.sha256, doc_ctx.region.code if doc_ctx.region else None, doc_ctx.year,
           doc_ctx.as_of, doc_ctx.unit)
    if key not in _LAST:
        _LAST.clear()
        _LAST[key] = _build(doc, doc_ctx)
    return _LAST[key]


def _build(doc: Document, doc_ctx: DocContext) -> list[LineContext]:
    lines = doc.lines
    reg = doc_ctx.registry
    default_year = doc_ctx.year
    default_unit = doc_ctx.unit
    switches = _part_switches(lines, reg, default_year)
    titles = _program_lines(lines)

    def base_as_of(year: int | None) -> str | None:
        if doc_ctx.as_of and (year is None or default_year is None or year == default_year):
            return doc_ctx.as_of
        return None

    def defaults(ctx: LineContext) -> LineContext:
        """The context after a heading: unit, reference date and heading year back to the document's."""
        return replace(ctx, year=default_year, as_of=base_as_of(default_year), unit=default_unit,
                       unit_source="manifest" if default_unit else "", unit_line=None, count_unit="")

    ctx = defaults(LineContext(region=doc_ctx.region))
    out: list[LineContext] = []
    program_line = -10**9
    for i, raw in enumerate(lines):
        if not raw.strip():
            out.append(ctx)
            continue
        text = normalise_text(raw)
        new = ctx
        if i in switches:
            label, region = switches[i]
            if region != new.region:
                # a program titled just above the part's first page header belongs to the new part
                keep = new.program if i - program_line <= 40 else ""
                new = defaults(replace(new, region=region, part=label, program=keep, section=""))
            # the same region again is a running page header (``PART Ⅰ 경기도`` on every page): no reset
        title = None if i in switches else (titles.get(i) or program_title(raw))  # a region heading titles no program
        if title and i not in titles and not _PROGRAM_WORD_RE.match(text):
            # a plain numbered line is a title only when it stands alone (a blank line after it);
            # numbered rows of a list or table follow one another
            if i + 1 < len(lines) and lines[i + 1].strip():
                title = None
            # the last entry of a list of numbered titles (a table of contents) has a blank line after it,
            # but the entry before it is a numbered line too
            elif i > 0 and lines[i - 1].strip() and program_title(lines[i - 1]):
                title = None
        section_m, sub_m = SECTION_RE.match(text), SUBSECTION_RE.match(text)  # each matched once per line
        if title:
            new = defaults(replace(new, program=title, section=""))
            program_line = i
        else:
            m = section_m
            if m and not is_cell_row(text) and not is_toc_line(text):
                new = defaults(replace(new, section=m.group(1).strip()))
                if ROMAN_HEADING_RE.match(text):
                    new = replace(new, program="")  # a chapter (``III. 예산 현황``) closes the program
            elif sub_m and not is_cell_row(text) and len(text) < 80 and not _NOTE_RE.match(text):
                new = replace(new, section=sub_m.group(1).strip())
        is_heading = bool(title or section_m or sub_m)
        if ("기준" in text or "현재" in text) and (is_heading or len(text.strip()) <= 20
                                                   or _DATE_NOTE_RE.search(text)):
            # a reference date in a title or a parenthesised note, not one quoted in running prose
            as_of = parse_as_of(text)
            if as_of:  # a year-end date (12월 말) dates full-year figures: the year, no as-of
                new = replace(new, as_of=None if is_year_end(as_of) else as_of, year=int(as_of[:4]))
        sub = sub_m if is_heading and not title and not section_m else None
        if new is not ctx and is_heading and ":" not in text and (sub is None or YEAR_RE.match(sub.group(1))):
            # a sub-heading's year counts only when it leads (``※ 2023년 … 추진실적``): a bullet sentence
            # mentioning a year (``○ 호봉제 도입 … 2020년 시행``) is no title
            y = heading_year(text)
            if y is not None and parse_as_of(text) is None:
                new = replace(new, year=y, as_of=new.as_of if new.as_of and int(new.as_of[:4]) == y
                              else base_as_of(y))
        if "단" in text or "(" in text:
            money, count = parse_unit(text)
            if money:
                new = replace(new, unit=money, unit_source=f"line {i + 1}: {text.strip()[:60]}", unit_line=i + 1)
            elif count:
                new = replace(new, count_unit=count)
        if new is not ctx and new != ctx:
            ctx = new
        out.append(ctx)
    return out
