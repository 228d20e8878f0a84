"""A 50 MB document (generated once per session): extract completes and keeps every line's number right.

No timing is asserted (timed tests are flaky on a shared machine; ``bench/`` measures speed). Behaviour is:
the run ends (a subprocess with a generous safety timeout, so a quadratic blow-up fails instead of
hanging the suite), every line is counted, the file's hash is recorded, and the facts of the last table,
50 MB into the file, carry their exact line numbers, like those of the first.
"""

from __future__ import annotations

import hashlib
import subprocess
import sys

import pytest

from helpers.schema import FACT_TABLES

from .conftest import REVENUE_TABLE, read_tables

PROSE = "○ 아동복지시설 및 가정위탁 보호아동 및 자립준비청년을 대상으로 전문적이고 체계적인 복지 서비스를 제공\n"
TARGET_BYTES = 50 * 2**20
#: A paragraph that lost its line breaks in conversion (about 4 KB on one line).
PARAGRAPH = PROSE.strip() * 25 + "\n"
#: One block: a real revenue table, ten long paragraphs and a few short lines (about 40 KB). Blocks repeat
#: until the file reaches 50 MB: about 1,300 tables and 30,000 lines, with bytes mostly in long lines.
BLOCK = REVENUE_TABLE + PARAGRAPH * 10 + PROSE * 5
#: Very long lines (converters that lose line breaks): one of numbers, one of prose, 1 MB each.
LONG_NUMBERS = "1,234 " * (2**20 // 6) + "\n"
LONG_PROSE = PROSE.strip() * (2**20 // len(PROSE.encode())) + "\n"
TOTAL_ROW = "총 계 353,740 282,322 79.8%"


@pytest.fixture(scope="session")
def big_document(tmp_path_factory):
    """The 50 MB raw folder: (raw dir, path, number of blocks, line of every block's total row)."""
    raw = tmp_path_factory.mktemp("big") / "raw"
    raw.mkdir()
    path = raw / "big.txt"
    block_bytes = len(BLOCK.encode())
    n_blocks = (TARGET_BYTES - 2 * 2**20) // block_bytes
    half = n_blocks // 2
    total_offset = REVENUE_TABLE.splitlines().index(TOTAL_ROW)
    block_lines = BLOCK.count("\n")
    with path.open("w", encoding="utf-8") as fh:
        fh.write(BLOCK * half)
        fh.write(LONG_NUMBERS)
        fh.write(LONG_PROSE)
        fh.write(BLOCK * (n_blocks - half))
    totals = [i * block_lines + total_offset + 1 for i in range(half)]
    totals += [2 + i * block_lines + total_offset + 1 for i in range(half, n_blocks)]
    return raw, path, n_blocks, totals


@pytest.fixture(scope="session")
def big_run(big_document, tmp_path_factory):
    raw, path, n_blocks, totals = big_document
    out = tmp_path_factory.mktemp("big_out")
    proc = subprocess.run([sys.executable, "-m", "helpers.cli", "extract", "--raw", str(raw), "--out", str(out)],
                          capture_output=True, text=True, timeout=600)
    return proc, out


def test_fixture_is_50_mb(big_document):
    _, path, _, totals = big_document
    assert path.stat().st_size >= 48 * 2**20
    lines = path.read_text(encoding="utf-8").split("\n")
    assert lines[totals[0] - 1] == TOTAL_ROW and lines[totals[-1] - 1] == TOTAL_ROW


def test_large_document_is_extracted_completely(big_document, big_run):
    raw, path, n_blocks, totals = big_document
    proc, out = big_run
    assert proc.returncode == 0, proc.stderr[-2000:]
    tables = read_tables(out)
    doc = tables["documents"].set_index("file").loc["big.txt"]
    assert doc["error"] is None and doc["encoding"] == "utf-8"
    assert doc["n_lines"] == n_blocks * BLOCK.count("\n") + 2
    assert doc["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
    assert f"big (utf-8, {doc['n_lines']} lines)" in proc.stdout
    budgets = tables["budgets"][tables["budgets"]["doc_id"] == "big"]
    assert len(budgets) == 5 * n_blocks  # every row of every table, the last one 50 MB in
    assert budgets.loc[budgets["is_total"], "line"].tolist() == totals
    assert (budgets.loc[budgets["is_total"], "budget_krw"] == 353_740_000).all()


def test_every_row_points_at_a_real_line_of_the_large_document(big_document, big_run):
    """Line numbers stay exact to the end of the file: each row's source_text is on its line."""
    _, path, _, _ = big_document
    _, out = big_run
    lines = path.read_text(encoding="utf-8").split("\n")
    for table, df in read_tables(out).items():
        if table not in FACT_TABLES:  # quality_flags: a flag's source_text may be empty; checked below
            continue
        rows = df[df["doc_id"] == "big"].dropna(subset=["line"])
        for line, text in zip(rows["line"], rows["source_text"].fillna(""), strict=True):
            assert 1 <= line <= len(lines), (table, line)
            assert lines[int(line) - 1].strip() in text, (table, line, text[:80])


def test_read_document_on_50_mb(big_document):
    from helpers.extract.reading import read_document

    _, path, n_blocks, totals = big_document
    doc = read_document(path)
    assert doc.n_lines == n_blocks * BLOCK.count("\n") + 2
    assert doc.line(totals[-1]) == TOTAL_ROW and doc.line(totals[0]) == TOTAL_ROW
    assert doc.line(len(totals) // 2 * BLOCK.count("\n") + 1) == LONG_NUMBERS[:-1]
