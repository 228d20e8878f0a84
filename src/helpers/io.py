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


def _fill_temp(tmp_path: Path, write: Callable[[Path], None]) -> None:
    """Every file's bytes reach the disk here (``write`` fills the empty temporary ``tmp_path``): the one
    place the fault tests inject a full disk or a signal part-way through a write."""
    write(tmp_path)


def _write_temp(path: Path, write: Callable[[Path], None]) -> Path:
    """Produce the complete new content of ``path`` in a temporary file; on failure leave nothing behind."""
    tmp_path = _temp_for(path)
    with _discarding_on_failure(tmp_path, path):
        _fill_temp(tmp_path, write)
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


class AtomicFileSet:
    """Files written together (see :func:`atomic_file_set`): each is produced in full in a temporary file
    next to its target as soon as it is written; all are renamed over their targets on :meth:`commit`."""

    def __init__(self) -> None:
        self._temps: list[tuple[Path, Path]] = []

    def write(self, path: Path, write: Callable[[Path], None]) -> None:
        """Produce the new content of ``path`` now (``write`` gets the temporary path to write to)."""
        path = Path(path)
        _remove_stale_temporaries([path])
        self._temps.append((path, _write_temp(path, write)))

    def commit(self) -> list[Path]:
        for path, tmp_path in self._temps:
            try:
                os.replace(tmp_path, path)
            except OSError as exc:
                raise _output_error(path, exc) from exc
        return [path for path, _ in self._temps]

    def discard(self) -> None:
        for _, tmp_path in self._temps:
            tmp_path.unlink(missing_ok=True)  # already-renamed ones are gone: missing_ok


@contextmanager
def atomic_file_set():
    """Write several files together: a failure or interrupt before the block ends changes none of them.

    ``with atomic_file_set() as files: files.write(path, writer)``: every new file is written in full next
    to its target while the block runs (one at a time, so the caller can build and release each file's
    content in turn); when the block ends they are renamed over their targets, one after the other (renames
    are quick and need no disk space). Used for the processed tables, so an interrupted ``extract`` never
    leaves a mix of old and new tables behind. Temporaries that a killed run (SIGKILL, power loss) left next
    to the same targets are removed first; two runs writing the same folder at the same time are not
    supported.
    """
    files = AtomicFileSet()
    try:
        yield files
        files.commit()
    except BaseException:
        files.discard()
        raise


def atomic_write_files(files: dict[Path, bytes]) -> list[Path]:
    """Write several files of known bytes together (:func:`atomic_file_set`); returns their paths."""
    with atomic_file_set() as out:
        for path, data in files.items():
            out.write(path, lambda p, d=data: p.write_bytes(d))
    return [Path(p) for p in files]


def atomic_write_text(path: Path, text: str, encoding: str = "utf-8") -> Path:
    """Write ``text`` to ``path`` atomically (UTF-8 unless told otherwise)."""
    return _atomic(path, lambda p: p.write_bytes(text.encode(encoding)))
