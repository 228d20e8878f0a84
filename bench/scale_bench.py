"""National-scale benchmark (not a test): the report batch at ~17 and at ≥ 200 regions, measured in one run.

Builds its corpora itself, in a temporary folder:

* **small**: the raw documents of ``data/raw`` as they are (about 17 regions with data);
* **national**: the same plus copies of the casebook (the raw document whose parts cover the most
  regions, found from the extracted ``sections`` table), each copy with its PART regions renamed to other
  official 시군구 of ``data/reference/regions.csv`` (one pass over the text, longest names first), until
  at least ``--regions`` regions have data;
* **big**: one generated document of ``--big-rows`` pipe-table rows (≈ 7 MB at 200,000 rows).

Prints: extract time and peak memory (national corpus, and the big document); the batch's wall time at
``--jobs`` (default 2) and its per-region cost at both scales and their ratio (target ≤ 1.2); the naive
papermill + nbconvert loop's per-region cost sampled on 3 regions of the national corpus and the ratio
(target ≤ 0.15); the no-change rerun (target < 1 s); peak memory per worker (target < 600 MB); and a Dask
``LocalCluster`` of 2 workers rendering the same regions (``--dask-regions``, default all) byte-identical.

    .venv/bin/python bench/scale_bench.py [--regions 200] [--jobs 2] [--big-rows 200000] [--dask-regions N]
    .venv/bin/python bench/scale_bench.py --big-only [--big-rows 200000]   # the big document alone

The machine's load matters: run it on a quiet machine, and read the figures with the load average printed.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent))
from report_bench import TreeSampler, naive_loop  # noqa: E402

from helpers import config  # noqa: E402

BIN = Path(sys.executable).parent
TARGETS = {"scale_ratio": 1.2, "naive_ratio": 0.15, "no_change_s": 1.0, "worker_mb": 600, "big_extract_mb": 300}


def run_measured(cmd: list[str], sample_children: bool = False) -> tuple[float, int, int, str]:
    """Run ``cmd``; return wall seconds, peak RSS of the process tree (bytes), peak of its largest worker
    (a direct child plus its descendants), and the output."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    sampler = TreeSampler(proc.pid)
    root = psutil.Process(proc.pid)
    peak = [0]

    def sample_root():
        while proc.poll() is None:
            try:
                total = root.memory_info().rss + sum(p.memory_info().rss for p in root.children(recursive=True))
                peak[0] = max(peak[0], total)
            except psutil.Error:
                pass
            time.sleep(0.1)

    import threading

    t = threading.Thread(target=sample_root, daemon=True)
    t.start()
    if sample_children:
        sampler.start()
    output, _ = proc.communicate()
    elapsed = time.perf_counter() - start
    sampler.running = False
    t.join()
    if sample_children:
        sampler.join()
    if proc.returncode not in (0, 1):
        print(output[-3000:])
        raise SystemExit(f"{cmd[1]} failed with exit code {proc.returncode}")
    return elapsed, peak[0], max(sampler.peaks.values(), default=0), output


def extract(raw: Path, out: Path) -> tuple[float, int]:
    seconds, peak, _, _ = run_measured([str(BIN / "welfare-eval"), "extract", "--raw", str(raw), "--out", str(out)])
    return seconds, peak


def official_sigungu(exclude: set[str]) -> list[str]:
    """Full names of the current 시군구 of the reference table, minus ``exclude``, in code order."""
    with open(config.REGIONS_CSV, encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader(fh) if r["level"] == "sigungu" and not r["valid_to"]]
    return [r["name"] for r in sorted(rows, key=lambda r: r["code"]) if r["name"] not in exclude]


def casebook_parts(processed: Path) -> tuple[str, list[str]]:
    """(doc_id, region names of its parts) of the document whose sections cover the most regions."""
    import pandas as pd

    sections = pd.read_parquet(processed / "sections.parquet")
    counts = sections.groupby("doc_id")["region_name"].nunique()
    doc = str(counts.idxmax())
    names = sorted(set(sections.loc[sections["doc_id"] == doc, "region_name"].dropna().astype(str)))
    return doc, names


def national_corpus(raw: Path, out: Path, processed_small: Path, regions: int) -> int:
    """Copy ``raw`` into ``out`` and add renamed casebook copies until ≥ ``regions`` regions; returns copies."""
    shutil.copytree(raw, out)
    doc, names = casebook_parts(processed_small)
    text = (raw / f"{doc}.txt").read_text(encoding="utf-8")
    pool = official_sigungu(set(names))
    pattern = re.compile("|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)))
    manifest = (raw / "sources.yaml").read_text(encoding="utf-8") if (raw / "sources.yaml").exists() else "documents:\n"
    entry = re.search(rf"  - file: {re.escape(doc)}\.txt\n(?:    .*\n)*", manifest)
    copies = 0
    n_small = len(names)
    while n_small + copies * len(names) < regions + len(names) // 2 and (copies + 1) * len(names) <= len(pool):
        mapping = dict(zip(names, pool[copies * len(names):(copies + 1) * len(names)], strict=True))
        copy = pattern.sub(lambda m, mp=mapping: mp[m.group()], text)
        name = f"{doc}_copy{copies:02d}"
        (out / f"{name}.txt").write_text(copy, encoding="utf-8")
        if entry:
            manifest += entry.group(0).replace(f"{doc}.txt", f"{name}.txt")
        copies += 1
    (out / "sources.yaml").write_text(manifest, encoding="utf-8")
    return copies


def big_document(folder: Path, rows: int) -> Path:
    """A generated document: one budget table of ``rows`` pipe rows (item, 예산액, 지출액, 집행률)."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(7)
    lines = ["서울특별시 가상구 복지사업 예산 집행 현황", "", "(단위 : 천원)", "| 사업명 | 예산액 | 지출액 | 집행률 |",
             "|---|---|---|---|"]
    for i in range(rows):
        budget = rng.randint(1000, 90000)
        spent = rng.randint(budget // 2, budget)
        lines.append(f"| 항목{i} | {budget} | {spent} | {spent / budget * 100:.1f} |")
    path = folder / "big.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def n_regions(processed: Path) -> list[str]:
    from helpers.catalog import regions_with_data

    return list(regions_with_data(processed)["region_code"])


def batch(processed: Path, reports: Path, jobs: int, force: bool, extra: list[str] | None = None,
          region: str = "all") -> tuple[float, int, str]:
    cmd = [str(BIN / "welfare-eval"), "report", "--region", region, "--jobs", str(jobs), "--processed", str(processed),
           "--reports", str(reports), *(["--force"] if force else []), *(extra or [])]
    seconds, _, worker_peak, output = run_measured(cmd, sample_children=True)
    summary = next((ln for ln in output.splitlines() if ln.startswith("reports:")), output.strip()[-300:])
    return seconds, worker_peak, summary


def dask_run(processed: Path, reports: Path, codes: list[str]) -> tuple[float, str]:
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0",
                      host="127.0.0.1") as cluster:
        seconds, _, _, output = run_measured([
            str(BIN / "welfare-eval"), "report", "--region", ",".join(codes), "--executor", "dask",
            "--scheduler", cluster.scheduler_address, "--processed", str(processed), "--reports", str(reports)])
    summary = next((ln for ln in output.splitlines() if ln.startswith("reports:")), output.strip()[-300:])
    return seconds, summary


def verdict(value: float, target: float) -> str:
    return "ok" if value <= target else "MISSED"


def big_extract(tmp: Path, rows: int) -> None:
    """Extract the generated big document of ``rows`` rows; print its time and peak memory."""
    big = big_document(tmp / "raw_big", rows)
    t_big, m_big = extract(big.parent, tmp / "processed_big")
    print(f"extract big document ({big.stat().st_size / 1e6:.1f} MB, {rows:,} rows): {t_big:7.1f} s, "
          f"peak {m_big / 2**20:6.0f} MB  (target < {TARGETS['big_extract_mb']} MB: "
          f"{verdict(m_big / 2**20, TARGETS['big_extract_mb'])})")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--regions", type=int, default=200, help="regions with data in the national corpus (at least)")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--big-rows", type=int, default=200_000, help="rows of the generated big document (0: skip)")
    ap.add_argument("--big-only", action="store_true", help="only extract the generated big document")
    ap.add_argument("--naive-sample", type=int, default=3)
    ap.add_argument("--dask-regions", type=int, default=None, help="regions rendered on Dask (default: all)")
    ap.add_argument("--keep", type=Path, default=None, help="keep the corpora and reports in this folder")
    args = ap.parse_args()
    tmp_ctx = tempfile.TemporaryDirectory(prefix="scale-bench-") if args.keep is None else None
    tmp = Path(tmp_ctx.name) if tmp_ctx else args.keep
    tmp.mkdir(parents=True, exist_ok=True)
    print(f"{psutil.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} at start")
    try:
        if args.big_only:
            big_extract(tmp, args.big_rows)
            return 0
        small_p, national_p = tmp / "processed_small", tmp / "processed_national"
        extract(config.RAW_DIR, small_p)
        copies = national_corpus(config.RAW_DIR, tmp / "raw_national", small_p, args.regions)
        t_ext, m_ext = extract(tmp / "raw_national", national_p)
        small_codes, national_codes = n_regions(small_p), n_regions(national_p)
        mb = sum(p.stat().st_size for p in (tmp / "raw_national").glob("*.txt")) / 1e6
        print(f"national corpus: {copies} renamed casebook copies, {mb:.1f} MB, {len(national_codes)} regions with data "
              f"(small: {len(small_codes)})")
        print(f"extract national corpus         : {t_ext:7.1f} s, peak {m_ext / 2**20:6.0f} MB")
        if args.big_rows:
            big_extract(tmp, args.big_rows)

        t_small, w_small, s_small = batch(small_p, tmp / "reports_small", args.jobs, force=True)
        per_small = t_small / (len(small_codes) + 1)  # + the overview
        print(f"batch small    --jobs {args.jobs} --force : {t_small:7.1f} s = {per_small:5.2f} s/region  [{s_small}]")
        t_nat, w_nat, s_nat = batch(national_p, tmp / "reports_national", args.jobs, force=True)
        per_nat = t_nat / (len(national_codes) + 1)
        print(f"batch national --jobs {args.jobs} --force : {t_nat:7.1f} s = {per_nat:5.2f} s/region  [{s_nat}]")
        t_again, _, s_again = batch(national_p, tmp / "reports_national", args.jobs, force=False)
        print(f"batch national, nothing changed : {t_again:7.2f} s  [{s_again}]")

        rng = random.Random(1)
        sample = rng.sample(national_codes, min(args.naive_sample, len(national_codes)))
        t_naive = naive_loop(config.REPORT_NOTEBOOK, sample, tmp / "naive", national_p)
        per_naive = t_naive / len(sample)
        print(f"naive papermill + nbconvert     : {per_naive:7.2f} s/region (sampled on {', '.join(sample)})")

        dask_codes = national_codes[: args.dask_regions] if args.dask_regions else national_codes
        t_dask, s_dask = dask_run(national_p, tmp / "reports_dask", dask_codes)
        same = [c for c in dask_codes if (tmp / "reports_dask" / f"{c}.html").read_bytes()
                == (tmp / "reports_national" / f"{c}.html").read_bytes()]
        print(f"dask LocalCluster(2)            : {t_dask:7.1f} s for {len(dask_codes)} regions [{s_dask}]; "
              f"byte-identical HTML: {len(same)}/{len(dask_codes)}")

        results = {"scale_ratio": per_nat / per_small, "naive_ratio": per_nat / per_naive, "no_change_s": t_again,
                   "worker_mb": max(w_small, w_nat) / 2**20}
        for key, value in results.items():
            print(f"{key:>12} = {value:8.3f}   (target ≤ {TARGETS[key]}) {verdict(value, TARGETS[key])}")
        print(f"load average {os.getloadavg()[0]:.1f} at end")
    finally:
        if tmp_ctx:
            tmp_ctx.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
