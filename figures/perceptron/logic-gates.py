"""The perceptron learns AND, OR and NAND, but no line it tries ever gets XOR right.

Four panels over the unit square, each marking the four inputs (0 or 1 for x1 and x2) as
circles (output 0) or squares (output 1) and shading the region the trained perceptron assigns
to output 1. For AND, OR and NAND the rule stops with a line that classifies all four points
correctly; the line passes through points that the step function puts on the class-1 side,
because the rule stops at the first line without mistakes. For XOR the rule runs its full 50
epochs without ever converging: dashed lines show every distinct line it tried, none gets more
than 3 of the 4 points right, and it ends in a state that gets only 2 right.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from figures import style
from figures.i18n import N_, _
from nn101.datasets import logic_gate
from nn101.perceptron import Perceptron

GATES = ("and", "or", "nand", "xor")
MAX_EPOCHS = 50
GRID = np.linspace(-0.5, 1.5, 101)
LABELS = {
    "and": N_("AND"),
    "or": N_("OR"),
    "nand": N_("NAND"),
    "xor": N_("XOR"),
    "learned": N_("{gate}: {correct}/4 correct\nafter {epochs} epochs"),
    "failed": N_("{gate}: never converges\nends {correct}/4, best line {best}/4"),
    "x1": N_("$x_1$"),
    "x2": N_("$x_2$"),
}


@dataclass(frozen=True)
class GatePanel:
    gate: str
    weights: np.ndarray  # final w
    bias: float  # final b
    region: np.ndarray  # predicted class on GRID × GRID, rows along x2
    correct: int  # points the final state classifies correctly, out of 4
    converged: bool
    epochs: int  # epochs run (the last one without mistakes if converged)
    margin: float  # smallest |z| = |w·x + b| over the four points, for the final state
    tried: list[tuple[np.ndarray, float]]  # every distinct (w, b) with w ≠ 0 in the history
    best_tried: int  # the most points any state in the history classified correctly


def _accuracy(X: np.ndarray, y: np.ndarray, model: Perceptron, update: int | None = None) -> int:
    """Points the perceptron classifies correctly after `update` updates (None: at the end)."""
    return int(np.sum(model.predict(X, update=update) == y))


def _distinct(history: list[tuple[np.ndarray, float]]) -> list[tuple[np.ndarray, float]]:
    seen: dict[tuple[float, ...], tuple[np.ndarray, float]] = {}
    for w, b in history:
        if np.any(w != 0):
            seen.setdefault((*w, b), (w, b))
    return list(seen.values())


def _panel(gate: str, seed: int) -> GatePanel:
    X, y = logic_gate(gate)
    model = Perceptron(max_epochs=MAX_EPOCHS, seed=seed).fit(X, y)
    x1, x2 = np.meshgrid(GRID, GRID)
    region = model.predict(np.column_stack([x1.ravel(), x2.ravel()])).reshape(x1.shape)
    tried = _distinct(model.history_)
    best = max(_accuracy(X, y, model, k) for k in range(len(model.history_)))
    return GatePanel(
        gate,
        model.weights,
        model.bias,
        region,
        _accuracy(X, y, model),
        model.converged_,
        len(model.errors_),
        float(np.min(np.abs(model.decision_function(X)))),
        tried,
        best,
    )


def compute(seed: int = 0) -> list[GatePanel]:
    """Train one perceptron per gate (sample order from ``seed``)."""
    return [_panel(gate, seed) for gate in GATES]


def _line(axes: Axes, w: np.ndarray, b: float, **kwargs: Any) -> None:
    """Draw w·x + b = 0 (nothing when w = 0: then there is no line, only one class)."""
    if abs(w[1]) > 0:
        axes.axline((0.0, -b / w[1]), slope=-w[0] / w[1], **kwargs)
    elif abs(w[0]) > 0:
        axes.axvline(-b / w[0], **kwargs)


def _draw(axes: Axes, panel: GatePanel) -> None:
    X, y = logic_gate(panel.gate)
    axes.contourf(GRID, GRID, panel.region, levels=[-0.5, 0.5, 1.5], cmap=style.class_cmap())
    ink = style.text_color()
    if panel.converged:
        _line(axes, panel.weights, panel.bias, color=ink, lw=2)
        title = _(LABELS["learned"]).format(
            gate=_(LABELS[panel.gate]), correct=panel.correct, epochs=panel.epochs
        )
    else:
        for w, b in panel.tried:
            _line(axes, w, b, color=ink, lw=0.9, ls="--", alpha=0.55)
        title = _(LABELS["failed"]).format(
            gate=_(LABELS[panel.gate]), correct=panel.correct, best=panel.best_tried
        )
    style.scatter_classes(axes, X, y)
    axes.set(
        title=title, xlabel=_(LABELS["x1"]), xlim=(GRID[0], GRID[-1]), ylim=(GRID[0], GRID[-1])
    )
    axes.set(aspect="equal", xticks=[0, 1], yticks=[0, 1])
    axes.grid(False)


def _figure(seed: int, grid: tuple[int, int], size: tuple[float, float]) -> Figure:
    """One panel per gate in a ``grid`` of (rows, columns), ``size`` inches."""
    panels = compute(seed)
    figure, axes = style.new_figure(*grid, width=size[0], height=size[1], sharey=True)
    for ax, panel in zip(axes.ravel(), panels, strict=True):
        _draw(ax, panel)
        if ax.get_subplotspec().is_first_col():
            ax.set_ylabel(_(LABELS["x2"]))
    return figure


def build(seed: int = 0) -> Figure:
    """The four gates side by side, for a desktop column."""
    return _figure(seed, (1, len(GATES)), (8.4, 2.9))


def narrow(seed: int = 0) -> Figure:
    """The same panels two by two, 5 inches wide: 10-pt text for a phone's column."""
    return _figure(seed, (2, 2), (5.0, 5.6))
