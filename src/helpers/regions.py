"""Region registry: resolve the region names and codes found in documents to official codes.

The registry is ``data/reference/regions.csv`` (official 행정표준코드-style codes with validity periods and
``successor_code`` for renamed regions such as 강원도 42 → 강원특별자치도 51) plus
``data/reference/region_aliases.csv`` (the informal names documents use: 서울시, 부산, 경기 …).

A name resolves to the code **in force in the year the figures refer to**: 강원도 고성군 gives 42820 for
2022 and 51820 for 2024. Codes that replaced one another form a *lineage*; reports are filed under the
lineage's current code and include the facts recorded under its predecessors.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

from . import config
from .errors import AmbiguousRegionError, UnknownRegionError

LEVELS = ("sido", "sigungu", "gu")


def _date(text: str) -> date | None:
    return date.fromisoformat(text) if text else None


@dataclass(frozen=True)
class Region:
    """One official region (시도, 시군구 or 일반구) with its validity period."""

    code: str
    name: str
    short_name: str
    level: str
    parent_code: str
    valid_from: date | None
    valid_to: date | None
    successor_code: str
    note: str = ""

    def in_force(self, year: int | None) -> bool:
        """True when the code is valid on 31 December of ``year`` (or today, when ``year`` is None).

        Year-end is the reference day because annual figures are reported for the year as a whole and
        the code a reader looks up afterwards is the one the year ended with.
        """
        day = date(int(year), 12, 31) if year is not None else date.today()
        if self.valid_from and day < self.valid_from:
            return False
        if self.valid_to and day > self.valid_to:
            return False
        return True

    def label(self) -> str:
        """``서울특별시 서대문구 (11410)``: the form used in messages and report headers."""
        return f"{self.name} ({self.code})"


def normalise_name(text: str) -> str:
    """Fold the spacing and punctuation variants documents use for region names.

    ``서울특별시  서대문구`` → ``서울특별시 서대문구``; a middle dot or bracket around the name is dropped.
    """
    text = re.sub(r"[()\[\]「」『』<>·ㆍ･]", " ", str(text))
    return re.sub(r"\s+", " ", text).strip()


class RegionRegistry:
    """Official regions and aliases, with name/code resolution by year."""

    def __init__(self, regions_csv: Path | None = None, aliases_csv: Path | None = None):
        regions_csv = Path(regions_csv or config.REGIONS_CSV)
        aliases_csv = Path(aliases_csv or config.REGION_ALIASES_CSV)
        self.by_code: dict[str, Region] = {}
        self._tried: dict[tuple, Region | None] = {}  # answers of :meth:`try_resolve` (the registry is fixed)
        with open(regions_csv, encoding="utf-8-sig", newline="") as fh:
            for row in csv.DictReader(fh):
                region = Region(
                    code=row["code"].strip(),
                    name=normalise_name(row["name"]),
                    short_name=normalise_name(row["short_name"]),
                    level=row["level"].strip(),
                    parent_code=(row.get("parent_code") or "").strip(),
                    valid_from=_date((row.get("valid_from") or "").strip()),
                    valid_to=_date((row.get("valid_to") or "").strip()),
                    successor_code=(row.get("successor_code") or "").strip(),
                    note=(row.get("note") or "").strip(),
                )
                self.by_code[region.code] = region
        self.aliases: dict[str, str] = {}
        if aliases_csv.exists():
            with open(aliases_csv, encoding="utf-8-sig", newline="") as fh:
                for row in csv.DictReader(fh):
                    self.aliases[normalise_name(row["alias"])] = row["code"].strip()
        self.predecessors_of: dict[str, list[str]] = {}
        for region in self.by_code.values():
            if region.successor_code:
                self.predecessors_of.setdefault(region.successor_code, []).append(region.code)
        self._by_name: dict[str, list[str]] = {}
        self._by_short: dict[str, list[str]] = {}
        for region in self.by_code.values():
            self._by_name.setdefault(region.name, []).append(region.code)
            self._by_short.setdefault(region.short_name, []).append(region.code)

    # -- lineage ---------------------------------------------------------------------------------
    def get(self, code: str) -> Region:
        """The region with this exact code; :class:`UnknownRegionError` when there is none."""
        code = str(code).strip()
        if code.endswith(".0"):
            code = code[:-2]
        try:
            return self.by_code[code]
        except KeyError:
            raise UnknownRegionError(f"unknown region code {code!r}") from None

    def current(self, code: str) -> Region:
        """Follow successor codes to the code in force today (42820 → 51820)."""
        region = self.get(code)
        seen = {region.code}
        while region.successor_code and region.successor_code in self.by_code:
            region = self.by_code[region.successor_code]
            if region.code in seen:  # a cycle in the data would loop forever
                break
            seen.add(region.code)
        return region

    def lineage(self, code: str) -> list[Region]:
        """Every code of the region's history, oldest first, ending with the current code."""
        head = self.current(code)
        chain, frontier = [head], [head.code]
        while frontier:
            preds = [p for c in frontier for p in self.predecessors_of.get(c, [])]
            chain.extend(self.by_code[p] for p in preds)
            frontier = preds
        return list(reversed(chain))

    def in_force_version(self, code: str, year: int | None) -> Region:
        """The code of the same lineage that was in force in ``year`` (the given one if none was)."""
        region = self.get(code)
        if region.in_force(year):
            return region
        for candidate in self.lineage(code):
            if candidate.in_force(year):
                return candidate
        return region

    def children(self, code: str, year: int | None = None) -> list[Region]:
        """The regions directly below ``code`` (any code of its lineage), in force in ``year``."""
        parents = {r.code for r in self.lineage(code)}
        kids = [r for r in self.by_code.values() if r.parent_code in parents and r.code != code]
        kids = [r for r in kids if r.in_force(year)]
        return sorted(kids, key=lambda r: r.code)

    # -- resolution --------------------------------------------------------------------------------
    def _candidates(self, name: str) -> list[str]:
        """Codes whose official name, short name or alias equals ``name``."""
        codes: list[str] = []
        if name in self.aliases:
            codes.append(self.aliases[name])
        exact = self._by_name.get(name, [])
        if exact:
            # 세종특별자치시 is both a 시도 (36) and its single 시군구 (36110): the 시도 is meant.
            top = min(exact, key=lambda c: LEVELS.index(self.by_code[c].level))
            return [top] if not codes else codes + [top]
        codes.extend(self._by_short.get(name, []))
        return codes

    def _prefixed(self, name: str, parents: set[str] | None = None) -> list[str]:
        """Codes whose short or full name starts with ``name`` (``구로`` → 구로구), at least two characters.

        A region and the regions below it that share the prefix (성남시 and 성남시 수정구 …) count as one
        match, the upper one: the rest are its parts, not rivals.
        """
        if len(name) < 2:
            return []
        hits = {r.code for r in self.by_code.values()
                if (r.short_name.startswith(name) or r.name.startswith(name))
                and (parents is None or r.parent_code in parents)}
        return sorted(c for c in hits if self.by_code[c].parent_code not in hits)

    def _match(self, name: str, parents: set[str], loose: bool = True) -> list[str]:
        """Codes below ``parents`` named ``name`` exactly, else (``loose``) those whose name starts with it."""
        exact = [c for c in self._candidates(name) if self.by_code[c].parent_code in parents]
        return exact or (self._prefixed(name, parents) if loose else [])

    def _unspaced(self, name: str) -> list[str]:
        """``서울특별시구로구``, ``부산수영구``: a parent and a child written without the space between them.

        Every split point is tried, the longest parent name first; the first split whose head names a
        region and whose tail names one of its children (exactly or by prefix) wins.
        """
        for cut in range(len(name) - 1, 1, -1):
            head, tail = name[:cut], name[cut:]
            parents = self._candidates(head)
            if not parents or len(self._lineage_groups(parents)) != 1:
                continue
            lineage = {r.code for r in self.lineage(parents[0])}
            codes = self._match(tail, lineage)
            if codes:
                return codes
        return []

    def _lineage_groups(self, codes: list[str]) -> dict[str, list[str]]:
        groups: dict[str, list[str]] = {}
        for code in dict.fromkeys(codes):
            groups.setdefault(self.current(code).code, []).append(code)
        return groups

    def resolve(self, text: str | int, year: int | None = None, parent: str | None = None,
                loose: bool = True) -> Region:
        """Resolve a name or code to one region, choosing the code in force in ``year``.

        ``text`` may be a code (``11410``), a full name (``서울특별시 서대문구``), a parent and a short name
        (``부산 수영구``, ``경기도 성남시 분당구``), an alias (``서울시``) or a short name that is unique
        (``수영구``, ``성남시``). ``parent`` (name or code) disambiguates short names such as 중구.
        With ``loose`` (the default, for names people type): a 시도 and 시군구 written without the space
        (``서울특별시구로구``), then a unique prefix (``구로``, ``성남``: a region and its own 일반구 count as
        one). Raises :class:`UnknownRegionError` or :class:`AmbiguousRegionError` with the candidates.
        """
        raw = normalise_name(str(text))
        if not raw:
            raise UnknownRegionError("empty region name")
        if raw.endswith(".0") and raw[:-2].isdigit():
            raw = raw[:-2]
        if raw.isdigit():
            if raw not in self.by_code:
                raise UnknownRegionError(f"unknown region code {raw!r}")
            return self.in_force_version(raw, year)

        parent_codes: set[str] | None = None
        if parent is not None:
            p = self.resolve(parent, year=None, loose=loose)
            parent_codes = {r.code for r in self.lineage(p.code)}

        codes = self._candidates(raw)
        if not codes and " " in raw:
            # "부산 수영구", "경기도 성남시 분당구": the leading words name the parent.
            head, _, tail = raw.rpartition(" ")
            p = self.resolve(head, year=None, loose=loose)
            codes = self._match(tail, {r.code for r in self.lineage(p.code)}, loose)
            if not codes:
                raise UnknownRegionError(f"no region named {tail!r} in {p.name}")
        if not codes and loose:
            codes = self._unspaced(raw) or self._prefixed(raw)
        if not codes:
            raise UnknownRegionError(f"no region matches {raw!r}{self._suggest(raw)}")
        if parent_codes is not None:
            narrowed = [c for c in codes if self.by_code[c].parent_code in parent_codes or c in parent_codes]
            if not narrowed:
                raise UnknownRegionError(f"no region named {raw!r} under {parent}")
            codes = narrowed
        groups = self._lineage_groups(codes)
        if len(groups) > 1:
            cands = sorted(self.get(c).label() for c in groups)
            raise AmbiguousRegionError(
                f"region name {raw!r} is ambiguous: {', '.join(cands)}; give the 시도 (e.g. "
                f"'{self.get(sorted(groups)[0]).name}') or a code",
                candidates=cands,
            )
        (code,) = groups
        return self.in_force_version(code, year)

    def try_resolve(self, text: str, year: int | None = None, parent: str | None = None,
                    loose: bool = False) -> Region | None:
        """Like :meth:`resolve` but returns None instead of raising, and strict by default (``loose=False``).

        The extractor calls it on words of the documents, where a prefix would turn ordinary words into
        regions (``동해`` → 동해시); names a person types go through :meth:`resolve`.
        """
        key = (text, year, parent, loose)
        tried = self._tried  # the extractor asks the same words again and again: each answer is kept
        if key not in tried:
            try:
                tried[key] = self.resolve(text, year=year, parent=parent, loose=loose)
            except (UnknownRegionError, AmbiguousRegionError):
                tried[key] = None
        return tried[key]

    def _suggest(self, name: str) -> str:
        close = sorted({r.name for r in self.by_code.values() if name[:2] and name[:2] in r.name})[:5]
        return f" (did you mean: {', '.join(close)}?)" if close else ""

    def all(self, year: int | None = None) -> list[Region]:
        """All regions in force in ``year`` (today when None), by code."""
        return sorted((r for r in self.by_code.values() if r.in_force(year)), key=lambda r: r.code)


@lru_cache(maxsize=4)
def registry(regions_csv: str | None = None, aliases_csv: str | None = None) -> RegionRegistry:
    """The shared registry (loaded once per process)."""
    return RegionRegistry(Path(regions_csv) if regions_csv else None, Path(aliases_csv) if aliases_csv else None)


def resolve(text: str | int, year: int | None = None, parent: str | None = None) -> Region:
    """Resolve a region name or code with the project registry (see :meth:`RegionRegistry.resolve`)."""
    return registry().resolve(text, year=year, parent=parent)
