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
from html.parser import HTMLParser
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


def test_notebook_digest_follows_language_and_package_versions(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    english, chinese = keys.notebook_digest("en"), keys.notebook_digest("zh")
    assert english == keys.notebook_digest("en") and english != chinese  # the zh catalogue
    monkeypatch.setattr(keys, "_environment", lambda: "matplotlib==0.0-other")
    assert keys.notebook_digest("en") != english


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


# A figure wider than a phone's column, and its narrow layout for one: 10-pt text in a 7-inch
# figure shows at 7.1 px in a 358 px column, in a 4.5-inch one at 11.0 px (9 px is the least).
NARROW_DEMO = '''\
"""A demo line, with a narrow layout.

A straight line rising from left to right, drawn wide for desktops and narrow for phones.
"""

from figures import style


def _draw(width):
    figure, axes = style.new_figure(width=width, height=2.5)
    axes.plot([0, 1, 2], [0, 1, 2])
    axes.set_title("rising", fontsize=10)
    return figure


def build(seed=0):
    return _draw(7.0)


def narrow(seed=0):
    return _draw({narrow_width})
'''
NARROW_TABLE = TABLE.replace('"""A demo table.', '"""A demo table, narrow.') + (
    "\n\ndef narrow(seed=0):\n    return build(seed)\n"
)
NARROW_WRONG = NARROW_DEMO.replace("    return _draw({narrow_width})", '    return "x"')


@pytest.mark.slow
def test_a_narrow_layout_is_built_in_both_themes_with_its_size_and_text(sandbox: Sandbox) -> None:
    sandbox.add("demo/wide", NARROW_DEMO.format(narrow_width=4.5))
    result = sandbox.run("build")
    assert result.returncode == 0, result.stderr
    out = sandbox.out("demo/wide")
    built = manifest.read(out)
    assert built is not None and built.has_narrow
    assert built.files == (
        "wide-dark.svg",
        "wide-narrow-dark.svg",
        "wide-narrow.svg",
        "wide.png",
        "wide.svg",
    )  # no PNG of the narrow layout: downloads and prints are the wide figure
    assert (built.width, built.height, built.text_pt) == (672, 240, 10.0)
    assert (built.narrow_width, built.narrow_height, built.narrow_text_pt) == (432, 240, 10.0)
    light, dark = (out / "wide-narrow.svg").read_text(), (out / "wide-narrow-dark.svg").read_text()
    assert 'width="324pt"' in light and "#1f2328" in light.lower()  # 4.5 in, light ink
    assert 'width="324pt"' in dark and "#e3e6ed" in dark.lower()
    plain = manifest.read(sandbox.out("demo/line"))  # a module without narrow() has none
    assert plain is not None and not plain.has_narrow and plain.narrow_width is None


@pytest.mark.slow
def test_a_narrow_layout_that_is_no_image_or_too_small_fails_naming_file_and_px(
    sandbox: Sandbox,
) -> None:
    sandbox.add("demo/small", NARROW_DEMO.format(narrow_width=6.0))
    sandbox.add("demo/wrong", NARROW_WRONG)
    sandbox.add("demo/squares", NARROW_TABLE)
    result = sandbox.run("build", "--jobs", "1")
    assert result.returncode == 1
    failed = statuses(result.stdout)
    assert failed["demo/small"] == failed["demo/wrong"] == failed["demo/squares"] == "FAILED"
    assert failed["demo/line"] == "built"
    # 10 pt in 6 in shown 358 px wide: 10 x 358 / (72 x 6) = 8.29 px; it needs 9 x 72 x 6 / 358.
    assert (
        "demo/small: figures/demo/small.py: narrow() shows its smallest text at 8.29 CSS px in a "
        "phone's 358 px column; it needs at least 9 px: a 6 in wide figure needs text of at least "
        "10.86 pt, its smallest is 10 pt"
    ) in result.stderr
    expected = "demo/wrong: figures/demo/wrong.py: narrow() returned str; expected a matplotlib"
    assert expected in result.stderr
    assert "demo/squares: figures/demo/squares.py: defines narrow(), but it is a table" in (
        result.stderr
    )
    for figure_id in ("demo/small", "demo/wrong", "demo/squares"):
        assert not sandbox.out(figure_id).exists()  # nothing half-built to embed


def test_a_manifest_from_before_narrow_layouts_still_reads() -> None:
    old = demo_manifest("1", ("line.svg",)).to_json()
    data = json.loads(old)
    for field in ("narrow_width", "narrow_height", "narrow_text_pt"):
        del data[field]
    read = manifest.Manifest.from_json(json.dumps(data))
    assert read == demo_manifest("1", ("line.svg",)) and not read.has_narrow


def test_the_cache_key_changes_with_the_output_format(monkeypatch: pytest.MonkeyPatch) -> None:
    module = module_for("mlp/loss-curve")
    before = keys.Keys("en").key(module)
    keys._environment.cache_clear()
    monkeypatch.setattr(keys, "FORMAT_VERSION", keys.FORMAT_VERSION + "-next")
    try:
        assert keys.Keys("en").key(module) != before
    finally:
        keys._environment.cache_clear()


def narrow_manifest(**changes: object) -> manifest.Manifest:
    """A 10 x 3 in figure with 7.5-pt text (min_width 864 px) and a 5 x 4 in narrow layout."""
    files = ("wide-dark.svg", "wide-narrow-dark.svg", "wide-narrow.svg", "wide.png", "wide.svg")
    wide = manifest.Manifest("demo/wide", "static", "k", "C.", "A.", "s.py", files, 960, 288, 7.5)
    return dataclasses.replace(wide, narrow_width=480, narrow_height=384, narrow_text_pt=10.0)


class _Tags(HTMLParser):
    """The start tags of an HTML fragment with their attributes, in order."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def tags(fragment: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = _Tags()
    parser.feed(fragment)
    return parser.tags


def test_the_narrow_breakpoint_is_where_the_wide_figure_stops_fitting() -> None:
    from figures.pipeline import embed

    narrow = narrow_manifest()
    assert embed.min_width(narrow) == 864
    # It fits a column of 864 px, i.e. a viewport of 864 + 32 px gutters; 895 px is one too few.
    assert embed.narrow_breakpoint(narrow) == 864 + embed.PAGE_GUTTERS_PX - 1 == 895
    assert embed.narrow_media(narrow) == "screen and (max-width: 895px)"
    assert embed.narrow_min_width(narrow) == 324  # 9 x 480 x 0.75 / 10: fits a 358 px column
    without = dataclasses.replace(narrow, narrow_width=None, narrow_height=None)
    assert embed.narrow_breakpoint(without) is None and embed.narrow_min_width(without) is None
    # A wide layout needing 928 px fits no column below 960 px (sidebars): refused, by name.
    too_wide = dataclasses.replace(narrow, text_pt=7.0)  # 9 x 720 / 7 = 926 px: just fits
    assert embed.narrow_breakpoint(too_wide) == 957
    with pytest.raises(ValueError, match=r"demo/wide: its wide layout needs a 932 px column"):
        embed.narrow_breakpoint(dataclasses.replace(narrow, text_pt=6.955))


def test_a_narrow_layout_is_embedded_as_a_picture_per_palette() -> None:
    from figures.pipeline import embed

    html = embed.figure_html(narrow_manifest(), embed.Links("assets/", "source/"))
    found = [(tag, attrs) for tag, attrs in tags(html) if tag in ("picture", "source", "img")]
    assert [tag for tag, _ in found] == ["picture", "source", "img"] * 2  # source before img
    for at, theme, dark in ((0, "light", ""), (3, "dark", "-dark")):
        source, img = found[at + 1][1], found[at + 2][1]
        assert source == {
            "media": "screen and (max-width: 895px)",
            "srcset": f"assets/wide-narrow{dark}.svg",
            "type": "image/svg+xml",
            "width": "480",
            "height": "384",
        }
        assert img["src"] == f"assets/wide{dark}.svg#only-{theme}"
        assert (img["width"], img["height"]) == ("960", "288")  # the wide layout's own size
        assert img["style"] == "min-width: 324px"  # the narrow layout's: a 320 px phone scrolls
        assert img["data-nn101-text-pt"] == "7.5"
        assert (img["data-nn101-narrow-width"], img["data-nn101-narrow-text-pt"]) == ("480", "10")
    # Downloads stay the wide files.
    assert 'href="assets/wide.svg" download' in html and 'href="assets/wide.png" download' in html
    assert "narrow" not in html.split("nn101-figure__links", 1)[1]
    plain = embed.figure_html(
        dataclasses.replace(narrow_manifest(), narrow_width=None, narrow_height=None),
        embed.Links("assets/", "source/"),
    )
    assert "<picture" not in plain and 'style="min-width: 864px"' in plain


def test_an_interactive_figure_gets_the_same_picture_in_its_facade() -> None:
    from figures.pipeline import embed

    files = (*narrow_manifest().files, "wide.json")
    interactive = dataclasses.replace(narrow_manifest(), kind="interactive", files=files)
    html = embed.figure_html(interactive, embed.Links("assets/", "source/"))
    facade = html[html.index('<div class="nn101-plotly"') : html.index("</div>")]
    assert facade.count("<picture") == 2
    assert 'srcset="assets/wide-narrow.svg"' in facade


def phone_text_px(width: int, text_pt: float) -> float:
    """CSS px of ``text_pt`` in an image ``width`` CSS px wide, shown in a phone's column (never
    wider than its own width): render.shown_text_px, from a manifest's numbers."""
    from figures.pipeline import render

    return text_pt * min(render.COLUMN_PX["phone"], width) / (width * 72 / 96)


@pytest.mark.slow
def test_every_figure_too_small_for_a_phone_has_a_legible_narrow_layout() -> None:
    from figures.pipeline import embed

    results = figures.build()
    assert [r.error for r in results if r.error] == []
    images = [r.manifest for r in results if r.manifest and r.manifest.text_pt]
    assert len(images) >= 40  # every static rendering of the site, not none
    shown = {m.id: round(phone_text_px(m.width or 0, m.text_pt or 0), 2) for m in images}
    small = {m.id: shown[m.id] for m in images if shown[m.id] < embed.MIN_TEXT_PX}
    assert [i for i in small if not next(m for m in images if m.id == i).has_narrow] == [], small
    narrow = {
        m.id: round(phone_text_px(m.narrow_width or 0, m.narrow_text_pt or 0), 2)
        for m in images
        if m.has_narrow
    }
    assert {i: px for i, px in narrow.items() if px < embed.MIN_TEXT_PX} == {}


def test_the_loss_curve_narrow_layout_draws_the_same_lines_legibly_on_a_phone() -> None:
    """The pipeline's example narrow(): same curves and legend, at least 9 px in a phone."""
    import matplotlib as mpl

    from figures import style
    from figures.pipeline import embed, render

    module = figures.load_module("mlp/loss-curve")
    with mpl.rc_context(style.theme("light")):
        wide, narrow = module.build(), module.narrow()
    assert tuple(narrow.get_size_inches()) == (5.0, 5.0)
    assert round(render.shown_text_px(wide, render.COLUMN_PX["phone"]), 2) == 7.1
    assert round(render.shown_text_px(narrow, render.COLUMN_PX["phone"]), 2) == 9.94
    assert render.shown_text_px(narrow, render.COLUMN_PX["phone"]) >= embed.MIN_TEXT_PX

    def lines(figure: object) -> list[tuple[str, str, list[float]]]:
        (axes,) = figure.axes  # type: ignore[attr-defined]
        return [(li.get_label(), li.get_color(), list(li.get_ydata())) for li in axes.lines]

    assert lines(narrow) == lines(wide)  # every curve, in its colour, with the same numbers
    (legend,) = narrow.legends  # under the axes, with every entry of the wide legend
    wide_legend = wide.axes[0].get_legend()
    assert [t.get_text() for t in legend.texts] == [t.get_text() for t in wide_legend.texts]


# A figure whose compute() logs each call to $NN101_TEST_CALLS (a file: workers are processes),
# so a test counts how often the numbers were computed across builds and languages.
COMPUTED = '''\
"""A demo line with computed numbers.

A line whose heights come from compute(), drawn with a title looked up in the catalogue.
"""

import os

from figures import style
from figures.i18n import _

{module_level}


def compute(seed=0):
    with open(os.environ["NN101_TEST_CALLS"], "a", encoding="utf-8") as calls:
        calls.write(f"{{seed}}\\n")
    {in_compute}
    return [0.0, 1.5, {top}]


def build(seed=0):
    figure, axes = style.new_figure(width=3, height=2)
    axes.plot([0, 1, 2], compute(seed))
    axes.set_title(_("rising"))
    return figure
'''


def computed_demo(top: float = 2.0, module_level: str = "", in_compute: str = "") -> str:
    return COMPUTED.format(top=top, module_level=module_level, in_compute=in_compute or "pass")


def compute_calls(path: Path) -> int:
    return len(path.read_text().splitlines()) if path.exists() else 0


@pytest.fixture
def calls(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "compute-calls.txt"
    monkeypatch.setenv("NN101_TEST_CALLS", str(path))
    return path


def shared_results(sandbox: Sandbox, figure_id: str) -> list[Path]:
    return sorted((sandbox.root / "build" / "figures" / "_compute" / figure_id).glob("*/*"))


def language_files(out: Path, lang: str) -> dict[str, bytes]:
    base = out / lang
    return {p.relative_to(base).as_posix(): p.read_bytes() for p in base.rglob("*") if p.is_file()}


@pytest.mark.slow
def test_the_second_language_reuses_compute_and_draws_what_an_unshared_build_draws(
    sandbox: Sandbox, calls: Path, tmp_path: Path
) -> None:
    sandbox.add("demo/numbers", computed_demo())
    assert sandbox.run("build", "demo/numbers").returncode == 0
    assert compute_calls(calls) == 1  # both themes of the English build: one call
    (stored,) = shared_results(sandbox, "demo/numbers")
    zh = sandbox.run("build", "demo/numbers", "--lang", "zh")
    assert zh.returncode == 0, zh.stderr
    assert statuses(zh.stdout) == {"demo/numbers": "built"}
    assert compute_calls(calls) == 1  # the Chinese build loaded the English build's numbers
    shared = sandbox.root / "build" / "figures"
    for lang in ("en", "zh"):  # each language alone, in an output root of its own
        alone = tmp_path / f"unshared-{lang}"
        result = sandbox.run("build", "demo/numbers", "--lang", lang, "--out", str(alone))
        assert result.returncode == 0, result.stderr
        assert language_files(shared, lang) == language_files(alone, lang)
    assert compute_calls(calls) == 3
    assert shared_results(sandbox, "demo/numbers") == [stored]


@pytest.mark.slow
@pytest.mark.parametrize(
    "lookup",
    [{"in_compute": '_("rising")'}, {"module_level": 'TITLE = _("rising")'}],
    ids=["in-compute", "at-import"],
)
def test_a_compute_that_looks_up_words_is_not_shared(
    sandbox: Sandbox, calls: Path, lookup: dict[str, str]
) -> None:
    sandbox.add("demo/numbers", computed_demo(**lookup))
    for lang in ("en", "zh"):
        result = sandbox.run("build", "demo/numbers", "--lang", lang)
        assert result.returncode == 0, result.stderr
    assert compute_calls(calls) == 2  # once per language: its numbers may hold words
    assert shared_results(sandbox, "demo/numbers") == []


@pytest.mark.slow
def test_an_edited_module_computes_again_and_drops_its_old_shared_results(
    sandbox: Sandbox, calls: Path
) -> None:
    sandbox.add("demo/numbers", computed_demo(top=2.0))
    sandbox.add("demo/gone", computed_demo(top=4.0))
    assert sandbox.run("build").returncode == 0
    (before,) = shared_results(sandbox, "demo/numbers")
    assert compute_calls(calls) == 2
    sandbox.add("demo/numbers", computed_demo(top=3.0))
    (sandbox.root / "figures" / "demo" / "gone.py").unlink()
    result = sandbox.run("build", "--lang", "zh")
    assert result.returncode == 0, result.stderr
    assert compute_calls(calls) == 3  # the edited module only: its key changed
    (after,) = shared_results(sandbox, "demo/numbers")
    assert after.parent.name != before.parent.name and not before.exists()
    assert shared_results(sandbox, "demo/gone") == []  # a module that is gone keeps nothing
    drawn = sandbox.root / "build" / "figures" / "zh" / "demo" / "numbers" / "numbers.svg"
    assert drawn.read_bytes() != (sandbox.out("demo/numbers") / "numbers.svg").read_bytes()
    forced = sandbox.run("build", "demo/numbers", "--force")
    assert forced.returncode == 0 and compute_calls(calls) == 4  # --force computes afresh


def test_counting_lookups_counts_every_read_of_the_language_in_nested_blocks() -> None:
    from figures import i18n

    with i18n.using("en"), i18n.counting_lookups() as outer:
        i18n.N_("marked, not looked up")
        with i18n.counting_lookups() as inner:
            i18n._("Training loss")
            i18n.ngettext("epoch", "epochs", 2)
        i18n.language()
    i18n._("outside every block")
    assert (inner.count, outer.count) == (2, 3)
