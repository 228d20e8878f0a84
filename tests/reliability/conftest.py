"""Shared helpers of the reliability suite: run the CLI in-process, read outputs, snapshot a folder.

Every fixture file is generated here or in the tests, in temporary folders: nothing large is committed.
"""

from __future__ import annotations

import contextlib
import io
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pytest

from helpers.cli import main
from helpers.schema import TABLES

#: A real table of the operations report (세입현황, 2022년 9월말 기준, 천원): unit line, two-line header, rows.
REVENUE_TABLE = """\
 세입현황
(2022년 9월말 기준 / 단위: 천원)
구 분
예산액
(A)
수입액
(B)
징수율 징수 부진 사유(향후 계획)
B/A (징수율 70% 이하 사업)
총 계 353,740 282,322 79.8%
민간위탁금 335,694 264,321 78.7%
잡수입 70 25 35.7% 12월 예금이자수입 발생
이월금 7,976 7,976 100.0%
법인전입금 10,000 10,000 100.0%
"""


@dataclass
class CliRun:
    code: int
    out: str
    err: str


def run_cli(*args: str) -> CliRun:
    """``welfare-eval ARGS`` in this process; returns exit code, stdout and stderr."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main([str(a) for a in args])
    return CliRun(code, out.getvalue(), err.getvalue())


def extract(raw: Path, out: Path) -> CliRun:
    return run_cli("extract", "--raw", raw, "--out", out)


def read_tables(out: Path) -> dict[str, pd.DataFrame]:
    return {t: pd.read_parquet(out / f"{t}.parquet") for t in TABLES}


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` (hidden temporaries included) → its bytes."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(Path(folder).rglob("*")) if p.is_file()}


@pytest.fixture
def raw(tmp_path) -> Path:
    d = tmp_path / "raw"
    d.mkdir()
    return d
