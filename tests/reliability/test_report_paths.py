"""Region parameters cannot escape ``reports/``: traversal in names or codes is rejected with a clear error.

Report files are named after region codes (``reports/<code>.html``), so a region parameter is the one
piece of user input that reaches a file name. Each attempt must stop with exit code 2 and one clear line,
before any file or folder is created.
"""

from __future__ import annotations

import pytest

from helpers.batch import _output_paths, resolve_regions
from helpers.errors import RegionError

from .conftest import run_cli

ATTEMPTS = [
    ("../x", "'../x' is not a region name or code"),
    ("/etc/passwd", "'/etc/passwd' is not a region name or code"),
    ("11/410", "'11/410' is not a region name or code"),  # a code with a slash
    ("11410/../../etc", "'11410/../../etc' is not a region name or code"),
    ("..\\x", "is not a region name or code"),  # Windows separator
    ("..", "'..' is not a region name or code"),
    ("11410\0", "is not a region name or code"),  # NUL truncates paths in C libraries
    ("11410,../../x", "'../../x' is not a region name or code"),  # one bad item in a list stops the run
    ("", "no region given"),
]


@pytest.mark.parametrize("region, words", ATTEMPTS, ids=[a[0].replace("\0", "NUL") or "empty" for a in ATTEMPTS])
def test_traversal_in_region_parameter_is_rejected(tmp_path, region, words):
    reports = tmp_path / "sandbox" / "reports"
    run = run_cli("report", "--region", region, "--reports", reports, "--processed", tmp_path / "processed")
    assert run.code == 2
    assert run.err.startswith("welfare-eval report: error: ") and words in run.err
    assert run.err.count("\n") == 1  # one line, no traceback
    assert not (tmp_path / "sandbox").exists()  # nothing created, inside or outside reports/


@pytest.mark.parametrize("code", ["../x", "a/b", "/etc/passwd", "..", "11410.html/../x", "", "x" * 40, "11 410"])
def test_output_paths_refuse_unsafe_codes(tmp_path, code):
    """The last guard: even a code that got past resolution cannot name a file outside ``reports/``."""
    with pytest.raises(RegionError, match="cannot name a report file"):
        _output_paths(tmp_path / "reports", code)


def test_safe_code_stays_inside_reports(tmp_path):
    html, nb = _output_paths(tmp_path / "reports", "11410")
    root = (tmp_path / "reports").resolve()
    assert html == root / "11410.html" and nb == root / "notebooks" / "11410.ipynb"


def test_names_resolve_to_codes_not_to_paths():
    """A region given by name is replaced by its official code before it names a file."""
    assert resolve_regions("서울특별시 서대문구") == [("11410", "서울특별시 서대문구")]
    with pytest.raises(RegionError, match="ambiguous"):
        resolve_regions("중구")  # six regions: the message lists them, no file is named
