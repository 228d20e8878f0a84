"""Warm kernels (미리 띄워 둔 커널): one Jupyter kernel per worker, reused for every region it renders.

Starting a kernel and importing pandas, seaborn and statsmodels costs 2–3 s, while the cells of one
region report run in well under a second. A :class:`WarmKernel` therefore starts one kernel, imports
the modules the notebook imports once (the *warm-up*), and before each region:

1. ``%reset -f`` empties the user namespace (imported modules stay cached in ``sys.modules``);
2. restores the process state a notebook can change behind its namespace, from a snapshot taken right
   after the warm-up: matplotlib ``rcParams`` and open figures, pandas options, ``warnings`` filters,
   NumPy's and ``random``'s generator states, ``sys.path`` and the working directory; then returns the
   memory freed by the reset to the system.

The warm-up ends with ``gc.freeze()``: the imported modules' objects are moved out of the collector's
reach, so the collection ``%reset`` runs for every region scans that region's objects only (it scanned
the whole of pandas, matplotlib and seaborn: about half a second per region).

A region rendered after another one in the same kernel thus sees the state a fresh kernel would have
after importing the same modules (``tests/test_batch.py`` checks the HTML is identical). Cells run through
nbclient, so outputs, errors and display data are recorded exactly as ``papermill`` records them.
"""

from __future__ import annotations

import ast
import os
import signal
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imported where used: the batch's client needs notebook_imports, not nbformat's seconds
    import nbformat

#: Name of the in-kernel module holding the post-warm-up snapshot; ``%reset -f`` does not touch it.
SNAPSHOT_MODULE = "_welfare_eval_warm"

#: One-time set-ups the warm-up runs, when their module was imported, before taking the snapshot:
#: ``helpers.plots.setup`` applies the chart theme and Korean font to matplotlib's rcParams once per
#: process. Run before the snapshot, every region starts from the themed rcParams, as the first chart of
#: a fresh kernel does; run after it (by the first region), the reset would restore unthemed rcParams
#: while the module believes the theme is applied.
WARM_CALLS = (("helpers.plots", "setup"),)

_WARMUP_TEMPLATE = '''
def _welfare_eval_warmup(modules, cwd):
    """Import ``modules`` and snapshot the state a notebook may change; binds no user names."""
    import importlib, os, random, sys, types, warnings
    failed = []
    for name in modules:
        try:
            importlib.import_module(name)
        except Exception as exc:  # a missing optional module must fail in the notebook, not here
            failed.append(f"{name}: {type(exc).__name__}")
    for name, func in %(calls)r:
        if name in sys.modules:
            try:
                getattr(sys.modules[name], func)()
            except Exception as exc:  # the notebook's own call will fail visibly
                failed.append(f"{name}.{func}: {type(exc).__name__}")
    snap = sys.modules.get(%(snap)r) or types.ModuleType(%(snap)r)
    sys.modules[%(snap)r] = snap
    snap.cwd = cwd
    snap.path = list(sys.path)
    snap.warning_filters = list(warnings.filters)
    snap.random_state = random.getstate()
    snap.numpy_state = None
    if "numpy" in sys.modules:
        snap.numpy_state = sys.modules["numpy"].random.get_state()
    snap.rc = None
    if "matplotlib" in sys.modules:
        snap.rc = dict(sys.modules["matplotlib"].rcParams)

    def restore():
        os.chdir(snap.cwd)
        sys.path[:] = snap.path
        warnings.filters[:] = snap.warning_filters
        random.setstate(snap.random_state)
        if snap.numpy_state is not None:
            sys.modules["numpy"].random.set_state(snap.numpy_state)
        if "matplotlib.pyplot" in sys.modules:
            sys.modules["matplotlib.pyplot"].close("all")
        if snap.rc is not None:
            mpl = sys.modules["matplotlib"]
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                mpl.rcParams.clear()
                mpl.rcParams.update(snap.rc)
        if "pandas" in sys.modules:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                sys.modules["pandas"].reset_option("all")
        release_memory()

    def release_memory():
        """Hand the heap pages freed by the reset (whose ``%%reset`` collects the previous region's objects)
        back to the system (glibc's malloc_trim): a long batch's kernel does not keep its largest region's
        memory."""
        import ctypes
        try:
            ctypes.CDLL("libc.so.6").malloc_trim(0)
        except (OSError, AttributeError):  # not glibc: the memory stays reserved, as before
            pass

    snap.restore = restore
    import gc
    gc.collect()
    gc.freeze()  # the warm-up's objects (modules, caches) live on: later collections skip them
    return failed

'''

_RESET_CODE = f'%reset -f\n__import__("sys").modules["{SNAPSHOT_MODULE}"].restore()\n'


def skip_iri_grammar() -> None:
    """Keep jsonschema from loading ``rfc3987_syntax`` in this process (call before importing nbformat).

    nbformat imports jsonschema, whose format checker imports ``rfc3987_syntax`` when installed, and that
    compiles an IRI grammar at import: over a second of every worker's start-up (more under load), for the
    ``iri`` formats that the notebook schema never uses. Without the module jsonschema just has no ``iri``
    check; notebooks validate the same. Nothing changes once jsonschema is already imported.
    """
    if "jsonschema" not in sys.modules:
        sys.modules.setdefault("rfc3987_syntax", None)  # None in sys.modules: the import raises ImportError


def release_memory() -> None:
    """In this process: collect garbage and hand freed heap pages back to the system (glibc's malloc_trim;
    nothing more elsewhere). A worker calls it after each region, so it does not keep the memory of the
    largest page it exported (the kernel does the same when reset, see ``restore``)."""
    import ctypes
    import gc

    gc.collect()
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass


class KernelError(RuntimeError):
    """Raised when the warm kernel cannot be started, warmed up or reset."""


@dataclass
class CellFailure:
    """Where and how a notebook failed: the cell, its first source line and the exception."""

    index: int
    execution_count: int | None
    source: str
    ename: str
    evalue: str

    def describe(self) -> str:
        """``cell 4 (In [3]): ValueError: no data`` — the line the batch summary prints."""
        count = f" (In [{self.execution_count}])" if self.execution_count else ""
        return f"cell {self.index}{count}: {self.ename}: {self.evalue}".rstrip(": ")


def notebook_imports(nb: nbformat.NotebookNode | dict) -> list[str]:
    """The modules a notebook imports at top level of its code cells, in order of appearance (for
    ``from package import name`` also ``package.name``, which may be a submodule).

    ``nb`` is a notebook node or the notebook's plain JSON (``json.loads``; the batch's client reads it so,
    without importing nbformat). Lines that are IPython syntax (``%magic``, ``!shell``) are dropped before
    parsing; a cell that still does not parse is skipped (it will fail, visibly, when executed).
    """
    names: list[str] = []
    for cell in nb["cells"]:
        if cell.get("cell_type") != "code":
            continue
        source = cell.get("source", "")
        source = "".join(source) if isinstance(source, list) else source
        lines = [ln for ln in source.splitlines() if not ln.lstrip().startswith(("%", "!"))]
        try:
            tree = ast.parse("\n".join(lines))
        except SyntaxError:
            continue
        for node in tree.body:
            if isinstance(node, ast.Import):
                names.extend(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names.append(node.module)
                # ``from helpers import report`` imports the submodule helpers.report (the heavy part); a
                # name that is no module (``from typing import Optional``) just fails in the warm-up
                names.extend(f"{node.module}.{alias.name}" for alias in node.names if alias.name != "*")
    return list(dict.fromkeys(names))


def first_error(nb: nbformat.NotebookNode) -> CellFailure | None:
    """The first cell with an ``error`` output (a ``SystemExit(0)`` is a normal stop, as in papermill)."""
    for index, cell in enumerate(nb.cells):
        for output in cell.get("outputs", []):
            if output.get("output_type") != "error":
                continue
            if output.get("ename") == "SystemExit" and output.get("evalue") in ("", "0"):
                continue
            first_line = (cell.source.strip().splitlines() or [""])[0]
            return CellFailure(index, cell.get("execution_count"), first_line[:120],
                               output.get("ename", ""), str(output.get("evalue", ""))[:500])
    return None


def _this_python_spec_manager():
    """A kernel spec manager whose every kernel runs this interpreter (the worker's own environment).

    A user-wide ``python3`` kernelspec may point at another Python; a worker (local or on a Dask node)
    must run the notebook with the packages it was installed with.
    """
    from jupyter_client.kernelspec import KernelSpec, KernelSpecManager

    class ThisPython(KernelSpecManager):
        def get_kernel_spec(self, kernel_name):  # noqa: ARG002 - one spec for every name
            # Agg: batch kernels draw into embedded PNGs only (helpers.plots leaves the backend to its host)
            return KernelSpec(argv=[sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
                              display_name="Python (welfare-eval)", language="python", resource_dir="",
                              env={"MPLBACKEND": "Agg"})

    return ThisPython()


class WarmKernel:
    """One Jupyter kernel kept warm for many notebooks; see the module docstring.

    ``cwd`` is the kernel's working directory (the notebook's folder, as papermill does).
    """

    def __init__(self, cwd: Path | str | None = None, startup_timeout: float = 60):
        self.cwd = str(Path(cwd or os.getcwd()).resolve())
        self.startup_timeout = startup_timeout
        self.client = None
        self.warmed: set[str] = set()
        self.wanted: set[str] = set()
        self.starts = 0

    # -- lifecycle ---------------------------------------------------------------------------------
    @property
    def pid(self) -> int | None:
        """The kernel's process id (None before start)."""
        km = self.client.km if self.client else None
        proc = getattr(getattr(km, "provisioner", None), "process", None)
        return getattr(proc, "pid", None)

    def start(self) -> None:
        """Start the kernel and its client (idempotent)."""
        if self.client is not None:
            return
        skip_iri_grammar()
        from jupyter_client.manager import AsyncKernelManager
        from jupyter_core.utils import run_sync

        km = AsyncKernelManager(kernel_name="python3", kernel_spec_manager=_this_python_spec_manager())
        try:
            # The kernel process is launched first, so it imports IPython while this process imports
            # nbclient and nbformat. The arguments are those nbclient's start_new_kernel would pass for
            # this client (log level, and its in-memory IPython history for a python3 kernel).
            run_sync(km.start_kernel)(cwd=self.cwd, extra_arguments=[
                "--IPKernelApp.log_level=ERROR", "--HistoryManager.hist_file=:memory:"])
            import nbformat
            from nbclient import NotebookClient

            client = NotebookClient(nbformat.v4.new_notebook(), km=km, kernel_name="python3",
                                    startup_timeout=int(self.startup_timeout), record_timing=False,
                                    extra_arguments=["--IPKernelApp.log_level=ERROR"],
                                    resources={"metadata": {"path": self.cwd}})
            client.start_new_kernel_client()
        except Exception as exc:
            if km.has_kernel:  # launched, but no client could connect: do not leave it running
                try:
                    run_sync(km.shutdown_kernel)(now=True)
                except Exception:  # noqa: BLE001 - the start failure is what to report
                    pass
            raise KernelError(f"cannot start a Python kernel: {type(exc).__name__}: {exc}") from exc
        self.client = client
        self.warmed = set()
        self.starts += 1

    def shutdown(self) -> None:
        """Stop the kernel (a no-op when it is not running)."""
        client, self.client = self.client, None
        if client is None:
            return
        try:
            if client.kc is not None:
                client.kc.stop_channels()
            from jupyter_core.utils import run_sync

            run_sync(client.km.shutdown_kernel)(now=True)
        except Exception:  # noqa: BLE001 - best effort; the process may already be gone
            pid = getattr(getattr(client.km.provisioner, "process", None), "pid", None)
            if pid:
                try:
                    os.kill(pid, signal.SIGKILL)
                except OSError:
                    pass

    def restart(self) -> None:
        """Replace a dead or stuck kernel by a fresh one (warm-up happens again on next use)."""
        self.shutdown()
        self.start()

    def is_alive(self) -> bool:
        """True when the kernel process is running."""
        if self.client is None:
            return False
        from jupyter_core.utils import run_sync

        async def alive():
            return await self.client.km.is_alive()

        try:
            return bool(run_sync(alive)())
        except Exception:  # noqa: BLE001
            return False

    # -- execution -------------------------------------------------------------------------------
    def _run_code(self, code: str, timeout: float, what: str) -> None:
        """Execute ``code`` as a hidden cell; raise :class:`KernelError` on error or timeout."""
        import nbformat

        cell = nbformat.v4.new_code_cell(code)
        self.client.nb = nbformat.v4.new_notebook(cells=[cell])
        self.client.timeout = max(1, int(timeout))
        self.client.reset_execution_trackers()
        try:
            self.client.execute_cell(cell, 0, store_history=False)
        except Exception as exc:
            raise KernelError(f"kernel {what} failed: {type(exc).__name__}: {exc}") from exc

    def warm(self, modules: list[str] | tuple[str, ...] = (), timeout: float = 120) -> None:
        """Import ``modules`` in the kernel and take the state snapshot that :meth:`reset` restores.

        Called again with modules not yet imported, it imports them and re-takes the snapshot.
        """
        self.start()
        self.wanted |= set(modules)
        missing = self.wanted - self.warmed
        if self.warmed and not missing:
            return
        code = _WARMUP_TEMPLATE % {"snap": SNAPSHOT_MODULE, "calls": WARM_CALLS}
        code += f"_welfare_eval_warmup({sorted(self.wanted)!r}, {self.cwd!r})\n"
        code += "del _welfare_eval_warmup\n"
        self._run_code(code, timeout, "warm-up")
        self.warmed = set(self.wanted) | {"<snapshot>"}

    def reset(self, timeout: float = 30) -> None:
        """Empty the user namespace and restore the post-warm-up state (see the module docstring)."""
        self.warm()
        self._run_code(_RESET_CODE, timeout, "reset")

    def execute(self, nb: nbformat.NotebookNode, timeout: float, on_cell=None) -> CellFailure | None:
        """Run every code cell of ``nb`` in place, stopping at the first error, within ``timeout`` seconds.

        Returns the failure (None on success). A cell timeout interrupts the kernel; a kernel that dies or
        stays stuck is restarted so the next notebook gets a working kernel. ``on_cell(done, total)`` is
        called after each cell (progress bars).
        """
        from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

        deadline = time.monotonic() + timeout
        self.reset()
        client = self.client
        client.nb = nb
        client.reset_execution_trackers()
        code_cells = [i for i, c in enumerate(nb.cells) if c.cell_type == "code"]
        count = 0
        for done, index in enumerate(code_cells, start=1):
            cell = nb.cells[index]
            remaining = deadline - time.monotonic()
            count += 1
            try:
                if remaining <= 0:
                    raise CellTimeoutError(f"region timeout of {timeout:g} s reached before this cell")
                client.timeout = max(1, int(remaining + 0.999))
                client.execute_cell(cell, index, execution_count=count)
            except CellExecutionError:
                break  # the error is recorded in the cell's outputs
            except CellTimeoutError:
                cell.execution_count = count
                cell.outputs.append(_error_output("TimeoutError",
                                                  f"the region exceeded its timeout of {timeout:g} s"))
                self._recover()
                break
            except DeadKernelError:
                cell.execution_count = count
                cell.outputs.append(_error_output("DeadKernelError",
                                                  "the kernel died while running this cell"))
                self.restart()
                break
            finally:
                if on_cell is not None:
                    on_cell(done, len(code_cells))
        _number_results(nb)
        return first_error(nb)

    def _recover(self) -> None:
        """After a timeout: interrupt, and restart the kernel when it does not answer within 10 s."""
        from jupyter_core.utils import run_sync

        try:
            run_sync(self.client.km.interrupt_kernel)()
            self._run_code("pass", 10, "interrupt check")
        except Exception:  # noqa: BLE001 - stuck or dead: start afresh
            self.restart()


def _error_output(ename: str, evalue: str) -> nbformat.NotebookNode:
    import nbformat

    return nbformat.v4.new_output("error", ename=ename, evalue=evalue, traceback=[f"{ename}: {evalue}"])


def _number_results(nb: nbformat.NotebookNode) -> None:
    """Give ``Out[n]`` results the cell's own number, not the warm kernel's running counter."""
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            if output.get("output_type") == "execute_result":
                output["execution_count"] = cell.get("execution_count")
