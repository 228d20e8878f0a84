"""Tables of the lightweight markup languages (AsciiDoc ``|===``, org-mode ``|---+---|``, reST ``list-table``
and ``csv-table``) become the block finder's framed cell grids with their original lines, and the family
readers turn them into facts. All tables are invented."""

from __future__ import annotations

from engine_support import extract_text
from helpers.extract.blocks import find_tables
from helpers.extract.csv_tables import record_fields
from helpers.extract.document_defaults import detect, title_of
from helpers.regions import registry


def grid(t) -> list[list[tuple[str, int]]]:
    """Every row of a table (header rows first) as (text, line) per column."""
    return [[(c.text, c.line) for c in sorted(row, key=lambda c: c.col)] for row in t.header + t.body]


def only(text: str, layout: str):
    found = [t for t in find_tables(text.splitlines()) if t.layout == layout]
    assert len(found) == 1, [(t.layout, t.line) for t in find_tables(text.splitlines())]
    return found[0]


# -- AsciiDoc ---------------------------------------------------------------------------------------------

# one cell per line, rows apart by blank lines, the width from ``cols``; a caption with its unit note
ADOC_CELLS = """== 2. 센터별 이용 현황

.센터별 이용자 (단위: 명, 회)
[cols="2,1,1",options="header"]
|===
|센터
|이용자 수(명)
|상담 횟수(회)

|북부센터
|41
|230

|남부센터
|17
|96
|===
"""


def test_asciidoc_one_cell_per_line_rows_from_the_cols_count():
    t = only(ADOC_CELLS, "asciidoc")
    assert t.framed and t.title == "센터별 이용자" and t.table_id == "t3"  # named by its caption line
    assert grid(t) == [
        [("센터", 6), ("이용자 수(명)", 7), ("상담 횟수(회)", 8)],
        [("북부센터", 10), ("41", 11), ("230", 12)],
        [("남부센터", 14), ("17", 15), ("96", 16)],
    ]


def test_asciidoc_one_cell_per_line_gives_one_activity_per_count(tmp_path):
    frames = extract_text(tmp_path, "adoc.txt", ADOC_CELLS, region="서울특별시 구로구", year=2024)
    got = sorted((r.item, int(r.value), int(r.line)) for r in frames["activities"].itertuples())
    assert got == [("남부센터", 17, 15), ("남부센터", 96, 16), ("북부센터", 41, 11), ("북부센터", 230, 12)]


# rows known from the cols count alone (no blank lines), a cell continued on a line without ``|``
ADOC_NO_BLANKS = """[cols="3*"]
|===
|구분 |2023년 |2024년
|방문 상담
건수
|120
|135
|집단 프로그램 |14 |18
|===
"""


def test_asciidoc_rows_from_cols_count_and_continuation_line():
    t = only(ADOC_NO_BLANKS, "asciidoc")
    assert [t.row_label(r) for r in t.body] == ["방문 상담 건수", "집단 프로그램"]
    assert [[c.value for c in r if c.number is not None] for r in t.body] == [[120, 135], [14, 18]]
    # no header option and no blank line after the first line: the leading row without a figure is the header
    assert t.column_labels() == ["구분", "2023년", "2024년"] and [c.line for c in t.header[0]] == [3, 3, 3]


# a two-row header with ``.2+|`` (two rows) and ``4+|`` / ``2+|`` (columns); ``2+|`` in a body row spans
# the two label columns
ADOC_SPANS = """.재원별 예산 (단위: 천원)
[cols="1,2,2,2,2,1",options="header"]
|===
.2+|구분 .2+|사업 3+|예산액 |집행
|국비 |시비 |계 |집행률(%)
2+|합계 |900 |100 |1,000 |95.0
|돌봄 |방문 |900 |100 |1,000 |95.0
|===
"""


def test_asciidoc_spanned_header_cells_repeat_over_their_columns_and_rows():
    t = only(ADOC_SPANS, "asciidoc")
    assert len(t.header) == 2
    assert t.column_labels() == ["구분", "사업", "예산액 › 국비", "예산액 › 시비", "예산액 › 계", "집행 › 집행률(%)"]
    total, row = t.body
    assert [(c.text, c.col) for c in total][:3] == [("합계", 0), ("", 1), ("900", 2)]
    assert t.row_label(total) == "합계" and t.row_label(row) == "돌봄 방문"
    assert [c.line for c in row] == [7] * 6


def test_asciidoc_implicit_header_is_the_first_line_before_a_blank_line():
    text = "|===\n|기관 |인원\n\n|가 기관 |12\n|나 기관 |7\n|===\n"
    t = only(text, "asciidoc")
    assert [[c.text for c in r] for r in t.header] == [["기관", "인원"]]
    assert [t.row_label(r) for r in t.body] == ["가 기관", "나 기관"]


def test_asciidoc_fence_without_figures_is_no_table():
    text = "|===\n|이름 |역할\n\n|가 |나\n|===\n"
    assert [t for t in find_tables(text.splitlines()) if t.layout == "asciidoc"] == []


# -- org-mode ---------------------------------------------------------------------------------------------

ORG = """#+TITLE: 2024년 부산광역시 사하구 노인일자리 추진 결과
#+DATE: 2024. 12. 31.

* 유형별 참여자
#+CAPTION: 유형별 참여자 (단위: 명)
#+NAME: tbl-people
| 유형       | 참여자 수 | 수요처(개소) |
|------------+-----------+--------------|
| 공익활동   |       310 |           12 |
| 사회서비스 |        84 |            9 |
#+TBLFM: $2=vsum(@2..@3)
"""


def test_org_table_is_framed_with_its_caption_and_markup_lines_left_out():
    t = only(ORG, "org")
    assert t.framed and t.title == "유형별 참여자" and t.table_id == "t5"  # named by its #+CAPTION line
    assert grid(t) == [
        [("유형", 7), ("참여자 수", 7), ("수요처(개소)", 7)],
        [("공익활동", 9), ("310", 9), ("12", 9)],
        [("사회서비스", 10), ("84", 10), ("9", 10)],
    ]


def test_markdown_separator_is_no_org_table():
    text = "| 유형 | 인원 |\n|---|---|\n| 가 | 3 |\n| 나 | 4 |\n"
    assert all(t.layout != "org" for t in find_tables(text.splitlines()))


def test_org_title_keyword_is_the_cover_and_other_keywords_are_markup():
    lines = ORG.splitlines()
    assert title_of(lines)[0] == "2024년 부산광역시 사하구 노인일자리 추진 결과"
    found = detect(lines, registry())
    assert found.region.code == "26380" and found.year == 2024


def test_org_table_gives_activities_in_the_titled_region(tmp_path):
    frames = extract_text(tmp_path, "org.txt", ORG, region=None, year=None)
    act = frames["activities"]
    assert set(act["region_code"]) == {"26380"}
    assert sorted(zip(act["item"], act["value"].astype(int), act["line"].astype(int))) == [
        ("공익활동", 12, 9), ("공익활동", 310, 9), ("사회서비스", 9, 10), ("사회서비스", 84, 10)]


# -- reST list-table --------------------------------------------------------------------------------------

LIST_TABLE = """.. list-table:: 동별 수급자 (단위: 명)
   :header-rows: 1
   :widths: 40 30 30

   * - 동
     - 65세 이상 인구
     - 수급자 수
   * - 가동
     - 1,200
     - 830
   * - 나동 행정
       복지센터
     - 940
     - 611
"""


def test_list_table_rows_cells_and_continuation_lines():
    t = only(LIST_TABLE, "rst")
    assert t.framed and t.title == "동별 수급자" and (t.line, t.line_end) == (1, 14)  # the directive and its options too
    assert grid(t) == [
        [("동", 5), ("65세 이상 인구", 6), ("수급자 수", 7)],
        [("가동", 8), ("1,200", 9), ("830", 10)],
        [("나동 행정 복지센터", 11), ("940", 13), ("611", 14)],
    ]


def test_list_table_options_are_never_a_row(tmp_path):
    frames = extract_text(tmp_path, "list.txt", "2024년 순천시 현황\n\n" + LIST_TABLE)
    cells = frames["table_cells"]
    assert sorted(cells["value"].astype(int)) == [611, 830, 940, 1200]  # not the :widths: 40 30 30
    act = frames["activities"]
    assert sorted(zip(act["item"], act["value"].astype(int))) == [
        ("가동", 830), ("가동", 1200), ("나동 행정 복지센터", 611), ("나동 행정 복지센터", 940)]
    assert all("명" in m for m in act["measure"])  # 인구 and 수급자 count people


def test_list_table_without_header_rows_has_no_header():
    text = ".. list-table::\n\n   * - 가\n     - 3\n   * - 나\n     - 4\n"
    t = only(text, "rst")
    assert t.header == [] and [t.row_label(r) for r in t.body] == ["가", "나"]


# -- reST csv-table ---------------------------------------------------------------------------------------

CSV_TABLE = """.. csv-table:: 비목별 집행 (단위: 천원)
   :header: "비목", "예산액", "집행액", "집행률(%)"
   :widths: 40, 20, 20, 20

   "인건비", "1,200", "1,140", "95.0"
   "운영비, 기타", "800", "760", "95.0"
"""


def test_record_fields_reads_quoted_fields_after_a_space():
    assert record_fields('"운영비, 기타", "800", "760"') == ["운영비, 기타", "800", "760"]
    assert record_fields('"하나"') is None


def test_csv_table_header_option_is_the_header_row():
    t = only(CSV_TABLE, "rst")
    assert t.framed and t.title == "비목별 집행"
    assert grid(t) == [
        [("비목", 2), ("예산액", 2), ("집행액", 2), ("집행률(%)", 2)],
        [("인건비", 5), ("1,200", 5), ("1,140", 5), ("95.0", 5)],
        [("운영비, 기타", 6), ("800", 6), ("760", 6), ("95.0", 6)],
    ]


def test_csv_table_gives_one_budget_per_row(tmp_path):
    frames = extract_text(tmp_path, "csvt.txt", CSV_TABLE, region="서울특별시 구로구", year=2024)
    b = frames["budgets"]
    assert sorted(zip(b["item"], b["budget_krw"], b["spent_krw"], b["reported_rate"])) == [
        ("운영비, 기타", 800_000, 760_000, 95.0), ("인건비", 1_200_000, 1_140_000, 95.0)]


def test_csv_table_header_rows_in_the_body():
    text = '.. csv-table:: 현황\n   :header-rows: 1\n\n   "구분", "인원"\n   "가", "3"\n   "나", "4"\n'
    t = only(text, "rst")
    assert [[c.text for c in r] for r in t.header] == [["구분", "인원"]]
    assert [c.line for r in t.body for c in r] == [5, 5, 6, 6]


def test_markup_lines_hold_no_figures():
    from helpers.extract.markup_tables import is_markup_line
    assert is_markup_line("   :widths: 30, 15, 15") and is_markup_line('[cols="3,2,2",options="header"]')
    assert is_markup_line(".2+|사업명 4+|예산액 2+|집행") and is_markup_line("#+TBLFM: $2=vsum(@2..@3)")
    # a Korean field (the document's own), a body row with a span mark, prose: data
    assert not is_markup_line(":기준일: 2024. 12. 31.") and not is_markup_line("2+|수입 계 |612,400 |598,930")
    assert not is_markup_line("총 12명 중 3명 참여")
