"""Determinism: ``extract`` on the project's raw documents gives byte-identical CSV and Parquet every time.

The two runs are separate processes with different hash seeds (set and dict order of strings differs
between them), and the second reads a copy of the raw folder at another path, written in reverse order
(so directory listing order and file times differ too).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pandas as pd

from helpers import config
from helpers.schema import FACT_TABLES, TABLES

from .conftest import snapshot


def run_extract_process(raw, out, seed: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    return subprocess.run([sys.executable, "-m", "helpers.cli", "extract", "--raw", str(raw), "--out", str(out)],
                          capture_output=True, text=True, timeout=300, env=env)


def test_extract_twice_gives_byte_identical_csv_and_parquet(tmp_path):
    copy = tmp_path / "elsewhere" / "raw"
    copy.mkdir(parents=True)
    for path in sorted(config.RAW_DIR.iterdir(), reverse=True):
        shutil.copyfile(path, copy / path.name)
    first = run_extract_process(config.RAW_DIR, tmp_path / "one", "1")
    second = run_extract_process(copy, tmp_path / "two", "2")
    assert first.returncode == 0 and second.returncode == 0, first.stderr + second.stderr
    one, two = snapshot(tmp_path / "one"), snapshot(tmp_path / "two")
    assert sorted(one) == sorted(f"{t}.{ext}" for t in TABLES for ext in ("csv", "parquet"))
    differing = [name for name in one if one[name] != two.get(name)]
    assert differing == []
    # not vacuous: every raw document is listed and facts were extracted
    docs = pd.read_parquet(tmp_path / "one" / "documents.parquet")
    assert len(docs) == len([p for p in config.RAW_DIR.glob("*.txt")])
    assert sum(len(pd.read_parquet(tmp_path / "one" / f"{t}.parquet")) for t in FACT_TABLES) > 0
