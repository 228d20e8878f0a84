"""Progress display of a batch: tqdm bars on a terminal, and one line per region for logs."""

from __future__ import annotations

import sys

from .tasks import RegionResult, RegionTask


class Progress:
    """tqdm bars: one for the batch, one per running region (cells done, elapsed), a line per result.

    Bars are drawn only on a terminal (stderr); the line per region goes to stdout whenever ``lines`` is
    true, so a cron log records each region with its time.
    """

    def __init__(self, total: int, lines: bool):
        from tqdm.auto import tqdm

        self._tqdm = tqdm
        self.lines = lines
        self.overall = tqdm(total=total, desc="reports", unit="region", disable=None if lines else True,
                            position=0, dynamic_ncols=True)
        self.bars: dict[str, object] = {}
        self.slots: list[str | None] = []

    def start(self, task: RegionTask) -> None:
        if self.overall.disable:
            return
        slot = self.slots.index(None) if None in self.slots else len(self.slots)
        if slot == len(self.slots):
            self.slots.append(None)
        self.slots[slot] = task.code
        self.bars[task.code] = self._tqdm(total=None, desc=f"  {task.code}", unit="cell", leave=False,
                                          position=slot + 1, dynamic_ncols=True)

    def progress(self, code: str, done: int, total: int) -> None:
        bar = self.bars.get(code)
        if bar is not None:
            bar.total = total
            bar.n = done
            bar.refresh()

    def finish(self, result: RegionResult) -> None:
        bar = self.bars.pop(result.code, None)
        if bar is not None:
            bar.close()
            self.slots[self.slots.index(result.code)] = None
        mark = {"ok": "done", "failed": "FAILED"}.get(result.status, result.status)
        line = f"{mark:>6} {result.code} {result.name} ({result.duration:.1f} s)"
        if result.status == "failed":
            line += f": {result.error}"
        if self.lines:
            self.overall.write(line, file=sys.stdout)
        self.overall.update(1)

    def close(self) -> None:
        for bar in self.bars.values():
            bar.close()
        self.overall.close()
