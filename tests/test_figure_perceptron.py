"""What the perceptron chapter's figures plot, asserted on their ``compute()`` output."""

from __future__ import annotations

import collections
import itertools
from collections.abc import Callable

import numpy as np
import pytest
from matplotlib.figure import Figure
from scipy.optimize import linprog

from figures import load_module
from nn101 import activations
from nn101.datasets import logic_gate
from nn101.perceptron import Perceptron


@pytest.fixture(scope="module")
def learning():
    return load_module("perceptron/learning").compute()


@pytest.fixture(scope="module")
def gates():
    return {panel.gate: panel for panel in load_module("perceptron/logic-gates").compute()}


def test_diagram_has_one_weighted_edge_per_input_and_a_bias() -> None:
    module = load_module("perceptron/diagram")
    layout = module.compute()
    inputs = [name for name, node in layout.nodes.items() if node.kind == "input"]
    assert len(inputs) == module.N_INPUTS == 3
    into_sum = [edge for edge in layout.edges if edge.target == "sum"]
    weighted = [edge for edge in into_sum if edge.source in inputs]
    assert [edge.source for edge in weighted] == inputs
    assert [edge.label for edge in weighted] == ["$w_1$", "$w_2$", "$w_3$"]
    assert {edge.source for edge in into_sum} - set(inputs) == {"bias"}
    chain = [(edge.source, edge.target) for edge in layout.edges if edge.target != "sum"]
    assert chain == [("sum", "step"), ("step", "output")]
    z, a = layout.step_curve  # the glyph in the box is the library's step: 0 below 0, 1 from 0
    assert set(a[z < 0]) == {0.0} and set(a[z >= 0]) == {1.0}


@pytest.mark.parametrize(
    ("figure_id", "panels"),
    [("perceptron/diagram", 1), ("perceptron/learning", 3), ("perceptron/logic-gates", 4)],
)
def test_narrow_layout_shows_the_same_panels_legibly_on_a_phone(
    figure_id: str, panels: int, narrow_layout: Callable[[str], Figure]
) -> None:
    narrow = narrow_layout(figure_id)
    assert len(narrow.axes) == panels
    rows = collections.Counter(round(axes.get_position().y0, 3) for axes in narrow.axes)
    assert max(rows.values()) <= 2  # at most two panels side by side


def test_learning_ends_with_a_line_that_separates_the_data(learning) -> None:
    assert learning.converged
    assert learning.errors[-1] == 0 and all(e > 0 for e in learning.errors[:-1])
    w, b = learning.weights[-1], learning.biases[-1]
    predicted = activations.get("step")(learning.X @ w + b)
    np.testing.assert_array_equal(predicted, learning.y)
    assert learning.wrong[-1] == 0
    assert learning.wrong[0] == np.sum(learning.y == 0)  # w = 0, b = 0 calls every point class 1


def test_learning_numbers_quoted_in_the_chapter(learning) -> None:
    assert len(learning.X) == 40
    assert len(learning.weights) - 1 == 17  # updates
    assert learning.epochs[-1] == 10  # the last update happens in epoch 10 ...
    assert len(learning.errors) == 11  # ... and epoch 11 makes no mistake
    assert min(learning.wrong[:-1]) > 0  # every line before the last one got something wrong
    assert learning.wrong[0] == 20  # the start calls all 20 class-0 points class 1
    assert learning.wrong[1] == 2  # the first update already gets all but 2 right
    first = np.flatnonzero(np.all(np.isclose(learning.X, learning.triggers[1]), axis=1))
    assert learning.y[first[0]] == 0  # ... and comes from a class-0 point
    rises = np.diff(learning.wrong[1:]) > 0
    assert rises.sum() >= 2  # "goes from 1 back to 2 more than once"
    assert set(learning.wrong[1:-1]) == {1, 2}


def test_every_update_is_caused_by_a_misclassified_training_point(learning) -> None:
    step = activations.get("step")
    for k in range(1, len(learning.weights)):
        trigger = learning.triggers[k]
        index = np.flatnonzero(np.all(np.isclose(learning.X, trigger), axis=1))
        assert index.size == 1, k  # the recovered point is one of the data points
        before = step(trigger @ learning.weights[k - 1] + learning.biases[k - 1])
        assert before != learning.y[index[0]], k  # ... and the previous line got it wrong


def test_update_count_respects_the_convergence_theorem(learning) -> None:
    assert learning.margin > 0  # the final line separates with a positive margin
    assert learning.radius == pytest.approx(3.2, abs=0.05)
    assert learning.margin == pytest.approx(0.066, abs=0.001)
    assert len(learning.weights) - 1 <= learning.bound
    assert learning.bound == pytest.approx(2400, rel=0.02)


def test_learning_animation_has_one_frame_per_state() -> None:
    module = load_module("perceptron/learning")
    data = module.compute()
    figure = module.build()
    assert len(figure.frames) == len(data.weights)
    assert len(figure.layout.sliders[0].steps) == len(data.weights)
    assert [frame.name for frame in figure.frames] == [str(k) for k in range(len(data.weights))]
    assert len(figure.to_json()) < 120_000


def test_clip_to_box_gives_the_class_one_side() -> None:
    module = load_module("perceptron/learning")
    polygon, segment = module.clip_to_box(np.array([1.0, 0.0]), -1.0)  # x1 >= 1
    lo, hi = module.BOX
    assert polygon[:, 0].min() == pytest.approx(1.0) and polygon[:, 0].max() == hi
    np.testing.assert_allclose(np.sort(segment[:, 1]), [lo, hi])
    everything, no_line = module.clip_to_box(np.zeros(2), 0.0)  # step(0) = 1: all class 1
    assert len(everything) == 4 and len(no_line) == 0


def test_perceptron_learns_and_or_nand_with_zero_margin(gates) -> None:
    for gate in ("and", "or", "nand"):
        panel = gates[gate]
        assert panel.converged, gate
        assert panel.correct == 4, gate
        assert panel.margin == 0.0, gate  # the line it stops at passes through a data point


def test_perceptron_never_learns_xor(gates) -> None:
    xor = gates["xor"]
    assert not xor.converged
    assert xor.epochs == load_module("perceptron/logic-gates").MAX_EPOCHS == 50
    assert xor.correct == 2
    assert xor.best_tried == 3  # no line it ever tried gets all four right
    assert len(xor.tried) > 5


def test_no_line_separates_xor_by_the_four_inequalities() -> None:
    """b < 0, w1 + w2 + b < 0, w2 + b >= 0, w1 + b >= 0 have no common solution on a grid."""
    values = np.linspace(-3, 3, 61)
    w1, w2, b = np.meshgrid(values, values, values, indexing="ij")
    solutions = (b < 0) & (w1 + w2 + b < 0) & (w2 + b >= 0) & (w1 + b >= 0)
    assert not solutions.any()
    and_solutions = (b < 0) & (w1 + b < 0) & (w2 + b < 0) & (w1 + w2 + b >= 0)
    assert and_solutions.any()  # the same check finds AND's lines, so it can tell them apart


def test_chapter_snippet_learns_and_with_these_weights() -> None:
    X, y = logic_gate("and")
    model = Perceptron().fit(X, y)
    np.testing.assert_array_equal(model.weights, [1.0, 1.0])
    assert model.bias == -2.0
    np.testing.assert_array_equal(model.predict(X), [0, 0, 0, 1])


def test_gate_panels_show_the_weights_quoted_in_exercise_3(gates) -> None:
    expected = {"or": ([1, 1], -1), "nand": ([-1, -1], 1), "and": ([1, 1], -2)}
    for gate, (w, b) in expected.items():
        np.testing.assert_array_equal(gates[gate].weights, w)
        assert gates[gate].bias == b


def _perceptron(w: list[float], b: float) -> Perceptron:
    model = Perceptron()
    model.weights, model.bias = np.array(w, dtype=float), float(b)
    return model


def test_exercise_answers_compute_their_gates(gates) -> None:
    X, _ = logic_gate("xor")
    and_not = [1 if (a, b) == (1, 0) else 0 for a, b in X.astype(int)]
    np.testing.assert_array_equal(_perceptron([1, -1], -1).predict(X), and_not)
    np.testing.assert_array_equal(_perceptron([2, -1], -1.5).predict(X), and_not)
    # exercise 3: AND(OR(x), NAND(x)) with the learned gates is XOR
    hidden = np.column_stack(
        [_perceptron(gates[g].weights, gates[g].bias).predict(X) for g in ("or", "nand")]
    )
    output = _perceptron(gates["and"].weights, gates["and"].bias).predict(hidden)
    np.testing.assert_array_equal(output, logic_gate("xor")[1])
    assert len({tuple(h) for h in hidden}) == 3  # four corners, three hidden points


def _separable(X: np.ndarray, labels: tuple[int, ...]) -> bool:
    """Is there (w, b) with t (w·x + b) >= 1 for all points? A linear-programming check."""
    t = 2 * np.array(labels) - 1
    A = np.column_stack([X, np.ones(len(X))])
    result = linprog(
        np.zeros(A.shape[1]),
        A_ub=-(t[:, None] * A),
        b_ub=-np.ones(len(X)),
        bounds=[(None, None)] * A.shape[1],
    )
    return bool(result.status == 0)


@pytest.mark.parametrize(("inputs", "separable"), [(2, 14), (3, 104)])
def test_count_of_linearly_separable_boolean_functions(inputs: int, separable: int) -> None:
    X = np.array(list(itertools.product([0, 1], repeat=inputs)), dtype=float)
    labellings = list(itertools.product([0, 1], repeat=len(X)))
    assert sum(_separable(X, labels) for labels in labellings) == separable
    if inputs == 2:  # only XOR and XNOR fail, and the perceptron converges on exactly the rest
        failing = {labels for labels in labellings if not _separable(X, labels)}
        assert failing == {(0, 1, 1, 0), (1, 0, 0, 1)}
        converged = [
            Perceptron(max_epochs=100).fit(X, np.array(lab)).converged_ for lab in labellings
        ]
        assert converged == [_separable(X, labels) for labels in labellings]
