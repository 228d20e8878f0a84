"""helpers.batch: region resolution, warm-kernel isolation, failure isolation, incremental runs.

Kernels are slow on a small machine: the notebook tests share one module-scoped pool of two workers
(two warm kernels), and the isolation test uses two in-process kernels.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import pytest

from helpers import batch
from helpers.batch import LocalPool, RegionTask, render_task, resolve_regions, run_reports
from helpers.cli import main
from helpers.errors import RegionError

NOTEBOOKS = Path(__file__).parent / "fixtures" / "notebooks"
GURO, SEODAEMUN = "11530", "11410"


# -- region resolution (no kernels) ---------------------------------------------------------------
def test_resolve_regions_codes_names_and_all(processed_fixture):
    assert resolve_regions("11410, 구로구") == [(SEODAEMUN, "서울특별시 서대문구"), (GURO, "서울특별시 구로구")]
    # a renamed region's old code gives the report under its current code
    assert resolve_regions(["42820"]) == [("51820", "강원특별자치도 고성군")]
    # 'all' = the regions with facts in the processed tables
    assert [c for c, _ in resolve_regions("all", processed_fixture)] == [SEODAEMUN, GURO]


@pytest.mark.parametrize("bad", ["../etc/passwd", "11410/../../x", "..", "a\\b"])
def test_resolve_regions_rejects_paths(bad):
    with pytest.raises(RegionError, match="not a region"):
        resolve_regions(bad)


def test_output_paths_stay_in_reports(tmp_path):
    html, nb = batch._output_paths(tmp_path, GURO)
    assert html == tmp_path.resolve() / "11530.html"
    assert nb == tmp_path.resolve() / "notebooks" / "11530.ipynb"
    with pytest.raises(RegionError):
        batch._output_paths(tmp_path, "../11530")


def test_cli_rejects_path_traversal(capsys):
    assert main(["report", "--region", "../../etc"]) == 2
    assert "not a region" in capsys.readouterr().err


def test_declared_parameters():
    text = (NOTEBOOKS / "raises.ipynb").read_text(encoding="utf-8")
    assert batch.declared_parameters(text) == {"region", "fail_in"}


# -- warm kernel isolation -------------------------------------------------------------------------
def _task(notebook: str, code: str, **params) -> RegionTask:
    text = (NOTEBOOKS / notebook).read_text(encoding="utf-8")
    return RegionTask(code, code, text, {"region": code, **params}, 60, str(NOTEBOOKS), f"report {code}")


@pytest.mark.slow
def test_region_after_another_in_same_kernel_renders_as_alone():
    from helpers.kernels import WarmKernel

    warm, fresh = WarmKernel(NOTEBOOKS), WarmKernel(NOTEBOOKS)
    try:
        first = render_task(_task("ok_params.ipynb", SEODAEMUN), warm)
        after = render_task(_task("ok_params.ipynb", GURO), warm)
        alone = render_task(_task("ok_params.ipynb", GURO), fresh)
    finally:
        warm.shutdown()
        fresh.shutdown()
    assert (first.status, after.status, alone.status) == ("ok", "ok", "ok")
    assert warm.starts == 1  # the second region reused the kernel
    # the region code arrives as a string; nothing of the first region's state is visible
    assert "region=&#x27;11530&#x27; (str) runs=1" in after.html or "region='11530' (str) runs=1" in after.html
    assert "display.max_rows: 60" in after.html
    assert "lines.linewidth: 1.5" in after.html
    assert after.html == alone.html
    assert after.html != first.html


# -- the batch on a shared pool --------------------------------------------------------------------
@pytest.fixture(scope="module")
def pool():
    with LocalPool(jobs=2, cwd=NOTEBOOKS) as shared:
        yield shared


def _run(pool, processed, reports, notebook, **kw):
    return run_reports([SEODAEMUN, GURO], notebook=NOTEBOOKS / notebook, processed_dir=processed,
                       reports_dir=reports, pool=pool, progress=False, **kw)


@pytest.mark.slow
def test_batch_writes_reports_and_skips_unchanged(pool, processed_fixture, tmp_path):
    reports = tmp_path / "reports"
    first = _run(pool, processed_fixture, reports, "ok_params.ipynb")
    assert [r.status for r in first.results] == ["ok", "ok"] and first.exit_code == 0
    html = (reports / "11530.html").read_text(encoding="utf-8")
    assert "runs=1" in html and "11530" in html
    executed = json.loads((reports / "notebooks" / "11530.ipynb").read_text(encoding="utf-8"))
    injected = [c for c in executed["cells"] if "injected-parameters" in c["metadata"].get("tags", [])]
    assert injected and 'region = "11530"' in "".join(injected[0]["source"])
    manifest = json.loads((reports / "manifest.json").read_text(encoding="utf-8"))["regions"]
    assert set(manifest) == {SEODAEMUN, GURO}
    assert manifest[GURO]["status"] == "ok" and re.fullmatch(r"[0-9a-f]{64}", manifest[GURO]["input_hash"])
    assert manifest[GURO]["duration_s"] > 0 and manifest[GURO]["timestamp"].endswith("Z")

    again = _run(pool, processed_fixture, reports, "ok_params.ipynb")
    assert [r.status for r in again.results] == ["skipped", "skipped"] and again.exit_code == 0

    # one of 구로구's rows changes (집행 instead of 계획): only 구로구 is rendered again
    funding = pd.read_parquet(processed_fixture / "funding.parquet")
    funding.loc[0, "stage"] = "executed"
    funding.to_parquet(processed_fixture / "funding.parquet", index=False)
    third = _run(pool, processed_fixture, reports, "ok_params.ipynb")
    assert {r.code: r.status for r in third.results} == {SEODAEMUN: "skipped", GURO: "ok"}
    assert [r.reason for r in third.done] == ["rows"]

    forced = _run(pool, processed_fixture, reports, "ok_params.ipynb", force=True)
    assert [r.status for r in forced.results] == ["ok", "ok"]


@pytest.mark.slow
def test_own_pool_starts_its_kernels_before_planning_ends_and_stops_them(processed_fixture, tmp_path, monkeypatch):
    """Without a shared pool the batch starts its workers while it plans (one per notebook asked, at most
    ``jobs``), renders on them, and stops them (and their kernels) when done."""
    import psutil

    from helpers.batch import plan

    started, original_start, original_comparison = [], LocalPool.start, plan._comparison

    def start(self, n=None, notebook=None):
        original_start(self, n, notebook)
        started.append([w.process.pid for w in self.workers])

    def comparison(req):
        started.append("planned")  # the comparison figures come after the workers were started
        return original_comparison(req)

    monkeypatch.setattr(LocalPool, "start", start)
    monkeypatch.setattr(plan, "_comparison", comparison)
    summary = run_reports([GURO], notebook=NOTEBOOKS / "ok_params.ipynb", processed_dir=processed_fixture,
                          reports_dir=tmp_path / "reports", jobs=2, progress=False)
    assert [r.status for r in summary.results] == ["ok"]
    # started when the request is read and again (a no-op) once the regions are resolved, both before planning
    *starts, planned = started
    assert planned == "planned" and starts and all(pids == starts[0] for pids in starts)
    pids = starts[0]
    assert len(pids) == 1  # one region asked: one worker, though jobs=2
    assert summary.done[0].worker.split(":")[1].startswith(f"{pids[0]} ")  # rendered on the started worker
    assert not psutil.pid_exists(pids[0])  # stopped (and reaped) at the end


@pytest.mark.slow
def test_failing_region_keeps_notebook_and_others_finish(pool, processed_fixture, tmp_path):
    reports = tmp_path / "reports"
    summary = _run(pool, processed_fixture, reports, "raises.ipynb", parameters={"fail_in": GURO})
    status = {r.code: r for r in summary.results}
    assert status[SEODAEMUN].status == "ok" and status[GURO].status == "failed"
    assert summary.exit_code == 1
    assert "ValueError: no facts for region 11530" in status[GURO].failing_cell
    # cells: markdown 0, parameters 1, injected parameters 2, print 3, raise 4 (the 4th code cell)
    assert status[GURO].failing_cell.startswith("cell 4 (In [4])")
    assert (reports / "11410.html").exists() and not (reports / "11530.html").exists()
    kept = (reports / "notebooks" / "11530.ipynb").read_text(encoding="utf-8")
    assert "no facts for region 11530" in kept and "This report failed" in kept
    manifest = json.loads((reports / "manifest.json").read_text(encoding="utf-8"))["regions"]
    assert manifest[GURO]["status"] == "failed" and "ValueError" in manifest[GURO]["failing_cell"]
    assert "FAILED 11530" in summary.format(reports)
    # a failed region is not skipped next time, even though its inputs did not change
    retry = _run(pool, processed_fixture, reports, "raises.ipynb", parameters={"fail_in": GURO})
    assert {r.code: r.status for r in retry.results} == {SEODAEMUN: "skipped", GURO: "failed"}


@pytest.mark.slow
@pytest.mark.parametrize("target", ["worker", "kernel"])
def test_dead_worker_or_kernel_fails_only_its_region(pool, processed_fixture, tmp_path, target):
    reports = tmp_path / "reports"
    summary = _run(pool, processed_fixture, reports, "dies.ipynb", parameters={"die_in": SEODAEMUN, "target": target})
    status = {r.code: r for r in summary.results}
    assert status[GURO].status == "ok" and (reports / "11530.html").exists()
    assert status[SEODAEMUN].status == "failed" and summary.exit_code == 1
    expected = "worker process died (signal 9)" if target == "worker" else "DeadKernelError"
    assert expected in status[SEODAEMUN].error
    # the pool recovered: both regions render on the next run (new parameters: both re-render)
    after = _run(pool, processed_fixture, reports, "dies.ipynb", parameters={"die_in": "", "target": target})
    assert {r.code: r.status for r in after.results} == {SEODAEMUN: "ok", GURO: "ok"}


@pytest.mark.slow
def test_region_timeout(pool, processed_fixture, tmp_path):
    reports = tmp_path / "reports"
    summary = _run(pool, processed_fixture, reports, "sleeps.ipynb", parameters={"slow_in": GURO}, timeout=3)
    status = {r.code: r for r in summary.results}
    assert status[SEODAEMUN].status == "ok"
    assert status[GURO].status == "failed" and "TimeoutError" in status[GURO].failing_cell
    assert status[GURO].duration < 20
