"""The ``table_cells`` processed table: every numeric cell of every detected table, nothing silently lost.

Each figure of each table the block finder (:mod:`.blocks`) sees becomes one row: its line, table, row and
column, the row label and the column's header path, its value and printed unit, and ``fact_table``: the
typed table (indicators, budgets, funding, activities) whose fact on that line holds this value, or empty.
A table none of whose figures became a typed fact gets one ``unrecognised_table`` info flag naming its
header, so a reader sees what the extractors did not understand.
"""

from __future__ import annotations

import copy

from .blocks import find_tables
from .compact_rows import body_for
from .fact_index import FactIndex
from .grid import Table
from .numbers import MONEY_UNITS
from .table_rows import TableRows

#: The typed tables whose facts may use a cell, in the order a cell is attributed to them.
FACT_ORDER = ("indicators", "budgets", "funding", "activities", "plan_items")
#: The numeric columns of those tables (amounts in won, counts and rates as printed).
_VALUE_COLUMNS = ("target", "actual", "reported_rate", "budget_krw", "spent_krw", "amount_krw", "value")


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-6 * max(1.0, abs(a), abs(b))


_MONEY_COLUMNS = ("budget_krw", "spent_krw", "amount_krw")
#: Longest source_text kept per cell: a converter may put a whole page on one line (1 MB of figures), and
#: each of its cells must not copy it.
MAX_SOURCE = 300


def _source(lines: list[str], line: int, cache: dict[int, str]) -> str:
    if line not in cache:
        text = lines[line - 1].strip()
        cache[line] = text if len(text) <= MAX_SOURCE else text[:MAX_SOURCE] + " …"
    return cache[line]


def _fact_values(rows: dict[str, list[dict]], out: FactIndex) -> None:
    """Line → (fact table, figure as printed) of every figure a typed fact holds, added to ``out`` (amounts
    in won are divided back by the row's unit, so a cell matches only the fact that read it in that unit)."""
    for table in FACT_ORDER:
        store = rows.get(table)
        if not store:
            continue
        if not isinstance(store, TableRows):
            store = TableRows(table, store)
        names = [c for c in _VALUE_COLUMNS if store.has(c)]
        units = store.column("unit") if store.has("unit") else [None] * len(store)
        for k, line in enumerate(store.column("line")):
            if line is None:
                continue
            factor = MONEY_UNITS.get(str(units[k] or "").replace(" ", ""))
            for col in names:
                v = store.column(col)[k]
                if not isinstance(v, (int, float)) or v != v:
                    continue
                if col in _MONEY_COLUMNS:
                    if not factor:
                        continue
                    v = v / factor
                out.add(int(line), table, float(v))


def _used_by(value: float, candidates: list[tuple[str, float]]) -> str:
    for table, v in candidates:
        if _close(value, v):
            return table
    return ""


def fact_lookup(rows: dict[str, list[dict]], used: list[tuple[int, float, str]] = ()) -> FactIndex:
    """Line → (fact table, figure as printed) of every figure the typed facts hold (:func:`_fact_values`)
    and of every cell a fact read off its own line (``used``: line, printed figure, table), in that order
    on each line (:class:`.fact_index.FactIndex`: flat arrays, a large document's lookup stays small)."""
    facts = FactIndex()
    _fact_values(rows, facts)
    for line, value, table in used:
        facts.add(int(line), table, float(value))
    return facts


def cell_rows(doc_id: str, lines: list[str], rows: dict[str, list[dict]], tables: list[Table] | None = None,
              used: list[tuple[int, float, str]] = (), release: bool = False,
              facts: FactIndex | None = None) -> tuple[TableRows, list[Table]]:
    """``table_cells`` rows of one document (and the tables that no typed fact used); ``used``: cells a
    fact read off its own line (line, printed figure, table). The rows are kept as columns
    (:class:`.table_rows.TableRows`): a large document has several cells per table row. With ``release``
    each table is dropped from ``tables`` once its cells are rows, so a large document's cell grid and its
    ``table_cells`` rows are not held in full at the same time. ``facts``: :func:`fact_lookup` of ``rows``
    and ``used`` when the caller has it."""
    tables = find_tables(lines) if tables is None else tables
    facts = fact_lookup(rows, used) if facts is None else facts
    out = TableRows("table_cells")
    unrecognised: list[Table] = []
    sources: dict[int, str] = {}
    for k, t in enumerate(tables):
        if release:
            tables[k] = None
        labels = t.column_labels()
        used_any = False
        for r, index in enumerate(t.index):  # a data frame's row numbers: printed, kept, read by no fact
            for cell in index:
                if cell.number is not None:
                    out.add(doc_id=doc_id, line=cell.line, table_id=t.table_id, row=r, col=cell.col,
                            row_label=t.row_label(t.body[r]) or None, column_label=labels[cell.col] or None,
                            value=cell.value, unit=cell.unit or None, fact_table=None,
                            source_text=_source(lines, cell.line, sources))
        row, row_label = -1, None
        for r, cell in t.numeric_cells():
            if r != row:  # once per row: a row may hold very many cells
                if release and used_any and row >= 0:
                    t.body[row] = None  # a used table gets no flag: its rows already read are released
                row, row_label = r, t.row_label(t.body[r]) or None
            fact = _used_by(cell.value, facts.get(cell.line, []))
            used_any = used_any or bool(fact)
            out.add(
                doc_id=doc_id, line=cell.line, table_id=t.table_id, row=r, col=cell.col,
                row_label=row_label,
                column_label=(labels[cell.col] if cell.col < len(labels) else "") or None,
                value=cell.value, unit=cell.unit or None, fact_table=fact or None,
                source_text=_source(lines, cell.line, sources) if cell.line - 1 not in t.own_text
                else _source(t.own_text, cell.line, {}),  # a table printed beside another: its side
            )
        if not used_any:
            unrecognised.append(t)
    return out, unrecognised


def unrecognised_flag(t: Table) -> dict:
    """The ``unrecognised_table`` info flag of a table whose figures became no typed fact."""
    head = t.header_text() or "no header"
    n = sum(1 for _ in t.numeric_cells())
    return {"line": t.line, "table": "table_cells", "kind": "unrecognised_table", "severity": "info",
            "message": f"table {t.table_id} ({t.layout}, lines {t.line}-{t.line_end}, header: {head[:120]}): "
                       f"its {n} figures are in table_cells but became no typed fact",
            "source_text": t.title}


def unused_rows(tables: list[Table], facts: FactIndex) -> list[Table]:
    """Views of the tables holding only their body rows none of whose figures a typed fact used (the
    header kept; ``facts``: :func:`fact_lookup`): what is left for the family readers. A table with every
    row used gives no view."""
    out = []
    for t in tables:
        used = {r for r, cell in t.numeric_cells() if _used_by(cell.value, facts.get(cell.line, []))}
        keep = body_for(len(t.body))  # a large table's view stays compact
        for r, row in enumerate(t.body):
            if r not in used:
                keep.append(row)
        if keep and any(c.number is not None or c.parts for row in keep for c in row):
            view = copy.copy(t)
            view.body = keep
            out.append(view)
    return out
