"""Build figures in parallel processes, skipping those whose cache key has not changed.

``build()`` prints one line per figure (id, seconds, built or cached) and a total, and returns
the number of failures. A failing figure is reported with its id, the file and line where it
raised and the exception; the other figures are still built and keep their outputs.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import time
import traceback
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from figures.cache import cache_key
from figures.catalog import REPO, FigureError, all_ids, module_path, read_info

DEFAULT_OUT = REPO / "build" / "figures"


def output_root() -> Path:
    """Where figures are written: ``$NN101_FIGURES_OUT`` or ``build/figures`` (never under docs/,
    which ``mkdocs serve`` watches: writing there would trigger a rebuild loop)."""
    return Path(os.environ.get("NN101_FIGURES_OUT", DEFAULT_OUT))


@dataclass(frozen=True)
class Outcome:
    id: str
    seconds: float
    cached: bool
    error: str | None = None


def is_fresh(directory: Path, key: str) -> bool:
    """True when the outputs in ``directory`` are complete and were built under ``key``."""
    try:
        manifest = json.loads((directory / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    files = manifest.get("files", [])
    return manifest.get("key") == key and all((directory / name).is_file() for name in files)


def describe_failure(figure_id: str, error: BaseException) -> str:
    """``<id>: <file>:<line>: <Exception>: <message>``, pointing at the figure module's own frame
    when it is on the stack (that is the line a contributor has to fix)."""
    if isinstance(error, FigureError):  # already names the figure, file and line
        return str(error)
    frames = traceback.extract_tb(error.__traceback__)
    own = [f for f in frames if Path(f.filename) == module_path(figure_id)]
    frame = (own or frames)[-1] if frames else None
    where = f"{_display_path(frame.filename)}:{frame.lineno}: " if frame else ""
    return f"{figure_id}: {where}{type(error).__name__}: {error}"


def _display_path(filename: str) -> str:
    path = Path(filename).resolve()
    return path.relative_to(REPO).as_posix() if path.is_relative_to(REPO) else str(path)


def build_one(figure_id: str, out_root: Path, force: bool = False, seed: int = 0) -> Outcome:
    """Build one figure unless its outputs are fresh; never raises (errors come back in Outcome)."""
    start = time.perf_counter()
    try:
        info = read_info(figure_id)
        key = cache_key(figure_id, seed)
        directory = out_root / figure_id
        if not force and is_fresh(directory, key):
            return Outcome(figure_id, time.perf_counter() - start, cached=True)
        from figures import render  # heavy imports (matplotlib) only when something is built

        rendered = render.render(figure_id, seed)
        render.write_atomically(directory, rendered.files, render.manifest_for(info, rendered, key))
        return Outcome(figure_id, time.perf_counter() - start, cached=False)
    except Exception as error:  # reported, not raised: other figures must still finish
        detail = describe_failure(figure_id, error)
        trace = "".join(traceback.format_exception(error))
        return Outcome(figure_id, time.perf_counter() - start, False, f"{detail}\n{trace}")


def _run(ids: list[str], out_root: Path, jobs: int, force: bool) -> list[Outcome]:
    stale = [i for i in ids if force or not is_fresh(out_root / i, cache_key(i))]
    fresh = [Outcome(i, 0.0, cached=True) for i in ids if i not in stale]
    if jobs <= 1 or len(stale) <= 1:
        return fresh + [build_one(i, out_root, force) for i in stale]
    with ProcessPoolExecutor(max_workers=min(jobs, len(stale))) as pool:
        built = list(pool.map(build_one, stale, [out_root] * len(stale), [force] * len(stale)))
    return fresh + built


def build(
    ids: list[str] | None = None,
    *,
    jobs: int | None = None,
    force: bool = False,
    out_root: Path | None = None,
    stream: TextIO = sys.stdout,
) -> int:
    """Build ``ids`` (default: all), print a line per figure and a total; return the failures."""
    start = time.perf_counter()
    ids = ids or all_ids()
    for figure_id in ids:  # fail fast on typos, before any work
        read_info(figure_id)
    outcomes = _run(ids, out_root or output_root(), jobs or os.cpu_count() or 1, force)
    for outcome in sorted(outcomes, key=lambda o: o.id):
        status = "FAILED" if outcome.error else ("cached" if outcome.cached else "built")
        print(f"{outcome.id:<40} {outcome.seconds:7.2f} s  {status}", file=stream)
    failures = [o for o in outcomes if o.error]
    built = sum(not o.cached and not o.error for o in outcomes)
    total = time.perf_counter() - start
    print(
        f"{len(ids)} figures: {built} built, {len(ids) - built - len(failures)} cached, "
        f"{len(failures)} failed in {total:.2f} s",
        file=stream,
    )
    for failure in failures:
        print(f"error: figure {failure.error}", file=sys.stderr)
    return len(failures)


def clean(out_root: Path | None = None) -> None:
    shutil.rmtree(out_root or output_root(), ignore_errors=True)
