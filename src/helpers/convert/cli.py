"""The ``welfare-eval convert`` command and where interim files go by default."""

from __future__ import annotations

import sys
from pathlib import Path

from .. import config


def default_interim(out_dir: Path | None, interim_dir: Path | None) -> Path:
    """``--interim`` if given; else ``OUT/interim`` when ``--out OUT`` names another folder than the
    default processed one; else ``data/interim``."""
    if interim_dir is not None:
        return Path(interim_dir)
    if out_dir is not None and Path(out_dir).resolve() != config.PROCESSED_DIR.resolve():
        return Path(out_dir) / "interim"
    return config.INTERIM_DIR


def run_convert(raw_dir: Path | None = None, out_dir: Path | None = None, force: bool = False,
                echo=print) -> int:
    """Convert every native document of ``raw_dir`` into ``out_dir`` (default ``data/interim``); print one
    line per document; exit code 1 when some could not be read (the others are converted)."""
    from . import convert_all

    raw_dir = Path(raw_dir or config.RAW_DIR)
    out_dir = Path(out_dir or config.INTERIM_DIR)
    outcomes = convert_all(raw_dir, out_dir, force=force)
    failed = 0
    for o in outcomes:
        if o.error is not None:
            failed += 1
            print(f"error: {o.error}", file=sys.stderr)
            continue
        tables = o.data.get("tables", [])
        cells = sum(len(t["cells"]) for t in tables)
        flags = "".join(f"; {f['kind']} (page {f['page']})" for f in o.data.get("flags", []))
        echo(f"  {o.source.name} ({o.data.get('format')}): {o.status}, {len(tables)} tables, {cells} cells, "
             f"{o.seconds:.2f} s{flags}")
    echo(f"{len(outcomes) - failed} of {len(outcomes)} native documents in {out_dir}")
    return 1 if failed else 0
