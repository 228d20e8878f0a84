"""Batch rendering (일괄 보고서 생성) of the region reports: parallel, incremental, failure-isolated.

``welfare-eval report --region all --jobs N`` renders ``notebooks/region_report.ipynb`` once per region.
One module per responsibility:

- :mod:`~helpers.batch.plan` — incremental state: which regions changed (their rows, their comparison
  inputs, notebook, code, parameters), and the quick "nothing changed" answer without heavy imports;
- :mod:`~helpers.batch.tasks` — one region's task and result, rendered on a warm kernel;
- :mod:`~helpers.batch.local` — worker processes, each with one warm kernel (``--executor local``);
- :mod:`~helpers.batch.dask_executor` — the same tasks on a ``dask.distributed`` cluster;
- :mod:`~helpers.batch.progress` — bars on a terminal, one line per region in logs;
- the command line (``welfare-eval report`` / ``run``, with ``--year`` and ``--peer-group``) is :mod:`helpers.cli`.

This module runs a batch (:func:`run_reports`). Outputs are written atomically by this (client) process
only: ``reports/<code>.html``, ``reports/notebooks/<code>.ipynb``, ``reports/index.html`` (rebuilt only
when its inputs changed) and ``reports/manifest.json``. A region whose notebook raises, times out, or whose
kernel or worker dies is listed as failed with the failing cell; the others go on; the exit code is 1.
"""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from .. import config
from ..errors import ReportError
from ..io import atomic_write_text
from ..runlog import RunManifest
from .dask_executor import release_remote_kernels, render_remote, run_dask
from .local import GRACE_SECONDS, LocalPool
from .plan import (
    INDEX_KEY,
    OVERVIEW,
    Request,
    batch_stamp,
    declared_parameters,
    index_inputs,
    output_paths,
    plan_batch,
    resolve_regions,
    unchanged_batch,
)
from .progress import Progress
from .tasks import RegionResult, RegionTask, export_html, render_task

_output_paths = output_paths  # the name the reliability tests use

__all__ = ["BatchSummary", "GRACE_SECONDS", "LocalPool", "OVERVIEW", "RegionResult", "RegionTask", "declared_parameters",
           "export_html", "release_remote_kernels", "render_remote", "render_task", "resolve_regions", "run_reports"]


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
    if executor not in ("local", "dask"):
        raise ReportError(f"unknown executor {executor!r}: use 'local' or 'dask'")
    # absolute: the notebook runs with the notebooks folder as its working directory
    req = Request(regions, Path(reports_dir or config.REPORTS_DIR), Path(processed_dir or config.PROCESSED_DIR).resolve(),
                  Path(notebook or config.REPORT_NOTEBOOK), dict(parameters or {}), overview, float(timeout))
    manifest = RunManifest(req.reports_dir)
    if not force and req.notebook.exists():
        quick = unchanged_batch(manifest, req, batch_stamp(req))
        if quick is not None:
            return BatchSummary(quick, time.monotonic() - started)
    own_pool = LocalPool(jobs, cwd=req.notebook.parent) if executor == "local" and pool is None else None
    try:
        if own_pool is not None and req.notebook.exists():
            # first: the kernels start (and import) while this process checks the tables and plans
            own_pool.start(req.expected_notebooks(), req.notebook)
        if req.default_data:
            _ensure_fresh()  # rebuild stale tables once here, not in every worker's kernel at the same time
        plan = plan_batch(req, manifest, force, uuid.uuid4().hex[:12], warm=_warm(own_pool, req.notebook))
        summary = BatchSummary(list(plan.settled))
        index_ready = _prepare_index(req) if plan.tasks else None
        for result in _execute(plan.tasks, executor, scheduler, pool or own_pool, progress) if plan.tasks else ():
            _write_outputs(result, req.reports_dir)
            meta = plan.meta[result.code]
            manifest.record(result.code, name=result.name, status=result.status, input_hash=meta["input_hash"],
                            inputs=meta["inputs"], duration_s=round(result.duration, 3), error=result.error or None,
                            failing_cell=result.failing_cell or None, worker=result.worker or None)
            result.reason = meta["reason"]
            summary.results.append(result)
        if own_pool is not None:
            own_pool.stop()  # the workers shut their kernels down while the index is written
        if index_ready is not None:
            index_ready.join()
        _write_index(req, manifest, summary)
    finally:
        if own_pool is not None:
            own_pool.close()
    ok = not summary.failed
    manifest.record_batch(req.key(), {"stamp": batch_stamp(req), "codes": plan.codes} if ok else None)
    summary.elapsed = time.monotonic() - started
    return summary


def _execute(tasks, executor: str, scheduler, pool: LocalPool | None, progress: bool):
    """Run ``tasks`` on the chosen executor (``pool``: the local one's workers), showing progress; yields
    each :class:`RegionResult`."""
    bars = Progress(len(tasks), progress)
    try:
        events = run_dask(tasks, scheduler) if executor == "dask" else pool.run(tasks)
        for event in events:
            if event[0] == "start":
                bars.start(event[1])
            elif event[0] == "progress":
                bars.progress(*event[1:])
            else:
                yield event[1]
                bars.finish(event[1])
    finally:
        bars.close()


def _prepare_index(req: Request):
    """Start a thread doing, while the reports render, what writing the index needs first: importing the
    index's modules (pandas, pandera, matplotlib through the report module, fontTools) and reading the
    validated tables into :mod:`helpers.data`'s per-process cache. The index itself is written at the end,
    from the files then present, as before; this only takes its first-use costs off the batch's tail."""
    import threading

    def prepare():
        try:
            from .. import export, index  # noqa: F401 - imported for the end of the batch
            from ..report import load_tables

            load_tables(req.processed_dir)
            export.font_face_css("")
        except Exception:  # noqa: BLE001 - writing the index reports any problem itself
            pass

    thread = threading.Thread(target=prepare, name="welfare-eval-index-prepare", daemon=True)
    thread.start()
    return thread


def _warm(pool: LocalPool | None, notebook: Path):
    """The planner's ``warm`` hook: start ``pool``'s workers, their kernels importing ``notebook``'s modules."""
    return None if pool is None else (lambda n: pool.start(n, notebook))


def _ensure_fresh() -> None:
    """Re-extract the default processed tables when the raw documents changed (``helpers.data``)."""
    from ..data import ensure_fresh

    ensure_fresh()


def _write_outputs(result: RegionResult, reports_dir: Path) -> None:
    """Write the executed notebook (also for a failure, for debugging) and, on success, the HTML."""
    html_path, nb_path = output_paths(reports_dir, result.code)
    if result.notebook is not None:
        atomic_write_text(nb_path, result.notebook)
    if result.status == "ok" and result.html is not None:
        atomic_write_text(html_path, result.html)
    result.html = result.notebook = None  # written; do not keep megabytes in the summary


def _write_index(req: Request, manifest: RunManifest, summary: BatchSummary) -> None:
    """Rebuild ``reports/index.html`` when its inputs (tables, code, which reports exist) changed."""
    from ..index import write_index

    inputs = index_inputs(req)
    if (req.reports_dir / "index.html").exists() and manifest.batches.get(INDEX_KEY, {}).get("inputs") == inputs:
        return
    try:
        write_index(req.reports_dir, processed_dir=req.processed_dir)
    except Exception as exc:  # noqa: BLE001 - the reports themselves are written; say what failed
        summary.results.append(RegionResult("index", "index.html", "failed", error=f"{type(exc).__name__}: {exc}"))
        return
    manifest.record_batch(INDEX_KEY, {"inputs": inputs})
