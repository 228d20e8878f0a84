"""The contacts table: the office or role answering for each programme and its telephone number, never a name."""

from pathlib import Path

import pandas as pd

from helpers import data
from helpers.extract.contacts import extract_contacts, read_contacts
from helpers.extract.pipeline import DocContext, to_frame, write_tables
from helpers.extract.reading import read_document
from helpers.manifest import DocumentMeta
from helpers.schema import TABLES

FIXTURES = Path(__file__).parent / "fixtures" / "extract"
#: The placeholder names of the fixture's owner lines: none may reach a processed table.
NAMES = ("가나다", "라마바", "사아자", "차카타", "파하가", "나다라", "마바사")


def _contacts(reg):
    # an invented 주요업무 report: two numbered programme headings (the second titled by a figure glued to
    # its noun), each with an owner line; the second owner line continues on the next line with extensions
    doc = read_document(FIXTURES / "owner_lines.txt", DocumentMeta(file="owner_lines.txt"))
    dctx = DocContext(region=reg.resolve("서울특별시 구로구"), year=2025, as_of=None, unit=None, registry=reg)
    return to_frame("contacts", extract_contacts(doc, dctx).rows.get("contacts", []))


def test_owner_lines_give_one_row_per_number(reg):
    df = _contacts(reg)
    p1, p2 = "어르신 건강 동행 서비스 확대", "3060세대 일자리 연계 강화"
    assert df[["line", "program", "department", "role", "phone"]].values.tolist() == [
        [5, p1, "어르신복지과", "어르신복지과장", "3100-2000"],
        [5, p1, "어르신복지과", "건강동행팀장", "2010"],
        [5, p1, "어르신복지과", "담당", "2011"],
        [5, p1, "어르신복지과", "담당", "2012"],
        [13, p2, "일자리정책반", "일자리정책반장", "3100-3000"],
        [13, p2, "일자리정책반", "일자리연계팀장", "3010"],
        [14, p2, "일자리정책반", "담당", "3011"],  # ``담 당``: one word; the office of the line above
        [14, p2, "일자리정책반", "담당", "3012"],
    ]
    assert set(df["region_code"]) == {"11530"} and set(df["year"]) == {2025}


def test_no_personal_name_is_stored(reg):
    df = _contacts(reg)
    assert "source_text" not in df.columns
    text = " ".join(df.astype(str).to_numpy().ravel())
    assert not [n for n in NAMES if n in text]


def test_a_service_number_in_prose_is_no_contact():
    assert read_contacts("- 문의 : 유선(☎1588-0000) 또는 방문 신청") == []
    assert read_contacts("- 상담 접수(☎ 02-000-1234), 온라인 예약") == []
    assert read_contacts("- 긴급전화1577 운영\t1,200\t300") == []
    assert read_contacts("복지정책과 가나다 TEL. 02-123-4567") == [("복지정책과", "02-123-4567")]
    assert read_contacts("돌봄팀장/사업팀장:가나다/라마바 ☎4802 전화: 4803") == [
        ("돌봄팀장/사업팀장", "4802")]  # the second number has no office before it


def test_contacts_are_written_and_loaded(tmp_path, reg):
    rows = {t: [] for t in TABLES}
    rows["contacts"] = _contacts(reg).to_dict("records")
    out = tmp_path / "processed"
    write_tables(rows, out)
    loaded = data.load_contacts(region="구로구", processed_dir=out)
    assert loaded["phone"].tolist()[:2] == ["3100-2000", "2010"]
    assert isinstance(loaded, pd.DataFrame) and list(loaded.columns) == TABLES["contacts"]
