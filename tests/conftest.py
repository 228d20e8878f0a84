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
