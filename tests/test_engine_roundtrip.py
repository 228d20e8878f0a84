"""Round trip (hypothesis): random tables rendered in every layout the block finder reads → the same facts
back, exactly, and every printed number in ``table_cells``.

Two table kinds are generated: budget-only tables (programs down, years across, amounts in 원/천원/백만원)
and funding tables (sources down, years across, with a 계 row that is their sum). Each is rendered as tab,
pipe (with a markdown rule), 2+ spaces, single spaces, one cell per line, label line + values line, a
two-level header (years over 예산액 sub-columns), a box-drawing table, a pandoc grid table and a pandoc
multiline table (each with its first label wrapped over two lines at its space), spreadsheet CSV (quoted figures),
and the lightweight markup tables: org-mode (``#+CAPTION:`` title, ``|---+---|`` rule), AsciiDoc (``.Title``,
``[cols=…,options="header"]``, ``|===`` fences, one cell per line), reST ``list-table`` and ``csv-table``.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engine_support import extract_text

PROGRAMS = ["경로당 운영", "방문 돌봄", "아동 급식", "가족 상담", "청소년 쉼터", "장애인 활동지원", "노인 여가"]
SOURCES = ["국비", "시비", "구비", "기금"]  # in a 구 of 서울특별시: 국비, 시도비, 시군구비, 기금
NORMAL = {"국비": "국비", "시비": "시도비", "구비": "시군구비", "기금": "기금"}
UNITS = {"원": 1, "천원": 1_000, "백만원": 1_000_000}
LAYOUTS = ["tab", "pipe", "spaces", "single", "cells", "label_values", "two_level", "box", "grid", "dashes", "csv",
           "org", "asciidoc", "list_table", "csv_table"]


@st.composite
def tables(draw):
    kind = draw(st.sampled_from(["budget", "funding"]))
    pool = PROGRAMS if kind == "budget" else SOURCES
    labels = draw(st.lists(st.sampled_from(pool), min_size=2, max_size=4, unique=True))
    first = draw(st.integers(2019, 2024))
    years = list(range(first, first + draw(st.integers(2, 3))))
    unit = draw(st.sampled_from(sorted(UNITS)))
    values = [[draw(st.integers(1, 999_999)) for _ in years] for _ in labels]
    return kind, labels, years, unit, values


def _fmt(v: int) -> str:
    return f"{v:,}"


def _width(text: str) -> int:
    """Display width (a Hangul syllable takes two terminal columns, as the converters align them)."""
    return sum(2 if "가" <= ch <= "힣" else 1 for ch in text)


def _pad(text: str, width: int, right: bool = False) -> str:
    fill = " " * (width - _width(text))
    return fill + text if right else text + fill


def _ruled(grid_rows: list[list[str]], style: str) -> list[str]:
    """Rows (the first the header) as a box-drawing or pandoc grid table; a cell holding ``\n`` wraps onto
    a second printed line of its row."""
    split = [[c.split("\n") for c in row] for row in grid_rows]
    widths = [max(_width(p) for row in split for p in row[k]) + 2 for k in range(len(grid_rows[0]))]
    if style == "box":
        v, top, mid, bottom, head = "│", "┌─┬┐", "├─┼┤", "└─┴┘", "├─┼┤"
    else:
        v, top, mid, bottom, head = "|", "+-++", "+-++", "+-++", "+=++"

    def rule(chars: str) -> str:
        return chars[0] + chars[2].join(chars[1] * w for w in widths) + chars[3]

    out = [rule(top)]
    for r, row in enumerate(split):
        for k in range(max(len(c) for c in row)):
            parts = [c[k] if k < len(c) else "" for c in row]
            out.append(v + v.join(" " + _pad(p, w - 2, right=bool(c) and p[:1].isdigit()) + " "
                                   for c, (p, w) in enumerate(zip(parts, widths, strict=True))) + v)
        out.append(rule(head if r == 0 else bottom if r == len(split) - 1 else mid))
    return out


def _dashes(grid_rows: list[list[str]]) -> list[str]:
    """Rows (the first the header) as a pandoc multiline table: dash runs under the header, blank lines
    between rows, a wrapped cell's second part on the next line."""
    split = [[c.split("\n") for c in row] for row in grid_rows]
    widths = [max(_width(p) for row in split for p in row[k]) for k in range(len(grid_rows[0]))]
    full = "-" * (sum(widths) + 2 * (len(widths) - 1))
    out = [full]
    for r, row in enumerate(split):
        for k in range(max(len(c) for c in row)):
            parts = [c[k] if k < len(c) else "" for c in row]
            out.append("  ".join(_pad(p, w, right=c > 0) for c, (p, w) in enumerate(zip(parts, widths, strict=True)))
                       .rstrip())
        out.append("  ".join("-" * w for w in widths) if r == 0 else "")
    out[-1] = full
    return out


def render(kind, labels, years, unit, values, layout) -> str:
    """The table as printed in ``layout``, under a title naming the unit."""
    word = "예산액"
    title = ("세출 예산 현황" if kind == "budget" else "재원별 예산") + f" (단위: {unit})"
    rows = [(lab, [_fmt(v) for v in vals]) for lab, vals in zip(labels, values, strict=True)]
    if kind == "funding":
        rows.append(("계", [_fmt(sum(col)) for col in zip(*values, strict=True)]))
    heads = [f"{y}년 {word}" for y in years]
    out = [title, ""]
    if layout == "tab":
        out.append("\t".join(["구분", *heads]))
        out += ["\t".join([lab, *vals]) for lab, vals in rows]
    elif layout == "pipe":
        out.append("| " + " | ".join(["구분", *heads]) + " |")
        out.append("|" + "---|" * (len(heads) + 1))
        out += ["| " + " | ".join([lab, *vals]) + " |" for lab, vals in rows]
    elif layout == "spaces":
        out.append("  ".join(["구분", *heads]))
        out += ["  ".join([lab, *vals]) for lab, vals in rows]
    elif layout == "single":
        out[0] = title.replace("예산 현황", "예산액 현황").replace("재원별 예산", "재원별 예산액")
        out.append(" ".join(["구분", *[f"{y}년" for y in years]]))
        out += [" ".join([lab, *vals]) for lab, vals in rows]
    elif layout == "cells":
        out += ["구분", *heads]
        for lab, vals in rows:
            out += [lab, *vals]
    elif layout == "label_values":
        out.append(" | ".join(["구분", *heads]) + " |")
        for lab, vals in rows:
            out += [lab, " | ".join(vals) + " |"]
    elif layout == "two_level":
        out.append("| " + " | ".join(["구분", *[f"{y}년" for y in years]]) + " |")
        out.append("| " + " | ".join(["", *[word] * len(years)]) + " |")
        out.append("|" + "---|" * (len(years) + 1))
        out += ["| " + " | ".join([lab, *vals]) + " |" for lab, vals in rows]
    elif layout in ("box", "grid", "dashes"):
        grid_rows = [["구분", *heads], *([lab, *vals] for lab, vals in rows)]
        grid_rows[1][0] = grid_rows[1][0].replace(" ", "\n", 1)  # the first label wrapped at its space
        out += _ruled(grid_rows, layout) if layout != "dashes" else _dashes(grid_rows)
    elif layout == "csv":
        def field(text: str) -> str:
            return f'"{text}"' if "," in text else text
        out.append(",".join(field(c) for c in ["구분", *heads]))
        out += [",".join(field(c) for c in [lab, *vals]) for lab, vals in rows]
    elif layout == "org":
        out = [f"#+CAPTION: {title}"]  # directly above its table
        out.append("| " + " | ".join(["구분", *heads]) + " |")
        out.append("|" + "+".join(["---"] * (len(heads) + 1)) + "|")
        out += ["| " + " | ".join([lab, *vals]) + " |" for lab, vals in rows]
    elif layout == "asciidoc":
        out[0] = f".{title}"
        out[1] = f'[cols="{len(heads) + 1}*",options="header"]'
        out.append("|===")
        out.append(" ".join(f"|{c}" for c in ["구분", *heads]))
        for lab, vals in rows:
            out += ["", *(f"|{c}" for c in [lab, *vals])]
        out.append("|===")
    elif layout == "list_table":
        out = [f".. list-table:: {title}", "   :header-rows: 1", ""]
        for cells in (["구분", *heads], *([lab, *vals] for lab, vals in rows)):
            out += [f"   * - {cells[0]}", *(f"     - {c}" for c in cells[1:])]
    elif layout == "csv_table":
        out = [f".. csv-table:: {title}", "   :header: " + ", ".join(f'"{c}"' for c in ["구분", *heads]), ""]
        out += ["   " + ", ".join(f'"{c}"' for c in [lab, *vals]) for lab, vals in rows]
    return "\n".join(out) + "\n"


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(table=tables(), layout=st.sampled_from(LAYOUTS))
def test_round_trip(table, layout):
    kind, labels, years, unit, values = table
    text = render(kind, labels, years, unit, values, layout)
    with tempfile.TemporaryDirectory() as tmp:
        frames = extract_text(Path(tmp), "roundtrip.txt", text, region="서울특별시 구로구", year=years[-1])
    factor = UNITS[unit]
    printed = sorted(float(v) for vals in values for v in vals)
    if kind == "funding":
        printed = sorted(printed + [float(sum(col)) for col in zip(*values, strict=True)])
    cells = sorted(frames["table_cells"]["value"].astype(float).tolist())
    assert cells == printed, text
    if kind == "budget":
        b = frames["budgets"]
        got = sorted(zip(b["item"], b["year"].astype(int), b["budget_krw"], strict=True))
        want = sorted((lab, y, float(v * factor)) for lab, vals in zip(labels, values, strict=True)
                      for y, v in zip(years, vals, strict=True))
        assert got == want, text
        assert b["spent_krw"].isna().all()
    else:
        f = frames["funding"]
        got = sorted(zip(f["source"], f["year"].astype(int), f["amount_krw"], strict=True))
        want = [(NORMAL[lab], y, float(v * factor)) for lab, vals in zip(labels, values, strict=True)
                for y, v in zip(years, vals, strict=True)]
        want += [("계", y, float(sum(col) * factor)) for y, col in zip(years, zip(*values, strict=True), strict=True)]
        assert got == sorted(want), text
        assert "total_mismatch" not in set(frames["quality_flags"]["kind"]), text
    assert frames["table_cells"]["fact_table"].notna().all(), text
