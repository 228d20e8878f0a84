"""The inline pass over a document: figures outside grid tables → ``table_cells``, nothing silently lost.

Run by the pipeline after the table engine (:func:`read_inline`): the budgets :mod:`.inline_budgets` reads
are added first; then every line with two or more figures (:func:`.inline_figures.read_line`) that no table
cell holds becomes ``table_cells`` rows — bullet lists, ``label : amount`` lines, sentences with counts, tab
rows of text cells — so a user can find and filter every figure. ``table_id`` is ``p`` + the first line of
the run of consecutive such lines (a list or paragraph), ``row`` the line's place in the run, ``col`` the
figure's place in the line; ``fact_table`` names the typed table whose fact on that line holds the figure
(a prose reader's count, a budget read here), or is empty.
"""

from __future__ import annotations

from .fact_index import FactIndex
from .inline_budgets import budget_breakdowns, heading_budgets
from .inline_figures import TWO_DIGITS, close, read_line
from .line_set import LineSet, settled
from .markup_tables import is_markup_line
from .table_rows import TableRows
from .vocabulary import MONEY_UNITS

#: Longest source_text kept per cell (as :mod:`.table_cells`): a converter may print a page on one line.
MAX_SOURCE = 300


def read_inline(doc, ctx, rows: dict, cells: TableRows | None = None) -> TableRows:
    """The inline reading of one document: budget breakdowns and budget lists into ``rows["budgets"]``,
    then every figure line no table cell holds into ``table_cells`` rows, each figure naming the typed
    table whose fact on its line holds it (a prose reader's count, a budget read here), or none."""
    tables = table_lines(rows, cells)
    held = tables | fact_lines(rows)
    forced = budget_breakdowns(rows, doc.lines, held)
    forced |= heading_budgets(doc, ctx, rows, held | forced)
    return inline_cells(doc.doc_id, doc.lines, tables, forced, fact_figures(rows))


#: The figure columns of the typed tables, and whether they hold money in won.
_FACT_COLUMNS = (("target", False), ("actual", False), ("reported_rate", False), ("value", False),
                 ("budget_krw", True), ("spent_krw", True), ("amount_krw", True))


def fact_figures(rows: dict) -> FactIndex:
    """Line → (typed table, figure as printed) of the facts on it (won divided back by the row's unit), to
    name the fact table of an inline figure (:class:`.fact_index.FactIndex`: flat arrays, small for a
    document of 200,000 budget rows)."""
    out = FactIndex()
    for table in ("indicators", "budgets", "funding", "activities"):
        for line, unit, values in _figure_columns(rows.get(table) or []):
            if line is None:
                continue
            factor = MONEY_UNITS.get(str(unit or "").replace(" ", ""))
            for (_name, money), v in zip(_FACT_COLUMNS, values, strict=True):
                if isinstance(v, (int, float)) and v == v:
                    out.add(int(line), table, float(v))  # a compound (19억 5,280만원) is read in won
                    if money and factor:
                        out.add(int(line), table, v / factor)
    return out


def _figure_columns(rows):
    """``(line, unit, values of the _FACT_COLUMNS)`` of each row: read column by column from
    :class:`.table_rows.TableRows` (no row dict is built), else from the row dicts."""
    if isinstance(rows, TableRows):
        n = len(rows)
        def col(name):
            return rows.column(name) if rows.has(name) else [None] * n
        return zip(col("line"), col("unit"), zip(*(col(name) for name, _ in _FACT_COLUMNS), strict=True),
                   strict=True)
    return ((row.get("line"), row.get("unit"), tuple(row.get(name) for name, _ in _FACT_COLUMNS))
            for row in rows)


def fact_lines(rows: dict) -> LineSet | set[int]:
    """Lines a typed fact spans (``line`` … ``line_end``)."""
    held = LineSet()
    for name, table_rows in rows.items():
        if name in ("table_cells", "quality_flags"):
            continue
        if isinstance(table_rows, TableRows):  # column by column: no row dict is built
            n = len(table_rows)
            los = table_rows.column("line") if table_rows.has("line") else [None] * n
            his = table_rows.column("line_end") if table_rows.has("line_end") else [None] * n
            spans = zip(los, his, strict=True)
        else:
            spans = ((row.get("line"), row.get("line_end")) for row in table_rows)
        for lo, hi in spans:
            if lo is None:
                continue
            hi = hi or lo
            held.add_range(int(lo), int(hi))
    return settled(held)


def table_lines(rows: dict, cells: TableRows | None = None) -> LineSet | set[int]:
    """Lines a table cell (``cells``, or ``table_cells`` rows already made) holds: not read again here. A
    table line with no figure cell (a header, a row of text cells) is not held."""
    held = LineSet()
    for extra in (rows.get("table_cells"), cells):
        if extra is not None:
            lines = extra.column("line") if isinstance(extra, TableRows) else [r.get("line") for r in extra]
            held.update(int(v) for v in lines if v is not None)
    return settled(held)


def inline_cells(doc_id: str, lines: list[str], skip: set[int], forced: set[int] = frozenset(),
                 facts: FactIndex | dict[int, list[tuple[str, float]]] | None = None) -> TableRows:
    """``table_cells`` rows of the figures outside tables: every line (1-based) not in ``skip`` (lines a
    table cell holds) with two or more figures; consecutive such lines form one list
    ``p<first line>``. ``forced``: lines read here into facts (budget breakdowns and lists), written
    whatever their number of figures; ``facts``: line → (typed table, figure) of the facts on it
    (:func:`fact_figures`), naming the fact table of the figures they hold."""
    facts = facts or {}
    out = TableRows("table_cells")
    run_start, run_row, last = 0, 0, -10
    for i, text in enumerate(lines, start=1):
        if i not in forced and (i in skip or not TWO_DIGITS.search(text) or is_markup_line(text)):
            continue  # (a table's markup, ``:widths: 30 25``, holds no figure)
        read = read_line(text, least=1 if i in forced else 2)
        if not read:
            continue
        if i != last + 1:
            run_start, run_row = i, 0
        else:
            run_row += 1
        last = i
        source = text.strip()
        if len(source) > MAX_SOURCE:
            source = source[:MAX_SOURCE] + " …"
        on_line = facts.get(i, ())
        for col, (value, unit, row_label, column_label) in enumerate(read):
            used = next((t for t, v in on_line if close(v, value)), None)
            out.add(doc_id=doc_id, line=i, table_id=f"p{run_start}", row=run_row, col=col,
                    row_label=row_label or None, column_label=column_label or None, value=value,
                    unit=unit or None, fact_table=used, source_text=source)
    return out


__all__ = ["fact_figures", "fact_lines", "inline_cells", "read_inline", "table_lines"]
