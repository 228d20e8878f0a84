"""Report batch benchmark (not a test): the naive per-region loop versus ``welfare-eval report``.

Measured in one run, on the same machine and data:

(a) the loop a user would write: for each region, the ``papermill`` CLI, then ``jupyter nbconvert --to html``;
(b) ``welfare-eval report --region CODES --jobs 2 --force`` on the same regions (warm kernels, in-process
    export; with every region, ``--region all``, which also renders the overview);
(c) the same again with nothing changed (no ``--force``): every region is skipped.

Prints wall times, the ratios b/a and c/a, and the peak resident memory per worker (the worker process
plus its kernel, sampled with psutil every 0.1 s). Targets: b/a ≤ 0.25, c/a ≤ 0.05, peak RSS < 600 MB.
Also prints the load average before (a), before (b) and at the end, and the CPU time (user + system) of
(a) and (b) with every process they started (``getrusage`` of the waited-for children): on a shared
machine the wall-time ratio moves with the load, the CPU ratio much less (printed for reference only).

    .venv/bin/python bench/report_bench.py [--notebook NB] [--jobs 2] [--regions N]
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

from helpers import config
from helpers.catalog import regions_with_data

BIN = Path(sys.executable).parent
TARGETS = {"b/a": 0.25, "c/a": 0.05, "rss_mb": 600}


def children_cpu() -> float:
    """CPU seconds (user + system) of every finished child process and its waited-for descendants."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def load() -> str:
    return " ".join(f"{x:.1f}" for x in psutil.getloadavg())


def naive_loop(notebook: Path, codes: list[str], out: Path, processed: Path) -> float:
    """(a) papermill CLI then nbconvert CLI, per region, sequentially; returns seconds."""
    out.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    for code in codes:
        executed = out / f"{code}.ipynb"
        # -r passes the code as a string (-p would turn 11410 into an int)
        subprocess.run([str(BIN / "papermill"), str(notebook), str(executed), "-r", "region", code,
                        "--cwd", str(notebook.parent), "--no-progress-bar"],
                       check=False, capture_output=True)
        subprocess.run([str(BIN / "jupyter"), "nbconvert", "--to", "html", "--no-input", str(executed)],
                       check=False, capture_output=True)
    return time.perf_counter() - start


class TreeSampler(threading.Thread):
    """Samples the RSS of each worker (a child of the CLI process) plus its descendants (its kernel)."""

    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.root = psutil.Process(pid)
        self.peaks: dict[int, int] = {}
        self.running = True

    def run(self) -> None:
        while self.running:
            try:
                for worker in self.root.children():
                    total = worker.memory_info().rss
                    total += sum(p.memory_info().rss for p in worker.children(recursive=True))
                    self.peaks[worker.pid] = max(self.peaks.get(worker.pid, 0), total)
            except psutil.Error:
                pass
            time.sleep(0.1)


def batch_run(notebook: Path, reports: Path, processed: Path, jobs: int, force: bool,
              region: str = "all") -> tuple[float, int, str]:
    """(b)/(c): the batch CLI; returns seconds, peak RSS of the largest worker (bytes) and its summary."""
    cmd = [str(BIN / "welfare-eval"), "report", "--region", region, "--jobs", str(jobs), "--reports", str(reports),
           "--processed", str(processed), "--notebook", str(notebook)] + (["--force"] if force else [])
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    sampler = TreeSampler(proc.pid)
    sampler.start()
    output, _ = proc.communicate()
    elapsed = time.perf_counter() - start
    sampler.running = False
    sampler.join()
    summary = next((ln for ln in output.splitlines() if ln.startswith("reports:")), output.strip()[-300:])
    return elapsed, max(sampler.peaks.values(), default=0), summary


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--notebook", type=Path, default=config.REPORT_NOTEBOOK)
    parser.add_argument("--processed", type=Path, default=config.PROCESSED_DIR)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--regions", type=int, default=None, help="only the first N regions, in both loops")
    args = parser.parse_args()
    codes = list(regions_with_data(args.processed)["region_code"])
    region = "all"
    if args.regions:
        codes, region = codes[: args.regions], ",".join(codes[: args.regions])
    if not codes:
        print("no regions with data: run `welfare-eval extract` first")
        return 1
    with tempfile.TemporaryDirectory(prefix="report-bench-") as tmp:
        tmp = Path(tmp)
        print(f"{len(codes)} regions, notebook {args.notebook.name}, {psutil.cpu_count()} CPUs")
        print(f"load average before (a): {load()}")
        cpu = children_cpu()
        a = naive_loop(args.notebook, codes, tmp / "naive", args.processed)
        cpu_a, cpu = children_cpu() - cpu, children_cpu()
        print(f"(a) naive papermill + nbconvert loop : {a:8.1f} s   [CPU {cpu_a:.1f} s]")
        print(f"load average before (b): {load()}")
        b, rss_b, summary_b = batch_run(args.notebook, tmp / "batch", args.processed, args.jobs, force=True, region=region)
        cpu_b = children_cpu() - cpu
        print(f"(b) welfare-eval report --jobs {args.jobs} --force: {b:8.1f} s   [CPU {cpu_b:.1f} s; {summary_b}]")
        c, _, summary_c = batch_run(args.notebook, tmp / "batch", args.processed, args.jobs, force=False, region=region)
        print(f"(c) same, nothing changed            : {c:8.1f} s   [{summary_c}]")
    print(f"load average at the end: {load()}; CPU ratio b/a = {cpu_b / cpu_a:.3f} (reference)")
    rss_mb = rss_b / 2**20
    results = {"b/a": b / a, "c/a": c / a, "rss_mb": rss_mb}
    for key, value in results.items():
        verdict = "ok" if value <= TARGETS[key] else "MISSED"
        print(f"{key:>7} = {value:8.3f}   (target ≤ {TARGETS[key]}) {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
