"""The ``table_index`` table: one row per table the block finder detected, with the lines it spans.

``table_cells`` holds a table's figures at the lines they are printed on; the lines of its header (a
``계 | 4급 교육 | 5급 교육`` row over the figures, header cells printed one per line) and its text-only rows
hold none. The index names the whole span (``line`` … ``line_end``, header included), the layout, the
column labels and what became of the figures (``n_cells``; ``fact_tables``: the typed tables that used
them, empty when none — the table then also has an ``unrecognised_table`` flag). It is the place to
look up which table a line of a document belongs to.
"""

from __future__ import annotations

from .grid import Table
from .table_rows import TableRows


def table_spans(tables: list[Table]) -> list[dict]:
    """The index rows of the detected tables, taken before the engine releases their grids (without
    ``doc_id``, ``n_cells`` and ``fact_tables``: :func:`index_rows` adds them once the cells are read)."""
    return [{"table_id": t.table_id, "line": t.line, "line_end": t.line_end, "layout": t.layout or None,
             "header": " | ".join(label for label in t.column_labels() if label) or None, "n_rows": len(t.body)}
            for t in tables if t.header or t.body]


def index_rows(doc_id: str, spans: list[dict], cells: TableRows) -> TableRows:
    """``table_index`` rows of one document: ``spans`` (:func:`table_spans`) with the count of each table's
    ``table_cells`` rows and the typed tables those cells fed."""
    count: dict[str, int] = {}
    used: dict[str, set[str]] = {}
    for tid, fact in zip(cells.column("table_id"), cells.column("fact_table"), strict=True):
        count[tid] = count.get(tid, 0) + 1
        if fact:
            used.setdefault(tid, set()).add(fact)
    out = TableRows("table_index")
    for span in spans:
        tid = span["table_id"]
        out.append({"doc_id": doc_id, **span, "n_cells": count.get(tid, 0),
                    "fact_tables": ", ".join(sorted(used.get(tid, ()))) or None})
    return out
