"""Faults while ``welfare-eval extract`` writes its tables: the previous outputs survive, errors are clear.

Each test first makes a complete set of outputs, then changes the raw folder (so a new run would write
different bytes) and injects one fault part-way through the writing. What is simulated is named in the
test: the suite runs as root on a normal disk, where chmod does not stop writes and the disk is not full,
so "disk full" and "read-only" are injected as the OSError the OS would raise (ENOSPC, EACCES, EROFS);
"output path is a file" and the signals (SIGINT, SIGKILL) are real.
"""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import textwrap

import pytest

from helpers import io as helpers_io
from helpers.extract import pipeline, table_files
from helpers.schema import TABLES

from .conftest import REVENUE_TABLE, extract, snapshot

N_FILES = 2 * len(TABLES)  # Parquet + CSV per table


@pytest.fixture
def previous(tmp_path, raw):
    """A raw folder, the outputs of a successful run on it, then one more document (new outputs differ)."""
    (raw / "a.txt").write_text(REVENUE_TABLE, encoding="utf-8")
    out = tmp_path / "out"
    assert extract(raw, out).code == 0
    before = snapshot(out)
    assert len(before) == N_FILES
    (raw / "b.txt").write_text(REVENUE_TABLE.replace("총 계", "합 계"), encoding="utf-8")
    return raw, out, before


def fail_on_call(monkeypatch, owner, name: str, n: int, exc: BaseException):
    """Make ``owner.name`` raise ``exc`` on its n-th call (earlier calls behave normally)."""
    original, calls = getattr(owner, name), []

    def wrapper(*args, **kwargs):
        calls.append(1)
        if len(calls) == n:
            raise exc
        return original(*args, **kwargs)

    monkeypatch.setattr(owner, name, wrapper)
    return calls


def test_serialisation_error_in_last_table_leaves_every_previous_table(previous, monkeypatch):
    raw, out, before = previous
    fail_on_call(monkeypatch, table_files, "arrow_chunk", len(TABLES), RuntimeError("pyarrow: cannot convert column"))
    with pytest.raises(RuntimeError, match="cannot convert"):
        pipeline.run_extract(raw, out, echo=lambda *_: None)
    assert snapshot(out) == before  # not one table replaced, no temporaries


@pytest.mark.parametrize("nth_write", [1, 5, N_FILES])
def test_disk_full_simulated_enospc_while_writing(previous, monkeypatch, nth_write):
    raw, out, before = previous
    fail_on_call(monkeypatch, helpers_io, "_fill_temp", nth_write,
                 OSError(errno.ENOSPC, "No space left on device"))
    run = extract(raw, out)
    assert run.code == 1
    assert run.err.startswith(f"welfare-eval extract: error: cannot write {out}/") and "disk full" in run.err
    assert snapshot(out) == before


@pytest.mark.parametrize("err", [errno.EACCES, errno.EROFS], ids=["EACCES", "EROFS"])
def test_read_only_output_simulated_oserror_on_create(previous, monkeypatch, err):
    raw, out, before = previous
    import tempfile

    fail_on_call(monkeypatch, tempfile, "mkstemp", 3, OSError(err, os.strerror(err)))
    run = extract(raw, out)
    assert run.code == 1
    assert run.err == f"welfare-eval extract: error: cannot write to {out}: {os.strerror(err)}\n"
    assert snapshot(out) == before


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores directory permissions; see the simulated test")
def test_read_only_output_directory_real_chmod(previous):
    raw, out, before = previous
    out.chmod(0o555)
    try:
        run = extract(raw, out)
    finally:
        out.chmod(0o755)
    assert run.code == 1 and f"cannot write to {out}: Permission denied" in run.err
    assert snapshot(out) == before


def test_output_path_is_a_file_real(tmp_path, raw):
    (raw / "a.txt").write_text(REVENUE_TABLE, encoding="utf-8")
    blocker = tmp_path / "out"
    blocker.write_text("not a folder", encoding="utf-8")
    run = extract(raw, blocker)
    assert run.code == 1 and run.err.startswith(f"welfare-eval extract: error: cannot write to {blocker}: ")
    assert blocker.read_text(encoding="utf-8") == "not a folder"
    run = extract(raw, blocker / "sub")  # a parent of the output folder is a file
    assert run.code == 1 and f"cannot write to {blocker / 'sub'}: " in run.err


DRIVER = textwrap.dedent("""
    # Runs `welfare-eval extract`, delivering a real signal to itself in the middle of the n-th file write,
    # after half of that temporary file's bytes are on disk.
    import os, signal, sys
    from helpers import io
    from helpers.cli import main
    sig, n, raw, out = getattr(signal, sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4]
    # Ctrl-C as a terminal delivers it, whoever started the tests: a background job of a shell without job
    # control (`pytest ... &` in a script) starts with SIGINT ignored, and Python then installs no handler,
    # so the signal would be dropped and the run would finish (exit 0); a blocked SIGINT would stay pending.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    original, calls = io._fill_temp, []
    def fill_temp(tmp_path, write):
        calls.append(tmp_path)
        original(tmp_path, write)
        if len(calls) == n:
            os.truncate(tmp_path, os.path.getsize(tmp_path) // 2)
            os.kill(os.getpid(), sig)
    io._fill_temp = fill_temp
    sys.exit(main(["extract", "--raw", raw, "--out", out]))
""")


def run_driver(tmp_path, sig: str, n: int, raw, out) -> subprocess.CompletedProcess:
    script = tmp_path / "driver.py"
    script.write_text(DRIVER, encoding="utf-8")
    return subprocess.run([sys.executable, str(script), sig, str(n), str(raw), str(out)],
                          capture_output=True, text=True, timeout=120)


def test_sigint_in_the_middle_of_writing_keeps_previous_outputs_and_cleans_up(previous, tmp_path):
    raw, out, before = previous
    proc = run_driver(tmp_path, "SIGINT", 6, raw, out)
    assert proc.returncode == 130, proc.stderr
    assert "welfare-eval extract: interrupted; finished outputs are intact" in proc.stderr
    assert snapshot(out) == before  # no table replaced, no half-written temporary left


def test_sigkill_in_the_middle_of_writing_keeps_previous_outputs(previous, tmp_path):
    """SIGKILL cannot be handled: the previous tables survive; the next run removes the dead run's temporaries."""
    raw, out, before = previous
    proc = run_driver(tmp_path, "SIGKILL", 6, raw, out)
    assert proc.returncode == -signal.SIGKILL
    after = snapshot(out)
    visible = {k: v for k, v in after.items() if not k.startswith(".")}
    assert visible == before
    debris = sorted(set(after) - set(before))
    assert len(debris) == 6 and all(k.startswith(".") and k.endswith(".tmp") for k in debris)
    assert extract(raw, out).code == 0  # the next run completes
    assert sorted(snapshot(out)) == sorted(before)  # and leaves no temporaries of the killed run
    assert snapshot(out) != before
