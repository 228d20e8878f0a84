"""Real HWP 5 / HWPX / PDF files from open-source parser projects (``shared/native-samples``, read in
place, never copied): table and cell counts as an independent reader gives them (SOURCES.md), cell texts
checked against a second reader written here (raw section XML for HWPX; OLE streams + zlib + PARA_TEXT
records for HWP), and the negative samples refused with their reasons."""

from __future__ import annotations

import os
import re
import struct
import zipfile
import zlib
from pathlib import Path

import pytest

from helpers.convert import ConvertError, read_native
from helpers.convert.interim import pipe_rows, render


def _samples_dir() -> Path:
    """``$WELFARE_EVAL_NATIVE_SAMPLES``, else ``shared/native-samples`` beside the repository (or beside the
    folder holding it, for a git worktree)."""
    if os.environ.get("WELFARE_EVAL_NATIVE_SAMPLES"):
        return Path(os.environ["WELFARE_EVAL_NATIVE_SAMPLES"])
    repo = Path(__file__).resolve().parents[1]
    candidates = [repo.parent / "shared" / "native-samples", repo.parent.parent / "shared" / "native-samples"]
    return next((c for c in candidates if c.is_dir()), candidates[0])


SAMPLES = _samples_dir()
pytestmark = pytest.mark.skipif(not SAMPLES.is_dir(), reason=f"native samples folder not found: {SAMPLES}")

#: body tables / anchor cells per file (SOURCES.md, counted by an independent reference reader).
COUNTS = {
    "hwpjs_noori.hwp": (5, 40), "hwpjs_noori.hwpx": (5, 40),
    "hwpjs_table-bug.hwp": (17, 289), "hwpjs_table-bug.hwpx": (17, 289),
    "hwpjs_table.hwp": (1, 4), "hwpjs_table.hwpx": (1, 4),
    "hwpjs_table2.hwp": (2, 2), "hwpjs_table2.hwpx": (2, 2),
    "hwpjs_example.hwp": (0, 0), "hwpjs_example.hwpx": (0, 0),
    "hwplib_table.hwp": (2, 11), "hwplib_merging-cell.hwp": (1, 49),
    "hwpxlib_SimpleTable.hwpx": (1, 5), "hwpxlib_textextractor_Table.hwpx": (1, 24),
    "pyhwpx_gov_donation_report_form.hwpx": (55, 1581), "pyhwpx_mfds_admin_notice.hwpx": (3, 103),
    "pyhwpx_seoul_sihaengmun.hwpx": (4, 76), "pyhwpx_30_table_merge_min.hwpx": (1, 7),
    "kordoc_simple_draft_form.hwpx": (4, 20),
}


def _read(name):
    return read_native(SAMPLES / name)


def _cells(conv):
    return [[(c.row, c.col, c.row_span, c.col_span, c.text) for c in t.cells] for t in conv.tables]


@pytest.mark.parametrize("name", sorted(COUNTS))
def test_table_and_cell_counts(name):
    conv = _read(name)
    assert (len(conv.tables), sum(len(t.cells) for t in conv.tables)) == COUNTS[name]
    text, row_lines = render(conv)
    for t in conv.tables:  # every grid row is one pipe line, every table in the text
        assert len(row_lines[t.index]) == t.n_rows
        lines = text.split("\n")
        assert [lines[n - 1] for n in row_lines[t.index]] == pipe_rows(t)


@pytest.mark.parametrize("stem", ["hwpjs_noori", "hwpjs_table-bug", "hwpjs_table", "hwpjs_table2", "hwpjs_example"])
def test_hwp_and_hwpx_of_the_same_document_give_the_same_grids(stem):
    assert _cells(_read(f"{stem}.hwp")) == _cells(_read(f"{stem}.hwpx"))


def test_merging_cell_table_cells_hold_their_own_address():
    (table,) = _read("hwplib_merging-cell.hwp").tables
    assert (table.n_rows, table.n_cols) == (7, 7)
    assert [c.text for c in table.cells] == [f"{r},{c}" for r in range(7) for c in range(7)]


def test_simple_table_merges():
    (table,) = _read("hwpxlib_SimpleTable.hwpx").tables
    assert [(c.row, c.col, c.row_span, c.col_span, c.text) for c in table.cells] == [
        (0, 0, 2, 2, "1"), (0, 2, 1, 1, "2"), (1, 2, 1, 1, "3"), (2, 0, 1, 1, "5"), (2, 1, 1, 2, "4")]
    assert pipe_rows(table) == ["| 1 | < | 2 |", "| ^ | ^ | 3 |", "| 5 | 4 | < |"]


def test_grade_table_texts_and_empty_total_cells():
    (table,) = _read("hwpxlib_textextractor_Table.hwpx").tables
    rows = {}
    for c in table.cells:
        rows.setdefault(c.row, []).append(c.text)
    assert rows[0] == ["이름", "국어", "영어", "수학"]
    assert rows[1] == ["개똥이", "89", "65", "78"]
    assert rows[5] == ["합계", "", "", ""]


def test_noori_comparison_table():
    tables = _read("hwpjs_noori.hwp").tables
    last = tables[-1]
    assert (last.n_rows, last.n_cols) == (8, 3)
    by_pos = {(c.row, c.col): c.text for c in last.cells}
    assert by_pos[(0, 0)] == "구 분" and by_pos[(3, 1)] == "47.2 m" and by_pos[(7, 2)] == "1단"
    assert tables[0].cells[1].col_span == 3  # 보도일시 value spans three columns


# ---- a second reader, independent of python-hwpx, for the cell texts ----

def _hwpx_texts(name) -> list[str]:
    """Every ``hp:t`` text of the body sections, read from the raw XML with a regular expression."""
    out = []
    with zipfile.ZipFile(SAMPLES / name) as zf:
        for part in sorted(n for n in zf.namelist() if re.fullmatch(r"Contents/section\d+\.xml", n)):
            xml = zf.read(part).decode("utf-8")
            out.extend(re.sub(r"<[^>]+>", "", t) for t in re.findall(r"<hp:t(?:\s[^>]*)?>(.*?)</hp:t>", xml, re.S))
    return out


def _hwp_texts(name) -> list[str]:
    """Every paragraph text (HWPTAG_PARA_TEXT records) of an HWP 5 file: OLE streams, raw deflate, records."""
    import olefile

    ole = olefile.OleFileIO(str(SAMPLES / name))
    compressed = struct.unpack_from("<I", ole.openstream("FileHeader").read(), 36)[0] & 1
    out = []
    for entry in sorted(e for e in ole.listdir() if e[0] == "BodyText"):
        data = ole.openstream(entry).read()
        if compressed:
            data = zlib.decompress(data, -15)
        pos = 0
        while pos + 4 <= len(data):
            head = struct.unpack_from("<I", data, pos)[0]
            tag, size = head & 0x3FF, head >> 20
            pos += 4
            if size == 0xFFF:
                size = struct.unpack_from("<I", data, pos)[0]
                pos += 4
            if tag == 67:  # HWPTAG_PARA_TEXT
                chars, k, text = data[pos:pos + size], 0, []
                while k + 2 <= len(chars):
                    code = struct.unpack_from("<H", chars, k)[0]
                    if code < 32 and code not in (0, 10, 13, 24, 25, 26, 27, 28, 29, 30, 31):
                        k += 16  # an inline or extended control occupies 8 characters
                        continue
                    if code >= 32:
                        text.append(chr(code))
                    k += 2
                out.append("".join(text))
            pos += size
    return out


@pytest.mark.parametrize("name", ["hwpxlib_textextractor_Table.hwpx", "hwpjs_noori.hwpx",
                                  "pyhwpx_mfds_admin_notice.hwpx", "hwplib_table.hwp", "hwplib_merging-cell.hwp",
                                  "hwpjs_noori.hwp", "hwpjs_table-bug.hwp"])
def test_cell_texts_agree_with_a_second_reader(name):
    second = _hwp_texts(name) if name.endswith(".hwp") else _hwpx_texts(name)
    # a paragraph may be split over several runs (character formats): compare without whitespace
    joined = re.sub(r"\s+", "", "".join(second))
    texts = [line for t in _read(name).tables for c in t.cells for line in c.text.split("\n") if line.strip()]
    assert texts, name
    missing = [t for t in texts if re.sub(r"\s+", "", t) not in joined]
    assert not missing, missing[:5]


def test_distribution_hwp_is_refused():
    with pytest.raises(ConvertError, match="배포용") as err:
        _read("hwplib_distribution.hwp")
    assert err.value.reason == "distribution" and "hwplib_distribution.hwp" in str(err.value)


def test_pdf_without_text_layer_is_refused():
    with pytest.raises(ConvertError, match="OCR") as err:
        _read("hwpjs_table_pdf_generated.pdf")
    assert err.value.reason == "no_text_layer" and "hwpjs_table_pdf_generated.pdf" in str(err.value)


def test_text_box_text_is_kept_without_counting_as_a_table():
    """The grade table's title sits in a text box (``hp:drawText``): kept as a paragraph before the table."""
    conv = _read("hwpxlib_textextractor_Table.hwpx")
    text, _ = render(conv)
    assert "C반 기말고사" in _hwpx_texts("hwpxlib_textextractor_Table.hwpx")
    assert text.index("C반 기말고사") < text.index("| 이름 | 국어 |") and len(conv.tables) == 1
