"""What data there is: the regions the processed tables cover, filed under their current code.

A region is listed when it has facts or a ``sections`` row (a document covers it, even with no figures
extracted there, e.g. a casebook part that is case-study prose only).
"""

from __future__ import annotations

from pathlib import Path

from . import config
from .regions import registry
from .schema import COVERAGE_TABLES


def regions_with_data(processed_dir: Path | None = None, year: int | None = None):
    """One row per region (current code) with its row counts per fact table and its ``sections`` count.

    A region renamed since (강원도 42xxx → 강원특별자치도 51xxx) is counted under its current code, and
    the codes its facts were recorded under are listed in ``recorded_as``. With ``year``, only rows whose
    figures refer to that year count.
    """
    import pandas as pd

    processed_dir = Path(processed_dir or config.PROCESSED_DIR)
    reg = registry()
    counts: dict[str, dict] = {}
    for table in COVERAGE_TABLES:
        path = processed_dir / f"{table}.parquet"
        if not path.exists():
            continue
        df = pd.read_parquet(path, columns=["region_code"] if year is None else ["region_code", "year"])
        if year is not None:
            df = df[df["year"] == int(year)]
        for code, n in df["region_code"].dropna().astype(str).value_counts().items():
            current = reg.current(code).code if code in reg.by_code else code
            row = counts.setdefault(current, {"recorded_as": set()})
            row[table] = row.get(table, 0) + int(n)
            row["recorded_as"].add(code)
    rows = []
    for code in sorted(counts):
        name = reg.get(code).name if code in reg.by_code else "(unknown)"
        c = counts[code]
        rows.append({"region_code": code, "region_name": name,
                     **{t: c.get(t, 0) for t in COVERAGE_TABLES},
                     "recorded_as": ",".join(sorted(c["recorded_as"]))})
    return pd.DataFrame(rows, columns=["region_code", "region_name", *COVERAGE_TABLES, "recorded_as"])
