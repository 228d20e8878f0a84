"""Budgets (and their funding split) printed outside grid tables, read where the structure says what they are.

Two shapes, and nothing else is typed here (every figure also goes to ``table_cells``, :mod:`.inline_pass`):

* **a budget's breakdown** (the document's arithmetic): when the lines right under a budget fact
  (``- 소요예산 : 7,500백만원``) print only amounts and those amounts add up to it exactly (``- 시설 운영
  4,800백만원 / 시설 관리 2,700백만원``), each amount is a budget of that programme, year and basis, itemised by
  its label, and the budget above becomes their total (``is_total``): :func:`budget_breakdowns`. When the
  amounts are funding sources (``- 국비 250백만원, 시비 250백만원``) they are planned funding instead, one fact
  per source and the budget as ``계``;
* **a budget list**: two or more ``- label : amount`` items right under a heading naming 예산 and a year
  and no other money measure (``□ 2025년 주요사업 예산``; not 집행, 결산, 증감 …): one budget per item, of
  that year, ``basis`` the heading's budget word; bracketed changes stay cells: :func:`heading_budgets`.
"""

from __future__ import annotations

import re

from .inline_figures import clean_label, close, figures, fold, read_line
from .sources import normalise_source
from .table_rows import TableRows
from .vocabulary import MONEY_UNITS


def budget_breakdowns(rows: dict, lines: list[str], held: set[int]) -> set[int]:
    """Budgets itemising a budget fact (see the module docstring), added to ``rows["budgets"]``; the
    budget they add up to gets ``is_total``. Returns the lines read (their cells are written whatever
    their number of figures)."""
    out: set[int] = set()
    budgets = rows.get("budgets") or []
    # line → index of its one budget row (lines with several are skipped): indexes, not row dicts, so a
    # document of 200,000 budget rows is not copied into dicts
    only: dict[int, int] = {}
    several: set[int] = set()
    for i, (line, budget) in enumerate(_lines_and_budgets(budgets)):
        if line is not None and budget is not None:
            if int(line) in only:
                several.add(int(line))
            else:
                only[int(line)] = i
    added: list[dict] = []
    funding: list[dict] = []
    for line in sorted(only):
        if line in several:
            continue
        parent = budgets[only[line]]  # a copy when the rows are kept as columns
        if parent.get("is_total"):
            continue
        items: list[tuple[int, tuple]] = []
        k = line + 1
        while k <= len(lines) and k not in held:
            if not lines[k - 1].strip():  # blank lines between the items
                k += 1
                continue
            read = read_line(lines[k - 1])
            if not read or not all(unit in MONEY_UNITS for _, unit, _, _ in read):
                break
            items.extend((k, r) for r in read)
            k += 1
        total = sum(value * MONEY_UNITS[unit] for _, (value, unit, _, _) in items)
        if len(items) < 2 or not close(total, float(parent["budget_krw"])):
            continue
        sources = [normalise_source(label or "") for _, (_, _, label, _) in items]
        if all(sources) and "계" not in sources:
            # a split by funding source (국비 / 시비) adding up to the budget: funding, not budget items
            funding.extend(_funding_split(parent, items, sources, lines))
            out.update(k for k, _ in items)
            continue
        if any(sources):
            continue  # sources mixed with items: not read
        parent["is_total"] = True
        if isinstance(budgets, TableRows):  # rows kept as columns: the dict above is a copy
            budgets.set(only[line], "is_total", True)
        for k, (value, unit, row_label, column_label) in items:
            child = {**parent, "line": k, "item": row_label or column_label,
                     "budget_krw": value * MONEY_UNITS[unit], "unit": unit, "is_total": False,
                     "source_text": lines[k - 1].strip()}
            for name in ("spent_krw", "reported_rate", "execution", "line_end"):
                child.pop(name, None)
            added.append(child)
            out.add(k)
    if added:
        rows.setdefault("budgets", TableRows("budgets")).extend(added)
    if funding:
        rows.setdefault("funding", TableRows("funding")).extend(funding)
    return out


def _lines_and_budgets(budgets):
    """``(line, budget_krw)`` of each budget row, read column by column from a :class:`.table_rows.TableRows`."""
    if isinstance(budgets, TableRows):
        return zip(budgets.column("line"), budgets.column("budget_krw"), strict=True)
    return ((row.get("line"), row.get("budget_krw")) for row in budgets)


#: Funding columns a budget row lends to the funding facts of its split.
_SHARED = ("doc_id", "region_code", "region_name", "year", "program", "source_ref")


def _funding_split(parent: dict, items: list[tuple[int, tuple]], sources: list[str], lines: list[str]) -> list[dict]:
    """Funding facts (planned) of a budget split by source: one per source, and the budget as ``계``."""
    shared = {name: parent.get(name) for name in _SHARED if name in parent}
    out = [{**shared, "line": parent["line"], "source": "계", "source_label": parent.get("item") or parent.get("basis"),
            "amount_krw": parent["budget_krw"], "stage": "plan", "unit": parent.get("unit"),
            "source_text": parent.get("source_text")}]
    for (k, (value, unit, label, _)), source in zip(items, sources, strict=True):
        out.append({**shared, "line": k, "source": source, "source_label": label,
                    "amount_krw": value * MONEY_UNITS[unit], "stage": "plan", "unit": unit,
                    "source_text": lines[k - 1].strip()})
    return out


#: A list item ``- label : figure …`` (bullet, label, colon): the shape of a budget list.
_LIST_ITEM_RE = re.compile(r"^\s*[-–·•○◦▸▪∙ㅇ❍]\s*(?P<label>[^:：]{1,40}?)\s*[:：]\s*(?P<rest>\S.*)$")
#: A heading naming budgets (예산, 본예산, 추경 …) and no other measure of money.
_BUDGET_HEADING_RE = re.compile(r"(본예산|추경예산|추경|예산액|예산)")
_NOT_BUDGET_HEADING_RE = re.compile(r"집행|결산|지출|실적|수입|세입|증감|대비|절감|잔액|교부|모금|지원금")
#: Words a budget amount may follow in its item (``총 1,250억원``, ``약 30억원``).
_AMOUNT_PREFIX_RE = re.compile(r"^\s*(?:총|약)?\s*$")


def _budget_item(text: str) -> tuple[str, float, str] | None:
    """(label, amount, unit) of a ``- label : amount …`` list item whose first figure, right after the
    colon, is money; None for any other line."""
    folded = fold(text)
    item = _LIST_ITEM_RE.match(folded)
    if item is None:
        return None
    figs = figures(text)
    if not figs or figs[0][3] not in MONEY_UNITS or figs[0][0] < item.start("rest") \
            or not _AMOUNT_PREFIX_RE.match(folded[item.start("rest"):figs[0][0]]):
        return None
    label = clean_label(item.group("label"))
    return (label, figs[0][2], figs[0][3]) if label else None


def heading_budgets(doc, ctx, rows: dict, held: set[int]) -> set[int]:
    """Budgets from a ``label : amount`` list under a budget heading: two or more consecutive list items
    whose first figure, right after the colon, is money, under a heading (the nearest line above, blank
    lines aside, at most three lines up) that names 예산 and a year and no other money measure (집행,
    결산, 증감 …). One budget per item (``basis`` = the heading's budget word, ``scope`` = the heading);
    bracketed changes (``(△836억원)``) stay cells. Returns the lines read."""
    from .facts import base_row, contexts  # the line contexts: only when such a list is found
    from .vocabulary import TOTAL_RE, YEAR_WORD_RE

    lines = doc.lines
    found: list[tuple[int, str, float, str, str, int, str]] = []
    for k, head in enumerate(lines, start=1):
        if "예산" not in head and "추경" not in head:
            continue  # cheap test first: budget headings are rare
        head = head.strip()
        word, year = _BUDGET_HEADING_RE.search(head), YEAR_WORD_RE.search(head)
        if not word or not year or k in held or _NOT_BUDGET_HEADING_RE.search(head) or _LIST_ITEM_RE.match(head):
            continue
        i = k + 1
        while i <= len(lines) and i - k <= 3 and not lines[i - 1].strip():
            i += 1  # blank lines between the heading and its list
        run = []
        while i <= len(lines) and i not in held:
            item = _budget_item(lines[i - 1])
            if item is None:
                break
            run.append((i, *item))
            i += 1
        if len(run) >= 2 and not any(normalise_source(label) for _, label, _, _ in run):  # sources: not items
            y = int(year.group(2)) if year.group(2) else 2000 + int(year.group(1))
            found.extend((n, label, value, unit, clean_label(head), y, word.group(1)) for n, label, value, unit in run)
    if not found:
        return set()
    lcs = contexts(doc, ctx)
    for i, label, value, unit, head, year, basis in found:
        row = base_row(doc, lcs[i - 1], i, lines[i - 1], year=year)
        row.update(scope=head, item=label, flow="expenditure", basis=basis,
                   budget_krw=value * MONEY_UNITS[unit], unit=unit, is_total=bool(TOTAL_RE.match(label)))
        rows.setdefault("budgets", TableRows("budgets")).append(row)
    return {i for i, *_ in found}


__all__ = ["budget_breakdowns", "heading_budgets"]
