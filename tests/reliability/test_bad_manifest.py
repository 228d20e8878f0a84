"""A bad ``sources.yaml`` through ``welfare-eval extract``.

Decision (documented in the README): a malformed manifest stops ``extract`` before anything is written,
with exit code 2 and the manifest's file and line; the previous outputs stay as they were. The manifest
is the user's own statement of units, regions and years: carrying on without it would quietly produce
amounts of the wrong scale. A manifest entry for a file that is not there is different: it cannot change
the other documents, so the run goes on, reports the entry (file and line) and exits 1.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from .conftest import REVENUE_TABLE, extract, read_tables, snapshot

GOOD_ENTRY = """\
documents:
  - file: good.txt
    title: 서울시아동자립지원사업단 운영 보고
    region: 서울특별시
    year: 2022
"""

#: (case name, sources.yaml text, line named in the message or None, words the message must contain)
MALFORMED = [
    ("bad_indent", GOOD_ENTRY + "   - file: other.txt\n  title: x\n", 6, "malformed YAML"),
    ("unclosed_quote", GOOD_ENTRY + '    notes: "no end\n', 6, "while scanning a quoted scalar"),  # where it opened
    ("unclosed_bracket", GOOD_ENTRY + "    notes: [a, b\n", 6, "malformed YAML"),
    ("tab_indent", GOOD_ENTRY.replace("    year", "\tyear"), 5, "malformed YAML"),
    ("not_a_list", "documents:\n  file: good.txt\n", None, "expected a top-level 'documents:' list"),
    ("top_level_typo", "document:\n  - file: good.txt\n", None, "unknown top-level key(s) document"),
    ("scalar_entry", "documents:\n  - good.txt\n", 2, "expected a mapping"),
    ("unknown_key", GOOD_ENTRY + "    titel: 오타\n", 2, "unknown key(s) titel"),
    ("missing_file_key", "documents:\n  - title: 제목만\n", 2, "'file' is required"),
    ("year_not_number", GOOD_ENTRY.replace("year: 2022", "year: 이천이십이"), 2, "year must be a number"),
    ("year_out_of_range", GOOD_ENTRY.replace("year: 2022", "year: 20222"), 2, "year 20222 is out of range"),
    ("bad_as_of", GOOD_ENTRY + "    as_of: 2022-13\n", 2, "as_of must look like YYYY-MM"),
    ("unknown_unit", GOOD_ENTRY + "    unit: 백만달러\n", 2, "unit '백만달러' is not one of"),
    ("duplicate", GOOD_ENTRY + "  - file: good.txt\n", 6, "good.txt is listed twice"),
]


@pytest.fixture
def previous(tmp_path, raw):
    """A raw folder with one good document and the outputs of a successful earlier run."""
    (raw / "good.txt").write_text(REVENUE_TABLE, encoding="utf-8")
    (raw / "sources.yaml").write_text(GOOD_ENTRY, encoding="utf-8")
    out = tmp_path / "out"
    assert extract(raw, out).code == 0
    return raw, out, snapshot(out)


@pytest.mark.parametrize("case, text, line, words", MALFORMED, ids=[c[0] for c in MALFORMED])
def test_malformed_manifest_stops_extract_and_keeps_previous_outputs(previous, case, text, line, words):
    raw, out, before = previous
    (raw / "sources.yaml").write_text(text, encoding="utf-8")
    run = extract(raw, out)
    assert run.code == 2
    where = f"{raw / 'sources.yaml'}:{line}: " if line else f"{raw / 'sources.yaml'}: "
    assert run.err.startswith(f"welfare-eval extract: error: {where}"), run.err
    assert words in run.err
    assert run.err.count("\n") == 1  # one clear line, no traceback
    assert snapshot(out) == before  # nothing written, no temporaries left


def test_manifest_in_cp949_is_refused_with_a_clear_message(previous):
    raw, out, before = previous
    (raw / "sources.yaml").write_bytes(GOOD_ENTRY.encode("cp949"))
    run = extract(raw, out)
    assert run.code == 2 and "sources.yaml: sources.yaml must be UTF-8" in run.err
    assert snapshot(out) == before


def test_console_script_exit_code_for_malformed_manifest(previous):
    """The same through the installed entry point: a real process, a real exit status."""
    raw, out, before = previous
    (raw / "sources.yaml").write_text(GOOD_ENTRY + "   - file: other.txt\n  title: x\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "helpers.cli", "extract", "--raw", str(raw), "--out", str(out)],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2
    assert f"{raw / 'sources.yaml'}:6: malformed YAML" in proc.stderr and "Traceback" not in proc.stderr
    assert snapshot(out) == before


def test_entry_for_missing_file_is_reported_and_the_run_goes_on(tmp_path, raw):
    (raw / "good.txt").write_text(REVENUE_TABLE, encoding="utf-8")
    (raw / "sources.yaml").write_text(GOOD_ENTRY + "  - file: gone.txt\n    year: 2023\n", encoding="utf-8")
    out = tmp_path / "out"
    run = extract(raw, out)
    assert run.code == 1
    assert f"error: {raw / 'sources.yaml'}:6: lists 'gone.txt', which is not in {raw}" in run.err
    tables = read_tables(out)
    flag = tables["quality_flags"].query("kind == 'manifest'")
    assert len(flag) == 1 and flag["line"].iloc[0] == 6 and "gone.txt" in flag["message"].iloc[0]
    docs = tables["documents"].set_index("file")
    assert list(docs.index) == ["good.txt"]  # the listed document was still read, with its manifest entry
    assert docs.loc["good.txt", "title"] == "서울시아동자립지원사업단 운영 보고"
    assert docs.loc["good.txt", "region_code"] == "11" and docs.loc["good.txt", "year"] == 2022


@pytest.mark.parametrize("region, words", [
    ("없는시", "no region matches '없는시'"),  # matches no region
    ("중구", "ambiguous: 대구광역시 중구 (27110)"),  # matches six: the message lists them
])
def test_manifest_region_that_resolves_to_no_single_region_is_flagged(tmp_path, raw, region, words):
    (raw / "good.txt").write_text(REVENUE_TABLE, encoding="utf-8")
    (raw / "sources.yaml").write_text(GOOD_ENTRY.replace("region: 서울특별시", f"region: {region}"), encoding="utf-8")
    out = tmp_path / "out"
    run = extract(raw, out)
    assert run.code == 0  # a flag, not a failure: the document's facts are still extracted
    tables = read_tables(out)
    flags = tables["quality_flags"].query("kind == 'region_unknown' and doc_id == 'good'")
    assert len(flags) >= 1 and any(region in m and words in m for m in flags["message"])
    assert tables["documents"].set_index("file").loc["good.txt", "region_code"] is None
