"""The ``contacts`` table: who answers for a programme, and on which telephone number (담당 부서·연락처).

Reports print an owner line under each programme heading: ``양성평등담당관 : 홍길동 ☎2133-1234
양성평등일자리팀장 : 김철수 ☎1235 담당 : 이영희/박민수 ☎1236/1237``. It is read as segments, each an office
or role word, the person's name(s) and a telephone mark (``☎``, ``☏``, ``TEL``, ``전화 :``) with one or more
numbers. One row per number: ``role`` is the office or role word as printed (spaces folded: ``담 당`` →
``담당``), ``department`` the office the line is about — its first office, with a head title's ``장``
dropped (``저출생정책추진반장`` → ``저출생정책추진반``; an owner line continued on the next line keeps it) —
and ``phone`` the number as printed (a short number such as ``1235`` is an extension of the line's full
number). **Personal names are never stored**: the rows have no ``source_text``; the ``line`` points to the
text.

A telephone number is a contact only when an office or role word stands right before it (names and a
colon between them allowed): a service number in prose (``유선(☎1533-1234) 신청``) is no contact.
"""

from __future__ import annotations

import re

from .facts import base_row, contexts
from .numbers import normalise_text
from .result import ExtractResult

#: A telephone mark and the number(s) after it: ``☎2133-1234``, ``☎ 1236/1237``, ``☎6162, 5016``, ``TEL. 02-123-4567``.
_NUMBER = r"(?:\(?0\d{1,2}\)?[-\s)]?)?\d{3,4}(?:-\d{4})?"
PHONE_RE = re.compile(rf"(?:[☎☏]|\b(?:TEL|Tel|tel)\b\.?\s*[:：]?|전화\s*[:：])\s*({_NUMBER}(?:\s*[/,]\s*{_NUMBER})*)(?![\d-])")
_MARK_RE = re.compile(r"[☎☏]|tel|전화", re.IGNORECASE)
_SPLIT_NUMBERS = re.compile(r"\s*[/,]\s*")
#: The words that name an office or a role: a department (``…과``, ``…담당관``, ``…팀``, ``…센터``), a head of
#: one (``…팀장``, ``…반장``), or a role (``담당``, ``주무관``). ``/`` joins two (``돌봄팀장/사업팀장``).
_OFFICE = r"(?:담당관|담당자|담당|주무관|주무|[가-힣]*(?:센터|본부)장?|[가-힣]*[과국실팀반단소]장?|[가-힣]+관)"
_WORD = rf"[가-힣A-Za-z0-9·]*{_OFFICE}"
#: The end of a segment's head: office/role word(s), an optional colon, then up to four names.
_HEAD_RE = re.compile(rf"({_WORD}(?:/{_WORD})*)\s*[:：]?\s*((?:[가-힣]{{2,6}}\s*[,/·]?\s*){{0,4}})$")
#: Head titles whose ``장`` drops to name the office (``팀장`` → ``팀``); a bare title names none.
_HEAD_TITLE_RE = re.compile(r"(.*?(?:센터|본부|[과국실팀반단소]))장$")
_ROLE_ONLY = frozenset({"담당", "담당자", "주무관", "주무", "팀장", "과장", "국장", "실장", "반장", "단장", "소장",
                        "센터장", "본부장"})
#: Single syllables spaced out (``담 당``): one word.
_SPACED_RE = re.compile(r"(?<![가-힣])(?:[가-힣] )+[가-힣](?![가-힣])")


def _fold(text: str) -> str:
    return _SPACED_RE.sub(lambda m: m.group(0).replace(" ", ""), text)


def _office(role: str) -> str:
    """The office a role word names: itself for an office, without ``장`` for a head title, none for a bare role."""
    first = role.split("/")[0]
    if first in _ROLE_ONLY:
        return ""
    m = _HEAD_TITLE_RE.match(first)
    return m.group(1) if m else first


def read_contacts(text: str) -> list[tuple[str, str]]:
    """``(role, number)`` pairs of one line, in order; empty when no telephone number follows an office or role."""
    s = _fold(normalise_text(text))
    out: list[tuple[str, str]] = []
    start = 0
    for m in PHONE_RE.finditer(s):
        head = _HEAD_RE.search(s[start:m.start()].rstrip())
        start = m.end()
        if not head:
            continue
        role = head.group(1)
        for number in _SPLIT_NUMBERS.split(m.group(1).strip()):
            out.append((role, re.sub(r"\s+", "", number)))
    return out


def extract_contacts(doc, ctx) -> ExtractResult:
    """One ``contacts`` row per telephone number of an owner line (no personal names)."""
    result = ExtractResult()
    lcs = None
    department, last = "", -2
    for i, text in enumerate(doc.lines):
        if not _MARK_RE.search(text):
            continue
        pairs = read_contacts(text)
        if not pairs:
            continue
        if lcs is None:
            lcs = contexts(doc, ctx)
        first = next((o for o in map(_office, (role for role, _ in pairs)) if o), "")
        # an owner line continued on the next line with extensions only (``…팀장 ☎1234 담당 ☎1235``) keeps
        # the office of the line above
        continued = i == last + 1 and department and not any("-" in number for _, number in pairs)
        department = department if continued else first
        last = i
        for role, number in pairs:
            row = base_row(doc, lcs[i], i + 1, "")
            del row["source_text"]  # the line holds personal names: the row points to it, never copies it
            row.update({"department": department or None, "role": role, "phone": number})
            result.add("contacts", row)
    return result
