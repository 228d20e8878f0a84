"""The researchers' explore notebook runs top to bottom on the project's own data, in the project's kernel,
and its charts are images (each shown once), as in JupyterLab."""

from __future__ import annotations

import json

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_notebook

from helpers import config
from helpers.export import find_errors

pm = pytest.importorskip("papermill")

KERNEL = "welfare-eval"
NOTEBOOKS = ("explore", "overview", "region_report")


def _require_kernel():
    from jupyter_client.kernelspec import find_kernel_specs

    if KERNEL not in find_kernel_specs():
        pytest.fail(f"kernel {KERNEL!r} is not registered: run `make setup` (it installs it into .venv)")


def _images(cell) -> int:
    return sum("image/png" in o.get("data", {}) for o in cell.get("outputs", []))


def test_notebooks_name_the_project_kernel():
    for name in NOTEBOOKS:
        meta = json.loads((config.NOTEBOOKS_DIR / f"{name}.ipynb").read_text(encoding="utf-8"))["metadata"]
        assert meta["kernelspec"]["name"] == KERNEL, name
        assert meta["kernelspec"]["display_name"] == "Python (welfare-eval)", name


def test_make_registers_the_kernel_in_the_venv():
    makefile = (config.PROJECT_ROOT / "Makefile").read_text(encoding="utf-8")
    assert f"ipykernel install --sys-prefix --name {KERNEL}" in makefile
    assert "test: $(STAMP) $(KERNEL)" in makefile  # a fresh `make test` registers it first


@pytest.mark.slow
def test_explore_notebook_runs_and_shows_its_charts(tmp_path):
    _require_kernel()
    out = tmp_path / "explore.ipynb"
    # The loaders rebuild data/processed from data/raw when it is missing or stale (a fresh clone).
    # No kernel_name: the notebook's own kernel, as JupyterLab starts it.
    nb = pm.execute_notebook(str(config.NOTEBOOKS_DIR / "explore.ipynb"), str(out),
                             cwd=str(config.NOTEBOOKS_DIR), progress_bar=False)
    assert find_errors(nb) == []
    code = [c for c in nb.cells if c.cell_type == "code"]
    results = [o for c in code for o in c.outputs if o.output_type == "execute_result"]
    loaders = next(o for o in results if o["data"]["text/plain"].startswith("("))
    # (서울 indicators, 2022 budgets, 구로구 funding, 서대문구 plan items): all present in the documents
    assert all(int(n) > 0 for n in loaders["data"]["text/plain"].strip("()").split(","))
    markers = ("plots.budget_vs_spent", "plots.achievement_chart", ".plot.bar(", "plots.region_bars",
               "sns.countplot", "plots.achievement_vs_execution")
    charts = [c for c in code if any(m in c.source for m in markers)]
    assert len(charts) == len(markers)
    assert sum(_images(c) for c in code) == len(markers)  # no other cell draws, none draws twice
    for cell in charts:  # a helper chart, a pandas chart or a seaborn chart: one image each, not twice
        assert _images(cell) == 1, cell.source
    assert not any("<Figure size" in o.get("data", {}).get("text/plain", "") and "image/png" not in o.get("data", {})
                   for c in code for o in c.outputs)


@pytest.mark.slow
def test_charts_display_once_in_a_kernel(tmp_path):
    """JupyterLab's situation: helpers imported, the user's own seaborn chart, a helper chart, and the same
    after ``%matplotlib inline``; each shows exactly one image and no figure stays open."""
    from report_fixtures import write_processed

    processed = write_processed(tmp_path / "processed")
    setup = (f"from helpers import data, plots, report\nimport matplotlib.pyplot as plt, seaborn as sns\n"
             f"ind = data.load_indicators(processed_dir={str(processed)!r})")
    cells = [setup,
             "sns.barplot(x=['가', '나'], y=[1, 2]); plt.show()",
             "plots.achievement_chart(ind)",
             "%matplotlib inline\nplots.achievement_chart(ind)",
             "plots.execution_distribution([50.0, 90.0, 101.0])",
             "len(plt.get_fignums())"]
    nb = new_notebook(cells=[new_code_cell(s) for s in cells],
                      metadata={"kernelspec": {"name": KERNEL, "display_name": "Python (welfare-eval)", "language": "python"}})
    path = tmp_path / "display.ipynb"
    nbformat.write(nb, path)
    _require_kernel()
    done = pm.execute_notebook(str(path), str(tmp_path / "out.ipynb"), cwd=str(tmp_path), progress_bar=False)
    assert find_errors(done) == []
    assert [_images(c) for c in done.cells] == [0, 1, 1, 1, 1, 0]
    assert done.cells[-1].outputs[0]["data"]["text/plain"] == "0"
