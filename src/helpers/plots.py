"""Charts in Korean (seaborn/matplotlib), with one colour per status class and amounts in 억원/백만원.

``setup()`` sets the seaborn theme first and registers the bundled NanumGothic (koreanize-matplotlib)
after it, because ``sns.set_theme()`` resets the font family; it also turns off the Unicode minus sign
(U+2212), which NanumGothic lacks. Every chart function returns a matplotlib Figure; ``to_png_html`` embeds
it as a base64 PNG so the exported report needs no separate image files.

Backend and display: this module never chooses matplotlib's backend (importing it, or ``helpers.report``,
leaves JupyterLab's inline backend and the user's own ``plt.show()`` alone; batch kernels choose ``Agg``,
see :mod:`helpers.kernels`). Each chart's figure is closed (detached from pyplot) before it is returned,
so in JupyterLab it is shown once, by the cell's result, and not a second time when the inline backend
flushes open figures; nothing accumulates in pyplot's figure list either.
Chart functions take a loaded table and compute what they need (status, execution rate) themselves.
"""

from __future__ import annotations

import base64
import html
import io

import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.ticker import FuncFormatter

from . import metrics
from .formatting import KRW_UNITS, display_label, format_krw, format_pct, krw_unit_for

#: One colour per status, used in every chart and table of the report.
STATUS_COLORS = {
    metrics.OVER: "#1b7837",     # green: above target
    metrics.MET: "#5aae61",      # light green: on target
    metrics.UNDER: "#d6604d",    # red: below target
    metrics.IN_PROGRESS: "#92c5de",  # light blue: period-to-date, not judged
    metrics.NO_STATUS: "#bababa",    # grey: nothing to judge
}
BUDGET_COLOR, SPENT_COLOR, REGION_COLOR, OTHER_COLOR = "#9ecae1", "#3182bd", "#e6550d", "#bdbdbd"
FUNDING_COLORS = {"국비": "#3182bd", "시도비": "#6baed6", "시군구비": "#9ecae1", "기금": "#31a354",
                  "민간": "#fd8d3c", "기타": "#bdbdbd"}

FONT_FAMILY = "NanumGothic"
#: Behind bar labels: the 100 % reference line and grid lines must not run through the text.
_LABEL_BOX = {"facecolor": "white", "alpha": 0.85, "edgecolor": "none", "pad": 1.0}
_ready = False


def setup() -> str:
    """Theme + Korean font, in that order; returns the font family in use. Safe to call repeatedly."""
    global _ready
    import seaborn as sns

    sns.set_theme(style="whitegrid", context="notebook")
    import koreanize_matplotlib

    koreanize_matplotlib.koreanize()  # registers the bundled NanumGothic and sets it as the family
    matplotlib.rcParams["axes.unicode_minus"] = False
    matplotlib.rcParams["figure.dpi"] = 100
    matplotlib.rcParams["savefig.dpi"] = 100
    _ready = True
    return matplotlib.rcParams["font.family"][0]


def _fig(width: float, height: float):
    """A new figure and axes, already closed in pyplot (see the module docstring: shown once, never leaked).

    pyplot creates it, so the backend in use (JupyterLab's inline one included) registers how to display
    a returned figure; closing detaches it from pyplot, and an Agg canvas keeps it drawable and savable.
    """
    if not _ready:
        setup()
    fig, ax = plt.subplots(figsize=(width, height))
    plt.close(fig)
    FigureCanvasAgg(fig)  # closing leaves a bare canvas: draw, measure and save with Agg whatever the backend
    return fig, ax


def krw_axis(ax, values, axis: str = "x") -> str:
    """Format an axis of won amounts in 억원 or 백만원 with thousands separators; returns the unit."""
    unit = krw_unit_for(values)
    fmt = FuncFormatter(lambda v, _pos: format_krw(v, unit, suffix=False))
    (ax.xaxis if axis == "x" else ax.yaxis).set_major_formatter(fmt)
    return unit


def _glyphsafe(text) -> str:
    """Document text for a chart: U+2212 (minus sign, missing from NanumGothic) becomes a hyphen."""
    return str(text).replace("\u2212", "-")


def _short(text: str, width: int = 22) -> str:
    """A one-line chart label: bullet glyphs off the front (see ``display_label``), cut to ``width``."""
    text = _glyphsafe(display_label(text))
    return text if len(text) <= width else text[: width - 1] + "…"


def to_png_html(fig, alt: str) -> str:
    """The figure as an ``<img>`` with an embedded base64 PNG (and closes it)."""
    buf = io.BytesIO()
    fig.savefig(buf, format="png", bbox_inches="tight")
    plt.close(fig)
    data = base64.b64encode(buf.getvalue()).decode("ascii")
    return f'<img class="chart" alt="{html.escape(alt)}" src="data:image/png;base64,{data}"/>'


def achievement_chart(indicators: pd.DataFrame, title: str = "성과지표 달성률", max_items: int | None = 40):
    """Horizontal bars of achievement (%) per indicator, coloured by status, with a line at 100 %.

    ``indicators`` is the table as loaded (``data.load_indicators``): the status is computed here when
    the frame has none (``metrics.add_status``), and rows without an achievement rate (a text target such
    as 인증) are left out, as there is no bar to draw. At most ``max_items`` bars (None: all).
    Each bar is labelled with actual / target and unit, so the chart shows target, actual and rate.
    Period-to-date rows are drawn in the 진행 중 colour with their as-of month.
    """
    df = indicators if "status" in indicators.columns else metrics.add_status(indicators)
    df = df[df["achievement"].notna()]
    df = (df if max_items is None else df.head(max_items)).reset_index(drop=True)
    fig, ax = _fig(10, max(2.2, 0.42 * len(df) + 1.2))
    labels = [_short(f"{p} · {i}" if p else i, 34) for p, i in zip(df["program"].fillna(""), df["indicator"], strict=False)]
    values = df["achievement"].astype(float).fillna(0).to_numpy()
    colors = [STATUS_COLORS.get(s, STATUS_COLORS[metrics.NO_STATUS]) for s in df["status"]]
    y = np.arange(len(df))
    ax.barh(y, values, color=colors)
    ax.axvline(100, color="#333333", linewidth=1, linestyle="--")
    ax.set_yticks(y, labels)
    ax.invert_yaxis()
    top = max(110.0, float(np.nanmax(values)) * 1.35 if len(values) else 110.0)
    ax.set_xlim(0, top)
    tags = []
    for yi, (v, row) in enumerate(zip(values, df.itertuples(), strict=False)):
        parts = [f"{_num(row.actual)} / {_num(row.target)}{'' if _blank(row.unit) else ' ' + str(row.unit)}"]
        rate = format_pct(row.achievement) if not _blank(row.achievement) else "–"
        tag = f"{rate} · {parts[0]}"
        if row.status == metrics.IN_PROGRESS:
            tag += f" ({metrics.period_label(row.as_of)})"
        tags.append(ax.text(v + top * 0.01, yi, _glyphsafe(tag), va="center", fontsize=8.5, bbox=_LABEL_BOX))
    ax.set_xlabel("달성률 (%) — 막대 옆: 달성률 · 실적 / 목표")
    _status_legend(ax, df["status"].unique())
    return _finish(fig, ax, title, tags)


def _year_txt(y) -> str:
    return "" if _blank(y) else str(int(y))


def _blank(x) -> bool:
    from .formatting import is_missing

    return is_missing(x) or str(x) == ""


def _num(x) -> str:
    from .formatting import format_number

    return format_number(x)


def _status_legend(ax, present) -> None:
    from matplotlib.patches import Patch

    handles = [Patch(color=STATUS_COLORS[s], label=s) for s in STATUS_COLORS if s in set(present)]
    if handles:
        _legend_above(ax, handles)


def _legend_above(ax, handles=None) -> None:
    """The legend in one row just above the plot area, under the title (see :func:`_title`).

    Inside the axes it covers bars, points or their labels; below, it collides with the x-axis label.
    Above the axes nothing else is drawn, and ``bbox_inches="tight"`` keeps it in the image.
    """
    if handles is None:
        handles, _ = ax.get_legend_handles_labels()
    if handles:
        ax.legend(handles=handles, loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=len(handles),
                  fontsize=8.5, frameon=False, borderaxespad=0.3, handlelength=1.4, columnspacing=1.2)


def _title(ax, title: str, legend: bool = False) -> None:
    """The chart title, lifted above a legend row when there is one."""
    if title:
        ax.set_title(_glyphsafe(title), pad=26 if legend else 6)


def _fit_texts(fig, ax, texts) -> None:
    """Widen the x range so every bar label ends inside the plot area (long labels such as
    ``68.5% · 34,265 / 50,000 명 (as of 2024-03)`` otherwise run past the frame)."""
    if not texts:
        return
    # no draw needed: a text's extent depends on its position (data coordinates, through the axes' box
    # placed by tight_layout and the data limits) and the renderer's font metrics, which a draw leaves as they are
    renderer = fig.canvas.get_renderer()
    inv = ax.transData.inverted()
    right = max(inv.transform((t.get_window_extent(renderer).x1, 0))[0] for t in texts)
    lo, hi = ax.get_xlim()
    if right > hi:
        ax.set_xlim(lo, right + (hi - lo) * 0.03)


def _finish(fig, ax, title: str, tags=(), legend: bool = True):
    """The steps every chart ends with: the legend row above the plot (unless one is drawn already), the
    title (lifted above that row), a tight layout, and an x range wide enough for the bar labels ``tags``."""
    if legend and ax.get_legend() is None:
        _legend_above(ax)
    _title(ax, title, legend=legend)
    fig.tight_layout()
    _fit_texts(fig, ax, tags)
    return fig


def budget_vs_spent(items: pd.DataFrame, title: str = "예산 대비 집행", max_items: int = 15):
    """Paired horizontal bars of budget (예산) and spent (집행) by item, largest budgets first.

    ``items`` is budget rows (``data.load_budgets`` or ``metrics.expenditure_items``); rows without a
    budget are left out.
    """
    items = items[items["budget_krw"].notna()]
    df = items.sort_values("budget_krw", ascending=False).head(max_items).reset_index(drop=True)
    fig, ax = _fig(10, max(2.2, 0.5 * len(df) + 1.2))
    y = np.arange(len(df))
    labels = [_short(p or i, 28) for p, i in zip(df["program"].fillna(""), df["item"].fillna(""), strict=False)]
    if len(set(labels)) < len(labels):  # the same 사업 in two years or tables: tell the bars apart
        labels = [_short(f"{display_label(p or i)} ({_year_txt(y)}:{line})", 34) for p, i, y, line in
                  zip(df["program"].fillna(""), df["item"].fillna(""), df["year"], df["line"], strict=False)]
    ax.barh(y - 0.2, df["budget_krw"], height=0.4, color=BUDGET_COLOR, label="예산")
    ax.barh(y + 0.2, df["spent_krw"].fillna(0), height=0.4, color=SPENT_COLOR, label="집행")
    ax.set_yticks(y, labels)
    ax.invert_yaxis()
    unit = krw_axis(ax, pd.concat([df["budget_krw"], df["spent_krw"]]))
    tags = [ax.text(max(row.budget_krw, 0 if _blank(row.spent_krw) else row.spent_krw), yi - 0.2,
                    " 집행률 " + format_pct(row.execution), va="center", fontsize=8)
            for yi, row in enumerate(df.itertuples()) if not _blank(row.execution)]
    ax.set_xlabel(f"금액 ({unit})")
    return _finish(fig, ax, title, tags)


def _rates(rates) -> pd.Series:
    """Execution rates from a Series, or from a budgets frame (its ``execution`` column)."""
    if rates is None:
        return pd.Series(dtype=float)
    if isinstance(rates, pd.DataFrame):
        rates = rates["execution"]
    return pd.Series(rates, dtype=float)


def execution_distribution(region_rates, other_rates=None, title: str = "집행률 분포"):
    """Histogram of execution rates (집행률, %), with a line at 100 %.

    ``region_rates`` is a Series of rates or a budgets frame. With ``other_rates`` (other regions' items)
    both are drawn, this region's in the region colour over the others in grey; without, one histogram.
    """
    region_rates, other_rates = _rates(region_rates), _rates(other_rates)
    fig, ax = _fig(10, 3.2)
    allv = pd.concat([region_rates, other_rates]).dropna()
    bins = np.linspace(min(0, allv.min() if len(allv) else 0), max(120, allv.max() if len(allv) else 120), 25)
    if other_rates.notna().any():
        ax.hist(other_rates.dropna(), bins=bins, color=OTHER_COLOR, label=f"다른 지역 (n={other_rates.notna().sum()})")
        mine = f"이 지역 (n={region_rates.notna().sum()})"
    else:
        mine = f"항목 (n={region_rates.notna().sum()})"
    ax.hist(region_rates.dropna(), bins=bins, color=REGION_COLOR, alpha=0.85, label=mine)
    ax.axvline(100, color="#333333", linewidth=1, linestyle="--")
    ax.set_xlabel("집행률 (%)")
    ax.set_ylabel("항목 수")
    return _finish(fig, ax, title)


def funding_composition(funding: pd.DataFrame, title: str = "재원 구성"):
    """Stacked horizontal bars: amount by funding source (국비/시도비/시군구비/…) per program and stage."""
    df = metrics.counted_funding(funding)  # the same amount on several lines counts once
    df = df[df["source"] != "계"].copy()
    # "사업 · 계획 · 2015"; no 사업명 → just stage and year; no year (a whole-period 총사업비) → 전체 기간
    df["group"] = [_short(" · ".join(x for x in (display_label(p) if p else "", "계획" if s == "plan" else "집행",
                                                  "전체 기간" if _blank(y) else _year_txt(y)) if x), 34)
                   for p, s, y in zip(df["program"].fillna(""), df["stage"], df["year"].astype(object), strict=False)]
    pivot = df.pivot_table(index="group", columns="source", values="amount_krw", aggfunc="sum", fill_value=0)
    order = [s for s in FUNDING_COLORS if s in pivot.columns]
    pivot = pivot[order]
    fig, ax = _fig(10, max(2.2, 0.45 * len(pivot) + 1.4))
    left = np.zeros(len(pivot))
    y = np.arange(len(pivot))
    for source in order:
        ax.barh(y, pivot[source], left=left, color=FUNDING_COLORS[source], label=source)
        left += pivot[source].to_numpy()
    ax.set_yticks(y, pivot.index)
    ax.invert_yaxis()
    unit = krw_axis(ax, left)
    ax.set_xlabel(f"금액 ({unit})")
    return _finish(fig, ax, title)


def plan_vs_spent_by_year(table: pd.DataFrame, title: str = "연도별 계획 대비 집행"):
    """Bars per year: planned (계획/예산) and spent (집행) amounts; ``table`` has year, plan_krw, spent_krw."""
    df = table.sort_values("year").reset_index(drop=True)
    fig, ax = _fig(10, 3.4)
    x = np.arange(len(df))
    ax.bar(x - 0.2, df["plan_krw"].fillna(0), width=0.4, color=BUDGET_COLOR, label="계획·예산")
    ax.bar(x + 0.2, df["spent_krw"].fillna(0), width=0.4, color=SPENT_COLOR, label="집행")
    ax.set_xticks(x, [str(int(y)) for y in df["year"]])
    unit = krw_axis(ax, pd.concat([df["plan_krw"], df["spent_krw"]]), axis="y")
    ax.set_ylabel(f"금액 ({unit})")
    return _finish(fig, ax, title)


def achievement_vs_execution(programs: pd.DataFrame, region_codes=(), fit=None,
                             title: str = "사업별 집행률과 달성률"):
    """Scatter of programs (execution vs achievement), ``region_codes``' highlighted; OLS line at median budget.

    ``programs`` is :func:`helpers.stats.program_table`; ``fit`` its :func:`helpers.stats.achievement_model`
    (drawn when given and fitted).
    """
    fig, ax = _fig(10, 4.2)
    region_codes = {region_codes} if isinstance(region_codes, str) else set(map(str, region_codes))
    mine = programs["region_code"].astype(str).isin(region_codes)
    ax.scatter(programs.loc[~mine, "execution"], programs.loc[~mine, "achievement"], color=OTHER_COLOR,
               s=40, label=f"다른 지역 사업 (n={int((~mine).sum())})")
    ax.scatter(programs.loc[mine, "execution"], programs.loc[mine, "achievement"], color=REGION_COLOR,
               s=70, edgecolor="black", label=f"이 지역 사업 (n={int(mine.sum())})")
    if fit is not None and getattr(fit, "ok", False):
        coefs = dict(zip(fit.coefs["term"], fit.coefs["coef"], strict=False))
        xs = np.linspace(programs["execution"].min(), programs["execution"].max(), 50)
        mid = float(np.log(programs["budget_krw"].astype(float)).median())
        b0, b1, b2 = (coefs[t] for t in ("상수 (intercept)", "집행률 (%p)", "log(예산, 원)"))
        ax.plot(xs, b0 + b1 * xs + b2 * mid, color="#333333", linewidth=1.2, label="회귀선 (OLS, 예산 중위값 기준)")
    ax.axhline(100, color="#999999", linewidth=0.8, linestyle=":")
    ax.set_xlabel("집행률 (%)")
    ax.set_ylabel("달성률 (%)")
    return _finish(fig, ax, title)


def region_bars(table: pd.DataFrame, value: str = "execution", label: str | None = None,
                highlight: str | None = None, title: str = ""):
    """One bar per region for ``value`` (percent), the highlighted region in the region colour.

    ``table`` has ``region_code``, ``region_name`` and ``value`` (e.g. :func:`helpers.explore.compare_achievement`);
    ``label`` (x axis) defaults to the column name.
    """
    label = value if label is None else label
    df = table.dropna(subset=[value]).sort_values(value, ascending=False).reset_index(drop=True)
    fig, ax = _fig(10, max(2.2, 0.38 * len(df) + 1.2))
    colors = [REGION_COLOR if c == highlight else SPENT_COLOR for c in df["region_code"]]
    y = np.arange(len(df))
    ax.barh(y, df[value], color=colors)
    ax.set_yticks(y, [_short(n, 24) for n in df["region_name"]])
    ax.invert_yaxis()
    tags = [ax.text(v, yi, " " + format_pct(v), va="center", fontsize=8) for yi, v in enumerate(df[value])]
    ax.set_xlim(0, max(110.0, float(df[value].max()) * 1.15) if len(df) else 110.0)
    ax.set_xlabel(label)
    return _finish(fig, ax, title, tags, legend=False)


__all__ = ["setup", "STATUS_COLORS", "KRW_UNITS", "to_png_html", "achievement_chart", "budget_vs_spent",
           "execution_distribution", "funding_composition", "plan_vs_spent_by_year", "achievement_vs_execution",
           "region_bars", "krw_axis"]
