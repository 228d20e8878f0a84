"""The generated data dictionary: covers every column with its Korean term, and the committed file is current."""

from helpers.dictionary import DICTIONARY_PATH, is_current, render
from helpers.schema import FIELDS, TABLES


def test_every_table_and_column_is_documented():
    text = render()
    for table, cols in TABLES.items():
        assert f"## {table}" in text
        section = text.split(f"## {table}\n", 1)[1].split("\n## ", 1)[0]
        for col in cols:
            assert f"| `{col}` | {FIELDS[col].korean} |" in section


def test_rules_come_from_the_schema():
    text = render()
    assert "format `\\d{2}\\|\\d{5}`" in text  # region_code: 2-digit 시도 or 5-digit 시군구
    assert "one of `plan`, `executed`" in text


def test_committed_dictionary_is_current():
    assert is_current(), f"{DICTIONARY_PATH.name} is stale: run `python -m helpers.dictionary`"
