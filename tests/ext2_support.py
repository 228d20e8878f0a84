"""Test support for the Extraction II extractors: run one extractor on a fixture snippet."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from helpers.extract.pipeline import DocContext, ExtractResult, to_frame
from helpers.extract.reading import read_document
from helpers.manifest import DocumentMeta
from helpers.regions import registry

FIXTURES = Path(__file__).parent / "fixtures" / "ext2"


def run(extractor, name: str, region: str | None = None, year: int | None = None, unit: str | None = None,
        as_of: str | None = None) -> ExtractResult:
    """Run ``extractor`` on fixture ``name`` with manifest-like defaults."""
    reg = registry()
    meta = DocumentMeta(file=name, region=region, year=year, unit=unit, as_of=as_of)
    doc = read_document(FIXTURES / name, meta)
    ctx = DocContext(region=reg.resolve(region, year=year) if region else None, year=year, as_of=as_of,
                     unit=unit, registry=reg)
    return extractor(doc, ctx)


def frame(result: ExtractResult, table: str) -> pd.DataFrame:
    return to_frame(table, result.rows.get(table, []))
