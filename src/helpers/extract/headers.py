"""Header vocabulary: Korean column headers → standard roles, read from ``header_vocab.csv``.

A new layout is a new row in the CSV, not a new branch in code. Matching is done on the header text with
spaces removed (``예 산 액`` = ``예산액``), longest term first, so ``예산현액`` wins over ``예산`` and
``집행률`` over ``집행``. Roles: ``indicator``, ``target``, ``actual``, ``rate``, ``budget``, ``spent``,
``unit``, ``formula``, ``data_source``, ``label``, ``change``, ``group`` (a header spanning sub-columns),
``ignore`` and ``exclude`` (tables another extractor reads). Year headers (``2024년(A)``) get role
``year_value`` with their year.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

VOCAB_CSV = Path(__file__).with_name("header_vocab.csv")
YEAR_HEADER_RE = re.compile(r"^(?:'|’)?((?:19|20)\d{2}|\d{2})년(?:도)?(?:\([A-Z]\))?$")


@dataclass(frozen=True, slots=True)
class Term:
    """One vocabulary entry: header ``term`` (spaces removed) and what the column holds."""

    term: str
    role: str
    flow: str = ""
    basis: str = ""


@dataclass(frozen=True, slots=True)
class Role:
    """A role found in header text: where (character offset in the compacted text) and which term."""

    pos: int
    role: str
    term: str
    flow: str = ""
    basis: str = ""
    year: int | None = None


@lru_cache(maxsize=1)
def vocabulary() -> tuple[Term, ...]:
    """The vocabulary, longest term first."""
    with open(VOCAB_CSV, encoding="utf-8", newline="") as fh:
        terms = [Term(r["term"].strip(), r["role"].strip(), r["flow"].strip(), r["basis"].strip())
                 for r in csv.DictReader(fh) if r["term"].strip()]
    return tuple(sorted(terms, key=lambda t: -len(t.term)))


@lru_cache(maxsize=1)
def _term_re() -> re.Pattern:
    return re.compile("|".join(re.escape(t.term) for t in vocabulary()))


@lru_cache(maxsize=8192)
def compact(text: str) -> str:
    """Header text without spaces and markdown bold: ``예 산 액`` → ``예산액`` (cached: the table readers
    test the same lines for header words several times)."""
    return _SPACE_RE.sub("", text.replace("**", ""))


_SPACE_RE = re.compile(r"\s+")


@lru_cache(maxsize=1)
def _by_term() -> dict:
    return {t.term: t for t in vocabulary()}


def find_roles(text: str) -> list[Role]:
    """The roles named in ``text`` in reading order (longest term wins where terms overlap)."""
    c = compact(text)
    by_term = _by_term()
    out = [Role(m.start(), by_term[m.group(0)].role, m.group(0), by_term[m.group(0)].flow,
                by_term[m.group(0)].basis) for m in _term_re().finditer(c)]
    return out


def cell_role(cell: str) -> Role | None:
    """The role of one header cell: a year column (``2024년(A)``) or the first vocabulary term in it."""
    c = compact(cell)
    c = re.sub(r"\((?:단위)?:?[^()]*원\)$", "", c) if "원)" in c else c
    m = YEAR_HEADER_RE.match(c)
    if m:
        y = int(m.group(1))
        return Role(0, "year_value", c, year=y if y > 100 else 2000 + y)
    roles = find_roles(c)
    return roles[0] if roles else None
