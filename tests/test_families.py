"""Blind fixtures of the table engine's layout families: every fact a correct reading gives, and nothing else.

Each ``tests/fixtures/families/<family>/<name>.txt`` is a short invented document in one layout family
(tab, pipes, runs of spaces, one cell per line, label line + values line, two-level and multi-line headers,
repeated headers, year-column tables and their transposes, ``pdftotext -layout`` statistics, budget-only,
회계별, 재원별 and count tables, rows naming their own region). Next to it, ``<name>.expected.csv`` lists the
facts a correct extractor must produce (one row per fact; its first line names the family). The fixtures
were written from the family descriptions alone, without reading the extractor, so they test the families
rather than the implementation. ``tests/fixtures/families/README.md`` states the reading rules they follow.

All fixtures are extracted once, through the public CLI (``welfare-eval extract --raw DIR --out DIR``), into
one temporary folder; the documents keep distinct ids (``<family>__<name>``). Per fixture, five checks (each its own test id):

1. ``facts_found``: every expected fact is there — same table, region, year, every number column equal
   (money exactly in won, an empty expected number empty too), label contained in the extracted label,
   measure / source / stage equal where given, line within 1;
2. ``no_extra_facts``: the typed facts of the document, compared as a whole frame on (table, region, year,
   numbers), are exactly the expected ones;
3. ``table_cells``: every figure of every table line (a line :mod:`coverage` counts as table-like, or a line
   that is a single numeric cell) is in ``table_cells`` at its line — skipped while that table is not written;
4. ``coverage``: the shared ``devset/coverage.py`` gives 100% for the document (skipped without the shared
   folder);
5. ``flags``: the mismatch, unparsed, unit and unrecognised-table flags are exactly those due: none where
   the fixture's arithmetic is right, the listed ones (``<name>.flags.csv``) where it is about a misprint.

What today's extractor does not do yet is recorded in :data:`KNOWN_GAPS` (one place), as strict xfails with the
observed reason, so a marker disappears as soon as the gap is fixed.
"""

from __future__ import annotations

import contextlib
import csv
import importlib.util
import io
import math
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pytest

FAMILIES = Path(__file__).parent / "fixtures" / "families"
REPO = Path(__file__).resolve().parents[1]

FACT_TABLES = ("indicators", "budgets", "funding", "activities")
NUMBERS = {
    "indicators": ("target", "actual", "reported_rate"),
    "budgets": ("budget_krw", "spent_krw", "reported_rate"),
    "funding": ("amount_krw",),
    "activities": ("value",),
}
LABEL = {"indicators": "indicator", "budgets": "item", "funding": "source_label", "activities": "item"}
MONEY = {"budget_krw", "spent_krw", "amount_krw"}
# Multipliers a table_cells value may carry: as printed, or converted to won from 천원/만원/백만원/억원/조원.
CELL_SCALES = (1, 1e3, 1e4, 1e6, 1e8, 1e12)

# Known gaps of today's extractor, observed by running these tests: {fixture: {check: reason}}.
# A check listed here is a strict xfail; remove the entry when the engine fixes it.
KNOWN_GAPS: dict[str, dict[str, str]] = {
    "quarterly_results/gu_quarterly_results_html_cells": {
        "table_cells": "the `1/4분기` … `4/4분기` header cells (lines 10-13) hold figures 1 and 4 by coverage.py's figure rule (the shared tool's rule: a quarter name, like a month, is no figure); every figure of the tables is in table_cells",
    },
    # Whole document types (second blind round): budget statements, 세부사업 pages, settlements, yearbooks, 시행결과.
    # Third blind round: new document types in new converter outputs (HWPX markdown, pdfplumber, flattened HTML,
    # Excel copies, pdftotext -layout).
    # Fourth blind round: five new document types (성과평가, 노인일자리, 바우처, 도의 시군 비교, 기금 운용) in box-drawing,
    # pandoc grid, pandoc simple/multiline, spreadsheet CSV and docling markdown tables.
    # Fifth blind round: five new document types (보육, 장애인 활동지원, 긴급복지, 의료급여, 주거급여) in `w3m -dump`,
    # MarkItDown-from-Excel markdown, `pdftotext` without `-layout`, printed data frames and unit-in-cell tab tables.
    "disability_support/gun_activity_support_dataframe": {
        "table_cells": "only the row labels `1구간` … `10구간` (l.8-17): coverage.py's figure rule reads the band number of each as a figure (the shared tool's rule: a band name, like a quarter, is no figure); every other figure of both frames, the index numbers included, is in table_cells",
    },
    "disability_support/si_activity_support_markitdown": {
        "table_cells": "only the row labels `1구간` … `8구간` (l.11-18): coverage.py's figure rule reads the band number of each as a figure (the shared tool's rule: a band name, like a quarter, is no figure); every other figure of both tables is in table_cells",
    },
    "emergency_aid/gu_emergency_aid_pdftotext_raw": {
        "table_cells": "the `1분기` … `4분기` header cells (l.14-17 and after the page break) hold figures by coverage.py's figure rule (the shared tool's rule: a quarter name, like a month, is no figure); every figure of the tables is in table_cells",
    },
    # Sixth blind round: five new document types (자활, 기초연금, 아동급식, 다문화가족, 정신건강) in AsciiDoc and org-mode
    # tables, reStructuredText list-table/csv-table, `pdftotext -layout` two-column pages, 억·만 mixed units in tab cells
    # and Excel sheets saved as text (quoted cells, line breaks inside quotes).
    "self_sufficiency/gu_self_sufficiency_asciidoc": {
        "table_cells": "the `2+|` span markers (l.52, 56) hold a figure 2 by coverage.py's figure rule (a span marker, like a quarter name, is no figure); every figure of the tables is in table_cells",
    },
    "basic_pension/si_basic_pension_rst_list": {
        "table_cells": "the directive option `:widths: 30 25 25 20` (l.17) holds four figures by coverage.py's figure rule (an option line is table syntax, no figure: README); every figure of the tables is in table_cells",
    },
    "multicultural_family/si_multicultural_rst_csv": {
        "table_cells": "the directive option `:widths: 30, 15, 15, 15, 15` (l.15) holds five figures by coverage.py's figure rule (an option line is table syntax, no figure: README); every figure of the tables is in table_cells",
    },
}


# -- fixtures on disk -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Fixture:
    family: str
    name: str
    path: Path

    @property
    def key(self) -> str:
        return f"{self.family}/{self.name}"

    @property
    def doc_id(self) -> str:
        return f"{self.family}__{self.name}"

    @property
    def expected_path(self) -> Path:
        return self.path.with_name(self.name + ".expected.csv")


def _fixtures() -> list[Fixture]:
    out = []
    for txt in sorted(FAMILIES.glob("*/*.txt")):
        out.append(Fixture(txt.parent.name, txt.stem, txt))
    return out


FIXTURES = _fixtures()


def read_expected(fx: Fixture) -> tuple[str, pd.DataFrame]:
    """The expected facts of a fixture and the family named by its comment line."""
    text = fx.expected_path.read_text(encoding="utf-8")
    first, _, rest = text.partition("\n")
    assert first.startswith("# family:"), f"{fx.expected_path.name}: first line must be '# family: …'"
    frame = pd.read_csv(io.StringIO(rest), dtype={"region_code": str, "label": str, "measure": str,
                                                   "source": str, "stage": str})
    return first.removeprefix("# family:").strip(), frame


def _shared_dir() -> Path | None:
    """The shared folder (devset, raw documents): ``WELFARE_SHARED`` or a ``shared`` folder beside an ancestor."""
    env = os.environ.get("WELFARE_SHARED")
    if env:
        return Path(env) if Path(env).is_dir() else None
    for parent in REPO.parents:
        cand = parent / "shared"
        if (cand / "devset" / "coverage.py").is_file():
            return cand
    return None


def _load_coverage():
    shared = _shared_dir()
    if shared is None:
        return None
    spec = importlib.util.spec_from_file_location("shared_coverage", shared / "devset" / "coverage.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


COVERAGE = _load_coverage()


# -- one extraction of every fixture ---------------------------------------------------------------------


@dataclass
class Extracted:
    out: Path
    raw: Path
    tables: dict[str, pd.DataFrame]
    log: str


def _welfare_eval() -> list[str]:
    exe = Path(sys.executable).with_name("welfare-eval")
    if exe.exists():
        return [str(exe)]
    return [sys.executable, "-c", "import sys; from helpers.cli import main; sys.exit(main())"]


@pytest.fixture(scope="module")
def extracted(tmp_path_factory) -> Extracted:
    base = tmp_path_factory.mktemp("families")
    raw, out = base / "raw", base / "processed"
    raw.mkdir()
    for fx in FIXTURES:
        shutil.copyfile(fx.path, raw / f"{fx.doc_id}.txt")
    env = dict(os.environ, PYTHONPATH=str(REPO / "src") + os.pathsep + os.environ.get("PYTHONPATH", ""))
    proc = subprocess.run([*_welfare_eval(), "extract", "--raw", str(raw), "--out", str(out)],
                          capture_output=True, text=True, env=env, cwd=base, timeout=600)
    log = proc.stdout + proc.stderr
    tables = {}
    for parquet in sorted(out.glob("*.parquet")):
        tables[parquet.stem] = pd.read_parquet(parquet)
    assert "documents" in tables, f"extract wrote no documents table (exit {proc.returncode}):\n{log[-3000:]}"
    return Extracted(out, raw, tables, log)


def _doc_rows(ex: Extracted, table: str, fx: Fixture) -> pd.DataFrame:
    frame = ex.tables.get(table)
    if frame is None or frame.empty:
        return pd.DataFrame()
    return frame[frame["doc_id"].astype(str) == fx.doc_id].reset_index(drop=True)


def _document_ok(ex: Extracted, fx: Fixture) -> None:
    docs = _doc_rows(ex, "documents", fx)
    assert len(docs) == 1, f"{fx.doc_id} is not in documents"
    err = docs.iloc[0].get("error")
    assert not (isinstance(err, str) and err.strip()), f"{fx.doc_id} could not be read: {err}"


def _mark(fx: Fixture, check: str):
    reason = KNOWN_GAPS.get(fx.key, {}).get(check)
    marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
    return pytest.param(fx, id=fx.key, marks=marks)


def _params(check: str):
    return [_mark(fx, check) for fx in FIXTURES]


# -- comparison helpers -----------------------------------------------------------------------------------


def _empty(v) -> bool:
    return v is None or (isinstance(v, float) and math.isnan(v)) or (isinstance(v, str) and not v.strip()) \
        or v is pd.NA or (not isinstance(v, str) and pd.isna(v))


def _num_equal(col: str, want, got) -> bool:
    if _empty(want) or _empty(got):
        return _empty(want) and _empty(got)
    want, got = float(want), float(got)
    if col in MONEY:
        return round(want) == round(got)
    return math.isclose(want, got, rel_tol=1e-9, abs_tol=1e-6)


def _squash(s) -> str:
    return re.sub(r"\s+", "", "" if _empty(s) else str(s))


def _year_equal(want, got) -> bool:
    if _empty(want) or _empty(got):
        return _empty(want) and _empty(got)
    return int(float(want)) == int(float(got))


def _region_equal(want, got) -> bool:
    if _empty(want) or _empty(got):
        return _empty(want) and _empty(got)
    return str(want).strip() == str(got).strip()


def _matches(table: str, exp: pd.Series, got: pd.Series) -> bool:
    if not _region_equal(exp["region_code"], got.get("region_code")):
        return False
    if not _year_equal(exp["year"], got.get("year")):
        return False
    if not all(_num_equal(c, exp.get(c), got.get(c)) for c in NUMBERS[table]):
        return False
    if _squash(exp["label"]) not in _squash(got.get(LABEL[table])):
        return False
    if table == "activities" and not _empty(exp.get("measure")):
        if _squash(exp["measure"]) not in _squash(got.get("measure")):
            return False
    if table == "funding":
        for col in ("source", "stage"):
            if not _empty(exp.get(col)) and _squash(exp[col]) != _squash(got.get(col)):
                return False
    return abs(int(exp["line"]) - int(got["line"])) <= 1


def _describe(table: str, row: pd.Series) -> str:
    cols = ["region_code", "year", LABEL[table] if LABEL[table] in row else "label"]
    if table == "activities":
        cols.append("measure")
    if table == "funding":
        cols += ["source", "stage"]
    cols += [*NUMBERS[table], "line"]
    return ", ".join(f"{c}={row.get(c)!r}" for c in cols if c in row)


def _numeric_key(table: str, row: pd.Series) -> tuple:
    def norm(c, v):
        if _empty(v):
            return None
        return round(float(v)) if c in MONEY else round(float(v), 4)

    region = None if _empty(row.get("region_code")) else str(row["region_code"]).strip()
    year = None if _empty(row.get("year")) else int(float(row["year"]))
    return (table, region, year, *(norm(c, row.get(c)) for c in NUMBERS[table]))


# -- the checks ------------------------------------------------------------------------------------------


def test_every_fixture_has_expectations_and_a_family():
    assert len(FIXTURES) >= 18
    for fx in FIXTURES:
        family, frame = read_expected(fx)
        assert family.split()[0] == fx.family, f"{fx.key}: comment names family {family!r}"
        assert not frame.empty, f"{fx.key}: no expected facts"
        assert set(frame["table"]) <= set(FACT_TABLES), f"{fx.key}: unknown table in expectations"


@pytest.mark.parametrize("fx", _params("facts_found"))
def test_facts_found(extracted, fx):
    """Every expected fact is extracted: table, region, year, numbers, label, line ±1."""
    _document_ok(extracted, fx)
    _, expected = read_expected(fx)
    missing = []
    for table, exp_rows in expected.groupby("table", sort=False):
        got = _doc_rows(extracted, table, fx)
        used: set[int] = set()
        for _, exp in exp_rows.iterrows():
            hit = None
            for i, row in got.iterrows():
                if i not in used and _matches(table, exp, row):
                    hit = i
                    break
            if hit is None:
                missing.append(f"{table}: {_describe(table, exp)}")
            else:
                used.add(hit)
    if missing:
        total = len(expected)
        shown = "\n  ".join(missing[:25])
        pytest.fail(f"{fx.key}: {len(missing)} of {total} expected facts not found:\n  {shown}")


@pytest.mark.parametrize("fx", _params("no_extra_facts"))
def test_no_extra_facts(extracted, fx):
    """The document's typed facts, as a whole frame on (table, region, year, numbers), are the expected ones."""
    _document_ok(extracted, fx)
    _, expected = read_expected(fx)
    want = sorted((_numeric_key(r["table"], r) for _, r in expected.iterrows()), key=repr)
    got = []
    for table in FACT_TABLES:
        got += [_numeric_key(table, r) for _, r in _doc_rows(extracted, table, fx).iterrows()]
    got = sorted(got, key=repr)
    if got != want:
        extra, short = list(got), []
        for key in want:
            if key in extra:
                extra.remove(key)
            else:
                short.append(key)
        pytest.fail(f"{fx.key}: {len(got)} facts extracted, {len(want)} expected\n"
                    f"  extracted, not expected ({len(extra)}): {extra[:20]}\n"
                    f"  expected, not extracted ({len(short)}): {short[:20]}")


def _numeric_cell_line(line: str) -> bool:
    """A line that is one numeric cell (one cell per line layouts): a number, maybe a unit, maybe a bar."""
    return bool(re.fullmatch(r"\s*\|?\s*[△▲-]?\d[\d,]*(?:\.\d+)?\s*(?:%|％|[가-힣]{1,3})?\s*\|?\s*", line))


def _figure_value(token: str) -> float:
    core = re.sub(r"[^\d.,△▲-]", "", token)
    neg = core.startswith(("△", "▲", "-"))
    return (-1 if neg else 1) * float(core.lstrip("△▲-").replace(",", ""))


# A bordered cell (tab or `|`) holding one figure grouped by spaces (`1 688명`, `35 608 000천원`): one figure,
# which coverage.py's figure rule would read group by group (`1`, `688명`). In space-separated lines a space is a
# column border, so they are read as coverage.py reads them.
_GROUPED_CELL = re.compile(r"[1-9]\d{0,2}(?: \d{3})+(?:\.\d+)?\s?(?:[가-힣]{1,3}(?: ?원)?)?")


def _regroup(text: str) -> str:
    """A table line as coverage.py should read it: a bordered cell's space-grouped figure printed with commas
    (`1 688명` → `1,688명`, so one figure). Same length, so positions in it are positions in the line."""
    if "\t" in text or text.count("|") >= 2:
        sep = "\t" if "\t" in text else "|"
        text = sep.join(re.sub(r"(?<=\d) (?=\d)", ",", c) if _GROUPED_CELL.fullmatch(c.strip()) else c
                        for c in text.split(sep))
    return text


@pytest.mark.parametrize("fx", _params("table_cells"))
def test_table_cells(extracted, fx):
    """Every figure of every table line is a table_cells value at that line (as printed or in won)."""
    if "table_cells" not in extracted.tables:
        pytest.skip("table_cells is not produced by today's extractor (issue 11, step 5)")
    if COVERAGE is None:
        pytest.skip("the shared devset folder (coverage.py's table-like rule) is absent")
    _document_ok(extracted, fx)
    cells = _doc_rows(extracted, "table_cells", fx)
    by_line: dict[int, list[float]] = {}
    for line, value in zip(cells.get("line", []), cells.get("value", []), strict=False):
        if not _empty(value) and not _empty(line):
            by_line.setdefault(int(line), []).append(float(value))
    lines = fx.path.read_text(encoding="utf-8").split("\n")
    missing = []
    for no, text in enumerate(lines, start=1):
        if not (COVERAGE.table_like(text) or _numeric_cell_line(text)):
            continue
        have = by_line.get(no, [])
        # An amount in 억·만 (`13억 9,200만원`) is one figure in won, not the two the figure rule reads in it.
        compounds = list(_EOK_MAN.finditer(text))
        for c in compounds:
            v = float(c.group(1).replace(",", "")) * 1e8 + float(c.group(2).replace(",", "")) * 1e4
            if not any(math.isclose(h, v, rel_tol=1e-9, abs_tol=1e-6) for h in have):
                missing.append(f"line {no}: {c.group(0)!r} ({text.strip()[:60]})")
        for m in COVERAGE.figures(_regroup(text)):
            if any(c.start() <= m.start() < c.end() for c in compounds):
                continue
            v = _figure_value(m.group(0))
            # A figure in parentheses (`(1,200만원)`) is printed negative: either sign is its value.
            signs = (1, -1) if text[:m.start()].rstrip().endswith("(") else (1,)
            if not any(math.isclose(h, g * v * s, rel_tol=1e-9, abs_tol=1e-6)
                       for h in have for s in CELL_SCALES for g in signs):
                missing.append(f"line {no}: {m.group(0)!r} ({text.strip()[:60]})")
    if missing:
        pytest.fail(f"{fx.key}: {len(missing)} table figures not in table_cells:\n  " + "\n  ".join(missing[:25]))


@pytest.mark.parametrize("fx", _params("coverage"))
def test_coverage(extracted, fx, tmp_path):
    """The shared coverage measure gives 100% of the document's table-like lines."""
    if COVERAGE is None:
        pytest.skip("the shared devset folder (coverage.py) is absent")
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copyfile(fx.path, raw / f"{fx.doc_id}.txt")
    argv, buf = sys.argv, io.StringIO()
    try:
        sys.argv = ["coverage.py", str(raw), str(extracted.out), "--show", "20"]
        with contextlib.redirect_stdout(buf), contextlib.suppress(SystemExit):
            COVERAGE.main()
    finally:
        sys.argv = argv
    report = buf.getvalue()
    m = re.search(r"coverage: (\d+)/(\d+)", report)
    assert m, f"coverage.py printed no total:\n{report}"
    covered, total = int(m.group(1)), int(m.group(2))
    assert covered == total, f"{fx.key}: {covered}/{total} table-like lines covered\n{report}"


# Flags that mean "the printed figures do not add up" or "this was not understood". A fixture whose
# arithmetic is right raises none; a fixture about a misprint lists the ones due in ``<name>.flags.csv``
# (columns ``line``, ``kind``). role_corrected is not listed: the engine may correct the words' reading.
CHECKED_FLAG_KINDS = ("rate_mismatch", "total_mismatch", "unparsed_row", "unrecognised_table", "unit_unknown",
                      "unit_inferred")


def read_expected_flags(fx: Fixture) -> list[tuple[int, str]]:
    path = fx.path.with_name(fx.name + ".flags.csv")
    if not path.exists():
        return []
    frame = pd.read_csv(path, comment="#")
    return sorted((int(r.line), str(r.kind)) for r in frame.itertuples())


@pytest.mark.parametrize("fx", _params("flags"))
def test_flags(extracted, fx):
    """Mismatch, unparsed, unit and unrecognised-table flags are exactly the ones the fixture's misprints call for."""
    _document_ok(extracted, fx)
    want = read_expected_flags(fx)
    flags = _doc_rows(extracted, "quality_flags", fx)
    got_rows = flags[flags["kind"].isin(CHECKED_FLAG_KINDS)] if not flags.empty else flags
    got = sorted((int(r.line), str(r.kind)) for r in got_rows.itertuples()) if len(got_rows) else []
    if sorted(set(got)) != sorted(set(want)):
        shown = "\n  ".join(f"line {r.line}: {r.kind}: {r.message}" for r in got_rows.head(15).itertuples())
        pytest.fail(f"{fx.key}: flags {sorted(set(got))}, expected {want}\n  {shown}")


_PRINTED = re.compile(r"(?<![\w.])[△▲-]?\d[\d,]*(?:\.\d+)?")
# A figure whose thousands are grouped by spaces (`1 234명`, `12 345 000천원`), as some spreadsheet exports print them.
_SPACE_GROUPED = re.compile(r"(?<![\w.,])\d{1,3}(?: \d{3})+(?![\d,.])")


# An amount in Korean mixed units (`1억 2,345만원`, `18억 2,400만원`): 억 = 10^8 won and 만 = 10^4 won, read together.
_EOK_MAN = re.compile(r"(?<![\w.,])(\d[\d,]*)억\s*(\d[\d,]*)만")


def _printed_figures(text: str) -> list[float]:
    """The figures printed in a text: plain, comma-grouped, space-grouped, CSV-quoted and 억·만 amounts (in won)."""
    return [_figure_value(m.group(0)) for m in _PRINTED.finditer(text)] \
        + [float(m.group(0).replace(" ", "")) for m in _SPACE_GROUPED.finditer(text)] + _csv_figures(text) \
        + [float(m.group(1).replace(",", "")) * 1e8 + float(m.group(2).replace(",", "")) * 1e4
           for m in _EOK_MAN.finditer(text)]


def _csv_figures(text: str) -> list[float]:
    """The numeric fields of lines read as CSV (a spreadsheet export prints `970,945,"1,047"`: three cells, which
    the figure pattern alone reads as one number)."""
    out = []
    for row in csv.reader(text.split("\n")):
        for field in row:
            if _PRINTED.fullmatch(field.strip()):
                out.append(_figure_value(field.strip()))
    return out


@pytest.mark.parametrize("fx", [pytest.param(fx, id=fx.key) for fx in FIXTURES])
def test_expectations_are_printed_and_add_up(fx):
    """Each expected number is printed near its line (as is, or in the unit of the table), at least one of
    a fact's numbers on the line itself, and the expected
    rates are the printed arithmetic: reported_rate = spent/budget (actual/target) to one decimal, except
    on a line the fixture declares misprinted (a rate_mismatch in ``<name>.flags.csv``)."""
    lines = fx.path.read_text(encoding="utf-8").split("\n")
    _, expected = read_expected(fx)
    misprinted_rates = {line for line, kind in read_expected_flags(fx) if kind == "rate_mismatch"}
    problems = []
    for _, row in expected.iterrows():
        line = int(row["line"])
        window = "\n".join(lines[max(line - 2, 0): line + 4])
        printed = _printed_figures(window)
        on_line = _printed_figures(lines[line - 1])
        values = [(c, row.get(c)) for c in NUMBERS[row["table"]] if not _empty(row.get(c))]
        for col, v in values:
            if not any(math.isclose(p * s, float(v), rel_tol=1e-9, abs_tol=1e-6) for p in printed for s in CELL_SCALES):
                problems.append(f"line {line}: {col}={v} is not printed near the line")
        if values and not any(math.isclose(p * s, float(v), rel_tol=1e-9, abs_tol=1e-6)
                              for _, v in values for p in on_line for s in CELL_SCALES):
            problems.append(f"line {line}: none of the fact's numbers is printed on its line")
        pairs = {"budgets": ("budget_krw", "spent_krw"), "indicators": ("target", "actual")}.get(row["table"])
        if pairs and line not in misprinted_rates and not any(_empty(row.get(c)) for c in (*pairs, "reported_rate")):
            computed = float(row[pairs[1]]) / float(row[pairs[0]]) * 100
            if abs(computed - float(row["reported_rate"])) > 0.05 + 1e-9:
                problems.append(f"line {line}: rate {row['reported_rate']} but {pairs[1]}/{pairs[0]} = {computed:.2f}")
    assert not problems, f"{fx.key}: " + "; ".join(problems[:10])


def test_expected_csv_is_plain_csv():
    """The expectation files parse with the csv module too (no stray quoting), one column set for all."""
    header = None
    for fx in FIXTURES:
        rows = list(csv.reader(fx.expected_path.read_text(encoding="utf-8").splitlines()[1:]))
        header = header or rows[0]
        assert rows[0] == header, f"{fx.key}: columns differ from the other fixtures"
        assert all(len(r) == len(header) for r in rows), f"{fx.key}: ragged rows"
