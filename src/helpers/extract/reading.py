"""Reading raw documents: bytes → decoded lines, with the encoding detected and reported.

Documents arrive as UTF-8 (with or without BOM) or as legacy CP949 (a superset of EUC-KR, so EUC-KR files
decode too). Line endings may be LF, CRLF or CR. Empty and binary files are refused with an
:class:`InputError` naming the file, so the caller can go on with the other documents.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError
from ..manifest import DocumentMeta

#: Bytes that never occur in text documents; their presence means a binary file.
_BINARY_BYTES = set(range(0, 9)) | {11, 12} | set(range(14, 27)) | set(range(28, 32))


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
        return "utf-8"  # decoded with replacement below; the caller flags the bad bytes


def _binary_line(data: bytes) -> int | None:
    """1-based line of the first byte that marks a binary file (NUL or other control), else None."""
    sample = data[: 1 << 20]
    for i, b in enumerate(sample):
        if b in _BINARY_BYTES:
            return sample.count(b"\n", 0, i) + 1
    return None


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
    bad = _binary_line(data)
    if bad is not None:
        raise InputError("binary content (NUL or control bytes): not a text document", file=str(path), line=bad)
    encoding = detect_encoding(data, meta.encoding)
    notes: list[str] = []
    try:
        text = data.decode(encoding)
    except (UnicodeDecodeError, LookupError) as exc:
        text = data.decode("utf-8", errors="replace")
        notes.append(f"could not decode as {encoding} ({exc}); undecodable bytes replaced")
        encoding = f"{encoding}?"
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
