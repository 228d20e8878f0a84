"""Round trip (hypothesis): random figure lists rendered in the shapes reports print them outside tables
(``label : amount(change)``, bracketed counts, ``label figure, label figure`` prose, a tab row of text cells)
→ every figure comes back from :func:`helpers.extract.inline_figures.read_line` with its value, unit, row
label and column label, and through the whole pipeline every line lands in ``table_cells``."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engine_support import extract_text
from helpers.extract.inline_figures import read_line
from helpers.extract.vocabulary import UNIT_MEASURES

LABELS = ["아동수당 지원", "경로당 운영", "방문 상담", "청년 월세", "급식비", "가족센터", "노인 일자리",
          "긴급 돌봄", "부모 교육", "자원봉사"]
MONEY = ["원", "천원", "만원", "백만원", "억원"]
COUNTS = ["명", "건", "회", "개소", "가구"]


def _fmt(v: float) -> str:
    return f"{v:,.1f}" if v != int(v) else f"{int(v):,}"


#: amounts as printed: integers with thousands separators, or one decimal (``1.9억원``, ``1,234.5``)
values = st.one_of(st.integers(1, 999_999), st.integers(1, 99_999).map(lambda n: n + 0.5))


@st.composite
def lines(draw):
    """(printed line, expected [(value, unit, row_label, column_label)])."""
    shape = draw(st.sampled_from(["colon_change", "pairs", "brackets", "tab_cells"]))
    labels = draw(st.lists(st.sampled_from(LABELS), min_size=3, max_size=3, unique=True))
    if shape == "colon_change":
        unit = draw(st.sampled_from(MONEY))
        a, c = draw(values), draw(values)
        sign = draw(st.sampled_from(["△", "▲", ""]))
        bullet = draw(st.sampled_from(["-", "○", "·", "▸"]))
        text = f"{bullet} {labels[0]} : {_fmt(a)}{unit}({sign}{_fmt(c)}{unit})"
        change = (-c, unit, labels[0], "증감") if sign else (c, unit, labels[0], UNIT_MEASURES[unit])
        return text, [(a, unit, labels[0], UNIT_MEASURES[unit]), change]
    if shape == "pairs":
        n = draw(st.integers(2, 3))
        units = [draw(st.sampled_from(MONEY + COUNTS)) for _ in range(n)]
        nums = [draw(values) for _ in range(n)]
        sep = draw(st.sampled_from([", ", " / ", ", "]))
        text = "- " + sep.join(f"{labels[k]} {_fmt(nums[k])}{units[k]}" for k in range(n))
        return text, [(nums[k], units[k], labels[k], UNIT_MEASURES[units[k]]) for k in range(n)]
    if shape == "brackets":
        u1, u2, u3 = (draw(st.sampled_from(COUNTS)) for _ in range(3))
        a1, a2, a3 = draw(values), draw(values), draw(values)
        text = f"▸{labels[0]}({_fmt(a1)}{u1}), {labels[1]}({_fmt(a2)}{u2} / {_fmt(a3)}{u3})"
        return text, [(a1, u1, labels[0], UNIT_MEASURES[u1]), (a2, u2, labels[1], UNIT_MEASURES[u2]),
                      (a3, u3, labels[1], UNIT_MEASURES[u3])]
    unit = draw(st.sampled_from(MONEY + COUNTS))
    a1, a2 = draw(values), draw(values)
    text = f"{labels[0]}\t{labels[1]} {_fmt(a1)}{unit}, {labels[2]} {_fmt(a2)}{unit}\t비고"
    return text, [(a1, unit, labels[0], labels[1]), (a2, unit, labels[0], labels[2])]


@settings(max_examples=200, deadline=None)
@given(lines())
def test_read_line_round_trip(case):
    text, expected = case
    assert read_line(text) == [(float(v), u, r, c) for v, u, r, c in expected]


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(lines(), min_size=2, max_size=5))
def test_every_list_line_lands_in_table_cells(cases):
    body = "\n".join(text for text, _ in cases)
    with tempfile.TemporaryDirectory() as tmp:
        frames = extract_text(Path(tmp), "inline.txt", "□ 주요 현황\n\n" + body + "\n")
    cells = frames["table_cells"]
    for k, (_, expected) in enumerate(cases, start=3):
        got = sorted(float(v) for v in cells.loc[cells["line"] == k, "value"])
        assert got == sorted(float(v) for v, *_ in expected), (k, cases[k - 3][0])
