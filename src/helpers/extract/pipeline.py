"""The extract step: every raw document → the processed fact tables, written atomically.

Each document is read (:mod:`.reading`), given its context (manifest defaults, region registry) and passed
to every table extractor of :data:`EXTRACTORS` (the explicit tuple of :mod:`.extractors`), then to the
table engine (:func:`_add_table_cells`). An extractor returns rows per table and quality
flags; a failure in one document or one extractor becomes a flag and the run goes on with the others.
Rows are ordered by document and line, so the same raw files always give byte-identical outputs.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from .. import config
from ..errors import InputError, ManifestError, WelfareEvalError
from ..io import atomic_file_set
from ..manifest import NO_AS_OF, DocumentMeta, load_manifest
from ..regions import RegionRegistry, registry
from ..schema import COVERAGE_TABLES, TABLES, dtype_of
from .context import settle_as_of, settled_as_of
from .extractors import EXTRACTORS as EXTRACTOR_TUPLE
from .labels import LABEL_COLUMNS, clean_label, clean_row
from .reading import Document, read_document
from .result import DocContext, Extractor, ExtractResult
from .table_rows import TableRows, keep_rows

__all__ = ["DocContext", "ExtractResult", "Extractor", "EXTRACTORS", "extract_all", "extract_document",
           "run_extract", "to_frame", "write_tables"]

#: Files in the raw folder that are not documents.
NOT_DOCUMENTS = {"sources.yaml", "sources.yml", "readme.md", "readme.txt"}


#: (name, function) of the table extractors run on every document, in order: the explicit tuple of
#: :mod:`.extractors` (a list, so a caller may run a subset).
EXTRACTORS: list[tuple[str, Extractor]] = list(EXTRACTOR_TUPLE)


def document_context(doc: Document, reg: RegionRegistry, result: ExtractResult) -> DocContext:
    """Defaults for a document: the manifest's values, and what the text states (:mod:`.document_defaults`)
    where the manifest is silent. The manifest wins on conflict; a conflict becomes an ``info`` flag naming
    the line the text states it on. An unresolvable manifest region becomes a flag."""
    from .document_defaults import detect

    meta = doc.meta
    region = None
    if meta.region:
        try:
            region = reg.resolve(meta.region, year=meta.year)
        except WelfareEvalError as exc:
            result.flag(None, "document", "region_unknown", f"manifest region {meta.region!r}: {exc}")
    found = detect(doc.lines, reg)
    year = meta.year if meta.year is not None else found.year
    as_of = None if meta.as_of == NO_AS_OF else (meta.as_of or found.as_of)  # manifest ``as_of: none`` wins
    if region is None and not meta.region and found.region is not None:
        region = reg.in_force_version(found.region.code, year)
    stated = {"region": (region.code if region else None, found.region.code if found.region else None),
              "year": (meta.year, found.year), "as_of": (None if meta.as_of == NO_AS_OF else meta.as_of, found.as_of)}
    for name, (manifest_value, text_value) in stated.items():
        if name == "region":
            manifest_value = region.code if meta.region and region else None
        if manifest_value is not None and text_value is not None and _differs(name, manifest_value, text_value, reg):
            where = found.evidence.get(name, "")
            line = int(where.split(":")[0].split()[1]) if where.startswith("line ") else None
            result.flag(line, "document", "manifest_conflict",
                        f"manifest {name} {manifest_value} differs from the text's {text_value} ({where}); "
                        "the manifest wins", severity="info", source_text=where.partition(": ")[2])
    result.document = {"title": meta.title or found.title, "region": region, "year": year, "as_of": as_of}
    return DocContext(region=region, year=year, as_of=as_of, unit=meta.unit, registry=reg)


def _differs(name: str, manifest_value, text_value, reg: RegionRegistry) -> bool:
    """A real conflict: a text region inside the manifest's (구로구 in 서울) or the reverse is no conflict."""
    if name != "region":
        return manifest_value != text_value
    a, b = reg.current(manifest_value).code, reg.current(text_value).code
    return not (a.startswith(b) or b.startswith(a))


def list_documents(raw_dir: Path) -> list[Path]:
    """The document files of ``raw_dir`` in name order (hidden files and the manifest excluded)."""
    raw_dir = Path(raw_dir)
    if not raw_dir.is_dir():
        raise InputError("raw folder not found", file=str(raw_dir))
    return sorted(p for p in raw_dir.iterdir()
                  if p.is_file() and not p.name.startswith(".") and p.name.lower() not in NOT_DOCUMENTS)


@dataclass
class ExtractRun:
    """Everything one extract run produced: rows per table (kept as columns) and a per-document summary."""

    rows: dict[str, TableRows]
    summary: list[dict]
    errors: list[str]


def extract_document(doc: Document, reg: RegionRegistry) -> ExtractResult:
    """Run every registered extractor on one document; an extractor's crash becomes an error flag."""
    result = ExtractResult()
    ctx = document_context(doc, reg, result)
    for note in doc.notes:
        result.flag(None, "document", "encoding", note)
    for name, func in EXTRACTORS:
        try:
            result.extend(func(doc, ctx))
        except Exception as exc:  # one broken extractor must not lose the other tables
            result.flag(None, "document", "extractor_error", f"{name} failed: {type(exc).__name__}: {exc}",
                        severity="error")
    _release_document_caches()  # the extractors' per-document tables: the cell grid below rebuilds its own
    _add_table_cells(doc, ctx, result)
    for table, table_rows in result.rows.items():
        if table == "table_cells":
            continue  # built with its doc_id, and it has no label column to clean
        _clean_rows(table_rows, doc.doc_id)
    _normalise_sources(result)
    for flag in result.flags:
        flag["doc_id"] = doc.doc_id
    return result


def _clean_rows(rows, doc_id: str) -> None:
    """Every fact row gets the document's id (where its extractor set none) and clean labels: one label
    cleaner for every extractor (list markers, half brackets; :func:`.labels.clean_row`)."""
    if not isinstance(rows, TableRows):
        for row in rows:
            row.setdefault("doc_id", doc_id)
            clean_row(row)
            settle_as_of(row)  # a previous year's column: its own year, no as-of (extract.context)
        return
    if rows.has("doc_id"):
        rows.map_column("doc_id", lambda _i, v: doc_id if v is None else v)
    for col in LABEL_COLUMNS:
        if rows.has(col):
            rows.map_column(col, lambda _i, v: None if v is None else clean_label(v))
    if rows.has("year"):
        years = rows.column("year")
        for col in ("as_of", "period"):
            if rows.has(col):
                rows.map_column(col, lambda i, v: settled_as_of(years[i], v))


def _release_document_caches() -> None:
    """Drop the per-document caches of the line contexts (:func:`.facts.contexts`) and the table reader
    (:func:`.tables.document_tables`): they are rebuilt on demand, and holding them through the cell grid
    and the write added a third to the peak memory of a large document."""
    from . import facts, tables

    tables.clear_cache()
    facts.clear_cache()


def _add_table_cells(doc: Document, ctx: DocContext, result: ExtractResult) -> None:
    """The table engine's pass over a document (:mod:`.blocks` → :mod:`.families` → :mod:`.table_cells`):
    every table as a cell grid; the tables none of whose figures became a typed fact are read by the family
    readers; then every numeric cell → ``table_cells`` (with the typed table that used it), and an
    ``unrecognised_table`` info flag for each table whose figures still became no typed fact."""
    from . import blocks
    from .families import read_table
    from .inline_pass import read_inline
    from .table_cells import cell_rows, fact_lookup, unrecognised_flag, unused_rows
    from .table_index import index_rows, table_spans
    from .year_groups import release

    read = []
    try:
        tables = blocks.document_tables(doc)  # found once; the readers that take blocks from it share it
        spans = table_spans(tables)  # the index of the tables, before their grids are released
        blocks.clear_cache()  # the engine releases the grids table by table as it goes
        release(tables, result, doc, ctx)  # tables the family readers read in full (two-level years, misread roles)
        # the family readers read the rows no typed fact used (whole tables, or the rest of a table an older
        # reader read in part); then every cell is matched once against all the facts
        facts = fact_lookup(result.rows, result.used)
        size = _size(result)
        unused = unused_rows(tables, facts)
        read = [v for v in unused if read_table(doc, ctx, v, doc.lines, result)]
        del unused
        if _size(result) != size:
            facts = None  # the family readers added facts: looked up again
        cells, unrecognised = cell_rows(doc.doc_id, doc.lines, result.rows, tables, result.used, release=True,
                                        facts=facts)
    except Exception as exc:  # the cell grid must never cost the typed facts
        result.flag(None, "document", "extractor_error", f"table engine failed: {type(exc).__name__}: {exc}",
                    severity="error")
        return
    if result.rows.get("table_cells"):
        cells = TableRows("table_cells", [*result.rows["table_cells"], *cells])
    # figures outside tables (lists, ``label : amount`` lines, prose): :mod:`.inline_pass`
    cells.extend(read_inline(doc, ctx, result.rows, cells))
    result.rows["table_cells"] = cells
    result.rows["table_index"] = index_rows(doc.doc_id, spans, cells)
    result.flags.extend(unrecognised_flag(t) for t in unrecognised)
    # an older reader's "not read" flag on a row of a table the family readers have now read in full is stale
    ids = {t.table_id for t in read}
    lines, facts, tids = cells.column("line"), cells.column("fact_table"), cells.column("table_id")
    read_lines = {ln for ln, fact, tid in zip(lines, facts, tids, strict=True) if fact and tid in ids}
    unread_lines = {ln for ln, fact in zip(lines, facts, strict=True) if not fact}
    result.flags[:] = [f for f in result.flags if not (f["kind"] == "unparsed_row" and f["line"] in read_lines
                                                       and f["line"] not in unread_lines)]
    _drop_empty_readings(result, read_lines)


#: The figures of each fact table: a row with none of them holds no figure of its line.
FIGURE_COLUMNS = {"indicators": ("target", "actual"), "budgets": ("budget_krw", "spent_krw"),
                  "funding": ("amount_krw",), "activities": ("value",)}


def _drop_empty_readings(result: ExtractResult, read_lines: set[int]) -> None:
    """On a line the family readers read in full, an older reader's row with no figure at all (it flagged
    the row unparsed and kept its figures empty) is dropped when another row of the same table on that line
    holds the figures: the line's figures are then read, once."""
    for table, cols in FIGURE_COLUMNS.items():
        rows = result.rows.get(table)
        if not rows or not read_lines:
            continue
        def has_figure(row, cols=cols):
            return any(row.get(c) is not None for c in cols)

        stale = read_lines & {r.get("line") for r in rows if has_figure(r)}
        if stale:
            result.rows[table] = keep_rows(table, rows, lambda r, s=stale, f=has_figure: r.get("line") not in s or f(r))


def _size(result: ExtractResult) -> int:
    """How many fact rows and used cells ``result`` holds (to tell whether a reader added any)."""
    return len(result.used) + sum(len(r) for r in result.rows.values())


def _normalise_sources(result: ExtractResult) -> None:
    """``시비`` by the region level of the row (:func:`.sources.by_region_level`), for every funding reader."""
    from .sources import by_region_level

    funding = result.rows.get("funding")
    if not funding:
        return
    if not isinstance(funding, TableRows):
        funding = result.rows["funding"] = TableRows("funding", funding)
    labels, regions = funding.column("source_label"), funding.column("region_code")
    funding.map_column("source", lambda i, v: by_region_level(v, labels[i] or "", regions[i]))


def extract_all(raw_dir: Path, reg: RegionRegistry | None = None, interim_dir: Path | None = None,
                jobs: int | None = None, while_waiting=None) -> ExtractRun:
    """Extract every document of ``raw_dir``; unreadable documents are reported, not fatal.

    Native documents (HWPX, HWP, PDF) are first converted into ``interim_dir`` (default ``data/interim``;
    :mod:`helpers.convert`) and their interim text is extracted; their fact rows get ``source_ref``.

    ``jobs``: worker processes extracting documents side by side (:mod:`.parallel`); ``None`` chooses
    (:func:`.parallel.default_jobs`), 1 extracts in this process. The outputs do not depend on it: each
    document is extracted alone and the parts are gathered in document order. ``while_waiting`` (no
    argument) is called once the workers have started, so the caller's own work overlaps theirs."""
    from ..convert.hook import native_documents
    from .parallel import document_parts

    reg = reg or registry()
    problems: list[ManifestError] = []
    manifest = load_manifest(raw_dir, problems=problems)
    native = native_documents(raw_dir, Path(interim_dir or config.INTERIM_DIR))
    rows: dict[str, TableRows] = {t: TableRows(t) for t in TABLES}
    summary: list[dict] = []
    errors = [str(p) for p in problems]
    for p in problems:
        rows["quality_flags"].append({"doc_id": "", "line": p.line, "table": "document", "kind": "manifest",
                                      "severity": "error", "message": str(p), "source_text": ""})
    tasks = [(path, manifest.get(path.name) or DocumentMeta(file=path.name)) for path in list_documents(raw_dir)]
    for part in document_parts(tasks, reg, native, jobs, while_waiting):
        for table, table_rows in part.rows.items():
            if isinstance(table_rows, TableRows) and not rows[table]:
                rows[table] = table_rows  # the first rows of a table: the part's store taken as it is, not copied
            else:
                rows[table].extend(table_rows)
        rows["quality_flags"].extend(part.flags)
        rows["documents"].append(part.document)
        summary.append(part.summary)
        if part.error:
            errors.append(part.error)
        del part  # one document's rows at a time: released once they are in the run's tables
    return ExtractRun(rows=rows, summary=summary, errors=errors)


@dataclass
class DocumentPart:
    """What one document contributes to the run: its rows per table, quality flags, ``documents`` row and
    summary line, and the error that stopped it (if any). Plain values, so a worker process can return it."""

    rows: dict[str, TableRows | list[dict]]
    flags: list[dict]
    document: dict
    summary: dict
    error: str | None = None


def extract_path(path: Path, meta: DocumentMeta, reg: RegionRegistry, native: dict) -> DocumentPart:
    """Read and extract one document file → its :class:`DocumentPart`. An unreadable file, or a failure
    outside the extractors (which flag their own), becomes the document's error row and flag: the other
    documents of the run are written either way."""
    from ..convert.hook import read_native_document

    try:
        doc = read_native_document(path, meta, native) if path in native else read_document(path, meta)
    except InputError as exc:
        return failed_part(path, meta, str(exc), "unreadable", line=exc.line)
    try:
        result = extract_document(doc, reg)
        _release_document_caches()
        if path in native:
            # the annotation sets ``source_ref`` on each fact row: row dicts for it (native documents are small)
            result.rows = {t: list(r) if isinstance(r, TableRows) and t != "table_cells" else r
                           for t, r in result.rows.items()}
            native[path].annotate(result)
        counts = {t: len(result.rows.get(t, [])) for t in COVERAGE_TABLES}
        return DocumentPart(
            rows=result.rows, flags=result.flags,
            document=_document_row(path, meta, doc, counts, len(result.flags), reg=reg, stated=result.document),
            summary={"doc_id": doc.doc_id, "encoding": doc.encoding, "lines": doc.n_lines, **counts,
                     "flags": len(result.flags)})
    except Exception as exc:  # a bug in one document's extraction must not lose the others
        _release_document_caches()
        return failed_part(path, meta, f"{path.name}: extraction failed: {type(exc).__name__}: {exc}",
                           "extractor_error")


def failed_part(path: Path, meta: DocumentMeta, message: str, kind: str, line: int | None = None) -> DocumentPart:
    """The part of a document that could not be extracted: its ``documents`` row with the error, and one
    error flag of ``kind`` naming it."""
    return DocumentPart(rows={}, document=_document_row(path, meta, None, {}, 1, error=message),
                        flags=[{"doc_id": path.stem, "line": line, "table": "document", "kind": kind,
                                "severity": "error", "message": message, "source_text": ""}],
                        summary={"doc_id": path.stem, "error": message}, error=message)


def _document_row(path: Path, meta: DocumentMeta, doc: Document | None, counts: dict, n_flags: int,
                  error: str = "", reg: RegionRegistry | None = None, stated: dict | None = None) -> dict:
    """The ``documents`` row; ``stated``: the title, region, year and as_of in force (manifest, else text)."""
    import hashlib

    stated = stated or {}
    region = stated.get("region")
    if region is None and meta.region and reg is not None:
        region = reg.try_resolve(meta.region, year=meta.year)
    from ..convert import format_of

    sha = doc.sha256 if doc else (hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "")
    return {
        "doc_id": path.stem, "file": path.name, "format": format_of(path), "url": meta.url, "sha256": sha,
        "title": stated.get("title") or meta.title or (doc.meta.title if doc else None), "publisher": meta.publisher,
        "region_code": region.code if region else None, "region_name": region.name if region else None,
        "year": stated.get("year", meta.year), "as_of": stated.get("as_of", None if meta.as_of == NO_AS_OF else meta.as_of),
        "encoding": doc.encoding if doc else None,
        "n_lines": doc.n_lines if doc else 0,
        **{f"n_{t}": counts.get(t, 0) for t in COVERAGE_TABLES}, "n_quality_flags": n_flags, "error": error or None,
    }


def to_frame(table: str, rows: TableRows | list[dict], release: bool = False):
    """Rows → a DataFrame with the schema's columns, types and a deterministic order (by document and line):
    the frame of the written files (:mod:`.table_files` types and orders the columns the same way).

    :class:`.table_rows.TableRows` are framed column by column (no row dict is built); with ``release`` each
    column is dropped from ``rows`` once framed, so a large table is not held twice. Rows already in order
    (the usual case: one document's rows come line by line) are not sorted again."""
    import pandas as pd

    from .table_files import PANDAS_DTYPE, typed_values, written_order

    cols = TABLES[table]
    if not isinstance(rows, TableRows):
        rows = TableRows(table, rows)
    order = written_order(rows.column("doc_id"), rows.column("line") if "line" in cols else None)
    data = {}
    for col in cols:
        values = rows.pop_column(col) if release else rows.column(col)
        if order is not None:
            values = [values[k] for k in order]
        kind = dtype_of(col)
        data[col] = pd.Series(typed_values(values, kind), dtype=PANDAS_DTYPE[kind])
        del values
    return pd.DataFrame(data, columns=cols, copy=False)  # the typed columns as they are: no second copy


def _typed(series, kind: str):
    """One column in the schema's type (numbers coerced, booleans without gaps, text as str or None): pandas'
    rules, which :func:`.table_files.typed_values` follows on plain values and falls back to for others."""
    import pandas as pd

    if kind == "int":
        return pd.to_numeric(series, errors="coerce").astype("Int64")
    if kind == "float":
        return pd.to_numeric(series, errors="coerce").astype("float64")
    if kind == "bool":
        return series.map(lambda v: False if v is None or v != v else bool(v)).astype(bool)  # a gap is False
    series = series.map(lambda v: None if v is None or (isinstance(v, float) and v != v) else str(v))
    return series.astype("object")


def write_tables(rows: dict[str, TableRows | list[dict]], out_dir: Path, release: bool = False,
                 chunk_rows: int | None = None) -> dict[str, int]:
    """Write every table as Parquet and CSV (UTF-8 with BOM, for Excel) atomically; returns row counts.

    All tables are written to temporary files first and replace the previous ones together
    (:func:`atomic_file_set`), so a failure or an interrupt part-way leaves the previous set of tables, not
    a mix of two runs. One table at a time is typed and written straight from its columns to its files
    (:mod:`.table_files`, without pandas); a table of more than ``chunk_rows`` rows (default
    :data:`.table_files.CHUNK_ROWS`) that many rows at a time (the same CSV bytes, Parquet row groups that
    read back as the same frame), so the peak memory is that of one chunk. ``release`` drops each table
    from ``rows`` once written.
    """
    from .table_files import CHUNK_ROWS, system_memory_pool, write_table_files

    out_dir = Path(out_dir)
    chunk_rows = CHUNK_ROWS if chunk_rows is None else chunk_rows
    counts = {}
    with system_memory_pool(), atomic_file_set() as files:
        for table in TABLES:
            store = rows.pop(table, []) if release else rows.get(table, [])
            if not isinstance(store, TableRows):
                store = TableRows(table, store)
            columns = {c: store.column(c) for c in TABLES[table]}
            del store
            counts[table] = write_table_files(table, columns, out_dir / f"{table}.parquet",
                                              out_dir / f"{table}.csv", files.write, chunk_rows)
            del columns
    return counts


def _import_writer() -> None:
    """Import what :func:`write_tables` needs (pyarrow: about a quarter of a second) and read the pandas
    version its Parquet metadata names, while the worker processes extract, instead of after them."""
    import pyarrow.parquet  # noqa: F401

    from .table_files import pandas_version

    pandas_version()


def run_extract(raw_dir: Path | None = None, out_dir: Path | None = None, echo=print,
                interim_dir: Path | None = None, jobs: int | None = None) -> int:
    """The ``welfare-eval extract`` command: extract, write, print a summary; returns the exit code.

    The exit code is 0 when every document was read, 1 when some could not be (their errors are
    printed and recorded in ``quality_flags``); the readable documents are written either way.
    """
    from ..convert.cli import default_interim

    raw_dir = Path(raw_dir or config.RAW_DIR)
    interim_dir = default_interim(out_dir, interim_dir)
    out_dir = Path(out_dir or config.PROCESSED_DIR)
    run = extract_all(raw_dir, interim_dir=interim_dir, jobs=jobs, while_waiting=_import_writer)
    counts = write_tables(run.rows, out_dir, release=True)
    for s in run.summary:
        if "error" in s:
            echo(f"  {s['doc_id']}: ERROR {s['error']}")
        else:
            parts = ", ".join(f"{t} {s[t]}" for t in COVERAGE_TABLES)
            echo(f"  {s['doc_id']} ({s['encoding']}, {s['lines']} lines): {parts}; flags {s['flags']}")
    echo("wrote " + ", ".join(f"{t} {n}" for t, n in counts.items()) + f" rows to {out_dir}")
    for err in run.errors:
        print(f"error: {err}", file=sys.stderr)
    return 1 if run.errors else 0
