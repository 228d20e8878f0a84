"""Tables dated by their own year cells: years across (``시군별 | 2021 | 2022 | 2023``) or down (``2021 | …``).

The older line readers take a tab table's cells as counts of its row labels; in a table whose columns or
rows are years, the year cells are dates, never counts, and each figure takes its column's or row's year.
Such tables are left to the family readers of the table engine (:mod:`.families`), which date every figure.
"""

from __future__ import annotations

import re

from .grid import year_of

_DIGIT_RE = re.compile(r"\d")


def years_across(header: list[str]) -> bool:
    """A header naming two or more years, bare or with 년 (``2021 | 2022``, ``2023년 | 2024년``)."""
    return sum(1 for cell in header if cell.strip() and year_of(cell) is not None) >= 2


def years_down(rows: list[list[str]]) -> bool:
    """Body rows whose first cells are years, two or more of them and all distinct (``2021 | 306,701``);
    rows without a figure after their first cell (a second header line, ``Year | Total``) are not counted."""
    firsts = [r[0].strip() for r in rows if r and r[0].strip() and any(_DIGIT_RE.search(c) for c in r[1:])]
    years = [year_of(c) for c in firsts]
    return len(firsts) >= 2 and all(y is not None for y in years) and len(set(years)) == len(years)


def dated_by_years(header: list[str], rows: list[list[str]]) -> bool:
    """The table is dated by its own year columns or year rows (see the module docstring)."""
    return years_across(header) or years_down(rows)
