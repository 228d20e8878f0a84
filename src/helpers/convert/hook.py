"""How the extract step uses converted native documents: read the interim text as the document, then
annotate the facts with ``source_ref`` and the reader's own flags.

Kept here (not in :mod:`helpers.extract`) so the extractor only sees a :class:`Document`: the native
document's ``doc_id`` and ``sha256`` are the original file's, its lines those of the interim text.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from ..manifest import DocumentMeta
from . import ConvertError, ConvertOutcome, add_source_refs, convert_file, is_native
from .interim import extractor_line


@dataclass
class NativeDoc:
    """One native file of the run and its conversion outcome."""

    outcome: ConvertOutcome

    def annotate(self, result) -> None:
        """Add ``source_ref`` to the fact rows of ``result`` and the reader's flags (e.g.
        ``table_not_recovered`` with its page) to its quality flags."""
        add_source_refs(result.rows, self.outcome.data)
        for flag in self.outcome.data.get("flags", []):
            result.flag(None, "document", flag["kind"], f"{self.outcome.source.name}: {flag['message']}")
            result.flags[-1]["doc_id"] = self.outcome.doc_id


def duplicate_stems(paths: list[Path]) -> dict[Path, str]:
    """Files sharing a stem (``x.hwp`` and ``x.txt``): both would be ``doc_id`` x; each gets the error."""
    by_stem: dict[str, list[Path]] = {}
    for p in paths:
        by_stem.setdefault(p.stem, []).append(p)
    out = {}
    for stem, group in by_stem.items():
        if len(group) > 1:
            names = ", ".join(p.name for p in group)
            for p in group:
                out[p] = (f"files {names} share the name {stem!r}, which must identify one document (doc_id); "
                          "rename or remove all but one")
    return out


def native_documents(raw_dir: Path, interim_dir: Path) -> dict[Path, NativeDoc]:
    """Convert the native files of ``raw_dir`` (cached by sha256) → {original path: NativeDoc}.

    Files whose stem another file shares are not converted; they and their twins are refused by
    :func:`read_native_document`/the duplicate check (see :func:`duplicate_stems`)."""
    from ..extract.pipeline import list_documents

    paths = list_documents(raw_dir)
    dup = duplicate_stems(paths)
    out: dict[Path, NativeDoc] = {}
    for p in paths:  # the folder is listed once, here (convert_all would list it again)
        if is_native(p) and p not in dup:
            out[p] = NativeDoc(convert_file(p, interim_dir))
    for p, message in dup.items():
        error = ConvertError(message, file=str(p), reason="duplicate_stem")
        out[p] = NativeDoc(ConvertOutcome(p, p.stem, "error", error=error))
    return out


def read_native_document(path: Path, meta: DocumentMeta, native: dict[Path, NativeDoc]):
    """The :class:`~helpers.extract.reading.Document` of a native file: its interim text (merge marks as
    blank cells, as text dumps print them), with the original file's identity. Raises the conversion's
    :class:`ConvertError` (an :class:`InputError`) when it could not be converted."""
    from ..extract.reading import read_document

    outcome = native[path].outcome
    if outcome.error is not None:
        raise outcome.error
    if outcome.text_path is None:
        raise InputError("conversion produced no text", file=str(path))
    doc = read_document(outcome.text_path, meta)
    doc.lines = [extractor_line(line) for line in doc.lines]
    doc.doc_id = path.stem
    doc.path = path
    doc.sha256 = outcome.data.get("source_sha256", doc.sha256)
    return doc
