"""Plan structure (전략목표 → 핵심과제 → 세부사업 → 담당부서): merged cells, shifted cells, two versions."""

from ext2_support import frame, run
from helpers.extract.plan_items import extract_plan_items, parse_department


def _items():
    # <수정 전> names every project; <수정 후> prints numbers only, one row shifted per task.
    result = run(extract_plan_items, "plan_structure_two_versions.txt", region="서울특별시 서대문구")
    return result, frame(result, "plan_items").set_index("project", drop=False)


def test_all_48_projects_under_their_task():
    result, df = _items()
    assert len(df) == 48
    assert df.groupby("task").size().to_dict()["3-2. 함께 배우며 성장하는 교육복지 실현"] == 7
    assert set(df["region_code"]) == {"11410"}
    kinds = [f["kind"] for f in result.flags]
    assert "superseded_table" in kinds and "total_mismatch" not in kinds  # 계 … 48개 세부사업


def test_blank_merged_cells_carry_down():
    _, df = _items()
    row = df.loc["1-1-4. 확대사례회의 활성화"]  # goal and task cells blank on this row
    assert (row["goal"], row["task"]) == ("1. 쉽게 찾는 복지시스템 구축", "1-1. 주민밀착형 복지전달체계 강화")


def test_cells_shifted_to_another_column_follow_their_number():
    _, df = _items()
    row = df.loc["3-2-2. 학교 밖 토요학교"]  # printed in the first column, no goal/task on its line
    assert row["goal"] == "3. 함께하는 마을 공동체 구현"
    assert row["task"] == "3-2. 함께 배우며 성장하는 교육복지 실현"
    # the revised table prints 1-2-4 on the row of task 2-1: its number says 1-2
    assert df.loc["1-2-4. 공공복지인력 역량강화사업", "task"] == "1-2. 지역사회복지자원 네트워크 강화"


def test_department_and_team_from_the_detail_tables():
    _, df = _items()
    row = df.loc["1-1-5. 동북지허브화 사업으로 맞춤형 복지서비스 실시"]
    assert (row["department"], row["team"]) == ("복지정책과", "희망복지팀")
    assert row["description"].startswith("동 복지허브화 사업 내실화")
    assert df.loc["1-2-4. 공공복지인력 역량강화사업", "team"] == "희망복지팀"
    assert df.loc["2-1-1. 어르신일자리 확대", "department"] is None  # its detail table is not in the snippet


def test_parse_department():
    assert parse_department("복지정책과 (복지자원팀)") == ("복지정책과", "복지자원팀")
    assert parse_department("사회복지과 (생활보장팀) 일자리경제과") == ("사회복지과, 일자리경제과", "생활보장팀")
