"""``build()``: bring every figure up to date, and say what happened as ``Result`` objects.

This is the one place that decides whether a figure is fresh: a module is fresh when every
figure it built last time has a complete output folder whose manifest carries the module's
current cache key. Fresh figures come back from their manifests; stale modules are built in
worker processes started for this build (spawned, not forked), so the calling process, which
under ``mkdocs serve`` lives for hours, never imports matplotlib, the library or a figure module
and never sees a stale one. A failing figure is reported with its id, the file and line where
it raised and the exception; the other figures are still built and keep their outputs.

A module's ``compute()`` results are shared between languages (``figures.pipeline.computed``):
the first language's build stores the numbers of every compute that looked up no words, and
the next language's build loads them instead of training the same networks again.
"""

from __future__ import annotations

import dataclasses
import functools
import multiprocessing
import os
import shutil
import time
import traceback
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Literal

from figures import i18n
from figures.pipeline import computed
from figures.pipeline import manifest as manifests
from figures.pipeline.discovery import (
    REPO,
    FigureError,
    FigureInfo,
    FigureModule,
    docstring_info,
    module_for,
    modules,
)
from figures.pipeline.keys import Keys
from figures.pipeline.manifest import Manifest

__all__ = ["Result", "build", "built", "clean", "output_root", "summary"]

DEFAULT_OUT = REPO / "build" / "figures"
Status = Literal["built", "cached", "failed"]


def output_root() -> Path:
    """Where figures are written: ``$NN101_FIGURES_OUT`` or ``build/figures`` (never under docs/,
    which ``mkdocs serve`` watches: writing there would trigger a rebuild loop)."""
    return Path(os.environ.get("NN101_FIGURES_OUT", DEFAULT_OUT))


@dataclass(frozen=True)
class Result:
    """What ``build()`` did for one figure; ``manifest`` is None only when it failed.

    A module that fails before naming its figures (a family whose ``variants()`` raises) gives
    one failed result whose id is the module's id prefix followed by ``-*``.
    """

    id: str
    status: Status
    seconds: float
    manifest: Manifest | None = None
    error: str | None = None

    def line(self) -> str:
        """The line people read for this figure: id, seconds, status."""
        status = "FAILED" if self.error else self.status
        return f"{self.id:<40} {self.seconds:7.2f} s  {status}"


@dataclass(frozen=True)
class _Task:
    module: FigureModule
    info: FigureInfo | None  # read once, by the parent, for a one-figure module
    key: str
    directory: Path  # <out>/<lang>
    lang: str
    shared: Path  # where compute() results are shared with the other languages
    reuse: bool  # False in a forced build: compute afresh (and store the new results)


def build(
    ids: Iterable[str] | None = None,
    *,
    lang: str = "en",
    jobs: int | None = None,
    force: bool = False,
    out: Path | None = None,
) -> list[Result]:
    """Build ``ids`` (default: every figure) in ``lang``; return one ``Result`` per figure, by id.

    Raises ``FigureError`` before any work for an unknown id or a module without caption or alt
    text; a figure that fails while building is a failed ``Result`` instead.
    """
    if jobs is not None and jobs < 1:
        raise FigureError(f"jobs must be at least 1, got {jobs}")
    wanted = list(ids or [])
    known = modules()
    chosen = _unique(module_for(i, known) for i in wanted) if wanted else known
    root = out or output_root()
    directory = root / lang
    keys = Keys(lang)
    key = {m: keys.key(m) for m in chosen}
    shared = {m: computed.folder(root, m.id, keys.compute_key(m)) for m in chosen}
    # Before any worker writes: results of an older state of these modules are dropped.
    every = None if wanted else {m.id for m in known}
    computed.prune(root, {m.id: shared[m].name for m in chosen}, every)
    previous = _manifests_by_source(directory)
    stale = [
        m for m in chosen if force or not _fresh(previous.get(m.relpath, []), key[m], directory)
    ]
    # Read before any work, so a missing caption fails fast; fresh modules were read when built.
    infos = {m: docstring_info(m) for m in stale if not m.family}
    tasks = [_Task(m, infos.get(m), key[m], directory, lang, shared[m], not force) for m in stale]
    results = [
        Result(manifest.id, "cached", 0.0, manifest)
        for m in chosen
        if m not in stale
        for manifest in previous[m.relpath]
    ]
    results += _run(tasks, jobs or os.cpu_count() or 1)
    _remove_dropped(tasks, results, previous, directory)
    if wanted:
        results = [r for r in results if r.id in wanted or r.id.endswith("-*")]
    return sorted(results, key=lambda r: r.id)


def _unique(items: Iterable[FigureModule]) -> list[FigureModule]:
    return list(dict.fromkeys(items))


def _manifests_by_source(directory: Path) -> dict[str, list[Manifest]]:
    found: dict[str, list[Manifest]] = {}
    for path in sorted(directory.glob(f"*/*/{manifests.MANIFEST_FILE}")):
        manifest = manifests.read(path.parent)
        if manifest is not None:
            found.setdefault(manifest.source, []).append(manifest)
    return found


def _fresh(previous: list[Manifest], key: str, directory: Path) -> bool:
    return bool(previous) and all(
        m.key == key and m.complete_in(directory / m.id) for m in previous
    )


def _run(tasks: list[_Task], jobs: int) -> list[Result]:
    if not tasks:
        return []
    spawn = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=min(jobs, len(tasks)), mp_context=spawn) as pool:
        return [result for results in pool.map(_build_module, tasks) for result in results]


def _remove_dropped(
    tasks: list[_Task], results: list[Result], previous: dict[str, list[Manifest]], directory: Path
) -> None:
    """Delete the outputs of figures a rebuilt family no longer has (an activation family gone).

    A module that failed before naming its figures keeps its old outputs: nothing says they
    are gone.
    """
    ids = {result.id for result in results}
    for task in tasks:
        if f"{task.module.id}-*" in ids:
            continue
        for old in previous.get(task.module.relpath, []):
            if old.id not in ids:
                shutil.rmtree(directory / old.id, ignore_errors=True)


def _build_module(task: _Task) -> list[Result]:
    """In a worker: import the module, build each of its figures, write each atomically.

    Never raises: errors come back as failed results, so the other figures still finish.
    """
    start = time.perf_counter()
    from figures.pipeline import render  # matplotlib: workers only

    with i18n.using(task.lang):
        try:
            with i18n.counting_lookups() as at_import:
                loaded = render.load_module(task.module)
            if at_import.count == 0:  # module-level words could reach compute()'s results
                _share_compute(loaded, task)
            infos = (
                [_translated(task.info)] if task.info else render.family_infos(task.module, loaded)
            )
        except Exception as error:
            prefix = task.module.id + ("-*" if task.module.family else "")
            return [_failure(prefix, task.module, error, start)]
        return [_build_figure(loaded, info, task) for info in infos]


def _share_compute(loaded: ModuleType, task: _Task) -> None:
    """Let ``loaded.compute`` reuse the results another language's build stored for the task.

    ``render.load_module`` wrapped it in ``functools.cache`` (both themes reuse one result);
    the shared store goes under that cache, so it is read once per call, not once per theme.
    """
    original = getattr(getattr(loaded, "compute", None), "__wrapped__", None)
    if callable(original):
        shared = computed.sharing(original, task.shared, reuse=task.reuse)
        loaded.compute = functools.cache(shared)  # type: ignore[attr-defined]


def _translated(info: FigureInfo) -> FigureInfo:
    """A docstring's caption and alt text (the English message ids) in the active language."""
    return dataclasses.replace(info, caption=i18n._(info.caption), alt=i18n._(info.alt))


def _build_figure(loaded: ModuleType, info: FigureInfo, task: _Task) -> Result:
    from figures.pipeline import render

    start = time.perf_counter()
    try:
        rendered = render.render(loaded, info)
        manifest = Manifest(
            id=info.id,
            kind=rendered.kind,
            key=task.key,
            caption=info.caption,
            alt=info.alt,
            source=task.module.relpath,
            files=tuple(sorted(rendered.files)),
            width=rendered.size[0] if rendered.size else None,
            height=rendered.size[1] if rendered.size else None,
            text_pt=rendered.text_pt,
            narrow_width=rendered.narrow_size[0] if rendered.narrow_size else None,
            narrow_height=rendered.narrow_size[1] if rendered.narrow_size else None,
            narrow_text_pt=rendered.narrow_text_pt,
        )
        manifests.write_atomically(task.directory / info.id, rendered.files, manifest)
        return Result(info.id, "built", time.perf_counter() - start, manifest)
    except Exception as error:  # reported, not raised: other figures must still finish
        return _failure(info.id, task.module, error, start)


def _failure(figure_id: str, module: FigureModule, error: Exception, start: float) -> Result:
    detail = describe_failure(figure_id, module, error)
    trace = "".join(traceback.format_exception(error))
    return Result(figure_id, "failed", time.perf_counter() - start, error=f"{detail}\n{trace}")


def describe_failure(figure_id: str, module: FigureModule, error: BaseException) -> str:
    """``<id>: <file>:<line>: <Exception>: <message>``, pointing at the figure module's own frame
    when it is on the stack (that is the line a contributor has to fix)."""
    if isinstance(error, FigureError):  # already names the figure, file and line
        return str(error)
    if isinstance(error, SyntaxError) and error.filename:  # raised by the import, not a frame
        where = f"{_display_path(error.filename)}:{error.lineno}"
        return f"{figure_id}: {where}: SyntaxError: {error.msg}"
    frames = traceback.extract_tb(error.__traceback__)
    own = [f for f in frames if Path(f.filename) == module.path]
    frame = (own or frames)[-1] if frames else None
    where = f"{_display_path(frame.filename)}:{frame.lineno}: " if frame else ""
    return f"{figure_id}: {where}{type(error).__name__}: {error}"


def _display_path(filename: str) -> str:
    path = Path(filename).resolve()
    return path.relative_to(REPO).as_posix() if path.is_relative_to(REPO) else str(path)


def built(*, lang: str = "en", out: Path | None = None) -> list[Manifest]:
    """The figures built so far in ``lang``, by id, without checking that they are fresh."""
    by_source = _manifests_by_source((out or output_root()) / lang)
    return sorted((m for ms in by_source.values() for m in ms), key=lambda m: m.id)


def summary(results: list[Result], seconds: float) -> str:
    """The closing line people read: ``32 figures: 1 built, 31 cached, 0 failed in 2.10 s``."""
    count = {status: sum(r.status == status for r in results) for status in ("built", "cached")}
    failed = sum(r.error is not None for r in results)
    return (
        f"{len(results)} figures: {count['built']} built, {count['cached']} cached, "
        f"{failed} failed in {seconds:.2f} s"
    )


def clean(out: Path | None = None) -> None:
    shutil.rmtree(out or output_root(), ignore_errors=True)
