"""A large processed table written chunk by chunk: Parquet row group by row group, CSV block by block.

:func:`.pipeline.write_tables` frames a table whole and writes it in one go: the frame, the Arrow table of
the Parquet conversion (every string copied once more, as UTF-8) and the Parquet encoder's buffers then all
exist at once beside the rows themselves — for a document of 200,000 table rows, some 100 MB more than the
rows. A table of more than ``chunk_rows`` rows is instead framed ``chunk_rows`` rows at a time, in the
written order, and each frame is appended to both files and released before the next is built:

* the CSV is the same text as the single write (one open file, the BOM once, the header once; pandas
  formats each value on its own, so where a block ends changes nothing) — byte-identical;
* the Parquet file holds one row group per chunk under one schema fixed before the first chunk (a text
  column empty in one chunk but not in the whole table is still a string column), and reads back as the
  same frame as the single write.

Small tables (every table of the five documents) keep the single write, so their bytes do not change.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path

from ..schema import TABLES, dtype_of

#: Tables of more rows than this are written in chunks of this many rows.
CHUNK_ROWS = 20_000


@contextmanager
def system_memory_pool():
    """Arrow allocates from the C library's ``malloc`` inside the block (its default pool, mimalloc, keeps
    the memory it freed: writing a 20,000-row table through it left 35 MB more resident than through
    ``malloc``, which gives large blocks back). Only where the memory comes from changes: not the bytes."""
    import pyarrow as pa

    previous = pa.default_memory_pool()
    pa.set_memory_pool(pa.system_memory_pool())
    try:
        yield
    finally:
        pa.set_memory_pool(previous)


def written_order(doc_ids: list, lines: list | None) -> list[int] | None:
    """The positions of the rows in the written order (by document, then by line, a document's rows without
    a line first; ties keep their order), or None when the rows are already in it. Computed by pandas on
    the two key columns alone, with the same stable sort :func:`.pipeline.to_frame` uses on a whole frame."""
    import pandas as pd

    from .pipeline import _in_order, _typed

    if lines is None:
        keys = pd.DataFrame({"doc_id": _typed(pd.Series(doc_ids, dtype=object), "str")})
        order = keys.sort_values(["doc_id"], kind="mergesort").index
    else:
        if _in_order(doc_ids, lines):
            return None
        keys = pd.DataFrame({"doc_id": _typed(pd.Series(doc_ids, dtype=object), "str"),
                             "line": _typed(pd.Series(lines, dtype=object), "int")})
        order = keys.sort_values(["doc_id", "line"], kind="mergesort", na_position="first").index
    positions = order.tolist()
    return None if positions == list(range(len(positions))) else positions


def chunk_frames(table: str, columns: dict[str, list], chunk_rows: int):
    """Frames of ``chunk_rows`` rows each, in the written order, typed as :func:`.pipeline.to_frame` types a
    whole table (the same :func:`.pipeline._typed` per column)."""
    import pandas as pd

    from .pipeline import _typed

    cols = TABLES[table]
    n = len(columns[cols[0]])
    order = written_order(columns["doc_id"], columns["line"] if "line" in cols else None)
    for start in range(0, n, chunk_rows):
        stop = min(start + chunk_rows, n)
        data = {}
        for col in cols:
            full = columns[col]
            values = full[start:stop] if order is None else [full[k] for k in order[start:stop]]
            data[col] = _typed(pd.Series(values, dtype=object if not values else None), dtype_of(col))
        frame = pd.DataFrame(data, columns=cols, copy=False)
        frame.index = pd.RangeIndex(start, stop)
        yield frame


def _has_text(values: list) -> bool:
    """A text column holds at least one value (``_typed`` writes None and NaN as empty)."""
    return any(v is not None and not (isinstance(v, float) and v != v) for v in values)


def parquet_schema(table: str, first, columns: dict[str, list]):
    """The Arrow schema of the whole table: the first chunk's, with each text column that is empty in that
    chunk but not in the table typed as a string column (the pandas metadata says so too)."""
    import pyarrow as pa

    schema = pa.Schema.from_pandas(first, preserve_index=False)
    meta = json.loads(schema.metadata[b"pandas"])
    for k, field in enumerate(schema):
        if pa.types.is_null(field.type) and dtype_of(field.name) == "str" and _has_text(columns[field.name]):
            schema = schema.set(k, pa.field(field.name, pa.string()))
            for col in meta["columns"]:
                if col["name"] == field.name:
                    col["pandas_type"] = "unicode"
    return schema.with_metadata({**schema.metadata, b"pandas": json.dumps(meta).encode()})


def _arrow_table(frame, schema):
    """``frame`` as an Arrow table of ``schema``, column by column from the pool in force (what
    ``pa.Table.from_pandas`` gives, without its worker threads and their allocator's retained memory)."""
    import pyarrow as pa

    pool = pa.default_memory_pool()
    arrays = [pa.Array.from_pandas(frame[f.name], type=f.type, memory_pool=pool) for f in schema]
    return pa.Table.from_arrays(arrays, schema=schema)


def write_chunked(table: str, columns: dict[str, list], parquet: Path, csv: Path,
                  write: Callable[[Path, Callable[[Path], None]], None], chunk_rows: int = CHUNK_ROWS) -> int:
    """Write ``table`` (its rows as ``columns``: one list per schema column) to ``parquet`` and ``csv``
    through ``write`` (:meth:`helpers.io.AtomicFileSet.write`), ``chunk_rows`` rows at a time; returns
    the row count. The Parquet file is written first, then the CSV, each in one pass over the chunks."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    n = len(columns[TABLES[table][0]])

    def write_parquet(path: Path) -> None:
        writer = None
        try:
            for frame in chunk_frames(table, columns, chunk_rows):
                if writer is None:
                    schema = parquet_schema(table, frame, columns)
                    writer = pq.ParquetWriter(path, schema, compression="snappy", memory_pool=pa.default_memory_pool())
                writer.write_table(_arrow_table(frame, schema))
                del frame
        finally:
            if writer is not None:
                writer.close()

    def write_csv(path: Path) -> None:
        with open(path, "w", encoding="utf-8-sig", newline="") as fh:
            for k, frame in enumerate(chunk_frames(table, columns, chunk_rows)):
                frame.to_csv(fh, index=False, header=k == 0, lineterminator="\n")
                del frame

    write(parquet, write_parquet)
    write(csv, write_csv)
    return n
