"""Test support for the table engine: extract one fixture document (or a text) through the whole pipeline."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd

from helpers.extract.pipeline import extract_all, to_frame

ENGINE_FIXTURES = Path(__file__).parent / "fixtures" / "engine"


def extract_text(tmp_path: Path, name: str, text: str | None = None, region: str | None = "서울특별시 구로구",
                 year: int | None = 2024) -> dict[str, pd.DataFrame]:
    """Extract fixture ``name`` (or ``text`` saved under that name) with a manifest entry; frames by table."""
    raw = tmp_path / "raw"
    raw.mkdir(exist_ok=True)
    if text is None:
        shutil.copy(ENGINE_FIXTURES / name, raw / name)
    else:
        (raw / name).write_text(text, encoding="utf-8")
    entry = [f"  - file: {name}"]
    if region:
        entry.append(f"    region: {region}")
    if year:
        entry.append(f"    year: {year}")
    (raw / "sources.yaml").write_text("documents:\n" + "\n".join(entry) + "\n", encoding="utf-8")
    rows = extract_all(raw).rows
    return {t: to_frame(t, r) for t, r in rows.items()}


def cells_frame(frames: dict[str, pd.DataFrame]) -> list[tuple]:
    """``table_cells`` as (line, row_label, column_label, value, unit, fact_table) tuples in output order."""
    df = frames["table_cells"]
    return [(int(r.line), r.row_label, r.column_label, float(r.value), r.unit, r.fact_table)
            for r in df.itertuples()]


def expected_cells(columns: list[str], rows: list[tuple], unit=None, fact=None) -> list[tuple]:
    """Expected ``table_cells`` tuples from a spec: ``rows`` are (label, line or lines, values, [units]);
    each value fills the next column of ``columns`` (None skips the column: an empty cell)."""
    out = []
    for spec in rows:
        label, line, values = spec[:3]
        units = spec[3] if len(spec) > 3 else [unit] * len(values)
        lines = line if isinstance(line, list) else [line] * len(values)
        facts = fact if isinstance(fact, list) else [fact] * len(values)
        for k, v in enumerate(values):
            if v is None:
                continue
            out.append((lines[k], label, columns[k], float(v), units[k], facts[k]))
    return out
