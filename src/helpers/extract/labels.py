"""Label hygiene (표기 정리): the one cleaner every extractor's text labels go through.

Converters leave list markers in front of labels — symbol-font bullets that decode as ``Ÿ`` or ``£``,
private-use characters, ``∙ ▸ ► ⦁ □ ○ ■ - ※``, circled list numbers ``①`` — and a label cut out of a
sentence can carry half a bracket (``조사(총``, ``기존) 법인시설``). :func:`clean_label` removes both;
:func:`clean_row` applies it to the label columns of a fact row (``scope``, ``item``, ``program``,
``indicator``, ``source_label``). ``source_text`` is never touched: it keeps the raw line.
"""

from __future__ import annotations

import re
from functools import lru_cache

#: Columns holding labels read from the text.
LABEL_COLUMNS = ("scope", "item", "program", "indicator", "source_label")

#: Bullet glyphs: symbol-font bullets decoded as Latin-1 (Ÿ, £, §, ¨), geometric and arrow bullets, dashes,
#: the reference mark, and the Unicode private-use area (symbol fonts mapped there by the converters).
_GLYPHS = re.escape("Ÿ£§¨∙•·･ㆍ‣▪▫▸▹►▻▶▷⦁□○◦◎●◯❍■▣◆◇◈♦◼◻※→⇒⟹⇨➔➜➨↳⤷↓▼▽√✓✔☞❖✧✦-–—") + "\ue000-\uf8ff"
#: Circled and parenthesised list numbers and letters (①, ㉑, ⑴, ⒈, ❶, ➀, ㉠, ㈀) — list markers at the start.
_LIST_NUMBERS = "①-⑳㉑-㉟㊱-㊿⑴-⒇⒈-⒛❶-❿➀-➓㉠-㉻㈀-㈜"
_LEADING = re.compile(
    rf"^(?:[{_GLYPHS}{_LIST_NUMBERS}]+|(?:ㅇ|\+|~|\d{{1,2}}\)|\(\d{{1,2}}\))(?=\s)|\*(?!\*)|[,.:/])\s*")
_TRAILING = re.compile(r"\s*[,:/·･∙※\-–—]+$")
#: Bracket pairs checked for balance (``<>`` is not one: ``<2022추가>`` and markup are left as printed).
_PAIRS = {")": "(", "]": "[", "}": "{", "」": "「", "』": "『", "】": "【", "〉": "〈", "》": "《", "）": "（"}
_OPENERS = set(_PAIRS.values())
_BRACKETS = frozenset(_PAIRS) | _OPENERS


def _unmatched(text: str) -> tuple[list[int], list[int]]:
    """Positions of closing brackets with no opener, and of openers never closed."""
    stack: list[int] = []
    closers: list[int] = []
    for k, ch in enumerate(text):
        if ch in _OPENERS:
            stack.append(k)
        elif ch in _PAIRS:
            if stack and text[stack[-1]] == _PAIRS[ch]:
                stack.pop()
            else:
                closers.append(k)
    return closers, stack


def balance_brackets(text: str) -> str:
    """Drop the cut-off part of a half bracket: ``조사(총`` → ``조사``; ``기존) 법인시설`` → ``법인시설``.

    When nothing would remain (``설문)``, ``(총``) only the stray bracket goes.
    """
    if _BRACKETS.isdisjoint(text):
        return text  # no bracket at all: nothing to balance
    closers, openers = _unmatched(text)
    if closers:
        k = closers[-1]
        text = text[k + 1:] if text[k + 1:].strip() else text[:k] + text[k + 1:]
    closers, openers = _unmatched(text)
    if openers:
        k = openers[0]
        text = text[:k] if text[:k].strip() else text[:k] + text[k + 1:]
    return text


_WS_RE = re.compile(r"\s+")


def clean_label(text: str | None) -> str | None:
    """A label without list markers, half brackets or extra spaces; None when nothing is left.

    ``Ÿ 예산 집행 실적`` → ``예산 집행 실적``; ``① 지역돌봄협의체 활성화`` → ``지역돌봄협의체 활성화``;
    ``)·긴급보호`` → ``긴급보호``; ``「시립 서울형 키즈카페」 운영`` and ``(재)서울시여성가족재단`` stay.
    """
    if text is None or (isinstance(text, float) and text != text):
        return None
    return _clean(str(text))


@lru_cache(maxsize=1 << 14)
def _clean(text: str) -> str | None:
    """:func:`clean_label` of a text (cached: a document's rows repeat their program and item labels)."""
    s = _WS_RE.sub(" ", text).strip()
    for _ in range(4):  # markers, a half bracket, markers again (``)·긴급보호``)
        before = s
        s = _LEADING.sub("", s)
        s = balance_brackets(s).strip()
        s = _TRAILING.sub("", s).strip()
        if s == before:
            break
    return s or None


def clean_row(row: dict) -> dict:
    """Clean the label columns of one fact row in place (``source_text`` stays raw); returns the row."""
    for col in LABEL_COLUMNS:
        if col in row and row[col] is not None:
            row[col] = clean_label(row[col])
    return row
