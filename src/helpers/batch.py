"""Batch rendering (일괄 보고서 생성) of the region reports: parallel, incremental, failure-isolated.

``welfare-eval report --region all --jobs N`` renders ``notebooks/region_report.ipynb`` once per region:

- **Parallel, warm.** Each worker process keeps one :class:`~helpers.kernels.WarmKernel` with the
  notebook's imports done; per region the parameters are injected with papermill's own
  ``parameterize_notebook`` (codes as strings), the cells run through nbclient, and the HTML is exported
  in the worker process — no kernel start, import or subprocess per region.
- **Failure-isolated.** A region whose notebook raises, times out, or whose kernel or worker process dies
  is listed as failed with the failing cell; its executed notebook (with the error) is kept in
  ``reports/notebooks/``; the other regions go on; the exit code is 1.
- **Incremental.** A region is skipped when its input fingerprint (:mod:`helpers.runlog`) matches its
  last successful run; ``force=True`` (``--force``) re-renders.
- **Scalable.** ``executor="dask"`` sends the same per-region tasks to a ``dask.distributed`` cluster;
  results (HTML and executed notebook) come back and are written here, so workers need only the package
  and read access to the processed data.

Outputs are written atomically by this (client) process only: ``reports/<code>.html``,
``reports/notebooks/<code>.ipynb`` and ``reports/manifest.json``.
"""

from __future__ import annotations

import ast
import os
import re
import signal
import sys
import threading
import time
import uuid
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from . import config
from .errors import DataMissingError, RegionError, ReportError
from .io import atomic_write_text
from .runlog import (
    InputFingerprints,
    RunManifest,
    changed_parts,
    code_version,
    file_hash,
    input_hash,
    input_parts,
)

#: Output names must be plain codes: nothing that could leave ``reports/`` (``..``, ``/``, NUL …).
_SAFE_NAME = re.compile(r"^[0-9A-Za-z][0-9A-Za-z_-]{0,31}$")
OVERVIEW = "overview"
GRACE_SECONDS = 30  # beyond the region timeout before a silent worker is killed


# ---------------------------------------------------------------------------------------------------
# Tasks and results (picklable: they travel to worker processes and Dask workers)
# ---------------------------------------------------------------------------------------------------
@dataclass
class RegionTask:
    """One notebook run: the notebook text, its parameters and where to run it."""

    code: str
    name: str
    notebook: str  # the notebook's JSON text (Dask workers need no copy of the file)
    parameters: dict
    timeout: float
    cwd: str
    title: str
    batch_id: str = ""


@dataclass
class RegionResult:
    """The outcome of one region: status (``ok``/``failed``/``skipped``), outputs, and what went wrong."""

    code: str
    name: str
    status: str
    duration: float = 0.0
    html: str | None = None
    notebook: str | None = None
    error: str = ""
    failing_cell: str = ""
    worker: str = ""
    reason: str = ""


def render_task(task: RegionTask, kernel, on_cell=None) -> RegionResult:
    """Parameterise, execute on ``kernel`` and export one region; never raises for notebook failures."""
    import nbformat
    from papermill.parameterize import parameterize_notebook

    from .kernels import KernelError, notebook_imports

    started = time.monotonic()
    nb = None
    try:
        nb = nbformat.reads(task.notebook, as_version=4)
        nb.metadata["papermill"] = nbformat.NotebookNode()
        for cell in nb.cells:  # what papermill's notebook loader does before parameterising
            cell.metadata.setdefault("tags", [])
        nb = parameterize_notebook(nb, task.parameters, kernel_name="python3", language="python")
        for cell in nb.cells:  # fixed ids: nbformat gives new cells random ids, which reach the HTML
            if "injected-parameters" in cell.metadata.get("tags", []):
                cell.id = "injected-parameters"
        kernel.warm(notebook_imports(nb))
        failure = kernel.execute(nb, task.timeout, on_cell=on_cell)
        if failure is not None:
            return _failed(task, started, nb, failure.describe(), failure.describe(), nbformat)
        html = export_html(nb, task.title)
    except KernelError as exc:
        return _failed(task, started, nb, str(exc), "", nbformat)
    except Exception as exc:  # noqa: BLE001 - one region's bug must not end the batch
        return _failed(task, started, nb, f"{type(exc).__name__}: {exc}", "", nbformat)
    return RegionResult(task.code, task.name, "ok", time.monotonic() - started, html=html,
                        notebook=nbformat.writes(nb), worker=_worker_label(kernel))


def _failed(task, started, nb, error, cell, nbformat) -> RegionResult:
    notebook = None
    if nb is not None:
        banner = nbformat.v4.new_markdown_cell(
            f"**This report failed** — {cell or error}\n\nThe error is in the cell's output below.")
        banner.id = "batch-error"
        nb.cells.insert(0, banner)
        notebook = nbformat.writes(nb)
    return RegionResult(task.code, task.name, "failed", time.monotonic() - started, notebook=notebook,
                        error=error, failing_cell=cell)


def _worker_label(kernel) -> str:
    import socket

    return f"{socket.gethostname()}:{os.getpid()} (kernel {kernel.pid})"


def export_html(nb, title: str) -> str:
    """The executed notebook as a self-contained HTML page, made in this process (no nbconvert subprocess).

    The one place the batch makes HTML: :func:`helpers.export.export_html` (report template, offline
    fonts, escaping checks).
    """
    from .export import export_html as project_export

    return project_export(nb, title)


# ---------------------------------------------------------------------------------------------------
# Local executor: worker processes, each with one warm kernel
# ---------------------------------------------------------------------------------------------------
def _worker_main(conn, cwd: str) -> None:
    """Worker process loop: receive tasks, render them on this worker's warm kernel, send results."""
    from .kernels import WarmKernel

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    kernel = WarmKernel(cwd)
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

            result = render_task(task, kernel, on_cell=on_cell)
            conn.send(("result", result))
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

    def __enter__(self) -> LocalPool:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def worker_pids(self) -> list[int]:
        return [w.process.pid for w in self.workers if w.process.is_alive()]

    def _spawn(self) -> _Worker:
        parent, child = self._ctx.Pipe()
        proc = self._ctx.Process(target=_worker_main, args=(child, self.cwd), daemon=True,
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
        idle = [w for w in self.workers if w.task is None and w.process.is_alive()]
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

    def close(self) -> None:
        """Stop every worker (each shuts its kernel down)."""
        for worker in list(self.workers):
            try:
                worker.conn.send(None)
            except OSError:
                pass
        for worker in list(self.workers):
            worker.process.join(timeout=10)
            self._discard(worker)


# ---------------------------------------------------------------------------------------------------
# Dask executor: the same tasks on an existing dask.distributed cluster
# ---------------------------------------------------------------------------------------------------
_REMOTE_KERNELS: dict[int, tuple[str, object]] = {}
_REMOTE_LOCK = threading.Lock()


def render_remote(task: RegionTask) -> RegionResult:
    """Dask task: render ``task`` on this worker thread's warm kernel (one per thread, per batch)."""
    from .kernels import WarmKernel

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
    return render_task(task, entry[1])


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


def _run_dask(tasks: list[RegionTask], scheduler: str) -> Iterator[tuple]:
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


# ---------------------------------------------------------------------------------------------------
# The batch
# ---------------------------------------------------------------------------------------------------
@dataclass
class BatchSummary:
    """What a batch did: results per region (done/skipped/failed) and wall time."""

    results: list[RegionResult] = field(default_factory=list)
    elapsed: float = 0.0
    notes: list[str] = field(default_factory=list)

    def _with(self, status):
        return [r for r in self.results if r.status == status]

    @property
    def done(self) -> list[RegionResult]:
        return self._with("ok")

    @property
    def skipped(self) -> list[RegionResult]:
        return self._with("skipped")

    @property
    def failed(self) -> list[RegionResult]:
        return self._with("failed")

    @property
    def exit_code(self) -> int:
        """0 only when every region succeeded (or was skipped as unchanged)."""
        return 1 if self.failed else 0

    def format(self, reports_dir: Path | None = None) -> str:
        lines = [f"reports: {len(self.done)} done, {len(self.skipped)} skipped (unchanged), "
                 f"{len(self.failed)} failed in {self.elapsed:.1f} s"]
        for r in self.failed:
            lines.append(f"  FAILED {r.code} {r.name}: {r.error}")
            if r.notebook and reports_dir is not None:
                lines.append(f"         executed notebook: {Path(reports_dir) / 'notebooks' / (r.code + '.ipynb')}")
        lines.extend(f"  note: {n}" for n in self.notes)
        return "\n".join(lines)


def resolve_regions(spec, processed_dir: Path | None = None) -> list[tuple[str, str]]:
    """``'all'``, ``'11410,구로구'`` or a list of names/codes → ``[(current code, name), …]``.

    'all' means every region with facts (``helpers.catalog``). A renamed region's old code gives its
    current code. Anything that is not a region (``../x``, ``a/b``) is rejected before it can name a file.
    """
    from .catalog import regions_with_data
    from .regions import registry

    items = [s.strip() for s in spec.split(",")] if isinstance(spec, str) else [str(s).strip() for s in spec]
    items = [s for s in items if s]
    if not items:
        raise RegionError("no region given: use 'all', a code or a name")
    if [s.lower() for s in items] == ["all"]:
        table = regions_with_data(processed_dir)
        if table.empty:
            raise DataMissingError(f"no regions with data in {processed_dir or config.PROCESSED_DIR}: "
                                   "run `welfare-eval extract` first")
        return list(zip(table["region_code"].astype(str), table["region_name"].astype(str), strict=True))
    reg = registry()
    out: dict[str, str] = {}
    for item in items:
        if any(ch in item for ch in "/\\\0") or ".." in item:
            raise RegionError(f"{item!r} is not a region name or code")
        region = reg.current(reg.resolve(item).code)
        if not _SAFE_NAME.match(region.code):
            raise RegionError(f"region code {region.code!r} cannot name a report file")
        out.setdefault(region.code, region.name)
    return list(out.items())


def _output_paths(reports_dir: Path, code: str) -> tuple[Path, Path]:
    """``reports/<code>.html`` and ``reports/notebooks/<code>.ipynb``, checked to stay in ``reports/``."""
    if not _SAFE_NAME.match(code):
        raise RegionError(f"{code!r} cannot name a report file")
    root = Path(reports_dir).resolve()
    html, nb = root / f"{code}.html", root / "notebooks" / f"{code}.ipynb"
    if html.parent != root or nb.parent.parent != root:
        raise RegionError(f"{code!r} would write outside {root}")
    return html, nb


def declared_parameters(nb_text: str) -> set[str]:
    """Names assigned in the notebook's ``parameters`` cell."""
    import nbformat

    nb = nbformat.reads(nb_text, as_version=4)
    names: set[str] = set()
    for cell in nb.cells:
        if cell.cell_type == "code" and "parameters" in cell.metadata.get("tags", []):
            try:
                tree = ast.parse(cell.source)
            except SyntaxError:
                continue
            for node in tree.body:
                targets = node.targets if isinstance(node, ast.Assign) else [getattr(node, "target", None)]
                names.update(t.id for t in targets if isinstance(t, ast.Name))
    return names


class _Progress:
    """tqdm bars: one for the batch, one per running region (cells done, elapsed), a line per result.

    Bars are drawn only on a terminal (stderr); the line per region goes to stdout whenever ``lines`` is
    true, so a cron log records each region with its time.
    """

    def __init__(self, total: int, lines: bool):
        from tqdm.auto import tqdm

        self._tqdm = tqdm
        self.lines = lines
        self.overall = tqdm(total=total, desc="reports", unit="region", disable=None if lines else True,
                            position=0, dynamic_ncols=True)
        self.bars: dict[str, object] = {}
        self.slots: list[str | None] = []

    def start(self, task: RegionTask) -> None:
        if self.overall.disable:
            return
        slot = self.slots.index(None) if None in self.slots else len(self.slots)
        if slot == len(self.slots):
            self.slots.append(None)
        self.slots[slot] = task.code
        self.bars[task.code] = self._tqdm(total=None, desc=f"  {task.code}", unit="cell", leave=False,
                                          position=slot + 1, dynamic_ncols=True)

    def progress(self, code: str, done: int, total: int) -> None:
        bar = self.bars.get(code)
        if bar is not None:
            bar.total = total
            bar.n = done
            bar.refresh()

    def finish(self, result: RegionResult) -> None:
        bar = self.bars.pop(result.code, None)
        if bar is not None:
            bar.close()
            self.slots[self.slots.index(result.code)] = None
        mark = {"ok": "done", "failed": "FAILED"}.get(result.status, result.status)
        line = f"{mark:>6} {result.code} {result.name} ({result.duration:.1f} s)"
        if result.status == "failed":
            line += f": {result.error}"
        if self.lines:
            self.overall.write(line, file=sys.stdout)
        self.overall.update(1)

    def close(self) -> None:
        for bar in self.bars.values():
            bar.close()
        self.overall.close()


def run_reports(regions="all", jobs: int | None = None, executor: str = "local", scheduler: str | None = None,
                force: bool = False, timeout: float = 600, reports_dir: Path | None = None,
                processed_dir: Path | None = None, *, notebook: Path | None = None,
                parameters: dict | None = None, overview: bool | None = None, pool: LocalPool | None = None,
                progress: bool = True) -> BatchSummary:
    """Render the report of every region in ``regions`` (see the module docstring); returns the summary.

    ``notebook`` defaults to ``notebooks/region_report.ipynb``; ``parameters`` are extra notebook
    parameters for every region (``region`` is set per region, as a string); ``overview`` renders
    ``notebooks/overview.ipynb`` too (default: when ``regions`` is 'all' and that notebook exists);
    ``pool`` reuses a :class:`LocalPool` (and its warm kernels) across calls.
    """
    started = time.monotonic()
    reports_dir = Path(reports_dir or config.REPORTS_DIR)
    # absolute: the notebook runs with the notebooks folder as its working directory
    processed_dir = Path(processed_dir or config.PROCESSED_DIR).resolve()
    notebook = Path(notebook or config.REPORT_NOTEBOOK)
    if executor not in ("local", "dask"):
        raise ReportError(f"unknown executor {executor!r}: use 'local' or 'dask'")
    is_all = isinstance(regions, str) and regions.strip().lower() == "all"
    if processed_dir.resolve() == config.PROCESSED_DIR.resolve():
        _ensure_fresh()  # rebuild stale tables once here, not in every worker's kernel at the same time
    region_list = resolve_regions(regions, processed_dir)
    if not notebook.exists():
        raise ReportError(f"report notebook not found: {notebook}")
    fingerprints = InputFingerprints(processed_dir)
    if not fingerprints.tables:
        raise DataMissingError(f"no processed tables in {processed_dir}: run `welfare-eval extract` first")
    manifest = RunManifest(reports_dir)
    code_hash = code_version()
    batch_id = uuid.uuid4().hex[:12]

    jobs_list: list[tuple[RegionTask, dict]] = []
    summary = BatchSummary()

    def plan(code, name, nb_path, params, rows_hash, title):
        nb_text = nb_path.read_text(encoding="utf-8")
        declared = declared_parameters(nb_text)
        if "processed_dir" in declared:
            params = {**params, "processed_dir": str(processed_dir)}
        parts = input_parts(rows_hash, fingerprints.peers, file_hash(nb_path), code_hash, params)
        digest = input_hash(parts)
        if not force and manifest.is_fresh(code, digest, _output_paths(reports_dir, code)):
            summary.results.append(RegionResult(code, name, "skipped", reason="inputs unchanged"))
            return
        previous = manifest.get(code)
        reason = ", ".join(changed_parts(previous, parts)) or "forced" if previous else "first run"
        task = RegionTask(code, name, nb_text, params, float(timeout), str(nb_path.parent.resolve()), title,
                          batch_id)
        jobs_list.append((task, {"input_hash": digest, "inputs": parts, "reason": reason}))

    extra = dict(parameters or {})
    for code, name in region_list:
        if not fingerprints.has_data(code):
            result = RegionResult(code, name, "failed", error=f"no facts for this region in {processed_dir}")
            manifest.record(code, name=name, status="failed", error=result.error, duration_s=0.0)
            summary.results.append(result)
            continue
        plan(code, name, notebook, {**extra, "region": code}, fingerprints.rows_hash(code), f"{name} ({code})")
    overview_nb = notebook.parent / "overview.ipynb"
    if overview if overview is not None else (is_all and overview_nb.exists()):
        plan(OVERVIEW, "전체 개요 (overview)", overview_nb, {}, fingerprints.all_rows_hash(), "전체 개요 (overview)")

    if jobs_list:
        by_code = {task.code: meta for task, meta in jobs_list}
        tasks = [task for task, _ in jobs_list]
        bars = _Progress(len(tasks), progress)
        own_pool = None
        try:
            if executor == "dask":
                events = _run_dask(tasks, scheduler)
            else:
                if pool is None:
                    pool = own_pool = LocalPool(min(jobs or os.cpu_count() or 1, len(tasks)), cwd=notebook.parent)
                events = pool.run(tasks)
            for event in events:
                if event[0] == "start":
                    bars.start(event[1])
                elif event[0] == "progress":
                    bars.progress(*event[1:])
                else:
                    result = event[1]
                    _write_outputs(result, reports_dir)
                    meta = by_code[result.code]
                    manifest.record(result.code, name=result.name, status=result.status,
                                    input_hash=meta["input_hash"], inputs=meta["inputs"],
                                    duration_s=round(result.duration, 3), error=result.error or None,
                                    failing_cell=result.failing_cell or None, worker=result.worker or None)
                    result.reason = meta["reason"]
                    summary.results.append(result)
                    bars.finish(result)
        finally:
            bars.close()
            if own_pool is not None:
                own_pool.close()
    _write_index(reports_dir, processed_dir, summary)
    summary.elapsed = time.monotonic() - started
    return summary


def _ensure_fresh() -> None:
    """Re-extract the default processed tables when the raw documents changed (``helpers.data``)."""
    try:
        from .data import ensure_fresh
    except ImportError:
        return
    ensure_fresh()


def _write_outputs(result: RegionResult, reports_dir: Path) -> None:
    """Write the executed notebook (also for a failure, for debugging) and, on success, the HTML."""
    html_path, nb_path = _output_paths(reports_dir, result.code)
    if result.notebook is not None:
        atomic_write_text(nb_path, result.notebook)
    if result.status == "ok" and result.html is not None:
        atomic_write_text(html_path, result.html)
    result.html = result.notebook = None  # written; do not keep megabytes in the summary


def _write_index(reports_dir: Path, processed_dir: Path, summary: BatchSummary) -> None:
    """Refresh ``reports/index.html`` when the report helper's index writer is installed."""
    try:
        from .index import write_index
    except ImportError:
        summary.notes.append("index.html not written: helpers.index is not installed in this version")
        return
    try:
        write_index(reports_dir, processed_dir=processed_dir)
    except Exception as exc:  # noqa: BLE001 - the reports themselves are written; say what failed
        summary.results.append(RegionResult("index", "index.html", "failed", error=f"{type(exc).__name__}: {exc}"))


def run_reports_cli(args) -> int:
    """``welfare-eval report`` / ``run``: render, print the summary, return the exit code."""
    summary = run_reports(
        args.region, jobs=args.jobs, executor=args.executor, scheduler=args.scheduler, force=args.force,
        timeout=args.timeout, reports_dir=args.reports, processed_dir=args.processed,
        notebook=getattr(args, "notebook", None),
    )
    print(summary.format(args.reports))
    return summary.exit_code
