"""Plan structure (계획 구조): 전략목표 (goal) → 핵심과제 (task) → 세부사업 (project) → 담당부서(팀).

Community welfare plans print the hierarchy as a table whose upper levels are merged cells: a goal or
task is printed once and left blank on the rows below it. Converters also shift such cells across
columns. So each cell is classified by its numbering, not its column: ``1.`` is a goal, ``1-1.`` a task,
``1-1-1.`` a project, and a project belongs to the task and goal its number starts with (blank cells are
thereby "carried down"). When the same hierarchy table is printed more than once (``<수정 전>`` /
``<수정 후>``: before/after revision), the later version decides which projects exist and each name is
taken from the latest version that prints it (a revised table printing numbers only keeps the names
of the earlier one).

Per-task detail tables (``핵심과제 1-1 : …`` followed by ``구분 | 사업 내용 | 담당 부서 (담당 팀명)``) give
each project's description and department/team, in the order of the project numbers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .facts import base_row, cells, contexts, squash
from .numbers import normalise_text
from .result import ExtractResult

#: Numbered cells: ``1. 쉽게 찾는 …`` (goal), ``1-1. …`` (task), ``1-1-1. …`` (project); the name may be empty.
NUMBERED = re.compile(r"^(\d{1,2}(?:-\d{1,2}){0,2})\s*[.)]\s*(.*)$")
#: Header of a hierarchy table.
HIER_HEADER = re.compile(r"전략\s*목표.*핵심\s*과제|핵심\s*과제.*세부\s*사업")
#: Heading of a per-task detail table: ``(1). 핵심과제 1-1 : 주민밀착형 복지전달체계 강화``.
TASK_HEADING = re.compile(r"핵심\s*과제\s*(\d{1,2}-\d{1,2})\s*[:：.]?\s*(.*)$")
#: Header of a detail table: it names the description and the department columns.
DETAIL_HEADER = re.compile(r"(사업\s*내용|주요\s*내용).*(담당|부서)")
#: The total row: ``계 11개 핵심과제 48개 세부사업``.
TOTAL_ROW = re.compile(r"^\s*(?:합\s*)?계\b")
#: ``복지정책과 (복지자원팀)`` → department, team; extra departments may follow.
DEPT_RE = re.compile(r"([가-힣A-Za-z·]+(?:과|국|실|단|소|원|센터|관|청|처|본부|팀|분과))\s*(?:\(([^)]*)\))?")


@dataclass
class Hierarchy:
    """One printed hierarchy table: names by number, and where each project was printed."""

    goals: dict[str, tuple[str, int]] = field(default_factory=dict)
    tasks: dict[str, tuple[str, int]] = field(default_factory=dict)
    projects: dict[str, tuple[str, int, str]] = field(default_factory=dict)  # code → (name, line, text)
    stated_projects: int | None = None
    header_line: int = 0


def _label(code: str, name: str) -> str:
    return f"{code}. {name}".strip() if name else ""


def read_hierarchies(lines: list[str]) -> list[Hierarchy]:
    """Every hierarchy table of the document, in order of appearance."""
    out: list[Hierarchy] = []
    i = 0
    while i < len(lines):
        if not (HIER_HEADER.search(lines[i]) and len(cells(lines[i])) >= 2):
            i += 1
            continue
        h = Hierarchy(header_line=i + 1)
        j = i + 1
        while j < len(lines):
            text = lines[j]
            if not text.strip():
                if h.projects:
                    break
                j += 1
                continue
            row = cells(text)
            if TOTAL_ROW.match(row[0] if row else "") or (row and not row[0] and len(row) > 1
                                                          and TOTAL_ROW.match(row[1])):
                m = re.search(r"(\d+)\s*개\s*세부\s*사업", text)
                h.stated_projects = int(m.group(1)) if m else None
                j += 1
                break
            numbered = [NUMBERED.match(c) for c in row if c]
            if not any(numbered):
                break
            for m in numbered:
                if not m:
                    continue
                code, name = m.group(1), m.group(2).strip()
                depth = code.count("-")
                if depth == 0:
                    h.goals[code] = (name, j + 1)
                elif depth == 1:
                    h.tasks[code] = (name, j + 1)
                else:
                    h.projects[code] = (name, j + 1, text)
            j += 1
        if h.projects:
            out.append(h)
        i = j
    return out


def merge_versions(versions: list[Hierarchy]) -> Hierarchy:
    """The latest version's set of projects, each name from the latest version that prints one."""
    final = Hierarchy()
    last = versions[-1]
    for h in versions:  # later versions overwrite names, but blanks never erase one
        for src, dst in ((h.goals, final.goals), (h.tasks, final.tasks)):
            for code, (name, line) in src.items():
                if name or code not in dst:
                    dst[code] = (name, line)
        for code, value in h.projects.items():
            if value[0] or code not in final.projects:
                final.projects[code] = value
    final.projects = {c: final.projects[c] for c in last.projects}
    final.stated_projects = last.stated_projects or next(
        (h.stated_projects for h in reversed(versions) if h.stated_projects), None)
    return final


def _code_key(code: str) -> tuple[int, ...]:
    return tuple(int(p) for p in code.split("-"))


@dataclass
class Detail:
    name: str
    description: str
    department: str
    team: str
    line: int
    text: str


def parse_department(text: str) -> tuple[str, str]:
    """``복지정책과 (복지자원팀)`` → (``복지정책과``, ``복지자원팀``); several departments join with ``, ``."""
    s = normalise_text(text).strip()
    depts, teams = [], []
    for m in DEPT_RE.finditer(s):
        depts.append(m.group(1))
        if m.group(2):
            teams.append(m.group(2).strip())
    if not depts:
        return s, ""
    return ", ".join(dict.fromkeys(depts)), ", ".join(dict.fromkeys(teams))


def read_details(lines: list[str]) -> dict[str, list[Detail]]:
    """Task code → its detail rows (project name, description, department, team), in printed order."""
    out: dict[str, list[Detail]] = {}
    task = None
    i = 0
    while i < len(lines):
        text = lines[i]
        m = TASK_HEADING.search(normalise_text(text))
        if m and "\t" not in text:
            task = m.group(1)
        elif task and DETAIL_HEADER.search(text) and len(cells(text)) >= 3:
            j = i + 1
            while j < len(lines) and lines[j].strip():
                row = cells(lines[j])
                if len(row) >= 3:
                    dept, team = parse_department(row[-1])
                    out.setdefault(task, []).append(Detail(row[0], " ".join(row[1:-1]).strip(), dept, team, j + 1,
                                                           lines[j]))
                j += 1
            task = None
            i = j
            continue
        i += 1
    return out


def _similar(a: str, b: str) -> float:
    """Share of characters of the shorter label found in order in the longer (names differ by typos)."""
    a, b = squash(a), squash(b)
    if not a or not b:
        return 0.0
    from difflib import SequenceMatcher

    return SequenceMatcher(None, a, b).ratio()


def extract_plan_items(doc, ctx) -> ExtractResult:
    """Hierarchy tables (+ detail tables) → ``plan_items`` rows, one per 세부사업."""
    result = ExtractResult()
    versions = read_hierarchies(doc.lines)
    if not versions:
        return result
    lcs = contexts(doc, ctx)
    if len(versions) > 1:
        result.flag(versions[-1].header_line, "plan_items", "superseded_table",
                    f"plan structure printed {len(versions)} times (e.g. <수정 전>/<수정 후>); the last version "
                    f"(line {versions[-1].header_line}) decides the projects, names come from the latest version "
                    f"printing them", severity="info")
    h = merge_versions(versions)
    details = read_details(doc.lines)
    by_task: dict[str, list[str]] = {}
    for code in sorted(h.projects, key=_code_key):
        by_task.setdefault(code.rsplit("-", 1)[0], []).append(code)
    for task_code, codes in by_task.items():
        rows = details.get(task_code, [])
        matched: dict[str, Detail] = {}
        if len(rows) == len(codes):
            matched = dict(zip(codes, rows, strict=True))  # same count: printed in number order
        else:
            for code in codes:
                best = max(rows, key=lambda d: _similar(d.name, h.projects[code][0]), default=None)
                if best is not None and _similar(best.name, h.projects[code][0]) >= 0.6:
                    matched[code] = best
            if rows:
                result.flag(rows[0].line, "plan_items", "count_mismatch",
                            f"핵심과제 {task_code}: {len(codes)} projects in the structure table, {len(rows)} in its "
                            f"detail table; matched by name", source_text=rows[0].text)
        goal_code = task_code.split("-")[0]
        for code in codes:
            name, line, text = h.projects[code]
            d = matched.get(code)
            if not name and d:
                name = d.name
            if d and name and _similar(name, d.name) < 0.5:
                result.flag(d.line, "plan_items", "name_mismatch",
                            f"세부사업 {code} is {name!r} in the structure table but {d.name!r} in the detail table",
                            source_text=d.text)
            row = base_row(doc, lcs[line - 1], line, text + ("\n" + d.text if d else ""), program=name or None)
            row.update({
                "goal": _label(goal_code, h.goals.get(goal_code, ("", 0))[0]) or None,
                "task": _label(task_code, h.tasks.get(task_code, ("", 0))[0]) or None,
                "project": _label(code, name) or code,
                "department": d.department if d else None,
                "team": (d.team or None) if d else None,
                "description": (d.description or None) if d else None,
            })
            result.add("plan_items", row)
    n = len(h.projects)
    if h.stated_projects is not None and h.stated_projects != n:
        result.flag(versions[-1].header_line, "plan_items", "total_mismatch",
                    f"the table states {h.stated_projects} 세부사업 but lists {n}")
    return result
