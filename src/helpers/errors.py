"""The project's exceptions: a small hierarchy the CLI turns into one clear message and an exit code.

Each also subclasses the standard exception a pandas user would catch for it: a bad value (a region
name, a parameter, a corrupted table) is a ``ValueError``, something not found (an unknown region, a
missing table) a ``LookupError``; ``except ValueError`` in a notebook works without importing ours.
"""

from __future__ import annotations


class WelfareEvalError(Exception):
    """Raised for any failure the user can act on; the base of all project errors."""

    exit_code = 1


class InputError(WelfareEvalError, ValueError):
    """Raised when an input file cannot be read or understood; names the file and, when known, the line."""

    exit_code = 2

    def __init__(self, message: str, *, file: str | None = None, line: int | None = None, text: str | None = None):
        self.file, self.line, self.text = file, line, text
        where = ""
        if file:
            where = f"{file}:{line}: " if line else f"{file}: "
        detail = f" (text: {text[:80]!r})" if text else ""
        super().__init__(f"{where}{message}{detail}")


class ManifestError(InputError):
    """Raised when data/raw/sources.yaml is malformed, names a missing file or has unknown keys."""


class RegionError(WelfareEvalError, ValueError):
    """Raised when a region name or code cannot be resolved to exactly one official region."""

    exit_code = 2


class UnknownRegionError(RegionError, LookupError):
    """Raised when a region name or code matches no region in the registry."""


class AmbiguousRegionError(RegionError):
    """Raised when a region name matches several regions (e.g. 중구) and no parent narrows it down."""

    def __init__(self, message: str, candidates: list[str]):
        self.candidates = candidates
        super().__init__(message)


class DataMissingError(WelfareEvalError, LookupError):
    """Raised when processed tables are missing or stale; the message says how to rebuild them."""


class SchemaError(WelfareEvalError, ValueError):
    """Raised when a processed table does not match its schema (corrupted or hand-edited file)."""


class OutputError(WelfareEvalError):
    """Raised when an output cannot be written (read-only or full directory, path outside its folder)."""


class ReportError(WelfareEvalError, ValueError):
    """Raised when a region report cannot be produced (bad parameters, notebook failure)."""


class ParameterError(ReportError):
    """Raised when a report parameter is unknown, misspelt or has a value it cannot take (a usage error)."""

    exit_code = 2
