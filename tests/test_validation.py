"""The pandera schemas built from the field dictionary: examples pass, each kind of corruption is named."""

import pandas as pd
import pytest

from helpers.errors import SchemaError
from helpers.schema import FIELDS, TABLES
from helpers.validation import example_frame, table_schema, validate


@pytest.mark.parametrize("table", list(TABLES))
def test_schema_columns_follow_the_dictionary(table):
    assert list(table_schema(table).columns) == TABLES[table]


@pytest.mark.parametrize("table", list(TABLES))
def test_examples_pass(table):
    out = validate(example_frame(table), table)
    assert len(out) == 1


def _error(df, table) -> str:
    with pytest.raises(SchemaError) as info:
        validate(df, table, source=f"{table}.parquet")
    return str(info.value)


def test_region_code_must_be_two_or_five_digits():
    df = example_frame("budgets")
    df["region_code"] = "1141"  # a 4-digit code is neither 시도 nor 시군구
    msg = _error(df, "budgets")
    assert "budgets.parquet" in msg and "'region_code'" in msg and "'1141'" in msg


def test_unknown_category_is_named():
    df = example_frame("funding")
    df["stage"] = "spent"  # only plan / executed
    msg = _error(df, "funding")
    assert "'stage'" in msg and "'spent'" in msg


def test_negative_amount_needs_a_printed_minus():
    df = example_frame("budgets")
    df["budget_krw"] = -70_000.0
    df["source_text"] = "사업비 70 25"
    assert "budget_krw is negative" in _error(df, "budgets")
    df["source_text"] = "감액 △70"  # triangle = minus, printed by the document
    assert validate(df, "budgets")["budget_krw"].iloc[0] == -70_000.0


def test_text_in_a_number_column_is_a_schema_error():
    df = example_frame("indicators")
    df["target"] = "오만"  # not a number
    msg = _error(df, "indicators")
    assert "'target'" in msg and "float64" in msg


def test_missing_and_extra_columns_are_named():
    df = example_frame("activities").drop(columns=["measure"])
    assert "missing column(s) measure" in _error(df, "activities")
    df = example_frame("activities").assign(note="x")
    assert "unexpected column(s) note" in _error(df, "activities")


def test_types_are_coerced_after_a_csv_round_trip(tmp_path):
    path = tmp_path / "indicators.csv"
    example_frame("indicators").to_csv(path, index=False)
    text_cols = {c: str for c in TABLES["indicators"] if FIELDS[c].dtype == "str"}
    back = pd.read_csv(path, dtype=text_cols)  # ints come back as int64, empty floats as object
    out = validate(back, "indicators")
    assert str(out["line"].dtype) == "Int64" and out["target"].dtype == "float64"
