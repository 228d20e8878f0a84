"""HWP 5 (OLE compound file, 한글 2002–) → paragraphs and table grids.

python-hwpx reads the HWP 5 record streams in-process and converts them into the parts of an HWPX package
(``hwpx.hwp5.package.convert``); the section XML is then read like an HWPX file (:mod:`.owpml`), so both
formats give the same grids. Refused with a :class:`ConvertError`: 배포용 (distribution) documents, whose
body is encrypted; password- or DRM-protected ones; HWP 3 files; truncated or damaged compound files; and
files that are something else under a ``.hwp`` name.
"""

from __future__ import annotations

from pathlib import Path

from .errors import ConvertError
from .grid import Converted, ConvertFlag
from .sniff import require, sniff

#: python-hwpx error codes → (reason, what the user can do).
_REFUSALS = {
    "hwp5-distribution": ("distribution", "배포용 (distribution-protected) HWP: the body is encrypted and cannot "
                          "be read; ask the publisher for an ordinary HWP/HWPX or a PDF, or save it without "
                          "배포용 protection in 한글"),
    "hwp5-password": ("password", "password-protected HWP: remove the password in 한글 (Hancom Office) and save "
                      "again"),
    "hwp5-drm": ("password", "DRM- or certificate-protected HWP: cannot be read without the key; save an "
                 "unprotected copy in 한글"),
    "hwp5-version-unsupported": ("hwp3", "not an HWP 5 document (older HWP version): open it in 한글 and save "
                                 "it as HWP 5 or HWPX"),
    "hwp5-not-hwp5": ("wrong_format", "an OLE compound file without an HWP file header (an MS Office document?); "
                      "give it its real extension"),
    "hwp5-damaged": ("truncated", "truncated or damaged HWP file; download or save it again"),
}


def read_hwp(path: Path) -> Converted:
    """Read an ``.hwp`` (HWP 5) file; raises :class:`ConvertError` for what cannot be read."""
    from hwpx.errors import Hwp5Error
    from hwpx.hwp5.package import convert, to_hwpx_bytes
    from hwpx.opc.package import HwpxPackage

    from .hwpx import read_package

    path = Path(path)
    if sniff(path) == "hwp3":
        raise ConvertError("HWP 3 document: only HWP 5 (한글 2002 and later) is read; open it in 한글 and save it "
                           "as HWP or HWPX", file=str(path), reason="hwp3")
    require(path, "ole", "an HWP 5 file")
    data = path.read_bytes()
    try:
        converted = convert(data)
        package = HwpxPackage.open(to_hwpx_bytes(converted.files))
    except Hwp5Error as exc:
        reason, advice = _REFUSALS.get(exc.code, ("damaged", f"unreadable HWP ({exc.code})"))
        raise ConvertError(f"{advice} [{exc}]", file=str(path), reason=reason) from None
    except Exception as exc:  # python-hwpx's record parser on a cut stream: struct/zlib/index errors
        raise ConvertError(f"truncated or damaged HWP file ({type(exc).__name__}: {exc}); download or save it "
                           "again", file=str(path), reason="truncated") from None
    result = read_package(package, path, "hwp")
    skipped = dict(converted.report.unconverted)
    if skipped:  # content python-hwpx does not carry over yet (e.g. some drawing objects): say so
        summary = ", ".join(f"{kind} ×{n}" for kind, n in sorted(skipped.items()))
        result.flags.append(ConvertFlag("conversion_incomplete", f"HWP content not converted: {summary}"))
    return result
