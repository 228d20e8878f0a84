"""The one-line loaders: region lineage, year filter, typed output, clear errors, automatic rebuild."""

import os
import time

import pandas as pd
import pytest

from helpers import data
from helpers.errors import DataMissingError, SchemaError
from helpers.extract.pipeline import write_tables
from helpers.schema import TABLES
from helpers.validation import example_frame


def _rows(table, **changes):
    row = example_frame(table).iloc[0].to_dict()
    row.update(changes)
    return row


@pytest.fixture()
def processed(tmp_path):
    """A processed folder with a renamed region's facts under its old and new codes (42820 → 51820)."""
    rows = {t: [] for t in TABLES}
    rows["indicators"] = [
        _rows("indicators", region_code="42820", region_name="강원도 고성군", year=2022, line=10),
        _rows("indicators", region_code="51820", region_name="강원특별자치도 고성군", year=2024, line=20),
        _rows("indicators", region_code="11410", region_name="서울특별시 서대문구", year=2024, line=30),
    ]
    rows["funding"] = [_rows("funding", region_code="11530", year=2015, amount_krw=200_000_000.0)]
    rows["documents"] = [_rows("documents")]
    rows["quality_flags"] = [_rows("quality_flags", doc_id="001_edece043362cd899", line=5)]
    out = tmp_path / "processed"
    write_tables(rows, out)
    return out


def test_region_matches_the_whole_lineage(processed):
    df = data.load_indicators(region="51820", processed_dir=processed)
    assert sorted(df["region_code"]) == ["42820", "51820"]  # predecessor code included
    by_name = data.load_indicators(region="강원특별자치도 고성군", processed_dir=processed)
    assert sorted(by_name["line"]) == [10, 20]


def test_year_and_name_filters(processed):
    df = data.load_indicators(region="서대문구", year=2024, processed_dir=processed)
    assert df["line"].tolist() == [30]
    assert data.load_indicators(year=[2022, 2024], processed_dir=processed).shape[0] == 3


def test_loaders_return_typed_frames(processed):
    df = data.load_funding(region="11530", processed_dir=processed)
    assert df["amount_krw"].tolist() == [200_000_000.0]
    assert str(df["year"].dtype) == "Int64"
    assert len(data.load_documents(processed_dir=processed)) == 1
    assert data.load_plan_items(processed_dir=processed).empty


def test_corrupted_file_gives_a_schema_error(processed):
    path = processed / "indicators.parquet"
    df = pd.read_parquet(path)
    df.loc[0, "region_code"] = "서울"  # hand-edited
    df.to_parquet(path, index=False)
    with pytest.raises(SchemaError, match=r"(?s)indicators\.parquet.*'region_code'.*'서울'"):
        data.load_indicators(processed_dir=processed)


def test_unreadable_parquet_is_a_schema_error(processed):
    (processed / "budgets.parquet").write_bytes(b"not parquet at all")
    with pytest.raises(SchemaError, match="not a readable Parquet file"):
        data.load_budgets(processed_dir=processed)


def test_missing_table_names_the_command(tmp_path):
    with pytest.raises(DataMissingError, match="welfare-eval extract"):
        data.load_activities(processed_dir=tmp_path)


def test_stale_tables_are_rebuilt(tmp_path, capsys):
    raw, out = tmp_path / "raw", tmp_path / "out"
    raw.mkdir()
    doc = raw / "report.txt"
    doc.write_text("(단위 : 천원)\n총 계 1,000 900 90.0%\n", encoding="utf-8")
    data.load_documents(processed_dir=out, raw_dir=raw)  # missing → built
    assert "rebuilding processed tables (missing" in capsys.readouterr().err
    earlier = time.time() - 100
    for table in out.glob("*.parquet"):  # the raw document changed after the build
        os.utime(table, (earlier, earlier))
    docs = data.load_documents(processed_dir=out, raw_dir=raw)
    assert "report.txt changed after the tables were built" in capsys.readouterr().err
    assert docs["file"].tolist() == ["report.txt"]
    data.load_documents(processed_dir=out, raw_dir=raw)  # fresh now: no rebuild
    assert capsys.readouterr().err == ""


def test_missing_tables_without_raw_documents(tmp_path):
    (tmp_path / "raw").mkdir()
    with pytest.raises(DataMissingError, match="no raw documents"):
        data.load_indicators(processed_dir=tmp_path / "out", raw_dir=tmp_path / "raw")


def test_quality_flags_filters(processed):
    assert len(data.load_quality_flags(doc_id="001_edece043362cd899", processed_dir=processed)) == 1
    assert data.load_quality_flags(doc_id="nope", processed_dir=processed).empty


# -- region filters as pandas users write them (issue 15) ---------------------------------------------------

@pytest.fixture()
def provinces(tmp_path):
    """경기도 (41) with rows of its own and of two 시군구 (성남시 41130, 수원시 41110), plus 서울 (11);
    one casebook document covers 성남시 (lines 10–40) and 수원시 (lines 50–80), with a flag in each part,
    and 부산 수영구 on line 45 between them."""
    rows = {t: [] for t in TABLES}
    rows["indicators"] = [
        _rows("indicators", doc_id="casebook", region_code="41", region_name="경기도", line=5),
        _rows("indicators", doc_id="casebook", region_code="41130", region_name="경기도 성남시", line=20),
        _rows("indicators", doc_id="casebook", region_code="41110", region_name="경기도 수원시", line=60),
        _rows("indicators", doc_id="seoul", region_code="11", region_name="서울특별시", line=7),
        _rows("indicators", doc_id="casebook", region_code="26500", region_name="부산광역시 수영구", line=45),
    ]
    rows["sections"] = [
        _rows("sections", doc_id="casebook", region_code="41130", region_name="경기도 성남시", line=10, end_line=40),
        _rows("sections", doc_id="casebook", region_code="41110", region_name="경기도 수원시", line=50, end_line=80),
    ]
    rows["quality_flags"] = [
        _rows("quality_flags", doc_id="casebook", line=12),  # in 성남시's part (its section starts at 10)
        _rows("quality_flags", doc_id="casebook", line=70),  # in 수원시's part
        _rows("quality_flags", doc_id="casebook", line=45),  # 수영구's row, between 경기도's parts
        _rows("quality_flags", doc_id="seoul", line=3),  # a single-region document: all its flags are 서울's
    ]
    rows["documents"] = [_rows("documents")]
    out = tmp_path / "processed"
    write_tables(rows, out)
    return out


def test_include_children_adds_the_sigungu(provinces):
    assert data.load_indicators(region="경기도", processed_dir=provinces)["line"].tolist() == [5]
    df = data.load_indicators(region="경기도", include_children=True, processed_dir=provinces)
    assert sorted(df["region_code"]) == ["41", "41110", "41130"]


@pytest.mark.parametrize("spec", [["11", "41"], "11,41", "서울, 경기도", ("11", 41)])
def test_region_lists_and_comma_strings(provinces, spec):
    df = data.load_indicators(region=spec, processed_dir=provinces)
    assert sorted(df["region_code"]) == ["11", "41"]


def test_parent_disambiguates_in_loaders(processed):
    df = data.load_funding(region="구로", parent="서울", processed_dir=processed)
    assert df["region_code"].tolist() == ["11530"]
    with pytest.raises(LookupError):
        data.load_funding(region="구로구", parent="부산", processed_dir=processed)


def test_quality_flags_by_region_use_the_line_span(provinces):
    seongnam = data.load_quality_flags(region="성남시", processed_dir=provinces)
    assert seongnam["line"].tolist() == [12]
    suwon = data.load_quality_flags(region="수원", processed_dir=provinces)
    assert suwon["line"].tolist() == [70]
    assert data.load_quality_flags(region="서울", processed_dir=provinces)["line"].tolist() == [3]
    both = data.load_quality_flags(region="경기도", include_children=True, processed_dir=provinces)
    assert sorted(both["line"]) == [12, 70]  # each region by its own lines: 수영구's flag at 45 is not 경기도's
    assert data.load_quality_flags(region="수영구", processed_dir=provinces)["line"].tolist() == [45]


def test_quality_flags_by_region_match_the_report(provinces):
    from helpers import report

    ctx = report.validate_params("41130", processed_dir=provinces)
    assert report.region_flags(ctx)["line"].tolist() == data.load_quality_flags(
        region="41130", processed_dir=provinces)["line"].tolist() == [12]
