"""Funding-source vocabulary (재원): printed labels → the normalised ``source`` of the funding table.

The mapping is data, not branching: a new label seen in a document is a new entry here.

* 국비 (national): ``국비``, ``국``, ``국고``, ``국고보조금``, ``국비보조금``
* 시도비 (province/metropolitan city): ``시비``, ``도비``, ``시·도비``, ``시``, ``도``, ``市``
* 시군구비 (city/county/district): ``구비``, ``군비``, ``시·군비``, ``군구``, ``군·구비``, ``구``, ``군``
* 기금 (funds), 민간 (private money: 법인전입금 from the operating corporation, 후원금, 자부담)
* 기타 (other): revenue lines whose public level is not stated — 민간위탁금 (commission money paid to a
  private operator by a government whose level the line does not say), 잡수입 (interest and sundry
  income), 이월금 (carry-over from the previous year, not new money), 보조금 of unstated level.
* 계: totals (합계, 총계, 계, 소계 and the total row of an investment plan such as 목표예산).
"""

from __future__ import annotations

import re

from .numbers import normalise_text

SOURCE_LABELS: dict[str, str] = {
    "국비": "국비", "국": "국비", "국고": "국비", "국고보조금": "국비", "국비보조금": "국비", "국비지원": "국비",
    "시비": "시도비", "도비": "시도비", "시도비": "시도비", "시·도비": "시도비", "시": "시도비", "도": "시도비",
    "市": "시도비", "광역시비": "시도비", "특별시비": "시도비", "시보조금": "시도비", "도보조금": "시도비",
    "구비": "시군구비", "군비": "시군구비", "시군비": "시군구비", "시·군비": "시군구비", "군구": "시군구비",
    "군·구": "시군구비", "군·구비": "시군구비", "군구비": "시군구비", "시군구비": "시군구비", "시·군·구비": "시군구비",
    "구": "시군구비", "군": "시군구비", "자치구": "시군구비", "자치구비": "시군구비",
    "기금": "기금", "복지기금": "기금", "기금재원": "기금",
    "민간": "민간", "법인전입금": "민간", "전입금": "민간", "후원금": "민간", "자부담": "민간", "민간자본": "민간",
    "민간위탁금": "기타", "잡수입": "기타", "이월금": "기타", "보조금": "기타", "기타": "기타", "기타수입": "기타",
    "합계": "계", "총계": "계", "계": "계", "소계": "계", "총액": "계",
}

#: Labels of a split inside parentheses (short forms allowed): longest first for the regex.
_SPLIT_LABELS = sorted({k for k, v in SOURCE_LABELS.items() if v != "계" and v != "기타"} | {"기타"},
                       key=len, reverse=True)
SPLIT_LABEL_RE = "|".join(re.escape(k) for k in _SPLIT_LABELS)


def fold_label(text: str) -> str:
    """``군･구비`` / ``시ㆍ도비`` / ``국 비`` → ``군·구비`` / ``시·도비`` / ``국비``: one middle dot, no spaces."""
    s = normalise_text(text)
    s = re.sub(r"[･ㆍ\u119e・∙•·]", "·", s)  # ᆞ: ㆍ after NFKC
    return re.sub(r"\s+", "", s)


def normalise_source(label: str) -> str | None:
    """The normalised source of a printed label, or None when the label is not a funding source."""
    s = fold_label(label).strip("()[]:：")
    if s in SOURCE_LABELS:
        return SOURCE_LABELS[s]
    if s.replace("·", "") in SOURCE_LABELS:
        return SOURCE_LABELS[s.replace("·", "")]
    return None


#: 2-digit codes of the 도 (provinces): a 시 under one of them pays a 시비 that is its own (시군구) share.
PROVINCE_CODES = frozenset({"41", "42", "43", "44", "45", "46", "47", "48", "50", "51", "52"})


def by_region_level(source: str | None, label: str, region_code: str | None) -> str | None:
    """The source of a label as the publishing region means it. ``시비`` is the 시도 share in a 구 of a
    광역시/특별시 (beside 구비), but the 시군구 share in a 시 under a 도 (beside 도비): normalised by the
    region of the row, the printed label kept in ``source_label`` (the last part of a header path)."""
    if source != "시도비" or not region_code or len(str(region_code)) != 5:
        return source
    # the source's own name: a column path keeps its group (``예산액 › 시비 (계)``), the last part names it
    leaf = (label or "").split("›")[-1]
    core = fold_label(re.sub(r"\(.*?\)", "", leaf)).replace("·", "")
    if core.startswith(("시비", "시보조금")) or core in ("시", "市"):
        if str(region_code)[:2] in PROVINCE_CODES:
            return "시군구비"
    return source
