"""Reading raw documents: bytes → decoded lines, with the encoding detected and reported.

Documents arrive as UTF-8 (with or without BOM), UTF-16 with BOM, or legacy CP949 (a superset of EUC-KR, so EUC-KR files
decode too). Line endings may be LF, CRLF or CR. Empty and binary files are refused with an
:class:`InputError` naming the file, so the caller can go on with the other documents.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError
from ..manifest import DocumentMeta

#: Control characters that never occur in text documents; their presence means a binary file. Form feed
#: (\f) is allowed: pdftotext separates pages with it.
_BINARY_RE = re.compile("[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f]")
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


@dataclass
class Document:
    """One raw document: its identity, decoded lines (index 0 is line 1) and manifest entry."""

    doc_id: str
    path: Path
    lines: list[str]
    encoding: str
    sha256: str
    meta: DocumentMeta
    notes: list[str] = field(default_factory=list)

    @property
    def n_lines(self) -> int:
        return len(self.lines)

    def line(self, number: int) -> str:
        """The text of 1-based line ``number``."""
        return self.lines[number - 1]


def detect_encoding(data: bytes, hint: str | None = None) -> str:
    """Name the encoding of ``data``: the manifest hint if given, else utf-8-sig, utf-8 or cp949.

    CP949 is tried after UTF-8 because valid UTF-8 Korean is almost never valid CP949 and vice versa.
    """
    if hint:
        return hint.lower()
    if data[:2] in _UTF16_BOMS:  # Windows "Unicode" text
        return "utf-16"
    if data.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    try:
        data.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        data.decode("cp949")
        return "cp949"
    except UnicodeDecodeError:
        pass
    # Neither decodes cleanly (a damaged or cut file): take the one that loses fewer characters; the
    # caller replaces the bad bytes and flags them.
    lost = {enc: data.decode(enc, errors="replace").count("\ufffd") for enc in ("utf-8", "cp949")}
    return "cp949" if lost["cp949"] < lost["utf-8"] else "utf-8"


def _line_at(text: str, pos: int) -> int:
    """1-based line of character ``pos`` (LF, CRLF or CR endings)."""
    head = text[:pos]
    return head.count("\n") + head.count("\r") - head.count("\r\n") + 1


def _binary_line(text: str) -> int | None:
    """1-based line of the first character that marks a binary file (NUL or other control), else None."""
    m = _BINARY_RE.search(text)
    return _line_at(text, m.start()) if m else None


def split_lines(text: str) -> list[str]:
    """Split on LF, CRLF or CR; a trailing newline does not add an empty last line."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def read_document(path: Path, meta: DocumentMeta | None = None) -> Document:
    """Read and decode one raw document.

    Raises :class:`InputError` for an unreadable, empty or binary file (a NUL byte or other control
    characters), naming the file and, for binary content, the first offending line.
    """
    path = Path(path)
    meta = meta or DocumentMeta(file=path.name)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", file=str(path)) from exc
    if not data.strip():
        raise InputError("empty file: no text to extract", file=str(path))
    encoding = detect_encoding(data, meta.encoding)
    notes: list[str] = []
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        text = data.decode(encoding, errors="replace")
        notes.append(f"{text.count(chr(0xFFFD))} undecodable byte sequence(s) replaced when reading as {encoding}"
                     f" (first on line {_line_at(text, text.index(chr(0xFFFD)))})")
    except LookupError as exc:
        text = data.decode("utf-8", errors="replace")
        notes.append(f"could not decode as {encoding} ({exc}); undecodable bytes replaced")
        encoding = f"{encoding}?"
    # Checked on the decoded text, over the whole file: UTF-16 is full of NUL bytes yet is text.
    bad = _binary_line(text)
    if bad is not None:
        raise InputError("binary content (NUL or control bytes): not a text document", file=str(path), line=bad)
    if encoding == "utf-8" and "\ufffd" in text and not notes:
        notes.append("undecodable bytes replaced")
    text = text.lstrip("\ufeff")
    return Document(
        doc_id=path.stem,
        path=path,
        lines=split_lines(text),
        encoding=encoding,
        sha256=hashlib.sha256(data).hexdigest(),
        meta=meta,
        notes=notes,
    )
