"""Which figures use which part of the library: the API reference's "used by" lists.

Like sphinx-gallery's backreferences, read from the figure modules' source with ``ast`` (no
import): every ``nn101`` module, class or function a figure module names, directly or through
the private helpers it imports (``figures/<chapter>/_x.py``). Names are fully qualified as the
API reference's headings are (``nn101.mlp.MLP``, ``nn101.datasets.xor``).
"""

from __future__ import annotations

import ast
from collections.abc import Iterable
from pathlib import Path

from figures.pipeline.discovery import REPO, ROOT
from figures.pipeline.manifest import Manifest

__all__ = ["library_names", "used_by"]

LIBRARY = "nn101"


def library_names(path: Path) -> set[str]:
    """Qualified ``nn101`` names the module at ``path`` uses, with those of its helpers."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    aliases, helpers = _imports(tree)
    names = set(aliases.values())
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            module = aliases.get(node.value.id)
            if module is not None:
                names.add(f"{module}.{node.attr}")
    for helper in helpers:
        names |= library_names(helper)
    return names


def _imports(tree: ast.Module) -> tuple[dict[str, str], list[Path]]:
    """Local name -> qualified nn101 name, and the private figure helpers imported."""
    aliases: dict[str, str] = {}
    helpers: list[Path] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] == LIBRARY:
                    aliases[alias.asname or alias.name] = alias.name
        elif isinstance(node, ast.ImportFrom) and node.module:
            for alias in node.names:
                qualified = f"{node.module}.{alias.name}"
                if node.module.split(".")[0] == LIBRARY:
                    aliases[alias.asname or alias.name] = qualified
                elif node.module.startswith("figures") and alias.name.startswith("_"):
                    helpers.append(ROOT.joinpath(*qualified.split(".")[1:]).with_suffix(".py"))
    return aliases, [h for h in helpers if h.is_file()]


def used_by(manifests: Iterable[Manifest]) -> dict[str, list[str]]:
    """Qualified nn101 name -> the ids of the figures that use it, sorted."""
    by_source: dict[str, list[str]] = {}
    for manifest in manifests:
        by_source.setdefault(manifest.source, []).append(manifest.id)
    used: dict[str, set[str]] = {}
    for source, ids in by_source.items():
        for name in library_names(REPO / source):
            used.setdefault(name, set()).update(ids)
    return {name: sorted(ids) for name, ids in sorted(used.items())}
