"""The raw-document manifest: optional fields, unknown keys, bad values and missing files."""

import pytest

from helpers.errors import ManifestError
from helpers.manifest import load_manifest


def write(tmp_path, text, files=("a.txt",)):
    for f in files:
        (tmp_path / f).write_text("내용\n", encoding="utf-8")
    (tmp_path / "sources.yaml").write_text(text, encoding="utf-8")
    return tmp_path


def test_no_manifest_is_empty(tmp_path):
    assert load_manifest(tmp_path) == {}


def test_only_file_is_required(tmp_path):
    m = load_manifest(write(tmp_path, "documents:\n  - file: a.txt\n"))
    assert m["a.txt"].title is None and m["a.txt"].year is None and m["a.txt"].unit is None


def test_fields_are_typed(tmp_path):
    m = load_manifest(write(tmp_path, "documents:\n  - file: a.txt\n    year: '2017'\n    as_of: 2017-8\n"
                                      "    unit: 백만 원\n    region: 서울특별시 구로구\n"))
    meta = m["a.txt"]
    assert (meta.year, meta.as_of, meta.unit, meta.region) == (2017, "2017-08", "백만원", "서울특별시 구로구")


def test_yaml_date_as_of(tmp_path):
    # YAML turns 2024-03-31 into a date object; it still means March 2024.
    m = load_manifest(write(tmp_path, "documents:\n  - file: a.txt\n    as_of: 2024-03-31\n"))
    assert m["a.txt"].as_of == "2024-03"


def test_unknown_key_names_entry_and_line(tmp_path):
    with pytest.raises(ManifestError) as err:
        load_manifest(write(tmp_path, "documents:\n  - file: a.txt\n  - file: a.txt\n    yeer: 2020\n"))
    msg = str(err.value)
    assert "sources.yaml:3" in msg and "entry 2" in msg and "yeer" in msg and "allowed:" in msg


def test_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(ManifestError, match=r"sources.yaml:2: .*'gone.txt', which is not in"):
        load_manifest(write(tmp_path, "documents:\n  - file: gone.txt\n"))


def test_missing_file_collected_when_asked(tmp_path):
    problems = []
    m = load_manifest(write(tmp_path, "documents:\n  - file: gone.txt\n  - file: a.txt\n"), problems=problems)
    assert list(m) == ["a.txt"] and len(problems) == 1 and "gone.txt" in str(problems[0])


@pytest.mark.parametrize(
    "text, expected",
    [
        ("documents:\n  - file: a.txt\n   title: x\n", r"sources.yaml:3: malformed YAML"),  # bad indentation
        ("documents:\n  - title: x\n", "'file' is required"),
        ("documents:\n  - file: a.txt\n    year: soon\n", "year must be a number"),
        ("documents:\n  - file: a.txt\n    unit: 百万\n", "unit '百万' is not one of"),
        ("documents:\n  - file: a.txt\n    as_of: March\n", "as_of must look like YYYY-MM"),
        ("files: []\n", "unknown top-level key"),
        ("documents:\n  - file: a.txt\n  - file: a.txt\n", "listed twice"),
    ],
)
def test_bad_manifests(tmp_path, text, expected):
    with pytest.raises(ManifestError, match=expected):
        load_manifest(write(tmp_path, text))


def test_project_manifest_lists_every_raw_document(raw_dir):
    m = load_manifest(raw_dir)
    txt = sorted(p.name for p in raw_dir.glob("*.txt"))
    assert sorted(m) == txt
    assert m[txt[0]].year == 2022 and m[txt[0]].as_of == "2022-09"
