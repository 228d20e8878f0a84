"""Every processed table in one Excel workbook or a folder of CSV files, for readers outside Python.

``welfare-eval export --format xlsx --out tables.xlsx`` writes one sheet per table (``documents``,
``indicators``, …, ``quality_flags``) and a ``dictionary`` sheet (:func:`helpers.dictionary.fields`: each
column's Korean term, type, unit, rule and description); ``--format csv --out DIR`` writes ``DIR/<table>.csv``
(UTF-8 with BOM, so Excel shows Hangul) and ``DIR/dictionary.csv``.

- ``long=True`` melts each table's numeric measures (``target``, ``actual``, ``budget_krw``, ``amount_krw``
  …: the float columns of :mod:`helpers.schema`) into ``variable`` / ``value`` rows, every other
  column kept beside them, for pivot tables and seaborn's ``hue=`` (activities, already long, stays as it
  is). Missing values stay as rows (a missing
  figure is reported as missing, not dropped): one wide row gives one long row per measure.
- ``korean_headers=True`` names columns (and the measures of the long form) by their Korean terms
  (``achievement`` → ``달성률``); the dictionary sheet gives both names.

All files are written together or not at all (:func:`helpers.io.atomic_write_files`). Text cells holding
control characters that the xlsx format cannot store (a form feed from pdftotext) get U+FFFD in the workbook;
CSV keeps the text as is.
"""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd

from .dictionary import FIELD_COLUMNS, fields
from .io import atomic_write_files
from .schema import FIELDS, TABLES

FORMATS = ("xlsx", "csv")
DICTIONARY_SHEET = "dictionary"
#: Korean names of the columns the long form adds and of the dictionary sheet's columns.
EXTRA_KOREAN = {"variable": "변수", "value": "값", "table": "표", "column": "열", "korean": "한국어",
                "type": "형식", "unit": "단위", "rule": "규칙", "description": "설명", "example": "예"}


def measures(table: str) -> list[str]:
    """The numeric measure columns of ``table`` (float fields of the schema), melted by the long form."""
    return [c for c in TABLES[table] if FIELDS[c].dtype == "float"]


def to_long(df: pd.DataFrame, table: str) -> pd.DataFrame:
    """``df`` with its measures as ``variable`` / ``value`` rows, ordered by the original rows. A table
    without measures, or already long (activities: ``measure`` / ``value``; table_cells: one ``value`` per
    cell), is returned unchanged."""
    cols = measures(table)
    if not cols or "measure" in df.columns or "value" in df.columns:
        return df.reset_index(drop=True)
    ids = [c for c in df.columns if c not in cols]
    framed = df.reset_index(drop=True).assign(_row=lambda d: range(len(d)))
    long = framed.melt(id_vars=[*ids, "_row"], value_vars=cols, var_name="variable", value_name="value")
    order = {c: i for i, c in enumerate(cols)}
    long = long.assign(_m=long["variable"].map(order)).sort_values(["_row", "_m"], kind="stable")
    return long.drop(columns=["_row", "_m"]).reset_index(drop=True)


def korean_name(column: str) -> str:
    """The Korean term of a column (``achievement`` → ``달성률``); the column itself when it has none."""
    if column in FIELDS and FIELDS[column].korean:
        return FIELDS[column].korean
    return EXTRA_KOREAN.get(column, column)


def _koreanise(df: pd.DataFrame) -> pd.DataFrame:
    df = df.rename(columns=korean_name)
    if EXTRA_KOREAN["variable"] in df.columns:
        df[EXTRA_KOREAN["variable"]] = df[EXTRA_KOREAN["variable"]].map(korean_name)
    return df


def prepare(tables: dict[str, pd.DataFrame], long: bool = False, korean_headers: bool = False) -> dict[str, pd.DataFrame]:
    """The frames to write, by sheet/file name: each table (long or wide) and the dictionary."""
    out: dict[str, pd.DataFrame] = {}
    for name, df in tables.items():
        df = to_long(df, name) if long and name in TABLES else df.reset_index(drop=True)
        out[name] = _koreanise(df) if korean_headers else df
    dictionary = fields()
    if korean_headers:
        dictionary = dictionary.rename(columns=EXTRA_KOREAN)
    out[DICTIONARY_SHEET] = dictionary
    return out


#: Rows an xlsx sheet holds, the header included.
XLSX_MAX_ROWS = 1_048_576


def _xlsx_bytes(frames: dict[str, pd.DataFrame]) -> bytes:
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    too_big = [f"{name} ({len(df):,} rows)" for name, df in frames.items() if len(df) >= XLSX_MAX_ROWS]
    if too_big:
        raise ValueError(f"too many rows for an xlsx sheet: {', '.join(too_big)}; use --format csv")
    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="openpyxl") as writer:
        for name, df in frames.items():
            df = df.copy()
            for col in df.select_dtypes(exclude=["number", "bool"]).columns:
                df[col] = df[col].map(lambda v: ILLEGAL_CHARACTERS_RE.sub("\ufffd", v) if isinstance(v, str) else v)
            df.to_excel(writer, sheet_name=name[:31], index=False)
            writer.sheets[name[:31]].freeze_panes = "A2"  # header row stays visible while scrolling
    return buf.getvalue()


def _csv_bytes(df: pd.DataFrame) -> bytes:
    return df.to_csv(index=False, lineterminator="\n").encode("utf-8-sig")


def export_tables(out: Path, fmt: str = "xlsx", long: bool = False, korean_headers: bool = False,
                  processed_dir: Path | None = None, raw_dir: Path | None = None) -> list[Path]:
    """Write every processed table (see the module docstring) to ``out``; returns the files written.

    ``out`` is the workbook for ``xlsx`` and a folder for ``csv``. The tables are loaded and validated
    through :mod:`helpers.data` (rebuilt when stale, as the loaders do).
    """
    from . import data

    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}: use {' or '.join(FORMATS)}")
    tables = {name: data.load_table(name, processed_dir=processed_dir, raw_dir=raw_dir) for name in TABLES}
    frames = prepare(tables, long=long, korean_headers=korean_headers)
    out = Path(out)
    if fmt == "xlsx":
        return atomic_write_files({out: _xlsx_bytes(frames)})
    return atomic_write_files({out / f"{name}.csv": _csv_bytes(df) for name, df in frames.items()})


__all__ = ["FORMATS", "export_tables", "prepare", "to_long", "measures", "korean_name", "FIELD_COLUMNS"]
