"""Number formatting for readers: 억원/백만원 amounts, percentages and counts with thousands separators.

One place decides how a number looks, so charts, report tables, the index and the overview agree.
Missing values print as an en dash (never as ``0`` or ``nan``).
"""

from __future__ import annotations

import math
from collections.abc import Iterable

MISSING = "–"

#: Money display units: 억원 (10⁸ won) for large sums, 백만원 (10⁶ won) otherwise.
KRW_UNITS = {"억원": 1e8, "백만원": 1e6}


def is_missing(x) -> bool:
    """None, NaN, pd.NA or NaT (pandas' scalar test), without importing pandas at module load."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return True
    import pandas as pd

    try:
        return bool(pd.isna(x))
    except (TypeError, ValueError):  # array-like: not a scalar missing value
        return False


def krw_unit_for(values: Iterable[float]) -> str:
    """The display unit for a set of won amounts: 억원 when the largest is ≥ 10억원, else 백만원.

    One unit per table or axis, so amounts in a column compare at a glance.
    """
    finite = [abs(float(v)) for v in values if not is_missing(v)]
    return "억원" if finite and max(finite) >= 1e9 else "백만원"


def format_krw(x, unit: str | None = None, suffix: bool = True) -> str:
    """``2274000000`` → ``2,274백만원`` (or ``22.7억원``); ``unit`` fixes the display unit."""
    if is_missing(x):
        return MISSING
    unit = unit or krw_unit_for([x])
    value = float(x) / KRW_UNITS[unit]
    # 억원 keeps one decimal (28.8억원), two below 1억원 (0.35억원) so a small amount in a 억원 column
    # does not print as 0.0; 백만원 figures are printed whole in the documents.
    digits = (1 if abs(value) >= 1 or value == 0 else 2) if unit == "억원" else 0
    text = f"{value:,.{digits}f}"
    if value != 0 and float(text.replace(",", "")) == 0:
        text = f"<{0.1 ** digits:.{digits}f}" if value > 0 else f">-{0.1 ** digits:.{digits}f}"
    if text in ("-0", "-0.0", "-0.00"):
        text = text[1:]
    return f"{text}{unit}" if suffix else text


def format_pct(x, digits: int = 1) -> str:
    """``68.46`` → ``68.5%``; missing → ``–``."""
    if is_missing(x):
        return MISSING
    return f"{float(x):,.{digits}f}%"


def format_number(x, max_digits: int = 1) -> str:
    """``50000`` → ``50,000``; ``261.1`` → ``261.1``: whole numbers without decimals, others with up to one."""
    if is_missing(x):
        return MISSING
    value = float(x)
    if value.is_integer():
        return f"{value:,.0f}"
    text = f"{value:,.{max_digits}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


#: Letters that document converters leave where a Wingdings/Symbol bullet was (HWP → text): ``Ÿ`` (solid
#: bullet), ``£``/``¡`` (boxes), ``Ø`` (arrow), ``ü`` (check), ``§``/``¨``/``þ``. Stripped only at the start
#: of a label and only when a space or Hangul follows, so a real word is never cut.
_WINGDINGS = set("ŸØüþÞ§¨¤¡£ªº°¢¥")
#: Unicode categories of leading bullet marks: symbols (□ ○ ▸ ■ ◆ ※ ★ →), other punctuation (∙ · • *),
#: dashes (- – —) and private-use glyphs (U+E000–U+F8FF, HWP's own bullets).
_BULLET_CATEGORIES = {"So", "Sm", "Po", "Pd", "Co"}


def _is_bullet(text: str, i: int) -> bool:
    import unicodedata

    c = text[i]
    if c.isascii():
        # "- 항목" / "* 항목" are bullets; < > = + ~ # % ' " and "**굵게**" are real text (a <수정전>
        # heading, markup shown as written)
        return c in "-*" and text[i + 1: i + 2].isspace()
    if unicodedata.category(c) in _BULLET_CATEGORIES or c in "∙·ㆍ•◦":
        return True
    if c in _WINGDINGS or c == "ㅇ":  # ㅇ: the Hangul letter used as a round bullet ("ㅇ 사업명")
        nxt = text[i + 1] if i + 1 < len(text) else ""
        return nxt.isspace() or ("\uac00" <= nxt <= "\ud7a3" and c != "ㅇ")
    return False


def format_year(x) -> str:
    """A year cell: ``2024`` (no decimals), ``–`` when missing."""
    return MISSING if is_missing(x) else str(int(x))


def label_cell(x) -> str:
    """A label cell (사업명, 구분, 항목 …) via :func:`display_label`; ``–`` when missing or empty."""
    return MISSING if is_missing(x) or str(x) == "" else display_label(x)


def display_label(text) -> str:
    """A document label for display: leading bullet glyphs and spaces removed, inner spaces collapsed.

    ``"Ÿ 예산 집행 실적"`` → ``"예산 집행 실적"``; ``"□ ○ 돌봄"`` → ``"돌봄"``; ``"①"``-style numbering,
    brackets (``「」``, ``(``) and digits are kept. Only for labels shown in tables and charts: the
    document's own text (``source_text``) is shown unchanged (escaped). Missing → ``–``; a label that is
    nothing but marks (``"-"``) is returned as printed.
    """
    if is_missing(text):
        return MISSING
    raw = " ".join(str(text).split())
    i = 0
    while i < len(raw) and (raw[i].isspace() or _is_bullet(raw, i)):
        i += 1
    return raw[i:] if raw[i:] else raw
