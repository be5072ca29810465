"""The one shared look of every figure: light and dark themes and a few drawing helpers.

The runner builds each static figure twice, once inside ``rc_context(theme("light"))`` and once
inside ``rc_context(theme("dark"))``, so figure modules never pick colours themselves: they use
the colour cycle ("C0", "C1", ...), ``class_colors()``, ``activation_look(name)`` (one colour, dash
and marker per activation, the same in every figure) and ``text_color()``, which resolve to the
active theme. Both themes have a transparent background, so the figure sits on Material's page
colour in either palette. Colours are the Okabe-Ito colour-blind-safe set, each hue given a darker
shade for light pages and a lighter one for dark pages so the hue means the same in both.
"""

from __future__ import annotations

import dataclasses
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import matplotlib as mpl
from cycler import cycler
from matplotlib import font_manager
from matplotlib.colors import ListedColormap, to_rgba
from matplotlib.figure import Figure
from matplotlib.typing import RcKeyType

from figures.i18n import _, language
from nn101 import activations

THEMES = ("light", "dark")
_PALETTES = {
    #         blue       vermillion green      purple     orange     grey
    "light": ["#0072B2", "#C24E00", "#007A5A", "#AA4E85", "#B57C00", "#5F6368"],
    "dark": ["#6CC4F5", "#FF9456", "#3DDC97", "#E8A5CB", "#F5C242", "#BDC1C6"],
}
_INK = {"light": "#1F2328", "dark": "#E3E6ED"}
_GRID = {"light": "#D0D7DE", "dark": "#3D4450"}

LATIN_FONT = "DejaVu Sans"


@dataclasses.dataclass(frozen=True)
class ScriptFont:
    """A font for a script DejaVu Sans lacks: its ``family`` name and its file inside an installed
    Python package (``package``/``filename``), pinned in the requirements so every machine draws
    the same glyphs (a system font's version changes with the OS release)."""

    family: str
    package: str
    filename: str

    def path(self) -> Path:
        """The font file, found through its package (an error names the package if missing)."""
        file = resources.files(self.package) / self.filename
        if not file.is_file():
            raise FileNotFoundError(f"font {self.family!r}: {self.filename} not in {self.package}")
        return Path(str(file))


# The font each language's own script is drawn in, by language; languages not listed are drawn in
# DejaVu Sans alone. Dist names of these packages are in keys.PACKAGES (part of every cache key).
SCRIPT_FONTS: dict[str, ScriptFont] = {
    "zh": ScriptFont("Noto Sans SC", "pylopdf_fonts_zh_cn", "NotoSansSC-Regular.otf"),
}


@cache  # fontManager.addfont appends to its list on every call: register each file once
def _register(font: ScriptFont) -> None:
    font_manager.fontManager.addfont(str(font.path()))


def font_family(lang: str) -> list[str]:
    """matplotlib's ``font.family`` for figures in ``lang``.

    A script font goes *first*, DejaVu Sans after it for the glyphs it lacks: matplotlib falls
    back from font to font in plain text, but in a string holding mathtext (``$z$``) only the first
    family draws the text outside the maths, so a CJK font placed second leaves empty boxes there.
    The maths itself is set by ``mathtext.fontset`` (DejaVu Sans) in every language.
    """
    script = SCRIPT_FONTS.get(lang)
    if script is None:
        return [LATIN_FONT]
    _register(script)
    return [script.family, LATIN_FONT]


def theme(name: str) -> dict[RcKeyType, Any]:
    """rcParams for one theme in the active language (its fonts: ``font_family``); used by the
    runner with ``matplotlib.rc_context``."""
    if name not in THEMES:
        raise ValueError(f"unknown theme {name!r}; expected one of {THEMES}")
    ink, grid = _INK[name], _GRID[name]
    return {
        "axes.prop_cycle": cycler(color=_PALETTES[name]),
        "text.color": ink,
        "axes.labelcolor": ink,
        "axes.edgecolor": ink,
        "axes.titlesize": 11,
        "axes.labelsize": 10,
        "axes.grid": True,
        "grid.color": grid,
        "grid.linewidth": 0.6,
        "axes.facecolor": "none",
        "figure.facecolor": "none",
        "savefig.facecolor": "none",
        "savefig.transparent": True,
        "xtick.color": ink,
        "ytick.color": ink,
        "legend.frameon": False,
        "lines.linewidth": 2.0,
        "font.size": 10,
        "font.family": font_family(language()),
        "mathtext.fontset": "dejavusans",
        # Deterministic, font-independent SVG: glyphs as paths, stable ids.
        "svg.fonttype": "path",
        "svg.hashsalt": "nn101",
        "path.simplify": True,
    }


def activation_label(name: str) -> str:
    """An activation's display name in the active language: its registry label, translated.

    The one source of activation names in figures (the registry's ``label``), so no figure
    spells "ReLU" its own way.
    """
    return _(activations.get(name).label)


def scaled(k: float, variable: str = "z") -> str:
    """``k`` times ``variable`` as a formula writes it: ``z`` for k = 1, ``−z`` for k = −1,
    ``2z``, ``0.5z`` otherwise (never ``1z``)."""
    if k == 1:
        return variable
    if k == -1:
        return f"−{variable}"
    return f"{k:g}".replace("-", "−") + variable


def new_figure(
    nrows: int = 1, ncols: int = 1, *, width: float = 7.0, height: float = 3.6, **kwargs: Any
) -> tuple[Figure, Any]:
    """A figure and its axes, built without pyplot so no global figure state is touched."""
    figure = Figure(figsize=(width, height), layout="constrained")
    axes = figure.subplots(nrows, ncols, squeeze=True, **kwargs)
    return figure, axes


def palette() -> list[str]:
    """The active theme's colour cycle, in order."""
    return list(mpl.rcParams["axes.prop_cycle"].by_key()["color"])


def text_color() -> str:
    return str(mpl.rcParams["text.color"])


def grid_color() -> str:
    return str(mpl.rcParams["grid.color"])


def class_colors() -> tuple[str, str]:
    """Colours of class 0 and class 1 in every classification figure."""
    colors = palette()
    return colors[0], colors[1]


CLASS_MARKERS = ("o", "s")  # class 0: circles, class 1: squares (shape as well as colour)


def scatter_classes(
    axes: Any, X: Any, y: Any, *, size: float = 70, labels: tuple[str, str] | None = None
) -> None:
    """Mark 2-D points by class, the same way in every figure: class colour and marker, outlined
    in the theme's ink. ``labels`` names the two classes in the legend."""
    colors = class_colors()
    for label, marker in enumerate(CLASS_MARKERS):
        points = X[y == label]
        axes.scatter(
            points[:, 0],
            points[:, 1],
            s=size,
            marker=marker,
            color=colors[label],
            edgecolors=text_color(),
            linewidths=1.0,
            zorder=3,
            label=labels[label] if labels else None,
        )


def class_cmap(alpha: float = 0.28) -> ListedColormap:
    """A two-colour map for decision regions: class 0 below 0.5, class 1 above."""
    return ListedColormap([to_rgba(color, alpha) for color in class_colors()])


# Interactive figures are re-coloured by the page script (text, grid) but their trace colours are
# fixed in the JSON, so they use mid-tone versions of the palette that read on light and dark pages.
PLOTLY_COLORS = ["#3A8FD9", "#E3772B", "#2EA67A", "#C26DA8", "#D9A21B", "#8A9099"]
PLOTLY_FONT = "Roboto, -apple-system, BlinkMacSystemFont, Helvetica, Arial, sans-serif"
# Pages load no web fonts, so a language in another script lists the fonts its readers' systems
# have (macOS, Windows, Linux), after the Latin stack so Latin letters and digits keep their look.
PLOTLY_SCRIPT_FONTS: dict[str, str] = {
    "zh": "PingFang SC, Hiragino Sans GB, Microsoft YaHei, Noto Sans CJK SC, Source Han Sans SC,"
    " WenQuanYi Micro Hei",
}


def plotly_font(lang: str) -> str:
    """The CSS font stack of interactive figures in ``lang``."""
    script = PLOTLY_SCRIPT_FONTS.get(lang)
    if script is None:
        return PLOTLY_FONT
    # The generic family stays last: a browser stops at it.
    latin = PLOTLY_FONT.removesuffix(", sans-serif")
    return f"{latin}, {script}, sans-serif"


# One look per activation, the same in every figure of the site, keyed by registry name: a hue
# (an index into the Okabe-Ito palette above: 0 blue, 1 vermillion, 2 green, 3 purple, 4 orange,
# 5 grey), a dash and a marker. No two activations share a hue *and* a dash, so curves differ by
# more than colour (colour-blind readers, greyscale prints); the activations shown together most
# (sigmoid, tanh, ReLU, leaky ReLU, ELU, identity) are all solid and differ in hue.
_LOOKS: dict[str, tuple[int, str, str]] = {
    "identity": (5, "solid", "x"),
    "step": (5, "dash", "|"),
    "sigmoid": (0, "solid", "o"),
    "tanh": (1, "solid", "s"),
    "relu": (2, "solid", "^"),
    "leaky_relu": (3, "solid", "v"),
    "relu6": (2, "dot", ">"),
    "elu": (4, "solid", "D"),
    "celu": (4, "dot", "d"),
    "selu": (3, "dash", "P"),
    "rrelu": (3, "dot", "<"),
    "softplus": (2, "dash", "h"),
    "gelu": (0, "dash", "*"),
    "gelu_tanh": (0, "dot", "8"),
    "silu": (1, "dash", "X"),
    "mish": (4, "dash", "p"),
    "hard_sigmoid": (0, "dashdot", "H"),
    "hard_tanh": (1, "dashdot", "+"),
    "hard_swish": (1, "dot", "1"),
    "softsign": (2, "dashdot", "2"),
    "log_sigmoid": (3, "dashdot", "3"),
    "tanhshrink": (4, "dashdot", "4"),
    "softshrink": (5, "dot", "_"),
    "hardshrink": (5, "dashdot", "s"),
    "gaussian": (0, "longdash", "D"),
    "sinusoid": (1, "longdash", "o"),
}
# The same dash in matplotlib's and plotly's vocabulary.
_MPL_DASHES: dict[str, Any] = {
    "solid": "-",
    "dash": "--",
    "dot": ":",
    "dashdot": "-.",
    "longdash": (0, (8, 3)),
}


@dataclasses.dataclass(frozen=True)
class Look:
    """How one activation is drawn: ``color`` in the active theme, matplotlib ``linestyle`` and
    ``marker``, plotly ``plotly_color`` and ``dash``; ``label`` is its translated registry label."""

    color: str
    linestyle: Any
    marker: str
    plotly_color: str
    dash: str
    label: str

    def line(self) -> dict[str, Any]:
        """Keyword arguments for ``axes.plot``: colour, dash and legend label."""
        return {"color": self.color, "linestyle": self.linestyle, "label": self.label}


def activation_look(name: str) -> Look:
    """The look of registry activation `name` in the active theme (see ``_LOOKS``)."""
    if name not in _LOOKS:
        known = ", ".join(activations.names())
        raise ValueError(f"no look for activation {name!r}; registry names: {known}")
    hue, dash, marker = _LOOKS[name]
    return Look(
        color=palette()[hue],
        linestyle=_MPL_DASHES[dash],
        marker=marker,
        plotly_color=PLOTLY_COLORS[hue],
        dash=dash,
        label=activation_label(name),
    )


def plotly_layout(**overrides: Any) -> dict[str, Any]:
    """Layout defaults shared by every interactive figure (no template: the JSON stays small)."""
    layout: dict[str, Any] = {
        "font": {"family": plotly_font(language()), "size": 13},
        "margin": {"l": 50, "r": 20, "t": 70, "b": 45},
        "autosize": True,  # fill the column on any screen; the page script passes responsive
        "hovermode": "x unified",
        "showlegend": True,
        "legend": {"orientation": "h", "x": 0, "y": -0.15},
        "colorway": PLOTLY_COLORS,
        "height": 430,
    }
    layout.update(overrides)
    return layout
