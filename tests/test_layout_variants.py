"""The same tables in another layout give the same facts (helpers.extract on variants of the raw documents).

Each variant of the project's real documents (:mod:`layouts`: pipe tables, space-separated cells, wrapped
labels, CP949, UTF-8 with BOM and CRLF, no manifest) is extracted from a temporary raw folder, and its
indicator and budget facts — region, year, rounded numbers, reference date and line (mapped back to the
original line) — must equal the original document's.
"""

from __future__ import annotations

import shutil
from collections import Counter
from contextlib import contextmanager
from pathlib import Path

import pytest
import yaml

import layouts
from helpers import config
from helpers.extract import pipeline
from helpers.extract.pipeline import extract_all

RAW = config.RAW_DIR
DOCS = sorted(p.name for p in RAW.glob("*.txt"))
TABBED = [d for d in DOCS if "\t" in (RAW / d).read_text(encoding="utf-8")]
SPACED = [d for d in DOCS if d not in TABBED]


def _r(v, nd=0):
    return None if v is None or v != v else round(float(v), nd)


#: The table reader's extractors (header vocabulary, any layout). The plan-table extractors (funding:
#: investment plans by year; forward: '24년 목표/예산 columns and labelled rows) are compared on their own
#: in the space layouts (``test_plan_tables_in_space_layout``).
TABLE_READERS = ("indicators", "budgets", "roadmap")


@contextmanager
def only_extractors(names):
    """Run the pipeline with a subset of its extractors (None: all of them)."""
    saved = list(pipeline.EXTRACTORS)
    if names is not None:
        pipeline.EXTRACTORS[:] = [(n, f) for n, f in saved if n in names]
    try:
        yield
    finally:
        pipeline.EXTRACTORS[:] = saved


def _extract(raw: Path, names=None) -> dict:
    with only_extractors(names):
        return extract_all(raw).rows


#: Compared numbers per table; a funding row's "as_of" slot holds its source and stage (국비/plan).
FACT_NUMBERS = {"indicators": ("target", "actual", "reported_rate"),
                "budgets": ("budget_krw", "spent_krw", "reported_rate"),
                "funding": ("amount_krw", None, None)}


def _facts(rows: dict, origins: dict[str, list[int | None]] | None = None, drop: dict | None = None) -> Counter:
    """(table, doc, original line, region, year, as_of, numbers) of every indicator, budget and funding row."""
    out: Counter = Counter()
    for table, nums in FACT_NUMBERS.items():
        for r in rows[table]:
            line = r["line"]
            if origins and r["doc_id"] in origins:
                line = origins[r["doc_id"]][line - 1]
            when = f"{r['source']}/{r['stage']}" if table == "funding" else r.get("as_of", r.get("period"))
            key = {"region": r["region_code"], "year": r["year"], "as_of": when}
            for k in (drop or {}).get(r["doc_id"], ()):
                if not (table == "funding" and k == "as_of"):
                    key[k] = "*"
            out[(table, r["doc_id"], line, key["region"], key["year"], key["as_of"],
                 *(_r(r[n], 2) if n else None for n in nums))] += 1
    return out


@pytest.fixture(scope="module")
def original() -> Counter:
    return _facts(_extract(RAW))


@pytest.fixture(scope="module")
def original_tables() -> Counter:
    return _facts(_extract(RAW, TABLE_READERS))


def _run(tmp: Path, docs: list[str], make, manifest: bool = True, encoding: str = "utf-8",
         newline: str = "\n", bom: bool = False, names=None) -> tuple[dict, dict]:
    tmp.mkdir(parents=True, exist_ok=True)
    origins = {}
    for name in docs:
        lines = (RAW / name).read_text(encoding="utf-8").split("\n")
        if lines and lines[-1] == "":
            lines.pop()
        new, origin = make(lines)
        origins[Path(name).stem] = origin
        text = newline.join(new) + newline
        if encoding == "cp949":
            data = layouts.cp949_text(new).encode("cp949")
        else:
            data = (b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8")
        (tmp / name).write_bytes(data)
    if manifest:
        shutil.copy(RAW / "sources.yaml", tmp / "sources.yaml")
    return _extract(tmp, names), origins


def _diff(expected: Counter, got: Counter) -> str:
    missing = sorted((expected - got).elements(), key=str)
    extra = sorted((got - expected).elements(), key=str)
    return f"missing {len(missing)}: {missing[:8]}\nextra {len(extra)}: {extra[:8]}"


def _subset(original: Counter, docs: list[str], drop: dict | None = None) -> Counter:
    stems = {Path(d).stem for d in docs}
    out: Counter = Counter()
    for key, n in original.items():
        if key[1] in stems:
            k = list(key)
            for field in (drop or {}).get(key[1], ()):
                if not (key[0] == "funding" and field == "as_of"):
                    k[{"region": 3, "year": 4, "as_of": 5}[field]] = "*"
            out[tuple(k)] += n
    return out


#: name → (documents, variant, bordered): ``bordered`` variants keep cell borders (every row is read,
#: even one with no figure at all); in borderless ones a row whose cells are all text
#: (``사업추진 방식 검토  사업추진 방식 검토  -  -``) cannot be told from a wrapped label, so only rows
#: with a figure are compared there.
VARIANTS = {
    "pipes": (TABBED, layouts.to_pipes, True),
    "two_spaces": (TABBED, layouts.to_spaces, False),
    "single_spaces": (TABBED, layouts.to_single_spaces, False),
    "wrapped_space_rows": (SPACED, layouts.wrap_labels, False),
    "wrapped_two_spaces": (TABBED, lambda lines: _chain(lines, layouts.to_spaces, layouts.wrap_labels), False),
}


def _with_figures(facts: Counter) -> Counter:
    return Counter({k: n for k, n in facts.items() if any(v is not None for v in k[6:])})


def _chain(lines, first, second):
    mid, o1 = first(lines)
    out, o2 = second(mid)
    return out, [o1[k - 1] if k is not None else None for k in o2]


@pytest.mark.parametrize("name", sorted(VARIANTS))
def test_layout_variant_gives_the_same_facts(name, original, original_tables, tmp_path):
    docs, make, bordered = VARIANTS[name]
    names = None if bordered else TABLE_READERS
    rows, origins = _run(tmp_path / name, docs, make, names=names)
    expected = _subset(original if bordered else original_tables, docs)
    got = _facts(rows, origins)
    if not bordered:
        expected, got = _with_figures(expected), _with_figures(got)
    assert got == expected, _diff(expected, got)


@pytest.mark.parametrize("make", [layouts.to_spaces, layouts.to_single_spaces], ids=["two", "single"])
def test_plan_tables_in_space_layout(make, original, original_tables, tmp_path):
    """Investment plans by year (목표예산/국 비/시 비/구 비/집행액 × years) and forward plans ('24년 목표 /
    '24년 예산 columns, a '24년 예산 row, a 소요예산 row by year) give the same funding, budget and
    indicator rows when their cells are separated by spaces."""
    rows, origins = _run(tmp_path / "plans", TABBED, make)
    others = _subset(original, TABBED) - _subset(original_tables, TABBED)
    got = _facts(rows, origins) - _subset(original_tables, TABBED)
    assert {k[0] for k in others} == {"indicators", "budgets", "funding"}
    assert got == others, _diff(others, got)


@pytest.mark.parametrize("encoding, newline, bom", [("cp949", "\n", False), ("utf-8", "\r\n", True)])
def test_encodings_and_line_endings_give_the_same_facts(encoding, newline, bom, original, tmp_path):
    rows, origins = _run(tmp_path / encoding, DOCS, layouts.identity, encoding=encoding, newline=newline, bom=bom)
    assert _facts(rows, origins) == _subset(original, DOCS), _diff(_subset(original, DOCS), _facts(rows, origins))


def test_without_manifest_the_text_still_gives_its_facts(original, tmp_path):
    """Without a manifest the text's own statements give each document its defaults (a title naming 서울시,
    ``서울특별시 구로구`` in an address, a report date ``2024. 4.``, ``('24. 3월말 기준)``): every row is found
    at its line with its numbers, region and year; only a reference date that the text does not state as
    the document's may be missing."""
    meta = {d["file"]: d for d in yaml.safe_load((RAW / "sources.yaml").read_text(encoding="utf-8"))["documents"]}
    drop = {Path(f).stem: ["as_of"] for f, d in meta.items() if "as_of" in d}
    # the manifest's unit is a default too: without it, a document that prints no unit gives no amounts
    no_unit = {Path(f).stem for f, d in meta.items() if "unit" in d}
    docs = [d for d in DOCS if Path(d).stem not in no_unit]
    rows, origins = _run(tmp_path / "bare", docs, layouts.identity, manifest=False)
    expected = _subset(original, docs, drop)
    got = _facts(rows, origins, drop)
    assert got == expected, _diff(expected, got)


def test_without_manifest_the_plan_document_keeps_its_region_and_years(original, tmp_path):
    """The 구로구 plan prints no money unit (the manifest gives 백만원), so its amounts need the manifest;
    its region (``서울특별시 구로구`` in the text) and its years (year columns) do not."""
    meta = {d["file"]: d for d in yaml.safe_load((RAW / "sources.yaml").read_text(encoding="utf-8"))["documents"]}
    docs = [f for f, d in meta.items() if "unit" in d]
    rows, _ = _run(tmp_path / "bare_unit", docs, layouts.identity, manifest=False)
    stems = {Path(f).stem for f in docs}
    want = sorted((r["doc_id"], r["line"], r["region_code"], r["year"]) for r in rows["indicators"])
    have = sorted((k[1], k[2], k[3], k[4]) for k in original.elements() if k[0] == "indicators" and k[1] in stems)
    assert want and want == have
