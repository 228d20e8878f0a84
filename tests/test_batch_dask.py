"""helpers.batch on a Dask cluster: the same per-region tasks, results written by the client."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from helpers.batch import run_reports

NOTEBOOKS = Path(__file__).parent / "fixtures" / "notebooks"


@pytest.mark.slow
def test_two_regions_on_a_local_cluster(processed_fixture, tmp_path):
    distributed = pytest.importorskip("distributed")
    reports = tmp_path / "reports"
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False, host="127.0.0.1",
                                  protocol="tcp://", dashboard_address=":0") as cluster:
        summary = run_reports(["11410", "11530"], executor="dask", scheduler=cluster.scheduler_address,
                              notebook=NOTEBOOKS / "raises.ipynb", parameters={"fail_in": "11530"},
                              processed_dir=processed_fixture, reports_dir=reports, progress=False)
    status = {r.code: r for r in summary.results}
    assert status["11410"].status == "ok" and status["11530"].status == "failed"
    assert "ValueError: no facts for region 11530" in status["11530"].failing_cell
    html = (reports / "11410.html").read_text(encoding="utf-8")
    assert "rendering 11410" in html and "finished 11410" in html
    assert "no facts for region 11530" in (reports / "notebooks" / "11530.ipynb").read_text(encoding="utf-8")
    manifest = json.loads((reports / "manifest.json").read_text(encoding="utf-8"))["regions"]
    assert manifest["11410"]["status"] == "ok" and manifest["11530"]["status"] == "failed"
    assert summary.exit_code == 1
