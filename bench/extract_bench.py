"""Benchmark (not a test): wall time of ``welfare-eval extract`` as a whole process, 1× vs 50× corpus.

Measured side by side in one run: the five raw documents (with their manifest), with the default worker
processes and with ``--jobs 1`` (one process), the runs interleaved so both see the same machine load;
and a 50× corpus where each document is copied 50 times and each copy is made unique by an appended line
(so no cache can skip it). Prints the wall times (start-up included, best of N runs), the CPU time of the
best run (user + system, workers included) and the load average, and the per-MB cost ratio 50×/1×.
Targets: under 1.5 s for the five documents; per-MB cost at 50× within 1.5× of the 1× cost.

The command is timed as installed and run before: the package's bytecode is compiled first (``compileall``
into the ignored ``__pycache__`` folders), as any earlier run leaves it, so an environment that forbids
writing bytecode (``PYTHONDONTWRITEBYTECODE``) does not add the compilation of every module to every run.

    python bench/extract_bench.py [--runs 3] [--copies 50]   (--copies 0: the five documents only)
"""

from __future__ import annotations

import argparse
import compileall
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "data" / "raw"
CLI = Path(sys.executable).with_name("welfare-eval")


def corpus_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.glob("*.txt"))


def timed_extract(raw: Path, out: Path, *extra: str) -> tuple[float, float]:
    """One run: (wall seconds, CPU seconds user + system of the process and its workers)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([str(CLI), "extract", "--raw", str(raw), "--out", str(out), *extra], check=True,
                   stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def best_of(raw: Path, out: Path, runs: int, variants: dict[str, tuple[str, ...]]) -> dict[str, tuple[float, float]]:
    """The best run (lowest wall time) of each variant, the variants' runs interleaved."""
    best = {name: (float("inf"), 0.0) for name in variants}
    for _ in range(runs):
        for name, extra in variants.items():
            best[name] = min(best[name], timed_extract(raw, out, *extra))
    return best


def load() -> str:
    return "load average " + " ".join(f"{x:.2f}" for x in os.getloadavg())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--copies", type=int, default=50)
    args = ap.parse_args()
    compileall.compile_dir(ROOT / "src", quiet=1)  # bytecode as an earlier run leaves it (see above)
    print(f"{os.cpu_count()} CPUs; before: {load()}")
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        mb1 = corpus_size(RAW) / 1e6
        one = best_of(RAW, tmp / "out1", args.runs, {"default": (), "--jobs 1": ("--jobs", "1")})
        t1, cpu1 = one["default"]
        print(f"1x : {mb1:6.2f} MB  {t1:6.2f} s  (CPU {cpu1:.2f} s; {t1 / mb1:.2f} s/MB)  "
              f"target < 1.5 s: {'ok' if t1 < 1.5 else 'MISSED'}")
        w, cpu = one["--jobs 1"]
        print(f"1x --jobs 1 (one process): {w:6.2f} s  (CPU {cpu:.2f} s)   {load()}")
        if args.copies:
            big = tmp / "raw50"
            big.mkdir()
            for doc in sorted(RAW.glob("*.txt")):
                data = doc.read_bytes()
                for k in range(args.copies):
                    (big / f"{doc.stem}_copy{k:03d}.txt").write_bytes(data + f"\n복사본 {k}\n".encode())
            t50, cpu50 = best_of(big, tmp / "out50", max(1, args.runs // 2), {"default": ()})["default"]
            mb50 = corpus_size(big) / 1e6
            shutil.rmtree(big)
            per1, per50 = t1 / mb1, t50 / mb50
            print(f"{args.copies}x: {mb50:6.2f} MB  {t50:6.2f} s  (CPU {cpu50:.2f} s; {per50:.2f} s/MB)")
            ratio = per50 / per1
            print(f"per-MB cost ratio {args.copies}x/1x: {ratio:.2f}  target <= 1.5: {'ok' if ratio <= 1.5 else 'MISSED'}")
    print(f"after: {load()}")


if __name__ == "__main__":
    main()
