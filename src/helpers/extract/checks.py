"""Consistency checks that turn into quality flags: printed rates and totals against the figures.

* ``rate_mismatch`` — the printed rate (달성률 / 집행률 / 징수율) differs from the one computed from the
  row's figures by more than rounding allows (the printed decimals, plus the rounding of the amounts).
* ``total_mismatch`` — a total row (합계/총계/계) differs from the sum of the rows it totals.
"""

from __future__ import annotations

import re

from .vocabulary import TOTAL_RE  # noqa: F401  (one definition of total labels, re-exported)


def is_total_label(label: str) -> bool:
    """True for 합계/총계/소계/계 rows (``총 계``, ``여성가족정책실 합계(227개)``)."""
    s = re.sub(r"\(.*?\)", "", label or "").strip()
    return bool(TOTAL_RE.search(s)) and len(s) <= 30


def decimals(text: str) -> int:
    m = re.search(r"\.(\d+)", text or "")
    return len(m.group(1)) if m else 0


def rate_tolerance(rate_text: str, denominator: float | None) -> float:
    """How far a printed rate may be from the computed one: half its last digit, plus amount rounding."""
    tol = 0.5 * 10 ** -decimals(rate_text) + 0.01
    if denominator:
        tol += 100 * 0.5 / abs(denominator)
    return tol


def rate_mismatch(reported: float | None, computed: float | None, rate_text: str,
                  denominator: float | None) -> bool:
    if reported is None or computed is None:
        return False
    return abs(reported - computed) > rate_tolerance(rate_text, denominator)


def total_mismatch(total: float | None, parts: list[float], n_digits_unit: float = 1.0) -> bool:
    """A total differs from the sum of its parts by more than the rounding of the parts."""
    if total is None or not parts:
        return False
    return abs(total - sum(parts)) > 0.5 * n_digits_unit * max(len(parts), 1) + 1e-9
