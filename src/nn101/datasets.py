"""Small two-dimensional classification problems.

Every function returns `(X, y)`: `X` is a float64 array of shape (n, 2), one point per row, and
`y` an int64 array of shape (n,) with labels 0 and 1. The noisy problems are balanced (n // 2
points of class 1, the rest, one more when n is odd, of class 0), shuffled, and deterministic:
the same `seed` gives the same data. Each first places points exactly on its shape, then adds
Gaussian noise with standard deviation `noise` to each coordinate, so `noise=0` gives the clean
geometry.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from numpy.typing import NDArray

from nn101 import _validation

__all__ = ["GATES", "circles", "gaussians", "logic_gate", "moons", "spiral", "xor"]

Data = tuple[NDArray[np.float64], NDArray[np.int64]]

#: Truth tables of the two-input logic gates, outputs for inputs (0,0), (0,1), (1,0), (1,1).
GATES: dict[str, tuple[int, int, int, int]] = {
    "and": (0, 0, 0, 1),
    "or": (0, 1, 1, 1),
    "nand": (1, 1, 1, 0),
    "nor": (1, 0, 0, 0),
    "xor": (0, 1, 1, 0),
}


def logic_gate(name: str) -> Data:
    """The four corners of the unit square {0,1}^2, labelled by the gate `name` (see `GATES`).

    AND, OR, NAND and NOR are linearly separable: one line cuts off the odd corner out. XOR puts
    equal labels on opposite corners, so no line separates them: a perceptron cannot learn it.
    """
    table = GATES[_validation.choice(name, "gate", GATES)]
    X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=np.float64)
    return X, np.array(table, dtype=np.int64)


def xor(n: int = 200, noise: float = 0.1, seed: int = 0) -> Data:
    """Points uniform in the square [-1, 1]^2, labelled 1 when x1 and x2 have different signs.

    Class 0 fills the quadrants (+, +) and (-, -), class 1 the quadrants (+, -) and (-, +): the
    noisy, centred version of `logic_gate("xor")`.
    """

    def clean(label: NDArray[np.int64], rng: np.random.Generator) -> NDArray[np.float64]:
        magnitude = rng.uniform(0.0, 1.0, size=(label.size, 2))
        sign1 = rng.choice([-1.0, 1.0], size=label.size)
        sign2 = np.where(label == 1, -sign1, sign1)  # different signs exactly for class 1
        points: NDArray[np.float64] = magnitude * np.column_stack([sign1, sign2])
        return points

    return _sample(clean, n, noise, seed)


def circles(n: int = 200, noise: float = 0.1, seed: int = 0, factor: float = 0.5) -> Data:
    """Two concentric circles about the origin: class 0 on radius 1, class 1 on radius `factor`.

    Angles are uniform in [0, 2 pi). Separable by a circle but not by a line. `factor` must be in
    (0, 1).
    """
    factor = _validation.real(factor, "factor", positive=True)
    if factor >= 1.0:
        raise ValueError(f"factor must be in (0, 1), got {factor}")

    def clean(label: NDArray[np.int64], rng: np.random.Generator) -> NDArray[np.float64]:
        angle = rng.uniform(0.0, 2.0 * np.pi, size=label.size)
        radius = np.where(label == 1, factor, 1.0)
        points: NDArray[np.float64] = radius[:, None] * np.column_stack(
            [np.cos(angle), np.sin(angle)]
        )
        return points

    return _sample(clean, n, noise, seed)


def moons(n: int = 200, noise: float = 0.1, seed: int = 0) -> Data:
    """Two interleaving half circles of radius 1 (as in scikit-learn's `make_moons`).

    Class 0 lies on the upper half circle (cos t, sin t), class 1 on the lower half circle
    (1 - cos t, 0.5 - sin t), with t uniform in [0, pi]. Each moon's tip reaches into the other's
    hollow, so the boundary must bend.
    """

    def clean(label: NDArray[np.int64], rng: np.random.Generator) -> NDArray[np.float64]:
        t = rng.uniform(0.0, np.pi, size=label.size)
        upper = np.column_stack([np.cos(t), np.sin(t)])
        lower = np.column_stack([1.0 - np.cos(t), 0.5 - np.sin(t)])
        return np.where(label[:, None] == 1, lower, upper)

    return _sample(clean, n, noise, seed)


def spiral(n: int = 200, noise: float = 0.1, seed: int = 0, turns: float = 1.5) -> Data:
    """Two interleaved spiral arms winding out of the origin, one per class.

    A point at parameter t, uniform in [0, 1], sits at radius r = t and angle
    2 pi turns t + pi label: both arms are the same Archimedean spiral r proportional to the
    angle, the second turned half a revolution. `turns` > 0 counts revolutions; more turns make
    a harder problem.
    """
    turns = _validation.real(turns, "turns", positive=True)

    def clean(label: NDArray[np.int64], rng: np.random.Generator) -> NDArray[np.float64]:
        t = rng.uniform(0.0, 1.0, size=label.size)
        angle = 2.0 * np.pi * turns * t + np.pi * label
        points: NDArray[np.float64] = t[:, None] * np.column_stack([np.cos(angle), np.sin(angle)])
        return points

    return _sample(clean, n, noise, seed)


def gaussians(n: int = 200, noise: float = 0.1, seed: int = 0) -> Data:
    """Two round Gaussian blobs: class 0 centred at (-1, -1), class 1 at (1, 1).

    `noise` is each blob's standard deviation. The best boundary is the line x1 + x2 = 0; for
    noise well below the centres' distance to it (sqrt 2), the classes are linearly separable.
    """

    def clean(label: NDArray[np.int64], _rng: np.random.Generator) -> NDArray[np.float64]:
        centre = 2.0 * label - 1.0
        return np.column_stack([centre, centre])

    return _sample(clean, n, noise, seed)


def _sample(
    clean: Callable[[NDArray[np.int64], np.random.Generator], NDArray[np.float64]],
    n: int,
    noise: float,
    seed: int,
) -> Data:
    """Draw balanced labels in random order, place clean points, add noise: the common recipe."""
    n = _validation.positive_int(n, "n")
    if n < 2:
        raise ValueError(f"n must be at least 2 (one point per class), got {n}")
    noise = _validation.real(noise, "noise")
    rng = np.random.default_rng(_validation.seed(seed))
    y = rng.permutation(np.repeat(np.array([0, 1], dtype=np.int64), [n - n // 2, n // 2]))
    X = clean(y, rng) + rng.normal(0.0, noise, size=(n, 2))
    return X.astype(np.float64), y
