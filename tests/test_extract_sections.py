"""The sections table: the line span of every region a document covers, figures or not."""

from pathlib import Path

from helpers import catalog, data
from helpers.extract.pipeline import DocContext, to_frame, write_tables
from helpers.extract.reading import read_document
from helpers.extract.sections import extract_sections
from helpers.manifest import DocumentMeta
from helpers.runlog import InputFingerprints
from helpers.schema import TABLES

FIXTURES = Path(__file__).parent / "fixtures" / "extract"


def _sections(name, reg, region=None, year=None, title=None):
    doc = read_document(FIXTURES / name, DocumentMeta(file=name, title=title))
    dctx = DocContext(region=reg.resolve(region) if region else None, year=year, as_of=None, unit=None,
                      registry=reg)
    return to_frame("sections", extract_sections(doc, dctx).rows.get("sections", []))


def test_a_prose_only_part_is_a_section(reg):
    # casebook PART Ⅱ-1: cover line " 부산광역시 연제구" + bare "PARTⅡ- 1" marker, case-study prose only;
    # the contents lines just above it (PART Ⅱ- 1 …, PART Ⅱ- 2 …) start no span
    df = _sections("prose_only_part.txt", reg, year=2022)
    assert df[["line", "end_line", "region_code", "region_name", "year"]].values.tolist() == [
        [11, 29, "26470", "부산광역시 연제구", 2022], [30, 37, "41370", "경기도 오산시", 2022]]
    assert df["title"].tolist() == ["PART Ⅱ- 1 부산광역시 연제구", "PART Ⅱ- 2 경기도 오산시"]
    assert df["source_text"].iloc[0] == "부산광역시 연제구\nPARTⅡ- 1"


def test_single_region_document_is_one_span(reg):
    df = _sections("wrapped_label.txt", reg, region="서울특별시 구로구", year=2017, title="드림스타트 추진실적")
    n_lines = len((FIXTURES / "wrapped_label.txt").read_text(encoding="utf-8").splitlines())
    assert df[["line", "end_line", "region_code", "title"]].values.tolist() == [
        [1, n_lines, "11530", "드림스타트 추진실적"]]


def test_section_only_region_is_listed_loaded_and_fingerprinted(tmp_path, reg):
    rows = {t: [] for t in TABLES}
    rows["sections"] = _sections("prose_only_part.txt", reg, year=2022).to_dict("records")
    rows["activities"] = [{"doc_id": "x", "line": 40, "region_code": "41370", "region_name": "경기도 오산시",
                           "year": 2022, "item": "가정방문", "measure": "건", "value": 1940.0, "source_text": "가정방문 1,940건"}]
    out = tmp_path / "processed"
    write_tables(rows, out)
    listed = catalog.regions_with_data(out).set_index("region_code")
    assert listed.loc["26470", ["activities", "sections"]].tolist() == [0, 1]  # covered, no figures
    assert listed.loc["41370", ["activities", "sections"]].tolist() == [1, 1]
    loaded = data.load_sections(region="연제구", processed_dir=out)
    assert loaded[["line", "end_line"]].values.tolist() == [[11, 29]]
    fp = InputFingerprints(out)
    assert fp.has_data("26470") and len(fp.rows_for("26470")["sections"]) == 1
