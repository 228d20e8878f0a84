"""Unknown or misspelt notebook parameters are errors (papermill only warns), and batch runs name a region."""

from __future__ import annotations

import typing

import pytest

from helpers import config
from helpers.errors import ParameterError
from helpers.notebook_params import reject_unknown, unknown_names

DECLARED = ("region", "year", "peer_group", "processed_dir")


def test_unknown_names_are_the_injected_values():
    ns = {"region": "11", "year": None, "peer_group": None, "processed_dir": None,  # the parameters cell
          "Optional": typing.Optional, "typing": typing, "In": [""], "Out": {}, "_": "", "get_ipython": print,
          "regoin": 11530}  # papermill -p regoin 11530
    assert unknown_names(ns, DECLARED) == ["regoin"]
    with pytest.raises(ParameterError, match=r"unknown parameter 'regoin' \(did you mean 'region'\?\); "
                                             r"this notebook's parameters: region, year, peer_group, processed_dir"):
        reject_unknown(ns, *DECLARED)
    del ns["regoin"]
    reject_unknown(ns, *DECLARED)  # nothing unknown: no error


def test_parameter_errors_are_value_errors_with_exit_code_2():
    assert issubclass(ParameterError, ValueError) and ParameterError.exit_code == 2


@pytest.mark.slow
@pytest.mark.parametrize("params, message", [
    ({"regoin": "11530"}, "unknown parameter 'regoin' (did you mean 'region'?)"),
    ({}, "parameter 'region' is empty"),  # no region given: not the default region rendered silently
])
def test_report_notebook_rejects_what_it_was_not_given(tmp_path, params, message):
    pm = pytest.importorskip("papermill")
    from report_fixtures import write_processed

    processed = write_processed(tmp_path / "processed")
    with pytest.raises(pm.PapermillExecutionError) as err:
        pm.execute_notebook(str(config.REPORT_NOTEBOOK), str(tmp_path / "out.ipynb"), kernel_name="python3",
                            parameters={**params, "processed_dir": str(processed)}, progress_bar=False,
                            cwd=str(tmp_path))
    assert message in str(err.value)
