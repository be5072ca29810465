"""Command line: ``python -m figures build|list|clean``.

``build`` takes figure ids (``mlp/xor-boundaries``) or module paths
(``figures/mlp/xor-boundaries.py``, what an editor's "run this file" passes), so rebuilding the
figure you are editing needs no code in the figure module itself.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from figures.pipeline import runner
from figures.pipeline.discovery import REPO, FigureError


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m figures", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    build = commands.add_parser("build", help="build figures (all by default), reusing the cache")
    build.add_argument("ids", nargs="*", help="figure ids such as mlp/xor-boundaries, or paths")
    build.add_argument(
        "--jobs", "-j", type=int, default=None, help="processes (default: all cores)"
    )
    build.add_argument("--force", action="store_true", help="rebuild even when cached")
    build.add_argument("--lang", default="en", help="language of the figures' text (default en)")
    build.add_argument(
        "--out", type=Path, default=None, help="output folder (default build/figures)"
    )
    commands.add_parser("list", help="print every figure id with its caption")
    clean = commands.add_parser("clean", help="delete the built figures")
    clean.add_argument("--out", type=Path, default=None)
    return parser


def figure_id(argument: str) -> str:
    """An id as given, or the id of a module path (``figures/<chapter>/<name>.py``)."""
    if not argument.endswith(".py"):
        return argument
    path = Path(argument).resolve()
    figures_root = REPO / "figures"
    if not path.is_relative_to(figures_root):
        raise FigureError(f"{argument}: not a figure module under {figures_root}")
    return path.relative_to(figures_root).with_suffix("").as_posix()


def _list() -> None:
    from figures.pipeline import render  # a family's captions come from running it

    for info in render.all_infos():
        print(f"{info.id:<40} {info.caption}")


def _build(args: argparse.Namespace) -> int:
    start = time.perf_counter()
    ids = [figure_id(argument) for argument in args.ids]
    results = runner.build(ids, lang=args.lang, jobs=args.jobs, force=args.force, out=args.out)
    for result in results:
        print(result.line())
    print(runner.summary(results, time.perf_counter() - start))
    for result in results:
        if result.error:
            print(f"error: figure {result.error}", file=sys.stderr)
    return 1 if any(r.error for r in results) else 0


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command == "list":
            _list()
            return 0
        if args.command == "clean":
            runner.clean(args.out)
            return 0
        return _build(args)
    except FigureError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
