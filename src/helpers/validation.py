"""pandera schemas of the processed tables, built from the field dictionary (:mod:`helpers.schema`).

One schema per table: the columns of ``schema.TABLES`` in order, each typed from ``schema.FIELDS``
(nullable as declared), allowed values from ``schema.CHOICES`` / ``schema.TABLE_CHOICES``, ranges and code
formats from ``schema.RULES`` (region_code = 2-digit 시도 or 5-digit 시군구 code). Amounts (``*_krw``,
counts, targets) are non-negative unless the row's ``source_text`` prints a minus (``△``/``▲``/``-``):
Korean budget tables print decreases that way, anything else negative is a corruption.

:func:`validate` turns pandera's failure report into one :class:`helpers.errors.SchemaError` naming the
table, the column and the problem, with a few offending values, instead of a traceback from inside pandas.
"""

from __future__ import annotations

import re
from functools import cache

import pandas as pd
import pandera.pandas as pa
from pandera.errors import SchemaError as PanderaSchemaError
from pandera.errors import SchemaErrors as PanderaSchemaErrors

from .errors import SchemaError
from .schema import CHOICES, FIELDS, OPTIONAL_COLUMNS, RULES, TABLE_CHOICES, TABLES

#: pandas dtypes for the dictionary's types: nullable integers, floats, plain booleans, object strings.
DTYPES = {"int": "Int64", "float": "float64", "bool": "bool", "str": "object"}

#: Characters that print a minus sign in the documents (△ and ▲ in budget tables).
MINUS_MARKS = re.compile(r"[△▲−-]\s*\d")


def _is_str_or_missing(series: pd.Series) -> pd.Series:
    return series.map(lambda v: v is None or (isinstance(v, float) and v != v) or isinstance(v, str))


def _column(table: str, name: str) -> pa.Column:
    field = FIELDS[name]
    checks: list[pa.Check] = []
    rule = RULES.get(name, {})
    if field.dtype == "str":
        checks.append(pa.Check(_is_str_or_missing, element_wise=False, error="not text"))
    allowed = TABLE_CHOICES.get((table, name)) or CHOICES.get(name)
    if allowed:
        checks.append(pa.Check.isin(list(allowed)))
    if "pattern" in rule:
        pattern = rule["pattern"]
        checks.append(pa.Check(lambda s, p=pattern: s.isna() | s.astype(str).str.fullmatch(p),
                               error=f"format {pattern}"))
    lo, hi = rule.get("range", (None, None))
    if lo is not None:
        checks.append(pa.Check.ge(lo))
    if hi is not None:
        checks.append(pa.Check.le(hi))
    dtype = DTYPES[field.dtype]
    return pa.Column(None if dtype == "object" else dtype, checks=checks, nullable=field.nullable,
                     coerce=field.dtype in ("int", "float"), required=True,
                     description=f"{field.korean}: {field.description}")


def _negative_printed(name: str):
    """Dataframe check: a negative ``name`` must come from a printed minus in ``source_text``."""

    def check(df: pd.DataFrame) -> pd.Series:
        values = pd.to_numeric(df[name], errors="coerce")
        negative = values < 0
        if "source_text" not in df.columns:
            return ~negative
        printed = df["source_text"].fillna("").astype(str).str.contains(MINUS_MARKS)
        return ~negative | printed

    return pa.Check(check, error=f"{name} is negative but source_text prints no minus (△/▲/-)")


@cache
def table_schema(table: str) -> pa.DataFrameSchema:
    """The pandera schema of processed table ``table`` (columns in contract order, strict)."""
    if table not in TABLES:
        raise KeyError(f"unknown table {table!r}; tables: {', '.join(TABLES)}")
    cols = TABLES[table]
    checks = [_negative_printed(c) for c in cols if RULES.get(c, {}).get("signed")]
    return pa.DataFrameSchema({c: _column(table, c) for c in cols}, checks=checks, strict=True, ordered=True,
                              name=table)


def schemas() -> dict[str, pa.DataFrameSchema]:
    """Every table's schema, by table name."""
    return {t: table_schema(t) for t in TABLES}


def _describe(failures: pd.DataFrame, table: str) -> str:
    """pandera's failure cases → one line per (column, check) with up to three offending values.

    A row-wise check over the whole frame (negative amount without a printed minus) is reported once,
    with the offending row numbers, instead of once per column.
    """
    lines = []
    for check, by_check in failures.groupby(failures["check"].astype(str), sort=False):
        columns = by_check["column"].astype(str).unique().tolist()
        if len(columns) > 1 and by_check["schema_context"].astype(str).eq("DataFrameSchema").all():
            rows = sorted({int(i) for i in by_check["index"].tolist() if i is not None and i == i})
            shown = ", ".join(map(str, rows[:5])) + (" …" if len(rows) > 5 else "")
            lines.append(f"{table}: {check}; {len(rows)} row(s) (rows {shown})")
            continue
        for column, group in by_check.groupby(by_check["column"].astype(str), sort=False):
            values = [repr(v) for v in group["failure_case"].head(3).tolist()]
            where = [str(i) for i in group["index"].head(3).tolist() if i is not None and i == i]
            column = "" if column in ("None", "nan") else column
            subject = f"column {column!r}" if column else "table"
            detail = f" (e.g. {', '.join(values)}" + (f" at rows {', '.join(where)}" if where else "") + ")"
            lines.append(f"{table}: {subject}: fails {check}; {len(group)} value(s){detail}")
    return "\n".join(lines)


def validate(df: pd.DataFrame, table: str, source: str | None = None) -> pd.DataFrame:
    """Validate (and type) ``df`` as processed table ``table``; raises :class:`SchemaError` on failure.

    ``source`` names the file for the message. Integer and float columns are coerced to their declared
    dtype (Parquet and CSV round-trips change them), so the result is typed as the dictionary says.
    """
    name = source or table
    schema = table_schema(table)
    absent = [c for c in OPTIONAL_COLUMNS if c in schema.columns and c not in df.columns]
    if absent:
        df = df.assign(**{c: pd.Series([None] * len(df), index=df.index, dtype=object) for c in absent})
    missing = [c for c in schema.columns if c not in df.columns]
    extra = [c for c in df.columns if c not in schema.columns]
    if missing or extra:
        parts = []
        if missing:
            parts.append(f"missing column(s) {', '.join(missing)}")
        if extra:
            parts.append(f"unexpected column(s) {', '.join(map(str, extra))}")
        raise SchemaError(f"{name}: table {table!r} has {'; '.join(parts)}; rebuild with `welfare-eval extract`")
    df = df[list(schema.columns)]
    try:
        return schema.validate(df, lazy=True)
    except PanderaSchemaErrors as exc:
        raise SchemaError(f"{name} does not match the {table!r} schema:\n{_describe(exc.failure_cases, table)}") \
            from None
    except PanderaSchemaError as exc:  # pragma: no cover - lazy mode reports SchemaErrors
        raise SchemaError(f"{name} does not match the {table!r} schema: {exc}") from None


def example_frame(table: str) -> pd.DataFrame:
    """A one-row frame of ``table`` from the fields' examples (blank where a field has none)."""
    row = {}
    for col in TABLES[table]:
        field = FIELDS[col]
        text = field.example
        allowed = TABLE_CHOICES.get((table, col))
        if allowed and text not in allowed:
            text = allowed[1]  # the field's example belongs to another table (unit: 명 vs 천원)
        if field.dtype == "int":
            row[col] = int(text) if text else (0 if not field.nullable else None)
        elif field.dtype == "float":
            row[col] = float(text) if text else None
        elif field.dtype == "bool":
            row[col] = text == "True"
        else:
            row[col] = text if text else (None if field.nullable else "x")
    df = pd.DataFrame([row], columns=TABLES[table])
    for col in TABLES[table]:
        dtype = DTYPES[FIELDS[col].dtype]
        df[col] = df[col].astype(dtype)
    return df
