"""HWPX (OWPML ZIP package, 한글 2014+) → paragraphs and table grids, with python-hwpx's package reader.

python-hwpx opens the package (``HwpxPackage``: spine order of the sections, ZIP guards); the section
XML is walked by :mod:`.owpml`. A password-protected package (ODF encryption of its parts) and a truncated
or non-HWPX ZIP are refused with a :class:`ConvertError` naming the file.
"""

from __future__ import annotations

import zipfile
from collections import Counter
from pathlib import Path

from .errors import ConvertError
from .grid import Converted, ConvertFlag
from .owpml import read_sections
from .sniff import require

HWPX_MIMETYPE = "application/hwp+zip"


def read_package(package, path: Path, fmt: str) -> Converted:
    """Blocks of an opened ``HwpxPackage`` (also used for HWP 5 after python-hwpx converted it)."""
    from lxml import etree

    manifest = package.files()
    odf = next((n for n in manifest if n.lower() == "meta-inf/manifest.xml"), None)
    if odf and b"encryption-data" in package.read(odf):
        raise ConvertError("password-protected HWPX: its parts are encrypted; remove the password in 한글 "
                           "(Hancom Office) and save again", file=str(path), reason="password")
    roots = []
    for name in package.section_paths():
        try:
            roots.append(package.get_xml(name))
        except etree.XMLSyntaxError as exc:
            raise ConvertError(f"{name} is not readable XML ({exc}); the file is damaged or encrypted",
                               file=str(path), reason="damaged") from None
    if not roots:
        raise ConvertError("no body section (Contents/section*.xml) in the package", file=str(path),
                           reason="damaged")
    notes: list[str] = []
    blocks = read_sections(roots, notes)
    flags = [ConvertFlag("table_in_text_box", f"{n}× {note}") for note, n in sorted(Counter(notes).items())]
    return Converted(fmt=fmt, blocks=blocks, flags=flags)


def read_hwpx(path: Path) -> Converted:
    """Read an ``.hwpx`` file; raises :class:`ConvertError` for what cannot be read."""
    from hwpx.errors import HwpxError
    from hwpx.opc.package import HwpxPackage

    path = Path(path)
    require(path, "zip", "an HWPX package")
    try:
        package = HwpxPackage.open(path)
    except zipfile.BadZipFile as exc:
        raise ConvertError(f"truncated or damaged ZIP package ({exc}); download or save the file again",
                           file=str(path), reason="truncated") from None
    except (HwpxError, KeyError, ValueError) as exc:
        raise ConvertError(f"not a readable HWPX package: {exc}", file=str(path), reason="damaged") from None
    mimetype = (package.mimetype or "").strip()
    if mimetype and mimetype != HWPX_MIMETYPE:
        raise ConvertError(f"a ZIP package of type {mimetype!r}, not HWPX ({HWPX_MIMETYPE})", file=str(path),
                           reason="wrong_format")
    return read_package(package, path, "hwpx")
