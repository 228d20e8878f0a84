"""helpers.runlog: which rows belong to a region's report, input fingerprints, the run manifest."""

from __future__ import annotations

import json

import pandas as pd

from helpers.runlog import (
    InputFingerprints,
    RunManifest,
    changed_parts,
    code_version,
    input_hash,
    input_parts,
)


def _write(processed, table, rows):
    pd.DataFrame(rows).to_parquet(processed / f"{table}.parquet", index=False)


def test_rows_follow_lineage_and_children(tmp_path):
    processed = tmp_path / "processed"
    processed.mkdir()
    _write(processed, "budgets", [
        {"doc_id": "a", "line": 1, "region_code": "42820", "item": "고성군 2022"},  # old code of 51820
        {"doc_id": "b", "line": 2, "region_code": "51820", "item": "고성군 2024"},
        {"doc_id": "c", "line": 3, "region_code": "11410", "item": "서대문구"},
        {"doc_id": "d", "line": 4, "region_code": "11", "item": "서울 전체"},
    ])
    _write(processed, "quality_flags", [
        {"doc_id": "a", "line": 9, "kind": "unit_unknown"},
        {"doc_id": "z", "line": 1, "kind": "unparsed_row"},  # a document with no rows of these regions
    ])
    fp = InputFingerprints(processed)
    assert list(fp.rows_for("51820")["budgets"]["line"]) == [1, 2]
    assert list(fp.rows_for("51820")["quality_flags"]["line"]) == [9]
    # a 시도 report summarises its 시군구: 서울 (11) reads 서대문구's rows too, 51 reads 42820's
    assert list(fp.rows_for("11")["budgets"]["item"]) == ["서대문구", "서울 전체"]
    assert list(fp.rows_for("51")["budgets"]["line"]) == [1, 2]
    assert fp.has_data("11410") and not fp.has_data("11530")


def test_rows_hash_changes_only_with_the_regions_rows(processed_fixture):
    before = InputFingerprints(processed_fixture)
    guro, seodaemun = before.rows_hash("11530"), before.rows_hash("11410")
    plan = pd.read_parquet(processed_fixture / "plan_items.parquet")
    plan["department"] = plan["department"].astype(object)
    plan.loc[1, "department"] = "복지정책과"  # a 서대문구 row gains its department
    plan.to_parquet(processed_fixture / "plan_items.parquet", index=False)
    after = InputFingerprints(processed_fixture)
    assert after.rows_hash("11530") == guro
    assert after.rows_hash("11410") != seodaemun
    assert after.spending == before.spending  # plan items are not drawn across regions


def test_spending_items_of_every_region_are_one_fingerprint_part(processed_fixture):
    # a report's execution-rate distribution draws every region's spending items: a change of one
    # region's execution changes the part; an indicator (compared only within its group, helpers.peers)
    # does not
    _write(processed_fixture, "budgets", [{"doc_id": "x", "line": 1, "region_code": "26500", "year": 2022,
                                           "budget_krw": 100.0, "spent_krw": 90.0, "execution": 90.0}])
    before = InputFingerprints(processed_fixture).spending
    _write(processed_fixture, "indicators", [{"doc_id": "x", "line": 2, "region_code": "26500", "year": 2022,
                                              "indicator": "사례관리 건수", "achievement": 98.0}])
    assert InputFingerprints(processed_fixture).spending == before
    _write(processed_fixture, "budgets", [{"doc_id": "x", "line": 1, "region_code": "26500", "year": 2022,
                                           "budget_krw": 100.0, "spent_krw": 80.0, "execution": 80.0}])
    assert InputFingerprints(processed_fixture).spending != before


def test_code_version_follows_package_files(tmp_path):
    pkg = tmp_path / "pkg"
    (pkg / "sub").mkdir(parents=True)
    (pkg / "a.py").write_text("x = 1\n")
    (pkg / "sub" / "b.py").write_text("y = 2\n")
    first = code_version(pkg, extra_files=[])
    assert code_version(pkg, extra_files=[]) == first
    (pkg / "sub" / "b.py").write_text("y = 3\n")
    assert code_version(pkg, extra_files=[]) != first


def test_manifest_roundtrip_and_freshness(tmp_path):
    parts = input_parts("r", "p", "n", "c", {"region": "11530"})
    digest = input_hash(parts)
    html = tmp_path / "11530.html"
    html.write_text("<html/>")
    manifest = RunManifest(tmp_path)
    manifest.record("11530", status="ok", input_hash=digest, inputs=parts, duration_s=1.25)
    again = RunManifest(tmp_path)
    assert again.is_fresh("11530", digest, [html])
    assert not again.is_fresh("11530", digest, [html, tmp_path / "missing.ipynb"])
    assert not again.is_fresh("11530", input_hash({**parts, "rows": "r2"}), [html])
    assert changed_parts(again.get("11530"), {**parts, "notebook": "n2"}) == ["notebook"]
    data = json.loads((tmp_path / "manifest.json").read_text(encoding="utf-8"))
    assert data["regions"]["11530"]["duration_s"] == 1.25 and data["regions"]["11530"]["region"] == "11530"
    # a failed run is never fresh
    again.record("11530", status="failed", input_hash=digest, inputs=parts)
    assert not RunManifest(tmp_path).is_fresh("11530", digest, [html])


def test_manifest_keeps_records_of_concurrent_runs(tmp_path):
    # two runs started from the same (empty) manifest, e.g. one scheduler task per region
    first, second = RunManifest(tmp_path), RunManifest(tmp_path)
    first.record("11410", status="ok", input_hash="a")
    second.record("11530", status="ok", input_hash="b")
    assert set(RunManifest(tmp_path).regions) == {"11410", "11530"}
