"""The ``welfare-eval`` command line: convert, extract, regions, report, run, export.

Errors of the project's own kinds become one clear message on stderr and a non-zero exit code; heavy
modules are imported only by the command that needs them, so ``extract`` starts fast.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import __version__, config
from .errors import WelfareEvalError


def _cmd_extract(args: argparse.Namespace) -> int:
    from .extract.pipeline import run_extract

    return run_extract(args.raw, args.out, interim_dir=getattr(args, "interim", None),
                       jobs=getattr(args, "extract_jobs", None))


def _cmd_convert(args: argparse.Namespace) -> int:
    from .convert.cli import run_convert

    return run_convert(args.raw, args.out, force=args.reconvert)


def _cmd_regions(args: argparse.Namespace) -> int:
    from .catalog import regions_with_data

    table = regions_with_data(args.processed)
    if table.empty:
        print("no regions with data: run `welfare-eval extract` first")
        return 1
    print(table.to_string(index=False))
    return 0


def report_parameters(args: argparse.Namespace) -> dict:
    """The report notebook's optional parameters given on the command line (``--year``, ``--peer-group``).

    ``--peer-group`` is checked here, before any kernel starts: a misspelt group is one error, not a
    failed report per region.
    """
    from .errors import ParameterError
    from .regions import registry

    params: dict = {}
    if getattr(args, "year", None) is not None:
        params["year"] = int(args.year)
    group = getattr(args, "peer_group", None)
    if group:
        group = group.strip()
        if group not in ("all", "level", "sido"):
            reg = registry()
            for part in group.split(","):
                if reg.try_resolve(part.strip()) is None:
                    raise ParameterError(f"--peer-group {group!r}: {part.strip()!r} is neither 'all', 'level', "
                                      f"'sido' nor a region name or code")
        params["peer_group"] = group
    return params


def _report_regions(args: argparse.Namespace):
    """``--region all`` with ``--year``: the regions that have figures for that year (the others would
    each fail with "no data for YEAR"); anything else as given."""
    if getattr(args, "year", None) is None or str(args.region).strip().lower() != "all":
        return args.region
    from .catalog import regions_with_data

    table = regions_with_data(args.processed, year=args.year)
    if table.empty:
        from .errors import ReportError

        raise ReportError(f"no region has figures for {args.year}")
    return ",".join(table["region_code"])


def _cmd_report(args: argparse.Namespace) -> int:
    from .batch import run_reports

    summary = run_reports(
        _report_regions(args), jobs=args.jobs, executor=args.executor, scheduler=args.scheduler,
        force=args.force, timeout=args.timeout, reports_dir=args.reports, processed_dir=args.processed,
        notebook=args.notebook, parameters=report_parameters(args),
    )
    print(summary.format(args.reports))
    return summary.exit_code


def _cmd_run(args: argparse.Namespace) -> int:
    code = _cmd_extract(args)
    args.region = "all"
    return max(code, _cmd_report(args))


def _cmd_export(args: argparse.Namespace) -> int:
    from .tables_export import export_tables

    written = export_tables(args.out, args.format, long=args.long, korean_headers=args.korean_headers,
                            processed_dir=args.processed)
    where = args.out if args.format == "xlsx" else f"{args.out}/ ({len(written)} files)"
    print(f"wrote {where}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (exposed for tests and for `--help` documentation)."""
    parser = argparse.ArgumentParser(
        prog="welfare-eval",
        description="Korean local-government welfare reports → fact tables → per-region HTML reports.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    def add_io(p: argparse.ArgumentParser) -> None:
        p.add_argument("--raw", type=Path, default=config.RAW_DIR, help="folder of raw documents (+ sources.yaml)")
        p.add_argument("--out", type=Path, default=config.PROCESSED_DIR, help="folder for processed tables")
        p.add_argument("--interim", type=Path, default=None,
                       help="folder for converted HWPX/HWP/PDF documents (default: data/interim, or OUT/interim "
                            "with --out)")

    def add_report(p: argparse.ArgumentParser) -> None:
        p.add_argument("--jobs", type=int, default=None, help="worker processes (default: CPU count)")
        p.add_argument("--executor", choices=["local", "dask"], default="local", help="where reports run")
        p.add_argument("--scheduler", default=None, help="Dask scheduler address (with --executor dask)")
        p.add_argument("--force", action="store_true", help="re-render regions whose inputs are unchanged")
        p.add_argument("--timeout", type=float, default=600, help="seconds allowed per region")
        p.add_argument("--reports", type=Path, default=config.REPORTS_DIR, help="output folder for reports")
        p.add_argument("--notebook", type=Path, default=None,
                       help="report notebook to run per region (default: notebooks/region_report.ipynb)")
        p.add_argument("--year", type=int, default=None,
                       help="only figures referring to this year (with 'all': the regions that have them); "
                            "written to the same reports/<code>.html, so use --reports DIR to keep both")
        p.add_argument("--peer-group", default=None,
                       help="comparison group: 'all' (default), 'level', 'sido' or region codes/names, comma-separated")

    p = sub.add_parser("extract", help="raw documents → data/processed tables (Parquet + CSV)")
    add_io(p)
    p.add_argument("--jobs", dest="extract_jobs", type=int, default=None,
                   help="documents extracted side by side in worker processes (default: up to the CPU count "
                        "when there is enough text; 1: in one process); the outputs do not depend on it")
    p.set_defaults(func=_cmd_extract)

    p = sub.add_parser("convert", help="HWPX/HWP/PDF in the raw folder → data/interim text + cell grids")
    p.add_argument("--raw", type=Path, default=config.RAW_DIR, help="folder of raw documents")
    p.add_argument("--out", type=Path, default=config.INTERIM_DIR, help="folder for interim files")
    p.add_argument("--reconvert", action="store_true", help="convert again even when the source is unchanged")
    p.set_defaults(func=_cmd_convert)

    p = sub.add_parser("regions", help="list the regions that have data")
    p.add_argument("--processed", type=Path, default=config.PROCESSED_DIR)
    p.set_defaults(func=_cmd_regions)

    p = sub.add_parser("report", help="render the HTML report of one, several or all regions")
    p.add_argument("--region", required=True, help="'all', a code or name, or codes separated by commas")
    p.add_argument("--processed", type=Path, default=config.PROCESSED_DIR)
    add_report(p)
    p.set_defaults(func=_cmd_report)

    p = sub.add_parser("run", help="extract, then render every region's report, the index and the overview")
    add_io(p)
    add_report(p)
    p.set_defaults(func=_cmd_run)

    p = sub.add_parser("export", help="every processed table (and the data dictionary) as an xlsx workbook or CSV files")
    p.add_argument("--format", choices=["xlsx", "csv"], required=True, help="xlsx: one sheet per table; csv: a folder")
    p.add_argument("--out", type=Path, required=True, help="the .xlsx file, or the folder for the CSV files")
    p.add_argument("--long", action="store_true", help="numeric columns as measure/value rows (long format)")
    p.add_argument("--korean-headers", action="store_true", help="Korean column names (달성률 …)")
    p.add_argument("--processed", type=Path, default=None,
                   help="folder of processed tables (default: data/processed, rebuilt when stale)")
    p.set_defaults(func=_cmd_export)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Console entry point; returns the process exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command != "export" and getattr(args, "out", None) is not None and not hasattr(args, "processed"):
        args.processed = args.out
    try:
        return int(args.func(args) or 0)
    except WelfareEvalError as exc:
        print(f"welfare-eval {args.command}: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print(f"welfare-eval {args.command}: interrupted; finished outputs are intact", file=sys.stderr)
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
