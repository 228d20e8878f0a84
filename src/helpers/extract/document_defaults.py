"""Document defaults stated by the text (문서 기본값): title, default region, year and reference date.

Users add documents without a manifest entry; the text then has to say what the manifest would have:

* ``title`` — the cover: the first short lines before the first heading, table or PART line
  (`` 서울시아동자립지원사업단``; ``주요업무보고`` / ``2024. 4.`` / ``여성가족정책실``), the report date and
  contact lines left out. With no cover the first heading's text (``1. 비전, 전략목표, 핵심과제``) is taken.
* ``region`` — a region named at the start of a title word (``서울시아동자립지원사업단`` → 서울특별시; a 시도
  followed by one of its 시군구, ``강원특별자치도 춘천시``, names the 시군구);
  otherwise the region names used in the text as words (``서울특별시 구로구``, ``구로구 모든 취약계층``,
  ``서대문구 전체를``): when one 시도 holds nearly all of them, the default is that 시도, or its single
  시군구 when only one is named. Names resolve through :mod:`helpers.regions` and count only when
  unambiguous (중구, 서구 name several regions). A document whose PART titles name several regions
  (``PART Ⅰ 경기도 성남시`` …) is about many regions and keeps no default.
* ``year`` — the year the text's year mentions (``'24``, ``2024년``) name most, when it holds 40% of them
  and half again as many as the next year; otherwise the cover's year (``2022년 운영 보고``, the report date ``2024. 4.``, ``'22년도``), then
  the year of the reference date.
* ``as_of`` — the most frequent reference date of ``(… 기준)`` phrases (``('24. 3월말 기준)`` → ``2024-03``),
  kept only when it falls in the default year and is not a lone date among others (one table's date);
  a document of many PARTs keeps none.

Each value comes with the line it was read from (``evidence``), for the conflict flags of the pipeline: the
manifest fills gaps and wins on conflict (:func:`helpers.extract.pipeline.document_context`).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from .cells import is_cell_row
from .context import (
    PART_RE,
    ROMAN_HEADING_RE,
    SECTION_RE,
    _part_switches,
    is_toc_line,
    is_year_end,
    parse_as_of,
)
from .numbers import normalise_text
from .vocabulary import ORG_KEY_RE, YEAR_SUFFIX

#: How many lines the cover may span, and how many cover lines make the title.
COVER_LINES = 12
TITLE_LINES = 3
#: A report date on the cover: ``2024. 4.``, ``2024. 4. 5.``, ``2024년 4월``.
REPORT_DATE_RE = re.compile(r"^\s*((?:19|20)\d{2})\s*(?:\.\s*\d{1,2}\s*\.?(?:\s*\d{1,2}\s*\.?)?|년\s*\d{1,2}\s*월)\s*$")
#: Year mentions: ``2024년``, ``’24년``, ``'22년도``, ``'24.3월말``.
YEAR_MENTION_RE = re.compile(r"(?:['’‘`´]\s?(\d{2})|(?<!\d)((?:19|20)\d{2}))\s*(?:"
                             + YEAR_SUFFIX + r"|\.\s*\d{1,2}\s*(?:월|\.))")
#: Contact details and numbered list lines are not a cover.
_CONTACT_RE = re.compile(r"☎|\d{2,4}-\d{3,4}")
_NUMBERED_RE = re.compile(r"^\s*\d{1,2}(?:-\d{1,2}){0,3}\s*[.)]?\s+(\S.*)$")
_BULLET_RE = re.compile(r"^\s*(?:[-Ÿ∙•·▸▪※*ㅇ○◦➨→⇒<]|\(|[①-⑳])")
#: Particles and suffixes glued to a region name in running text (``구로구의``, ``서대문구청``, ``서울형``).
_SUFFIXES = ("", "의", "에", "에서", "은", "는", "이", "가", "을", "를", "와", "과", "도", "청", "민", "내", "형",
             "에서는", "에는", "으로", "로")
#: A name ending as a region's does (a prefix of a title word that can be one), a 시군구 name, a Korean word.
_REGION_END_RE = re.compile(r"(?:특별시|광역시|자치시|자치도|시|도|군|구)$")
_LOCAL_NAME_RE = re.compile(r"[가-힣]{1,6}(?:시|군|구)")
_HANGUL_WORD_RE = re.compile(r"[가-힣]{2,}")
#: Share of the region mentions one 시도 must hold to be the document's region.
REGION_SHARE = 0.9
#: Share of the year mentions the most frequent year must hold to be the document's year, and how many
#: times the next year's count (a history of 2013–2017 events names no single year).
YEAR_SHARE = 0.4
YEAR_MARGIN = 1.5


@dataclass
class Detected:
    """What the text states about the whole document; ``evidence`` maps a field to ``"line N: text"``."""

    title: str | None = None
    region: object | None = None  # helpers.regions.Region
    year: int | None = None
    as_of: str | None = None
    evidence: dict[str, str] = field(default_factory=dict)


def _year(two: str | None, four: str | None) -> int:
    return int(four) if four else 2000 + int(two)


def _where(i: int, text: str) -> str:
    return f"line {i + 1}: {text.strip()[:60]}"


def _unmarked(raw: str) -> str | None:
    """A line's text without org-mode keyword markup: the value of ``#+TITLE:``, None for any other
    ``#+KEY:`` line (never cover text), the line itself otherwise."""
    m = ORG_KEY_RE.match(raw)
    if not m:
        return raw
    return m.group(2) if m.group(1).upper() == "TITLE" and m.group(2) else None


def cover(lines: list[str]) -> list[tuple[int, str]]:
    """The cover lines ``(index, text)``: short unmarked lines before the first heading, table, PART or
    prose line. Report dates (``2024. 4.``) are kept here (they date the document) and left out of the
    title by :func:`title_of`."""
    out: list[tuple[int, str]] = []
    for i, raw in enumerate(lines[: COVER_LINES * 4]):
        raw = _unmarked(raw)
        if raw is None:
            continue  # ``#+DATE: …``: markup
        s = normalise_text(raw).strip()
        if not s:
            continue
        if (is_cell_row(raw) or PART_RE.match(s) or SECTION_RE.match(s) or ROMAN_HEADING_RE.match(s)
                or _NUMBERED_RE.match(s) or _BULLET_RE.match(s) or is_toc_line(s) or ":" in s or len(s) > 40):
            if _CONTACT_RE.search(s) and not out:
                continue  # an owner line (``1-3-1 … 어르신청소년과 ☎860-2233``) above the title
            break
        out.append((i, s))
        if len(out) >= COVER_LINES:
            break
    return out


def title_of(lines: list[str]) -> tuple[str | None, str]:
    """The title and its evidence: the cover lines but the report date, or the first heading's text."""
    words = [(i, s) for i, s in cover(lines) if not REPORT_DATE_RE.match(s)][:TITLE_LINES]
    if words:
        return " ".join(_unmarked(lines[i]).strip() for i, _ in words), _where(words[0][0], words[0][1])
    for i, raw in enumerate(lines[: COVER_LINES * 4]):
        s = normalise_text(raw).strip()
        m = _NUMBERED_RE.match(s) or SECTION_RE.match(s)
        if m and not is_cell_row(raw) and not _CONTACT_RE.search(s):
            return m.group(1).strip()[:80], _where(i, s)
    return None, ""


class _Names:
    """Region names of the registry as words (official names, short names, aliases), resolved once."""

    def __init__(self, reg, year: int | None):
        self.reg, self.year = reg, year
        self._cache: dict[str, object | None] = {}
        self._by_word: dict[str, object | None] = {}
        self.words = {n for n in reg.aliases} | {r.short_name for r in reg.by_code.values()} \
            | {r.name for r in reg.by_code.values() if " " not in r.name}

    def region(self, word: str):
        """The region a word names (with a glued particle), or None (unknown or ambiguous). Cached per word:
        a document repeats its words (every line of it is read)."""
        try:
            return self._by_word[word]
        except KeyError:
            found = self._by_word[word] = self._region(word)
            return found

    def _region(self, word: str):
        for suffix in _SUFFIXES:
            if suffix and not word.endswith(suffix):
                continue
            stem = word[: len(word) - len(suffix)] if suffix else word
            if len(stem) >= 2 and stem in self.words:
                if stem not in self._cache:
                    self._cache[stem] = self.reg.try_resolve(stem, year=self.year)
                return self._cache[stem]
        return None

    def prefix_region(self, word: str):
        """A region whose full name starts a title word (``서울시아동자립지원사업단`` → 서울특별시)."""
        for n in range(len(word), 1, -1):
            stem = word[:n]
            if stem in self.words and _REGION_END_RE.search(stem):
                return self.reg.try_resolve(stem, year=self.year)
        return None


def _sido(reg, region) -> str:
    return region.code[:2]


def region_of(lines: list[str], reg, year: int | None, title: str | None, title_where: str,
              multi: bool = False):
    """The default region and its evidence (see the module docstring), or ``(None, "")``; ``multi``: the
    document's PARTs name several regions."""
    if multi:
        return None, ""  # a document about many regions, one per PART
    names = _Names(reg, year)
    words = (title or "").split()
    for k, word in enumerate(words):
        found = names.region(word) or names.prefix_region(word)
        if found is not None:
            if len(found.code) == 2 and k + 1 < len(words):
                # ``강원특별자치도 춘천시``: a 시도 word followed by one of its 시군구 names the 시군구
                local = reg.try_resolve(words[k + 1], year=year, parent=found.code) \
                    if _LOCAL_NAME_RE.fullmatch(words[k + 1]) else None
                if local is not None and len(local.code) > 2 and local.code[:2] == found.code[:2]:
                    return local, title_where
            return found, title_where
    mentions: list[tuple[object, int]] = []
    for i, raw in enumerate(lines):
        for word in _HANGUL_WORD_RE.findall(raw):
            found = names.region(word)
            if found is not None:
                mentions.append((found, i))
    if not mentions:
        return None, ""
    by_sido = Counter(_sido(reg, r) for r, _ in mentions)
    sido, n = by_sido.most_common(1)[0]
    if n / len(mentions) < REGION_SHARE:
        return None, ""
    local = {r.code for r, _ in mentions if len(r.code) > 2 and r.code[:2] == sido}
    if len(local) == 1:
        code = local.pop()
        region, i = next((r, i) for r, i in mentions if r.code == code)
    else:
        region = reg.try_resolve(sido, year=year)
        i = next(i for r, i in mentions if r.code[:2] == sido)
    return region, _where(i, lines[i])


def year_of(lines: list[str], cover_lines: list[tuple[int, str]]) -> tuple[int | None, str]:
    """The default year and its evidence (see the module docstring)."""
    counts: Counter = Counter()
    first: dict[int, int] = {}
    for i, raw in enumerate(lines):
        if "년" not in raw and "." not in raw:
            continue
        for m in YEAR_MENTION_RE.finditer(normalise_text(raw)):
            y = _year(m.group(1), m.group(2))
            counts[y] += 1
            first.setdefault(y, i)
    if counts:
        top = counts.most_common(2)
        y, n = top[0]
        runner_up = top[1][1] if len(top) > 1 else 0
        if n >= 3 and n / sum(counts.values()) >= YEAR_SHARE and n >= YEAR_MARGIN * runner_up:
            return y, _where(first[y], lines[first[y]]) + f" ({n} of {sum(counts.values())} year mentions)"
    for i, s in cover_lines:
        m = REPORT_DATE_RE.match(s)
        if m:
            return int(m.group(1)), _where(i, s)
        m = YEAR_MENTION_RE.search(s)
        if m:
            return _year(m.group(1), m.group(2)), _where(i, s)
    # no cover (a title line too long for one): the document's first line, its title, names the year
    # (a sheet copied with its empty cells: the title's trailing tabs are no cells)
    first = next(((i, normalise_text(raw).strip()) for i, raw in enumerate(lines) if raw.strip("\t |")), None)
    if first is not None and not cover_lines and not is_cell_row(lines[first[0]].rstrip("\t |")):
        m = YEAR_MENTION_RE.search(first[1])
        if m:
            return _year(m.group(1), m.group(2)), _where(*first)
    return None, ""


def as_of_of(lines: list[str], year: int | None) -> tuple[str | None, str]:
    """The most frequent reference date of ``… 기준`` phrases in the default year (first one on a tie);
    year-end dates (``12월 말``, ``12. 31. 기준``) are full-year statements and never a reference date."""
    found: Counter = Counter()
    first: dict[str, int] = {}
    for i, raw in enumerate(lines):
        if "기준" not in raw and "현재" not in raw:
            continue
        as_of = parse_as_of(raw)
        if is_year_end(as_of):
            continue  # ``(2023. 12. 31. 기준)`` dates a full year's results: no period-to-date reference
        if as_of and (year is None or int(as_of[:4]) == year):
            found[as_of] += 1
            first.setdefault(as_of, i)
    if not found:
        return None, ""
    best = max(found, key=lambda a: (found[a], -first[a]))
    if found[best] < 2 and len(found) > 1:
        return None, ""  # one date among others dates one table, not the document
    return best, _where(first[best], lines[first[best]])


def detect(lines: list[str], reg) -> Detected:
    """Title, default region, year and reference date that the text of a document states."""
    out = Detected()
    cover_lines = cover(lines)
    out.title, where = title_of(lines)
    if out.title:
        out.evidence["title"] = where
    out.year, where = year_of(lines, cover_lines)
    as_of, as_of_where = as_of_of(lines, out.year)
    if out.year is None and as_of:
        out.year, where = int(as_of[:4]), as_of_where
    if out.year is not None:
        out.evidence["year"] = where
    out.as_of = as_of
    if as_of:
        out.evidence["as_of"] = as_of_where
    multi = many_parts(lines, reg, out.year)
    out.region, where = region_of(lines, reg, out.year, out.title, out.evidence.get("title", ""), multi)
    if out.region is not None:
        out.evidence["region"] = where
    if multi:
        out.as_of = None  # each PART reports on its own region and date
        out.evidence.pop("as_of", None)
    return out


def many_parts(lines: list[str], reg, year: int | None) -> bool:
    """True when PART titles switch between two or more regions (``PART Ⅰ- 3  부산광역시 수영구`` …)."""
    switches = _part_switches(lines, reg, year)
    return len({r.code for _, r in switches.values()}) >= 2
