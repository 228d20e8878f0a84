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


# -- report parameters on the command line (issue 15) --------------------------------------------------------

def _captured_run(monkeypatch):
    from helpers import batch

    calls = []

    class Summary:
        exit_code = 0

        def format(self, _reports):
            return "ok"

    def fake(regions, **kwargs):
        calls.append((regions, kwargs))
        return Summary()

    monkeypatch.setattr(batch, "run_reports", fake)
    return calls


def test_report_year_and_peer_group_reach_the_notebook(monkeypatch):
    calls = _captured_run(monkeypatch)
    assert main(["report", "--region", "11530", "--year", "2016", "--peer-group", "sido"]) == 0
    regions, kwargs = calls[0]
    assert regions == "11530"
    assert kwargs["parameters"] == {"year": 2016, "peer_group": "sido"}
    assert main(["report", "--region", "11530", "--peer-group", "11410, 구로구"]) == 0
    assert calls[1][1]["parameters"] == {"peer_group": "11410, 구로구"}


def test_report_all_with_a_year_takes_the_regions_with_that_year(monkeypatch, tmp_path):
    from report_fixtures import write_processed

    processed_fixture = write_processed(tmp_path / "processed")
    calls = _captured_run(monkeypatch)
    years = {}
    for t in ("indicators", "budgets", "funding", "activities", "plan_items", "sections"):
        df = pd.read_parquet(processed_fixture / f"{t}.parquet")
        for code, year in zip(df["region_code"].astype(str), df["year"], strict=False):
            years.setdefault(code, set()).add(year)
    year = max(y for ys in years.values() for y in ys if y == y)
    assert len(years) > 1  # the fixture has regions without figures for that year: they are left out
    expected = sorted(c for c, ys in years.items() if year in ys)
    assert main(["report", "--region", "all", "--year", str(int(year)), "--processed", str(processed_fixture)]) == 0
    assert calls[0][0].split(",") == expected


def test_misspelt_report_options_are_errors(monkeypatch, capsys):
    calls = _captured_run(monkeypatch)
    try:
        main(["report", "--region", "11530", "--yaer", "2016"])
    except SystemExit as exc:
        assert exc.code == 2
    assert "unrecognized arguments: --yaer" in capsys.readouterr().err
    assert main(["report", "--region", "11530", "--peer-group", "sidoo"]) == 2
    assert "--peer-group 'sidoo'" in capsys.readouterr().err
    assert calls == []  # nothing rendered
