"""Fixtures shared by the figure tests."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import matplotlib
import numpy as np
import pytest
from matplotlib.collections import PathCollection
from matplotlib.contour import ContourSet
from matplotlib.figure import Figure

from figures import load_module, style
from figures.pipeline import embed, render

NARROW_WIDTH = 5.0  # inches: the widest a figure drawn for a phone's column may be


def shown(figure: Figure) -> tuple[set[str], list[tuple[Any, ...]]]:
    """What a figure shows, whatever its layout: the set of its titles, axis labels, legend
    entries and annotations, and per panel (in drawing order) its lines' data and its numbers
    of collections (bands, scatters, contours) and patches. Tick labels are left out: a
    narrower panel may place fewer ticks on the same axis."""
    texts: set[str] = set()
    panels = []
    for axes in figure.axes:
        texts |= {axes.get_title(), axes.get_xlabel(), axes.get_ylabel()}
        texts |= {text.get_text() for text in axes.texts}
        if (legend := axes.get_legend()) is not None:
            texts |= {text.get_text() for text in legend.get_texts()}
        lines = tuple(np.asarray(line.get_xydata()).tobytes() for line in axes.get_lines())
        panels.append((lines, len(axes.collections), len(axes.patches)))
    return texts - {""}, panels


def check_narrow(figure_id: str) -> Figure:
    """Build ``figure_id``'s narrow layout and its desktop one (``static()`` for an interactive
    figure) in the light theme; assert the narrow one fits a phone's column with legible text
    and shows exactly what the desktop one shows. Returns the narrow figure."""
    module = load_module(figure_id)
    desktop = getattr(module, "static", module.build)
    with matplotlib.rc_context(style.theme("light")):
        wide, narrow = desktop(), module.narrow()
    assert narrow.get_figwidth() <= NARROW_WIDTH, figure_id
    size = render.shown_text_px(narrow, render.COLUMN_PX["phone"])
    assert size >= embed.MIN_TEXT_PX, (figure_id, size)
    assert shown(narrow) == shown(wide), figure_id
    return narrow


@pytest.fixture
def narrow_layout() -> Callable[[str], Figure]:
    """``check_narrow``, for the figure test modules (which cannot import each other)."""
    return check_narrow


def _words(text: str) -> str:
    """A text with its line breaks as spaces: a narrow layout may wrap a title or a label."""
    return " ".join(text.split())


def drawn(figure: Figure, *, ylabel: bool) -> list[dict[str, Any]]:
    """What each visible axes draws, in the order of their titles (a layout may move a panel to
    another cell; among equal titles, in grid order): title, y label (with ``ylabel``; a layout
    may move the shared one), lines, scatter points, contours (their paths' vertices), texts and
    legend entries; not where or how large."""
    result = []
    for ax in figure.axes:
        if not ax.get_visible():
            continue
        legend = ax.get_legend()
        contours = [c for c in ax.collections if isinstance(c, ContourSet)]
        result.append(
            {
                "title": _words(ax.get_title()),
                "ylabel": ax.get_ylabel() if ylabel else None,
                "lines": [line.get_xydata() for line in ax.get_lines()],
                "points": [
                    c.get_offsets() for c in ax.collections if isinstance(c, PathCollection)
                ],
                "contours": [[path.vertices for path in c.get_paths()] for c in contours],
                "texts": [_words(text.get_text()) for text in ax.texts],
                "legend": [text.get_text() for text in legend.texts] if legend else [],
            }
        )
    return sorted(result, key=lambda axes: str(axes["title"]))


def check_same_drawing(figure_id: str, *, ylabel: bool) -> None:
    """``check_narrow``'s size checks, then a stricter comparison of what both layouts draw
    (``drawn``: scatter offsets and contour vertices too, panels matched by title)."""
    module = load_module(figure_id)
    desktop = getattr(module, "static", module.build)
    with matplotlib.rc_context(style.theme("light")):
        wide, narrow = desktop(), module.narrow()
    assert narrow.get_figwidth() <= NARROW_WIDTH, figure_id
    assert render.shown_text_px(narrow, render.COLUMN_PX["phone"]) >= embed.MIN_TEXT_PX
    np.testing.assert_equal(drawn(narrow, ylabel=ylabel), drawn(wide, ylabel=ylabel))


@pytest.fixture
def same_drawing() -> Callable[..., None]:
    """``check_same_drawing``, for the figure test modules."""
    return check_same_drawing
