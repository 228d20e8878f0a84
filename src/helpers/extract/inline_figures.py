"""The figures of one line printed outside a grid table: values, units, row and column labels.

The block finder (:mod:`.blocks`) sees tables; a report also prints figures in lists and sentences
(``- 보육료 지원 : 4,632억원(△836억원)``, ``▸청년수당(1회 5만원 / 1,069명)``, ``교육 14회 497명``).
:func:`read_line` reads one such line (the document pass is :mod:`.inline_pass`):

* **figures** are numbers with the unit printed beside them (:data:`.vocabulary.FIGURE_UNITS`: money,
  counts, %, ages, areas …; ``19억 5,280만원`` and ``3만 6천 건`` are one figure), a particle may follow
  (``50%를``, ``2명씩``); a number glued to a word that is no unit is a noun, not a figure (``1인가구``),
  except after a counter (``18개사업``, ``5대분야``: a count of the noun). Telephone numbers, clock times,
  dates, ratios (``1:1``), parcel and section numbers (``900-4``, ``1-2.``), years, grades, floors and list
  ordinals (``①``, a leading ``12``) are not figures;
* **row_label** is the label the figure belongs to: the words before it back to the previous separator
  (``,`` ``/`` ``:`` ``(`` bullets …), the words before ``:`` in ``label : figure``, the label in force
  when the figure follows another without words between (``14회 497명``), inside brackets the label
  before the opening bracket (``청년수당(139명)`` → ``청년수당``), in a tab row of text cells the text cell
  before the figure's cell (``급식비<tab>초등 4천원``);
* **column_label** says what the figure is: the words inside the bracket before it (``(증 74억원)`` →
  ``증``), ``증감`` for a signed change in brackets (``(△836억원)``), the noun a counter counts (``11개
  핵심과제``), else the measure its unit names (:data:`.vocabulary.UNIT_MEASURES`: 억원 → 금액, 명 → 인원 …).
"""

from __future__ import annotations

import re
from bisect import bisect_right

from .numbers import parse_money
from .vocabulary import FIGURE_UNITS, MAGNITUDE_WORDS, UNIT_MEASURES, UNIT_PARTICLES

#: Longest row label kept (its end: the words nearest the figure).
MAX_LABEL = 60

# Full-width digits and signs → ASCII, one character for one (positions stay; NFKC would turn ㎡ into m2).
_WIDTH = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}
# Circled and parenthesised ordinals (①, ⑴, ⒈): list markers, never figures.
_CIRCLED_RE = re.compile(r"[\u2460-\u24ff\u2776-\u2793]")

#: Text that holds digits but no figure, blanked before figures are read (same length: positions stay).
#: (Every pattern starts at a digit, a quote, ``<`` or ``☎``: the lookahead skips other positions fast.)
_NOT_FIGURES = re.compile("(?=[\\d'’‘<☎])(?:" + "|".join([
    r"<[^<>]*>",                                                    # HTML markup of converted cells
    r"☎\s?[\d\s\-/,]*\d",                                           # telephone numbers after ☎
    r"(?<![\d,.])\d{2,4}-\d{3,4}(?:-\d{4})?(?![\d,.])",             # telephone numbers
    r"\d{1,2}\s?:\s?\d{2}(?:\s?[~-]\s?\d{1,2}\s?:\s?\d{2})?",       # clock times and their ranges
    r"(?<![\d,.])\d+\s?:\s?\d+(?![\d,.])",                          # ratios (1:1, 50:50)
    # dates: '24.1.1., '22. 10~12월, '24. 2~3., 2013. 4., 3.22., 3.15~
    r"['’‘]\d{2}(?:\s?\.\s?\d{1,2}){1,2}\.?(?:\s?[~-]\s?(?:['’‘]?\d{2}\s?\.\s?)?\d{1,2}(?:\s?\.\s?\d{1,2})?\.?)?"
    r"(?:\s?(?:월|분기))?",
    r"['’‘]\s?\d{2}(?:\s?년도?)?(?![\d,.])",                             # '18, '23년: a year
    r"(?<![\d,.])(?:19|20)\d{2}\s?\.\s?\d{1,2}(?:\.(?:\s?\d{1,2}\.?)?|(?![\d]))",
    r"(?<![\d,.])\d{1,2}\.\s?\d{1,2}\.(?!\d)",
    r"(?:(?<=~)|(?<=~\s))\d{1,2}\.(?:\s?\d{1,2}\.)?(?!\d)",            # the end of a period (~ 14.)
    r"(?<![\d,.])(?:19|20)\d{2}\s+\d{1,2}(?=\s+[가-힣])",               # a chronology's year and month
    r"(?<![\d,.])\d{1,2}\.\d{1,2}\.?\s?~",
    r"(?<![\d,.])\d{1,2}\s?[~-]\s?\d{1,2}\s?(?:월|분기)",             # month ranges (10~12월)
    r"['’‘]\s?\d{2}\s?년도?",                                       # '23년
    r"(?<![\d,.])(?:19|20)\d{2}\s?(?:년도?|년\b)",                  # 2014년
    r"(?<![\d,.])\d{1,2}\s?월(?:\s?\d{1,2}\s?일)?",                 # 4월, 4월 1일
    r"(?<![\d,.])\d+(?:-\d+)+(?![\d,]*(?:%|[가-힣]))",               # parcel and section numbers (900-4, 1-2)
    r"\d+(?:\s?[~-]\s?\d+)?\s?(?:차|호봉|등급|급|층|번|위|순위|단계|권역|기|학년)(?![가-힣])",  # ordinals, grades
]) + ")")
#: A line of a table of contents (``가나시 ········· 71``): its page number is no figure.
_CONTENTS_RE = re.compile(r"[·…]{4,}\s*\d+\s*$")
#: A list ordinal at the start of a line or cell: ``1.``, ``12 `` before a title, ``1)``.
_LEADING_ORDINAL = re.compile(r"(?:^|\t)\s*(?:[-–•·*]\s*)?(\d{1,2}(?:[.)]|\s))(?=\s*\S)(?!\s*[△▲-]?\d[\d,.]*(?:\s|$))")

_UNIT_ALT = "|".join(re.escape(u) for u in sorted(FIGURE_UNITS, key=len, reverse=True))
_PARTICLE_ALT = "|".join(sorted(UNIT_PARTICLES, key=len, reverse=True))
_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
#: A figure: sign, number, 만/억/조/천 compound parts, ``여`` (about), unit, then what follows it.
_FIGURE_RE = re.compile(
    rf"(?=[△▲\-−\d])(?<![\w.,])(?P<sign>[△▲]\s?|[-−](?=\d))?(?P<num>{_NUM})"
    rf"(?P<mag>(?:\s?[{MAGNITUDE_WORDS}](?:\s?(?:{_NUM})(?!\s?(?:{_NUM})))?)*)"
    rf"(?P<approx>\s?여)?(?P<unit>\s?(?:{_UNIT_ALT}))?(?P<after>[가-힣A-Za-z]*)")
_PARTICLE_RE = re.compile(rf"(?:{_PARTICLE_ALT})+")
#: Where a label ends (looking back from a figure).
_SEPARATORS = ",;/▸▶►•◦○□■◆◇※*|\t[]{}→⇨➡⇒⟹☞~+=Ÿ❍◎▪●❑"
#: Middle dots: a separator as a bullet (``· 상담``), part of the word between two words (``운영·인건비``).
_DOTS = "·ㆍ･∙"
_SEPARATOR_RE = re.compile(f"[{re.escape(_SEPARATORS)}]")
#: Everything up to the last separator or bracket (greedy): the clause before a figure starts after it.
_LAST_SEPARATOR = re.compile(rf"(?s:.*)(?:[{re.escape(_SEPARATORS)}()]|(?<![가-힣A-Za-z])[{_DOTS}]|[{_DOTS}](?![가-힣A-Za-z]))")
_LABEL_STRIP = " -–—.·:>)(\"'“”‘’「」『』□■○◦•▸▶►◆◇※*Ÿ∙ㆍ❍◎▪●❑☞ㅇ"
_PREFIX_WORDS = re.compile(r"^(?:총|약|월|연|년|일|각|최대|최소|평균|누적|현원|현재|주|회당|1인당|기존)$")
#: A line with two digits apart: the only lines that may hold two figures.
TWO_DIGITS = re.compile(r"\d\D+\d")


def fold(text: str) -> str:
    """Full-width digits and signs to ASCII and circled ordinals blanked, one character for one."""
    return _CIRCLED_RE.sub(" ", text.translate(_WIDTH)).replace("**", "  ")


def _blank(m: re.Match) -> str:
    return " " * len(m.group(0))


def mask(text: str) -> str:
    """``text`` with every non-figure number blanked (telephone, time, date, ratio, ordinal …)."""
    if ("····" in text or "…" in text) and _CONTENTS_RE.search(text):
        return " " * len(text)
    s = _NOT_FIGURES.sub(_blank, text)
    return _LEADING_ORDINAL.sub(lambda m: m.group(0)[: m.start(1) - m.start(0)] + " " * len(m.group(1)), s)


_MAGNITUDE_PART_RE = re.compile(rf"([{MAGNITUDE_WORDS}])|({_NUM})")


def _magnitude_value(num: str, mag: str) -> float | None:
    """``3만 6천`` → 36000 (count compounds; money compounds go through :func:`.numbers.parse_money`)."""
    factors = {"조": 10**12, "억": 10**8, "만": 10**4, "천": 10**3}
    total, current = 0.0, float(num.replace(",", ""))
    for m in _MAGNITUDE_PART_RE.finditer(mag):
        if m.group(1):
            total += current * factors[m.group(1)]
            current = 0.0
        else:
            current = float(m.group(2).replace(",", ""))
    return total + current


#: Counters a noun may be glued to (``18개사업``: 18 사업; ``5대분야``: 5 분야).
_COUNTERS = ("개", "대")


def figures(text: str) -> list[tuple[int, int, float, str, bool]]:
    """The figures of one line as ``(start, end, value, unit, signed)``, in reading order (see the
    module docstring for what is and is not a figure)."""
    return _figures(mask(fold(text)))


def _figures(s: str) -> list[tuple[int, int, float, str, bool]]:
    out = []
    for m in _FIGURE_RE.finditer(s):
        unit = (m.group("unit") or "").strip()
        after = m.group("after")
        mag = m.group("mag") or ""
        end = m.end()
        if unit[:1] in _COUNTERS and after and not _PARTICLE_RE.fullmatch(after):
            # 7개구, 18개사업, 5대분야: a count of the noun glued to the counter
            unit = unit[:1]
            end = m.start("unit") + m.group("unit").index(unit) + 1
        elif after and not _PARTICLE_RE.fullmatch(after):
            continue  # a number glued to a word: a noun (1인가구), not a figure
        if not unit and (m.group("approx") or after):
            continue  # a bare number glued to a word (6중, 3040세대): no figure
        num = m.group("num")
        signed = bool(m.group("sign"))
        if not unit and not mag and "," not in num and "." not in num and 1900 <= int(num) <= 2099:
            continue  # a year
        if mag.strip() and not _DIGIT_RE.search(mag) and mag.strip() + unit in FIGURE_UNITS:
            value, unit = float(num.replace(",", "")), mag.strip() + unit  # 4,632억원: the printed unit
        elif mag.strip():
            if unit.endswith("원"):
                won = parse_money(num + mag + unit)
                if won is None:
                    continue
                value, unit = won, "원"
            else:
                value = _magnitude_value(num, mag)
        else:
            value = float(num.replace(",", ""))
        if signed:
            value = -value
        out.append((m.start(), end, value, unit, m.group("sign") is not None and m.group("sign")[0] in "△▲"))
    # a range prints its unit once (40~64세, 2~4명): the lower end takes the upper end's unit
    for k in range(len(out) - 1):
        a, b = out[k], out[k + 1]
        if not a[3] and b[3] and _RANGE_GAP.fullmatch(s[a[1]:b[0]]):
            out[k] = (a[0], a[1], a[2], b[3], a[4])
    return out


_RANGE_GAP = re.compile(r"\s?[~\-]\s?")


_SPACED_SYLLABLES = re.compile(r"(?<![가-힣])[가-힣](?: [가-힣])+(?![가-힣])")


_WORD_RE = re.compile(r"[가-힣A-Za-z]")


def clean_label(text: str) -> str:
    """A label as printed, tidied: spaces folded, bullets and brackets at its ends and qualifying words
    just before a figure (총, 약, 최대 …) dropped, spaced syllables joined (대 상 → 대상); empty when no word."""
    text = " ".join(text.split()).strip(_LABEL_STRIP)
    text = _SPACED_SYLLABLES.sub(lambda m: m.group(0).replace(" ", ""), text)  # 대 상 → 대상
    words = [w for w in text.split(" ") if w]
    while words and _PREFIX_WORDS.match(words[-1]):  # 총 / 약 / 최대 just before the figure qualify it
        words.pop()
    label = " ".join(words).strip(_LABEL_STRIP)
    if not _WORD_RE.search(label):
        return ""
    return label[-MAX_LABEL:].lstrip(_LABEL_STRIP) if len(label) > MAX_LABEL else label


def _last_clause(text: str) -> tuple[str, str]:
    """(label, qualifier) of the text before a figure: the words after the last separator (separators
    just before the figure skipped: ``계<tab><tab>11개``); in ``label : words`` the label is before the
    colon and the words after it qualify the figure."""
    text = text.rstrip(_SEPARATORS + _DOTS + " ")
    if text.endswith(")") and "(" in text:  # ``(월평균 신청) 1만 건``: the bracket names the figure
        inner = text[text.rindex("(") + 1:-1]
        # a bracket of no words (``초등(1~3학년) 30천원``, its ordinals blanked) leaves the words before it
        text = inner if _WORD_RE.search(inner) else text[:text.rindex("(")]
    last = _LAST_SEPARATOR.match(text)
    clause = text[last.end():] if last else text
    while last and not _WORD_RE.search(clause):  # ``조사기간 : 10. 17.~ 10. 19.``: the words are further back
        text = text[:last.end() - 1].rstrip(_SEPARATORS + _DOTS + " ")
        last = _LAST_SEPARATOR.match(text)
        clause = text[last.end():] if last else text
    if ":" in clause:
        before, _, after = clause.rpartition(":")
        return clean_label(before), clean_label(after)
    return clean_label(clause), ""


#: The noun a generic counter counts, printed after it (``11개 핵심과제``, ``5개 과정``).
_COUNTED_RE = re.compile(r"\s?([가-힣]{1,10})(?=$|[\s,/()\t·])")


def _open_brackets(text: str, positions: list[int]) -> list[int]:
    """For each position (ascending), the index of the innermost ``(`` still open there, or -1."""
    out, stack, k = [], [], 0
    marks = [(m.start(), m.group(0)) for m in _BRACKET_RE.finditer(text)]
    for pos in positions:
        while k < len(marks) and marks[k][0] < pos:
            at, mark = marks[k]
            if mark == "(":
                stack.append(at)
            elif stack:
                stack.pop()
            k += 1
        out.append(stack[-1] if stack else -1)
    return out


_BRACKET_RE = re.compile(r"[()]")


#: ``label : N noun, N noun …``: an enumeration of counts (``조직 : 1국 2팀``), each number counting the
#: noun glued to it.
_COUNT_LIST_RE = re.compile(r"^(?P<head>[^:]*[가-힣][^:]*):\s*(?P<items>\d+[가-힣]{1,6}(?:\s*[,\s]\s*\d+[가-힣]{1,6})+)"
                            r"\s*$")
_COUNT_ITEM_RE = re.compile(r"(\d+)([가-힣]{1,6})")


class _TabCells:
    """The tab-separated cells of a line: where each starts, and the text cell naming a figure's cell."""

    __slots__ = ("text", "starts")

    def __init__(self, text: str):
        self.text = text
        self.starts = [0] + [k + 1 for k, c in enumerate(text) if c == "\t"]

    def of(self, pos: int) -> int:
        """Start of the cell holding ``pos``."""
        return self.starts[bisect_right(self.starts, pos) - 1]

    def label_before(self, pos: int) -> str:
        """The nearest non-empty cell before the cell holding ``pos``, when it is text (words, no digit)."""
        k = bisect_right(self.starts, pos) - 1
        while k > 0:
            cell = self.text[self.starts[k - 1]:self.starts[k] - 1]
            if cell.strip():
                return "" if _DIGIT_RE.search(cell) else clean_label(cell)
            k -= 1
        return ""


_DIGIT_RE = re.compile(r"\d")


def read_line(text: str, least: int = 1) -> list[tuple[float, str, str, str]]:
    """``(value, unit, row_label, column_label)`` of every figure of one line; empty when it holds fewer
    than ``least`` figures (their labels are then not read: most lines with digits hold one figure)."""
    folded = fold(text)
    listed = _COUNT_LIST_RE.match(folded.strip())
    if listed:
        head = clean_label(listed.group("head"))
        return [(float(n), noun, head, noun) for n, noun in _COUNT_ITEM_RE.findall(listed.group("items"))]
    s = mask(folded)  # labels are read without the dates, times and ordinals blanked here
    found = _figures(s)
    if len(found) < least:
        return []
    out = []
    label, label_at = "", -1
    prev_end, bracket_unit = 0, -1
    cells = _TabCells(s) if "\t" in s else None
    opens = _open_brackets(s, [f[0] for f in found])
    for (start, end, value, unit, signed), open_at in zip(found, opens, strict=True):
        if open_at >= prev_end:
            # a bracket opened after the previous figure: the row is the label before it, the column what
            # the bracket says before the figure
            owner, _ = _last_clause(s[prev_end:open_at])
            if owner:
                label, label_at = owner, open_at - 1
            words, qualifier = _last_clause(s[open_at + 1:start])
            column = " ".join(w for w in (words, qualifier) if w) or ("증감" if signed else "")
            if not unit and out and out[-1][1] and not _SEPARATOR_RE.search(s[prev_end:open_at]):
                unit, bracket_unit = out[-1][1], open_at  # 415개소(법인 295, 개인 121): a breakdown
                # takes the unit of its whole
        elif open_at >= 0:  # still inside the bracket of the previous figure
            if not unit and out and out[-1][1] and bracket_unit == open_at:
                unit = out[-1][1]
            words, qualifier = _last_clause(s[prev_end:start])
            column = " ".join(w for w in (words, qualifier) if w) or ("증감" if signed else "")
        else:
            words, qualifier = _last_clause(s[prev_end:start])
            if words:
                label, label_at = words, start - 1
            column = qualifier
        if unit == "개" or (unit in _COUNTERS and s[end:end + 1] not in " \t"):
            counted = _COUNTED_RE.match(s, end)
            if counted:  # the noun after the counter names what it counts, and is no label of the next
                column, end = counted.group(1), counted.end()
        row = label
        if cells is not None:
            # a tab row of text cells: the text cell before the figure's cell names the row (급식비 | 초등
            # 4천원, 중등 5천원), the words inside the figure's own cell name its column
            own, before = cells.of(start), cells.label_before(start)
            if before:
                inner = label if label_at >= own else ""
                row, column = before, " ".join(w for w in (inner, column) if w)
        out.append((value, unit, row, column or UNIT_MEASURES.get(unit, "")))
        prev_end = end
    return out


def close(a: float, b: float) -> bool:
    """Two figures equal up to float noise (a figure read here and the same figure in a fact)."""
    return abs(a - b) <= 1e-6 * max(1.0, abs(a), abs(b))


__all__ = ["TWO_DIGITS", "clean_label", "close", "figures", "fold", "mask", "read_line"]
