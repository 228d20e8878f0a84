"""Project paths, anchored at the project root, so notebooks and tests never spell paths themselves.

The root is the folder holding ``pyproject.toml`` above this package (the src layout), or the value of
the ``WELFARE_EVAL_ROOT`` environment variable when set (useful for scheduled runs from elsewhere).
"""

from __future__ import annotations

import os
from pathlib import Path


def _find_root() -> Path:
    env = os.environ.get("WELFARE_EVAL_ROOT")
    if env:
        return Path(env).resolve()
    here = Path(__file__).resolve()
    for parent in here.parents:
        if (parent / "pyproject.toml").exists() and (parent / "data").is_dir():
            return parent
    return Path.cwd().resolve()


PROJECT_ROOT: Path = _find_root()
DATA_DIR: Path = PROJECT_ROOT / "data"
RAW_DIR: Path = DATA_DIR / "raw"
PROCESSED_DIR: Path = DATA_DIR / "processed"
INTERIM_DIR: Path = DATA_DIR / "interim"  # native documents converted to text + cell grids
REFERENCE_DIR: Path = DATA_DIR / "reference"
REGIONS_CSV: Path = REFERENCE_DIR / "regions.csv"
REGION_ALIASES_CSV: Path = REFERENCE_DIR / "region_aliases.csv"
NOTEBOOKS_DIR: Path = PROJECT_ROOT / "notebooks"
REPORT_NOTEBOOK: Path = NOTEBOOKS_DIR / "region_report.ipynb"
REPORTS_DIR: Path = PROJECT_ROOT / "reports"
DOCS_DIR: Path = PROJECT_ROOT / "docs"

MANIFEST_NAME = "sources.yaml"
