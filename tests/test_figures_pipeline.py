"""The figure pipeline: outputs, cache, determinism, atomic writes, families and error reports.

Most tests run ``python -m figures`` in a sandbox: a copy of the figures package (its pipeline,
style and tables) with two tiny demo figures instead of the project's, so they exercise the real
command line without touching the project's figures.
"""

from __future__ import annotations

import dataclasses
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
from figures.pipeline import keys, manifest
from figures.pipeline.discovery import PIPELINE, REPO, FigureError, module_for, modules

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
            if chapter.name != PIPELINE.name:
                shutil.rmtree(chapter)  # keep the pipeline, drop the project's figures
        self.add("demo/line", DEMO.format(slope=1, slope2=2))
        self.add("demo/other", DEMO.format(slope=2, slope2=4))

    def add(self, figure_id: str, source: str) -> Path:
        path = self.root / "figures" / f"{figure_id}.py"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(source, encoding="utf-8")
        return path

    def env(self) -> dict[str, str]:
        env = {**os.environ, "PYTHONPATH": str(self.root), "PYTHONDONTWRITEBYTECODE": "1"}
        env.pop("NN101_FIGURES_OUT", None)
        return env

    def run(self, *args: str) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "figures", *args]
        return subprocess.run(
            command, cwd=self.root, env=self.env(), capture_output=True, text=True
        )

    def python(self, code: str) -> subprocess.CompletedProcess[str]:
        """Run ``code`` with the sandbox's figures package importable (the in-process API)."""
        command = [sys.executable, "-c", textwrap.dedent(code)]
        return subprocess.run(
            command, cwd=self.root, env=self.env(), capture_output=True, text=True
        )

    def out(self, figure_id: str) -> Path:
        return self.root / "build" / "figures" / "en" / figure_id

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
def test_build_takes_a_module_path_and_an_out_folder(sandbox: Sandbox, tmp_path: Path) -> None:
    out = tmp_path / "elsewhere"
    result = sandbox.run("build", "figures/demo/line.py", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert statuses(result.stdout) == {"demo/line": "built"}
    assert sorted(p.name for p in (out / "en" / "demo" / "line").iterdir()) == [
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


def demo_manifest(key: str, files: tuple[str, ...]) -> manifest.Manifest:
    return manifest.Manifest("demo/line", "static", key, "A.", "B.", "figures/demo/line.py", files)


def test_interrupted_write_keeps_the_previous_outputs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "demo" / "line"
    manifest.write_atomically(target, {"a.svg": b"old"}, demo_manifest("1", ("a.svg",)))
    original = Path.write_bytes

    def fail_on_second(self: Path, data: bytes) -> int:
        if self.name == "b.svg":
            raise OSError("disk full")
        return original(self, data)

    monkeypatch.setattr(Path, "write_bytes", fail_on_second)
    files = {"a.svg": b"new", "b.svg": b"new"}
    with pytest.raises(OSError, match="disk full"):
        manifest.write_atomically(target, files, demo_manifest("2", ("a.svg", "b.svg")))
    assert (target / "a.svg").read_bytes() == b"old"
    kept = manifest.read(target)
    assert kept is not None and kept.key == "1" and kept.complete_in(target)
    assert sorted(p.name for p in target.parent.iterdir()) == ["line"]  # no staging leftovers


def test_a_manifest_with_a_missing_file_is_not_complete(tmp_path: Path) -> None:
    target = tmp_path / "demo" / "line"
    manifest.write_atomically(target, {"a.svg": b"x"}, demo_manifest("1", ("a.svg",)))
    assert manifest.read(target) == demo_manifest("1", ("a.svg",))  # the JSON round-trips
    (target / "a.svg").unlink()
    assert not demo_manifest("1", ("a.svg",)).complete_in(target)
    (target / manifest.MANIFEST_FILE).write_text("{not json")
    assert manifest.read(target) is None


def test_source_digest_follows_the_library_sources(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    library = tmp_path / "src" / "nn101"
    library.mkdir(parents=True)
    (library / "core.py").write_text("A = 1\n")
    monkeypatch.setattr(keys, "LIBRARY", library)
    monkeypatch.setattr(keys, "REPO", tmp_path)
    monkeypatch.setattr(keys, "ROOT", tmp_path / "figures")
    monkeypatch.setattr(keys, "SHARED", ())
    before = keys.source_digest()
    assert keys.source_digest() == before  # nothing memoised: equal because the files are
    (library / "core.py").write_text("A = 2\n")
    assert keys.source_digest() != before


def test_cache_key_depends_on_module_and_language() -> None:
    step = module_for("activations/step-vs-sigmoid")
    english = keys.Keys("en")
    assert english.key(step) == keys.Keys("en").key(step)
    assert english.key(step) != keys.Keys("zh").key(step)
    assert english.key(step) != english.key(module_for("mlp/xor-boundaries"))


def test_module_for_rejects_malformed_and_unknown_ids() -> None:
    with pytest.raises(FigureError, match=r"unknown figure id '\.\./etc'"):
        module_for("../etc")
    with pytest.raises(FigureError, match="activations/family-\\*"):  # families by pattern
        module_for("activations/nope")
    assert module_for("activations/family-other").path.name == "family.py"


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


def test_a_table_with_key_columns_marks_the_others_and_gets_a_switch() -> None:
    from figures.pipeline import embed
    from figures.pipeline.manifest import Manifest
    from figures.table import MORE, Table, has_narrow_view, to_html

    table = Table(["a", "b", "c"], [["1", "2", "3"]], key_columns=(0, 2))
    fragment = to_html(table)
    assert f'<th class="{MORE}">b</th>' in fragment and f'<td class="{MORE}">2</td>' in fragment
    assert "<th>a</th>" in fragment and "<td>3</td>" in fragment and has_narrow_view(fragment)
    manifest = Manifest("demo/wide", "table", "k", "Caption.", "Alt.", "figures/demo/wide.py", ())
    links = embed.Links("assets/", "source/")
    html = embed.figure_html(manifest, links, fragment)
    switch = '<input type="checkbox" class="nn101-table__all" id="fig-demo-wide-all-columns">'
    assert switch + '<label for="fig-demo-wide-all-columns"' in html
    assert html.index(switch) < html.index("<table>")
    narrow = to_html(Table(["a"], [["1"]]))
    assert not has_narrow_view(narrow) and "checkbox" not in embed.figure_html(
        manifest, links, narrow
    )


def test_an_image_never_shows_its_smallest_text_below_9_px() -> None:
    from matplotlib.figure import Figure

    from figures.pipeline import embed, render
    from figures.pipeline.manifest import Manifest

    figure = Figure(figsize=(10, 3))
    axes = figure.subplots()
    axes.set_title("title", fontsize=12)
    axes.text(0, 0, "note", fontsize=7.5)
    axes.text(0, 0, "hidden", fontsize=4, visible=False)
    figure.add_subplot(2, 2, 4, visible=False).set_title("in a hidden panel", fontsize=3)
    assert render.smallest_text(figure) == 7.5
    manifest = Manifest("demo/wide", "static", "k", "C.", "A.", "s.py", ("wide.svg",), 960, 288)
    assert embed.min_width(manifest) is None  # a manifest from before text_pt
    # 7.5 pt in a 720-pt-wide image is 9 px when the image is 864 px wide.
    wide = dataclasses.replace(manifest, text_pt=7.5)
    assert embed.min_width(wide) == 864
    html = embed.figure_html(wide, embed.Links("assets/", "source/"))
    assert 'style="min-width: 864px" data-nn101-text-pt="7.5"' in html


def test_key_columns_must_be_columns() -> None:
    from figures.table import Table

    with pytest.raises(ValueError, match=r"table key_columns \[3\] are not columns of a 2-column"):
        Table(["a", "b"], [["1", "2"]], key_columns=(0, 3))


def contributing_template(title: str = "figures/<chapter>/<name>.py") -> str:
    """The figure module CONTRIBUTING.md tells contributors to copy, dedented."""
    text = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
    block = re.search(rf'```python title="{re.escape(title)}"\n(.*?)\n\s*```', text, re.S)
    assert block, f"CONTRIBUTING.md lost its template {title!r}"
    return textwrap.dedent(block[1]) + "\n"


@pytest.mark.slow
def test_the_contributing_recipe_adds_a_working_figure(sandbox: Sandbox) -> None:
    path = sandbox.add("recipe/tanh-curve", contributing_template())
    listed = sandbox.run("list")
    assert "recipe/tanh-curve" in listed.stdout
    result = sandbox.run("build", str(path.relative_to(sandbox.root)))  # step 2 of the recipe
    assert result.returncode == 0, result.stderr
    out = sandbox.out("recipe/tanh-curve")
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["caption"].startswith("Caption: one sentence")
    assert manifest["alt"].startswith("Alt text:")
    assert {"tanh-curve.svg", "tanh-curve-dark.svg", "tanh-curve.png"} <= set(manifest["files"])


def test_compute_runs_once_per_process_however_often_build_calls_it(tmp_path: Path) -> None:
    module = figures.load_module("activations/step-vs-sigmoid")
    assert module.compute(0) is module.compute(0)  # cached: both themes reuse the numbers
    assert module.compute(0) is not module.compute(1)


FAMILY = '''\
"""Lines of several slopes: one figure per slope, named from the data."""

from figures import style

SLOPES = {slopes}


def variants():
    return {{f"slope-{{s}}": s for s in SLOPES}}


def caption(slope):
    return f"A line of slope {{slope}}."


def alt(slope):
    return f"A straight line rising {{slope}} units per unit."


def build(slope, seed=0):
    figure, axes = style.new_figure(width=3, height=2)
    axes.plot([0, 1], [0, slope])
    return figure
'''


@pytest.mark.slow
def test_a_family_module_builds_one_figure_per_variant_with_computed_captions(
    sandbox: Sandbox,
) -> None:
    sandbox.add("demo/lines", FAMILY.format(slopes="(1, 2)"))
    result = sandbox.run("build")
    assert result.returncode == 0, result.stderr
    built = statuses(result.stdout)
    assert built["demo/lines-slope-1"] == built["demo/lines-slope-2"] == "built"
    info = json.loads((sandbox.out("demo/lines-slope-2") / "manifest.json").read_text())
    assert info["caption"] == "A line of slope 2."
    assert info["source"] == "figures/demo/lines.py"
    assert info["files"] == ["lines-slope-2-dark.svg", "lines-slope-2.png", "lines-slope-2.svg"]
    assert "demo/lines-slope-1 " in sandbox.run("list").stdout
    sandbox.add("demo/lines", FAMILY.format(slopes="(1, 3)"))  # data changed: 2 gone, 3 new
    again = statuses(sandbox.run("build").stdout)
    assert again == {
        "demo/line": "cached",
        "demo/other": "cached",
        "demo/lines-slope-1": "built",
        "demo/lines-slope-3": "built",
    }
    assert not sandbox.out("demo/lines-slope-2").exists()  # no stale figure left to embed
    assert statuses(sandbox.run("build", "demo/lines-slope-3").stdout) == {
        "demo/lines-slope-3": "cached"
    }


@pytest.mark.slow
def test_a_family_whose_variants_fail_is_reported_with_its_file_and_line(
    sandbox: Sandbox,
) -> None:
    sandbox.add(
        "demo/lines",
        FAMILY.format(slopes="(1, 2)").replace("    return {f", "    1 / 0\n    return {f"),
    )
    result = sandbox.run("build")
    assert result.returncode == 1
    assert "error: figure demo/lines-*: figures/demo/lines.py:9: ZeroDivisionError" in result.stderr


@pytest.mark.slow
def test_build_returns_results_and_starts_no_worker_when_everything_is_fresh(
    sandbox: Sandbox,
) -> None:
    assert sandbox.run("build").returncode == 0
    sandbox.add("demo/other", DEMO.format(slope=5, slope2=9))  # stale: needs a worker
    script = """
        import sys
        import figures
        from figures.pipeline import runner

        first = figures.build()
        print(sorted((r.id, r.status, r.manifest.caption) for r in first))

        class NoWorkers:
            def __init__(self, *args, **kwargs):
                raise AssertionError("a worker was started")

        runner.ProcessPoolExecutor = NoWorkers
        second = figures.build()
        print(sorted((r.id, r.status) for r in second))
        sys.modules.get("matplotlib") and print("matplotlib imported")
    """
    result = sandbox.python(script)
    assert result.returncode == 0, result.stderr
    first, second = result.stdout.splitlines()
    assert first == (
        "[('demo/line', 'cached', 'A demo line.'), ('demo/other', 'built', 'A demo line.')]"
    )
    assert second == "[('demo/line', 'cached'), ('demo/other', 'cached')]"


def test_every_module_of_the_project_is_found_and_the_pipeline_is_not_a_chapter() -> None:
    found = {m.id for m in modules()}
    assert "mlp/xor-boundaries" in found and "activations/family" in found
    assert not any(i.startswith(f"{PIPELINE.name}/") for i in found)
    assert [m.id for m in modules() if m.family] == ["activations/family", "activations/function"]


@pytest.mark.slow
def test_the_contributing_family_recipe_adds_one_figure_per_variant(sandbox: Sandbox) -> None:
    sandbox.add("recipe/curve", contributing_template("figures/<chapter>/<name>.py (a family)"))
    result = sandbox.run("build", "--jobs", "1")
    assert result.returncode == 0, result.stderr
    assert {"recipe/curve-sigmoid", "recipe/curve-tanh"} <= set(statuses(result.stdout))
    manifest = json.loads((sandbox.out("recipe/curve-tanh") / "manifest.json").read_text())
    assert manifest["caption"] == "Tanh and its derivative."


def test_backreferences_follow_imports_attributes_and_private_helpers(tmp_path: Path) -> None:
    from figures.pipeline import backrefs

    names = backrefs.library_names(REPO / "figures" / "mlp" / "xor-boundaries.py")
    assert {"nn101.mlp.MLP", "nn101.perceptron.Perceptron", "nn101.datasets.logic_gate"} <= names
    helper_only = backrefs.library_names(REPO / "figures" / "activations" / "family.py")
    assert "nn101.activations.names" in helper_only  # used only in figures/activations/_panels.py
    used = backrefs.used_by(figures.built())
    assert "mlp/xor-boundaries" in used["nn101.mlp.MLP"]
    assert used["nn101.gradcheck.relative_error"] == ["mlp/gradient-check"]
