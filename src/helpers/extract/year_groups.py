"""Two-level headers whose years span groups of sub-columns (``2023년 | 2024년`` over ``목표 | 실적 | 목표 |
실적 | 달성률``, or over ``예산액 | 집행액 | 예산액 | 집행액``).

A converter prints the year once, over the first sub-column of its group, and nothing over the others; so the
header path of ``실적`` names no year. :func:`span_years` gives each sub-column the year of its group (the
nearest year to its left), so every figure is read with its own year, one fact per year. Such a table is
read by the family readers (:mod:`.families`), which read one group per year; :func:`claims` says which
tables those are, so the typed facts an older line reader made of them (one year, a wrong pair) are
replaced, not kept beside the right ones.
"""

from __future__ import annotations

from collections import Counter

from .grid import Table, year_of
from .table_rows import keep_rows

SEP = " › "


def _year(part: str) -> int | None:
    part = part.strip()
    return year_of(part.split(" ")[0]) if part else None


def _path_year(label: str) -> int | None:
    for part in label.split(SEP):
        y = _year(part)
        if y is not None:
            return y
    return None


def span_years(labels: list[str]) -> list[str]:
    """``labels`` with each sub-column of a year group given that group's year (``실적`` → ``2023년 › 실적``);
    unchanged unless two or more years head groups whose sub-column names repeat.

    A group starts at each repetition of the first repeated sub-column name (``목표`` in ``목표 | 실적 | 목표 |
    실적 | 달성률``) and runs to the next one (a trailing ``달성률`` is the last group's); its year is the one
    year printed over any of its columns (space-aligned text centres it over the group, so it may sit over
    the second sub-column). A group with no year or two years leaves the labels unchanged."""
    years = [_path_year(lab) for lab in labels]
    if len({y for y in years if y is not None}) < 2:
        return labels
    leaves = [lab.split(SEP)[-1].strip() for lab in labels]
    counts = Counter(leaf for leaf in leaves if leaf)
    first = next((k for k, leaf in enumerate(leaves) if counts[leaf] >= 2 and (years[k] is not None or
                  any(years[j] is not None for j in range(k, len(labels))))), None)
    if first is None:
        return labels
    starts = [k for k in range(first, len(labels)) if leaves[k] == leaves[first]]
    if len(starts) < 2:
        return labels
    out = list(labels)
    for n, start in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(labels)
        group_years = {years[k] for k in range(start, end) if years[k] is not None}
        if len(group_years) != 1:
            return labels
        part = next(p for k in range(start, end) if years[k] is not None
                    for p in labels[k].split(SEP) if _year(p) is not None)
        for k in range(start, end):
            if years[k] is None and labels[k]:
                out[k] = f"{part}{SEP}{labels[k]}"
    return out


def claims(t: Table) -> bool:
    """The table has year groups some of whose sub-columns name no year (the family readers read it)."""
    labels = t.column_labels()
    return span_years(labels) != labels


def lines_of(t: Table) -> set[int]:
    """The body lines of a table."""
    return {c.line for row in t.body for c in row}


#: The typed tables an older reader may have filled from a claimed table, and the flags it raised there.
FACT_TABLES = ("indicators", "budgets", "funding", "activities")
STALE_FLAGS = frozenset({"unparsed_row", "rate_mismatch"})


def _misread(t: Table, mismatched: set, doc, ctx) -> bool:
    """An older reader's budgets of ``t`` miss the printed rate on at least half of its rows (its roles are
    wrong), while the family reader's reading (roles by the header algebra and the figures) gives budgets
    whose rates all fit: the table is re-read."""
    body = lines_of(t)
    if not body or len(body & mismatched) * 2 < len(body):
        return False
    from . import checks
    from .families import read_table
    from .result import ExtractResult

    scratch = ExtractResult()
    try:
        if not read_table(doc, ctx, t, doc.lines, scratch):
            return False
    except Exception:  # noqa: BLE001 — a failed trial keeps the older reading
        return False
    budgets = scratch.rows.get("budgets", [])
    return bool(budgets) and all(
        not checks.rate_mismatch(b.get("reported_rate"), b.get("execution"), str(b.get("reported_rate")), None)
        for b in budgets)


def release(tables: list[Table], result, doc, ctx) -> None:
    """Drop what older readers made of the tables :func:`claims`, and of the tables they misread
    (:func:`_misread`): their facts, used cells and row flags on the tables' body lines, so the family
    readers read those tables in full."""
    lines: set[int] = set()
    frame_lines: set[int] = set()
    mismatched = {f.get("line") for f in result.flags if f.get("kind") == "rate_mismatch"}
    from .families import reads_whole

    for t in tables:
        if claims(t) or reads_whole(t) or _misread(t, mismatched, doc, ctx):
            lines |= lines_of(t)
        if t.layout == "frame":  # a line reader's total check on a data frame added figures read through its index
            frame_lines |= lines_of(t)
    if not lines:
        return
    for name in FACT_TABLES:
        rows = result.rows.get(name)
        if rows:
            result.rows[name] = keep_rows(name, rows, lambda r: r.get("line") not in lines)
    result.used[:] = [u for u in result.used if int(u[0]) not in lines]
    result.flags[:] = [f for f in result.flags if not (f.get("kind") in STALE_FLAGS and f.get("line") in lines
                                                       or f.get("kind") == "total_mismatch" and f.get("line") in frame_lines)]
