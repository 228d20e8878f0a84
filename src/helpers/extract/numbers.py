"""Korean number and money parsing: the printed forms of the reports → values.

Handles thousands separators, decimals, percent signs, ``△``/``▲`` as minus (Korean budget tables print
decreases that way), full-width digits, 만/억/조 compounds (``3조 2,867억원``), numbers glued to units
(``15,000건``, ``3만명``, ``81백만원``) and the markers of a missing value (``비예산``, ``-``, blank), which
are never read as zero.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from .vocabulary import MONEY_UNITS  # money units and their value in won: one definition

#: Large-number words inside a figure (3만명 = 30,000명; 1조 2,000억 = 1.2×10¹²).
MAGNITUDES: dict[str, int] = {"만": 10_000, "억": 100_000_000, "조": 1_000_000_000_000}

#: Cell texts that mean "no value": not zero, not a parse failure.
MISSING_MARKERS = frozenset({"", "-", "–", "—", "―", "−", "·", "비예산", "해당없음", "해당 없음", "n/a", "N/A",
                             "na", "NA", "없음", "미정", "/", "x", "X"})

_MINUS = "△▲−-"
_NUM = r"[△▲−-]?\s?\d{1,3}(?:,\d{3})+(?:\.\d+)?|[△▲−-]?\s?\d+(?:\.\d+)?"
NUMBER_RE = re.compile(rf"(?<![\d.,])(?:{_NUM})(?![\d])")
#: The patterns of the parsers below, compiled once.
_GROUPED_RE = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")
_FIGURE_UNIT_RE = re.compile(r"(\d[\d,]*(?:\.\d+)?)\s*(.*)")
_DIGIT_RE = re.compile(r"\d")
_UNIT_WORD_RE = re.compile(r"[%가-힣a-zA-Z㎡㎢·()/]+")
_WS_RE = re.compile(r"\s+")
_MONEY_RE = re.compile(r"(\d[\d,]*(?:\.\d+)?)(천만|백만|천|만|억|조)?원?")
_COMPOUND_MONEY_RE = re.compile(
    r"(?:(\d[\d,]*(?:\.\d+)?)조)?(?:(\d[\d,]*(?:\.\d+)?)억)?(?:(\d[\d,]*)(천만|백만|천|만))?(\d[\d,]*)?원?")
_PAREN_PERCENT_RE = re.compile(r"\(([△▲−-]?\s?\d[\d,]*(?:\.\d+)?)\s*%\)")


#: A footnote mark printed right after a figure (``1,234*``, ``56.7%¹``, ``1,284건†``): no part of the figure
#: (the note itself is text under the table). Superscript digits must go before NFKC folds them into digits.
_SUPERSCRIPTS = "\u00b9\u00b2\u00b3\u2070\u2074\u2075\u2076\u2077\u2078\u2079"
_NOTE_MARK_RE = re.compile(rf"(?<=[\d%가-힣])(?:\*{{1,3}}|[†‡]|[{_SUPERSCRIPTS}]+)(?=\s|$)")
#: An amount in parentheses, as accounting sheets print a negative: ``(1,200)``, ``(1,200만원)`` (a
#: thousands separator or a money unit inside, so a list number ``(3)`` stays a list number)
_PAREN_NEGATIVE_RE = re.compile(r"^\((\d{1,3}(?:,\d{3})+(?:\.\d+)?\s*[가-힣%]{0,3}|\d[\d.]*\s*[천백만억조]*원)\)$")


def drop_note_marks(text: str) -> str:
    """``text`` without the footnote marks printed after its figures (``1,234*`` → ``1,234``)."""
    if "*" not in text and "†" not in text and "‡" not in text and not any(c in _SUPERSCRIPTS for c in text):
        return text
    return _NOTE_MARK_RE.sub("", text)


def cell_figure_text(text: str) -> str:
    """The figure a cell prints, as the parsers read it: footnote mark dropped, a parenthesised amount made
    a negative (``(1,200만원)`` → ``△1,200만원``)."""
    s = drop_note_marks(text).strip()
    if s.startswith("("):
        m = _PAREN_NEGATIVE_RE.match(s)
        if m:
            return "△" + m.group(1)
    return s


@lru_cache(maxsize=1 << 14)
def normalise_text(text: str) -> str:
    """NFKC-fold full-width digits and signs (１２３ → 123, ％ → %) and drop markdown bold markers (cached:
    the readers normalise the same lines and cells many times; the cache holds a document's worth of lines,
    not a 200,000-line document's, whose readers' passes would miss it anyway)."""
    text = unicodedata.normalize("NFKC", str(text))
    return text.replace("**", "")


def is_missing(text: str | None) -> bool:
    """True for blanks and the markers that mean "no value" (``비예산``, ``-``): never a zero."""
    if text is None:
        return True
    return normalise_text(text).strip() in MISSING_MARKERS


def _to_decimal(digits: str) -> Decimal | None:
    digits = digits.replace(" ", "")
    if "," in digits and not _GROUPED_RE.fullmatch(digits):
        return None  # "1,2,3" is a list, not a number
    digits = digits.replace(",", "")
    if not digits or digits.count(".") > 1:
        return None
    try:
        return Decimal(digits)
    except InvalidOperation:
        return None


@dataclass(frozen=True, slots=True)
class Number:
    """A parsed figure: ``value`` in the printed unit, that unit (``명``, ``%``, ``백만원`` …) if any."""

    value: float
    unit: str = ""
    negative: bool = False

    @property
    def is_percent(self) -> bool:
        return self.unit == "%"


def _decimal_float(value: Decimal) -> float:
    """Decimal → float without binary noise (70.8 × 10⁸ must be exactly 7,080,000,000)."""
    return float(value.normalize()) if value == value.to_integral_value() else float(value)


def parse_number(text: str | None) -> Number | None:
    """Parse one cell: ``"1,234"``, ``"△70"``, ``"68.5%"``, ``"15,000건"``, ``"3만명"``, ``"81백만원"``.

    Returns None for missing markers and for text that is not one number (``"1,2,3"``, ``"12..5"``,
    ``"인증"``). A trailing unit word is kept in :attr:`Number.unit`; 만/억/조 inside the figure multiply
    the value (``3만명`` → 30000 명) except in money units, where they belong to the unit (``70.8억원``).
    """
    if text is None:
        return None
    s = normalise_text(text).strip()
    if s in MISSING_MARKERS:
        return None
    negative = False
    if s and s[0] in _MINUS:
        negative = True
        s = s[1:].strip()
    if not s or not s[0].isdigit():
        return None
    m = _FIGURE_UNIT_RE.fullmatch(s)
    if not m:
        return None
    digits, rest = m.group(1), m.group(2).strip()
    value = _to_decimal(digits)
    if value is None:
        return None
    unit = rest.replace(" ", "")
    if unit and _DIGIT_RE.search(unit):
        # "3조 2,867억원" and "1억 5천만원" are compounds: parse them as money.
        won = parse_money(s)
        if won is None:
            return None
        return Number(-won if negative else won, "원", negative)
    if unit in MONEY_UNITS:
        pass
    elif unit[:1] in MAGNITUDES and unit[1:] not in MONEY_UNITS:
        value *= MAGNITUDES[unit[:1]]
        unit = unit[1:]
    if unit and not _UNIT_WORD_RE.fullmatch(unit):
        return None
    result = _decimal_float(-value if negative else value)
    return Number(result, unit, negative)


def parse_money(text: str, unit: str | None = None) -> float | None:
    """Parse a money figure to won: ``"81백만원"``, ``"70.8억원"``, ``"3조 2,867억원"``, ``"28,800백만 원"``.

    A bare number takes ``unit`` (the unit in force: ``"천원"`` …); with neither an inline unit nor
    ``unit`` the result is None, because an amount of unknown scale must not be guessed.
    """
    s = normalise_text(text).strip()
    if s in MISSING_MARKERS:
        return None
    negative = bool(s) and s[0] in _MINUS
    if negative:
        s = s[1:].strip()
    s = _WS_RE.sub("", s)
    m = _MONEY_RE.fullmatch(s)
    if m and (m.group(2) or s.endswith("원") or unit):
        value = _to_decimal(m.group(1))
        if value is None:
            return None
        word = (m.group(2) or "") + "원"
        if m.group(2) or s.endswith("원"):
            factor = MONEY_UNITS.get(word)
        else:
            factor = MONEY_UNITS.get(str(unit).replace(" ", ""))
        if factor is None:
            return None
        won = value * factor
        return _decimal_float(-won if negative else won)
    # compounds: 3조2,867억원, 1억5천만원
    m = _COMPOUND_MONEY_RE.fullmatch(s)
    if not m or not (m.group(1) or m.group(2) or m.group(3)):
        return None  # a bare number with no unit in force: unknown scale, not guessed
    total = Decimal(0)
    for group, factor in ((m.group(1), 10**12), (m.group(2), 10**8)):
        if group:
            v = _to_decimal(group)
            if v is None:
                return None
            total += v * factor
    for group, factor in ((m.group(3), MONEY_UNITS.get((m.group(4) or "") + "원")), (m.group(5), 1)):
        if group:
            v = _to_decimal(group)
            if v is None or factor is None:
                return None  # a malformed part (``0,만``) makes the whole figure unreadable
            total += v * factor
    return _decimal_float(-total if negative else total)


def money_factor(unit: str | None) -> int | None:
    """Won per unit (``"백만원"`` → 1,000,000); None for unknown or non-money units."""
    if not unit:
        return None
    return MONEY_UNITS.get(normalise_text(unit).replace(" ", ""))


def to_krw(value: float | None, unit: str | None) -> float | None:
    """Convert a figure printed in ``unit`` to won (None when the value or the unit is unknown)."""
    factor = money_factor(unit)
    if value is None or factor is None:
        return None
    return _decimal_float(Decimal(str(value)) * factor)


def find_numbers(text: str) -> list[tuple[int, int, float]]:
    """All plain numbers in ``text`` as ``(start, end, value)``; △/▲ mark negatives.

    Used to anchor table rows (a row's numbers) without splitting cells first.
    """
    s = normalise_text(text)
    out = []
    for m in NUMBER_RE.finditer(s):
        tok = m.group(0)
        neg = tok[0] in _MINUS
        val = _to_decimal(tok.lstrip(_MINUS).strip())
        if val is None:
            continue
        out.append((m.start(), m.end(), _decimal_float(-val if neg else val)))
    return out


def percent(text: str | None) -> float | None:
    """Parse a printed rate: ``"79.8%"``, ``"100"``, ``"851(100%)"`` → the percent figure."""
    if text is None:
        return None
    s = normalise_text(text).strip()
    m = _PAREN_PERCENT_RE.search(s)  # "(1,250.0%)": over 999% is grouped
    if m:
        s = m.group(1)
    n = parse_number(s)
    if n is None or (n.unit and n.unit != "%"):
        return None
    return n.value
