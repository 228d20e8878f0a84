"""Reading raw files: encodings, line endings, empty and binary files."""

import pytest

from helpers.errors import InputError
from helpers.extract.reading import read_document

SNIPPET = "(단위 : 백만원)\n구 분\t예산\n총 계\t1,234\n"


def test_utf8(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text(SNIPPET, encoding="utf-8")
    doc = read_document(p)
    assert doc.encoding == "utf-8" and doc.lines[2] == "총 계\t1,234" and doc.n_lines == 3


def test_utf8_bom_and_crlf(tmp_path):
    p = tmp_path / "a.txt"
    p.write_bytes(SNIPPET.replace("\n", "\r\n").encode("utf-8-sig"))
    doc = read_document(p)
    assert doc.encoding == "utf-8-sig" and doc.lines[0] == "(단위 : 백만원)" and doc.n_lines == 3


def test_cp949(tmp_path):
    p = tmp_path / "a.txt"
    p.write_bytes(SNIPPET.encode("cp949"))
    doc = read_document(p)
    assert doc.encoding == "cp949" and doc.lines[1] == "구 분\t예산"


def test_empty_file_names_the_file(tmp_path):
    p = tmp_path / "empty.txt"
    p.write_bytes(b"\n  \n")
    with pytest.raises(InputError, match=r"empty.txt: empty file"):
        read_document(p)


def test_binary_file_names_file_and_line(tmp_path):
    p = tmp_path / "blob.txt"
    p.write_bytes("첫 줄\n둘째 줄\x00\n".encode())
    with pytest.raises(InputError, match=r"blob.txt:2: binary content"):
        read_document(p)


def test_real_document_sha_and_lines(raw_dir):
    path = sorted(raw_dir.glob("003_*.txt"))[0]
    doc = read_document(path)
    assert doc.n_lines == 85  # 84 newlines; the last line has none
    assert len(doc.sha256) == 64 and doc.doc_id == path.stem
