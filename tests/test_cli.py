"""The console script: help lists the commands; extract writes every table and goes on past bad files."""

import subprocess
import sys

import pandas as pd

from helpers.cli import build_parser, main
from helpers.schema import TABLES


def test_help_lists_commands():
    text = build_parser().format_help()
    for cmd in ("extract", "regions", "report", "run"):
        assert cmd in text


def test_console_script_help():
    out = subprocess.run([sys.executable, "-m", "helpers.cli", "--help"], capture_output=True, text=True, check=True)
    assert "extract" in out.stdout


def test_extract_writes_all_tables_and_reports_bad_files(tmp_path, capsys):
    raw, out = tmp_path / "raw", tmp_path / "out"
    raw.mkdir()
    (raw / "good.txt").write_text("(단위 : 천원)\n총 계 1,000 900 90.0%\n", encoding="utf-8")
    (raw / "empty.txt").write_text("", encoding="utf-8")
    code = main(["extract", "--raw", str(raw), "--out", str(out)])
    assert code == 1  # one document could not be read
    err = capsys.readouterr().err
    assert "empty.txt: empty file" in err
    for table, cols in TABLES.items():
        df = pd.read_parquet(out / f"{table}.parquet")
        assert list(df.columns) == cols
        assert (out / f"{table}.csv").read_bytes().startswith(b"\xef\xbb\xbf")  # BOM for Excel
    docs = pd.read_parquet(out / "documents.parquet")
    assert sorted(docs["file"]) == ["empty.txt", "good.txt"]
    assert docs.set_index("file").loc["empty.txt", "error"].startswith(str(raw / "empty.txt"))
