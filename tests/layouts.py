"""Layout variants of real documents, for checking that the extractor reads the same facts in any layout.

Other converters print the same tables differently: ``|`` pipe tables with a ``|---|`` rule under the first
row, cells separated by runs of spaces or by single spaces, labels wrapped onto the line before the numbers,
CP949 or UTF-8-with-BOM/CRLF files. Each function here turns the lines of a real document into such a
variant and returns ``(lines, origin)``: ``origin[k]`` is the 1-based line of the original document that
variant line ``k`` comes from (None for an added line such as a pipe rule), so facts read from the variant
can be compared with the original's at their original lines.
"""

from __future__ import annotations

import re

Variant = tuple[list[str], list[int | None]]

#: Characters CP949 cannot encode, with the look-alike a CP949 converter prints instead.
CP949_LOOKALIKES = {
    "Ÿ": "○", "∙": "ㆍ", "･": "ㆍ", "–": "-", "•": "·", "◦": "○", "⇨": "→", "➡": "→", "➨": "→", "➞": "→",
    "➠": "→", "￫": "→", "⟹": "⇒", "↳": "→", "⤷": "→", "⇧": "↑", "✓": "√", "❖": "◆", "▪": "■", "►": "▶",
    "⦁": "·", "▸": "▶", "▹": "▷", "‣": "▶", "І": "I", "£": "L", "\u0307": "", "☺": "☆", "〇": "○", "｢": "「",
    "｣": "」", "㉓": "(23)", "\uf0a7": "·",
    **{chr(0x2776 + k): chr(0x2460 + k) for k in range(10)},  # ❶ → ①
    **{chr(0x2780 + k): chr(0x2460 + k) for k in range(10)},  # ➀ → ①
}


def identity(lines: list[str]) -> Variant:
    return list(lines), list(range(1, len(lines) + 1))


def _tab_cells(line: str) -> list[str]:
    cells = [c.strip() for c in line.split("\t")]
    while cells and not cells[-1]:
        cells.pop()
    return cells


def to_pipes(lines: list[str]) -> Variant:
    """Tab rows → ``| a | b |`` rows; a ``|---|---|`` rule follows the first row of each block of rows
    (as markdown converters print it, even when the real header spans two rows)."""
    out: list[str] = []
    origin: list[int | None] = []
    prev_tabbed = False
    for n, line in enumerate(lines, 1):
        if "\t" not in line:
            out.append(line)
            origin.append(n)
            prev_tabbed = False if line.strip() else prev_tabbed
            continue
        cells = [c.strip() for c in line.split("\t")]
        out.append("| " + " | ".join(cells) + " |")
        origin.append(n)
        if not prev_tabbed:
            out.append("|" + "|".join("---" for _ in cells) + "|")
            origin.append(None)
        prev_tabbed = True
    return out, origin


def to_spaces(lines: list[str], gap: str = "  ") -> Variant:
    """Tab rows → cells separated by ``gap`` (two spaces by default); empty merged cells disappear, as
    they do in converters that print a table as aligned text."""
    out = []
    for line in lines:
        out.append(gap.join(c for c in _tab_cells(line) if c) if "\t" in line else line)
    return out, list(range(1, len(lines) + 1))


def to_single_spaces(lines: list[str]) -> Variant:
    """Tab rows whose cells hold no inner space → cells separated by one space; other tab rows (where a
    single space would merge cells) by two spaces."""
    out = []
    for line in lines:
        if "\t" not in line:
            out.append(line)
            continue
        cells = [c for c in _tab_cells(line) if c]
        out.append((" " if not any(" " in c for c in cells) else "  ").join(cells))
    return out, list(range(1, len(lines) + 1))


_FIGURE = re.compile(r"[△▲]?-?\d[\d,]*(?:\.\d+)?\s?(?:%|백만원|천원|명|건)?$")


def wrap_labels(lines: list[str]) -> Variant:
    """Rows ``long label words 1,234 5,678 99% text`` → the first half of the label on its own line
    before ``rest of label 1,234 5,678 99% text`` (a converter wrapping a wide label cell). Space-separated
    rows whose label has three or more words before two or more figures are wrapped; the numbers keep
    their line's origin."""
    out: list[str] = []
    origin: list[int | None] = []
    for n, line in enumerate(lines, 1):
        words = line.split()
        k = 0
        while k < len(words) and not _FIGURE.fullmatch(words[k]):
            k += 1
        numbers = words[k:]
        if ("\t" in line or "|" in line or k < 3 or len(numbers) < 2
                or not all(_FIGURE.fullmatch(w) for w in numbers[:2])):
            out.append(line)
            origin.append(n)
            continue
        half = k // 2
        out.append(" ".join(words[:half]))
        origin.append(None)
        out.append(" ".join(words[half:]))
        origin.append(n)
    return out, origin


def cp949_text(lines: list[str]) -> str:
    """The document's text with the characters CP949 lacks replaced by their look-alikes."""
    text = "\n".join(lines) + "\n"
    return "".join(CP949_LOOKALIKES.get(ch, ch) for ch in text)
