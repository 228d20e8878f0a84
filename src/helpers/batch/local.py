"""The local executor: worker processes (``spawn``), each keeping one warm kernel for every region it renders."""

from __future__ import annotations

import gc
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .. import config
from .tasks import RegionResult, RegionTask, render_task, warm_export

GRACE_SECONDS = 30  # beyond the region timeout before a silent worker is killed


def _worker_main(conn, cwd: str, modules: tuple[str, ...] = ()) -> None:
    """Worker process loop: receive tasks, render them on this worker's warm kernel, send results.
    With ``modules`` (the notebook's imports) the kernel starts and warms up before the first task comes."""
    from ..kernels import WarmKernel, release_memory, skip_iri_grammar

    skip_iri_grammar()  # before either thread imports nbformat
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    kernel = WarmKernel(cwd)
    exporter = None
    if modules:
        try:
            kernel.start()  # first: the kernel process launches and imports while this one goes on
            exporter = threading.Thread(target=warm_export, daemon=True)
            exporter.start()  # this process's own first-use costs, while its kernel imports
            kernel.warm(modules)
        except Exception:  # noqa: BLE001 - the first task warms up again and reports the failure with its region
            kernel.shutdown()
            kernel = WarmKernel(cwd)
    frozen = False
    try:
        while True:
            task = conn.recv()
            if task is None:
                break
            if task.cwd != kernel.cwd:
                kernel.shutdown()
                kernel = WarmKernel(task.cwd)

            def on_cell(done, total, code=task.code, kernel=kernel):
                conn.send(("progress", code, done, total, kernel.pid))

            # the first region runs while the exporter may still warm up; its export waits for it
            result = render_task(task, kernel, on_cell=on_cell,
                                 before_export=exporter.join if exporter is not None else None)
            conn.send(("result", result))
            del result
            release_memory()
            if not frozen:
                if exporter is not None:
                    exporter.join()
                gc.collect()
                gc.freeze()  # imported modules and warm caches: release_memory's collections skip them
                frozen = True
    except (EOFError, KeyboardInterrupt):
        pass
    finally:
        kernel.shutdown()


@dataclass
class _Worker:
    process: object
    conn: object
    kernel_pid: int | None = None
    task: RegionTask | None = None
    started: float = 0.0
    stopping: bool = False  # asked to stop (see LocalPool.stop)


class LocalPool:
    """Worker processes (``spawn``ed), each keeping one warm kernel; reusable across :meth:`run` calls.

    A worker that dies (or exceeds the region timeout by :data:`GRACE_SECONDS`) fails only the region
    it was rendering; a fresh worker takes over the remaining regions.
    """

    def __init__(self, jobs: int | None = None, cwd: Path | str | None = None):
        import multiprocessing as mp

        self.jobs = max(1, int(jobs or os.cpu_count() or 1))
        default = config.NOTEBOOKS_DIR if config.NOTEBOOKS_DIR.is_dir() else Path.cwd()
        self.cwd = str(Path(cwd or default).resolve())
        self._ctx = mp.get_context("spawn")
        self.workers: list[_Worker] = []
        self.modules: tuple[str, ...] = ()  # what a new worker's kernel imports before its first task

    def __enter__(self) -> LocalPool:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def worker_pids(self) -> list[int]:
        return [w.process.pid for w in self.workers if w.process.is_alive()]

    def start(self, n: int | None = None, notebook: Path | None = None) -> None:
        """Start up to ``n`` (at most ``jobs``) workers now, without waiting: each starts its kernel and
        imports ``notebook``'s modules while the caller goes on (the batch plans meanwhile), and :meth:`run`
        hands them tasks. The warm-up is the one the first task would do, so reports are unchanged."""
        if notebook is not None:
            import json

            from ..kernels import notebook_imports

            try:  # plain JSON: nbformat's reader would cost the client seconds of imports and validation
                self.modules = tuple(notebook_imports(json.loads(Path(notebook).read_text(encoding="utf-8"))))
            except (ValueError, KeyError, AttributeError, TypeError):
                self.modules = ()  # not a notebook: the first task reports it with its region
        while len(self.workers) < min(self.jobs, n or self.jobs):
            self._spawn()

    def _spawn(self) -> _Worker:
        parent, child = self._ctx.Pipe()
        proc = self._ctx.Process(target=_worker_main, args=(child, self.cwd, self.modules), daemon=True,
                                 name=f"welfare-eval-worker-{len(self.workers)}")
        proc.start()
        child.close()
        worker = _Worker(proc, parent)
        self.workers.append(worker)
        return worker

    def _discard(self, worker: _Worker) -> None:
        """Remove a dead or stuck worker, killing it and its kernel."""
        if worker.process.is_alive():
            worker.process.kill()
        worker.process.join(timeout=5)
        if worker.kernel_pid:
            try:
                os.kill(worker.kernel_pid, signal.SIGKILL)
            except OSError:
                pass
        worker.conn.close()
        self.workers.remove(worker)

    def run(self, tasks: Iterable[RegionTask]) -> Iterator[tuple]:
        """Yield ``("start", task)``, ``("progress", code, done, total)`` and ``("result", RegionResult)``."""
        from multiprocessing.connection import wait

        pending = deque(tasks)
        idle = [w for w in self.workers if w.task is None and not w.stopping and w.process.is_alive()]
        busy: list[_Worker] = []
        while pending or busy:
            while pending and (idle or len(self.workers) < self.jobs):
                worker = idle.pop() if idle else self._spawn()
                worker.task, worker.started = pending.popleft(), time.monotonic()
                worker.conn.send(worker.task)
                busy.append(worker)
                yield ("start", worker.task)
            wait([w.conn for w in busy] + [w.process.sentinel for w in busy], timeout=1.0)
            for worker in list(busy):
                task, result, dead = worker.task, None, False
                try:
                    while result is None and worker.conn.poll():
                        message = worker.conn.recv()
                        if message[0] == "progress":
                            worker.kernel_pid = message[4]
                            yield ("progress", message[1], message[2], message[3])
                        else:
                            result = message[1]
                except (EOFError, OSError):
                    dead = True
                elapsed = time.monotonic() - worker.started
                if result is None and (dead or not worker.process.is_alive()):
                    worker.process.join(timeout=5)  # the pipe closes a moment before the exit is reaped
                    code = worker.process.exitcode
                    how = f"signal {-code}" if code is not None and code < 0 else f"exit code {code}"
                    result = RegionResult(task.code, task.name, "failed", elapsed,
                                          error=f"worker process died ({how}) while rendering this region")
                    self._discard(worker)
                elif result is None and elapsed > task.timeout + GRACE_SECONDS:
                    result = RegionResult(task.code, task.name, "failed", elapsed,
                                          error=f"worker did not answer within the {task.timeout:g} s timeout; killed")
                    self._discard(worker)
                elif result is not None:
                    worker.task = None
                    idle.append(worker)
                if result is not None:
                    busy.remove(worker)
                    yield ("result", result)

    def stop(self) -> None:
        """Ask every worker to stop (each shuts its kernel down), without waiting: see :meth:`close`."""
        for worker in list(self.workers):
            if worker.stopping:
                continue
            worker.stopping = True
            try:
                worker.conn.send(None)
            except OSError:
                pass

    def close(self) -> None:
        """Stop every worker (each shuts its kernel down) and wait for them to end."""
        self.stop()
        for worker in list(self.workers):
            worker.process.join(timeout=10)
            self._discard(worker)
