"""Watch a decision boundary form: a ReLU network learning the spiral, epoch by epoch.

Animated heat map over the plane of the spiral dataset (200 points in two interleaved arms,
shown as dots in the two class colours). The shading is the network's probability of class 1,
from one class colour through pale at 50 % to the other; a play button and a slider step through
snapshots of a 2-16-16-1 ReLU network every 20 epochs of full-batch Adam, from its random start
to epoch 300, and the title gives the epoch, the training loss and the training accuracy. The
untrained network cuts the plane into wedges that meet at the origin (all its biases start at
zero, so every ReLU hinge passes through it) and gets 45 % of the points right. By epoch 20 one
broad bend splits the plane (64 %), by epoch 60 a curved band follows the inner part of one arm
(78 %), and by epoch 300 each arm lies in its own spiralling band (94 %). Without JavaScript, the
four snapshots at epochs 0, 20, 60 and 300 are shown together.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import plotly.graph_objects as go
from matplotlib.colors import to_rgb
from matplotlib.figure import Figure

from figures import style
from figures.i18n import N_, _
from figures.playground import _training as training
from nn101.mlp import MLP

DATASET = "spiral"
ACTIVATION = "relu"
EVERY = 20  # epochs between snapshots
RESOLUTION = 50  # grid points per side of the heat map (stored as whole percent, one byte each)
STATIC_EPOCHS = (0, 20, 60, 300)
LABELS = {
    "title": N_(
        "ReLU network on the spiral: epoch {epoch}, loss {loss:.3f}, accuracy {accuracy:.0%}"
    ),
    "static_title": N_("epoch {epoch}\nloss {loss:.3f} · accuracy {accuracy:.0%}"),
    "probability": N_("P(class 1) %"),
    "class": N_("class {label}"),
    "play": N_("▶ play"),
    "pause": N_("❚❚ pause"),
    "slider": N_("epoch "),
    "x1": N_("x₁"),
    "x2": N_("x₂"),
}

# plotly animation settings: jump to a frame at once (slider), or play frames 350 ms apart
STILL = {
    "mode": "immediate",
    "frame": {"duration": 0, "redraw": True},
    "transition": {"duration": 0},
}
PLAY = {
    "frame": {"duration": 350, "redraw": True},
    "fromcurrent": True,
    "transition": {"duration": 0},
}


@dataclass(frozen=True)
class Snapshot:
    epoch: int
    probability: np.ndarray  # P(class 1) on the grid, rows along x2
    loss: float  # training loss (mean binary cross-entropy) at this epoch
    accuracy: float  # training accuracy at this epoch


@dataclass(frozen=True)
class Animation:
    data: training.Data
    x1: np.ndarray
    x2: np.ndarray
    snapshots: list[Snapshot]


def _snapshot(model: MLP, epoch: int, data: training.Data, points: np.ndarray) -> Snapshot:
    probability = model.predict_proba(points).reshape(RESOLUTION, RESOLUTION)
    accuracy = training.accuracy(model, data.X, data.y)
    return Snapshot(epoch, probability, model.loss(data.X, data.y), accuracy)


def compute(seed: int = 0) -> Animation:
    """Train once, recording a snapshot before training and after every EVERY epochs."""
    data = training.load(DATASET, seed)
    x1, x2, points = training.grid(data.X, RESOLUTION)
    model = training.new_model(ACTIVATION, seed)
    snapshots = [_snapshot(model, 0, data, points)]

    def record(epoch: int, trained: MLP) -> None:
        if epoch % EVERY == 0:
            snapshots.append(_snapshot(trained, epoch, data, points))

    training.fit(model, data, callback=record)
    return Animation(data, x1, x2, snapshots)


def _colorscale() -> list[list[object]]:
    """Class 0's colour at 0 %, almost transparent at 50 %, class 1's colour at 100 %."""

    def rgba(color: str, alpha: float) -> str:
        r, g, b = (round(255 * c) for c in to_rgb(color))
        return f"rgba({r},{g},{b},{alpha})"

    zero, one = style.PLOTLY_COLORS[0], style.PLOTLY_COLORS[1]
    return [
        [0.0, rgba(zero, 0.6)],
        [0.5, rgba(zero, 0.03)],
        [0.5, rgba(one, 0.03)],
        [1.0, rgba(one, 0.6)],
    ]


def _heatmap(animation: Animation, snapshot: Snapshot) -> go.Heatmap:
    x1, x2 = animation.x1, animation.x2
    return go.Heatmap(
        x0=float(x1[0]),
        dx=float(x1[1] - x1[0]),
        y0=float(x2[0]),
        dy=float(x2[1] - x2[0]),
        z=np.rint(100 * snapshot.probability).astype(np.uint8),
        zmin=0,
        zmax=100,
        zsmooth="best",
        colorscale=_colorscale(),
        colorbar={"title": {"text": _(LABELS["probability"])}, "thickness": 12},
        hovertemplate=_("P(class 1) = %{z}%") + "<extra></extra>",
    )


def _points(data: training.Data) -> list[go.Scatter]:
    traces = []
    for label in (0, 1):
        points = data.X[data.y == label].astype(np.float32)
        traces.append(
            go.Scatter(
                x=points[:, 0],
                y=points[:, 1],
                mode="markers",
                name=_(LABELS["class"]).format(label=label),
                hoverinfo="skip",
                marker={
                    "color": style.PLOTLY_COLORS[label],
                    "size": 6,
                    "line": {"width": 0.6, "color": style.PLOTLY_COLORS[5]},
                },
            )
        )
    return traces


def _title(snapshot: Snapshot, key: str = "title") -> str:
    return _(LABELS[key]).format(
        epoch=snapshot.epoch, loss=snapshot.loss, accuracy=snapshot.accuracy
    )


def _frames(animation: Animation) -> list[go.Frame]:
    return [
        go.Frame(
            name=str(s.epoch),
            data=[_heatmap(animation, s)],
            traces=[0],
            layout={"title": {"text": _title(s)}},
        )
        for s in animation.snapshots
    ]


def _play_menu() -> dict[str, object]:
    buttons = [
        {"label": _(LABELS["play"]), "method": "animate", "args": [None, PLAY]},
        {"label": _(LABELS["pause"]), "method": "animate", "args": [[None], STILL]},
    ]
    return {
        "type": "buttons",
        "direction": "left",
        "showactive": False,
        "buttons": buttons,
        "x": 0.0,
        "xanchor": "left",
        "y": -0.08,
        "yanchor": "top",
    }


def _slider(animation: Animation) -> dict[str, object]:
    steps = [
        {"label": str(s.epoch), "method": "animate", "args": [[str(s.epoch)], STILL]}
        for s in animation.snapshots
    ]
    return {
        "active": 0,
        "steps": steps,
        "currentvalue": {"prefix": _(LABELS["slider"])},
        "x": 0.22,
        "len": 0.78,
        "y": -0.02,
        "yanchor": "top",
    }


def _range(axis: np.ndarray) -> list[float]:
    return [float(axis[0]), float(axis[-1])]


def build(seed: int = 0) -> go.Figure:
    animation = compute(seed)
    first = animation.snapshots[0]
    layout = style.plotly_layout(
        title={"text": _title(first), "x": 0.0, "xanchor": "left", "font": {"size": 15}},
        xaxis={"title": {"text": _(LABELS["x1"])}, "range": _range(animation.x1)},
        yaxis={
            "title": {"text": _(LABELS["x2"])},
            "range": _range(animation.x2),
            "scaleanchor": "x",
        },
        hovermode="closest",
        legend={"orientation": "h", "x": 1.0, "xanchor": "right", "y": 1.0, "yanchor": "bottom"},
        margin={"l": 55, "r": 20, "t": 80, "b": 45},
        height=580,
        updatemenus=[_play_menu()],
        sliders=[_slider(animation)],
    )
    traces = [_heatmap(animation, first), *_points(animation.data)]
    return go.Figure(data=traces, layout=layout, frames=_frames(animation))


@dataclass(frozen=True)
class Layout:
    """Where the static image puts its snapshots (``shape``: rows, columns), and its ``size``
    in inches."""

    shape: tuple[int, int]
    size: tuple[float, float]


# Side by side on a desktop; on a phone in a 5-inch 2 × 2 grid, where the 11-pt titles show at
# 10.9 px in the phone's column.
STATIC_LAYOUT = Layout(shape=(1, len(STATIC_EPOCHS)), size=(11.0, 3.1))
NARROW_LAYOUT = Layout(shape=(2, 2), size=(5.0, 5.4))


def _draw_static(animation: Animation, layout: Layout) -> Figure:
    shown = [s for s in animation.snapshots if s.epoch in STATIC_EPOCHS]
    figure, axes = style.new_figure(*layout.shape, width=layout.size[0], height=layout.size[1])
    colors = style.class_colors()
    X, y = animation.data.X, animation.data.y
    for ax, snapshot in zip(axes.flat, shown, strict=True):
        ax.contourf(
            animation.x1,
            animation.x2,
            snapshot.probability,
            levels=[0.0, 0.5, 1.0],
            cmap=style.class_cmap(),
            rasterized=True,
        )
        for label in (0, 1):
            points = X[y == label]
            ax.scatter(*points.T, s=6, color=colors[label], linewidths=0, rasterized=True)
        ax.set(title=_title(snapshot, "static_title"), xticks=[], yticks=[], aspect="equal")
        ax.grid(False)
    return figure


def static(seed: int = 0) -> Figure:
    """Four snapshots side by side, for print and readers without JavaScript."""
    return _draw_static(compute(seed), STATIC_LAYOUT)


def narrow(seed: int = 0) -> Figure:
    """The four snapshots in two rows of two, for a phone column."""
    return _draw_static(compute(seed), NARROW_LAYOUT)
