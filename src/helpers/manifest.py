"""The raw-document manifest ``data/raw/sources.yaml``: what the text of each document does not say.

Every field but ``file`` is optional. The extractor detects what the text states (title, year, unit, …);
the manifest fills the gaps and wins on conflict. Documents not listed are still read, with no defaults.

.. code-block:: yaml

    documents:
      - file: 003_gurogu_dreamstart.txt
        title: 구로구 드림스타트 공약사업 추진실적
        publisher: 서울특별시 구로구
        region: 서울특별시 구로구   # name or code: default region of rows with none of their own
        year: 2017                # default year of the figures
        as_of: 2017-08            # reference date of period-to-date figures (YYYY-MM); none = full period
        unit: 백만원               # default money unit when the text states none
        encoding: cp949           # only when detection would guess wrong
        url: https://…            # where the document was obtained (shown in the report's sources)
        notes: free text
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .errors import ManifestError
from .extract.vocabulary import MONEY_UNITS

FIELDS = ("file", "title", "publisher", "region", "year", "as_of", "unit", "encoding", "url", "notes")
#: The money units a manifest may state: the extractor's one vocabulary (:data:`.extract.vocabulary.MONEY_UNITS`).
KNOWN_UNITS = tuple(MONEY_UNITS)


@dataclass(frozen=True)
class DocumentMeta:
    """One manifest entry; ``None`` means "not stated, detect from the text"."""

    file: str
    title: str | None = None
    publisher: str | None = None
    region: str | None = None
    year: int | None = None
    as_of: str | None = None
    unit: str | None = None
    encoding: str | None = None
    url: str | None = None
    notes: str | None = None
    extra: dict = field(default_factory=dict)


#: ``as_of: none`` in the manifest: the figures are full-period, whatever reference date the text states.
NO_AS_OF = "none"


def _as_of(value, where: str) -> str:
    text = str(value).strip()
    if text.lower() == NO_AS_OF:
        return NO_AS_OF
    m = re.fullmatch(r"(\d{4})[-./](\d{1,2})(?:[-./]\d{1,2})?\.?", text)
    if not m or not 1 <= int(m.group(2)) <= 12:
        raise ManifestError(f"{where}: as_of must look like YYYY-MM, got {text!r}")
    return f"{m.group(1)}-{int(m.group(2)):02d}"


def _entry(raw: dict, index: int, path: Path, line: int | None) -> DocumentMeta:
    where = f"entry {index + 1}"

    def fail(message: str) -> ManifestError:
        return ManifestError(f"{where}: {message}", file=str(path), line=line)

    if not isinstance(raw, dict):
        raise fail(f"expected a mapping with at least 'file', got {type(raw).__name__}")
    unknown = sorted(set(raw) - set(FIELDS))
    if unknown:
        raise fail(f"unknown key(s) {', '.join(map(str, unknown))}; allowed: {', '.join(FIELDS)}")
    if not raw.get("file"):
        raise fail("'file' is required")
    year = raw.get("year")
    if year is not None:
        try:
            year = int(year)
        except (TypeError, ValueError):
            raise fail(f"year must be a number, got {year!r}") from None
        if not 1950 <= year <= 2100:
            raise fail(f"year {year} is out of range")
    unit = raw.get("unit")
    if unit is not None and str(unit).replace(" ", "") not in KNOWN_UNITS:
        raise fail(f"unit {unit!r} is not one of {', '.join(KNOWN_UNITS)}")
    as_of = raw.get("as_of")
    # YAML reads 2024-03-31 as a date and 2017-08 as a string: accept both.
    try:
        as_of = _as_of(as_of, where) if as_of not in (None, "") else None
    except ManifestError as exc:
        raise fail(str(exc).split(": ", 1)[-1]) from None
    text = {k: (str(raw[k]).strip() if raw.get(k) not in (None, "") else None) for k in
            ("title", "publisher", "region", "encoding", "url", "notes")}
    return DocumentMeta(file=str(raw["file"]).strip(), year=year, as_of=as_of,
                        unit=str(unit).replace(" ", "") if unit else None, **text)


def _entry_lines(text: str) -> list[int | None]:
    """1-based line of each item of the ``documents`` list, for error messages."""
    import yaml

    try:
        node = yaml.compose(text)
    except yaml.YAMLError:
        return []
    if node is None or not hasattr(node, "value"):
        return []
    for key, value in getattr(node, "value", []):
        if getattr(key, "value", None) == "documents" and isinstance(value, yaml.SequenceNode):
            return [item.start_mark.line + 1 for item in value.value]
    return []


def load_manifest(raw_dir: Path, problems: list[ManifestError] | None = None) -> dict[str, DocumentMeta]:
    """Read ``raw_dir/sources.yaml`` into ``{file name: DocumentMeta}`` (empty when there is none).

    Raises :class:`ManifestError` naming the file and line for malformed YAML, unknown keys, bad values
    and duplicate entries. An entry whose file does not exist also raises, unless ``problems`` is given:
    then the error is appended there and the other entries are still returned, so one stale entry does
    not stop the documents that are present.
    """
    import yaml  # local: keeps `import helpers.manifest` cheap

    raw_dir = Path(raw_dir)
    path = raw_dir / "sources.yaml"
    if not path.exists():
        return {}
    try:
        text = path.read_text(encoding="utf-8-sig")
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark, opened = getattr(exc, "problem_mark", None), getattr(exc, "context_mark", None)
        if mark is not None and opened is not None and mark.index >= len(text.rstrip()):
            mark = opened  # "unexpected end of stream": name the line where the quote or bracket was opened
        line = mark.line + 1 if mark is not None else None
        context = f" ({exc.context})" if getattr(exc, "context", None) else ""
        raise ManifestError(f"malformed YAML: {getattr(exc, 'problem', exc)}{context}", file=str(path),
                            line=line) from None
    except UnicodeDecodeError:
        raise ManifestError("sources.yaml must be UTF-8", file=str(path)) from None
    if data is None:
        return {}
    if not isinstance(data, dict) or not isinstance(data.get("documents", []), list):
        raise ManifestError("expected a top-level 'documents:' list", file=str(path))
    extra_top = sorted(set(data) - {"documents"})
    if extra_top:
        raise ManifestError(f"unknown top-level key(s) {', '.join(extra_top)}; expected 'documents'", file=str(path))
    lines = _entry_lines(text)
    out: dict[str, DocumentMeta] = {}
    for i, raw in enumerate(data.get("documents") or []):
        line = lines[i] if i < len(lines) else None
        meta = _entry(raw, i, path, line)
        if meta.file in out:
            raise ManifestError(f"{meta.file} is listed twice", file=str(path), line=line)
        if not (raw_dir / meta.file).is_file():
            err = ManifestError(f"lists {meta.file!r}, which is not in {raw_dir}", file=str(path), line=line)
            if problems is None:
                raise err
            problems.append(err)
            continue
        out[meta.file] = meta
    return out
