"""Figures outside grid tables: bullet lists, ``label : amount`` lines and prose with several figures.

The block finder (:mod:`.blocks`) sees tables; a report also prints figures in lists and sentences
(``- 보육료 지원 : 4,632억원(△836억원)``, ``▸청년수당(1회 5만원 / 1,069명)``, ``교육 14회 497명``). A line
that holds two or more figures and no table cell is read here into ``table_cells`` rows, so no figure is
silently lost and a user can find and filter it (``fact_table`` names the typed table whose fact on the
line holds the figure, as a prose reader's count, or is empty):

* **figures** are numbers with the unit printed beside them (:data:`.vocabulary.FIGURE_UNITS`: money,
  counts, %, ages, areas …; ``19억 5,280만원`` and ``3만 6천 건`` are one figure), a particle may follow
  (``50%를``, ``2명씩``); a number glued to a word that is no unit is a noun, not a figure (``1인가구``),
  except after a counter (``18개사업``, ``5대분야``: a count of the noun). Telephone numbers, clock times, dates, ratios (``1:1``), parcel and section numbers
  (``900-4``, ``1-2.``), years and list ordinals (``①``, a leading ``12``) are not figures;
* **row_label** is the label the figure belongs to: the words before it back to the previous separator
  (``,`` ``/`` ``:`` ``(`` bullets …), the words before ``:`` in ``label : figure``, the label in force
  when the figure follows another without words between (``14회 497명``), or, inside brackets, the label
  before the opening bracket (``청년수당(139명)`` → ``청년수당``);
* **column_label** says what the figure is: the words inside the bracket before it (``(증 74억원)`` →
  ``증``), ``증감`` for a signed change in brackets (``(△836억원)``), else the measure its unit names
  (:data:`.vocabulary.UNIT_MEASURES`: 억원 → 금액, 명 → 인원, % → 비율 …);
* **table_id** is ``p`` + the first line of the run of consecutive figure lines (a list or paragraph),
  ``row`` the line's place in the run and ``col`` the figure's place in the line.

Budgets are read here where the structure says what the figures are, and nothing else is typed:

* **a budget's breakdown** (the document's arithmetic): when the lines right under a budget fact
  (``- 소요예산 : 7,500백만원``) print only amounts and those amounts add up to it exactly (``- 시설 운영
  4,800백만원 / 시설 관리 2,700백만원``), each amount is a budget of that programme, year and basis, itemised by
  its label, and the budget above becomes their total (``is_total``);
* **a budget list**: two or more ``- label : amount`` items right under a heading naming 예산 and a year
  and no other money measure (``□ 2025년 주요사업 예산``; not 집행, 결산, 증감 …): one budget per item, of
  that year, ``basis`` the heading's budget word; bracketed changes stay cells (:func:`heading_budgets`).
"""

from __future__ import annotations

import re
from bisect import bisect_right

from .numbers import parse_money
from .table_rows import TableRows
from .vocabulary import FIGURE_UNITS, MAGNITUDE_WORDS, MONEY_UNITS, UNIT_MEASURES, UNIT_PARTICLES

#: Longest source_text kept per cell (as :mod:`.table_cells`): a converter may print a page on one line.
MAX_SOURCE = 300
#: Longest row label kept (its end: the words nearest the figure).
MAX_LABEL = 60

# Full-width digits and signs → ASCII, one character for one (positions stay; NFKC would turn ㎡ into m2).
_WIDTH = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}
# Circled and parenthesised ordinals (①, ⑴, ⒈): list markers, never figures.
_CIRCLED_RE = re.compile(r"[\u2460-\u24ff\u2776-\u2793]")

#: Text that holds digits but no figure, blanked before figures are read (same length: positions stay).
#: (Every pattern starts at a digit, a quote, ``<`` or ``☎``: the lookahead skips other positions fast.)
_NOT_FIGURES = re.compile("(?=[\\d'’‘<☎])(?:" + "|".join([
    r"<[^<>]*>",                                                    # HTML markup of converted cells
    r"☎\s?[\d\s\-/,]*\d",                                           # telephone numbers after ☎
    r"(?<![\d,.])\d{2,4}-\d{3,4}(?:-\d{4})?(?![\d,.])",             # telephone numbers
    r"\d{1,2}\s?:\s?\d{2}(?:\s?[~-]\s?\d{1,2}\s?:\s?\d{2})?",       # clock times and their ranges
    r"(?<![\d,.])\d+\s?:\s?\d+(?![\d,.])",                          # ratios (1:1, 50:50)
    # dates: '24.1.1., '22. 10~12월, '24. 2~3., 2013. 4., 3.22., 3.15~
    r"['’‘]\d{2}(?:\s?\.\s?\d{1,2}){1,2}\.?(?:\s?[~-]\s?(?:['’‘]?\d{2}\s?\.\s?)?\d{1,2}(?:\s?\.\s?\d{1,2})?\.?)?"
    r"(?:\s?(?:월|분기))?",
    r"['’‘]\s?\d{2}(?:\s?년도?)?(?![\d,.])",                             # '18, '23년: a year
    r"(?<![\d,.])(?:19|20)\d{2}\s?\.\s?\d{1,2}(?:\.(?:\s?\d{1,2}\.?)?|(?![\d]))",
    r"(?<![\d,.])\d{1,2}\.\s?\d{1,2}\.(?!\d)",
    r"(?:(?<=~)|(?<=~\s))\d{1,2}\.(?:\s?\d{1,2}\.)?(?!\d)",            # the end of a period (~ 14.)
    r"(?<![\d,.])(?:19|20)\d{2}\s+\d{1,2}(?=\s+[가-힣])",               # a chronology's year and month
    r"(?<![\d,.])\d{1,2}\.\d{1,2}\.?\s?~",
    r"(?<![\d,.])\d{1,2}\s?[~-]\s?\d{1,2}\s?(?:월|분기)",             # month ranges (10~12월)
    r"['’‘]\s?\d{2}\s?년도?",                                       # '23년
    r"(?<![\d,.])(?:19|20)\d{2}\s?(?:년도?|년\b)",                  # 2014년
    r"(?<![\d,.])\d{1,2}\s?월(?:\s?\d{1,2}\s?일)?",                 # 4월, 4월 1일
    r"(?<![\d,.])\d+(?:-\d+)+(?![\d,]*(?:%|[가-힣]))",               # parcel and section numbers (900-4, 1-2)
    r"\d+(?:\s?[~-]\s?\d+)?\s?(?:차|호봉|등급|급|층|번|위|순위|단계|권역|기|학년)(?![가-힣])",  # ordinals, grades
]) + ")")
#: A line of a table of contents (``가나시 ········· 71``): its page number is no figure.
_CONTENTS_RE = re.compile(r"[·…]{4,}\s*\d+\s*$")
#: A list ordinal at the start of a line or cell: ``1.``, ``12 `` before a title, ``1)``.
_LEADING_ORDINAL = re.compile(r"(?:^|\t)\s*(?:[-–•·*]\s*)?(\d{1,2}(?:[.)]|\s))(?=\s*\S)(?!\s*[△▲-]?\d[\d,.]*(?:\s|$))")

_UNIT_ALT = "|".join(re.escape(u) for u in sorted(FIGURE_UNITS, key=len, reverse=True))
_PARTICLE_ALT = "|".join(sorted(UNIT_PARTICLES, key=len, reverse=True))
_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
#: A figure: sign, number, 만/억/조/천 compound parts, ``여`` (about), unit, then what follows it.
_FIGURE_RE = re.compile(
    rf"(?=[△▲\-−\d])(?<![\w.,])(?P<sign>[△▲]\s?|[-−](?=\d))?(?P<num>{_NUM})"
    rf"(?P<mag>(?:\s?[{MAGNITUDE_WORDS}](?:\s?(?:{_NUM})(?!\s?(?:{_NUM})))?)*)"
    rf"(?P<approx>\s?여)?(?P<unit>\s?(?:{_UNIT_ALT}))?(?P<after>[가-힣A-Za-z]*)")
_PARTICLE_RE = re.compile(rf"(?:{_PARTICLE_ALT})+")
#: Where a label ends (looking back from a figure).
_SEPARATORS = ",;/▸▶►•◦○□■◆◇※*|\t[]{}→⇨➡⇒⟹☞~+=Ÿ❍◎▪●❑"
#: Middle dots: a separator as a bullet (``· 상담``), part of the word between two words (``운영·인건비``).
_DOTS = "·ㆍ･∙"
_SEPARATOR_RE = re.compile(f"[{re.escape(_SEPARATORS)}]")
#: Everything up to the last separator or bracket (greedy): the clause before a figure starts after it.
_LAST_SEPARATOR = re.compile(rf"(?s:.*)(?:[{re.escape(_SEPARATORS)}()]|(?<![가-힣A-Za-z])[{_DOTS}]|[{_DOTS}](?![가-힣A-Za-z]))")
_LABEL_STRIP = " -–—.·:>)(\"'“”‘’「」『』□■○◦•▸▶►◆◇※*Ÿ∙ㆍ❍◎▪●❑☞ㅇ"
_PREFIX_WORDS = re.compile(r"^(?:총|약|월|연|년|일|각|최대|최소|평균|누적|현원|현재|주|회당|1인당|기존)$")
_DIGITS2 = re.compile(r"\d\D+\d")


def _fold(text: str) -> str:
    return _CIRCLED_RE.sub(" ", text.translate(_WIDTH)).replace("**", "  ")


def _blank(m: re.Match) -> str:
    return " " * len(m.group(0))


def mask(text: str) -> str:
    """``text`` with every non-figure number blanked (telephone, time, date, ratio, ordinal …)."""
    if ("····" in text or "…" in text) and _CONTENTS_RE.search(text):
        return " " * len(text)
    s = _NOT_FIGURES.sub(_blank, text)
    return _LEADING_ORDINAL.sub(lambda m: m.group(0)[: m.start(1) - m.start(0)] + " " * len(m.group(1)), s)


_MAGNITUDE_PART_RE = re.compile(rf"([{MAGNITUDE_WORDS}])|({_NUM})")


def _magnitude_value(num: str, mag: str) -> float | None:
    """``3만 6천`` → 36000 (count compounds; money compounds go through :func:`.numbers.parse_money`)."""
    factors = {"조": 10**12, "억": 10**8, "만": 10**4, "천": 10**3}
    total, current = 0.0, float(num.replace(",", ""))
    for m in _MAGNITUDE_PART_RE.finditer(mag):
        if m.group(1):
            total += current * factors[m.group(1)]
            current = 0.0
        else:
            current = float(m.group(2).replace(",", ""))
    return total + current


#: Counters a noun may be glued to (``18개사업``: 18 사업; ``5대분야``: 5 분야).
_COUNTERS = ("개", "대")


def figures(text: str) -> list[tuple[int, int, float, str, bool]]:
    """The figures of one line as ``(start, end, value, unit, signed)``, in reading order (see the
    module docstring for what is and is not a figure)."""
    return _figures(mask(_fold(text)))


def _figures(s: str) -> list[tuple[int, int, float, str, bool]]:
    out = []
    for m in _FIGURE_RE.finditer(s):
        unit = (m.group("unit") or "").strip()
        after = m.group("after")
        mag = m.group("mag") or ""
        end = m.end()
        if unit[:1] in _COUNTERS and after and not _PARTICLE_RE.fullmatch(after):
            # 7개구, 18개사업, 5대분야: a count of the noun glued to the counter
            unit = unit[:1]
            end = m.start("unit") + m.group("unit").index(unit) + 1
        elif after and not _PARTICLE_RE.fullmatch(after):
            continue  # a number glued to a word: a noun (1인가구), not a figure
        if not unit and (m.group("approx") or after):
            continue  # a bare number glued to a word (6중, 3040세대): no figure
        num = m.group("num")
        signed = bool(m.group("sign"))
        if not unit and not mag and "," not in num and "." not in num and 1900 <= int(num) <= 2099:
            continue  # a year
        if mag.strip() and not _DIGIT_RE.search(mag) and mag.strip() + unit in FIGURE_UNITS:
            value, unit = float(num.replace(",", "")), mag.strip() + unit  # 4,632억원: the printed unit
        elif mag.strip():
            if unit.endswith("원"):
                won = parse_money(num + mag + unit)
                if won is None:
                    continue
                value, unit = won, "원"
            else:
                value = _magnitude_value(num, mag)
        else:
            value = float(num.replace(",", ""))
        if signed:
            value = -value
        out.append((m.start(), end, value, unit, m.group("sign") is not None and m.group("sign")[0] in "△▲"))
    # a range prints its unit once (40~64세, 2~4명): the lower end takes the upper end's unit
    for k in range(len(out) - 1):
        a, b = out[k], out[k + 1]
        if not a[3] and b[3] and _RANGE_GAP.fullmatch(s[a[1]:b[0]]):
            out[k] = (a[0], a[1], a[2], b[3], a[4])
    return out


_RANGE_GAP = re.compile(r"\s?[~\-]\s?")


_SPACED_SYLLABLES = re.compile(r"(?<![가-힣])[가-힣](?: [가-힣])+(?![가-힣])")


_WORD_RE = re.compile(r"[가-힣A-Za-z]")


def _clean_label(text: str) -> str:
    text = " ".join(text.split()).strip(_LABEL_STRIP)
    text = _SPACED_SYLLABLES.sub(lambda m: m.group(0).replace(" ", ""), text)  # 대 상 → 대상
    words = [w for w in text.split(" ") if w]
    while words and _PREFIX_WORDS.match(words[-1]):  # 총 / 약 / 최대 just before the figure qualify it
        words.pop()
    label = " ".join(words).strip(_LABEL_STRIP)
    if not _WORD_RE.search(label):
        return ""
    return label[-MAX_LABEL:].lstrip(_LABEL_STRIP) if len(label) > MAX_LABEL else label


def _last_clause(text: str) -> tuple[str, str]:
    """(label, qualifier) of the text before a figure: the words after the last separator (separators
    just before the figure skipped: ``계<tab><tab>11개``); in ``label : words`` the label is before the
    colon and the words after it qualify the figure."""
    text = text.rstrip(_SEPARATORS + _DOTS + " ")
    if text.endswith(")") and "(" in text:  # ``(월평균 신청) 1만 건``: the bracket names the figure
        inner = text[text.rindex("(") + 1:-1]
        # a bracket of no words (``초등(1~3학년) 30천원``, its ordinals blanked) leaves the words before it
        text = inner if _WORD_RE.search(inner) else text[:text.rindex("(")]
    last = _LAST_SEPARATOR.match(text)
    clause = text[last.end():] if last else text
    while last and not _WORD_RE.search(clause):  # ``조사기간 : 10. 17.~ 10. 19.``: the words are further back
        text = text[:last.end() - 1].rstrip(_SEPARATORS + _DOTS + " ")
        last = _LAST_SEPARATOR.match(text)
        clause = text[last.end():] if last else text
    if ":" in clause:
        before, _, after = clause.rpartition(":")
        return _clean_label(before), _clean_label(after)
    return _clean_label(clause), ""


#: The noun a generic counter counts, printed after it (``11개 핵심과제``, ``5개 과정``).
_COUNTED_RE = re.compile(r"\s?([가-힣]{1,10})(?=$|[\s,/()\t·])")


def _open_brackets(text: str, positions: list[int]) -> list[int]:
    """For each position (ascending), the index of the innermost ``(`` still open there, or -1."""
    out, stack, k = [], [], 0
    marks = [(m.start(), m.group(0)) for m in _BRACKET_RE.finditer(text)]
    for pos in positions:
        while k < len(marks) and marks[k][0] < pos:
            at, mark = marks[k]
            if mark == "(":
                stack.append(at)
            elif stack:
                stack.pop()
            k += 1
        out.append(stack[-1] if stack else -1)
    return out


_BRACKET_RE = re.compile(r"[()]")


#: ``label : N noun, N noun …``: an enumeration of counts (``조직 : 1국 2팀``), each number counting the
#: noun glued to it.
_COUNT_LIST_RE = re.compile(r"^(?P<head>[^:]*[가-힣][^:]*):\s*(?P<items>\d+[가-힣]{1,6}(?:\s*[,\s]\s*\d+[가-힣]{1,6})+)"
                            r"\s*$")
_COUNT_ITEM_RE = re.compile(r"(\d+)([가-힣]{1,6})")


class _TabCells:
    """The tab-separated cells of a line: where each starts, and the text cell naming a figure's cell."""

    __slots__ = ("text", "starts")

    def __init__(self, text: str):
        self.text = text
        self.starts = [0] + [k + 1 for k, c in enumerate(text) if c == "\t"]

    def of(self, pos: int) -> int:
        """Start of the cell holding ``pos``."""
        return self.starts[bisect_right(self.starts, pos) - 1]

    def label_before(self, pos: int) -> str:
        """The nearest non-empty cell before the cell holding ``pos``, when it is text (words, no digit)."""
        k = bisect_right(self.starts, pos) - 1
        while k > 0:
            cell = self.text[self.starts[k - 1]:self.starts[k] - 1]
            if cell.strip():
                return "" if _DIGIT_RE.search(cell) else _clean_label(cell)
            k -= 1
        return ""


_DIGIT_RE = re.compile(r"\d")


def read_line(text: str, least: int = 1) -> list[tuple[float, str, str, str]]:
    """``(value, unit, row_label, column_label)`` of every figure of one line; empty when it holds fewer
    than ``least`` figures (their labels are then not read: most lines with digits hold one figure)."""
    folded = _fold(text)
    listed = _COUNT_LIST_RE.match(folded.strip())
    if listed:
        head = _clean_label(listed.group("head"))
        return [(float(n), noun, head, noun) for n, noun in _COUNT_ITEM_RE.findall(listed.group("items"))]
    s = mask(folded)  # labels are read without the dates, times and ordinals blanked here
    found = _figures(s)
    if len(found) < least:
        return []
    out = []
    label, label_at = "", -1
    prev_end, bracket_unit = 0, -1
    cells = _TabCells(s) if "\t" in s else None
    opens = _open_brackets(s, [f[0] for f in found])
    for (start, end, value, unit, signed), open_at in zip(found, opens, strict=True):
        if open_at >= prev_end:
            # a bracket opened after the previous figure: the row is the label before it, the column what
            # the bracket says before the figure
            owner, _ = _last_clause(s[prev_end:open_at])
            if owner:
                label, label_at = owner, open_at - 1
            words, qualifier = _last_clause(s[open_at + 1:start])
            column = " ".join(w for w in (words, qualifier) if w) or ("증감" if signed else "")
            if not unit and out and out[-1][1] and not _SEPARATOR_RE.search(s[prev_end:open_at]):
                unit, bracket_unit = out[-1][1], open_at  # 415개소(법인 295, 개인 121): a breakdown
                # takes the unit of its whole
        elif open_at >= 0:  # still inside the bracket of the previous figure
            if not unit and out and out[-1][1] and bracket_unit == open_at:
                unit = out[-1][1]
            words, qualifier = _last_clause(s[prev_end:start])
            column = " ".join(w for w in (words, qualifier) if w) or ("증감" if signed else "")
        else:
            words, qualifier = _last_clause(s[prev_end:start])
            if words:
                label, label_at = words, start - 1
            column = qualifier
        if unit == "개" or (unit in _COUNTERS and s[end:end + 1] not in " \t"):
            counted = _COUNTED_RE.match(s, end)
            if counted:  # the noun after the counter names what it counts, and is no label of the next
                column, end = counted.group(1), counted.end()
        row = label
        if cells is not None:
            # a tab row of text cells: the text cell before the figure's cell names the row (급식비 | 초등
            # 4천원, 중등 5천원), the words inside the figure's own cell name its column
            own, before = cells.of(start), cells.label_before(start)
            if before:
                inner = label if label_at >= own else ""
                row, column = before, " ".join(w for w in (inner, column) if w)
        out.append((value, unit, row, column or UNIT_MEASURES.get(unit, "")))
        prev_end = end
    return out


def inline_cells(doc_id: str, lines: list[str], skip: set[int], forced: set[int] = frozenset(),
                 facts: dict[int, list[tuple[str, float]]] | None = None) -> TableRows:
    """``table_cells`` rows of the figures outside tables: every line (1-based) not in ``skip`` (lines a
    table cell holds) with two or more figures; consecutive such lines form one list
    ``p<first line>``. ``forced``: lines read here into facts (budget breakdowns and lists), written
    whatever their number of figures; ``facts``: line → (typed table, figure) of the facts on it
    (:func:`fact_figures`), naming the fact table of the figures they hold."""
    facts = facts or {}
    out = TableRows("table_cells")
    run_start, run_row, last = 0, 0, -10
    for i, text in enumerate(lines, start=1):
        if i not in forced and (i in skip or not _DIGITS2.search(text)):
            continue
        read = read_line(text, least=1 if i in forced else 2)
        if not read:
            continue
        if i != last + 1:
            run_start, run_row = i, 0
        else:
            run_row += 1
        last = i
        source = text.strip()
        if len(source) > MAX_SOURCE:
            source = source[:MAX_SOURCE] + " …"
        on_line = facts.get(i, ())
        for col, (value, unit, row_label, column_label) in enumerate(read):
            used = next((t for t, v in on_line if _close(v, value)), None)
            out.add(doc_id=doc_id, line=i, table_id=f"p{run_start}", row=run_row, col=col,
                    row_label=row_label or None, column_label=column_label or None, value=value,
                    unit=unit or None, fact_table=used, source_text=source)
    return out


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-6 * max(1.0, abs(a), abs(b))


def budget_breakdowns(rows: dict, lines: list[str], held: set[int]) -> set[int]:
    """Budgets itemising a budget fact (see the module docstring), added to ``rows["budgets"]``; the
    budget they add up to gets ``is_total``. Returns the lines read (their cells are written whatever
    their number of figures)."""
    out: set[int] = set()
    by_line: dict[int, list[dict]] = {}
    for row in rows.get("budgets") or []:
        if row.get("line") is not None and row.get("budget_krw") is not None:
            by_line.setdefault(int(row["line"]), []).append(row)
    added = []
    for line, parents in sorted(by_line.items()):
        if len(parents) != 1 or parents[0].get("is_total"):
            continue
        parent = parents[0]
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
        if len(items) < 2 or not _close(total, float(parent["budget_krw"])):
            continue
        parent["is_total"] = True
        for k, (value, unit, row_label, column_label) in items:
            child = {**parent, "line": k, "item": row_label or column_label,
                     "budget_krw": value * MONEY_UNITS[unit], "unit": unit, "is_total": False,
                     "source_text": lines[k - 1].strip()}
            for name in ("spent_krw", "reported_rate", "execution", "line_end"):
                child.pop(name, None)
            added.append(child)
            out.add(k)
    if added:
        rows.setdefault("budgets", []).extend(added)
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
    folded = _fold(text)
    item = _LIST_ITEM_RE.match(folded)
    if item is None:
        return None
    figs = figures(text)
    if not figs or figs[0][3] not in MONEY_UNITS or figs[0][0] < item.start("rest") \
            or not _AMOUNT_PREFIX_RE.match(folded[item.start("rest"):figs[0][0]]):
        return None
    label = _clean_label(item.group("label"))
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
        if len(run) >= 2:
            y = int(year.group(2)) if year.group(2) else 2000 + int(year.group(1))
            found.extend((n, label, value, unit, _clean_label(head), y, word.group(1)) for n, label, value, unit in run)
    if not found:
        return set()
    lcs = contexts(doc, ctx)
    for i, label, value, unit, head, year, basis in found:
        row = base_row(doc, lcs[i - 1], i, lines[i - 1], year=year)
        row.update(scope=head, item=label, flow="expenditure", basis=basis,
                   budget_krw=value * MONEY_UNITS[unit], unit=unit, is_total=bool(TOTAL_RE.match(label)))
        rows.setdefault("budgets", []).append(row)
    return {i for i, *_ in found}


def read_inline(doc, ctx, rows: dict, cells: TableRows | None = None) -> TableRows:
    """The inline reading of one document: budget breakdowns and budget lists into ``rows["budgets"]``,
    then every figure line no table cell holds into ``table_cells`` rows, each figure naming the typed
    table whose fact on its line holds it (a prose reader's count, a budget read here), or none."""
    tables = table_lines(rows, cells)
    held = tables | fact_lines(rows)
    forced = budget_breakdowns(rows, doc.lines, held)
    forced |= heading_budgets(doc, ctx, rows, held | forced)
    return inline_cells(doc.doc_id, doc.lines, tables, forced, fact_figures(rows))


#: The figure columns of the typed tables, and whether they hold money in won.
_FACT_COLUMNS = (("target", False), ("actual", False), ("reported_rate", False), ("value", False),
                 ("budget_krw", True), ("spent_krw", True), ("amount_krw", True))


def fact_figures(rows: dict) -> dict[int, list[tuple[str, float]]]:
    """Line → (typed table, figure as printed) of the facts on it (won divided back by the row's unit), to
    name the fact table of an inline figure."""
    out: dict[int, list[tuple[str, float]]] = {}
    for table in ("indicators", "budgets", "funding", "activities"):
        for row in rows.get(table) or []:
            if row.get("line") is None:
                continue
            factor = MONEY_UNITS.get(str(row.get("unit") or "").replace(" ", ""))
            for name, money in _FACT_COLUMNS:
                v = row.get(name)
                if isinstance(v, (int, float)) and v == v:
                    figs = out.setdefault(int(row["line"]), [])
                    if money:
                        figs.append((table, float(v)))  # a compound (19억 5,280만원) is read in won
                        if factor:
                            figs.append((table, v / factor))
                    else:
                        figs.append((table, float(v)))
    return out


def fact_lines(rows: dict) -> set[int]:
    """Lines a typed fact spans (``line`` … ``line_end``)."""
    held: set[int] = set()
    for name, table_rows in rows.items():
        if name in ("table_cells", "quality_flags"):
            continue
        for row in table_rows:
            lo = row.get("line")
            if lo is None:
                continue
            hi = row.get("line_end") or lo
            held.update(range(int(lo), int(hi) + 1))
    return held


def table_lines(rows: dict, cells: TableRows | None = None) -> set[int]:
    """Lines a table cell (``cells``, or ``table_cells`` rows already made) holds: not read again here. A
    table line with no figure cell (a header, a row of text cells) is not held."""
    held: set[int] = set()
    for extra in (rows.get("table_cells"), cells):
        if extra is not None:
            lines = extra.column("line") if isinstance(extra, TableRows) else [r.get("line") for r in extra]
            held.update(int(v) for v in lines if v is not None)
    return held


__all__ = ["budget_breakdowns", "fact_figures", "fact_lines", "figures", "heading_budgets", "inline_cells", "mask",
           "read_inline", "read_line", "table_lines"]
