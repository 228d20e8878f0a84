"""``reports/index.html``: every region with data, its headline figures and a link to its report.

Built straight from the processed tables (no notebook), so it is quick and always lists every region,
marking those whose report file is missing (not yet rendered or failed).
"""

from __future__ import annotations

from pathlib import Path

from .export import REPORT_CSS, font_face_css
from .formatting import MISSING, format_krw, format_pct, krw_unit_for
from .io import atomic_write_text
from .render import esc


def index_html(reports_dir: Path, processed_dir: Path | None = None) -> str:
    """The index page's HTML (see :func:`write_index`)."""
    from .report import load_tables, region_summaries

    reports_dir = Path(reports_dir)
    summ = region_summaries(load_tables(processed_dir))
    unit = krw_unit_for(summ["total_budget_krw"]) if len(summ) else "백만원"
    rows = []
    for r in summ.sort_values("region_code").itertuples():
        exists = (reports_dir / f"{r.region_code}.html").exists()
        name = (f'<a href="{esc(r.region_code)}.html">{esc(r.region_name)}</a>' if exists
                else f'{esc(r.region_name)} <span class="missing">(보고서 없음)</span>')
        share = f"{format_pct(r.share_achieved)} ({r.n_achieved}/{r.n_indicators})" if r.n_indicators else MISSING
        exe = format_pct(r.execution) + (f" (n={r.n_items})" if r.n_items else "")
        rows.append(f"<tr><td style='white-space:nowrap'>{name}</td><td>{esc(r.region_code)}</td><td class='num'>{r.n_docs}</td>"
                    f"<td class='num'>{r.n_facts:,}</td><td class='num'>{esc(share)}</td>"
                    f"<td class='num'>{esc(exe)}</td><td class='num'>{esc(format_krw(r.total_budget_krw, unit, suffix=False))}</td>"
                    f"<td>{esc(r.documents)}</td></tr>")
    overview = ('<p><a href="overview.html">전체 지역 비교 (overview)</a></p>'
                if (reports_dir / "overview.html").exists() else "")
    return f"""<!DOCTYPE html>
<html lang="ko"><head><meta charset="utf-8"/><meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>지역 복지사업 평가 보고서 목록</title>
<style>{REPORT_CSS}
body.report main {{ max-width: 1200px; }} table.data {{ border-collapse: collapse; font-size: 13px; width: 100%; }}
table.data th {{ background: #eef3f8; text-align: left; padding: 4px 6px; border-bottom: 1px solid #bbb; }}
table.data td {{ padding: 4px 6px; border-bottom: 1px solid #e5e5e5; vertical-align: top; }}
table.data .num {{ text-align: right; white-space: nowrap; }} .missing {{ color: #999; font-size: 12px; }}</style>
</head><body class="report"><main>
<h1>지역 복지사업 평가 보고서</h1>
<p class="meta">자료가 있는 지역 {len(summ)}곳. 달성 비율 = 목표를 달성한 성과지표의 비율(연간 수치), 집행률 = 예산가중 평균(연간 지출 항목).</p>
{overview}
<div class="table-wrap"><table class="data"><thead><tr><th>지역</th><th>코드</th><th class="num">문서</th>
<th class="num">사실 행</th><th class="num">지표 달성 비율</th><th class="num">예산가중 집행률</th>
<th class="num">총 예산 ({unit})</th><th>출처 문서</th></tr></thead>
<tbody>{"".join(rows)}</tbody></table></div>
</main></body></html>
"""


def write_index(reports_dir: Path, processed_dir: Path | None = None) -> Path:
    """Write ``reports_dir/index.html`` atomically and return its path."""
    path = Path(reports_dir) / "index.html"
    page = index_html(reports_dir, processed_dir)
    page = page.replace("<style>", f"<style>{font_face_css(page)}\n", 1)
    return atomic_write_text(path, page)
