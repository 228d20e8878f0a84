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


def test_dictionary_as_a_frame_for_notebooks():
    from helpers import data

    df = data.dictionary("indicators")
    assert df["column"].tolist() == TABLES["indicators"]
    row = df.set_index("column").loc["achievement"]
    assert row["korean"] == FIELDS["achievement"].korean and row["type"] == FIELDS["achievement"].dtype
    assert len(data.dictionary()) == sum(len(c) for c in TABLES.values())
    import pytest

    with pytest.raises(KeyError, match="tables: "):
        data.dictionary("indicator")


def test_dictionary_cli_help_writes_nothing(tmp_path):
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "-m", "helpers.dictionary", "--help"], capture_output=True, text=True,
                         cwd=tmp_path)
    assert out.returncode == 0 and "--out" in out.stdout and "--check" in out.stdout
    assert list(tmp_path.iterdir()) == []  # no file named --help
    target = tmp_path / "dd.md"
    subprocess.run([sys.executable, "-m", "helpers.dictionary", "--out", str(target)], check=True, cwd=tmp_path)
    assert target.read_text(encoding="utf-8") == render()
    check = subprocess.run([sys.executable, "-m", "helpers.dictionary", "--check", "--out", str(target)], cwd=tmp_path)
    assert check.returncode == 0
    target.write_text("old", encoding="utf-8")
    stale = subprocess.run([sys.executable, "-m", "helpers.dictionary", "--check", "--out", str(target)],
                           capture_output=True, text=True, cwd=tmp_path)
    assert stale.returncode == 1 and "stale" in stale.stderr
