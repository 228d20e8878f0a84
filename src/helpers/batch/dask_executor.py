"""The Dask executor: the same region tasks on an existing ``dask.distributed`` cluster.

Results (HTML and executed notebook) come back to the client, which writes them, so workers need only
this package (same version) and read access to the processed data. Each worker thread keeps one warm
kernel for the batch; :func:`release_remote_kernels` stops them at the end.
"""

from __future__ import annotations

import os
import signal
import threading
from collections.abc import Iterator
from pathlib import Path

from ..errors import ReportError
from .tasks import RegionResult, RegionTask, render_task

_REMOTE_KERNELS: dict[int, tuple[str, object]] = {}
_REMOTE_LOCK = threading.Lock()


def render_remote(task: RegionTask) -> RegionResult:
    """Dask task: render ``task`` on this worker thread's warm kernel (one per thread, per batch)."""
    from ..kernels import WarmKernel, release_memory

    cwd = task.cwd if os.path.isdir(task.cwd) else os.getcwd()  # the client's folder may not exist here
    key = threading.get_ident()
    with _REMOTE_LOCK:
        entry = _REMOTE_KERNELS.get(key)
    if entry is not None and (entry[0] != task.batch_id or entry[1].cwd != str(Path(cwd).resolve())):
        entry[1].shutdown()  # a kernel from an earlier batch may hold stale helpers code
        entry = None
    if entry is None:
        entry = (task.batch_id, WarmKernel(cwd))
        with _REMOTE_LOCK:
            _REMOTE_KERNELS[key] = entry
    result = render_task(task, entry[1])
    release_memory()  # the exported page's memory, before the next region on this worker
    _freeze_once()
    return result


_FROZEN = []


def _freeze_once() -> None:
    """After this process's first region: ``gc.freeze()`` the objects alive then (nbconvert, the exporter's
    imports), so the collection after each later region scans only that region's objects."""
    import gc

    with _REMOTE_LOCK:
        if not _FROZEN:
            _FROZEN.append(True)
            gc.freeze()


def release_remote_kernels() -> int:
    """Stop the warm kernels this Dask worker holds (called on every worker at the end of a batch)."""
    with _REMOTE_LOCK:
        entries = list(_REMOTE_KERNELS.values())
        _REMOTE_KERNELS.clear()
    for _, kernel in entries:
        pid = kernel.pid
        if pid:
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
        try:
            kernel.client.km.cleanup_connection_file()
        except Exception:  # noqa: BLE001
            pass
        kernel.client = None
    return len(entries)


def run_dask(tasks: list[RegionTask], scheduler: str) -> Iterator[tuple]:
    try:
        from distributed import Client, as_completed
    except ImportError as exc:  # pragma: no cover - dask[distributed] is a dependency
        raise ReportError("--executor dask needs dask.distributed installed") from exc
    if not scheduler:
        raise ReportError("--executor dask needs --scheduler ADDRESS (e.g. tcp://127.0.0.1:8786)")
    try:
        client = Client(scheduler, timeout=30)
    except Exception as exc:  # noqa: BLE001
        raise ReportError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from exc
    try:
        futures = {}
        for task in tasks:
            futures[client.submit(render_remote, task, pure=False, key=f"report-{task.code}-{task.batch_id}")] = task
            yield ("start", task)
        for future in as_completed(futures):
            task = futures[future]
            try:
                result = future.result()
            except Exception as exc:  # noqa: BLE001 - KilledWorker, lost connection …
                result = RegionResult(task.code, task.name, "failed",
                                      error=f"Dask task failed: {type(exc).__name__}: {exc}")
            yield ("result", result)
        client.run(release_remote_kernels)
    finally:
        client.close()
