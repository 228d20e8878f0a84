"""helpers.plots: Korean font after the theme, no missing glyphs, embedded PNG, 억원/백만원 axes."""

from __future__ import annotations

import base64
import warnings

import matplotlib
import pandas as pd

from helpers import metrics, plots
from report_fixtures import frames


def test_setup_registers_korean_font_after_theme():
    import seaborn as sns

    sns.set_theme()  # resets the family: setup must win afterwards
    assert plots.setup() == "NanumGothic"
    assert matplotlib.rcParams["font.family"][0] == "NanumGothic"
    assert matplotlib.rcParams["axes.unicode_minus"] is False


def _draw_without_missing_glyphs(make):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        html = plots.to_png_html(make(), "차트")
    missing = [str(w.message) for w in caught if "missing from" in str(w.message) or "Glyph" in str(w.message)]
    assert not missing, missing
    return html


def test_achievement_chart_renders_hangul_and_embeds_png():
    ind = metrics.add_status(frames()["indicators"])
    ind = ind[ind["achievement"].notna()]
    html = _draw_without_missing_glyphs(lambda: plots.achievement_chart(ind, "성과지표 달성률 — 증감 −1 (U+2212)"))
    assert html.startswith('<img class="chart" alt="차트" src="data:image/png;base64,')
    png = base64.b64decode(html.split("base64,")[1].rstrip('"/>'))
    assert png[:8] == b"\x89PNG\r\n\x1a\n"


def test_money_axis_uses_eok_or_million_with_separators():
    items, _ = metrics.split_period(metrics.expenditure_items(frames()["budgets"]))
    fig = plots.budget_vs_spent(items, "사업별 예산 대비 집행")
    ax = fig.axes[0]
    fig.canvas.draw()
    assert ax.get_xlabel() == "금액 (억원)"  # the largest budget is 57.6억원
    labels = [t.get_text() for t in ax.get_xticklabels()]
    assert "10.0" in labels
    _draw_without_missing_glyphs(lambda: fig)


def test_status_colours_are_distinct():
    assert len(set(plots.STATUS_COLORS.values())) == len(plots.STATUS_COLORS)


def test_funding_and_year_charts():
    f = frames()["funding"]
    _draw_without_missing_glyphs(lambda: plots.funding_composition(f[f["source"] != "계"]))
    table = pd.DataFrame({"year": [2014, 2015, 2016], "plan_krw": [450e6, 300e6, 312e6], "spent_krw": [418e6, 282e6, 311e6]})
    fig = plots.plan_vs_spent_by_year(table)
    assert fig.axes[0].get_ylabel() == "금액 (백만원)"
    _draw_without_missing_glyphs(lambda: fig)


def _boxes(fig):
    fig.canvas.draw()
    r = fig.canvas.get_renderer()
    ax = fig.axes[0]
    return ax, r, {"legend": ax.get_legend().get_window_extent(r), "title": ax.title.get_window_extent(r),
                   "xlabel": ax.xaxis.label.get_window_extent(r), "axes": ax.get_window_extent(r)}


def test_achievement_legend_overlaps_nothing_and_labels_stay_inside():
    # the lead's screenshot: the status legend was drawn over the x-axis label
    ind = metrics.add_status(frames()["indicators"])
    fig = plots.achievement_chart(ind[ind["achievement"].notna()], "2022년 성과지표 달성률 — 우수사례집")
    ax, r, box = _boxes(fig)
    assert not box["legend"].overlaps(box["xlabel"]) and not box["legend"].overlaps(box["title"])
    assert not box["legend"].overlaps(box["axes"])  # above the plot, not on the bars
    for text in ax.texts:  # bar labels (rate · actual / target) end inside the frame
        assert text.get_window_extent(r).x1 <= box["axes"].x1 + 1, text.get_text()


def test_other_chart_legends_sit_above_the_plot():
    items, _ = metrics.split_period(metrics.expenditure_items(frames()["budgets"]))
    for fig in (plots.budget_vs_spent(items, "사업별 예산 대비 집행"),
                plots.execution_distribution(items["execution"], items["execution"], "집행률 분포")):
        _, _, box = _boxes(fig)
        assert not box["legend"].overlaps(box["axes"]) and not box["legend"].overlaps(box["title"])


def test_funding_groups_read_without_placeholders():
    # 구로구's plan: yearly rows without 사업명, and a whole-period 총사업비 split with no year
    f = frames()["funding"]
    whole = f[f["source"] != "계"].iloc[[0]].assign(year=pd.array([pd.NA], dtype="Int64"), program=None)
    fig = plots.funding_composition(pd.concat([f[f["source"] != "계"], whole]))
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert not [x for x in labels if "NA" in x or "미상" in x or "nan" in x], labels
    assert "계획 · 전체 기간" in labels


# -- charts that work the way a notebook user calls them (issue 15) ----------------------------------------

def test_importing_the_helpers_leaves_the_backend_alone():
    # JupyterLab's inline backend (and a user's own plt.show()) must survive `from helpers import report`
    import os
    import subprocess
    import sys

    code = "import helpers.report, helpers.plots, matplotlib; print(matplotlib.get_backend())"
    env = {**os.environ, "MPLBACKEND": "svg"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    assert out.stdout.strip().lower() == "svg"


def test_chart_figures_are_closed_when_returned():
    import matplotlib.pyplot as plt

    before = set(plt.get_fignums())
    fig = plots.achievement_chart(frames()["indicators"])
    assert set(plt.get_fignums()) == before  # not left open for the inline backend to show a second time
    assert fig.axes and fig.axes[0].patches  # still a drawable figure


def test_achievement_chart_computes_status_itself():
    raw = frames()["indicators"]
    assert "status" not in raw.columns
    fig = plots.achievement_chart(raw)  # was KeyError: 'status'
    judged = metrics.add_status(raw)
    judged = judged[judged["achievement"].notna()].reset_index(drop=True)
    colours = [matplotlib.colors.to_hex(p.get_facecolor()) for p in fig.axes[0].patches]
    assert colours == [plots.STATUS_COLORS[s] for s in judged["status"]]


def test_execution_distribution_needs_one_argument():
    items = metrics.expenditure_items(frames()["budgets"])
    fig = plots.execution_distribution(items["execution"])  # no fake empty second series
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [f"항목 (n={items['execution'].notna().sum()})"]
    assert sum(p.get_height() for p in ax.patches) == items["execution"].notna().sum()
    fig2 = plots.execution_distribution(frames()["budgets"])  # a budgets frame works too
    assert sum(p.get_height() for p in fig2.axes[0].patches) == frames()["budgets"]["execution"].notna().sum()


def test_other_charts_have_defaults():
    items = metrics.expenditure_items(frames()["budgets"])
    assert plots.budget_vs_spent(items).axes[0].get_title() == "예산 대비 집행"
    table = pd.DataFrame({"region_code": ["11", "41"], "region_name": ["서울특별시", "경기도"], "execution": [90.0, 80.0]})
    assert plots.region_bars(table).axes[0].get_xlabel() == "execution"


def test_batch_kernels_choose_agg():
    from helpers.kernels import _this_python_spec_manager

    assert _this_python_spec_manager().get_kernel_spec("any").env == {"MPLBACKEND": "Agg"}
