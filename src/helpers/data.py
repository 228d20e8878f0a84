"""One-line loaders of the processed tables, validated against their schemas (:mod:`helpers.validation`).

``load_indicators(region="서대문구", year=2023)`` returns a typed DataFrame. ``region`` is a code or a name
(resolved with :mod:`helpers.regions`: a unique prefix such as ``구로`` works), a list of them or a
comma-separated string (``"11,41"``), and matches each region's whole lineage: a renamed region's current
code also returns the facts recorded under its predecessor codes (강원도 고성군 42820 → 51820).
``include_children=True`` adds the regions below (a 시도's 시군구); ``parent=`` narrows short names (중구).

Freshness: with the default folders, tables that are missing or older than ``data/raw`` (a document or
``sources.yaml`` changed) are rebuilt by running the extract step, with a message saying so. With an
explicit ``processed_dir`` (tests, a copied data set) nothing is rebuilt unless ``raw_dir`` is given too;
a missing table then raises :class:`DataMissingError` naming ``welfare-eval extract``. A corrupted table
raises :class:`SchemaError` naming the table, the column and the problem.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from . import config
from .errors import DataMissingError, SchemaError, UnknownRegionError
from .schema import COVERAGE_TABLES, TABLES
from .validation import validate

REBUILD_HINT = "run `welfare-eval extract` (or `make extract`) to rebuild data/processed from data/raw"


def _raw_inputs(raw_dir: Path) -> list[Path]:
    if not raw_dir.is_dir():
        return []
    return [p for p in raw_dir.iterdir() if p.is_file() and not p.name.startswith(".")]


def stale_reason(processed_dir: Path, raw_dir: Path, tables: Iterable[str] = TABLES) -> str | None:
    """Why the processed tables need rebuilding (missing or older than a raw input), or None."""
    processed_dir, raw_dir = Path(processed_dir), Path(raw_dir)
    paths = [processed_dir / f"{t}.parquet" for t in tables]
    missing = [p.name for p in paths if not p.exists()]
    if missing:
        return f"missing {', '.join(missing)} in {processed_dir}"
    oldest = min(p.stat().st_mtime for p in paths)
    newer = sorted(p.name for p in _raw_inputs(raw_dir) if p.stat().st_mtime > oldest)
    if newer:
        shown = ", ".join(newer[:3]) + (" …" if len(newer) > 3 else "")
        return f"{shown} changed after the tables were built"
    return None


def ensure_fresh(processed_dir: Path | None = None, raw_dir: Path | None = None, echo=None) -> Path:
    """Rebuild the processed tables when missing or stale; returns the processed folder.

    Runs under a lock file, so parallel report notebooks rebuild once. Raises :class:`DataMissingError`
    when tables are missing and no raw documents are available to rebuild them from.
    """
    processed_dir = Path(processed_dir or config.PROCESSED_DIR)
    raw_dir = Path(raw_dir or config.RAW_DIR)
    echo = echo or (lambda msg: print(msg, file=sys.stderr))
    reason = stale_reason(processed_dir, raw_dir)
    if reason is None:
        return processed_dir
    if not _raw_inputs(raw_dir):
        raise DataMissingError(f"processed tables not usable ({reason}) and no raw documents in {raw_dir}; "
                               f"{REBUILD_HINT}")
    from .extract.pipeline import run_extract

    processed_dir.mkdir(parents=True, exist_ok=True)
    with _lock(processed_dir / ".rebuild.lock"):
        reason = stale_reason(processed_dir, raw_dir)  # another process may have rebuilt meanwhile
        if reason is not None:
            echo(f"helpers.data: rebuilding processed tables ({reason}) with `welfare-eval extract` …")
            run_extract(raw_dir, processed_dir, echo=lambda _msg: None)
            still = stale_reason(processed_dir, raw_dir)
            if still is not None and "missing" in still:
                raise DataMissingError(f"rebuild did not produce the tables ({still}); {REBUILD_HINT}")
    return processed_dir


class _lock:
    """An exclusive advisory lock on a file (POSIX); a no-op where ``fcntl`` is unavailable."""

    def __init__(self, path: Path):
        self.path = path

    def __enter__(self):
        self.fh = open(self.path, "a+")
        try:
            import fcntl

            fcntl.flock(self.fh, fcntl.LOCK_EX)
        except ImportError:  # pragma: no cover - Windows
            pass
        return self

    def __exit__(self, *exc):
        self.fh.close()


RegionSpec = str | int | Iterable[str | int] | None


def _region_items(region) -> list[str]:
    """``"11,41"``, ``["11", 41]``, ``"경기도"`` → the separate names or codes, as strings."""
    if isinstance(region, (str, int)) and not isinstance(region, bool):
        items = [str(region)]
    elif isinstance(region, Iterable):
        items = [str(r) for r in region]
    else:
        raise TypeError(f"region must be a code, a name or a list of them, got {type(region).__name__}")
    parts = [p.strip() for item in items for p in item.split(",")]
    parts = [p for p in parts if p]
    if not parts:
        raise UnknownRegionError(f"no region given in {region!r}")
    return parts


def region_codes(region: RegionSpec, parent: str | None = None, include_children: bool = False) -> list[str]:
    """Every code facts of ``region`` may carry: each named region's lineage (predecessor codes too).

    ``region`` is a code or a name, a list of them or a comma-separated string (``"11,41"``, as the CLI
    takes). ``parent`` (a name or code) narrows short names such as 중구. ``include_children=True`` adds
    the regions below each one (a 시도's 시군구, a 시's 일반구), with their lineages.
    """
    return list(dict.fromkeys(c for group in region_lineages(region, parent, include_children) for c in group))


def region_lineages(region: RegionSpec, parent: str | None = None, include_children: bool = False) -> list[list[str]]:
    """The regions ``region`` selects (see :func:`region_codes`), each as its lineage's codes."""
    from .regions import registry

    reg = registry()
    groups: list[list[str]] = []
    for item in _region_items(region):
        found = reg.resolve(item, parent=parent)
        lineage = [r.code for r in reg.lineage(found.code)]
        groups.append(lineage)
        if include_children:
            kids = _descendants(reg, lineage)
            groups.extend([r.code for r in reg.lineage(k)] for k in kids if reg.current(k).code == k)
    return groups


def _descendants(reg, codes: list[str]) -> list[str]:
    """Codes below any of ``codes`` (any level down, any validity period), with their lineages."""
    found: list[str] = []
    frontier = set(codes)
    while frontier:
        kids = sorted(r.code for r in reg.by_code.values() if r.parent_code in frontier and r.code not in frontier)
        kids = [c for k in kids for c in (r.code for r in reg.lineage(k)) if c not in found]
        found.extend(dict.fromkeys(kids))
        frontier = set(kids)
    return found


#: Validated tables by file, with the file's identity when read: a warm kernel renders many reports from the
#: same files, and reading and validating every table took most of each report's loading time.
_VALIDATED: dict[tuple[str, str], tuple[tuple, pd.DataFrame]] = {}


def _read_validated(path: Path, table: str) -> pd.DataFrame:
    """``path`` read and validated as ``table``; a copy of the frame kept from an earlier read while the
    file is the same one (same size, modification time and inode: tables are replaced by renaming)."""
    stat = path.stat()
    stamp = (stat.st_size, stat.st_mtime_ns, stat.st_ino)
    key = (str(path.resolve()), table)
    kept = _VALIDATED.get(key)
    if kept is not None and kept[0] == stamp:
        return kept[1].copy()
    try:
        df = pd.read_parquet(path)
    except Exception as exc:  # pyarrow raises several kinds for a damaged file
        raise SchemaError(f"{path}: not a readable Parquet file ({type(exc).__name__}: {exc}); {REBUILD_HINT}") \
            from None
    df = validate(df, table, source=str(path))
    _VALIDATED[key] = (stamp, df)
    return df.copy()


def load_table(table: str, region: RegionSpec = None, year: int | Iterable[int] | None = None,
               processed_dir: Path | None = None, raw_dir: Path | None = None, *,
               parent: str | None = None, include_children: bool = False) -> pd.DataFrame:
    """Load, validate and filter one processed table (see the module docstring for freshness rules).

    ``region``, ``parent`` and ``include_children`` select rows as :func:`region_codes` describes;
    ``year`` is one year or several.
    """
    if table not in TABLES:
        raise KeyError(f"unknown table {table!r}; tables: {', '.join(TABLES)}")
    if processed_dir is None or raw_dir is not None:
        processed_dir = ensure_fresh(processed_dir, raw_dir)
    path = Path(processed_dir) / f"{table}.parquet"
    if not path.exists():
        raise DataMissingError(f"{path} not found; {REBUILD_HINT}")
    df = _read_validated(path, table)
    if region is not None and "region_code" in df.columns:
        df = df[df["region_code"].isin(region_codes(region, parent, include_children))]
    if year is not None and "year" in df.columns:
        years = [int(year)] if isinstance(year, (int, str)) else [int(y) for y in year]
        df = df[df["year"].isin(years)]
    return df.reset_index(drop=True)


def load_indicators(region=None, year=None, processed_dir=None, raw_dir=None, *, parent=None,
                    include_children=False) -> pd.DataFrame:
    """성과지표 (indicators): target vs actual per indicator."""
    return load_table("indicators", region, year, processed_dir, raw_dir, parent=parent, include_children=include_children)


def load_budgets(region=None, year=None, processed_dir=None, raw_dir=None, *, parent=None,
                 include_children=False) -> pd.DataFrame:
    """예산 (budgets): budget vs spent per budget line, in won."""
    return load_table("budgets", region, year, processed_dir, raw_dir, parent=parent, include_children=include_children)


def load_funding(region=None, year=None, processed_dir=None, raw_dir=None, *, parent=None,
                 include_children=False) -> pd.DataFrame:
    """재원 (funding): amounts by funding source (국비/시도비/시군구비/…), plan or executed."""
    return load_table("funding", region, year, processed_dir, raw_dir, parent=parent, include_children=include_children)


def load_activities(region=None, year=None, processed_dir=None, raw_dir=None, *, parent=None,
                    include_children=False) -> pd.DataFrame:
    """활동 실적 (activities): output counts (횟수/실인원/연인원 …) without targets."""
    return load_table("activities", region, year, processed_dir, raw_dir, parent=parent, include_children=include_children)


def load_plan_items(region=None, year=None, processed_dir=None, raw_dir=None, *, parent=None,
                    include_children=False) -> pd.DataFrame:
    """계획 구조 (plan_items): 전략목표 → 핵심과제 → 세부사업 → 담당부서(팀)."""
    return load_table("plan_items", region, year, processed_dir, raw_dir, parent=parent, include_children=include_children)


def load_contacts(region=None, year=None, processed_dir=None, raw_dir=None, *, parent=None,
                  include_children=False) -> pd.DataFrame:
    """담당 연락처 (contacts): the office or role answering for each programme and its telephone number
    (no personal names; ``line`` points to the owner line)."""
    return load_table("contacts", region, year, processed_dir, raw_dir, parent=parent, include_children=include_children)


def load_sections(region=None, year=None, processed_dir=None, raw_dir=None, *, parent=None,
                  include_children=False) -> pd.DataFrame:
    """수록 범위 (sections): the line span of each region a document covers, figures or not."""
    return load_table("sections", region, year, processed_dir, raw_dir, parent=parent, include_children=include_children)


def load_documents(processed_dir=None, raw_dir=None) -> pd.DataFrame:
    """문서 (documents): one row per raw document with its hash and row counts."""
    return load_table("documents", None, None, processed_dir, raw_dir)


def load_quality_flags(doc_id: str | Iterable[str] | None = None, region: RegionSpec = None,
                       table: str | None = None, processed_dir=None, raw_dir=None, *, parent=None,
                       include_children=False) -> pd.DataFrame:
    """품질 플래그 (quality_flags), optionally for some documents, a region or one table.

    ``region`` (as in the other loaders) keeps the flags that belong to the region by the rule the report's
    data-quality section uses (:func:`flags_for_region`): all flags of a document about this region only,
    and, in a document covering several regions (a casebook), the flags within the region's lines. Several
    regions (a list, or ``include_children``) each keep their own flags.
    """
    df = load_table("quality_flags", None, None, processed_dir, raw_dir)
    if doc_id is not None:
        ids = [doc_id] if isinstance(doc_id, str) else list(doc_id)
        df = df[df["doc_id"].isin(ids)]
    if region is not None:
        fresh_dir = processed_dir if processed_dir is not None else config.PROCESSED_DIR
        tables = {t: load_table(t, None, None, fresh_dir) for t in COVERAGE_TABLES}
        # each region by its own lines: one span over several regions would take in the parts between them
        kept = [flags_for_region(df.assign(_row=range(len(df))), tables, codes)
                for codes in region_lineages(region, parent, include_children)]
        df = pd.concat(kept).drop_duplicates("_row").sort_values("_row").drop(columns="_row")
    if table is not None:
        df = df[df["table"] == table]
    return df.reset_index(drop=True)


def load_table_cells(doc_id: str | Iterable[str] | None = None, processed_dir=None, raw_dir=None) -> pd.DataFrame:
    """표 셀 (table_cells): every numeric cell of every detected table, with its line, row and column
    labels and the typed table that used it (``fact_table``, empty when none), optionally for some documents."""
    df = load_table("table_cells", None, None, processed_dir, raw_dir)
    if doc_id is not None:
        ids = [doc_id] if isinstance(doc_id, str) else list(doc_id)
        df = df[df["doc_id"].isin(ids)].reset_index(drop=True)
    return df


def load_table_index(doc_id: str | Iterable[str] | None = None, processed_dir=None, raw_dir=None) -> pd.DataFrame:
    """표 목록 (table_index): every detected table with the lines it spans (header included), its layout and
    column labels, and the typed tables its figures fed, optionally for some documents."""
    df = load_table("table_index", None, None, processed_dir, raw_dir)
    if doc_id is not None:
        ids = [doc_id] if isinstance(doc_id, str) else list(doc_id)
        df = df[df["doc_id"].isin(ids)].reset_index(drop=True)
    return df


def flags_for_region(flags: pd.DataFrame, tables: dict[str, pd.DataFrame], codes: Iterable[str]) -> pd.DataFrame:
    """The flags that belong to the region recorded under ``codes``: the one rule the loaders and the
    report's data-quality section share.

    ``tables`` holds the coverage tables (the fact tables and ``sections``). A flag is kept when its
    document has rows of the region and either the document has rows of no other region (all its flags
    concern this one) or the flag's line lies within the span from the region's first row (or section
    start) to its last row (or section end) in that document: a casebook's flags are split by PART.
    """
    codes = {str(c) for c in codes}
    if flags.empty:
        return flags.iloc[0:0]
    spans = []
    shared_docs: set[str] = set()  # documents with rows of another region too
    for t in COVERAGE_TABLES:
        df = tables.get(t)
        if df is None or df.empty:
            continue
        mine = df["region_code"].astype(str).isin(codes)
        shared_docs.update(df.loc[~mine, "doc_id"].astype(str))
        own = df[mine]
        if own.empty:
            continue
        end = own["end_line"].fillna(own["line"]) if "end_line" in own.columns else own["line"]
        spans.append(pd.DataFrame({"doc_id": own["doc_id"].astype(str), "line": own["line"], "end_line": end}))
    if not spans:
        return flags.iloc[0:0]
    own_lines = pd.concat(spans)
    flag_docs = flags["doc_id"].astype(str)
    keep = []
    for doc, grp in own_lines.groupby("doc_id"):
        f = flags[flag_docs == doc]
        if doc in shared_docs:
            f = f[f["line"].between(grp["line"].min(), grp["end_line"].max())]
        keep.append(f)
    return pd.concat(keep).reset_index(drop=True) if keep else flags.iloc[0:0]


def dictionary(table: str | None = None) -> pd.DataFrame:
    """The data dictionary of ``table`` (all tables when None) as a DataFrame, for a notebook:
    column, Korean term, type, unit, rule, description and example (see :func:`helpers.dictionary.fields`)."""
    from .dictionary import fields

    return fields(table)
