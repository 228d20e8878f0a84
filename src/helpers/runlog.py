"""Run log (실행 기록): what each report was made from, so unchanged regions are skipped.

A region's *inputs* are fingerprinted from four parts:

- ``rows``: its processed rows — every fact table's and the ``sections`` rows recorded under any code of its lineage
  (42820 → 51820) or of a region below it (a 시도 report summarises its 시군구), plus the ``documents``
  and ``quality_flags`` rows of the documents those rows come from;
- ``peers``: the comparison figures the region's comparison section reads (the summaries of its
  comparable groups, :mod:`helpers.peers`), because its percentile changes when a peer's figures change;
- ``spending``: every region's spending items, for a report that has budget rows (its execution-rate
  distribution draws them);
- ``notebook``: the report notebook file; ``code``: the helpers package and the region reference tables;
- ``params``: the notebook parameters.

``reports/manifest.json`` keeps, per region, the input hash and its parts, status, duration and
timestamp of the last run; a region whose last run succeeded with the same hash, and whose outputs still
exist, is skipped. It also keeps, per batch request (regions asked for and folders), a *batch stamp*: a
hash of the processed files' bytes, the raw folder's listing, the notebooks, the code and the parameters,
computed without pandas. A request whose stamp is unchanged, all of whose regions last succeeded, is
answered "all unchanged" at once (:func:`helpers.batch.plan.unchanged_batch`).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path

from . import config
from .io import atomic_write_text
from .schema import COVERAGE_TABLES

MANIFEST_NAME = "manifest.json"
MANIFEST_VERSION = 1

#: Columns of every region's spending items that a report's execution-rate distribution draws (this
#: region's items against all others'): a change there re-renders the reports that have budget rows.
PEER_COLUMNS = {
    "budgets": ["region_code", "year", "flow", "is_total", "as_of", "budget_krw", "spent_krw", "execution"],
}


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def file_hash(path: Path) -> str:
    """SHA-256 of a file's bytes."""
    return sha256_bytes(Path(path).read_bytes())


def code_version(package_dir: Path | None = None, extra_files: Iterable[Path] | None = None) -> str:
    """Hash of the helpers package's ``*.py`` files (names and bytes) and the region reference tables.

    Any code change can change a report, so any change re-renders every region (``--force`` is not needed
    after editing a helper).
    """
    package_dir = Path(package_dir or Path(__file__).resolve().parent)
    extra = list(extra_files) if extra_files is not None else [config.REGIONS_CSV, config.REGION_ALIASES_CSV]
    digest = hashlib.sha256()
    for path in sorted(package_dir.rglob("*.py")):
        if "__pycache__" in path.parts:
            continue
        digest.update(path.relative_to(package_dir).as_posix().encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    for path in extra:
        if Path(path).exists():
            digest.update(Path(path).name.encode() + b"\0" + Path(path).read_bytes() + b"\0")
    return digest.hexdigest()


def _frame_hash(name: str, frame) -> str:
    """Hash of a table slice: its name, columns and CSV text (stable across runs and platforms)."""
    text = frame.to_csv(index=False, lineterminator="\n")
    return sha256_bytes(f"{name}\0{','.join(map(str, frame.columns))}\0{text}".encode())


class InputFingerprints:
    """Fingerprints of every region's inputs, computed from the processed tables loaded once."""

    def __init__(self, processed_dir: Path, registry=None):
        import pandas as pd

        from .regions import registry as default_registry

        self.processed_dir = Path(processed_dir)
        self.reg = registry or default_registry()
        self.tables: dict[str, pd.DataFrame] = {}
        for name in (*COVERAGE_TABLES, "documents", "quality_flags"):
            path = self.processed_dir / f"{name}.parquet"
            if path.exists():
                self.tables[name] = pd.read_parquet(path)
        self._keys: dict[str, frozenset[str]] = {}
        self._pos: dict[str, dict] = {}
        self.spending = self._peer_hash()

    def _report_keys(self, code: str) -> frozenset[str]:
        """The reports a row recorded under ``code`` belongs to: its current code and every ancestor's."""
        if code not in self._keys:
            keys: set[str] = {code}
            if code in self.reg.by_code:
                region = self.reg.current(code)
                seen = set()
                while region is not None and region.code not in seen:
                    seen.add(region.code)
                    keys.add(region.code)
                    parent = region.parent_code
                    region = self.reg.current(parent) if parent in self.reg.by_code else None
            self._keys[code] = frozenset(keys)
        return self._keys[code]

    def _positions(self, name: str) -> dict:
        """Row positions of ``name`` per report they belong to, computed once per table (a region's rows
        are then found in O(its own rows), not by scanning the table for every region)."""
        if name not in self._pos:
            import numpy as np

            codes = self.tables[name]["region_code"].astype("string").fillna("")
            found: dict[str, list] = {}
            for code, idx in codes.groupby(codes, sort=False).indices.items():
                for key in self._report_keys(str(code)):
                    found.setdefault(key, []).append(idx)
            self._pos[name] = {k: np.sort(np.concatenate(v)) for k, v in found.items()}
        return self._pos[name]

    def rows_for(self, code: str) -> dict:
        """The processed rows a region's report reads, as ``{table: DataFrame}``."""
        out = {}
        doc_ids: set[str] = set()
        for name in COVERAGE_TABLES:
            frame = self.tables.get(name)
            if frame is None or "region_code" not in frame:
                continue
            out[name] = frame.iloc[self._positions(name).get(code, [])]
            if "doc_id" in frame:
                doc_ids.update(out[name]["doc_id"].dropna().astype(str))
        for name in ("documents", "quality_flags"):
            frame = self.tables.get(name)
            if frame is not None and "doc_id" in frame:
                out[name] = frame[frame["doc_id"].astype(str).isin(doc_ids)]
        return out

    def has_data(self, code: str) -> bool:
        """True when a fact row or a ``sections`` row (covered, no figures) belongs to the region's report."""
        return any(len(f) for n, f in self.rows_for(code).items() if n in COVERAGE_TABLES)

    def rows_hash(self, code: str) -> str:
        digest = hashlib.sha256()
        for name, frame in sorted(self.rows_for(code).items()):
            digest.update(_frame_hash(name, frame).encode())
        return digest.hexdigest()

    def all_rows_hash(self) -> str:
        """Hash of every processed table (the overview report reads them all)."""
        digest = hashlib.sha256()
        for name, frame in sorted(self.tables.items()):
            digest.update(_frame_hash(name, frame).encode())
        return digest.hexdigest()

    def _peer_hash(self) -> str:
        digest = hashlib.sha256()
        for name, columns in PEER_COLUMNS.items():
            frame = self.tables.get(name)
            if frame is not None:
                digest.update(_frame_hash(name, frame[[c for c in columns if c in frame]]).encode())
        return digest.hexdigest()


def input_parts(rows: str, peers: str, notebook: str, code: str, params: dict, spending: str = "") -> dict:
    """The named parts of a region's input fingerprint (kept in the manifest to explain re-runs):
    ``peers`` is the region's comparison inputs (:meth:`helpers.peers.Peers.comparison_hash`),
    ``spending`` every region's spending items when the report draws them (empty otherwise)."""
    return {"rows": rows, "peers": peers, "spending": spending, "notebook": notebook, "code": code,
            "params": sha256_bytes(json.dumps(params, sort_keys=True, ensure_ascii=False).encode())}


def input_hash(parts: dict) -> str:
    """One hash over the parts (order-independent)."""
    return sha256_bytes(json.dumps(parts, sort_keys=True).encode())


def changed_parts(old: dict | None, new: dict) -> list[str]:
    """Names of the input parts that differ from the last run (all of them when there was none)."""
    old_parts = (old or {}).get("inputs") or {}
    return [k for k in sorted(new) if old_parts.get(k) != new[k]]


def now_iso() -> str:
    """UTC timestamp, seconds precision, ISO 8601 (``2024-05-01T12:00:00Z``)."""
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")


class RunManifest:
    """``reports/manifest.json``: the last run of every region (written atomically after each region)."""

    def __init__(self, reports_dir: Path):
        self.path = Path(reports_dir) / MANIFEST_NAME
        self.regions, self.batches = self._load()

    def _load(self) -> tuple[dict[str, dict], dict[str, dict]]:
        if not self.path.exists():
            return {}, {}
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}, {}  # a damaged manifest only costs a re-render of everything
        if data.get("version") != MANIFEST_VERSION:
            return {}, {}
        return dict(data.get("regions") or {}), dict(data.get("batches") or {})

    def get(self, code: str) -> dict | None:
        return self.regions.get(code)

    def is_fresh(self, code: str, digest: str, outputs: Iterable[Path]) -> bool:
        """True when the last run of ``code`` succeeded with ``digest`` and its outputs still exist."""
        record = self.regions.get(code)
        return bool(record and record.get("status") == "ok" and record.get("input_hash") == digest
                    and all(Path(p).exists() for p in outputs))

    def record(self, code: str, **fields) -> dict:
        """Replace the record of ``code`` (``region`` and ``timestamp`` are filled in) and save."""
        entry = {"region": code, "timestamp": now_iso(), **fields}
        with self._locked():
            # re-read first: another run (one task per region from an external scheduler) may have
            # recorded other regions since this one started
            regions, self.batches = self._load()
            self.regions = {**regions, code: entry}
            self.save()
        return entry

    def record_batch(self, key: str, entry: dict | None) -> None:
        """Replace (or with ``None`` remove) the stamp of one batch request, and save."""
        with self._locked():
            self.regions, batches = self._load()
            self.batches = {k: v for k, v in batches.items() if k != key}
            if entry is not None:
                self.batches[key] = entry
            self.save()

    @contextmanager
    def _locked(self):
        """An exclusive lock on ``manifest.json.lock`` (POSIX; elsewhere runs are assumed sequential)."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            import fcntl
        except ImportError:  # pragma: no cover - Windows
            yield
            return
        with open(self.path.with_suffix(".json.lock"), "a") as fh:
            fcntl.flock(fh, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(fh, fcntl.LOCK_UN)

    def save(self) -> None:
        data = {"version": MANIFEST_VERSION, "regions": dict(sorted(self.regions.items())),
                "batches": dict(sorted(self.batches.items()))}
        atomic_write_text(self.path, json.dumps(data, ensure_ascii=False, indent=1) + "\n")
