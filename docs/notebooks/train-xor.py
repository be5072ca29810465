# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Train your own XOR network
#
# This notebook trains a multi-layer perceptron on XOR with `nn101`, the small numpy library
# behind every figure on this site, and looks inside it: the loss going down, the decision
# boundary, and how the hidden layer bends the four points until a straight line separates them.
# Run it yourself: [download it as a Jupyter notebook](../train-xor.ipynb) and change anything you
# like. Its first cell installs `nn101` from this site's [wheel](../../download/) when your
# Python does not have it yet.

# %% tags=["site-only"]
from figures.pipeline.notebook import use_site_renderer

use_site_renderer()

# %% [markdown]
# ## The data
#
# XOR's four points: the label is 1 when exactly one input is 1. No straight line puts the two
# 1s on one side and the two 0s on the other.

# %%
import numpy as np
import plotly.graph_objects as go

from nn101.datasets import logic_gate
from nn101.mlp import MLP
from nn101.perceptron import Perceptron

X, y = logic_gate("xor")
print(np.column_stack([X, y]))

# %% [markdown]
# ## A perceptron cannot do it
#
# Rosenblatt's rule never converges here: some point is misclassified in every epoch.

# %%
perceptron = Perceptron(max_epochs=20, seed=0).fit(X, y)
print("converged:", perceptron.converged_)
print("errors per epoch:", perceptron.errors_)
print("accuracy:", np.mean(perceptron.predict(X) == y))

# %% [markdown]
# ## One hidden layer can
#
# A 2-4-1 network with tanh hidden units and a sigmoid output, trained with Adam on the mean
# binary cross-entropy. Try `activation="identity"`: the network becomes a linear model again
# and the loss stays at $\log 2 \approx 0.693$.

# %%
model = MLP([2, 4, 1], activation="tanh", output="sigmoid", seed=0)
model.fit(X, y, epochs=500, learning_rate=0.05, optimizer="adam")
print("final loss:", round(model.history[-1], 4))
print("P(y = 1):", np.round(model.predict_proba(X), 3))
print("accuracy:", np.mean(model.predict(X) == y))

# %%
figure = go.Figure(go.Scatter(y=model.history, mode="lines", name="training loss"))
figure.update_layout(
    xaxis_title="epoch", yaxis_title="mean binary cross-entropy", yaxis_type="log", height=380
)
figure.show()

# %% [markdown]
# ## The decision boundary
#
# The network's probability of class 1 over the square; the 0.5 contour is its decision
# boundary. Where a linear model can only draw one straight line, the hidden layer lets the
# boundary bend around the diagonal.

# %%
grid = np.linspace(-0.5, 1.5, 81)
points = np.array([[a, b] for b in grid for a in grid])
probability = model.predict_proba(points).reshape(grid.size, grid.size)

figure = go.Figure()
figure.add_trace(
    go.Contour(
        x=grid,
        y=grid,
        z=probability,
        colorscale="RdBu",
        reversescale=True,
        contours={"start": 0, "end": 1, "size": 0.1},
        name="P(y = 1)",
    )
)
figure.add_trace(
    go.Scatter(
        x=X[:, 0],
        y=X[:, 1],
        mode="markers",
        marker={
            "size": 14,
            "color": y,
            "colorscale": [[0, "#3A8FD9"], [1, "#E3772B"]],
            "line": {"width": 2, "color": "white"},
        },
        name="XOR points",
    )
)
figure.update_layout(xaxis_title="x₁", yaxis_title="x₂", height=420, width=480)
figure.show()

# %% [markdown]
# ## What the hidden layer sees
#
# `forward_trace` returns every layer's pre-activations `z` and activations `a`. The four hidden
# vectors `a[1]` are where the output unit draws its line: there, the two classes are linearly
# separable. The output unit's pre-activation is $z = w^\top a + b$; its sign is the prediction.

# %%
trace = model.forward_trace(X)
hidden = trace.a[1]
print("hidden activations (one row per XOR point):")
print(np.round(hidden, 3))
print("output pre-activations z:", np.round(trace.z[-1][:, 0], 3))
print("signs match the labels:", np.array_equal(trace.z[-1][:, 0] >= 0, y == 1))
