"""How long the site takes to build, stage by stage, and how fast ``mkdocs serve`` shows an edit.

Every command runs as a subprocess, as a user would run it, against a scratch folder: figures go
to ``$NN101_FIGURES_OUT`` = ``<tmp>/figures`` (the notebook cache sits next to it, in
``<tmp>/notebooks``) and the site to ``<tmp>/site``, so the user's caches and ``site/`` are
untouched. "Cold" means those caches are wiped, not the operating system's file cache.

1. Cold build: ``python -m figures build`` (default jobs = all cores), then ``mkdocs build``
   with the notebook cache cold, then warm. The figure stage is the first command; notebooks are
   the cold minus the warm ``mkdocs build``; MkDocs itself (with the no-op figure runner) is
   the warm one. The total is the sum: the same work a fresh ``make site`` does.
2. The cold figure stage again with ``--jobs 1``.
3. Warm no-op ``mkdocs build`` against the same with ``NN101_SKIP_FIGURES=1`` (the hook then
   reuses the built figures without checking them), in pairs of alternating order; the figure
   stage's own seconds as the hook logs them (an in-process check of the cache keys); and the
   no-op ``python -m figures build``, which a build starts only when a key changed, on its own.
4. ``mkdocs serve``: append a comment to one figure module, time until the server logs the
   rebuilt site, then restore the file byte for byte (and check ``git diff``).
"""

from __future__ import annotations

import os
import queue
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench import report
from tests.browser.machine import free_port

REPO = report.REPO
WARM_REPEATS = 5  # pairs of warm builds, with and without the figure stage
RUNNER_REPEATS = 5
EDITED_FIGURE = "activations/step-vs-sigmoid"
EDIT = b"# bench: a harmless edit, reverted within seconds\n"
SERVE_TIMEOUT = 300.0  # seconds for any one step of the serve measurement
REVERT_TIMEOUT = 60.0  # the revert's rebuild is timed too, but only as a bonus
FIGURE_LINE = re.compile(r"(?P<id>[\w-]+/[\w-]+)\s+(?P<seconds>[\d.]+) s\s+(?P<status>\w+)$")
RUNNER_TOTAL = re.compile(r"(?P<n>\d+) figures: (?P<built>\d+) built, .* in (?P<seconds>[\d.]+) s")
NOTEBOOK_CACHE = re.compile(r"Cache (?P<state>hit|miss)")


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
        env = {**os.environ, "NN101_FIGURES_OUT": str(self.figures)}
        env.setdefault("SOURCE_DATE_EPOCH", "1700000000")  # as the Makefile exports them
        env["NO_MKDOCS_2_WARNING"] = "1"
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


def figure_times(output: str) -> dict[str, float]:
    """Seconds per built figure from the runner's lines (``<id>  <seconds> s  built``)."""
    return {
        m["id"]: float(m["seconds"])
        for m in map(FIGURE_LINE.search, output.splitlines())
        if m and m["status"] == "built"
    }


def runner_total(output: str) -> dict[str, float]:
    """The runner's closing line: figures, how many were built, its own seconds."""
    found = RUNNER_TOTAL.search(output)
    if found is None:
        raise RuntimeError(f"no figure runner summary in the output:\n{output[-2000:]}")
    return {
        "figures": int(found["n"]),
        "built": int(found["built"]),
        "seconds": float(found["seconds"]),
    }


def figure_stage(scratch: Scratch, jobs: int | None = None) -> dict[str, Any]:
    """A cold ``python -m figures build``: its wall time and each figure's time."""
    shutil.rmtree(scratch.figures, ignore_errors=True)
    command = [sys.executable, "-m", "figures", "build"] + (
        [] if jobs is None else ["--jobs", str(jobs)]
    )
    seconds, output = timed(command, scratch.env())
    return {
        "jobs": jobs or os.cpu_count(),
        "wall_s": seconds,
        "runner": runner_total(output),
        "figures_s": figure_times(output),
    }


def mkdocs_build(scratch: Scratch, skip_figures: bool = False) -> dict[str, Any]:
    """One ``mkdocs build --strict`` into the scratch site: wall time, what it rebuilt."""
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(scratch.site)]
    seconds, output = timed(command, scratch.env(skip_figures))
    cache = [m["state"] for m in map(NOTEBOOK_CACHE.search, output.splitlines()) if m]
    stage = None if skip_figures else runner_total(output)
    return {
        "wall_s": seconds,
        "figures_built": None if stage is None else stage["built"],
        # the figure stage's own seconds, as the hook logs them (an in-process cache check
        # when nothing changed)
        "figure_stage_s": None if stage is None else stage["seconds"],
        "notebooks_executed": cache.count("miss"),
        "notebooks_cached": cache.count("hit"),
    }


def _warm_comparison(scratch: Scratch, first: dict[str, Any]) -> dict[str, Any]:
    """Warm no-op builds with and without the figure stage, in pairs whose order alternates.

    ``first`` (the build right after the cold one) is left out: it still pays for warming the
    OS file cache and the notebook cache, and counting it biased the comparison by a second.
    """
    del first
    runs: dict[str, list[dict[str, Any]]] = {"with_figures": [], "skip_figures": []}
    for repeat in range(WARM_REPEATS):
        for skip in (False, True) if repeat % 2 else (True, False):
            name = "skip_figures" if skip else "with_figures"
            runs[name].append(mkdocs_build(scratch, skip_figures=skip))
    for name, builds in runs.items():
        if any(b["figures_built"] or b["notebooks_executed"] for b in builds):
            raise RuntimeError(f"a warm build ({name}) rebuilt something: {builds}")
    summary = {
        name: report.describe([b["wall_s"] for b in builds]) for name, builds in runs.items()
    }
    # The difference of two noisy medians is rough: the hook logs its figure stage's own time.
    stage = [b["figure_stage_s"] for b in runs["with_figures"]]
    # and the runner's command, which a build starts when something changed, timed alone
    command = [sys.executable, "-m", "figures", "build"]
    alone = [timed(command, scratch.env())[0] for _ in range(RUNNER_REPEATS)]
    return {
        **summary,
        "figure_stage": report.describe(stage),
        "runner_alone": report.describe(alone),
    }


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


def _rebuild(log: _Log, since: int, changed_at: float, timeout: float) -> dict[str, Any]:
    """Wait for the rebuild in which the runner rebuilt EDITED_FIGURE; report its times.

    Builds that end without rebuilding it (one already under way when the file changed, or one
    that something else set off) are skipped: the server rebuilds again after them.
    """
    deadline = time.perf_counter() + timeout
    while True:
        built_at = log.wait_for("Documentation built", max(deadline - time.perf_counter(), 0.1))
        lines = log.seen[since:]
        starts = [i for i, (_, line) in enumerate(lines) if "Building documentation" in line]
        build = lines[starts[-1] :] if starts else lines
        runner = "\n".join(
            line.split("figures: ", 1)[1] for _, line in build if "figures: " in line
        )
        if EDITED_FIGURE in figure_times(runner):
            break
    detected = next((t for t, line in lines if "Detected file changes" in line), None)
    return {
        "change_to_built_s": built_at - changed_at,
        "change_to_detected_s": None if detected is None else detected - changed_at,
        "builds": len(starts),
        "figures_built": sorted(figure_times(runner)),
        "runner": runner_total(runner),
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
        result["edit"] = _rebuild(log, since, edited_at, SERVE_TIMEOUT)
    finally:
        since, restored_at = len(log.seen), time.perf_counter()
        with module.open("r+b") as handle:
            handle.truncate(len(original))
        if module.read_bytes() != original:  # someone else wrote to it meanwhile
            module.write_bytes(original)
        try:
            if "edit" in result:  # time the revert's rebuild too, then stop the server
                result["revert"] = _rebuild(log, since, restored_at, REVERT_TIMEOUT)
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
        notebooks_cold = mkdocs_build(scratch)
        notebooks_warm = mkdocs_build(scratch)
        print("cold figure stage with --jobs 1 ...", flush=True)
        serial_figures = figure_stage(scratch, jobs=1)
        print(f"warm no-op builds, {WARM_REPEATS} with and {WARM_REPEATS} without", flush=True)
        warm = _warm_comparison(scratch, notebooks_warm)
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
            "only_edited_rebuilt": all(
                serve[step]["figures_built"] == [EDITED_FIGURE]
                for step in ("edit", "revert")
                if step in serve
            ),
            **serve,
        },
    }
    _print(results)
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
        (f"figures (python -m figures build, {cold['figures']['jobs']} jobs)", figures_s),
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
        ["mkdocs build", f"{with_figures['median_s']:.2f}", f"{with_figures['min_s']:.2f}"],
        [
            "mkdocs build, NN101_SKIP_FIGURES=1",
            f"{skipped['median_s']:.2f}",
            f"{skipped['min_s']:.2f}",
        ],
        [
            "difference",
            f"{with_figures['median_s'] - skipped['median_s']:.2f}",
            f"{with_figures['min_s'] - skipped['min_s']:.2f}",
        ],
        [
            "figure stage inside the no-op build (hook's log)",
            f"{warm['figure_stage']['median_s']:.3f}",
            f"{warm['figure_stage']['min_s']:.3f}",
        ],
        [
            "python -m figures build alone, all cached",
            f"{warm['runner_alone']['median_s']:.2f}",
            f"{warm['runner_alone']['min_s']:.2f}",
        ],
    ]
    ratio = with_figures["median_s"] / skipped["median_s"]
    report.print_table(
        "Warm no-op build",
        ["build", "median s", "min s"],
        rows,
        notes=[
            f"with / without the figure stage: {ratio:.2f} (medians of {with_figures['runs']} "
            f"and {skipped['runs']} builds in pairs of alternating order,",
            "each checked to rebuild nothing). The figure stage's own time, as the hook logs it "
            "(it hashes the sources in-process",
            "and starts the runner only when a key changed), is the better estimate of what the "
            "stage costs: the difference of two",
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
