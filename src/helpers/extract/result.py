"""The types every extractor shares: what one extractor found (:class:`ExtractResult`) and the document
defaults it reads under (:class:`DocContext`). Their own module, so extractors need not import the pipeline
that runs them (no import cycle: the pipeline imports the extractors, never the reverse).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from ..regions import Region, RegionRegistry
    from .reading import Document


@dataclass
class ExtractResult:
    """What one extractor found in one document: rows per table name, and quality flags."""

    #: rows per table name: a :class:`.table_rows.TableRows` (reads like a list of row dicts) for the
    #: processed tables of the schema
    rows: dict[str, list[dict]] = field(default_factory=dict)
    flags: list[dict] = field(default_factory=list)
    #: document-level values in force (manifest, else detected from the text): title, region, year, as_of
    document: dict = field(default_factory=dict)
    #: (line, printed figure, table) of cells a fact used that lie off the fact's own line (a target row
    #: above its actual row): :mod:`.table_cells` attributes them to that table
    used: list[tuple[int, float, str]] = field(default_factory=list)

    def add(self, table: str, row: dict) -> None:
        """Add one fact row; rows of the processed tables are kept as columns (:class:`.table_rows.TableRows`:
        a large document's rows as dicts would cost several times their values)."""
        self._store(table).append(row)

    def _store(self, table: str):
        store = self.rows.get(table)
        if store is None:
            from ..schema import TABLES
            from .table_rows import TableRows

            store = self.rows[table] = TableRows(table) if table in TABLES else []
        return store

    def flag(self, line: int | None, table: str, kind: str, message: str, severity: str = "warning",
             source_text: str = "") -> None:
        """Record a quality flag (doc_id is filled in by the pipeline)."""
        self.flags.append({"line": line, "table": table, "kind": kind, "severity": severity,
                           "message": message, "source_text": source_text})

    def extend(self, other: ExtractResult) -> None:
        """Add ``other``'s rows, flags and used cells; ``other`` is handed over: a table this result has no
        rows of yet takes ``other``'s store as it is (a large document's rows are not copied)."""
        from .table_rows import TableRows

        for table, rows in other.rows.items():
            if isinstance(rows, TableRows) and not self.rows.get(table):
                self.rows[table] = rows
                continue
            self._store(table).extend(rows)
        self.flags.extend(other.flags)
        self.used.extend(other.used)


@dataclass
class DocContext:
    """Document-level defaults: the manifest's (or detected) region, year, as_of and money unit."""

    region: Region | None
    year: int | None
    as_of: str | None
    unit: str | None
    registry: RegionRegistry


Extractor = Callable[["Document", DocContext], ExtractResult]
