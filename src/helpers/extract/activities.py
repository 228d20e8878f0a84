"""Activity counts (활동 실적): output counts without targets → the ``activities`` table.

Four shapes are read. The unit-line and tab tables are tables of the one block finder
(:func:`.blocks.document_tables`); this module keeps only its reading of their rows:

* **Count-column tables** — a header naming count measures (``횟 수  실인원(건)  연인원(건)``), then rows
  whose numbers come last, often after a label wrapped over many lines (merged cells, bullets): each
  numbers line closes a row, labelled by the text lines since the previous row. This reader still scans
  the lines itself: the wrapped labels make no block for the finder (each numbers line is a table of its
  own, the header far above), and it reads rows whose label holds a dash (``물품지원 - 생활 필수품 지원
  3 1,107 1,107``) that the finder takes for text.
* **Unit-line tables** — a finder row of numbers only (``37 24 12 1``; monthly tables ``128 3 3 9 …``)
  under ``(단위 : 명)`` / ``(단위 : 회)`` and its column labels (possibly wrapped): one row per number.
* **Tab-separated count tables** — header cells over one or two lines, rows ``label  n  n  n``; cells such
  as ``6,461 (828)`` (unit ``건(인원)``), ``7회 / 835명`` or ``330명 (1,846건)`` give two counts. Tables
  of money (a money unit or 예산/집행 headers), of targets (목표/실적/달성) and rate columns (률, %) are
  left to the indicator and budget extractors.
* **Prose counts** — ``실인원 29명 / 연인원 60명``, ``가정방문 1,940건, 홍보 813건``: two or more
  ``label number unit`` pairs on one line.
"""

from __future__ import annotations

import re

from .blocks import document_tables
from .context import event_years
from .facts import base_row, cells, contexts, squash
from .labels import clean_label
from .numbers import normalise_text, parse_number
from .result import ExtractResult
from .year_tables import dated_by_years

#: Count measures named in a header (spaces inside the word are folded: ``횟 수``).
MEASURE_RE = re.compile(r"(횟\s*수|실\s*인\s*원(?:\([^)]*\))?|연\s*인\s*원(?:\([^)]*\))?|참여\s*인원|이용\s*인원"
                        r"|건\s*수|개\s*소\s*수)")
COUNT_UNITS = ("명", "건", "회", "개소", "개", "가구", "곳", "개동", "팀", "시간", "일", "개월", "권", "점")
_COUNT_UNIT_RE = "|".join(sorted(COUNT_UNITS, key=len, reverse=True))
PLAIN_INT = re.compile(r"^\d{1,3}(?:,\d{3})+$|^\d+$")
#: Headers of tables that are not activity counts (targets, money, rates).
NOT_COUNT_HEADER = re.compile(r"목표|달성|예산|집행|지출|금액|결산|세입|세출|백만원|천원|억원|단가|지원액")
RATE_HEADER = re.compile(r"(?:률|율)\s*(?:\(.*)?$|%|비중|만족도")
#: Row labels of totals (계 / 합계 / 소계 …): they name the total of a column, so they go after its name.
TOTAL_LABEL = re.compile(r"^(?:계|합계|총계|소계|총합계|전체|총)$")
#: Columns that hold no counts: serial numbers (연번), areas (대지, 건물(㎡)).
NOT_COUNT_COLUMN = re.compile(r"^(?:연\s*번|순\s*번|번\s*호|No\.?)$|㎡|m2|m²|면\s*적|^대\s*지$"
                              r"|증\s*감|전년\s*(?:동기\s*)?대비", re.I)  # a difference (전년 대비 증감) is no count
#: Units of time spans: in prose they state rules and durations (``임신 3개월``, ``1일 4시간``), not outputs.
SPAN_UNITS = ("개월", "일", "시간")
PAIR_RE = re.compile(rf"([가-힣][가-힣A-Za-z·()\s]{{0,14}}?)\s*(\d{{1,3}}(?:,\d{{3}})+|\d+)\s*({_COUNT_UNIT_RE})(?![가-힣])")
#: A value cell with a second count: ``6,461 (828)``, ``330명 (1,846건)``, ``7회 / 835명``.
DOUBLE_CELL = re.compile(rf"^(\d[\d,]*)\s*({_COUNT_UNIT_RE})?\s*(?:\(\s*(\d[\d,]*)\s*({_COUNT_UNIT_RE})?\s*\)|/\s*"
                         rf"(\d[\d,]*)\s*({_COUNT_UNIT_RE})?)$")


def _int(text: str) -> float | None:
    t = text.replace(",", "")
    return float(t) if t.isdigit() else None


def _numbers_tail(text: str, n: int) -> tuple[str, list[float]] | None:
    """Split ``label … n1 n2 n3`` into the label and the last ``n`` plain integers, or None."""
    tokens = normalise_text(text).split()
    if len(tokens) < n or not all(PLAIN_INT.match(t) for t in tokens[-n:]):
        return None
    if len(tokens) > n and PLAIN_INT.match(tokens[-n - 1]):
        return None  # more numbers than measures: not this table's row
    return " ".join(tokens[:-n]), [_int(t) for t in tokens[-n:]]


def _add(result, doc, lc, line, raw, item, measure, value, program=None, year=None):
    row = base_row(doc, lc, line, raw, program=program) if year is None else base_row(doc, lc, line, raw, program=program, year=year)
    row.update({"item": item or None, "measure": measure, "value": value})
    result.add("activities", row)


def _label(parts: list[str]) -> str:
    kept = [p for p in parts if not re.match(r"^\s*[-•·∙▸►⦁]", p)]
    return re.sub(r"\s+", " ", " ".join(kept or parts)).strip()[:80]


def read_measure_tables(doc, ctx, result, used: set[int]) -> None:
    """Tables whose header names count measures (횟수 / 실인원 / 연인원)."""
    lcs = contexts(doc, ctx)
    lines = doc.lines
    i = 0
    while i < len(lines):
        text = normalise_text(lines[i])
        measures = [re.sub(r"\s+", "", m) for m in MEASURE_RE.findall(text)]
        if len(measures) < 2 or "\t" in lines[i] or NOT_COUNT_HEADER.search(text):
            i += 1
            continue
        n = len(measures)
        pending: list[str] = []
        j, since = i + 1, 0
        while j < len(lines) and since < 40:
            raw = lines[j]
            t = normalise_text(raw).strip()
            j += 1
            if not t:
                continue
            since += 1
            if MEASURE_RE.search(t) and len(MEASURE_RE.findall(t)) >= 2:
                pending = []  # the header repeated on the next page
                continue
            got = _numbers_tail(t, n)
            if got is None:
                if re.match(r"^\s*(?:□|■|[ⅠⅡⅢⅣⅤ]|\d+\s+\S)", t) and not pending:
                    break
                pending.append(t)
                continue
            label, values = got
            item = _label(([*pending, label] if label else pending)[-3:])
            for measure, value in zip(measures, values, strict=True):
                _add(result, doc, lcs[j - 1], j, raw, item, measure, value)
            used.add(j)
            pending, since = [], 0
        i = j


_UNIT_LINE_RE = re.compile(rf"단\s*위\s*[:：]\s*({_COUNT_UNIT_RE})\s*\)?\s*$")
#: How far above its numbers line a unit line may stand (the column labels wrap over the lines between).
_UNIT_LINE_REACH = 19


def _unit_line_header(lines: list[str], row: int) -> tuple[str, list[str]] | None:
    """``(unit, column label lines)`` of the numbers line at index ``row`` when the lines above it, up to a
    ``(단위 : 명)`` line, are its column labels (blank lines, words, month names ``6월``, ranges ``3-9``);
    None when a figure, a tab row or nothing like a unit line stands there."""
    header: list[str] = []
    for i in range(row - 1, max(-1, row - 1 - _UNIT_LINE_REACH), -1):
        raw = lines[i]
        m = _UNIT_LINE_RE.search(normalise_text(raw)) if "위" in raw else None
        if m:
            return m.group(1), header[::-1]
        t = normalise_text(raw).strip()
        if not t:
            continue
        if "\t" in raw or re.search(r"\d", t) and not re.search(r"\d+월|\d+-\d+", t):
            return None
        header.append(t)
    return None


def read_unit_line_tables(doc, ctx, result, used: set[int]) -> None:
    """A row of the one block finder (:func:`.blocks.document_tables`) that is numbers only (``37 24 12 1``)
    under a ``(단위 : 명)`` line and its column labels (possibly wrapped): one count per number, each
    labelled by its column when the label words match the numbers one to one."""
    lcs = contexts(doc, ctx)
    lines = doc.lines
    for t in document_tables(doc):
        for row in t.body:
            j = row[-1].line - 1  # the numbers line (a label line above it is read as a column label)
            if "\t" in lines[j]:
                continue
            tokens = normalise_text(lines[j]).split()
            if not tokens or not all(PLAIN_INT.match(tok) for tok in tokens):
                continue
            got = _unit_line_header(lines, j)
            if got is None:
                continue
            unit, header = got
            values = [_int(tok) for tok in tokens]
            labels = " ".join(header).split()
            items = labels if len(labels) == len(values) else [None] * len(values)
            for item, value in zip(items, values, strict=True):
                _add(result, doc, lcs[j], j + 1, lines[j], item, unit, value)
            used.add(j + 1)
            if items[0] is None:
                result.flag(j + 1, "activities", "labels_unaligned",
                            f"{len(values)} counts under wrapped column labels {' '.join(header)[:60]!r}: "
                            "items left blank", severity="info", source_text=lines[j])


def _value_cells(cell: str) -> list[tuple[float, str]]:
    """A count cell → ``[(value, unit)]``; empty for blanks, rates and text."""
    s = normalise_text(cell).strip()
    if not s or s in ("-", "–"):
        return []
    share = re.match(rf"^(\d[\d,]*)\s*({_COUNT_UNIT_RE})?\s*\(\s*\d+(?:\.\d+)?\s*%\s*\)$", s)
    if share:  # ``660명(14%)``, ``851(100%)``: a count and its share
        return [(_int(share.group(1)), share.group(2) or "")]
    m = DOUBLE_CELL.match(s)
    if m:
        first = (_int(m.group(1)), m.group(2) or "")
        second_v = m.group(3) or m.group(5)
        second_u = m.group(4) or m.group(6) or ""
        return [first, (_int(second_v), second_u)]
    n = parse_number(s)
    if n is None or n.is_percent or n.negative or (n.unit and n.unit not in COUNT_UNITS):
        return []
    if "." in s and not n.unit:
        return []  # decimals in a count table are rates or shares
    return [(n.value, n.unit)]


def _serial(cell: str) -> bool:
    """A bare whole number such as a row's serial (연번) ``1``; not a header cell."""
    return bool(PLAIN_INT.match(normalise_text(cell).strip()))


def _column_names(headers: list[list[str]]) -> list[tuple[str, str]]:
    """``(group, name)`` per column of a one- or two-line header: the name is the lowest cell, the group a
    first-line cell merged over the columns below it (``상담소 및 생활시설 지원`` followed by blanks)."""
    width = max(len(h) for h in headers)
    names = []
    group = ""
    for k in range(width):
        top = headers[0][k] if k < len(headers[0]) else ""
        leaf = headers[-1][k] if len(headers) > 1 and k < len(headers[-1]) else ""
        if len(headers) > 1 and top and leaf and top != leaf:
            group = top
        elif top:
            group = ""
        parts = [h[k] for h in headers if k < len(h) and h[k]]
        name = parts[-1] if parts else ""
        names.append((group if name != group else "", name))
    return names


_UNIT_CELL_RE = re.compile(r"^[(\[]?\s*단\s*위\s*[:：]")


def _header_rows(t) -> list:
    """The rows of the finder's header that name columns: not a unit note (``단위: 명 | Unit: person``), and,
    in a table whose rows open with a label, none from the first lower row that opens with a label of its
    own (``위치 | 주소 | 주소`` under ``구분 | 1호점 | 2호점``: a body row printed in words) or a second label in
    another language (``읍면동별`` / ``Eup·Myeon·Dong``)."""
    rows = [row for row in t.header if not (row and _UNIT_CELL_RE.match(row[0].text))]
    labelled = any(row and row[0].text.strip() and not _value_cells(row[0].text) for row in t.body)
    if labelled:
        for n in range(1, len(rows)):
            corner = rows[n][0].text.strip() if rows[n] else ""
            if corner and corner != rows[n - 1][0].text.strip():
                return rows[:n]
    return rows


def _sheet_unit_note_above(lines: list[str], first: int) -> bool:
    """The line right above a tab table's header (1-based ``first``) is a spreadsheet row whose first cell is
    the table's unit note (``(단위: 개소, 명)`` then empty cells): a sheet copied from Excel, whose columns may
    each count another unit of the note. The family readers (:mod:`.families`) read such a table by its
    measure words and the note; this reader would give every column the note's first unit."""
    if first < 2:
        return False
    above = lines[first - 2]
    cells_ = above.split("\t")
    return len(cells_) > 1 and bool(_UNIT_CELL_RE.match(cells_[0].strip())) and not any(c.strip() for c in cells_[1:])


def read_tab_tables(doc, ctx, result, used: set[int]) -> None:
    """Tab-separated count tables of the one block finder (:func:`.blocks.document_tables`): the header
    rows name the columns (one- or two-level, :func:`_column_names`), each body row gives a label and its
    counts. Tables without a header, of money, targets or years are left to the other readers."""
    lcs = contexts(doc, ctx)
    for t in document_tables(doc):
        header = _header_rows(t)
        if not t.layout.startswith("tab") or not header:
            continue  # tab tables (``tab+label``: a row's label printed on the line above its counts)
        headers = [[c.text for c in row] for row in header]
        first = header[0][0].line  # 1-based line of the header
        lc = lcs[first - 1]
        head_text = " ".join(" ".join(h) for h in headers)
        money_near = lc.unit_line is not None and 0 <= first - lc.unit_line <= 12
        body = [[c.text for c in row] for row in t.body]
        if NOT_COUNT_HEADER.search(head_text) or money_near or re.search(r"(?:19|20)\d{2}\s*년", head_text) \
                or dated_by_years([c for h in headers for c in h], body):
            continue  # a target, money or year table
        if _sheet_unit_note_above(doc.lines, first):
            continue  # a spreadsheet copy with its unit note in a cell: the family readers read it
        names = _column_names(headers)
        # ``단위: 건(인원)``: every count is 건 and the one in parentheses 인원; the columns name items
        first_unit, _, second_unit = lc.count_unit.partition("(")
        second_unit = second_unit.rstrip(")")
        for cells_ in t.body:
            line = cells_[-1].line
            if line in used:
                continue
            row = [""] * (max(c.col for c in cells_) + 1)
            for c in cells_:
                row[c.col] = c.text
            start = 0 if _value_cells(row[0]) else 1  # a row of counts only (one-row tables)
            label = row[0] if start else ""
            for k, cell in enumerate(row[start:], start=start):
                group, name = names[k] if k < len(names) else ("", "")
                if RATE_HEADER.search(name) or NOT_COUNT_COLUMN.search(name) or NOT_COUNT_COLUMN.search(group):
                    continue
                for n_val, (value, unit) in enumerate(_value_cells(cell)):
                    if n_val == 1 and not unit and second_unit:
                        measure = second_unit
                    else:
                        measure = unit or first_unit or name or "건"
                    column = (group, "" if name == measure else name)
                    # a total row (계) labels the column's total: ``직업교육훈련 계``, not ``계 직업교육훈련``
                    parts = (*column, label) if TOTAL_LABEL.match(squash(label)) else (label, *column)
                    item = " ".join(p for p in parts if p)
                    _add(result, doc, lcs[line - 1], line, doc.lines[line - 1], item or name, measure, value)


def _unlabelled_counts(text: str) -> bool:
    """True for a line of three or more counts in a row with nothing but their units between them
    (``21명 1명 1명 1명 2명``, ``58개소 31개소 11개소``): a table row printed without its header."""
    text = normalise_text(text)
    return bool(_THREE_COUNTS_RE.search(text) and _UNIT_THEN_FIGURE_RE.search(text))


_RUN = rf"\d[\d,]*\s*(?:{_COUNT_UNIT_RE})?(?:\([^)]*\))?"
_THREE_COUNTS_RE = re.compile(rf"(?:^|\s){_RUN}\s+{_RUN}\s+{_RUN}(?:\s|$)")
_UNIT_THEN_FIGURE_RE = re.compile(rf"\d\s*(?:{_COUNT_UNIT_RE})\s+\d")


#: A count in prose: a number with a count unit, not part of a word (``84개시설``, ``1명당``), a range
#: (``1~2명``) or a decimal.
PROSE_COUNT_RE = re.compile(rf"(?<![\d.,~∼△▲A-Za-z])(\d{{1,3}}(?:,\d{{3}})+|\d+)\s*({_COUNT_UNIT_RE})(?![가-힣A-Za-z])")
_CLOSE = {")": "(", "]": "[", "」": "「", "』": "『", "】": "【", "〉": "〈", "》": "《", ">": "<"}
_OPEN = set(_CLOSE.values())
#: Characters that separate one labelled count from the next (`,` `/` `:` arrows, plus signs, ※).
_SEPARATORS = ",/:;→⇒➔+※|"
#: Middle dots: inside a word they join (``제・개정``), before a number they separate counts (``3개 기관・9개``).
_DOTS = "・･·∙"
#: Keys that name the role of a field, not a counted thing (``구 성 : 총 10명``, ``대 상 : 총 1,175개소``,
#: ``(누적 35개소``, ``(현재 누적 762개소``): a count under such a word alone has no meaningful label.
_ROLE_WORDS = re.compile(r"^(?:구성|대상|현재|누적|실적|현황|내용|규모|기준|합계|소계|총계|계)$")
#: Words that only join or qualify (및 …, 총 …, … 약): dropped at the ends of a label.
_JOINERS = re.compile(r"^(?:및|등|총|약|중|또는|그리고|외)\s+|\s+(?:및|등|총|약|또는|누적)$|^(?:총|약)(?=\S)")
#: A label ending in these words makes the count a share or a rate (``기관 각 2개소``, ``61개소 중 15개소``,
#: ``연1회``), not a count of its own.
_DISTRIBUTIVE = re.compile(r"(?:^|\s)(?:각|중|당|연|월|주|일|외|평균|최대|최소|이내|현재|기준)$|당\s*(?:총|약|최대|평균)?$")
#: Words that end a clause (``활성화를 위해``, ``제시하고 있는``): a label keeps only the words after them.
_CLAUSE_WORD = re.compile(r"(?:위해|위한|통해|통한|대한|대해|따른|따라|있는|하는|되는|하여|하고|되어|부터|까지|[를]|"
                          r"(?<!마)을)$")


def _walk_label(text: str, pos: int, ends: dict[int, int], starts: set[int]) -> tuple[str, str, int]:
    """The text before ``pos`` back to a separator, an open bracket, the end of another count or the line
    start, with bracketed asides (``(케어안내)``) left out. Returns ``(label, stop, stop_pos)`` where
    ``stop`` names what ended it (a separator character, ``(``, ``count`` or ``start``)."""
    out: list[str] = []
    k = pos
    while k > 0:
        if k in ends and "".join(out).strip():
            return "".join(reversed(out)), "count", k
        if k in ends:
            return "", "count", k
        ch = text[k - 1]
        if ch in _CLOSE:
            depth, j = 0, k - 1
            while j >= 0:  # the matching opener
                if text[j] in _CLOSE:
                    depth += 1
                elif text[j] in _OPEN:
                    depth -= 1
                    if depth == 0:
                        break
                j -= 1
            if j < 0:
                return "".join(reversed(out)), ")", k - 1
            if any(j < st < k - 1 for st in starts) and "".join(out).strip():
                return "".join(reversed(out)), "count", k  # ``구성(9명) 및 회의(4회)``: its own count ended
            out.append(" ")
            k = j
            continue
        if ch in _OPEN:
            return "".join(reversed(out)), "(", k - 1
        if ch in _SEPARATORS or (ch == "-" and text[k - 2:k - 1] == " " and text[k:k + 1] == " ") or \
                (ch in _DOTS and re.match(r"\s*\d", text[k:])):
            return "".join(reversed(out)), ch, k - 1
        out.append(ch)
        k -= 1
    return "".join(reversed(out)), "start", 0


def _tidy(label: str) -> tuple[str | None, bool]:
    """``(label, drop)``: a walked label without joiners, clause heads and markers; ``drop`` when it makes
    the count a share or rate."""
    s = re.sub(r"\s+", " ", label).strip()
    if _DISTRIBUTIVE.search(s):
        return None, True
    words = s.split()
    heads = [n for n, w in enumerate(words) if _CLAUSE_WORD.search(w)]
    if heads:
        words = words[heads[-1] + 1:]
    s = " ".join(words[-8:])
    for _ in range(3):
        s = _JOINERS.sub("", s).strip()
    s = clean_label(s) or ""
    words = s.split()
    if len(words) >= 2 and all(len(w) == 1 for w in words):
        s = "".join(words)  # letter-spaced key (``구 성``, ``대    상``) → 구성
    if _ROLE_WORDS.match(s):
        return None, True
    if re.search(r"(?:19|20)\d{2}|년|월|일|세|만\s*$", s[-2:]):
        return None, True  # a date or an age qualifies the count (``2022년 416개``, ``만15~19세 230명``)
    if len(squash(s)) < 2:
        return None, False
    return s, False


def _word_after(text: str, end: int) -> str | None:
    """The noun right after a count (``총 10,519건 대여`` → ``대여``), used when nothing labels it before."""
    m = re.match(r"\s*([가-힣A-Za-z][가-힣A-Za-z0-9]*)", text[end:])
    if not m or re.fullmatch(r"(?:및|등|중|이상|이하|미만|초과|내외|정도|가량|씩|이|가|을|를|의|에|으로|로)", m.group(1)):
        return None
    return m.group(1) if len(m.group(1)) >= 2 else None


def prose_counts(text: str) -> list[tuple[str | None, float, str]]:
    """``(label, value, unit)`` of every count in a prose line, with the label the phrase gives it.

    ``학부모 대상 만족도 조사(총 194명 설문) 1회`` → (``학부모 대상 만족도 조사``, 194, 명) and
    (``학부모 대상 만족도 조사``, 1, 회); ``대상규모 : 총 13명(시 자체지원 5명, …)`` → (``대상규모``, 13, 명),
    (``시 자체지원``, 5, 명); ``높은 기관 각 2개소`` → label None (a share: each institution). The label is
    None when the phrase gives none or only a fragment: such a count is not a fact.
    """
    s = normalise_text(text)
    found = [(m.start(), m.end(), m.group(1), m.group(2)) for m in PROSE_COUNT_RE.finditer(s)
             if m.group(2) not in SPAN_UNITS]
    ends = {e: st for st, e, _, _ in found}
    starts = {st for st, _, _, _ in found}
    labels: dict[int, str | None] = {}
    index: dict[int, int] = {}  # end of a count → its place in ``out``
    units = {e: u for _, e, _, u in found}
    out = []
    for st, e, number, unit in found:
        raw, stop, stop_pos = _walk_label(s, st, ends, starts)
        label, drop = _tidy(raw)
        if label and re.search(r"(?:^|\s)등$", raw.strip()) and _word_after(s, e):
            label = f"{label} 등 {_word_after(s, e)}"  # ``인재원 등 3개 기관``: institutions, one named before
        if stop == "count" and re.search(r"[과와]$", raw.strip()):
            label, drop = None, True  # ``10개 기본원칙과 46개``: the noun of the count before, not a label
        elif stop == "count" and label and " " not in label and units.get(stop_pos) == "개":
            # ``위원수 : 9개 분야 21명``: the word is the noun of ``9개``, not a label of ``21명``; this count
            # belongs to the phrase's subject (위원수 21명) and ``9개 분야`` has no label of its own
            label, drop = labels.get(stop_pos), labels.get(stop_pos) is None
            prev = index[stop_pos]
            out[prev] = (None, *out[prev][1:])
            labels[stop_pos] = None
        if label is None and not drop and stop == "(":
            # ``조사(총 194명``: the count qualifies what stands before the bracket
            outer, ostop, opos = _walk_label(s, stop_pos, ends, starts)
            if not outer.strip() and ostop == "count":
                if re.match(r"\s*[가-힣A-Za-z]", s[e:]):
                    drop = True  # ``참여자 1,000명(16개 시군)``: a count of something else qualifies it
                else:
                    label = labels.get(opos)  # ``홍보 1,639명(494개소)``: the same subject
            else:
                label, drop = _tidy(outer)
        if label is None and not drop and stop == ":":
            label, drop = _tidy(_walk_label(s, stop_pos, ends, starts)[0])  # ``대상규모 : 총 13명``
        if label is None and not drop and stop == "count" and not raw.strip(" /") and labels.get(stop_pos) \
                and units.get(stop_pos) in ("회", "개소", "명") and unit in ("명", "건", "가구", "회") \
                and units.get(stop_pos) != unit and not _word_after(s, e):
            # ``교육 14회 497명``, ``교육 28개소 1,304명``: counts side by side in different units measure the
            # same activity (its sessions or places, then its participants or cases)
            label = labels.get(stop_pos)
        if label is None and not drop and not raw.strip(" 총약") and stop not in ("(", ":", ")"):
            label = _word_after(s, e)  # ``총 10,519건 대여``
        labels[e] = None if drop else label
        index[e] = len(out)
        out.append((None if drop else label, _int(number), unit))
    return out


#: A figure with a count unit (``29명``, ``1,940 건``): a line that may hold prose counts.
_COUNT_FIGURE_RE = re.compile(rf"\d\s*(?:{_COUNT_UNIT_RE})")
#: Prose of targets and money: its counts are no activity outputs.
_NOT_PROSE_COUNT_RE = re.compile(r"목표|예산|억원|백만원|천원")


def read_prose_pairs(doc, ctx, result, used: set[int]) -> None:
    """Lines with two or more labelled counts (``실인원 29명 / 연인원 60명``, ``가정방문 1,940건, 홍보 813건``).

    Counts whose phrase gives no label (``총 250개``), or only a fragment (``기관 각 2개소``) are left out.
    """
    lcs = contexts(doc, ctx)
    for i, raw in enumerate(doc.lines):
        if (i + 1) in used or ("\t" in raw and any(_value_cells(c) for c in cells(raw))):
            continue  # a table row, read by the table readers
        text = normalise_text(raw)
        if not _COUNT_FIGURE_RE.search(text):
            continue
        if _unlabelled_counts(text):
            # ``전 26명 17명 17명 25명 119명``: a table row whose column labels were lost; pairing each count
            # with the previous count's unit would invent labels and drop every other value
            result.flag(i + 1, "activities", "unparsed_row", "counts without column labels not read",
                        severity="info", source_text=raw)
            continue
        if _NOT_PROSE_COUNT_RE.search(text):
            continue
        counts = prose_counts(text)
        if sum(1 for p in counts if p[0]) < 2:
            continue
        # a dated chronology (``○ 2014년 7월 : 사업지역 2개동 확대``): each count takes its event's year
        at = [m.start() for m in PROSE_COUNT_RE.finditer(normalise_text(text)) if m.group(2) not in SPAN_UNITS]
        for (label, value, unit), year in zip(counts, event_years(text, at), strict=False):
            if label:
                _add(result, doc, lcs[i], i + 1, raw, label, unit, value, year=year)


def extract_activities(doc, ctx) -> ExtractResult:
    """Activity counts from count tables and prose."""
    result = ExtractResult()
    used: set[int] = set()
    read_measure_tables(doc, ctx, result, used)
    read_unit_line_tables(doc, ctx, result, used)
    read_tab_tables(doc, ctx, result, used)
    read_prose_pairs(doc, ctx, result, used)
    return result


__all__ = ["extract_activities", "squash"]
