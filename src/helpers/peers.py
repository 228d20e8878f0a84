"""Comparison figures (비교 자료), computed once per batch and read by every report, the index and the overview.

**Unit.** A region's figures from one document: a casebook's part on 성남시 and a city's own results
report are different things even for the same region, so each (region, document) pair is one *unit*
with its own summary (share of indicators achieved, budget-weighted execution, total budget of what the
document reports) and its scope: level (시도/시군구), kind of source (:func:`document_kind`) and year.

**Comparable group.** Units are compared only with units of the same level, kind and year
(:func:`group_key`); a percentile needs at least :data:`MIN_N_GROUP` regions in the group, and a region's
share or execution enters only with at least :data:`MIN_N_UNIT` indicators or items behind it. The
achievement model is fitted within a group only when its programmes come from at least
:data:`MIN_MODEL_REGIONS` regions (and ``stats.MIN_N_MODEL`` programmes).

**Once per batch.** :func:`load` computes the unit summaries and the programme table for the whole
processed folder once, and caches them in ``<processed>/.cache/`` under a key made from the processed
tables' bytes, the helpers code and the year filter; the batch computes them before dispatching regions,
each report then reads the cached file (kept in memory by a warm kernel), so a region's comparison
section costs O(its own rows), not O(every region's).
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from . import metrics, stats
from .regions import registry
from .schema import FACT_TABLES

#: Bump when the summaries' columns or rules change (old cache files are then ignored).
SUMMARY_VERSION = "peers-2"
CACHE_DIR = ".cache"
#: Smallest number of regions with figures in a comparable group for percentiles, means and bars.
MIN_N_GROUP = 5
#: Smallest number of judged indicators (for the share) or rated items (for execution) behind a
#: region's figure for it to enter a percentile: 3/3 achieved says little beside 21/26.
MIN_N_UNIT = 3
#: Smallest number of distinct regions whose programmes a cross-region model may be fitted on.
MIN_MODEL_REGIONS = 3

#: Kinds of source documents, in the order their title words are tried, with the words that mark them.
#: A casebook (우수사례집) holds cases selected for success: never comparable with a full report.
KIND_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("casebook", ("사례집", "우수사례", "사례 모음", "사례모음")),
    ("budget", ("예산서", "예산안", "세입세출", "세입·세출")),
    ("results", ("실적", "결과", "성과", "평가")),
    ("plan", ("계획",)),
    ("report", ("보고", "업무", "현황", "운영")),
)
KIND_LABELS = {"casebook": "우수사례집 (선정 사례)", "budget": "예산서", "results": "실적·결과 보고",
               "plan": "계획", "report": "업무·운영 보고", "compilation": "여러 지역 모음", "other": "기타 문서"}
LEVEL_LABELS = {"sido": "시도", "sigungu": "시군구", "gu": "일반구", "": "수준 미상"}
#: A document covering at least this many regions, with no kind word in its title, is a compilation.
COMPILATION_REGIONS = 3

PROGRAM_COLUMNS = ["doc_id", "region_code", "year", "program", "achievement", "execution", "budget_krw",
                   "n_indicators", "lines"]
UNIT_COLUMNS = [
    "region_code", "region_name", "level", "doc_id", "doc_title", "kind", "year", "group", "scope",
    "n_facts", "n_indicators", "n_achieved", "n_in_progress", "n_items", "budget_krw", "spent_krw",
    "total_budget_krw", "total_budget_note", "share_achieved", "share_low", "share_high",
    "execution", "execution_low", "execution_high", "has_figures",
    "share_scope", "execution_scope", "budget_label", "budget_scope", "casebook", "casebook_note",
]
#: The unit columns that say what each figure covers (:func:`helpers.metrics.figure_scope`, the same text
#: as the report's headline cards, without the document, which has a column of its own).
SCOPE_COLUMNS = ["share_scope", "execution_scope", "budget_label", "budget_scope", "casebook", "casebook_note"]


def document_kind(title, n_regions: int = 1, declared=None) -> str:
    """The kind of a source document: a declared kind (a ``kind`` column, e.g. from the manifest) wins;
    else the first :data:`KIND_WORDS` entry whose word is in the title; else ``compilation`` for a
    document covering :data:`COMPILATION_REGIONS` or more regions; else ``other``."""
    if isinstance(declared, str) and declared.strip() in KIND_LABELS:
        return declared.strip()
    text = title if isinstance(title, str) else ""
    squeezed = text.replace(" ", "")
    for kind, words in KIND_WORDS:
        if any(w.replace(" ", "") in squeezed for w in words):
            return kind
    return "compilation" if n_regions >= COMPILATION_REGIONS else "other"


def group_key(level: str, kind: str, year) -> str:
    """``sigungu|casebook|2022``: units with equal keys are comparable."""
    y = "" if year is None or pd.isna(year) else str(int(year))
    return f"{level or ''}|{kind}|{y}"


def group_label(key: str) -> str:
    """``시군구 · 우수사례집 (선정 사례) · 2022년`` for a group key."""
    level, kind, year = (key.split("|") + ["", "", ""])[:3]
    return " · ".join([LEVEL_LABELS.get(level, level), KIND_LABELS.get(kind, kind), f"{year}년" if year else "연도 미상"])


def current_code(code) -> str:
    """The region code in force today for a recorded code (unknown codes unchanged)."""
    reg = registry()
    code = str(code)
    return reg.current(code).code if code in reg.by_code else code


def _mode_year(frames: list[pd.DataFrame]):
    parts = [f["year"] for f in frames if len(f) and "year" in f]
    if not parts:
        return None
    years = pd.to_numeric(pd.concat(parts, ignore_index=True), errors="coerce").dropna().astype(int)
    if years.empty:
        return None
    counts = years.value_counts()
    return int(max(counts.index, key=lambda y: (counts[y], y)))


def _doc_info(docs: pd.DataFrame) -> dict[str, dict]:
    out = {}
    if docs is None or docs.empty:
        return out
    for row in docs.to_dict("records"):
        out[str(row["doc_id"])] = row
    return out


def unit_summaries(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """One row per (region current code, document) with the region's figures from that document and
    their scope (columns :data:`UNIT_COLUMNS`), ordered by region code and document."""
    from .report import total_budget_note

    reg = registry()
    region_tables = {t: tables[t] for t in (*FACT_TABLES, "sections") if t in tables}
    codes = {c: current_code(c) for t in region_tables.values() for c in t["region_code"].dropna().astype(str).unique()}
    grouped: dict[str, dict[tuple[str, str], pd.DataFrame]] = {}
    for name, frame in region_tables.items():
        frame = frame[frame["region_code"].notna()]
        keys = frame["region_code"].astype(str).map(codes)
        grouped[name] = {(c, str(d)): g for (c, d), g in frame.groupby([keys, frame["doc_id"].astype(str)], sort=True)}
    docs = _doc_info(tables.get("documents"))
    n_regions: dict[str, set] = {}
    for parts in grouped.values():
        for code, doc in parts:
            n_regions.setdefault(doc, set()).add(code)
    empty = {t: region_tables[t].iloc[0:0] for t in region_tables}
    rows = []
    for code, doc in sorted(set().union(*[set(p) for p in grouped.values()])):
        own = {t: grouped[t].get((code, doc), empty[t]) for t in region_tables}
        ind, bud = own.get("indicators", empty.get("indicators")), own.get("budgets", empty.get("budgets"))
        h = metrics.headline(ind, bud)
        src = metrics.budget_total_source(bud)
        share = stats.share_achieved(metrics.add_status(ind)["status"] if len(ind) else [])
        items, _ = metrics.split_period(metrics.expenditure_items(bud)) if len(bud) else (bud, bud)
        items = items[items["budget_krw"].gt(0) & items["spent_krw"].notna()] if len(items) else items
        exe = stats.weighted_execution(items["budget_krw"], items["spent_krw"]) if len(items) else stats.weighted_execution([], [])
        info = docs.get(doc, {})
        kind = document_kind(info.get("title"), len(n_regions.get(doc, ())), info.get("kind"))
        scopes = _scopes(ind, items, bud, src, tables.get("documents"), own.get("sections"), code, reg, kind)
        # the document's year (one edition of a casebook is one source), else the year most rows name
        year = int(info["year"]) if info.get("year") is not None and not pd.isna(info["year"]) else None
        if year is None:
            year = _mode_year([own[t] for t in FACT_TABLES if t in own]) or _mode_year([own.get("sections", pd.DataFrame())])
        known = code in reg.by_code
        level = reg.get(code).level if known else ""
        n_facts = int(sum(len(own[t]) for t in FACT_TABLES if t in own))
        title = info.get("title") if isinstance(info.get("title"), str) and info.get("title") else doc
        rows.append({
            "region_code": code, "region_name": reg.get(code).name if known else "(unknown)", "level": level,
            "doc_id": doc, "doc_title": title, "kind": kind, "year": year,
            "group": group_key(level, kind, year), "scope": scope_text(title, kind, year),
            "n_facts": n_facts, **h,
            "total_budget_note": total_budget_note(src) if src else "",
            "share_achieved": share.value, "share_low": share.low, "share_high": share.high,
            "execution": exe.value, "execution_low": exe.low, "execution_high": exe.high,
            "has_figures": bool(h["n_indicators"] or h["n_items"] or pd.notna(h["total_budget_krw"])),
            **scopes,
        })
    out = pd.DataFrame(rows, columns=UNIT_COLUMNS)
    out["year"] = out["year"].astype("Int64")
    out["casebook"] = out["casebook"].astype(bool)
    for col in ("share_low", "share_high", "execution_low", "execution_high"):
        out[col] = out[col].astype(float)
    return out


def _scopes(ind, items, bud, src, documents, sections, code, reg, kind: str) -> dict:
    """What the unit's three figures cover, worded as on the report's headline cards."""
    name = reg.get(code).name if code in reg.by_code else ""
    judged = metrics.add_status(ind) if len(ind) else ind
    judged = judged[judged["status"].isin(metrics.STATUSES)] if len(judged) else judged
    share = metrics.figure_scope("share", judged, documents, name, sections=sections, budgets=bud)
    exe = metrics.figure_scope("execution", items, documents, name, sections=sections)
    total = metrics.figure_scope("total_budget", bud, documents, name, src)
    casebook = share.casebook or exe.casebook or total.casebook or kind == "casebook"
    return {"share_scope": share.coverage, "execution_scope": exe.coverage,
            "budget_label": total.label if src else "", "budget_scope": total.coverage if src else "",
            "casebook": bool(casebook), "casebook_note": metrics.CASEBOOK_NOTE if casebook else ""}


def scope_text(title: str, kind: str, year) -> str:
    """What a unit's figures cover: ``「…」 · 우수사례집 (선정 사례) · 2022년``."""
    y = f"{int(year)}년" if year is not None and not pd.isna(year) else "연도 미상"
    return f"「{title}」 · {KIND_LABELS.get(kind, kind)} · {y}"


def program_summaries(tables: dict[str, pd.DataFrame], units: pd.DataFrame) -> pd.DataFrame:
    """``stats.program_table`` over every region, each programme with its region's current code and the
    comparable group of its (region, document) unit."""
    programs = stats.program_table(tables["indicators"], tables["budgets"])
    if programs.empty:
        return pd.DataFrame(columns=[*PROGRAM_COLUMNS, "current", "group"])
    current = programs["region_code"].astype(str).map(current_code)
    groups = dict(zip(zip(units["region_code"], units["doc_id"], strict=True), units["group"], strict=True))
    group = [groups.get((c, str(d)), "") for c, d in zip(current, programs["doc_id"], strict=True)]
    return programs.assign(current=current, group=group)


@dataclass
class Peers:
    """The batch's comparison figures: unit summaries and programmes (with their groups)."""

    units: pd.DataFrame
    programs: pd.DataFrame
    key: str = ""

    def region_units(self, code: str) -> pd.DataFrame:
        """The region's units that have figures, latest year first."""
        u = self.units[(self.units["region_code"] == code) & self.units["has_figures"]]
        return u.sort_values(["year", "doc_id"], ascending=[False, True], na_position="last")

    def group(self, key: str, among: list[str] | None = None) -> pd.DataFrame:
        """Units of one comparable group that have figures (one per region: its latest document),
        limited to the region codes ``among`` when given."""
        g = self.units[(self.units["group"] == key) & self.units["has_figures"]]
        if among is not None:
            g = g[g["region_code"].isin(among)]
        return g.sort_values(["region_code", "doc_id"]).drop_duplicates("region_code", keep="last")

    def group_programs(self, key: str, among: list[str] | None = None) -> pd.DataFrame:
        p = self.programs[self.programs["group"] == key]
        if among is not None:
            p = p[p["current"].isin(among)]
        return p.reset_index(drop=True)


    def comparison_hash(self, code: str) -> str:
        """Hash of everything :func:`helpers.comparison.section_comparison` reads for ``code``: the units
        of every group the region has figures in, those groups' programmes, and for a 시도 its 시군구'
        units. A change elsewhere (another group, another level) leaves it unchanged."""
        reg = registry()
        keys = sorted(set(self.units.loc[(self.units["region_code"] == code) & self.units["has_figures"], "group"]))
        units = self.units[self.units["group"].isin(keys) | (self.units["region_code"] == code)]
        if code in reg.by_code and reg.get(code).level == "sido":
            kids = {r.code for r in reg.children(code)} | {reg.current(r.code).code for r in reg.children(code)}
            units = pd.concat([units, self.units[self.units["region_code"].isin(kids)]])
        programs = self.programs[self.programs["group"].isin(keys)]
        digest = hashlib.sha256()
        for frame in (units, programs):
            digest.update(frame.to_csv(index=False, lineterminator="\n").encode())
        return digest.hexdigest()


def compute(tables: dict[str, pd.DataFrame]) -> Peers:
    """The comparison figures from scratch (what :func:`load` caches)."""
    units = unit_summaries(tables)
    return Peers(units, program_summaries(tables, units))


# -- the cache ---------------------------------------------------------------------------------------------

_MEMO: dict[str, Peers] = {}


def data_key(processed_dir: Path, year=None) -> str:
    """Key of the comparison figures: the processed tables' names and bytes, the helpers code, the
    summary version and the year filter."""
    from .runlog import code_version

    digest = hashlib.sha256(f"{SUMMARY_VERSION}\0{year}\0{code_version()}\0".encode())
    for path in sorted(Path(processed_dir).glob("*.parquet")):
        digest.update(path.name.encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def cache_path(processed_dir: Path, key: str) -> Path:
    return Path(processed_dir) / CACHE_DIR / f"peers-{key[:24]}.parquet"


def _write(path: Path, peers: Peers) -> None:
    """Units and programmes in one Parquet file (``_part`` tells them apart), written atomically;
    a folder that cannot be written only costs the next reader a recomputation."""
    from .io import atomic_write_files

    parts = [peers.units.assign(_part="unit")] + ([peers.programs.assign(_part="program")] if len(peers.programs) else [])
    both = pd.concat(parts, ignore_index=True)
    buf = io.BytesIO()
    both.to_parquet(buf, index=False)
    try:
        for old in path.parent.glob("peers-*.parquet"):
            if old != path:
                old.unlink(missing_ok=True)
        atomic_write_files({path: buf.getvalue()})
    except OSError:
        pass
    except Exception as exc:  # noqa: BLE001 - OutputError: read-only folder; the figures are still returned
        if type(exc).__name__ != "OutputError":
            raise


def _read(path: Path) -> Peers:
    both = pd.read_parquet(path)
    units = both[both["_part"] == "unit"][UNIT_COLUMNS].reset_index(drop=True)
    units["year"] = units["year"].astype("Int64")
    units["has_figures"] = units["has_figures"].astype(bool)
    units["casebook"] = units["casebook"].astype(bool)
    for col in ("n_facts", "n_indicators", "n_achieved", "n_in_progress", "n_items"):
        units[col] = units[col].astype(int)
    if not (both["_part"] == "program").any():
        return Peers(units, pd.DataFrame(columns=[*PROGRAM_COLUMNS, "current", "group"]))
    programs = both[both["_part"] == "program"][[*PROGRAM_COLUMNS, "current", "group"]].reset_index(drop=True)
    programs["year"] = programs["year"].astype("Int64")
    programs["n_indicators"] = programs["n_indicators"].astype(int)
    return Peers(units, programs)


def load(processed_dir: Path, tables: dict[str, pd.DataFrame] | None = None, year=None) -> Peers:
    """The comparison figures of ``processed_dir`` (with the year filter ``year``): from memory, from the
    cache file, or computed from ``tables`` (loaded when not given) and cached."""
    processed_dir = Path(processed_dir)
    key = data_key(processed_dir, year)
    if key in _MEMO:
        return _MEMO[key]
    path = cache_path(processed_dir, key)
    peers = None
    if path.exists():
        try:
            peers = _read(path)
        except Exception:  # noqa: BLE001 - a damaged cache is recomputed
            peers = None
    if peers is None:
        if tables is None:
            from .report import load_tables

            tables = load_tables(processed_dir)
            if year is not None:
                tables = {t: (df[df["year"] == year].reset_index(drop=True) if t in (*FACT_TABLES, "sections") else df)
                          for t, df in tables.items()}
        peers = compute(tables)
        _write(path, peers)
    peers.key = key
    _MEMO.clear()  # one data version at a time in a warm kernel
    _MEMO[key] = peers
    return peers
