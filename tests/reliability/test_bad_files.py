"""Bad raw files through ``welfare-eval extract``: each is refused or read with a clear message, the others go on.

One raw folder holds a good document next to every kind of bad file; a single extract run must name each
bad file (and line where there is one) on stderr, exit non-zero, record the failure in ``documents.error``
and ``quality_flags``, and still write the good documents' tables.
"""

from __future__ import annotations

import pytest

from .conftest import REVENUE_TABLE, extract, read_tables

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00"
PROSE = "○ 아동복지시설 및 가정위탁 보호아동 및 자립준비청년을 대상으로 전문적이고 체계적인 복지 서비스를 제공\n"
LATE_NUL_LINE = 12_001  # past the first megabyte: a sample of the head would miss it

#: file name → bytes; the bad-input corpus of this module.
CORPUS: dict[str, bytes] = {
    "a_good.txt": REVENUE_TABLE.encode("utf-8"),
    "b_empty.txt": b"",
    "c_blank.txt": b"\n  \n\t\r\n",
    "d_image.png": PNG,
    "e_nul.txt": "첫 줄\n둘째 줄\n셋째\x00줄\n넷째 줄\n".encode(),
    "f_cp949.txt": REVENUE_TABLE.encode("cp949"),  # legacy encoding, no manifest hint
    "g_late_nul.txt": (PROSE * (LATE_NUL_LINE - 1)).encode() + b"stray \x00 byte\n" + PROSE.encode(),
    # a CP949 file cut in the middle of its last character (the lead byte of "다" without its trail byte)
    "h_cp949_cut.txt": (REVENUE_TABLE + "끝입니다").encode("cp949")[:-1],
    # pdftotext separates pages with form feeds: text, not binary
    "i_pdftotext.txt": REVENUE_TABLE.replace(" 세입현황\n", "\f 세입현황\n").encode() + b"\f",
    # Windows "Unicode" text (UTF-16 with BOM): every other byte is NUL, yet it is text
    "j_utf16.txt": REVENUE_TABLE.encode("utf-16"),
}
REFUSED = {"b_empty.txt": None, "c_blank.txt": None, "d_image.png": 2, "e_nul.txt": 3, "g_late_nul.txt": LATE_NUL_LINE}


@pytest.fixture(scope="module")
def corpus_run(tmp_path_factory):
    root = tmp_path_factory.mktemp("bad_files")
    raw, out = root / "raw", root / "out"
    raw.mkdir()
    for name, data in CORPUS.items():
        (raw / name).write_bytes(data)
    run = extract(raw, out)
    return raw, out, run, read_tables(out)


def test_exit_code_is_non_zero_when_a_file_is_refused(corpus_run):
    _, _, run, _ = corpus_run
    assert run.code == 1


@pytest.mark.parametrize("name, line", sorted(REFUSED.items()))
def test_each_refused_file_is_named_with_its_line(corpus_run, name, line):
    raw, _, run, tables = corpus_run
    where = f"{raw / name}:{line}: " if line else f"{raw / name}: "
    reason = "binary content" if line else "empty file"
    assert f"error: {where}{reason}" in run.err  # stderr names file (and line)
    assert f"{name.rsplit('.', 1)[0]}: ERROR {where}{reason}" in run.out  # and so does the summary
    docs = tables["documents"].set_index("file")
    assert docs.loc[name, "error"].startswith(where + reason)
    flags = tables["quality_flags"]
    flag = flags[(flags["doc_id"] == name.rsplit(".", 1)[0]) & (flags["kind"] == "unreadable")]
    assert len(flag) == 1 and flag["severity"].iloc[0] == "error"
    assert flag["line"].iloc[0] == line if line else flag["line"].isna().all()


def test_every_file_is_accounted_for_in_documents(corpus_run):
    _, _, _, tables = corpus_run
    docs = tables["documents"].set_index("file")
    assert sorted(docs.index) == sorted(CORPUS)  # nothing silently skipped
    readable = sorted(set(CORPUS) - set(REFUSED))
    assert docs.loc[readable, "error"].isna().all()


@pytest.mark.parametrize("name, encoding", [("a_good.txt", "utf-8"), ("f_cp949.txt", "cp949"),
                                            ("h_cp949_cut.txt", "cp949"), ("i_pdftotext.txt", "utf-8"),
                                            ("j_utf16.txt", "utf-16")])
def test_encoding_is_detected_and_reported(corpus_run, name, encoding):
    _, _, run, tables = corpus_run
    docs = tables["documents"].set_index("file")
    assert docs.loc[name, "encoding"] == encoding
    # the cut file's last line has no newline; pdftotext's closing form feed starts a line of its own
    extra = 1 if name in ("h_cp949_cut.txt", "i_pdftotext.txt") else 0
    assert docs.loc[name, "n_lines"] == REVENUE_TABLE.count("\n") + extra
    assert f"{name.rsplit('.', 1)[0]} ({encoding}, " in run.out


def test_cut_cp949_character_is_flagged_not_garbled(corpus_run):
    """One undecodable byte must not turn a whole CP949 document into replacement characters."""
    from helpers.extract.reading import read_document

    raw, _, _, tables = corpus_run
    doc = read_document(raw / "h_cp949_cut.txt")
    assert doc.lines[:3] == REVENUE_TABLE.splitlines()[:3]
    assert doc.lines[-1] == "끝입니\ufffd"
    flags = tables["quality_flags"]
    note = flags[(flags["doc_id"] == "h_cp949_cut") & (flags["kind"] == "encoding")]
    assert len(note) == 1 and "replaced" in note["message"].iloc[0]


@pytest.mark.parametrize("name", ["f_cp949.txt", "i_pdftotext.txt", "j_utf16.txt"])
def test_other_encodings_decode_to_the_same_lines(corpus_run, name):
    from helpers.extract.reading import read_document

    raw, _, _, _ = corpus_run
    lines = [line.strip("\f") for line in read_document(raw / name).lines]
    assert [line for line in lines if line] == REVENUE_TABLE.splitlines()


def test_readable_documents_give_the_same_facts(corpus_run):
    """The CP949, pdftotext and UTF-16 copies of the good table yield exactly the good table's facts."""
    _, _, _, tables = corpus_run
    for table, df in tables.items():
        if table in ("documents", "quality_flags") or "source_text" not in df:
            continue
        cols = [c for c in df.columns if c != "doc_id"]
        base = df[df["doc_id"] == "a_good"][cols].reset_index(drop=True)
        for other in ("f_cp949", "j_utf16"):
            got = df[df["doc_id"] == other][cols].reset_index(drop=True)
            assert got.equals(base), (table, other)


def test_missing_raw_folder_is_a_clear_error(tmp_path):
    from .conftest import snapshot

    out = tmp_path / "out"
    run = extract(tmp_path / "no_such_folder", out)
    assert run.code == 2
    assert run.err == f"welfare-eval extract: error: {tmp_path / 'no_such_folder'}: raw folder not found\n"
    assert not out.exists() or snapshot(out) == {}
