"""Benchmark (not a test): wall time of ``welfare-eval extract`` as a whole process, 1× vs 50× corpus.

Measured side by side in one run: the five raw documents (with their manifest), and a 50× corpus where
each document is copied 50 times and each copy is made unique by an appended line (so no cache can skip
it). Prints the wall times (start-up included, best of N runs) and the per-MB cost ratio 50×/1×.
Targets: under 1.5 s for the five documents; per-MB cost at 50× within 1.5× of the 1× cost.

    python bench/extract_bench.py [--runs 3] [--copies 50]
"""

from __future__ import annotations

import argparse
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


def timed_extract(raw: Path, out: Path, runs: int) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([str(CLI), "extract", "--raw", str(raw), "--out", str(out)], check=True,
                       stdout=subprocess.DEVNULL)
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--copies", type=int, default=50)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        big = tmp / "raw50"
        big.mkdir()
        for doc in sorted(RAW.glob("*.txt")):
            data = doc.read_bytes()
            for k in range(args.copies):
                (big / f"{doc.stem}_copy{k:03d}.txt").write_bytes(data + f"\n복사본 {k}\n".encode())
        t1 = timed_extract(RAW, tmp / "out1", args.runs)
        t50 = timed_extract(big, tmp / "out50", max(1, args.runs // 2))
        mb1 = corpus_size(RAW) / 1e6
        mb50 = corpus_size(big) / 1e6
        shutil.rmtree(big)
    per1, per50 = t1 / mb1, t50 / mb50
    print(f"1x : {mb1:6.2f} MB  {t1:6.2f} s  ({per1:.2f} s/MB)  target < 1.5 s: {'ok' if t1 < 1.5 else 'MISSED'}")
    print(f"{args.copies}x: {mb50:6.2f} MB  {t50:6.2f} s  ({per50:.2f} s/MB)")
    ratio = per50 / per1
    print(f"per-MB cost ratio {args.copies}x/1x: {ratio:.2f}  target <= 1.5: {'ok' if ratio <= 1.5 else 'MISSED'}")


if __name__ == "__main__":
    main()
