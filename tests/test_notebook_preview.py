"""The static preview a notebook's plotly figure shows until the reader reaches for it."""

from __future__ import annotations

import contextvars
import re
from html.parser import HTMLParser

import numpy as np
import plotly.graph_objects as go
import plotly.io as pio
import pytest

from figures import i18n
from figures.pipeline import notebook


@pytest.fixture(scope="module")
def loss_figure() -> go.Figure:
    figure = go.Figure(go.Scatter(y=np.geomspace(1, 1e-3, 50), mode="lines", name="loss"))
    figure.update_layout(xaxis_title="epoch", yaxis_title="loss", yaxis_type="log", height=380)
    return figure


@pytest.fixture(scope="module")
def boundary_figure() -> go.Figure:
    grid = np.linspace(0, 1, 11)
    figure = go.Figure(
        go.Contour(
            x=grid,
            y=grid,
            z=np.add.outer(grid, grid),
            colorscale="RdBu",
            contours={"start": 0, "end": 2, "size": 0.5},
        )
    )
    marker = {"color": [0, 1], "colorscale": [[0, "#3A8FD9"], [1, "#E3772B"]], "size": 9}
    figure.add_trace(go.Scatter(x=[0, 1], y=[1, 0], mode="markers", marker=marker, name="points"))
    figure.update_layout(width=480, height=420, title="Decision boundary")
    return figure


def preview(figure: go.Figure) -> str:
    return str(notebook.SiteRenderer().to_mimebundle(figure.to_dict())["text/html"])


def test_the_placeholder_carries_the_figure_a_preview_and_the_start_label(
    loss_figure: go.Figure,
) -> None:
    html = preview(loss_figure)
    assert html.startswith('<div class="nn101-plotly" data-figure="')
    assert 'data-start-label="Explore interactively"' in html
    assert '<svg class="nn101-preview" role="img" aria-label="loss against epoch: loss"' in html


def test_the_preview_follows_the_page_colours_and_scales_with_the_column(
    loss_figure: go.Figure,
) -> None:
    svg = notebook.static_svg(loss_figure.to_dict(), prefix="p")
    assert "currentColor" in svg
    assert notebook.INK not in svg and notebook.GRID not in svg
    assert not svg.startswith("<?xml")
    assert re.match(r'<svg class="nn101-preview"[^>]* width="700" viewBox=', svg)
    assert " height=" not in svg.split(">", 1)[0]  # the viewBox gives the height
    assert "*{stroke-linejoin" not in svg.replace(".nn101-preview *{stroke-linejoin", "")


def test_the_preview_carries_no_rdf_metadata(loss_figure: go.Figure) -> None:
    """matplotlib's default SVG metadata (an rdf:RDF block) is not valid inside an HTML page."""
    svg = notebook.static_svg(loss_figure.to_dict(), prefix="p")
    assert "<metadata" not in svg
    assert "rdf:" not in svg and "xmlns:cc" not in svg and "xmlns:dc" not in svg


class _Ids(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.ids.extend(value for key, value in attrs if key == "id" and value)


def element_ids(markup: str) -> list[str]:
    """The ``id`` of every element (not ``data-id`` or text that looks like an id)."""
    parser = _Ids()
    parser.feed(markup)
    parser.close()
    return parser.ids


def test_previews_on_one_page_never_share_an_element_id(
    loss_figure: go.Figure, boundary_figure: go.Figure
) -> None:
    ids: list[str] = []
    for figure in (loss_figure, boundary_figure):
        ids += element_ids(preview(figure))
    assert ids and len(ids) == len(set(ids))


def test_contour_and_coloured_markers_are_drawn_from_plotly_typed_arrays(
    boundary_figure: go.Figure,
) -> None:
    data = boundary_figure.to_dict()
    assert "bdata" in data["data"][0]["z"]  # plotly stores the numpy grid base64-encoded
    svg = notebook.static_svg(data, prefix="b")
    assert 'aria-label="Decision boundary"' in svg
    assert "<image" in svg  # the contour fill is rasterised, so the file stays small
    assert len(svg) < 120_000
    assert 'width="480"' in svg


def test_typed_arrays_decode_with_their_shape() -> None:
    encoded = go.Figure(go.Heatmap(z=np.arange(6.0).reshape(2, 3))).to_dict()["data"][0]["z"]
    np.testing.assert_array_equal(notebook._array(encoded), np.arange(6.0).reshape(2, 3))
    np.testing.assert_array_equal(notebook._array([1, 2]), [1.0, 2.0])


def test_plotly_colours_become_matplotlib_colours() -> None:
    assert notebook._color("rgb(255, 0, 51)") == (1.0, 0.0, 0.2)
    assert notebook._color("#3A8FD9") == "#3A8FD9"
    reds = notebook._colormap([[0, "#ff0000"], [1, "rgb(0, 0, 255)"]], reverse=True)
    assert reds(0.0)[:3] == (0.0, 0.0, 1.0)


def test_the_site_renderer_speaks_the_notebook_language(loss_figure: go.Figure) -> None:
    def in_a_zh_kernel() -> tuple[str, str, str]:
        notebook.use_site_renderer("zh")
        return i18n.language(), pio.renderers.default, preview(loss_figure)

    default = pio.renderers.default
    try:  # a copy of the context: the language chosen here does not leak into other tests
        lang, renderer, html = contextvars.copy_context().run(in_a_zh_kernel)
    finally:
        pio.renderers.default = default
    assert (lang, renderer) == ("zh", notebook.NAME)
    assert 'data-start-label="交互探索"' in html
    assert i18n.language() == "en"
