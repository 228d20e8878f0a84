"""Documents extracted in worker processes (``welfare-eval extract --jobs N``): the same tables as in one
process, gathered in document order; a document that fails in a worker becomes its error row and flag
while the other documents are written."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pandas as pd
import pytest

from engine_support import ENGINE_FIXTURES
from helpers import config
from helpers.cli import build_parser
from helpers.extract import parallel, pipeline
from helpers.schema import TABLES

pytestmark = pytest.mark.skipif(not parallel.can_fork(), reason="worker processes need the fork start method")

#: Engine fixtures of different layouts plus one real document, named so that the largest is not first
#: (the workers take the largest first; the outputs must still come in document order).
DOCUMENTS = {"a_pipe.txt": ENGINE_FIXTURES / "01_account_pipe.txt",
             "b_cells.txt": ENGINE_FIXTURES / "07_cell_per_line.txt",
             "c_report.txt": config.RAW_DIR / "002_9dcd715a1f1947eb.txt",
             "d_years.txt": ENGINE_FIXTURES / "17_indicator_years.txt",
             "e_sources.txt": ENGINE_FIXTURES / "18_sources_as_columns.txt"}


@pytest.fixture
def raw(tmp_path: Path) -> Path:
    folder = tmp_path / "raw"
    folder.mkdir()
    for name, source in DOCUMENTS.items():
        shutil.copy(source, folder / name)
    (folder / "sources.yaml").write_text(
        "documents:\n" + "".join(f"  - file: {name}\n    region: 서울특별시 구로구\n    year: 2024\n"
                                 for name in DOCUMENTS), encoding="utf-8")
    return folder


def frames(run: pipeline.ExtractRun) -> dict[str, pd.DataFrame]:
    return {t: pipeline.to_frame(t, run.rows[t]) for t in TABLES}


def test_workers_give_the_same_tables_as_one_process(raw):
    one = pipeline.extract_all(raw, jobs=1)
    two = pipeline.extract_all(raw, jobs=2)
    first, second = frames(one), frames(two)
    for table in TABLES:
        pd.testing.assert_frame_equal(first[table], second[table], obj=table)
    assert one.summary == two.summary and one.errors == two.errors == []
    assert list(first["documents"]["doc_id"]) == ["a_pipe", "b_cells", "c_report", "d_years", "e_sources"]
    # real work was done in every document: each has its cells, and the typed facts come from several
    assert first["table_cells"]["doc_id"].nunique() == 5 and len(first["table_cells"]) > 150
    assert len(first["budgets"]) and len(first["indicators"]) and len(first["funding"]) and len(first["plan_items"])


def test_largest_document_is_handed_out_first(raw, monkeypatch):
    submitted = []
    original = parallel.ProcessPoolExecutor.submit

    def spy(self, fn, index):
        submitted.append(index)
        return original(self, fn, index)

    monkeypatch.setattr(parallel.ProcessPoolExecutor, "submit", spy)
    pipeline.extract_all(raw, jobs=2)
    names = list(DOCUMENTS)
    assert names[submitted[0]] == "c_report.txt"  # the real document is the largest
    sizes = [(raw / names[i]).stat().st_size for i in submitted]
    assert sizes == sorted(sizes, reverse=True)


@pytest.mark.parametrize("jobs", [1, 2])
def test_document_that_raises_becomes_its_error_row_and_the_others_are_written(raw, tmp_path, monkeypatch, jobs):
    expected = frames(pipeline.extract_all(raw, jobs=1))
    original = pipeline.extract_document

    def broken(doc, reg):
        if doc.doc_id == "b_cells":
            raise ValueError("invented failure")
        return original(doc, reg)

    monkeypatch.setattr(pipeline, "extract_document", broken)  # forked workers inherit the patch
    out = tmp_path / "out"
    messages = []
    assert pipeline.run_extract(raw, out, echo=messages.append, jobs=jobs) == 1
    docs = pd.read_csv(out / "documents.csv", encoding="utf-8-sig")
    assert list(docs["doc_id"]) == list(expected["documents"]["doc_id"])
    error = docs.set_index("doc_id")["error"]
    assert error["b_cells"] == "b_cells.txt: extraction failed: ValueError: invented failure"
    assert error.drop("b_cells").isna().all()
    flags = pd.read_csv(out / "quality_flags.csv", encoding="utf-8-sig")
    failed = flags[flags["doc_id"] == "b_cells"]
    assert list(failed["kind"]) == ["extractor_error"] and list(failed["severity"]) == ["error"]
    assert any("b_cells: ERROR" in m for m in messages)
    # the other documents' facts are exactly those of a run without the failure
    budgets = pd.read_parquet(out / "budgets.parquet")
    kept = expected["budgets"][expected["budgets"]["doc_id"] != "b_cells"].reset_index(drop=True)
    pd.testing.assert_frame_equal(budgets, kept)


def test_worker_that_dies_becomes_an_error_row_not_a_crash(raw, monkeypatch):
    original = pipeline.extract_document

    def dying(doc, reg):
        if doc.doc_id == "d_years":
            os._exit(3)  # as if killed (out of memory): no exception, the process is gone
        return original(doc, reg)

    monkeypatch.setattr(pipeline, "extract_document", dying)
    run = pipeline.extract_all(raw, jobs=2)
    docs = {row["doc_id"]: row for row in run.rows["documents"]}
    assert list(docs) == list(name.removesuffix(".txt") for name in DOCUMENTS)
    assert "extraction failed in a worker process" in docs["d_years"]["error"]
    assert "--jobs 1" in docs["d_years"]["error"]
    assert any("d_years.txt" in e for e in run.errors)


def test_default_jobs(monkeypatch):
    cpus = parallel.cpu_count()
    monkeypatch.setattr(parallel.threading, "active_count", lambda: 1)  # whatever threads other tests left
    assert parallel.default_jobs([300_000]) == 1  # one document: nothing to share out
    assert parallel.default_jobs([10_000, 10_000]) == 1  # too little text to pay for the workers
    assert parallel.default_jobs([200_000, 100_000, 50_000]) == min(cpus, 3)
    monkeypatch.setattr(parallel.threading, "active_count", lambda: 2)
    assert parallel.default_jobs([200_000, 100_000]) == 1  # a threaded process is not forked unasked


def test_cli_jobs_option():
    args = build_parser().parse_args(["extract", "--jobs", "2"])
    assert args.extract_jobs == 2
    assert build_parser().parse_args(["extract"]).extract_jobs is None


def test_a_daemonic_process_extracts_in_process(raw, monkeypatch):
    """A pool's daemonic worker may not start children: asked for workers, it extracts in its own process."""
    class Daemon:
        daemon = True

    def no_pool(*_args, **_kwargs):
        raise AssertionError("no worker pool may be started here")

    monkeypatch.setattr(parallel.multiprocessing, "current_process", lambda: Daemon())
    monkeypatch.setattr(parallel, "ProcessPoolExecutor", no_pool)
    run = pipeline.extract_all(raw, jobs=2)
    assert [d["doc_id"] for d in run.rows["documents"]] == [n.removesuffix(".txt") for n in DOCUMENTS]
    assert run.errors == []
