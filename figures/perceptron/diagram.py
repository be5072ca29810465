"""A perceptron: inputs, weighted sum with a bias, step activation, output.

Diagram read from left to right. Three input nodes x1, x2 and x3 each send an arrow, labelled
with its weight w1, w2 or w3, into a summation node Σ; a bias b enters Σ from above. Σ computes
the pre-activation z = w1 x1 + w2 x2 + w3 x3 + b and passes it to a box showing the step function,
which outputs ŷ = 1 when z ≥ 0 and ŷ = 0 otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from matplotlib.axes import Axes
from matplotlib.colors import to_rgba
from matplotlib.figure import Figure
from matplotlib.patches import Circle, FancyArrowPatch, FancyBboxPatch

from figures import style
from figures.i18n import N_, _
from nn101 import activations

N_INPUTS = 3
INPUT_X, SUM_X, STEP_X, OUTPUT_X = 1.0, 5.0, 7.6, 9.9  # columns of the drawing
CENTRE_Y, INPUT_GAP = 2.4, 1.5  # the row of Σ and the spacing of the inputs
NODE_RADIUS, STEP_HALF = 0.42, 0.62  # circle radius, half side of the step box
LABELS = {
    "input": N_("$x_{i}$"),
    "weight": N_("$w_{i}$"),
    "sum": N_("$\\Sigma$"),
    "bias": N_("bias $b$"),
    "output": N_("$\\hat{{y}}$"),
    "z": N_("$z = \\mathbf{w}\\cdot\\mathbf{x} + b$"),
    "step": N_("$\\hat{y} = \\mathrm{step}(z)$"),
    "inputs": N_("inputs"),
    "sum_caption": N_("weighted sum"),
    "step_caption": N_("step activation"),
    "output_caption": N_("output"),
}


@dataclass(frozen=True)
class Node:
    x: float
    y: float
    label: str
    kind: str  # "input", "sum", "bias", "step" or "output"


@dataclass(frozen=True)
class Edge:
    source: str  # a key of Layout.nodes
    target: str
    label: str  # drawn next to the arrow, "" for none


@dataclass(frozen=True)
class Layout:
    nodes: dict[str, Node]
    edges: list[Edge]
    step_curve: tuple[np.ndarray, np.ndarray]  # the step function drawn inside its box


def compute(seed: int = 0) -> Layout:
    """Node positions, labels and edges of the diagram; ``seed`` is unused (nothing random)."""
    nodes = {
        f"x{i}": Node(
            INPUT_X,
            CENTRE_Y + (N_INPUTS + 1) / 2 * INPUT_GAP - i * INPUT_GAP,
            _(LABELS["input"]).format(i=i),
            "input",
        )
        for i in range(1, N_INPUTS + 1)
    }
    nodes["sum"] = Node(SUM_X, CENTRE_Y, _(LABELS["sum"]), "sum")
    nodes["bias"] = Node(SUM_X, CENTRE_Y + 1.9, _(LABELS["bias"]), "bias")
    nodes["step"] = Node(STEP_X, CENTRE_Y, "", "step")
    nodes["output"] = Node(OUTPUT_X, CENTRE_Y, _(LABELS["output"]), "output")
    edges = [Edge(f"x{i}", "sum", _(LABELS["weight"]).format(i=i)) for i in range(1, N_INPUTS + 1)]
    edges += [Edge("bias", "sum", ""), Edge("sum", "step", ""), Edge("step", "output", "")]
    z = np.linspace(-1.0, 1.0, 201)
    return Layout(nodes, edges, (z, activations.get("step")(z)))


def _anchor(node: Node, towards: Node) -> tuple[float, float]:
    """Where an arrow leaves or enters ``node`` on the way to ``towards``."""
    if node.kind in ("bias", "output"):
        return node.x, node.y  # bare labels: the arrow starts or ends at the text
    gap = np.array([towards.x - node.x, towards.y - node.y])
    if node.kind == "step":
        return node.x + STEP_HALF * np.sign(gap[0]), node.y
    x, y = np.array([node.x, node.y]) + NODE_RADIUS * gap / np.linalg.norm(gap)
    return float(x), float(y)


def _draw_edge(axes: Axes, layout: Layout, edge: Edge) -> None:
    source, target = layout.nodes[edge.source], layout.nodes[edge.target]
    start = _anchor(source, target)
    if source.kind == "bias":
        start = (source.x, source.y - 0.25)
    end = _anchor(target, source)
    if target.kind == "output":
        end = (target.x - 0.3, target.y)
    arrow = FancyArrowPatch(
        start, end, arrowstyle="-|>", mutation_scale=14, color=style.text_color(), lw=1.4
    )
    axes.add_patch(arrow)
    if edge.label:
        x, y = 0.55 * start[0] + 0.45 * end[0], 0.55 * start[1] + 0.45 * end[1]
        below = source.y < target.y  # label the lower arrows underneath, the others on top
        axes.text(
            x,
            y + (-0.22 if below else 0.22),
            edge.label,
            ha="center",
            va="top" if below else "bottom",
            fontsize=12,
            color="C0",
        )


def _draw_node(axes: Axes, layout: Layout, node: Node) -> None:
    ink = style.text_color()
    if node.kind in ("input", "sum"):
        fill = to_rgba("C0" if node.kind == "input" else "C2", 0.18)
        axes.add_patch(Circle((node.x, node.y), NODE_RADIUS, facecolor=fill, edgecolor=ink))
        axes.text(node.x, node.y, node.label, ha="center", va="center", fontsize=14)
    elif node.kind == "step":
        corner = (node.x - STEP_HALF, node.y - STEP_HALF)
        step = style.activation_look("step").color  # the step's colour in every figure
        box = FancyBboxPatch(
            corner,
            2 * STEP_HALF,
            2 * STEP_HALF,
            boxstyle="round,pad=0.04",
            facecolor=to_rgba(step, 0.18),
            edgecolor=ink,
        )
        axes.add_patch(box)
        z, a = layout.step_curve  # the step function, scaled into the box
        axes.plot(node.x + 0.45 * z, node.y - 0.4 + 0.8 * a, color=step, lw=2)
    else:
        axes.text(node.x, node.y, node.label, ha="center", va="center", fontsize=14)


def _captions(axes: Axes, layout: Layout) -> None:
    below = CENTRE_Y - 1.0
    bottom = layout.nodes[f"x{N_INPUTS}"].y - 0.8
    axes.text(INPUT_X, bottom, _(LABELS["inputs"]), ha="center", va="top", fontsize=10)
    axes.text(SUM_X, below, _(LABELS["sum_caption"]), ha="center", va="top", fontsize=10)
    axes.text(SUM_X, below - 0.45, _(LABELS["z"]), ha="center", va="top", fontsize=11)
    axes.text(STEP_X, below, _(LABELS["step_caption"]), ha="center", va="top", fontsize=10)
    axes.text(STEP_X, below - 0.45, _(LABELS["step"]), ha="center", va="top", fontsize=11)
    axes.text(OUTPUT_X, below, _(LABELS["output_caption"]), ha="center", va="top", fontsize=10)


def _diagram(seed: int, size: tuple[float, float]) -> Figure:
    """The diagram in a figure of ``size`` inches; its text keeps its point sizes, so a
    smaller figure shows it larger relative to the drawing."""
    layout = compute(seed)
    figure, axes = style.new_figure(width=size[0], height=size[1])
    for edge in layout.edges:
        _draw_edge(axes, layout, edge)
    for node in layout.nodes.values():
        _draw_node(axes, layout, node)
    _captions(axes, layout)
    axes.set(xlim=(0.3, 10.5), ylim=(0.0, 5.1), aspect="equal")
    axes.set_axis_off()
    return figure


def build(seed: int = 0) -> Figure:
    """The diagram for a desktop column."""
    return _diagram(seed, (7.0, 3.4))


def narrow(seed: int = 0) -> Figure:
    """The same diagram 5 inches wide: its 10-pt captions show at 9.9 CSS px on a phone."""
    return _diagram(seed, (5.0, 2.6))
