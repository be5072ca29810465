"""Fixtures shared by the figure tests."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import matplotlib
import numpy as np
import pytest
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
