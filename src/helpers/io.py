"""Atomic file outputs: write to a temporary file in the target folder, then rename over the target.

A reader (or an interrupted run) therefore sees either the previous file or the complete new one, never
a half-written file. Errors become :class:`OutputError` naming the path.
"""

from __future__ import annotations

import errno
import glob
import os
import tempfile
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path

from .errors import OutputError


def _temp_for(path: Path) -> Path:
    """A new empty temporary file next to ``path`` (same folder, so the final rename is atomic)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        os.close(fd)
    except OSError as exc:
        raise OutputError(f"cannot write to {path.parent}: {exc.strerror or exc}") from exc
    return Path(tmp)


def _output_error(path: Path, exc: OSError) -> OutputError:
    reason = "disk full" if exc.errno == errno.ENOSPC else (exc.strerror or str(exc))
    return OutputError(f"cannot write {path}: {reason}")


@contextmanager
def _discarding_on_failure(tmp_path: Path, path: Path):
    """Remove ``tmp_path`` if the block fails; an ``OSError`` becomes an :class:`OutputError` naming ``path``."""
    try:
        yield
    except OSError as exc:
        tmp_path.unlink(missing_ok=True)
        raise _output_error(path, exc) from exc
    except BaseException:
        tmp_path.unlink(missing_ok=True)
        raise


def _write_temp(path: Path, write: Callable[[Path], None]) -> Path:
    """Produce the complete new content of ``path`` in a temporary file; on failure leave nothing behind."""
    tmp_path = _temp_for(path)
    with _discarding_on_failure(tmp_path, path):
        write(tmp_path)
        os.chmod(tmp_path, 0o644)
    return tmp_path


def _atomic(path: Path, write: Callable[[Path], None]) -> Path:
    path = Path(path)
    tmp_path = _write_temp(path, write)
    with _discarding_on_failure(tmp_path, path):
        os.replace(tmp_path, path)
    return path


def _remove_stale_temporaries(paths) -> None:
    for path in map(Path, paths):
        if path.parent.is_dir():
            for tmp in path.parent.glob(f".{glob.escape(path.name)}.*.tmp"):
                tmp.unlink(missing_ok=True)


def atomic_write_files(files: dict[Path, bytes]) -> list[Path]:
    """Write several files together: a failure or interrupt before all are written changes none of them.

    Every new file is first written in full next to its target; only then are they renamed over their
    targets, one after the other (renames are quick and need no disk space). Used for the processed
    tables, so an interrupted ``extract`` never leaves a mix of old and new tables behind. Temporaries
    that a killed run (SIGKILL, power loss) left next to the same targets are removed first; two runs
    writing the same folder at the same time are not supported.
    """
    _remove_stale_temporaries(files)
    temps: list[tuple[Path, Path]] = []
    try:
        for path, data in files.items():
            path = Path(path)
            temps.append((path, _write_temp(path, lambda p, d=data: p.write_bytes(d))))
        for path, tmp_path in temps:
            try:
                os.replace(tmp_path, path)
            except OSError as exc:
                raise _output_error(path, exc) from exc
    except BaseException:
        for _, tmp_path in temps:
            tmp_path.unlink(missing_ok=True)  # already-renamed ones are gone: missing_ok
        raise
    return [path for path, _ in temps]


def atomic_write_text(path: Path, text: str, encoding: str = "utf-8") -> Path:
    """Write ``text`` to ``path`` atomically (UTF-8 unless told otherwise)."""
    return _atomic(path, lambda p: p.write_bytes(text.encode(encoding)))
