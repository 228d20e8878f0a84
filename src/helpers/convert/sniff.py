"""What a file really is, from its first bytes: so a lying extension gets a clear error, not a crash."""

from __future__ import annotations

from pathlib import Path

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
PDF_MAGIC = b"%PDF-"
#: HWP 3.x (and 2.x) files open with this signature, not with an OLE compound file.
HWP3_MAGIC = b"HWP Document File"

#: Human names of the kinds :func:`sniff` returns.
KIND_NAMES = {"ole": "an OLE compound file (HWP 5 or an MS Office document)", "zip": "a ZIP package (HWPX, "
              "DOCX, XLSX …)", "pdf": "a PDF", "hwp3": "an HWP 3 document", "text": "a text file",
              "unknown": "an unrecognised binary file", "empty": "an empty file"}


def sniff(path: Path) -> str:
    """``ole``, ``zip``, ``pdf``, ``hwp3``, ``text``, ``empty`` or ``unknown``, from the leading bytes."""
    with open(path, "rb") as fh:
        head = fh.read(4096)
    if not head:
        return "empty"
    if head.startswith(OLE_MAGIC):
        return "ole"
    if head.startswith(ZIP_MAGIC):
        return "zip"
    if head.lstrip(b"\r\n\t \x00")[:5] == PDF_MAGIC or PDF_MAGIC in head[:1024]:
        return "pdf"
    if head.startswith(HWP3_MAGIC):
        return "hwp3"
    if b"\x00" not in head:
        return "text"
    return "unknown"


def require(path: Path, expected: str, what: str) -> None:
    """Raise :class:`~helpers.convert.errors.ConvertError` unless ``path`` really is of the kind ``expected``
    (``what`` names the format the extension promised, e.g. ``"a PDF"``): a lying extension or an empty
    file gets a clear error naming what the file is."""
    from .errors import ConvertError

    kind = sniff(path)
    if kind != expected:
        raise ConvertError(f"not {what}: the file is {KIND_NAMES[kind]}; give it its real extension",
                           file=str(path), reason="wrong_format" if kind != "empty" else "damaged")
