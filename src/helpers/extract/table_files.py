"""A processed table written as its two files, CSV and Parquet, straight from its columns (no pandas).

The files are the bytes ``pandas`` wrote before (``DataFrame.to_csv`` / ``DataFrame.to_parquet`` of the
:func:`.pipeline.to_frame` frame), without importing pandas: that import cost the extract step about half
a second of CPU, more than the extraction of its largest document. What pandas did is done here on plain
values:

* **types** (:func:`typed_values`): each column coerced to its schema type as :func:`.pipeline._typed`
  coerces it — text as ``str`` or empty, whole numbers, floats (NaN is empty), booleans without gaps. A value
  outside the plain types (a numpy scalar, a number printed as text) is typed by pandas itself, so the rare
  case keeps pandas' rules. One quirk is not kept: pandas read a float column whose first value is an
  integer and whose others are all whole as integers, so a ``-0.0`` there lost its sign, depending on the
  row order; here a value keeps its sign wherever it stands;
* **order** (:func:`written_order`): by document, then by line (a document's rows without a line first),
  the stable order of pandas' merge sort; rows already in it are not sorted;
* **CSV**: the standard ``csv`` writer pandas itself hands its rows to (minimal quoting, ``\\n`` line ends,
  UTF-8 with BOM), given the typed values (it prints a float as ``repr``, as pandas' ``astype(str)`` does,
  and an empty value as nothing);
* **Parquet**: the Arrow table ``Table.from_pandas`` built (text columns typed string, or null when every
  value is empty; ``Int64`` as int64 with gaps; the ``pandas`` schema metadata that restores the dtypes on
  reading), written by the same ``pyarrow.parquet`` writer with Snappy compression.

A table of more than ``chunk_rows`` rows is typed and written ``chunk_rows`` rows at a time in the written
order (one Parquet row group per chunk under one schema fixed for the whole table; the CSV through one
open file), so the peak memory of the write is that of one chunk, whatever the table's size. ``tests/
test_table_files.py`` checks the bytes against pandas' own writers on generated tables.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Callable
from contextlib import contextmanager
from functools import cache
from pathlib import Path

from ..schema import TABLES, dtype_of

#: Tables of more rows than this are typed and written in chunks of this many rows.
CHUNK_ROWS = 20_000

#: Per schema type: the pandas dtype of the column in a frame, and its Arrow type's name in pandas' metadata.
PANDAS_DTYPE = {"str": "object", "int": "Int64", "float": "float64", "bool": "bool"}
PANDAS_TYPE = {"int": "int64", "float": "float64", "bool": "bool"}  # text: "unicode", or "empty" if all null


def _missing(v) -> bool:
    """None or a float NaN: an empty cell."""
    return v is None or (isinstance(v, float) and v != v)


def typed_values(values: list, kind: str) -> list:
    """``values`` coerced to the schema type ``kind`` (str, int, float, bool) as plain Python values, ``None``
    for an empty cell: what :func:`.pipeline._typed` makes of them. Values of another type than the plain
    ones are typed by :func:`.pipeline._typed` itself (pandas' ``to_numeric`` rules)."""
    if kind == "str":
        return [None if _missing(v) else (v if type(v) is str else str(v)) for v in values]
    if kind == "bool":
        return [False if v is None or v != v else bool(v) for v in values]
    if kind == "float":
        if all(v is None or type(v) is float or (type(v) is int and -2**53 <= v <= 2**53) for v in values):
            return [None if v is None or v != v else float(v) for v in values]
    elif kind == "int":
        if all(v is None or (type(v) is int and -2**53 <= v <= 2**53)
               or (type(v) is float and (v != v or (v.is_integer() and -2**53 <= v <= 2**53))) for v in values):
            return [None if v is None or v != v else int(v) for v in values]
    return _typed_by_pandas(values, kind)


def _typed_by_pandas(values: list, kind: str) -> list:
    """The rare column holding values of other types: typed by pandas, as the frame was."""
    import pandas as pd

    from .pipeline import _typed

    series = _typed(pd.Series(values, dtype=object), kind)
    if kind == "float":
        return [None if v != v else float(v) for v in series.tolist()]
    if kind == "int":
        return [None if v is pd.NA else int(v) for v in series.astype(object).tolist()]
    return series.tolist()


def in_order(doc_ids: list, lines: list) -> bool:
    """The rows are already in the written order: by document, then by line (a document's rows without a
    line first), as a stable sort would leave them."""
    for k in range(1, len(doc_ids)):
        da, db = doc_ids[k - 1], doc_ids[k]
        if da is None or db is None or da > db:
            return False
        if da < db:
            continue
        la, lb = lines[k - 1], lines[k]
        if la is None or la != la:
            continue
        if lb is None or lb != lb or lb < la:
            return False
    return True


def written_order(doc_ids: list, lines: list | None) -> list[int] | None:
    """The positions of the rows in the written order, or None when the rows are already in it: a table
    with lines by document, then line, empty keys first (pandas' ``na_position="first"``); a table without
    lines by document, empty ones last (pandas' default). Stable: ties keep their order, as pandas' merge
    sort keeps them. The keys are typed as the written columns are."""
    docs = typed_values(doc_ids, "str")
    if lines is None:
        order = sorted(range(len(docs)), key=lambda i: (docs[i] is None, docs[i] or ""))
    else:
        nums = typed_values(lines, "int")
        if in_order(docs, nums):
            return None
        order = sorted(range(len(docs)), key=lambda i: (docs[i] is not None, docs[i] or "",
                                                        nums[i] is not None, nums[i] or 0))
    return None if order == list(range(len(order))) else order


@cache
def pandas_version() -> str:
    """The installed pandas' version, which the Parquet metadata names (as ``to_parquet`` wrote it), read
    from the package's metadata when pandas itself is not imported."""
    pd = sys.modules.get("pandas")
    if pd is not None and hasattr(pd, "__version__"):
        return pd.__version__
    from importlib.metadata import version

    return version("pandas")


def arrow_schema(table: str, columns: dict[str, list]):
    """The Arrow schema of ``table``, with the ``pandas`` metadata ``Table.from_pandas`` gives a frame of
    the typed columns (no index kept): a text column is string when any of its values is not empty, else
    null (pandas type "empty")."""
    import pyarrow as pa

    arrow = {"int": pa.int64(), "float": pa.float64(), "bool": pa.bool_()}
    fields, meta = [], []
    for name in TABLES[table]:
        kind = dtype_of(name)
        if kind == "str":
            text = any(not _missing(v) for v in columns[name])
            fields.append(pa.field(name, pa.string() if text else pa.null()))
            pandas_type = "unicode" if text else "empty"
        else:
            fields.append(pa.field(name, arrow[kind]))
            pandas_type = PANDAS_TYPE[kind]
        meta.append({"name": name, "field_name": name, "pandas_type": pandas_type,
                     "numpy_type": PANDAS_DTYPE[kind], "metadata": None})
    pandas_meta = {"index_columns": [], "column_indexes": [], "columns": meta, "attributes": {},
                   "creator": {"library": "pyarrow", "version": pa.__version__},
                   "pandas_version": pandas_version()}
    return pa.schema(fields, metadata={b"pandas": json.dumps(pandas_meta).encode("utf8")})


def typed_chunks(table: str, columns: dict[str, list], chunk_rows: int):
    """The rows in the written order, ``chunk_rows`` at a time: each chunk as one list of typed values per
    schema column."""
    cols = TABLES[table]
    n = len(columns[cols[0]])
    order = written_order(columns["doc_id"], columns["line"] if "line" in cols else None)
    for start in range(0, max(n, 1), max(chunk_rows, 1)):
        stop = min(start + chunk_rows, n)
        chunk = []
        for col in cols:
            full = columns[col]
            values = full[start:stop] if order is None else [full[k] for k in order[start:stop]]
            chunk.append(typed_values(values, dtype_of(col)))
        yield chunk


def arrow_chunk(chunk: list[list], schema):
    """One chunk's typed columns as an Arrow table of ``schema``, each column built from its buffers
    (:func:`_arrow_array`)."""
    import pyarrow as pa

    return pa.Table.from_arrays([_arrow_array(values, field.type) for field, values in zip(schema, chunk, strict=True)],
                                schema=schema)


def _arrow_array(values: list, arrow_type):
    """One column's typed values (``None`` for an empty cell) as an Arrow array of ``arrow_type``, built from
    its buffers: the validity bitmap, then the values (fixed width, bit-packed booleans, or the offsets
    and UTF-8 bytes of the text). Not ``pa.array``: on a list or an ndarray it imports pandas (to ask
    whether the values are a pandas object), the import this module exists to avoid."""
    import numpy as np
    import pyarrow as pa

    n = len(values)
    if pa.types.is_null(arrow_type):
        return pa.nulls(n)
    present = np.fromiter((v is not None for v in values), dtype=bool, count=n)
    nulls = n - int(present.sum())
    validity = pa.py_buffer(np.packbits(present, bitorder="little")) if nulls else None
    if pa.types.is_string(arrow_type):
        data = [b"" if v is None else v.encode("utf-8") for v in values]
        ends = np.cumsum(np.fromiter(map(len, data), dtype=np.int64, count=n))
        if n and ends[-1] >= 2**31:  # a chunk's text over 2 GB: beyond 32-bit offsets
            raise ValueError(f"{ends[-1]} bytes of text in one chunk of a column: write smaller chunks")
        offsets = np.zeros(n + 1, dtype=np.int32)
        offsets[1:] = ends
        buffers = [validity, pa.py_buffer(offsets), pa.py_buffer(b"".join(data))]
    elif pa.types.is_boolean(arrow_type):
        bits = np.fromiter((bool(v) for v in values), dtype=bool, count=n)
        buffers = [validity, pa.py_buffer(np.packbits(bits, bitorder="little"))]
    else:
        dtype = np.int64 if pa.types.is_int64(arrow_type) else np.float64
        zero = dtype(0)
        buffers = [validity, pa.py_buffer(np.fromiter((zero if v is None else v for v in values), dtype=dtype, count=n))]
    array = pa.Array.from_buffers(arrow_type, n, buffers, null_count=nulls)
    array.validate()
    return array


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


def write_table_files(table: str, columns: dict[str, list], parquet: Path, csv_path: Path,
                      write: Callable[[Path, Callable[[Path], None]], None], chunk_rows: int = CHUNK_ROWS) -> int:
    """Write ``table`` (its rows as ``columns``: one list per schema column, left unchanged) to ``parquet``
    and ``csv_path`` through ``write`` (:meth:`helpers.io.AtomicFileSet.write`), ``chunk_rows`` rows at a
    time; returns the row count. The Parquet file is written first, then the CSV."""
    import pyarrow.parquet as pq

    cols = TABLES[table]
    n = len(columns[cols[0]])
    schema = arrow_schema(table, columns)

    def write_parquet(path: Path) -> None:
        with pq.ParquetWriter(path, schema, compression="snappy") as writer:
            for chunk in typed_chunks(table, columns, chunk_rows):
                writer.write_table(arrow_chunk(chunk, schema))
                del chunk

    def write_csv(path: Path) -> None:
        with open(path, "w", encoding="utf-8-sig", newline="") as fh:
            out = csv.writer(fh, lineterminator="\n")
            out.writerow(cols)
            for chunk in typed_chunks(table, columns, chunk_rows):
                out.writerows(zip(*chunk, strict=True))
                del chunk

    write(parquet, write_parquet)
    write(csv_path, write_csv)
    return n
