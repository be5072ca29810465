"""Training time of `nn101.mlp.MLP` against scikit-learn's `MLPClassifier` and PyTorch, on CPU.

All three train the same network on the same data from the same initial weights (nn101's draw,
copied into the others) with full-batch Adam (betas 0.9/0.999, eps 1e-8, no weight decay), no
shuffling, no early stopping, for the same number of epochs, in float64; PyTorch also in
float32. A timed run builds the model and trains it; the loss each reports is the mean training
loss of the last epoch, measured before its step (nn101's `history[-1]`, sklearn's `loss_`,
the last `loss.item()`), so equal algorithms give nearly equal losses.

Timings: `time.perf_counter`, one warm-up, then REPEATS rounds in which every contender runs once
(in a rotating order), so a slow spell of a noisy machine hits all of them alike; we report the
median and minimum, and nn101/x as the median of the rounds' ratios. Everything is measured
twice: with one thread everywhere (numpy's and sklearn's thread pools limited by threadpoolctl,
`torch.set_num_threads(1)`) and with each library's default.
"""

from __future__ import annotations

import contextlib
import os
import statistics
import time
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np
import sklearn
import torch
from numpy.typing import NDArray
from sklearn.exceptions import ConvergenceWarning
from sklearn.neural_network import MLPClassifier
from threadpoolctl import threadpool_info, threadpool_limits

from bench import report
from nn101 import datasets
from nn101.mlp import MLP

REPEATS = 7
Array = NDArray[np.float64]
Start = list[tuple[Array, Array]]  # initial (W, b) per layer, W of shape (fan_in, fan_out)
TORCH_ACTIVATIONS: dict[str, Callable[[], torch.nn.Module]] = {
    "relu": torch.nn.ReLU,
    "tanh": torch.nn.Tanh,
}
OPENBLAS_VARIABLES = ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE", "OPENBLAS_NUM_THREADS")


@dataclass(frozen=True)
class Case:
    name: str
    layer_sizes: tuple[int, ...]
    activation: str  # a name nn101, sklearn and TORCH_ACTIVATIONS all know
    epochs: int
    learning_rate: float
    data: Callable[[], tuple[Array, NDArray[np.int64]]]


CASES = (
    Case(
        "spiral: 2-16-16-1 ReLU, 1000 points, 500 epochs, Adam lr 0.01",
        (2, 16, 16, 1),
        "relu",
        500,
        0.01,
        lambda: datasets.spiral(n=1000, noise=0.1, seed=0),
    ),
    Case(  # the tanh network of figures/mlp/xor-boundaries.py
        "XOR figure: 2-8-1 tanh, 4 points, 1000 epochs, Adam lr 0.05",
        (2, 8, 1),
        "tanh",
        1000,
        0.05,
        lambda: datasets.logic_gate("xor"),
    ),
)


def initial_weights(case: Case) -> Start:
    """nn101's initial draw for the case (seed 0), which every contender starts from."""
    model = MLP(list(case.layer_sizes), activation=case.activation, seed=0)
    return [(W.copy(), b.copy()) for W, b in zip(model.weights, model.biases, strict=True)]


def train_nn101(case: Case, X: Array, y: NDArray[np.int64], start: Start) -> float:
    model = MLP(list(case.layer_sizes), activation=case.activation, seed=0)
    for param, value in zip(model.weights + model.biases, _flat(start), strict=True):
        param[...] = value
    model.fit(X, y, epochs=case.epochs, learning_rate=case.learning_rate, optimizer="adam")
    return model.history[-1]


class _StartedMLPClassifier(MLPClassifier):
    """`MLPClassifier` that starts from `self.start` instead of drawing its own weights.

    sklearn draws the weights in `_init_coef`, called once per layer while `_initialize`
    appends to `coefs_`; everything `fit` does after that is MLPClassifier's own code.
    """

    start: Start

    def _init_coef(self, fan_in: int, fan_out: int, dtype: Any) -> tuple[Array, Array]:
        W, b = self.start[len(self.coefs_)]
        if W.shape != (fan_in, fan_out):
            raise ValueError(f"start weights {W.shape} do not fit layer ({fan_in}, {fan_out})")
        return W.astype(dtype, copy=True), b.astype(dtype, copy=True)


def train_sklearn(case: Case, X: Array, y: NDArray[np.int64], start: Start) -> float:
    n = X.shape[0]
    model = _StartedMLPClassifier(
        hidden_layer_sizes=case.layer_sizes[1:-1],
        activation=case.activation,
        solver="adam",
        batch_size=n,  # full batch: one Adam step per iteration (= epoch)
        learning_rate_init=case.learning_rate,
        max_iter=case.epochs,
        tol=0.0,
        n_iter_no_change=case.epochs + 1,  # never stops early on a flat loss
        alpha=0.0,  # no L2 penalty (nn101 has none)
        shuffle=False,
        early_stopping=False,
    )
    model.start = start
    with warnings.catch_warnings():  # it warns that max_iter ran out: that is the plan
        warnings.simplefilter("ignore", ConvergenceWarning)
        model.fit(X, y)
    if model.n_iter_ != case.epochs:
        raise RuntimeError(f"sklearn stopped after {model.n_iter_} of {case.epochs} epochs")
    return float(model.loss_)


def train_torch(
    case: Case, X: Array, y: NDArray[np.int64], start: Start, dtype: torch.dtype
) -> float:
    inputs = torch.from_numpy(X).to(dtype)
    targets = torch.from_numpy(y).to(dtype)[:, None]
    layers: list[torch.nn.Module] = []
    for W, b in start:
        linear = torch.nn.Linear(*W.shape, dtype=dtype)
        with torch.no_grad():
            linear.weight.copy_(torch.from_numpy(W.T))
            linear.bias.copy_(torch.from_numpy(b))
        layers += [linear, TORCH_ACTIVATIONS[case.activation]()]
    model = torch.nn.Sequential(*layers[:-1])  # no activation after the output layer
    optimizer = torch.optim.Adam(model.parameters(), lr=case.learning_rate)
    loss_fn = torch.nn.BCEWithLogitsLoss()  # sigmoid output + binary cross-entropy, as nn101
    loss = torch.zeros(())
    for _ in range(case.epochs):
        optimizer.zero_grad()
        loss = loss_fn(model(inputs), targets)
        loss.backward()
        optimizer.step()
        loss.item()  # read every epoch, as nn101 and sklearn record their loss curves
    return float(loss.item())


def _flat(start: Start) -> list[Array]:
    return [W for W, _ in start] + [b for _, b in start]


def contenders(case: Case) -> dict[str, Callable[[], float]]:
    """Name -> a call that builds and trains one model and returns its final loss."""
    X, y = case.data()
    start = initial_weights(case)
    return {
        "nn101": lambda: train_nn101(case, X, y, start),
        "sklearn": lambda: train_sklearn(case, X, y, start),
        "torch float64": lambda: train_torch(case, X, y, start, torch.float64),
        "torch float32": lambda: train_torch(case, X, y, start, torch.float32),
    }


def interleaved(
    runs: dict[str, Callable[[], float]], repeats: int = REPEATS
) -> dict[str, dict[str, Any]]:
    """One warm-up each, then `repeats` rounds of one timed run each (rotating the order).

    Each contender gets its timings, its last loss and `nn101_over_this`: the median over
    rounds of the first contender's (nn101's) time divided by its own, a paired ratio that
    noise shifts less than the ratio of two medians.
    """
    losses = {name: run() for name, run in runs.items()}
    samples: dict[str, list[float]] = {name: [] for name in runs}
    names = list(runs)
    for round_ in range(repeats):
        for name in names[round_ % len(names) :] + names[: round_ % len(names)]:
            begin = time.perf_counter()
            losses[name] = runs[name]()
            samples[name].append(time.perf_counter() - begin)
    ours = samples[names[0]]
    return {
        name: {
            **report.describe(samples[name]),
            "loss": losses[name],
            "nn101_over_this": statistics.median(
                a / b for a, b in zip(ours, samples[name], strict=True)
            ),
        }
        for name in runs
    }


@contextlib.contextmanager
def threads(count: int | None) -> Iterator[None]:
    """Limit numpy's BLAS, sklearn's OpenMP and torch to `count` threads (None: defaults)."""
    default = torch.get_num_threads()
    if count is None:
        yield
        return
    with threadpool_limits(limits=count):
        torch.set_num_threads(count)
        try:
            yield
        finally:
            torch.set_num_threads(default)


def blas() -> dict[str, Any]:
    """numpy's BLAS as threadpoolctl sees it and the OpenBLAS variables in force."""
    numpy_dir = os.path.dirname(np.__file__)
    pools = [
        {k: p.get(k) for k in ("internal_api", "version", "architecture", "num_threads")}
        for p in threadpool_info()
        if p["filepath"].startswith(numpy_dir) or "numpy.libs" in p["filepath"]
    ]
    variables = {name: os.environ.get(name) for name in OPENBLAS_VARIABLES}
    return {"numpy": np.__version__, "numpy_blas": pools, "environment": variables}


def run() -> dict[str, Any]:
    regimes = {"1 thread": 1, f"default ({torch.get_num_threads()} threads)": None}
    results: dict[str, Any] = {
        "versions": {"sklearn": sklearn.__version__, "torch": torch.__version__},
        "blas": blas(),
        "repeats": REPEATS,
        "cases": [],
    }
    for case in CASES:
        runs = contenders(case)
        measured = {}
        for regime, count in regimes.items():
            with threads(count):
                measured[regime] = interleaved(runs)
        results["cases"].append({"case": _case_json(case), "regimes": measured})
        _print_case(case, measured)
    _print_notes(results)
    report.write_json("library", results)
    return results


def _case_json(case: Case) -> dict[str, Any]:
    return {
        "name": case.name,
        "layer_sizes": list(case.layer_sizes),
        "activation": case.activation,
        "epochs": case.epochs,
        "learning_rate": case.learning_rate,
        "samples": int(case.data()[0].shape[0]),
    }


def _print_case(case: Case, measured: dict[str, dict[str, dict[str, Any]]]) -> None:
    rows = []
    for regime, by_library in measured.items():
        for library, numbers in by_library.items():
            median = numbers["median_s"]
            rows.append(
                [
                    regime,
                    library,
                    f"{median * 1e3:.1f}",
                    f"{numbers['min_s'] * 1e3:.1f}",
                    f"{median / case.epochs * 1e6:.0f}",
                    f"{numbers['loss']:.6f}",
                    f"{numbers['nn101_over_this']:.2f}",
                ]
            )
    headers = ["threads", "library", "median ms", "min ms", "µs/epoch", "final loss", "nn101/x"]
    report.print_table(case.name, headers, rows, align="llrrrrr")


def _print_notes(results: dict[str, Any]) -> None:
    info, versions = results["blas"], results["versions"]
    pools = "; ".join(
        f"{p['internal_api']} {p['version']} ({p['architecture']}, {p['num_threads']} threads)"
        for p in info["numpy_blas"]
    )
    variables = ", ".join(f"{k}={v or 'unset'}" for k, v in info["environment"].items())
    lines = [
        f"Median and min of {results['repeats']} runs after a warm-up, contenders interleaved "
        "round by round.",
        "nn101/x: median over rounds of nn101's time / x's time; above 1 nn101 is slower than x.",
        "Same data, same initial weights (nn101's draw), full-batch Adam(0.9, 0.999, eps 1e-8), "
        "no weight decay,",
        "no shuffling, no early stopping (sklearn: tol=0, n_iter_no_change=epochs+1; checked "
        "n_iter_ == epochs).",
        "sklearn also computes its (zero) L2 term every step and adds eps before Adam's bias "
        "correction, so its",
        "loss differs from nn101's and torch float64's in the late digits.",
        f"sklearn {versions['sklearn']}, torch {versions['torch']} (torch.optim.Adam, default "
        f"CPU implementation), numpy {info['numpy']}",
        f"numpy BLAS: {pools or 'not found by threadpoolctl'}",
        variables,
    ]
    if info["environment"]["OPENBLAS_CORETYPE"] or info["environment"]["OPENBLAS_L2_SIZE"]:
        lines.append(
            "OPENBLAS_CORETYPE/OPENBLAS_L2_SIZE are set: they slow numpy's BLAS (and so nn101 "
            "and sklearn); measured as is."
        )
    print("\n" + "\n".join(f"  {line}" for line in lines))
