"""Document text cannot act in the HTML report; two renders give the same page; interrupted writes keep the old.

A document whose file name, manifest title and table labels carry HTML, script, template and markdown
fragments (and a 100,000-character line) goes the real way: ``welfare-eval extract``, then
``welfare-eval report``. The page is parsed with :mod:`html.parser`: no element or attribute of the
injected text exists, and each fragment is found as plain text, i.e. it was escaped.
"""

from __future__ import annotations

import re
from collections import Counter
from html.parser import HTMLParser

import pytest

from helpers.batch import RegionResult, _write_outputs

from .conftest import extract, run_cli, snapshot

#: Label → (budget, spent) in 천원. Each label is an injection attempt of a different kind.
PAYLOADS = {
    "<script>alert('x')</script>": (1000, 900),
    "<img src=x onerror=alert('x')>": (2000, 1500),
    "{{ config.items() }} {% for x in y %}": (3000, 3000),  # Jinja (nbconvert's template engine)
    "**굵게** [링크](javascript:alert('x')) # 제목": (400, 100),  # markdown
    "<b onmouseover=alert('x')>지원</b>": (500, 250),
    "</td></tr></table><h1>가짜 제목</h1>": (600, 600),  # breaking out of the table
    "<!-- 주석 --> &lt;이미 이스케이프&gt; &amp;": (700, 350),  # must not be unescaped either
}
LONG = "가나다라 " * 20_000  # a 100,000-character line: a converter that lost its line breaks
DOC_NAME = "<img src=x onerror=alert('doc')>"  # the file name is the doc_id shown in provenance
TITLE = "<script>alert('manifest')</script> 보고서"
PUBLISHER = "<i>기관</i> {{ 7*7 }}"
REGION = "11410"  # 서울특별시 서대문구, from the manifest


def document() -> str:
    rows = "\n".join(f"{label} {b:,} {s:,} {s / b * 100:.1f}%" for label, (b, s) in PAYLOADS.items())
    budget, spent = sum(b for b, _ in PAYLOADS.values()), sum(s for _, s in PAYLOADS.values())
    return (" 세출현황 <script>alert('title')</script>\n(2022년 9월말 기준 / 단위: 천원)\n구 분\n예산액\n(A)\n지출액\n(B)\n"
            f"집행률\n총 계 {budget:,} {spent:,} {spent / budget * 100:.1f}%\n{rows}\n긴줄 {LONG}1,000 900 90.0%\n")


MANIFEST = f"""documents:
  - file: "{DOC_NAME}.txt"
    title: "{TITLE}"
    publisher: "{PUBLISHER}"
    region: 서울특별시 서대문구
    year: 2022
"""


class Page(HTMLParser):
    """Every element, attribute and text run of a page."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.tags: Counter = Counter()
        self.attrs: list[tuple[str, str, str]] = []
        self.text: list[str] = []
        self.h1: list[str] = []
        self._in_h1 = False
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags[tag] += 1
        self.attrs += [(tag, k, v or "") for k, v in attrs]
        self._in_h1 = tag == "h1"

    def handle_endtag(self, tag):
        self._in_h1 = False if tag == "h1" else self._in_h1

    def handle_data(self, data):
        self.text.append(data)
        if self._in_h1:
            self.h1.append(data)

    @property
    def visible(self) -> str:
        return "".join(self.text)


def strip_timestamps(html: str) -> str:
    """The page without lines that state when it was made (the only lines allowed to differ)."""
    stamp = re.compile(r"\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}")  # line by line: pages have 100 KB lines
    return "\n".join(line for line in html.split("\n") if not stamp.search(line))


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    """extract + report for the injected document, rendered twice (relative paths, as a user types them)."""
    import os

    root = tmp_path_factory.mktemp("injection")
    raw = root / "raw"
    raw.mkdir()
    (raw / f"{DOC_NAME}.txt").write_text(document(), encoding="utf-8")
    (raw / "sources.yaml").write_text(MANIFEST, encoding="utf-8")
    cwd = os.getcwd()
    os.chdir(root)
    try:
        ex = extract("raw", "processed")
        first = run_cli("report", "--region", REGION, "--jobs", "1", "--processed", "processed", "--reports", "reports")
        pages = [(root / "reports" / f"{REGION}.html").read_text(encoding="utf-8"),
                 (root / "reports" / "index.html").read_text(encoding="utf-8")]
        second = run_cli("report", "--region", REGION, "--jobs", "1", "--processed", "processed", "--reports",
                         "reports", "--force")
    finally:
        os.chdir(cwd)
    again = [(root / "reports" / f"{REGION}.html").read_text(encoding="utf-8"),
             (root / "reports" / "index.html").read_text(encoding="utf-8")]
    return root, ex, first, second, pages, again


def test_document_went_through_extract_and_report(rendered):
    import pandas as pd

    root, ex, first, second, pages, _ = rendered
    assert ex.code == 0, ex.err
    budgets = pd.read_parquet(root / "processed" / "budgets.parquet")
    assert set(PAYLOADS) <= set(budgets["item"])  # the payloads really reached the tables
    assert (budgets["doc_id"] == DOC_NAME).all() and (budgets["region_code"] == REGION).all()
    assert first.code == 0 and second.code == 0, first.out + first.err
    assert "1 done" in first.out and "1 done" in second.out


@pytest.mark.parametrize("which", [0, 1], ids=["region_report", "index"])
def test_no_injected_element_or_attribute_exists(rendered, which):
    html = rendered[4][which]
    page = Page(html)
    # the only script is the pages' own table sorter (inline, fixed text), on the report and the index
    from helpers.render import SORT_SCRIPT
    assert page.tags["script"] == html.count("<script") == 1
    assert SORT_SCRIPT in html
    handlers = [(t, k) for t, k, _ in page.attrs if k.startswith("on")]
    assert handlers == []
    urls = [(t, k, v) for t, k, v in page.attrs if k in ("href", "src", "action", "formaction")
            and re.sub(r"\s", "", v).lower().startswith(("javascript:", "vbscript:"))]
    assert urls == []
    srcs = [v for t, k, v in page.attrs if t == "img" and k == "src"]
    assert all(v.startswith("data:image/png;base64,") for v in srcs)  # charts only, no "src=x"
    assert page.tags["h1"] == 1 and page.tags["b"] == 0 and page.tags["i"] == 0


def test_injected_text_is_shown_as_text(rendered):
    page = Page(rendered[4][0])
    text = page.visible
    for label in PAYLOADS:
        assert label in text, label  # escaped in the HTML source, so the reader sees the characters
    assert TITLE in text and DOC_NAME in text
    assert "가짜 제목" not in "".join(page.h1)  # the fake heading stayed inside its table cell
    assert PUBLISHER in text  # "{{ 7*7 }}" printed as written, not evaluated to 49
    assert "&lt;이미 이스케이프&gt;" in text  # not unescaped into <이미 이스케이프>


def test_very_long_line_does_not_break_the_page(rendered):
    html = rendered[4][0]
    page = Page(html)
    assert "가나다라 가나다라" in page.visible  # the long row is shown (or shortened) …
    for section in ("데이터 품질", "방법 설명"):  # … and the sections after it are all there
        assert section in page.visible
    assert html.rstrip().endswith("</html>")


@pytest.mark.parametrize("which", [0, 1], ids=["region_report", "index"])
def test_two_renders_differ_only_in_timestamps(rendered, which):
    _, _, _, _, pages, again = rendered
    assert strip_timestamps(pages[which]) == strip_timestamps(again[which])


def test_interrupt_while_writing_report_keeps_previous_files(tmp_path, monkeypatch):
    """Ctrl-C (KeyboardInterrupt) in the middle of writing the HTML: the old HTML and notebook stay whole."""
    import pathlib

    reports = tmp_path / "reports"
    _write_outputs(RegionResult(REGION, "서대문구", "ok", html="<html>old</html>", notebook='{"old": 1}'), reports)
    before = snapshot(reports)
    original = pathlib.Path.write_bytes

    def interrupted(self, data):
        if self.name.startswith(f".{REGION}.html."):
            original(self, data[: len(data) // 2])
            raise KeyboardInterrupt
        return original(self, data)

    monkeypatch.setattr(pathlib.Path, "write_bytes", interrupted)
    new = RegionResult(REGION, "서대문구", "ok", html="<html>" + "new " * 10_000 + "</html>", notebook='{"new": 1}')
    with pytest.raises(KeyboardInterrupt):
        _write_outputs(new, reports)
    after = snapshot(reports)
    assert after[f"{REGION}.html"] == before[f"{REGION}.html"]  # old report whole, not half of the new one
    assert not [name for name in after if name.endswith(".tmp")]  # no temporaries left


def test_report_without_processed_tables_is_a_clear_error(tmp_path):
    run = run_cli("report", "--region", REGION, "--processed", tmp_path / "none", "--reports", tmp_path / "r")
    assert run.code != 0 and "run `welfare-eval extract` first" in run.err
    assert not (tmp_path / "r" / f"{REGION}.html").exists()
