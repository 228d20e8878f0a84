"""Region tasks and their results, and rendering one task on a warm kernel (what every executor runs).

:class:`RegionTask` and :class:`RegionResult` are picklable: they travel to worker processes and Dask
workers. :func:`render_task` parameterises the notebook with papermill's own ``parameterize_notebook``
(codes stay strings), executes it on a :class:`~helpers.kernels.WarmKernel` and exports the HTML in the
same process; a notebook failure becomes a ``failed`` result, never an exception.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass


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


def render_task(task: RegionTask, kernel, on_cell=None, before_export=None) -> RegionResult:
    """Parameterise, execute on ``kernel`` and export one region; never raises for notebook failures.

    ``before_export()`` is called once the notebook ran, before it is exported (a worker waits there for
    its exporter's warm-up, which runs in a thread while the first region executes)."""
    from ..kernels import KernelError, notebook_imports, skip_iri_grammar

    skip_iri_grammar()
    import nbformat
    from papermill.parameterize import parameterize_notebook

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
        if before_export is not None:
            before_export()
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
    from ..export import export_html as project_export

    return project_export(nb, title)


def warm_export() -> None:
    """Export a one-cell notebook and discard it: imports nbconvert and fontTools, compiles the report
    templates and reads the font's glyph order, the first-use costs a worker's first region would pay.

    A worker runs it while its kernel warms up (two processes: the kernel imports, this one exports).
    Nothing it builds reaches a report: each export makes its own exporter; what stays is the templates'
    compiled code (the code any exporter compiles from them, see :func:`helpers.export._exporter_class`)
    and the font's own glyph order (see :func:`helpers.export.font_face_css`). A failure is left to the first region.
    """
    try:
        from ..kernels import skip_iri_grammar

        skip_iri_grammar()
        import nbformat

        nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("## 준비")])
        export_html(nb, "warm-up")
    except Exception:  # noqa: BLE001 - the first real export reports any problem with its region
        pass
