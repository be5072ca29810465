"""The activation catalogue: one generated page and one figure per registered activation.

Every test loops over ``names()``, so a registry entry added later gets its page, its figure and
these checks by itself. The built site is checked in tests/test_site.py.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import numpy as np
import pytest
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from devtools.harness import load_hook
from figures import i18n, load_module
from figures.pipeline import activation_pages, embed, render
from figures.pipeline.discovery import REPO, module_for
from nn101.activations import FAMILIES, get, names

each_name = pytest.mark.parametrize("name", names())
function = load_module("activations/function")
hook = load_hook("nn101_activation_pages")


@each_name
def test_every_activation_has_a_figure_of_its_own(name: str) -> None:
    figure_id = function.figure_id(name)
    assert module_for(figure_id).path.name == "function.py"
    assert figure_id.removeprefix("activations/function-") in function.variants()
    panel = function.compute(name)
    act = get(name)
    np.testing.assert_array_equal(panel.value, act(panel.x))
    np.testing.assert_array_equal(panel.grad, act.grad(panel.x))
    assert act.label in function.caption(name) and act.label in function.alt(name)


@pytest.mark.parametrize("name", ["relu", "relu6", "softplus"])
def test_figure_text_is_at_least_9_css_px_on_a_phone_and_a_desktop(name: str) -> None:
    figure = function.build(name)
    for device, column in render.COLUMN_PX.items():
        assert render.shown_text_px(figure, column) >= embed.MIN_TEXT_PX, device
    # The measure can fail: the same figure twice as wide would be too small on a phone.
    figure.set_figwidth(2 * function.WIDTH)
    assert render.shown_text_px(figure, render.COLUMN_PX["phone"]) < embed.MIN_TEXT_PX


def test_figure_alt_text_quotes_the_plotted_ranges() -> None:
    assert function.alt("relu6") == (
        "Two line charts over x from -3 to 8. Left: ReLU6, between 0 and 6. "
        "Right: its derivative, between 0 and 1."
    )


@each_name
def test_page_has_formula_figure_properties_parameters_torch_and_paper(name: str) -> None:
    act = get(name)
    page = activation_pages.page_markdown(name)
    assert page.startswith(f"# {act.label} {{#")
    assert f"f(x) = {act.formula}" in page and f"f'(x) = {act.derivative_formula}" in page
    assert f'{{{{ figure("{function.figure_id(name)}") }}}}' in page
    assert "## Properties {#properties}" in page and "## Parameters {#parameters}" in page
    if act.torch_call is None:
        assert "PyTorch has no `torch.nn` module" in page
    else:
        assert f"`{act.torch_call}`" in page
    for key, value in act.params.items():
        assert f"| `{key}` | {value:g} |" in page
    if not act.params:
        assert "has no parameters." in page
    assert str(act.properties.year) in page and act.properties.url in page


@each_name
def test_page_quotes_the_property_table_row(name: str) -> None:
    row = load_module("activations/properties").row(name)
    page = activation_pages.page_markdown(name)
    for cell in row[4:12]:  # range .. cost: the cells a page shows as properties
        assert activation_pages.INLINE_MATH.sub(activation_pages.DOLLARS, cell) in page


NUMBERS = re.compile(r"-?\d+(?:\.\d+)?(?:e[-+]?\d+)?")


@each_name
def test_snippet_runs_and_its_comments_are_what_it_prints(name: str) -> None:
    code = activation_pages.snippet(name)
    assert code in activation_pages.page_markdown(name)
    namespace: dict[str, object] = {}
    exec(compile(code, f"<snippet {name}>", "exec"), namespace)  # the code as the page shows it
    checked = 0
    for line in code.splitlines():
        expression, _, comment = line.partition("  # ")
        if comment:
            value = eval(expression, namespace)
            expected = [float(n) for n in NUMBERS.findall(comment)]
            np.testing.assert_allclose(value, expected, rtol=5e-4, atol=1e-12)
            checked += 1
    assert checked == 2  # f and f'


def test_a_wrong_comment_would_fail_the_snippet_check() -> None:
    value = get("relu")([-2.0, -0.5, 0.0, 0.5, 2.0])
    with pytest.raises(AssertionError):
        np.testing.assert_allclose(value, [0, 0, 0, 0.5, 2.1], rtol=5e-4, atol=1e-12)


def test_index_links_every_page_under_its_family_with_its_figure() -> None:
    index = activation_pages.index_markdown()
    for name in names():
        assert f"]({name}.md)" in index, name
    for family in FAMILIES:
        slug = load_module("activations/family")._panels.slug(family)
        assert f'{{{{ figure("activations/family-{slug}") }}}}' in index
    assert all(name != Path(activation_pages.INDEX).stem for name in names())


def test_unknown_names_are_clear_errors() -> None:
    for call in (activation_pages.page_markdown, activation_pages.page_path, function.figure_id):
        with pytest.raises(ValueError, match=r"unknown activation 'relu7'; valid names: identity"):
            call("relu7")


def test_a_prose_file_for_no_activation_stops_the_build(tmp_path: Path) -> None:
    (tmp_path / "relu.md").write_text("prose", encoding="utf-8")
    activation_pages.check_includes(tmp_path)  # a registered name is fine
    (tmp_path / "relu7.md").write_text("prose", encoding="utf-8")
    with pytest.raises(ValueError, match=r"relu7\.md: no activation 'relu7' in the registry"):
        activation_pages.check_includes(tmp_path)


def test_prose_files_exist_for_every_activation_and_are_included() -> None:
    """The prose of the chapter's old catalogue moved to the pages: none may go missing."""
    activation_pages.check_includes()
    for name in names():
        prose = (activation_pages.INCLUDES / f"{name}.md").read_text(encoding="utf-8").strip()
        assert prose in activation_pages.page_markdown(name), name


def test_a_translated_page_keeps_the_english_heading_ids_and_drops_its_front_matter(
    tmp_path: Path,
) -> None:
    (tmp_path / "relu.md").write_text("---\nsource_blob: 0\n---\n\n中文。\n", encoding="utf-8")
    with i18n.using("zh"):
        page = activation_pages.page_markdown("relu", tmp_path)
    headings = re.findall(r"^#+ (.*) \{#([^}]+)\}$", page, re.M)
    assert [anchor for _, anchor in headings] == [
        "relu",
        "properties",
        "parameters",
        "in-pytorch",
        "in-nn101",
        "paper",
    ]
    assert headings[1][0] != "Properties"  # the words are Chinese, the ids are not
    assert "\n中文。\n" in page and "source_blob" not in page


def test_a_nav_without_the_chapter_is_a_clear_error() -> None:
    config = MkDocsConfig()
    config.load_dict({"site_name": "x", "nav": [{"Home": "index.md"}]})
    config.validate()
    with pytest.raises(PluginError, match=r"no nav section lists activations\.md"):
        hook.on_config(config)


def test_nav_lists_the_index_then_every_page_in_registry_order() -> None:
    entries = hook.catalogue_nav()
    assert entries[0] == {"All activations": activation_pages.INDEX}
    assert [next(iter(e.values())) for e in entries[1:]] == [f"activations/{n}.md" for n in names()]
    assert [next(iter(e)) for e in entries[1:]] == [get(n).label for n in names()]


def test_template_strings_go_through_the_lookup() -> None:
    """Every sentence of the page template is a message (``TEXT``): no literal prose in code
    (error messages, for the author of a page, are not for readers)."""
    tree = ast.parse((REPO / "figures" / "pipeline" / "activation_pages.py").read_text())
    errors = {id(n) for r in ast.walk(tree) if isinstance(r, ast.Raise) for n in ast.walk(r)}
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr) and id(node) not in errors:
            literal = "".join(v.value for v in node.values if isinstance(v, ast.Constant))
            assert not re.search(r"[A-Za-z]{4,} [a-z]{3,}", literal), literal
