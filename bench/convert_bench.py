"""Benchmark (not a test): conversion time of native documents (HWPX, HWP 5, PDF) into interim files.

Measured side by side in one run, per document: the first conversion (fresh interim folder, best of N),
the cached re-run (source sha256 unchanged, so the conversion is skipped) and the process's peak memory.
Documents: the shared samples (``shared/native-samples``, read in place; skipped when absent) and a
generated ~20-page welfare report in HWPX, HWP and PDF (the tests' writer, repeated sections).
Targets: ≤ 0.5 s for a typical 20-page HWPX; cached re-runs ≈ 0.

    python bench/convert_bench.py [--runs 3] [--samples DIR]
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import sys
import tempfile
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))  # the tests' document writer (native_docs.py)


def _samples_dir(arg: str | None) -> Path | None:
    for cand in ([Path(arg)] if arg else []) + [Path(os.environ.get("WELFARE_EVAL_NATIVE_SAMPLES", "/nonexistent")),
                                              ROOT.parent / "shared" / "native-samples",
                                              ROOT.parent.parent / "shared" / "native-samples"]:
        if cand.is_dir():
            return cand
    return None


def _generated(folder: Path, pages: int = 20) -> list[Path]:
    """A ~``pages``-page report: the tests' welfare document's tables under repeated chapter texts."""
    from native_docs import WELFARE_DOC, write_hwp, write_hwpx, write_pdf

    blocks = []
    for k in range(pages * 5 // 6):  # 16 repetitions fill 20 A4 pages
        blocks.extend([f"{k + 1}장. 사업별 추진실적"] + [f"○ 세부 추진내용 {k + 1}-{j}: 사례관리, 돌봄, 교육 프로그램 운영"
                                                      for j in range(12)])
        blocks.extend(b for b in WELFARE_DOC if not isinstance(b, str) or b[0].isdigit() or b.startswith("("))
    for b in blocks:
        if not isinstance(b, str):
            b.page_break_after = None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        out = [write_hwpx(folder / "generated_20p.hwpx", blocks), write_hwp(folder / "generated_20p.hwp", blocks)]
        import contextlib
        import io

        with contextlib.redirect_stderr(io.StringIO()):
            out.append(write_pdf(folder / "generated_20p.pdf", blocks))
    import pdfplumber

    with pdfplumber.open(out[-1]) as pdf:
        print(f"generated report: {len(pdf.pages)} PDF pages (same content in HWPX and HWP)")
    return out


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--samples", default=None)
    args = parser.parse_args()

    from helpers.convert import convert_file

    work = Path(tempfile.mkdtemp(prefix="convert_bench_"))
    try:
        docs: list[Path] = []
        samples = _samples_dir(args.samples)
        if samples is None:
            print("shared native samples not found: only the generated documents are measured")
        else:
            docs += sorted(p for p in samples.iterdir() if p.suffix.lower() in (".hwp", ".hwpx", ".pdf"))
        # warm the imports once (python-hwpx, pdfplumber) so the first document does not pay for them
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            start_imports = time.perf_counter()
            import hwpx.hwp5.package  # noqa: F401
            import pdfplumber  # noqa: F401
            imports = time.perf_counter() - start_imports
        gen = work / "gen"
        gen.mkdir()
        docs += _generated(gen)
        base = _peak_mb()
        print(f"imports (python-hwpx, pdfplumber): {imports:.2f} s; peak RSS before converting: {base:.0f} MB")
        print(f"{'document':42} {'KB':>6} {'tables':>6} {'cells':>6} {'convert s':>10} {'cached s':>9}  status")
        total_first = total_cached = 0.0
        for doc in docs:
            first = float("inf")
            outcome = None
            for r in range(args.runs):
                interim = work / f"i{r}"
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    outcome = convert_file(doc, interim, force=True)
                first = min(first, outcome.seconds)
            cached = min(convert_file(doc, work / "i0").seconds for _ in range(args.runs))
            total_first += first
            total_cached += cached
            tables = outcome.data.get("tables", []) if outcome.error is None else []
            status = outcome.status if outcome.error is None else f"refused: {outcome.error.reason}"
            print(f"{doc.name:42} {doc.stat().st_size / 1024:6.0f} {len(tables):6} "
                  f"{sum(len(t['cells']) for t in tables):6} {first:10.3f} {cached:9.4f}  {status}")
        print(f"total: convert {total_first:.2f} s, cached re-run {total_cached:.3f} s "
              f"(ratio {total_cached / total_first:.3f}); peak RSS {_peak_mb():.0f} MB")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
