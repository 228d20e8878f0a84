"""The ``sections`` table: which lines of a document cover which region (지역별 수록 범위).

A document covers a region whether or not figures could be extracted there: a casebook's part may be
case-study prose only. Built from the line contexts (:mod:`.context`): one row per contiguous span of lines
under the same region — a PART of a multi-region report, or the whole document for a single-region one
(its default region gives one span). Lines before the first region (cover, table of contents) belong to
no span. ``title`` is the span's PART heading (``PART Ⅱ- 1 부산광역시 연제구``) or, for a document-wide span,
the document title; ``source_text`` holds the raw heading line(s) the span was recognised from.
"""

from __future__ import annotations

import re

from .context import PART_RE
from .facts import contexts
from .numbers import normalise_text
from .result import ExtractResult

#: How far from a span's first line the PART marker of a two-line cover (`` 경기도 성남시`` / ``PARTⅠ- 4``)
#: may stand.
_COVER_WINDOW = 5


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def span_heading(lines: list[str], start: int, part: str, region_name: str) -> tuple[str, str]:
    """``(title, source_text)`` of a region span starting at 0-based ``start`` under PART ``part``.

    ``PART Ⅴ- 1  부산광역시`` titles itself; a bare ``PARTⅡ- 1`` marker next to a region line gives
    ``PART Ⅱ- 1 부산광역시 연제구`` (marker + the region's name). Only a marker with the span's own PART
    label counts: the contents page listing the next parts often stands a line away.
    """
    first = _squash(lines[start])
    lo, hi = max(0, start - _COVER_WINDOW), min(len(lines), start + _COVER_WINDOW + 1)
    for j in sorted(range(lo, hi), key=lambda k: (abs(k - start), k < start)):
        m = PART_RE.match(normalise_text(lines[j]))
        if not m or re.sub(r"\s+", "", m.group(1)) != part:
            continue
        marker = _squash(lines[j])
        if m.group(2):  # the marker names the region itself
            return re.sub(r"^PART\s*", "PART ", marker), marker
        title = re.sub(r"^PART\s*", "PART ", f"{marker} {region_name}")
        source = marker if j == start else "\n".join((marker, first) if j < start else (first, marker))
        return title, source
    return first, first


def extract_sections(doc, ctx) -> ExtractResult:
    """One ``sections`` row per contiguous region span of the document."""
    result = ExtractResult()
    lcs = contexts(doc, ctx)
    lines = doc.lines
    spans: list[list] = []  # [start, end, context at start]
    for i, lc in enumerate(lcs):
        code = lc.region.code if lc.region else None
        if spans and spans[-1][2].region is not None and spans[-1][2].region.code == code:
            spans[-1][1] = i
        else:
            spans.append([i, i, lc])
    for start, end, lc in spans:
        if lc.region is None:
            continue  # cover pages and contents: no region in force
        if lc.part:
            title, source = span_heading(lines, start, lc.part, lc.region.name)
        else:
            title = doc.meta.title or ""
            first = next((k for k in range(start, end + 1) if lines[k].strip()), start)
            source = _squash(lines[first])
        result.add("sections", {
            "doc_id": doc.doc_id, "line": start + 1, "end_line": end + 1, "region_code": lc.region.code,
            "region_name": lc.region.name, "year": lc.year, "title": title or None, "source_text": source,
        })
    return result
