"""The figure runner: outputs, cache, determinism, atomic writes and error reports.

Most tests run ``python -m figures`` in a sandbox: a copy of the runner package with two tiny
demo figures, so they exercise the real command line without touching the project's figures.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import figures
from figures import cache, render, runner
from figures.catalog import REPO, FigureError, read_info

PACKAGE = Path(figures.__file__).parent
DEMO = '''\
"""A demo line.

A straight line rising from left to right, used by the pipeline tests.
"""

from figures import style


def build(seed=0):
    figure, axes = style.new_figure(width=3, height=2)
    axes.plot([0, 1, 2], [0, {slope}, {slope2}])
    return figure
'''
BROKEN = '''\
"""A figure that fails.

Nothing: building it raises on line 9.
"""


def build(seed=0):
    numerator = 1
    return numerator / 0
'''


class Sandbox:
    def __init__(self, root: Path) -> None:
        self.root = root
        shutil.copytree(PACKAGE, root / "figures", ignore=shutil.ignore_patterns("__pycache__"))
        for chapter in [p for p in (root / "figures").iterdir() if p.is_dir()]:
            shutil.rmtree(chapter)  # keep the runner, drop the project's figures
        self.add("demo/line", DEMO.format(slope=1, slope2=2))
        self.add("demo/other", DEMO.format(slope=2, slope2=4))

    def add(self, figure_id: str, source: str) -> Path:
        path = self.root / "figures" / f"{figure_id}.py"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(source, encoding="utf-8")
        return path

    def run(self, *args: str) -> subprocess.CompletedProcess[str]:
        env = {**os.environ, "PYTHONPATH": str(self.root), "PYTHONDONTWRITEBYTECODE": "1"}
        env.pop("NN101_FIGURES_OUT", None)
        command = [sys.executable, "-m", "figures", *args]
        return subprocess.run(command, cwd=self.root, env=env, capture_output=True, text=True)

    def out(self, figure_id: str) -> Path:
        return self.root / "build" / "figures" / figure_id

    def snapshot(self) -> dict[str, bytes]:
        base = self.root / "build" / "figures"
        return {
            p.relative_to(base).as_posix(): p.read_bytes() for p in base.rglob("*") if p.is_file()
        }


@pytest.fixture
def sandbox(tmp_path: Path) -> Sandbox:
    return Sandbox(tmp_path)


def statuses(stdout: str) -> dict[str, str]:
    """Figure id -> "built" / "cached" / "FAILED" from the runner's per-figure lines."""
    rows = [line.split() for line in stdout.splitlines() if "/" in line.split()[0]]
    return {row[0]: row[-1] for row in rows}


@pytest.mark.slow
def test_build_writes_both_themes_a_png_and_a_manifest(sandbox: Sandbox) -> None:
    result = sandbox.run("build", "--jobs", "2")
    assert result.returncode == 0, result.stderr
    assert statuses(result.stdout) == {"demo/line": "built", "demo/other": "built"}
    assert "2 figures: 2 built, 0 cached, 0 failed" in result.stdout
    out = sandbox.out("demo/line")
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["files"] == ["line-dark.svg", "line.png", "line.svg"]
    assert manifest["kind"] == "static"
    assert manifest["caption"] == "A demo line."
    assert manifest["alt"].startswith("A straight line rising")
    light, dark = (out / "line.svg").read_text(), (out / "line-dark.svg").read_text()
    assert light != dark  # the dark variant uses light ink
    assert "#1f2328" in light.lower() and "#e3e6ed" in dark.lower()
    assert "<dc:date>" not in light and "Matplotlib v" not in light  # no date, no version
    assert (out / "line.png").read_bytes().startswith(b"\x89PNG")


@pytest.mark.slow
def test_cache_hits_and_misses(sandbox: Sandbox) -> None:
    assert sandbox.run("build").returncode == 0
    again = sandbox.run("build")
    assert statuses(again.stdout) == {"demo/line": "cached", "demo/other": "cached"}
    sandbox.add("demo/line", DEMO.format(slope=3, slope2=6))  # edit one module
    edited = sandbox.run("build")
    assert statuses(edited.stdout) == {"demo/line": "built", "demo/other": "cached"}
    forced = sandbox.run("build", "demo/other", "--force")
    assert statuses(forced.stdout) == {"demo/other": "built"}
    sandbox.add("demo/_shared", "COLOR = 'C0'\n")  # a private helper module any figure may use
    helper = sandbox.run("build")
    assert statuses(helper.stdout) == {"demo/line": "built", "demo/other": "built"}


@pytest.mark.slow
def test_clean_rebuilds_are_byte_identical(sandbox: Sandbox) -> None:
    assert sandbox.run("build", "--jobs", "1").returncode == 0
    first = sandbox.snapshot()
    assert sandbox.run("clean").returncode == 0
    assert not (sandbox.root / "build" / "figures").exists()
    assert sandbox.run("build", "--jobs", "2").returncode == 0
    assert sandbox.snapshot() == first


@pytest.mark.slow
def test_a_failing_figure_names_id_file_line_and_keeps_other_outputs(sandbox: Sandbox) -> None:
    assert sandbox.run("build").returncode == 0
    before = sandbox.snapshot()
    sandbox.add("demo/broken", BROKEN)
    result = sandbox.run("build")
    assert result.returncode == 1
    assert "error: figure demo/broken: figures/demo/broken.py:9: ZeroDivisionError" in result.stderr
    assert statuses(result.stdout)["demo/broken"] == "FAILED"
    assert not sandbox.out("demo/broken").exists()
    after = sandbox.snapshot()
    assert after == before


@pytest.mark.slow
def test_standalone_script_rebuilds_one_figure_into_out(sandbox: Sandbox, tmp_path: Path) -> None:
    script = sandbox.root / "figures" / "demo" / "line.py"
    script.write_text(
        script.read_text()
        + textwrap.dedent("""

        if __name__ == "__main__":
            from figures.cli import main_standalone

            main_standalone(__file__)
        """),
    )
    env = {**os.environ, "PYTHONPATH": str(sandbox.root)}
    out = tmp_path / "elsewhere"
    result = subprocess.run(
        [sys.executable, str(script), "--out", str(out)], env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in (out / "demo" / "line").iterdir()) == [
        "line-dark.svg",
        "line.png",
        "line.svg",
        "manifest.json",
    ]


def test_missing_caption_or_alt_text_is_an_error(sandbox: Sandbox) -> None:
    sandbox.add("demo/nocaption", "def build(seed=0):\n    return None\n")
    sandbox.add("demo/noalt", '"""Only a caption."""\n\ndef build(seed=0):\n    return None\n')
    for figure_id, missing in (("demo/nocaption", "caption"), ("demo/noalt", "alt text")):
        result = sandbox.run("build", figure_id)
        assert result.returncode == 2
        assert f"{figure_id}: figures/{figure_id}.py:1: docstring has no {missing}" in result.stderr


def test_unknown_id_and_bad_jobs_are_reported(sandbox: Sandbox) -> None:
    result = sandbox.run("build", "demo/nope")
    assert result.returncode == 2
    assert "unknown figure id 'demo/nope'" in result.stderr
    assert "demo/line, demo/other" in result.stderr  # lists the known ids
    assert sandbox.run("build", "--jobs", "0").returncode == 2


def test_list_prints_ids_and_captions(sandbox: Sandbox) -> None:
    result = sandbox.run("list")
    assert result.returncode == 0
    assert result.stdout.splitlines()[0].split() == ["demo/line", "A", "demo", "line."]


def test_build_returning_something_else_is_an_error(sandbox: Sandbox) -> None:
    sandbox.add(
        "demo/wrong", '"""Wrong.\n\nReturns a string.\n"""\n\ndef build(seed=0):\n    return "x"\n'
    )
    result = sandbox.run("build", "demo/wrong")
    assert result.returncode == 1
    expected = "expected a matplotlib or plotly Figure, or a figures.table.Table"
    assert f"demo/wrong: build() returned str; {expected}" in result.stderr


def test_interrupted_write_keeps_the_previous_outputs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "demo" / "line"
    render.write_atomically(target, {"a.svg": b"old"}, {"key": "1", "files": ["a.svg"]})
    original = Path.write_bytes

    def fail_on_second(self: Path, data: bytes) -> int:
        if self.name == "b.svg":
            raise OSError("disk full")
        return original(self, data)

    monkeypatch.setattr(Path, "write_bytes", fail_on_second)
    with pytest.raises(OSError, match="disk full"):
        render.write_atomically(target, {"a.svg": b"new", "b.svg": b"new"}, {"key": "2"})
    assert (target / "a.svg").read_bytes() == b"old"
    assert json.loads((target / "manifest.json").read_text())["key"] == "1"
    assert sorted(p.name for p in target.parent.iterdir()) == ["line"]  # no staging leftovers
    assert runner.is_fresh(target, "1") and not runner.is_fresh(target, "2")


def test_cache_key_follows_the_library_sources(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    library = tmp_path / "src" / "nn101"
    library.mkdir(parents=True)
    (library / "core.py").write_text("A = 1\n")
    monkeypatch.setattr(cache, "LIBRARY", library)
    monkeypatch.setattr(cache, "REPO", tmp_path)
    monkeypatch.setattr(cache, "ROOT", tmp_path / "figures")
    monkeypatch.setattr(cache, "SHARED", ())
    cache.shared_digest.cache_clear()
    before = cache.shared_digest()
    (library / "core.py").write_text("A = 2\n")
    cache.shared_digest.cache_clear()
    assert cache.shared_digest() != before
    cache.shared_digest.cache_clear()


def test_cache_key_depends_on_module_and_seed() -> None:
    key = cache.cache_key("activations/step-vs-sigmoid")
    assert key == cache.cache_key("activations/step-vs-sigmoid")
    assert key != cache.cache_key("activations/step-vs-sigmoid", seed=1)
    assert key != cache.cache_key("mlp/xor-boundaries")


def test_read_info_rejects_malformed_ids() -> None:
    with pytest.raises(FigureError, match=r"unknown figure id '\.\./etc'"):
        read_info("../etc")


TABLE = '''\
"""A demo table.

Two rows of squares.
"""

from figures.table import Table


def build(seed=0):
    return Table(["x", "\\\\(x^2\\\\)"], [["1", "1"], ["2", "4 < 5 & more"]])
'''


@pytest.mark.slow
def test_a_table_figure_becomes_an_html_fragment_and_a_csv(sandbox: Sandbox) -> None:
    sandbox.add("demo/squares", TABLE)
    result = sandbox.run("build", "demo/squares")
    assert result.returncode == 0, result.stderr
    out = sandbox.out("demo/squares")
    fragment = (out / "squares.html").read_text()
    assert fragment.startswith("<table><thead><tr><th>x</th>")
    assert '<th><span class="arithmatex">\\(x^2\\)</span></th>' in fragment
    assert "<td>4 &lt; 5 &amp; more</td>" in fragment
    rows = (out / "squares.csv").read_text().splitlines()
    assert rows == ["x,\\(x^2\\)", "1,1", "2,4 < 5 & more"]
    assert json.loads((out / "manifest.json").read_text())["kind"] == "table"


def test_table_rows_must_match_the_header() -> None:
    from figures.table import Table

    with pytest.raises(ValueError, match="table row 2 has 1 cells; the header has 2"):
        Table(["a", "b"], [["1", "2"], ["3"]])


def contributing_template() -> str:
    """The figure module CONTRIBUTING.md tells contributors to copy, dedented."""
    text = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
    block = re.search(r'```python title="figures/<chapter>/<name>\.py"\n(.*?)\n\s*```', text, re.S)
    assert block, "CONTRIBUTING.md lost its figure template"
    return textwrap.dedent(block[1]) + "\n"


@pytest.mark.slow
def test_the_contributing_recipe_adds_a_working_figure(sandbox: Sandbox) -> None:
    path = sandbox.add("recipe/tanh-curve", contributing_template())
    listed = sandbox.run("list")
    assert "recipe/tanh-curve" in listed.stdout
    result = subprocess.run(  # step 2 of the recipe: run the module as a script
        [sys.executable, str(path)],
        cwd=sandbox.root,
        env={**os.environ, "PYTHONPATH": str(sandbox.root)},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    out = sandbox.out("recipe/tanh-curve")
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["caption"].startswith("Caption: one sentence")
    assert manifest["alt"].startswith("Alt text:")
    assert {"tanh-curve.svg", "tanh-curve-dark.svg", "tanh-curve.png"} <= set(manifest["files"])


def test_compute_runs_once_per_process_however_often_build_calls_it(tmp_path: Path) -> None:
    from figures import render

    module = render.load_module("activations/step-vs-sigmoid")
    assert module.compute(0) is module.compute(0)  # cached: both themes reuse the numbers
    assert module.compute(0) is not module.compute(1)
