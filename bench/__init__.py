"""Benchmarks of nn101: ``python -m bench [library|build|pages|all]`` (``make bench``).

Each section is a module with ``run() -> dict``: it measures, prints its tables, writes the raw
numbers to ``bench-results/<section>.json`` (git-ignored) and returns them. `bench.report` has
the shared helpers (aligned tables, timing summaries, the JSON file with the machine's
description).

- ``library``: training time of `nn101.mlp.MLP` against scikit-learn and PyTorch;
- ``build``: the site build, cold and warm, stage by stage, and the edit-to-page time of
  ``mkdocs serve``;
- ``pages``: page weight and Lighthouse scores of the built site.
"""
