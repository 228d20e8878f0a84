"""The ``welfare-eval`` command line: extract, regions, report, run.

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

    return run_extract(args.raw, args.out)


def _cmd_regions(args: argparse.Namespace) -> int:
    from .catalog import regions_with_data

    table = regions_with_data(args.processed)
    if table.empty:
        print("no regions with data: run `welfare-eval extract` first")
        return 1
    print(table.to_string(index=False))
    return 0


def _cmd_report(args: argparse.Namespace) -> int:
    from .batch.cli import run_reports_cli

    return run_reports_cli(args)


def _cmd_run(args: argparse.Namespace) -> int:
    from .batch.cli import run_reports_cli

    code = _cmd_extract(args)
    args.region = "all"
    return max(code, run_reports_cli(args))


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

    def add_report(p: argparse.ArgumentParser) -> None:
        p.add_argument("--jobs", type=int, default=None, help="worker processes (default: CPU count)")
        p.add_argument("--executor", choices=["local", "dask"], default="local", help="where reports run")
        p.add_argument("--scheduler", default=None, help="Dask scheduler address (with --executor dask)")
        p.add_argument("--force", action="store_true", help="re-render regions whose inputs are unchanged")
        p.add_argument("--timeout", type=float, default=600, help="seconds allowed per region")
        p.add_argument("--reports", type=Path, default=config.REPORTS_DIR, help="output folder for reports")
        p.add_argument("--notebook", type=Path, default=None,
                       help="report notebook to run per region (default: notebooks/region_report.ipynb)")

    p = sub.add_parser("extract", help="raw documents → data/processed tables (Parquet + CSV)")
    add_io(p)
    p.set_defaults(func=_cmd_extract)

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
    return parser


def main(argv: list[str] | None = None) -> int:
    """Console entry point; returns the process exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if getattr(args, "out", None) is not None and not hasattr(args, "processed"):
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
