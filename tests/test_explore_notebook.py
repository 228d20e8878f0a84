"""The researchers' explore notebook runs top to bottom on the project's own data (loaders, plots, model)."""

from __future__ import annotations

import pytest

from helpers import config
from helpers.export import find_errors

pm = pytest.importorskip("papermill")


@pytest.mark.slow
def test_explore_notebook_runs(tmp_path):
    out = tmp_path / "explore.ipynb"
    # The loaders rebuild data/processed from data/raw when it is missing or stale (a fresh clone).
    nb = pm.execute_notebook(str(config.NOTEBOOKS_DIR / "explore.ipynb"), str(out), kernel_name="python3",
                             cwd=str(config.NOTEBOOKS_DIR), progress_bar=False)
    assert find_errors(nb) == []
    results = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "execute_result"]
    loaders = next(o for o in results if o["data"]["text/plain"].startswith("("))
    # (서울 indicators, 2022 budgets, 구로구 funding, 서대문구 plan items): all present in the documents
    assert all(int(n) > 0 for n in loaders["data"]["text/plain"].strip("()").split(","))
