"""Command-line glue of the batch: ``welfare-eval report`` and ``run`` call :func:`run_reports_cli`."""

from __future__ import annotations


def run_reports_cli(args) -> int:
    """Render as the arguments say, print the summary, return the exit code."""
    from . import run_reports

    summary = run_reports(
        args.region, jobs=args.jobs, executor=args.executor, scheduler=args.scheduler, force=args.force,
        timeout=args.timeout, reports_dir=args.reports, processed_dir=args.processed,
        notebook=getattr(args, "notebook", None),
    )
    print(summary.format(args.reports))
    return summary.exit_code
