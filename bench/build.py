"""How long the site takes to build, stage by stage, and how fast ``mkdocs serve`` shows an edit.

MkDocs runs as a subprocess, as a user would run it, against a scratch folder: figures go
to ``$NN101_FIGURES_OUT`` = ``<tmp>/figures`` (the notebook cache sits next to it, in
``<tmp>/notebooks``) and the site to ``<tmp>/site``, so the user's caches and ``site/`` are
untouched. "Cold" means those caches are wiped, not the operating system's file cache.

1. Cold build: ``figures.build()`` (default jobs = all cores; what ``python -m figures build``
   runs), then ``mkdocs build`` with the notebook cache cold, then warm. The figure stage is the
   first; notebooks are
   the cold minus the warm ``mkdocs build``; MkDocs itself (with the no-op figure runner) is
   the warm one. The total is the sum: the same work a fresh ``make site`` does.
2. The cold figure stage again with one job.
3. Warm no-op ``mkdocs build`` against the same with ``NN101_SKIP_FIGURES=1`` (the hook then
   reuses the built figures without checking them), in pairs of alternating order; the figure
   stage's own seconds (``figures.build()``, the hook's call, timed alone: an in-process check of
   the cache keys); and the no-op ``python -m figures build`` command on its own.
4. ``mkdocs serve``: append a comment to one figure module, time until the server logs the
   rebuilt site, then restore the file byte for byte (and check ``git diff``). Which figures a
   build rebuilt is read from their manifests (a rebuilt figure's is rewritten), not from logs.
5. Both editions (English into ``<site>``, Chinese into ``<site>/zh``, as ``make site`` builds
   them): the cold figure stage of two languages (the cold English one of step 1, then the
   Chinese one, which reuses the English ``compute()`` results) against one, budget
   ``COLD_EDITIONS_BUDGET``; the warm no-op build of both editions against the same with
   ``NN101_SKIP_FIGURES=1``, in pairs as in step 3, budget ``WARM_EDITIONS_BUDGET``; and each
   edition's search index, raw and gzipped as a web server sends it.
"""

from __future__ import annotations

import gzip
import os
import queue
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import figures
from bench import report
from devtools.harness import GZIP_LEVEL, build_book, free_port, mkdocs_env
from figures.editions import EDITIONS
from figures.pipeline import MANIFEST_FILE

REPO = report.REPO
WARM_REPEATS = 5  # pairs of warm builds, with and without the figure stage
RUNNER_REPEATS = 5
EDITED_FIGURE = "activations/step-vs-sigmoid"
EDIT = b"# bench: a harmless edit, reverted within seconds\n"
SERVE_TIMEOUT = 300.0  # seconds for any one step of the serve measurement
REVERT_TIMEOUT = 60.0  # the revert's rebuild is timed too, but only as a bonus
NOTEBOOK_CACHE = re.compile(r"Cache (?P<state>hit|miss)")
# Issue #12's budgets for the Chinese edition: two languages' cold figure stage against one
# (the numbers are computed once and shared), and the warm no-op build of both editions
# against both without the figure stage.
COLD_EDITIONS_BUDGET = 1.9
WARM_EDITIONS_BUDGET = 1.15


@dataclass(frozen=True)
class Scratch:
    """The temporary folders one benchmark run builds into."""

    root: Path

    @property
    def figures(self) -> Path:
        return self.root / "figures"

    @property
    def notebooks(self) -> Path:  # where the hook puts mkdocs-jupyter's cache (next to figures)
        return self.root / "notebooks"

    @property
    def site(self) -> Path:
        return self.root / "site"

    def env(self, skip_figures: bool = False) -> dict[str, str]:
        env = mkdocs_env(NN101_FIGURES_OUT=str(self.figures))
        env.pop("NN101_SKIP_FIGURES", None)
        if skip_figures:
            env["NN101_SKIP_FIGURES"] = "1"
        return env


def timed(command: list[str], env: dict[str, str]) -> tuple[float, str]:
    """Run `command` in the repository; return its wall time and its stdout + stderr."""
    start = time.perf_counter()
    done = subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - start
    output = done.stdout + done.stderr
    if done.returncode != 0:
        tail = "\n".join(output.splitlines()[-20:])
        raise RuntimeError(f"{' '.join(command)} failed ({done.returncode}):\n{tail}")
    return seconds, output


def figure_stage(
    scratch: Scratch, jobs: int | None = None, *, lang: str = "en", cold: bool = True
) -> dict[str, Any]:
    """A cold ``figures.build()`` (what ``python -m figures build`` runs): wall and figure times.

    With ``cold=False`` the scratch figures stay: a second language's stage after the first,
    whose ``compute()`` results it reuses, as a fresh ``make site`` builds the editions.
    """
    if cold:
        shutil.rmtree(scratch.figures, ignore_errors=True)
    start, cpu = time.perf_counter(), _children_cpu_s()
    results = figures.build(jobs=jobs, lang=lang, out=scratch.figures)
    seconds = time.perf_counter() - start
    cpu = _children_cpu_s() - cpu  # the workers, reaped when the build's pool closed
    failed = [r.error for r in results if r.error]
    if failed:
        raise RuntimeError(f"the figure stage ({lang}) failed:\n{failed[0]}")
    return {
        "lang": lang,
        "jobs": jobs or os.cpu_count(),
        "wall_s": seconds,
        "cpu_s": cpu,
        "built": sum(r.status == "built" for r in results),
        "figures_s": {r.id: r.seconds for r in results if r.status == "built"},
    }


def _children_cpu_s() -> float:
    """CPU seconds (user + system) of this process's finished child processes so far: what a
    stage costs however many other processes share the machine."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def manifest_stamps(scratch: Scratch) -> dict[str, int]:
    """Each built figure's manifest and when it was written: a rebuilt figure gets a new one."""
    paths = scratch.figures.glob(f"*/*/*/{MANIFEST_FILE}")
    return {
        path.parent.relative_to(scratch.figures).as_posix(): path.stat().st_mtime_ns
        for path in paths
    }


def rebuilt_since(before: dict[str, int], scratch: Scratch) -> list[str]:
    """Figure ids (``<chapter>/<name>``) whose outputs were written after ``before``."""
    after = manifest_stamps(scratch)
    return sorted(key.split("/", 1)[1] for key, stamp in after.items() if before.get(key) != stamp)


def mkdocs_build(scratch: Scratch, skip_figures: bool = False) -> dict[str, Any]:
    """One ``mkdocs build --strict`` into the scratch site: wall time, what it rebuilt."""
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(scratch.site)]
    before = manifest_stamps(scratch)
    seconds, output = timed(command, scratch.env(skip_figures))
    cache = [m["state"] for m in map(NOTEBOOK_CACHE.search, output.splitlines()) if m]
    return {
        "wall_s": seconds,
        "figures_built": len(rebuilt_since(before, scratch)),
        "notebooks_executed": cache.count("miss"),
        "notebooks_cached": cache.count("hit"),
    }


def _timed_call(call: Any) -> float:
    start = time.perf_counter()
    call()
    return time.perf_counter() - start


def _warm_comparison(scratch: Scratch, first: dict[str, Any]) -> dict[str, Any]:
    """Warm no-op builds with and without the figure stage, in pairs whose order alternates.

    ``first`` (the build right after the cold one) is left out: it still pays for warming the
    OS file cache and the notebook cache, and counting it biased the comparison by a second.
    """
    del first
    summary = _alternating_pairs(lambda skip: mkdocs_build(scratch, skip_figures=skip))
    # The difference of two noisy medians is rough: time the hook's own call, figures.build(),
    # on its own (all fresh: no worker starts), and the command line's no-op for comparison.
    stage = [_timed_call(lambda: figures.build(out=scratch.figures)) for _ in range(RUNNER_REPEATS)]
    command = [sys.executable, "-m", "figures", "build"]
    alone = [timed(command, scratch.env())[0] for _ in range(RUNNER_REPEATS)]
    return {
        **summary,
        "figure_stage": report.describe(stage),
        "runner_alone": report.describe(alone),
    }


def _alternating_pairs(build: Callable[[bool], dict[str, Any]]) -> dict[str, Any]:
    """``WARM_REPEATS`` pairs of warm builds, ``build(skip_figures)``, with and without the
    figure stage in alternating order (so neither always runs on the other's warm file cache);
    each checked to rebuild nothing. The wall times of each kind, summarised."""
    runs: dict[str, list[dict[str, Any]]] = {"with_figures": [], "skip_figures": []}
    for repeat in range(WARM_REPEATS):
        for skip in (False, True) if repeat % 2 else (True, False):
            name = "skip_figures" if skip else "with_figures"
            runs[name].append(build(skip))
    for name, builds in runs.items():
        if any(b["figures_built"] or b["notebooks_executed"] for b in builds):
            raise RuntimeError(f"a warm build ({name}) rebuilt something: {builds}")
    return {name: report.describe([b["wall_s"] for b in builds]) for name, builds in runs.items()}


# -- both editions --------------------------------------------------------------------------


def book_build(scratch: Scratch, skip_figures: bool = False) -> dict[str, Any]:
    """Both editions (``devtools.harness.build_book``: English, then Chinese into ``zh/``) into
    the scratch site: wall time, the figures rebuilt (any language), the notebooks executed
    (read from the last edition's log, the one ``build_book`` returns)."""
    before = manifest_stamps(scratch)
    start = time.perf_counter()
    done = build_book(scratch.site, cwd=REPO, env=scratch.env(skip_figures), strict=True)
    seconds = time.perf_counter() - start
    output = done.stdout + done.stderr
    if done.returncode != 0:
        tail = "\n".join(output.splitlines()[-20:])
        raise RuntimeError(f"building both editions failed ({done.returncode}):\n{tail}")
    cache = [m["state"] for m in map(NOTEBOOK_CACHE.search, output.splitlines()) if m]
    return {
        "wall_s": seconds,
        "figures_built": len(rebuilt_since(before, scratch)),
        "notebooks_executed": cache.count("miss"),
    }


def cold_editions(one: dict[str, Any], scratch: Scratch) -> dict[str, Any]:
    """The cold figure stage of every language, each after the first reusing its numbers,
    against ``one`` (the first language's cold stage, just measured into ``scratch``)."""
    others = [figure_stage(scratch, lang=e.lang, cold=False) for e in EDITIONS[1:]]
    seconds = one["wall_s"] + sum(stage["wall_s"] for stage in others)
    cpu = one["cpu_s"] + sum(stage["cpu_s"] for stage in others)
    return {
        "one_language_s": one["wall_s"],
        "languages": [one["lang"], *(stage["lang"] for stage in others)],
        "all_languages_s": seconds,
        "per_language": [one, *others],
        "ratio": seconds / one["wall_s"],
        "cpu_ratio": cpu / one["cpu_s"],
        "budget": COLD_EDITIONS_BUDGET,
    }


def warm_editions(scratch: Scratch) -> dict[str, Any]:
    """Warm no-op builds of both editions with and without the figure stage, after one build
    that brings every edition's figures and notebooks up to date (not counted)."""
    warm_up = book_build(scratch)
    summary = _alternating_pairs(lambda skip: book_build(scratch, skip_figures=skip))
    ratio = summary["with_figures"]["median_s"] / summary["skip_figures"]["median_s"]
    return {"warm_up": warm_up, **summary, "ratio": ratio, "budget": WARM_EDITIONS_BUDGET}


def search_indexes(site: Path) -> dict[str, dict[str, float]]:
    """Each edition's ``search/search_index.json``: KB raw and gzipped (``GZIP_LEVEL``)."""
    sizes = {}
    for edition in EDITIONS:
        data = (site / edition.prefix / "search" / "search_index.json").read_bytes()
        packed = gzip.compress(data, GZIP_LEVEL, mtime=0)
        sizes[edition.lang] = {"raw_kb": len(data) / 1024, "gzip_kb": len(packed) / 1024}
    return sizes


# -- mkdocs serve ---------------------------------------------------------------------------


class _Log:
    """Lines of a running process with the perf_counter time each arrived."""

    def __init__(self, process: subprocess.Popen[str]) -> None:
        self.lines: queue.Queue[tuple[float, str]] = queue.Queue()
        self.seen: list[tuple[float, str]] = []
        if process.stdout is None:
            raise ValueError("start the process with stdout=subprocess.PIPE")
        threading.Thread(target=self._read, args=(process.stdout,), daemon=True).start()

    def _read(self, stream: Any) -> None:
        for line in stream:
            self.lines.put((time.perf_counter(), line.rstrip()))

    def settle(self, quiet: float = 2.0) -> None:
        """Wait until nothing has been logged for `quiet` seconds: no rebuild under way."""
        deadline = time.perf_counter() + SERVE_TIMEOUT
        while time.perf_counter() < deadline:
            try:
                self.seen.append(self.lines.get(timeout=quiet))
            except queue.Empty:
                return
        raise TimeoutError("mkdocs serve kept logging: it never became idle")

    def wait_for(self, text: str, timeout: float = SERVE_TIMEOUT) -> float:
        """Time of the next line containing `text`; lines on the way are kept in `seen`."""
        deadline = time.perf_counter() + timeout
        while True:
            try:
                at, line = self.lines.get(timeout=max(deadline - time.perf_counter(), 0.01))
            except queue.Empty:
                tail = "\n".join(line for _, line in self.seen[-15:])
                message = f"mkdocs serve never logged {text!r}; last lines:\n{tail}"
                raise TimeoutError(message) from None
            self.seen.append((at, line))
            if text in line:
                return at


def _wait_until_served(url: str, log: _Log) -> None:
    log.wait_for("Serving on")
    deadline = time.perf_counter() + SERVE_TIMEOUT
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            if time.perf_counter() > deadline:
                raise
            time.sleep(0.2)


def _git_clean(path: Path) -> bool:
    command = ["git", "diff", "--quiet", "--", str(path.relative_to(REPO))]
    return subprocess.run(command, cwd=REPO, check=False).returncode == 0


def _rebuild(
    log: _Log, since: int, changed_at: float, timeout: float, scratch: Scratch
) -> dict[str, Any]:
    """Wait for the rebuild in which EDITED_FIGURE was rebuilt; report its times.

    Builds that end without rebuilding it (one already under way when the file changed, or one
    that something else set off) are skipped: the server rebuilds again after them.
    """
    deadline = time.perf_counter() + timeout
    before = manifest_stamps(scratch)
    while True:
        built_at = log.wait_for("Documentation built", max(deadline - time.perf_counter(), 0.1))
        lines = log.seen[since:]
        starts = [i for i, (_, line) in enumerate(lines) if "Building documentation" in line]
        rebuilt = rebuilt_since(before, scratch)
        if EDITED_FIGURE in rebuilt:
            break
    detected = next((t for t, line in lines if "Detected file changes" in line), None)
    return {
        "change_to_built_s": built_at - changed_at,
        "change_to_detected_s": None if detected is None else detected - changed_at,
        "builds": len(starts),
        "figures_built": rebuilt,
    }


def serve_edit(scratch: Scratch) -> dict[str, Any]:
    """Seconds from appending a comment to a figure module to the rebuilt site, under serve.

    The comment is appended (the file is never seen empty or half-written) and cut off again
    in `finally`; the file is then checked byte for byte and with ``git diff``.
    """
    module = REPO / "figures" / f"{EDITED_FIGURE}.py"
    original = module.read_bytes()
    clean_before = _git_clean(REPO / "figures")
    port = free_port()
    command = [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"]
    process = subprocess.Popen(
        command,
        cwd=REPO,
        env=scratch.env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,  # its own process group, so it ends with all its children
    )
    log = _Log(process)
    result: dict[str, Any] = {}
    try:
        _wait_until_served(f"http://127.0.0.1:{port}/", log)
        log.settle()
        since, edited_at = len(log.seen), time.perf_counter()
        with module.open("ab") as handle:
            handle.write(b"" if original.endswith(b"\n") else b"\n")
            handle.write(EDIT)
        result["edit"] = _rebuild(log, since, edited_at, SERVE_TIMEOUT, scratch)
    finally:
        since, restored_at = len(log.seen), time.perf_counter()
        with module.open("r+b") as handle:
            handle.truncate(len(original))
        if module.read_bytes() != original:  # someone else wrote to it meanwhile
            module.write_bytes(original)
        try:
            if "edit" in result:  # time the revert's rebuild too, then stop the server
                result["revert"] = _rebuild(log, since, restored_at, REVERT_TIMEOUT, scratch)
        except TimeoutError as error:
            result["revert_error"] = str(error).splitlines()[0]
        finally:
            _stop(process)
    if module.read_bytes() != original or _git_clean(REPO / "figures") != clean_before:
        raise RuntimeError(f"{module} was not restored: check `git diff -- figures/`")
    return result


def _stop(process: subprocess.Popen[str]) -> None:
    if process.poll() is None:
        os.killpg(process.pid, 15)  # SIGTERM to the group of the server we started
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, 9)
            process.wait()


# -- the section ----------------------------------------------------------------------------


def run() -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="nn101-bench-build-") as tmp:
        scratch = Scratch(Path(tmp))
        print("cold build: figures, then mkdocs with cold and warm notebooks ...", flush=True)
        cold_figures = figure_stage(scratch)
        print("cold figure stage of the other editions, reusing the numbers ...", flush=True)
        editions_cold = cold_editions(cold_figures, scratch)
        notebooks_cold = mkdocs_build(scratch)
        notebooks_warm = mkdocs_build(scratch)
        print("cold figure stage with --jobs 1 ...", flush=True)
        serial_figures = figure_stage(scratch, jobs=1)
        print(f"warm no-op builds, {WARM_REPEATS} with and {WARM_REPEATS} without", flush=True)
        warm = _warm_comparison(scratch, notebooks_warm)
        print(f"both editions: one warm-up build, then {WARM_REPEATS} pairs ...", flush=True)
        editions_warm = warm_editions(scratch)
        indexes = search_indexes(scratch.site)
        print("mkdocs serve: edit one figure module ...", flush=True)
        serve = serve_edit(scratch)
    results = {
        "cold": {
            "figures": cold_figures,
            "mkdocs_notebooks_cold": notebooks_cold,
            "mkdocs_notebooks_warm": notebooks_warm,
        },
        "figures_jobs_1": serial_figures,
        "warm_no_op": warm,
        "serve_edit": {
            "figure": EDITED_FIGURE,
            # `make serve` rebuilds both editions, so the figure is redrawn once per language.
            "only_edited_rebuilt": all(
                set(serve[step]["figures_built"]) == {EDITED_FIGURE}
                for step in ("edit", "revert")
                if step in serve
            ),
            **serve,
        },
        "editions": {"cold": editions_cold, "warm_no_op": editions_warm, "search": indexes},
    }
    _print(results)
    print_editions(results["editions"])
    report.write_json("build", results)
    return results


def _print(results: dict[str, Any]) -> None:
    cold = results["cold"]
    warm = results["warm_no_op"]
    figures_s = cold["figures"]["wall_s"]
    mkdocs_s = warm["with_figures"]["median_s"]
    notebooks_s = cold["mkdocs_notebooks_cold"]["wall_s"] - mkdocs_s
    total = figures_s + cold["mkdocs_notebooks_cold"]["wall_s"]
    stages = [
        (f"figures (figures.build, {cold['figures']['jobs']} jobs)", figures_s),
        ("notebooks (executed: cold minus warm mkdocs build)", notebooks_s),
        ("MkDocs with the no-op figure runner (warm mkdocs build)", mkdocs_s),
    ]
    rows = [[name, f"{s:.1f}", f"{100 * s / total:.0f} %"] for name, s in stages]
    rows.append(["total (cold build)", f"{total:.1f}", "100 %"])
    report.print_table("Cold build, all caches wiped", ["stage", "seconds", "share"], rows)

    serial = results["figures_jobs_1"]
    parallel_figures = cold["figures"]["figures_s"]
    slowest = sorted(parallel_figures, key=parallel_figures.__getitem__, reverse=True)[:5]
    rows = [[f, f"{parallel_figures[f]:.2f}", f"{serial['figures_s'][f]:.2f}"] for f in slowest]
    headers = ["figure", f"s ({cold['figures']['jobs']} jobs)", "s (--jobs 1)"]
    report.print_table(
        "Slowest five figures (cold)",
        headers,
        rows,
        notes=["Per-figure times of the runner; with 2 jobs two figures share the 2 cores."],
    )

    rows = [
        ["--jobs 1", f"{serial['wall_s']:.1f}", "1.00"],
        [
            f"default ({cold['figures']['jobs']} jobs)",
            f"{figures_s:.1f}",
            f"{serial['wall_s'] / figures_s:.2f}",
        ],
    ]
    report.print_table(
        "Cold figure stage: one process vs all cores",
        ["jobs", "seconds", "speed-up"],
        rows,
        notes=["One run each (a cold figure build is the expensive part of this section)."],
    )

    with_figures, skipped = warm["with_figures"], warm["skip_figures"]
    rows = [
        _timing_row("mkdocs build", with_figures),
        _timing_row("mkdocs build, NN101_SKIP_FIGURES=1", skipped),
        [
            "difference",
            f"{with_figures['median_s'] - skipped['median_s']:.2f}",
            f"{with_figures['min_s'] - skipped['min_s']:.2f}",
        ],
        _timing_row("figures.build(), all fresh (the hook's call)", warm["figure_stage"], 3),
        _timing_row("python -m figures build alone, all cached", warm["runner_alone"]),
    ]
    ratio = with_figures["median_s"] / skipped["median_s"]
    report.print_table(
        "Warm no-op build",
        ["build", "median s", "min s"],
        rows,
        notes=[
            f"with / without the figure stage: {ratio:.2f} (medians of {with_figures['runs']} "
            f"and {skipped['runs']} builds in pairs of alternating order,",
            "each checked to rebuild nothing). The figure stage's own time (figures.build() hashes "
            "the sources in-process",
            "and starts worker processes only when a key changed) is the better estimate of what "
            "the stage costs: the difference of two",
            "builds is mostly their noise. The last row times the runner's command alone "
            f"({warm['runner_alone']['runs']} runs), what an edit costs before any figure is "
            "drawn.",
        ],
    )

    serve = results["serve_edit"]
    rows = []
    for name in ("edit", "revert"):
        if name in serve:
            step = serve[name]
            detected = step["change_to_detected_s"]
            rows.append(
                [
                    f"{name} {serve['figure']}.py ({step['builds']} build(s))",
                    "?" if detected is None else f"{detected:.2f}",
                    f"{step['change_to_built_s']:.2f}",
                    ", ".join(step["figures_built"]) or "none",
                ]
            )
    report.print_table(
        "mkdocs serve: from saving a figure module to the rebuilt site",
        ["change", "detected s", "built s", "figures rebuilt"],
        rows,
        align="lrrl",
        notes=[
            '"built": until the server logs "Documentation built" (the browser reloads next).',
            "The runner rebuilt only the edited figure: "
            + ("yes" if serve["only_edited_rebuilt"] else "NO (see figures rebuilt)"),
            *([f"revert not timed: {serve['revert_error']}"] if "revert_error" in serve else []),
        ],
    )


def print_editions(editions: dict[str, Any]) -> None:
    """The tables of both editions: cold figure stage, warm no-op build, search indexes."""
    print_cold_editions(editions["cold"])
    print_warm_editions(editions["warm_no_op"])
    print_search_indexes(editions["search"])


def print_cold_editions(cold: dict[str, Any]) -> None:
    stages = cold["per_language"]
    rows = [
        [
            f"{s['lang']} ({s['jobs']} jobs, {s['built']} built)",
            f"{s['wall_s']:.1f}",
            f"{s['cpu_s']:.1f}",
        ]
        for s in stages
    ]
    languages = ", ".join(cold["languages"])
    one_cpu, all_cpu = stages[0]["cpu_s"], sum(s["cpu_s"] for s in stages)
    rows.append(
        [
            f"one language ({cold['languages'][0]})",
            f"{cold['one_language_s']:.1f}",
            f"{one_cpu:.1f}",
        ]
    )
    rows.append(
        [f"all languages ({languages})", f"{cold['all_languages_s']:.1f}", f"{all_cpu:.1f}"]
    )
    report.print_table(
        "Cold figure stage: one language vs every edition's",
        ["stage", "wall s", "CPU s"],
        rows,
        notes=[
            f"all / one, wall: {report.verdict(cold['ratio'], cold['budget'])}; "
            f"CPU: {report.verdict(cold['cpu_ratio'], cold['budget'])}.",
            "The later languages reuse the first one's compute() results "
            "(figures.pipeline.computed) and only draw. One run each;",
            "CPU s (the workers' user + system time) holds when other processes load the "
            "machine; wall s does not.",
        ],
    )


def _timing_row(label: str, timing: dict[str, Any], digits: int = 2) -> list[str]:
    """A table row: ``label``, then the median and the fastest of a repeated timing."""
    return [label, f"{timing['median_s']:.{digits}f}", f"{timing['min_s']:.{digits}f}"]


def print_warm_editions(warm: dict[str, Any]) -> None:
    with_figures, skipped = warm["with_figures"], warm["skip_figures"]
    rows = [
        _timing_row("both editions", with_figures),
        _timing_row("both editions, NN101_SKIP_FIGURES=1", skipped),
    ]
    report.print_table(
        "Warm no-op build of both editions",
        ["build", "median s", "min s"],
        rows,
        notes=[
            f"with / without the figure stage: {report.verdict(warm['ratio'], warm['budget'])} "
            f"(medians of {with_figures['runs']} and {skipped['runs']} builds in pairs of",
            "alternating order, each checked to rebuild nothing).",
        ],
    )


def print_search_indexes(search: dict[str, dict[str, float]]) -> None:
    rows = [
        [lang, f"{sizes['raw_kb']:.0f}", f"{sizes['gzip_kb']:.0f}"]
        for lang, sizes in search.items()
    ]
    report.print_table(
        "Search index of each edition (search/search_index.json)",
        ["edition", "raw KB", "gzip KB"],
        rows,
        notes=[f"gzip level {GZIP_LEVEL}, what a web server sends (devtools.harness.GZIP_LEVEL)."],
    )
