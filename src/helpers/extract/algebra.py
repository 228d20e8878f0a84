"""Header algebra and roles checked by arithmetic.

Column headers carry marks that say how columns relate: ``예산현액(A)``, ``지출액(B)``, ``집행 잔액(A-B)``,
``집행률(B/A)``, ``B/A×100``, ``C/B*100``, ``증감률(%)``. :func:`parse_mark` reads one header cell's mark
into a :class:`Mark` (a letter naming the column, or a formula over letters); :func:`formulas` relates the
columns of a header: a difference ``(A-B)`` is never a budget or a spent amount, a ratio ``(B/A)`` is a
rate with its numerator and denominator.

The vocabulary proposes roles; the printed numbers decide (:func:`best_rate_pair`): the (budget, spent)
pair of columns whose ratio reproduces the printed rate on the most rows wins. When it is not the pair the
words proposed, the caller uses it and raises ``role_corrected`` naming both readings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .checks import rate_tolerance
from .numbers import normalise_text

#: ``(A)``, ``(A-B)``, ``(B/A)``, ``B/A×100``, ``(C/B*100)``, ``(B-A)/A``, ``(%)`` at the end of a header cell.
_MARK_RE = re.compile(
    r"\(?\s*(?P<expr>[A-Z](?:\s*[-+/]\s*[A-Z])?)\s*\)?\s*(?:[×x*]\s*100)?\s*\)?\s*(?:\(\s*%\s*\))?\s*$")
_PCT_RE = re.compile(r"\(\s*%\s*\)\s*$|%\s*$")


@dataclass(frozen=True)
class Mark:
    """A header cell's mark: ``letter`` (``A``) names the column; ``op``/``left``/``right`` a formula
    (``A-B`` → ``-``, ``A``, ``B``; ``B/A`` → ``/``, ``B``, ``A``); ``percent`` a ``(%)`` column."""

    letter: str = ""
    op: str = ""
    left: str = ""
    right: str = ""
    percent: bool = False

    @property
    def is_difference(self) -> bool:
        return self.op in ("-", "+")

    @property
    def is_ratio(self) -> bool:
        return self.op == "/"


def parse_mark(cell: str) -> Mark | None:
    """The mark of one header cell, None when it has none (``집행 잔액(A-B)`` → difference A−B)."""
    s = normalise_text(cell or "").replace("＊", "*").strip()
    percent = bool(_PCT_RE.search(s))
    m = _MARK_RE.search(s)
    if not m or not re.search(r"[A-Z]", m.group(0)) or (m.start() and s[m.start() - 1:m.start()].isalpha()
                                                        and s[m.start() - 1].isascii()):
        return Mark(percent=True) if percent else None
    expr = re.sub(r"\s+", "", m.group("expr"))
    if len(expr) == 1:
        return Mark(letter=expr, percent=percent)
    return Mark(op=expr[1], left=expr[0], right=expr[2], percent=percent or "100" in m.group(0))


def formulas(header_cells: list[str]) -> dict[int, Mark]:
    """Column → mark for the header cells that carry one."""
    out: dict[int, Mark] = {}
    for k, cell in enumerate(header_cells):
        mark = parse_mark(cell)
        if mark is not None:
            out[k] = mark
    return out


def difference_columns(header_cells: list[str]) -> set[int]:
    """Columns whose mark is a difference or sum of other columns (``잔액(A-B)``): never budget or spent."""
    return {k for k, m in formulas(header_cells).items() if m.is_difference}


def fits_rate(rate: float, num: float, den: float, rate_text: str = "") -> bool:
    """``rate`` is num/den×100 within the rounding rules of :mod:`.checks`."""
    if not den:
        return False
    return abs(rate - num / den * 100) <= rate_tolerance(rate_text or f"{rate}", den)


def best_rate_pair(rows: list[dict[int, tuple[float, str]]], rate_col: int, amount_cols: list[int],
                   proposed: tuple[int, int] | None) -> tuple[tuple[int, int] | None, int, int]:
    """The (denominator, numerator) pair of amount columns whose ratio reproduces the printed rate on the
    most rows: returns (pair, rows it fits, rows the proposed pair fits). Ties keep the proposed pair."""
    def score(pair: tuple[int, int]) -> int:
        den, num = pair
        n = 0
        for r in rows:
            if rate_col in r and den in r and num in r and fits_rate(r[rate_col][0], r[num][0], r[den][0],
                                                                       r[rate_col][1]):
                n += 1
        return n

    base = score(proposed) if proposed else 0
    best, best_n = proposed, base
    for den in amount_cols:
        for num in amount_cols:
            if num == den:
                continue
            n = score((den, num))
            if n > best_n:
                best, best_n = (den, num), n
    return best, best_n, base


def nested_totals(values: list[float | None], tolerance: float = 0.5) -> dict[int, list[int]]:
    """Rows that total the rows right after them, nested (합계 → 일반회계 / 특별회계 → each 특별회계): row →
    the rows it sums. Built bottom-up: a row whose value equals the sum of the next two or more top-level
    rows below it (within ``tolerance`` per part, the rounding of printed figures) becomes their parent."""
    parents: dict[int, list[int]] = {}
    stack: list[int] = []  # top-level rows below the current one, nearest first
    for i in range(len(values) - 1, -1, -1):
        v = values[i]
        if v is None:
            stack.insert(0, i)
            continue
        acc, match = 0.0, 0
        for m, k in enumerate(stack, start=1):
            if values[k] is None:
                break
            acc += values[k]
            if m >= 2 and abs(acc - v) <= tolerance * m + 1e-9:
                match = m
                break
        if match:
            parents[i] = stack[:match]
            stack = [i, *stack[match:]]
        else:
            stack.insert(0, i)
    return parents


def _fits(rows: list[tuple[float, float]], text_of=None) -> bool:
    """Every (printed, computed) pair agrees within the rounding of a one-decimal percentage (≥ 2 rows)."""
    return len(rows) >= 2 and all(abs(p - c) <= 0.051 + 1e-9 or abs(p - round(c)) <= 0.5 and p == int(p)
                                  for p, c in rows)


def is_share_column(values: list[float | None], amounts: list[float | None], totals: list[bool]) -> bool:
    """``values`` is the 구성비 of ``amounts``: each row's amount over the column total ×100 (the total row's
    own figure, else the sum of the other rows); a total row itself prints 100."""
    total = next((a for a, t in zip(amounts, totals, strict=True) if t and a), None)
    if total is None:
        total = sum(a for a, t in zip(amounts, totals, strict=True) if a is not None and not t)
    if not total:
        return False
    rows = [(v, a / total * 100) for v, a in zip(values, amounts, strict=True) if v is not None and a is not None]
    return _fits(rows)


def is_relative_change(values: list[float | None], new: list[float | None], old: list[float | None]) -> bool:
    """``values`` is the 증감률 from ``old`` to ``new``: (new − old) / old ×100 on every row printing all three."""
    rows = [(v, (n - o) / o * 100) for v, n, o in zip(values, new, old, strict=True)
            if v is not None and n is not None and o]
    return _fits(rows)


def derived_columns(columns: dict[int, list[float | None]], totals: list[bool]) -> set[int]:
    """Columns the printed arithmetic shows to be a share of another column (구성비) or the relative change
    between two others (증감률): whatever the header words say, never an amount."""
    out: set[int] = set()
    keys = sorted(columns)
    for k in keys:
        vals = columns[k]
        if not any(v is not None for v in vals) or any(v is not None and abs(v) > 1000 for v in vals):
            continue  # a percentage column prints small numbers
        others = [o for o in keys if o != k]
        if any(is_share_column(vals, columns[o], totals) for o in others):
            out.add(k)
            continue
        if any(is_relative_change(vals, columns[n], columns[o]) for n in others for o in others if n != o):
            out.add(k)
    return out
