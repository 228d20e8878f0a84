"""Native documents (HWPX, HWP 5, PDF) → interim text with pipe tables + exact cell grids.

One reader per format (:mod:`.hwpx`, :mod:`.hwp`, :mod:`.pdf`) gives paragraphs and :class:`~.grid.Grid`
tables in reading order; :mod:`.interim` writes ``<doc_id>.txt`` and ``<doc_id>.tables.json``.
:func:`convert_all` converts every native file of a raw folder, skipping those whose source sha256 and
converter version match the interim files already there; :func:`source_refs` maps an interim line back to
its page, table, row and column in the original file.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from .errors import ConvertError
from .interim import CONVERTER_VERSION, interim_paths, write_interim

#: Extension → format name.
NATIVE_SUFFIXES = {".hwpx": "hwpx", ".hwp": "hwp", ".pdf": "pdf"}

__all__ = ["ConvertError", "NATIVE_SUFFIXES", "ConvertOutcome", "convert_file", "convert_all", "is_native",
           "format_of", "source_ref"]


def is_native(path: Path) -> bool:
    return Path(path).suffix.lower() in NATIVE_SUFFIXES


def format_of(path: Path) -> str:
    """``hwpx``, ``hwp``, ``pdf`` or ``txt``."""
    return NATIVE_SUFFIXES.get(Path(path).suffix.lower(), "txt")


def read_native(path: Path):
    """The :class:`~.grid.Converted` blocks of one native file (the reader chosen by extension)."""
    fmt = format_of(path)
    if fmt == "hwpx":
        from .hwpx import read_hwpx
        return read_hwpx(path)
    if fmt == "hwp":
        from .hwp import read_hwp
        return read_hwp(path)
    if fmt == "pdf":
        from .pdf import read_pdf
        return read_pdf(path)
    raise ConvertError(f"not a native document ({path.suffix})", file=str(path), reason="wrong_format")


@dataclass
class ConvertOutcome:
    """One native file's conversion: ``status`` converted, cached or error; ``data`` the tables JSON."""

    source: Path
    doc_id: str
    status: str
    text_path: Path | None = None
    data: dict = field(default_factory=dict)
    error: ConvertError | None = None
    seconds: float = 0.0


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _cached(path: Path, doc_id: str, sha: str, interim_dir: Path) -> dict | None:
    txt, js = interim_paths(interim_dir, doc_id)
    if not (txt.is_file() and js.is_file()):
        return None
    try:
        data = json.loads(js.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if data.get("source_sha256") != sha or data.get("converter") != CONVERTER_VERSION \
            or data.get("source_file") != path.name:
        return None
    return data


def convert_file(path: Path, interim_dir: Path, force: bool = False) -> ConvertOutcome:
    """Convert one native file into ``interim_dir`` unless its cached conversion is current.

    A file that cannot be read gives an outcome with ``status="error"`` and its :class:`ConvertError`
    (its stale interim files, if any, are removed so they are never extracted by mistake)."""
    import time

    path = Path(path)
    doc_id = path.stem
    start = time.perf_counter()
    txt, js = interim_paths(interim_dir, doc_id)
    try:
        sha = _sha256(path)
    except OSError as exc:
        err = ConvertError(f"cannot read: {exc.strerror or exc}", file=str(path), reason="damaged")
        return ConvertOutcome(path, doc_id, "error", error=err)
    data = None if force else _cached(path, doc_id, sha, interim_dir)
    if data is not None:
        return ConvertOutcome(path, doc_id, "cached", txt, data, seconds=time.perf_counter() - start)
    try:
        converted = read_native(path)
    except ConvertError as exc:
        txt.unlink(missing_ok=True)
        js.unlink(missing_ok=True)
        return ConvertOutcome(path, doc_id, "error", error=exc, seconds=time.perf_counter() - start)
    data = write_interim(converted, doc_id, path, sha, interim_dir)
    return ConvertOutcome(path, doc_id, "converted", txt, data, seconds=time.perf_counter() - start)


def convert_all(raw_dir: Path, interim_dir: Path, force: bool = False) -> list[ConvertOutcome]:
    """Convert every native file of ``raw_dir`` (name order); unreadable ones are outcomes with their
    error, not raised."""
    from ..extract.pipeline import list_documents

    return [convert_file(p, interim_dir, force=force) for p in list_documents(raw_dir) if is_native(p)]


def _number(text: str) -> float | None:
    s = text.strip().replace(",", "").replace(" ", "")
    neg = s[:1] in "△▲-"
    s = s.lstrip("△▲-").rstrip("%")
    try:
        v = float(s)
    except ValueError:
        return None
    return -v if neg else v


#: Fact columns holding the one number a row of that table was read from (its column can be named).
_SINGLE_VALUE = {"funding": "amount_krw", "activities": "value"}
_FACTORS = (1, 1e3, 1e4, 1e6, 1e8, 1e12)


def line_index(data: dict) -> dict[int, tuple[dict, int, list[dict]]]:
    """Interim line → (table JSON, 0-based grid row, that row's cells): the cells grouped once per table."""
    out = {}
    for table in data.get("tables", []):
        by_row: dict[int, list[dict]] = {}
        for cell in table.get("cells", []):
            by_row.setdefault(cell["row"], []).append(cell)
        for r, line in enumerate(table.get("row_lines") or []):
            if line is not None:
                out[line] = (table, r, by_row.get(r, []))
    return out


def source_ref(table: dict, row: int, col: int | None = None) -> str:
    """``p.3 표2 4행 3열`` (PDF) or ``표2 4행 3열`` (HWP/HWPX): 1-based table, row and column."""
    parts = [f"p.{table['page']}"] if table.get("page") else []
    parts.append(f"표{table['index']} {row + 1}행")
    if col is not None:
        parts[-1] += f" {col + 1}열"
    return " ".join(parts)


def fact_column(row_cells: list[dict], value: float | None) -> int | None:
    """The grid column of the one cell of a row (``row_cells``, from :func:`line_index`) whose printed
    number is ``value`` in some money/count unit (won ÷ 1, 천, 만, 백만, 억, 조); None when no cell or
    several cells match."""
    if value is None or value != value:
        return None
    hits = set()
    for cell in row_cells:
        n = _number(cell["text"])
        if n is None:
            continue
        if any(abs(n * f - value) <= max(1e-6, abs(value) * 1e-9) for f in _FACTORS):
            hits.add(cell["col"])
    return hits.pop() if len(hits) == 1 else None


def add_source_refs(rows: dict[str, list[dict]], data: dict) -> int:
    """Set ``source_ref`` on every fact row whose ``line`` is a table row of the interim text; returns how
    many rows got one. The column is named when one cell of the row holds the fact's own number: the
    amount of a funding row, the value of an activity, the budget of one of several budgets read from
    the same row; otherwise the reference stops at the row."""
    from collections import Counter

    index = line_index(data)
    n = 0
    for table_name, table_rows in rows.items():
        per_line = Counter(row.get("line") for row in table_rows)
        for row in table_rows:
            hit = index.get(row.get("line"))
            if hit is None:
                continue
            table, r, row_cells = hit
            col = None
            if table_name in _SINGLE_VALUE:
                col = fact_column(row_cells, row.get(_SINGLE_VALUE[table_name]))
            elif table_name == "budgets" and per_line[row.get("line")] > 1:
                # several budgets from one row (a plan by year: one per year column): the column of each
                # one's budget cell tells them apart
                col = fact_column(row_cells, row.get("budget_krw"))
            row["source_ref"] = source_ref(table, r, col)
            n += 1
    return n
