"""Why a native document could not be converted: one exception, with a short machine-readable reason."""

from __future__ import annotations

from ..errors import InputError


class ConvertError(InputError):
    """Raised when a native document (HWPX, HWP, PDF) cannot be read; ``reason`` names the kind of problem
    (``distribution``, ``password``, ``no_text_layer``, ``truncated``, ``hwp3``, ``wrong_format``,
    ``damaged``) so the caller can flag it, and the message says what the user can do."""

    def __init__(self, message: str, *, file: str | None = None, reason: str = "damaged"):
        self.reason = reason
        super().__init__(message, file=file)
