"""Shared fixtures: paths to the project's raw documents and a registry built from the reference data."""

from __future__ import annotations

import pytest

from helpers import config
from helpers.regions import RegionRegistry


@pytest.fixture(scope="session")
def reg() -> RegionRegistry:
    return RegionRegistry(config.REGIONS_CSV, config.REGION_ALIASES_CSV)


@pytest.fixture(scope="session")
def raw_dir():
    return config.RAW_DIR


@pytest.fixture()
def processed_fixture(tmp_path):
    """A processed folder holding the tiny tables of ``tests/fixtures/processed`` as Parquet."""
    from pathlib import Path

    import pandas as pd

    src = Path(__file__).parent / "fixtures" / "processed"
    out = tmp_path / "processed"
    out.mkdir()
    for csv in sorted(src.glob("*.csv")):
        frame = pd.read_csv(csv, dtype={"region_code": str, "doc_id": str})
        frame.to_parquet(out / f"{csv.stem}.parquet", index=False)
    return out
