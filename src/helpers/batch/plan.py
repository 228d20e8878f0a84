"""Incremental state of a batch (증분 실행): which regions need rendering, and the quick answer when none do.

* :func:`resolve_regions` turns the ``--region`` value into official codes (nothing that could name a
  file outside ``reports/``).
* :func:`unchanged_batch` answers a request whose *batch stamp* (processed files' bytes, raw folder
  listing, notebooks, code, parameters; :func:`batch_stamp`) is unchanged since a run in which every
  region succeeded: every region is skipped without importing pandas, nbformat or statsmodels.
* :func:`plan_batch` otherwise fingerprints every region's inputs (:mod:`helpers.runlog`) — its rows,
  its comparison inputs from :mod:`helpers.peers` (computed once here, cached for the reports), the
  notebook, the code, the parameters — and keeps those whose last successful run had other inputs.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .. import config
from ..errors import DataMissingError, RegionError
from ..runlog import (
    InputFingerprints,
    RunManifest,
    changed_parts,
    code_version,
    file_hash,
    input_hash,
    input_parts,
)
from .tasks import RegionResult, RegionTask

#: Output names must be plain codes: nothing that could leave ``reports/`` (``..``, ``/``, NUL …).
_SAFE_NAME = re.compile(r"^[0-9A-Za-z][0-9A-Za-z_-]{0,31}$")
OVERVIEW = "overview"
INDEX_KEY = "index.html"


def resolve_regions(spec, processed_dir: Path | None = None) -> list[tuple[str, str]]:
    """``'all'``, ``'11410,구로구'`` or a list of names/codes → ``[(current code, name), …]``.

    'all' means every region with facts (``helpers.catalog``). A renamed region's old code gives its
    current code. Anything that is not a region (``../x``, ``a/b``) is rejected before it can name a file.
    """
    from ..catalog import regions_with_data
    from ..regions import registry

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


def output_paths(reports_dir: Path, code: str) -> tuple[Path, Path]:
    """``reports/<code>.html`` and ``reports/notebooks/<code>.ipynb``, checked to stay in ``reports/``."""
    if not _SAFE_NAME.match(code):
        raise RegionError(f"{code!r} cannot name a report file")
    root = Path(reports_dir).resolve()
    html, nb = root / f"{code}.html", root / "notebooks" / f"{code}.ipynb"
    if html.parent != root or nb.parent.parent != root:
        raise RegionError(f"{code!r} would write outside {root}")
    return html, nb


def declared_parameters(nb_text: str) -> set[str]:
    """Names assigned in the notebook's ``parameters`` cell (read as JSON: no nbformat validation)."""
    import ast

    names: set[str] = set()
    for cell in json.loads(nb_text).get("cells", []):
        if cell.get("cell_type") == "code" and "parameters" in (cell.get("metadata") or {}).get("tags", []):
            source = cell.get("source", "")
            try:
                tree = ast.parse("".join(source) if isinstance(source, list) else source)
            except SyntaxError:
                continue
            for node in tree.body:
                targets = node.targets if isinstance(node, ast.Assign) else [getattr(node, "target", None)]
                names.update(t.id for t in targets if isinstance(t, ast.Name))
    return names


# -- the request and its stamp ----------------------------------------------------------------------------

@dataclass
class Request:
    """One ``run_reports`` call: what is asked for and where (paths resolved)."""

    spec: object
    reports_dir: Path
    processed_dir: Path
    notebook: Path
    parameters: dict
    overview: bool | None
    timeout: float

    @property
    def is_all(self) -> bool:
        return isinstance(self.spec, str) and self.spec.strip().lower() == "all"

    @property
    def default_data(self) -> bool:
        """Whether the project's own processed tables are used (they are rebuilt when stale)."""
        return self.processed_dir == config.PROCESSED_DIR.resolve()

    @property
    def overview_notebook(self) -> Path:
        return self.notebook.parent / "overview.ipynb"

    @property
    def wants_overview(self) -> bool:
        return self.overview if self.overview is not None else (self.is_all and self.overview_notebook.exists())

    def expected_notebooks(self) -> int | None:
        """How many notebooks a listed request asks for at most (None for 'all': not known before the
        tables are read); the executor starts no more workers than that before planning."""
        if self.is_all:
            return None
        items = self.spec.split(",") if isinstance(self.spec, str) else list(self.spec)
        return max(1, len([s for s in items if str(s).strip()])) + int(self.overview is True)

    def key(self) -> str:
        """Which request this is (regions asked for, folders, notebook), to find its last stamp."""
        spec = "all" if self.is_all else (self.spec if isinstance(self.spec, str) else ",".join(map(str, self.spec)))
        text = json.dumps([spec, str(self.reports_dir.resolve()), str(self.processed_dir), str(self.notebook.resolve())])
        return hashlib.sha256(text.encode()).hexdigest()[:16]


def _digest_files(digest, paths) -> None:
    for path in paths:
        digest.update(path.name.encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())


def data_hash(processed_dir: Path) -> str:
    """Hash of the processed tables' bytes (the Parquet files every report reads)."""
    digest = hashlib.sha256()
    _digest_files(digest, sorted(Path(processed_dir).glob("*.parquet")))
    return digest.hexdigest()


def batch_stamp(req: Request) -> str:
    """Everything a batch's outputs depend on, hashed without pandas: the processed tables' bytes, the
    raw folder's listing (names, sizes, times: the tables are rebuilt when a raw file changes), the
    notebooks, the helpers code and reference tables, the parameters and whether the overview is made."""
    digest = hashlib.sha256(json.dumps([req.parameters, req.wants_overview], sort_keys=True, default=str).encode())
    digest.update(data_hash(req.processed_dir).encode())
    if req.default_data and config.RAW_DIR.is_dir():
        for path in sorted(config.RAW_DIR.iterdir()):
            if path.is_file():
                st = path.stat()
                digest.update(f"{path.name}\0{st.st_size}\0{st.st_mtime_ns}\0".encode())
    notebooks = [req.notebook] + ([req.overview_notebook] if req.wants_overview else [])
    _digest_files(digest, notebooks)
    digest.update(code_version().encode())
    return digest.hexdigest()


def unchanged_batch(manifest: RunManifest, req: Request, stamp: str) -> list[RegionResult] | None:
    """Every region skipped, when the request's stamp equals the last one recorded, every region of that
    run succeeded and its outputs (and the index) still exist; otherwise None (plan the batch)."""
    entry = manifest.batches.get(req.key())
    if not entry or entry.get("stamp") != stamp or not (req.reports_dir / "index.html").exists():
        return None
    results = []
    for code in entry.get("codes", []):
        record = manifest.get(code)
        if not record or record.get("status") != "ok":
            return None
        if not all(p.exists() for p in output_paths(req.reports_dir, code)):
            return None
        results.append(RegionResult(code, record.get("name") or code, "skipped", reason="inputs unchanged"))
    return results


def index_inputs(req: Request) -> str:
    """What ``index.html`` shows: the processed tables, the code, and which reports exist."""
    names = sorted(p.name for p in req.reports_dir.glob("*.html") if p.name != "index.html")
    text = json.dumps([data_hash(req.processed_dir), code_version(), names])
    return hashlib.sha256(text.encode()).hexdigest()


# -- planning ---------------------------------------------------------------------------------------------

@dataclass
class Plan:
    """The regions to render (tasks with their input records) and those settled without rendering."""

    tasks: list[RegionTask] = field(default_factory=list)
    meta: dict[str, dict] = field(default_factory=dict)
    settled: list[RegionResult] = field(default_factory=list)
    codes: list[str] = field(default_factory=list)


def _comparison(req: Request):
    """The batch's comparison figures (computed once and cached for every report), or None when they
    cannot be computed from these tables (then each report computes its own and says what failed)."""
    from .. import peers

    year = req.parameters.get("year")
    try:
        year = int(year) if year not in (None, "", "None") else None
        return peers.load(req.processed_dir, year=year)
    except Exception:  # noqa: BLE001 - a custom notebook may not need them; the reports show any error
        return None


def plan_batch(req: Request, manifest: RunManifest, force: bool, batch_id: str,
               warm: Callable[[int], None] | None = None) -> Plan:
    """Fingerprint every asked region and keep those to render (see the module docstring). ``warm`` is
    called with the number of notebooks asked for once the regions and the notebook are known valid, before
    the tables are fingerprinted and the comparison figures computed: the executor starts its kernels
    meanwhile (a batch that then finds no tables only closes them)."""
    region_list = resolve_regions(req.spec, req.processed_dir)
    if not req.notebook.exists():
        from ..errors import ReportError

        raise ReportError(f"report notebook not found: {req.notebook}")
    if warm is not None:
        warm(len(region_list) + int(req.wants_overview))
    fingerprints = InputFingerprints(req.processed_dir)
    if not fingerprints.tables:
        raise DataMissingError(f"no processed tables in {req.processed_dir}: run `welfare-eval extract` first")
    comparison = _comparison(req)
    code_hash = code_version()
    out = Plan()
    weights: dict[str, int] = {}  # rows a report reads: the longest first (see _longest_first)

    def add(code, name, nb_path, params, rows_hash, title, peers_hash, spending):
        nb_text = nb_path.read_text(encoding="utf-8")
        if "processed_dir" in declared_parameters(nb_text):
            params = {**params, "processed_dir": str(req.processed_dir)}
        parts = input_parts(rows_hash, peers_hash, file_hash(nb_path), code_hash, params, spending)
        digest = input_hash(parts)
        out.codes.append(code)
        if not force and manifest.is_fresh(code, digest, output_paths(req.reports_dir, code)):
            out.settled.append(RegionResult(code, name, "skipped", reason="inputs unchanged"))
            return
        previous = manifest.get(code)
        reason = ", ".join(changed_parts(previous, parts)) or "forced" if previous else "first run"
        out.tasks.append(RegionTask(code, name, nb_text, params, float(req.timeout), str(nb_path.parent.resolve()),
                                    title, batch_id))
        out.meta[code] = {"input_hash": digest, "inputs": parts, "reason": reason}

    for code, name in region_list:
        if not fingerprints.has_data(code):
            result = RegionResult(code, name, "failed", error=f"no facts for this region in {req.processed_dir}")
            manifest.record(code, name=name, status="failed", error=result.error, duration_s=0.0)
            out.settled.append(result)
            continue
        rows = fingerprints.rows_for(code)
        weights[code] = sum(len(frame) for frame in rows.values())
        spending = fingerprints.spending if len(rows.get("budgets", ())) else ""
        peers_hash = comparison.comparison_hash(code) if comparison is not None else "unavailable"
        add(code, name, req.notebook, {**req.parameters, "region": code}, fingerprints.rows_hash(code),
            f"{name} ({code})", peers_hash, spending)
    if req.wants_overview:
        add(OVERVIEW, "전체 개요 (overview)", req.overview_notebook, {}, fingerprints.all_rows_hash(),
            "전체 개요 (overview)", "", "")
    out.tasks = _longest_first(out.tasks, weights)
    return out


def _longest_first(tasks: list[RegionTask], weights: dict[str, int]) -> list[RegionTask]:
    """The tasks, the reports reading the most rows first (ties keep their order).

    A report's time grows with its rows (tables, charts, page size): starting the largest first lets the
    small ones fill the other workers meanwhile, instead of one large report starting last and running
    alone at the end. A task without a weight (the overview) counts as an average report.
    """
    average = sum(weights.values()) / len(weights) if weights else 0
    return sorted(tasks, key=lambda task: -weights.get(task.code, average))
