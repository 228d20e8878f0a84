"""welfare-eval export: every table as a workbook sheet or a CSV file, long format, Korean headers, dictionary."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers.cli import main
from helpers.schema import FIELDS, TABLES
from helpers.tables_export import measures, to_long
from report_fixtures import frames, write_processed


@pytest.fixture()
def processed(tmp_path):
    return write_processed(tmp_path / "processed")


def test_xlsx_has_a_sheet_per_table_and_the_dictionary(processed, tmp_path):
    out = tmp_path / "tables.xlsx"
    assert main(["export", "--format", "xlsx", "--out", str(out), "--processed", str(processed)]) == 0
    sheets = pd.read_excel(out, sheet_name=None)
    assert list(sheets) == [*TABLES, "dictionary"]
    ind = sheets["indicators"]
    assert list(ind.columns) == TABLES["indicators"]
    assert ind["achievement"].tolist() == pytest.approx(frames()["indicators"]["achievement"].tolist(), nan_ok=True)
    assert sheets["dictionary"].set_index("column").loc["budget_krw", "korean"] == FIELDS["budget_krw"].korean
    assert not list(tmp_path.glob(".tables.xlsx.*"))  # no temporary left


def test_pandas_to_excel_works():
    # the researcher's own df.to_excel: openpyxl is a declared dependency
    import io

    buf = io.BytesIO()
    frames()["funding"].to_excel(buf, index=False)
    assert buf.getvalue()[:2] == b"PK"


def test_csv_long_with_korean_headers(processed, tmp_path):
    out = tmp_path / "csv"
    assert main(["export", "--format", "csv", "--long", "--korean-headers", "--out", str(out),
                 "--processed", str(processed)]) == 0
    assert sorted(p.name for p in out.iterdir()) == sorted([f"{t}.csv" for t in TABLES] + ["dictionary.csv"])
    assert (out / "budgets.csv").read_bytes().startswith(b"\xef\xbb\xbf")  # BOM: Excel shows Hangul
    long = pd.read_csv(out / "indicators.csv", encoding="utf-8-sig")
    wide = frames()["indicators"]
    assert len(long) == len(wide) * len(measures("indicators"))  # one row per indicator and measure
    assert FIELDS["achievement"].korean in set(long["변수"])
    assert FIELDS["indicator"].korean in long.columns and "indicator" not in long.columns
    first = long[long[FIELDS["line"].korean] == wide["line"].iloc[0]].set_index("변수")["값"]
    assert first[FIELDS["target"].korean] == wide["target"].iloc[0]
    assert first[FIELDS["actual"].korean] == wide["actual"].iloc[0]


def test_long_keeps_missing_values_and_leaves_activities():
    wide = pd.DataFrame({c: [None, None] for c in TABLES["funding"]}).assign(amount_krw=[1e6, None], line=[3, 4])
    long = to_long(wide, "funding")
    assert long["value"].tolist()[:1] == [1e6] and long["value"].isna().tolist() == [False, True]
    act = frames()["activities"]
    assert to_long(act, "activities").equals(act.reset_index(drop=True))


def test_unknown_format_is_a_usage_error(tmp_path, capsys):
    with pytest.raises(SystemExit) as err:
        main(["export", "--format", "xls", "--out", str(tmp_path / "x")])
    assert err.value.code == 2
    assert "invalid choice: 'xls'" in capsys.readouterr().err


def test_a_table_too_long_for_a_sheet_is_refused_with_the_way_out(monkeypatch):
    from helpers import tables_export

    monkeypatch.setattr(tables_export, "XLSX_MAX_ROWS", 3)
    with pytest.raises(ValueError, match=r"too many rows for an xlsx sheet: indicators \(16 rows\).*--format csv"):
        tables_export._xlsx_bytes({"indicators": frames()["indicators"]})
