"""Documents extracted side by side: a pool of worker processes, one document at a time per worker.

Each document is extracted alone (:func:`.pipeline.extract_path`), so running several at once changes no
output: the parts are gathered in document order whatever order the workers finish in. The workers are
forked after the region registry and the extract modules are loaded, so a worker starts in milliseconds
and parses nothing again; the largest documents are handed out first, so a large document does not start
last and keep the run waiting alone. A worker holds one document at a time, so memory per process follows
the largest document, as in a run in one process. Where fork is unavailable (or unsafe: a process that
already runs threads, such as a notebook kernel, when the caller did not ask for workers), documents are
extracted in this process, one after the other.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

#: Below this much text in all, the documents are extracted in this process: forking the workers and
#: sending their rows back (some tens of milliseconds) would cost about what the second core saves.
MIN_PARALLEL_BYTES = 64_000

#: The modules the extraction imports on first use (the table engine, the document defaults, the native
#: hook): imported in the parent before the fork, so each worker does not import them (and compile their
#: patterns) again.
PRELOAD = ("helpers.extract.document_defaults", "helpers.extract.blocks", "helpers.extract.families",
           "helpers.extract.inline_pass", "helpers.extract.table_cells", "helpers.extract.year_groups",
           "helpers.extract.algebra", "helpers.extract.sources", "helpers.convert", "helpers.convert.hook")

#: What a worker needs beyond its task (the registry, the native documents): set in the parent before the
#: workers are forked, so they inherit it instead of receiving it pickled with every task.
_SHARED: dict = {}


def cpu_count() -> int:
    """The CPUs this process may run on (its affinity, not the machine's count)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


def can_fork() -> bool:
    """Worker processes can be forked here: the platform has fork, and this process is no daemonic worker
    of a pool (which may not start children of its own)."""
    return "fork" in multiprocessing.get_all_start_methods() and not multiprocessing.current_process().daemon


def default_jobs(sizes: list[int]) -> int:
    """How many workers by default: up to the CPU count when there are two documents or more and enough
    text to pay for the workers (:data:`MIN_PARALLEL_BYTES`), else 1 (in this process). A process that
    already runs threads is not forked unasked (a child of a threaded process may inherit a held lock)."""
    if len(sizes) < 2 or sum(sizes) < MIN_PARALLEL_BYTES or not can_fork() or threading.active_count() > 1:
        return 1
    return max(1, min(cpu_count(), len(sizes)))


def text_size(path: Path, native: dict) -> int:
    """The size of what will be extracted: the interim text of a converted native document, else the file."""
    outcome = getattr(native.get(path), "outcome", None)
    target = getattr(outcome, "text_path", None) or path
    try:
        return Path(target).stat().st_size
    except OSError:
        return 0


def document_parts(tasks: list[tuple[Path, object]], reg, native: dict, jobs: int | None = None,
                   while_waiting: Callable[[], None] | None = None) -> Iterator:
    """The :class:`.pipeline.DocumentPart` of each ``(path, meta)`` task, in task order.

    ``jobs`` worker processes (``None``: :func:`default_jobs`; 1: in this process). A document whose worker
    dies (killed, out of memory) becomes its error part, naming the file; the others are still gathered.
    ``while_waiting`` is called once the workers have started; in one process it is not called (the
    caller's work then simply follows the extraction)."""
    from .pipeline import extract_path

    if not tasks:
        return
    sizes = [text_size(path, native) for path, _meta in tasks]
    if jobs is None:
        jobs = default_jobs(sizes)
    jobs = min(max(1, int(jobs)), len(tasks))
    if jobs == 1 or not can_fork():
        for path, meta in tasks:
            yield extract_path(path, meta, reg, native)
        return
    yield from _in_workers(tasks, sizes, reg, native, jobs, while_waiting)


def _in_workers(tasks, sizes, reg, native, jobs, while_waiting) -> Iterator:
    import importlib

    from .pipeline import failed_part

    for name in PRELOAD:
        importlib.import_module(name)
    _SHARED.update(tasks=tasks, reg=reg, native=native)
    executor = ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("fork"),
                                   initializer=_ignore_interrupts)
    try:
        largest_first = sorted(range(len(tasks)), key=lambda i: (-sizes[i], i))
        futures = {i: executor.submit(_work, i) for i in largest_first}
        if while_waiting is not None:
            while_waiting()
        for i, (path, meta) in enumerate(tasks):
            try:
                part = futures.pop(i).result()
            except Exception as exc:  # the worker died (BrokenProcessPool) or its part could not be sent back
                part = failed_part(path, meta, f"{path.name}: extraction failed in a worker process: "
                                   f"{type(exc).__name__}: {exc} (run with --jobs 1 to extract it in one "
                                   "process)", "extractor_error")
            yield part
    finally:
        _SHARED.clear()
        executor.shutdown(wait=True, cancel_futures=True)


def _ignore_interrupts() -> None:
    """In a worker: Ctrl-C is the parent's to handle (it stops the run; the workers finish their document)."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _work(index: int):
    """In a worker: extract task ``index`` of the tasks the parent held when it forked this process."""
    from .pipeline import extract_path

    path, meta = _SHARED["tasks"][index]
    return extract_path(path, meta, _SHARED["reg"], _SHARED["native"])
