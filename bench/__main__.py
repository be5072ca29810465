"""``python -m bench [SECTION ...]``: run benchmark sections, print tables, write JSON."""

from __future__ import annotations

import argparse
import importlib
import sys
import time

from bench import report

SECTIONS = ("library", "build", "pages")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    # No `choices=`: argparse checks a "*" positional's empty default against them and fails.
    parser.add_argument(
        "sections", nargs="*", metavar="SECTION", help=f"{', '.join(SECTIONS)} or all (default)"
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    chosen = parser.parse_args(argv).sections or ["all"]
    unknown = sorted(set(chosen) - {*SECTIONS, "all"})
    if unknown:
        parser.error(
            f"unknown section {', '.join(unknown)}; choose from {', '.join(SECTIONS)}, all"
        )
    sections = SECTIONS if "all" in chosen else [s for s in SECTIONS if s in chosen]
    for section in sections:
        module = importlib.import_module(f"bench.{section}")
        print(f"\n# {section}", flush=True)
        start = time.perf_counter()
        module.run()  # prints its tables and writes bench-results/<section>.json
        elapsed = time.perf_counter() - start
        path = (report.RESULTS / f"{section}.json").relative_to(report.REPO)
        print(f"\n{section}: {elapsed:.0f} s; numbers in {path}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
