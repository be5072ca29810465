"""Command line: ``python -m figures build|list|clean`` and the standalone figure scripts."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from figures import runner
from figures.catalog import ROOT, FigureError, all_ids, read_info


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m figures", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    build = commands.add_parser("build", help="build figures (all by default), reusing the cache")
    build.add_argument("ids", nargs="*", help="figure ids such as mlp/xor-boundaries")
    build.add_argument(
        "--jobs", "-j", type=int, default=None, help="processes (default: all cores)"
    )
    build.add_argument("--force", action="store_true", help="rebuild even when cached")
    build.add_argument(
        "--out", type=Path, default=None, help="output folder (default build/figures)"
    )
    commands.add_parser("list", help="print every figure id with its caption")
    clean = commands.add_parser("clean", help="delete the built figures")
    clean.add_argument("--out", type=Path, default=None)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command == "list":
            for figure_id in all_ids():
                print(f"{figure_id:<40} {read_info(figure_id).caption}")
            return 0
        if args.command == "clean":
            runner.clean(args.out)
            return 0
        if args.jobs is not None and args.jobs < 1:
            raise FigureError(f"--jobs must be at least 1, got {args.jobs}")
        failures = runner.build(args.ids, jobs=args.jobs, force=args.force, out_root=args.out)
        return 1 if failures else 0
    except FigureError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2


def main_standalone(module_file: str) -> None:
    """What ``python figures/<chapter>/<name>.py [--out DIR]`` runs: rebuild that one figure."""
    path = Path(module_file).resolve()
    figure_id = path.relative_to(ROOT).with_suffix("").as_posix()
    parser = argparse.ArgumentParser(description=f"Rebuild the figure {figure_id}.")
    parser.add_argument(
        "--out", type=Path, default=None, help="output folder (default build/figures)"
    )
    args = parser.parse_args()
    sys.exit(main(["build", figure_id, "--force", *(["--out", str(args.out)] if args.out else [])]))
