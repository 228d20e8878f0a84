"""Shared pieces of the Extraction II extractors: line contexts (cached per document), provenance columns
and cell splitting.

Every fact row starts from :func:`base_row`: ``doc_id``, ``line``, region, year and program in force at
that line (from :mod:`.context`), and the raw ``source_text``.
"""

from __future__ import annotations

import re

from .cells import is_rule_row, join_space_groups
from .context import LineContext, build_contexts
from .numbers import normalise_text

_CACHE: dict[tuple, list[LineContext]] = {}
_GAP_RE = re.compile(r"\s{2,}")


def context_key(doc, ctx) -> tuple:
    """Everything the per-line contexts depend on: the document's text and manifest entry, and the
    document defaults in force (region, year, as_of, unit, registry). A manifest change re-extracted in the
    same process gives a new key, so the old region is never reused."""
    region = getattr(ctx, "region", None)
    return (doc.doc_id, doc.sha256, repr(getattr(doc, "meta", None)), region.code if region else None,
            getattr(ctx, "year", None), getattr(ctx, "as_of", None), getattr(ctx, "unit", None),
            id(getattr(ctx, "registry", None)))


def contexts(doc, ctx) -> list[LineContext]:
    """The per-line contexts of ``doc`` under ``ctx``: the one cache of them, shared by every extractor
    (built once per document and document defaults)."""
    key = context_key(doc, ctx)
    if key not in _CACHE:
        _CACHE.clear()  # one document at a time: keep memory flat
        _CACHE[key] = build_contexts(doc, ctx)
    return _CACHE[key]


def clear_cache() -> None:
    """Drop the cached contexts (the pipeline releases them once a document's readers are done)."""
    _CACHE.clear()


#: Marks "use the year of the line's context" (``year=None`` means "no single year", e.g. a multi-year total).
CONTEXT_YEAR = object()


def base_row(doc, lc: LineContext, line: int, source_text: str, program: str | None = None,
             year=CONTEXT_YEAR) -> dict:
    """Provenance columns of a fact read at 1-based ``line`` under context ``lc``."""
    region = lc.region
    return {
        "doc_id": doc.doc_id,
        "line": line,
        "region_code": region.code if region else None,
        "region_name": region.name if region else None,
        "year": lc.year if year is CONTEXT_YEAR else year,
        "program": program if program is not None else (lc.program or None),
        "source_text": source_text.strip(),
    }


def cells(text: str) -> list[str]:
    """Split a table line into cells: tabs or ``|`` when present, else runs of 2+ spaces.

    Empty cells between tabs are kept (merged cells print as blanks), the trailing empty cell is dropped; a
    bordered cell holding one space-grouped figure is that figure (:func:`.cells.join_space_groups`).
    """
    s = normalise_text(text).rstrip("\n")
    if is_rule_row(s) and "|" in s:
        # the ``|---|---|`` rule under a pipe table's header: as many cells as columns, all empty
        return [""] * (s.strip().strip("|").count("|") + 1)
    if "|" in s and s.count("|") >= 2:
        parts = [join_space_groups(p.strip()) for p in s.strip().strip("|").split("|")]
    elif "\t" in s:
        parts = [join_space_groups(p.strip()) for p in s.split("\t")]
    else:
        parts = [p.strip() for p in _GAP_RE.split(s.strip())]
    while parts and parts[-1] == "":
        parts.pop()
    return parts


def row_cells(raw: str) -> list[str]:
    """Cells of a table row in any layout: tab, pipe or 2+ space borders (:func:`cells`); a row printed
    with single spaces (``달성도 40% 67% 100% - -``, ``소요예산 243억원 198억원``) splits into its label
    (the words before the first one that starts with a figure or is a dash) and the words after it.

    Shared by the extractors of year-column and plan tables (roadmaps, investment plans, forward plans),
    so every one of them reads the same borderless layouts.
    """
    row = cells(raw)
    if len(row) == 1 and "\t" not in raw and "|" not in raw:
        words = row[0].split()
        k = next((n for n, w in enumerate(words) if n and (w == "-" or _FIGURE_START_RE.match(w))), None)
        if k is not None:
            row = [" ".join(words[:k]), *words[k:]]
    return row


_FIGURE_START_RE = re.compile(r"[△▲-]?\d")


def year_header_candidates(lines: list[str], split=row_cells):
    """``(index, cells)`` of each line that may head a year-column table (연도별 표: roadmaps, investment
    plans): it mentions 년 and ``split`` gives a label and at least two more cells. Callers then decide
    which cells must be years."""
    for h, text in enumerate(lines):
        if "년" in text:
            header = split(text)
            if len(header) >= 3:
                yield h, header


def squash(text: str) -> str:
    """Fold spacing for comparisons of labels (``국 비`` = ``국비``)."""
    return _WS_RE.sub("", normalise_text(text))


_WS_RE = re.compile(r"\s+")
