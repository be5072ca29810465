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
#   source_blob: 77ac168792bac8bca891c2dfd1a4b0f34137b50f
# ---

# %% [markdown]
# # 训练你自己的 XOR 网络
#
# 这个笔记本用 `nn101`（本站每张图背后的那个小型 numpy 库）在 XOR 上训练一个多层感知机（MLP），并深入它的内部：看损失如何下降，决策边界长什么样，以及隐藏层如何弯折这四个点，直到一条直线能把它们分开。自己动手运行吧：[把它下载为 Jupyter 笔记本](../train-xor.ipynb)，想改什么就改什么。如果你的 Python 环境里还没有 `nn101`，它的第一个单元格会从本站的 [wheel 包](../../download/)安装它。

# %% tags=["site-only"]
from figures.pipeline.notebook import use_site_renderer

use_site_renderer("zh")

# %% [markdown]
# ## 数据
#
# XOR 的四个点：恰好有一个输入为 1 时，标签为 1。没有哪条直线能把两个 1 放在一侧、把两个 0 放在另一侧。

# %%
import numpy as np
import plotly.graph_objects as go

from nn101.datasets import logic_gate
from nn101.mlp import MLP
from nn101.perceptron import Perceptron

X, y = logic_gate("xor")
print(np.column_stack([X, y]))

# %% [markdown]
# ## 感知机做不到
#
# Rosenblatt 的学习规则在这里永远不会收敛：每个迭代周期（epoch）里总有某个点被分错。

# %%
perceptron = Perceptron(max_epochs=20, seed=0).fit(X, y)
print("是否收敛:", perceptron.converged_)
print("每个迭代周期的错误数:", perceptron.errors_)
print("准确率:", np.mean(perceptron.predict(X) == y))

# %% [markdown]
# ## 一个隐藏层就能做到
#
# 这是一个 2-4-1 网络，隐藏单元用 tanh，输出单元用 sigmoid，以平均二元交叉熵（binary cross-entropy）为损失函数，用 Adam 训练。试试 `activation="identity"`：网络又变回线性模型，损失会一直停在 $\log 2 \approx 0.693$。

# %%
model = MLP([2, 4, 1], activation="tanh", output="sigmoid", seed=0)
model.fit(X, y, epochs=500, learning_rate=0.05, optimizer="adam")
print("最终损失:", round(model.history[-1], 4))
print("P(y = 1):", np.round(model.predict_proba(X), 3))
print("准确率:", np.mean(model.predict(X) == y))

# %%
figure = go.Figure(go.Scatter(y=model.history, mode="lines", name="训练损失"))
figure.update_layout(
    xaxis_title="迭代周期", yaxis_title="平均二元交叉熵", yaxis_type="log", height=380
)
figure.show()

# %% [markdown]
# ## 决策边界
#
# 下图是网络在这个正方形上给出的类别 1 的概率；0.5 的等高线就是它的决策边界。线性模型只能画出一条直线，而隐藏层让边界可以绕着对角线弯曲。

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
        name="XOR 数据点",
    )
)
figure.update_layout(xaxis_title="x₁", yaxis_title="x₂", height=420, width=480)
figure.show()

# %% [markdown]
# ## 隐藏层看到了什么
#
# `forward_trace` 返回每一层的预激活（pre-activation）`z` 和激活值 `a`。输出单元正是在四个隐藏向量 `a[1]` 所在的空间里画它的直线：在那里，两个类别是线性可分的。输出单元的预激活是 $z = w^\top a + b$，它的符号就是预测结果。

# %%
trace = model.forward_trace(X)
hidden = trace.a[1]
print("隐藏层激活值（每个 XOR 点一行）:")
print(np.round(hidden, 3))
print("输出层预激活值 z:", np.round(trace.z[-1][:, 0], 3))
print("符号与标签一致:", np.array_equal(trace.z[-1][:, 0] >= 0, y == 1))
