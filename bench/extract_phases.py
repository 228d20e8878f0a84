"""Peak memory of each phase of one extraction (not a test): where a large document's peak comes from.

Runs ``extract_all`` and ``write_tables`` on a raw folder in this process while a thread samples the
resident set size every 20 ms and charges it to the phase running (each extractor, the table engine's pass
``_add_table_cells``, the write); prints the peak of each phase. The imports alone are the first line.

    .venv/bin/python bench/extract_phases.py RAW_DIR OUT_DIR
    .venv/bin/python bench/scale_bench.py --big-only --keep DIR   # then RAW_DIR = DIR/raw_big

The sampler misses spikes shorter than 20 ms; ``/usr/bin/time -v`` gives the exact peak of a whole run.
"""

from __future__ import annotations

import sys
import threading
import time
from pathlib import Path

import psutil


def main() -> int:
    raw, out = Path(sys.argv[1]), Path(sys.argv[2])
    proc = psutil.Process()
    phase = ["imports"]
    peaks: dict[str, int] = {}

    def sample() -> None:
        while True:
            rss, name = proc.memory_info().rss, phase[0]
            peaks[name] = max(peaks.get(name, 0), rss)
            time.sleep(0.02)

    threading.Thread(target=sample, daemon=True).start()
    import pandas  # noqa: F401
    import pyarrow  # noqa: F401

    from helpers.extract import pipeline

    time.sleep(0.1)

    def charged(name, func):
        def run(*args, **kwargs):
            before, phase[0] = phase[0], name
            try:
                return func(*args, **kwargs)
            finally:
                phase[0] = before
        return run

    pipeline.EXTRACTORS[:] = [(n, charged(f"extractor {n}", f)) for n, f in pipeline.EXTRACTORS]
    pipeline._add_table_cells = charged("table engine (_add_table_cells)", pipeline._add_table_cells)
    phase[0] = "reading, document context, rest of extract_all"
    start = time.perf_counter()
    run = pipeline.extract_all(raw)
    phase[0] = "write_tables"
    pipeline.write_tables(run.rows, out, release=True)
    phase[0] = "done"
    time.sleep(0.1)
    print(f"{time.perf_counter() - start:.1f} s")
    for name, rss in peaks.items():
        print(f"{name:50s} {rss / 2**20:7.1f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
