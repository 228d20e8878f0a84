"""Yearly roadmap (연도별 확인지표 + 달성도) → indicators per year."""

from ext2_support import frame, run
from helpers.extract.roadmap import extract_roadmap


def test_roadmap_targets_and_rates_per_year():
    result = run(extract_roadmap, "roadmap_by_year.txt", region="서울특별시 구로구", year=2017, unit="백만원")
    df = frame(result, "indicators").set_index("period")
    assert df.loc["2015", ["target", "reported_rate", "unit"]].tolist() == [10.0, 67.0, "개동"]
    assert df.loc["2016", "target"] == 15.0 and df.loc["2016", "reported_rate"] == 100.0
    assert df.loc["2014", "year"] == 2014 and set(df["region_code"]) == {"11530"}
    assert df.loc["2018", "target"] != df.loc["2018", "target"]  # '완료' is not a number: missing
    assert "완료" in df.loc["2018", "source_text"]
    assert sum(f["kind"] == "target_text" for f in result.flags) == 2
