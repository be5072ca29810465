"""Import one figure module, call its builder and write its files.

This is the only place that writes figure outputs. All files of a figure are written into a
fresh temporary directory that replaces the old one by rename, so an interrupted or failed build
leaves either the previous complete outputs or none, never a truncated or half-updated set.
"""

from __future__ import annotations

import functools
import importlib.util
import io
import json
import os
import shutil
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

import matplotlib as mpl

mpl.use("Agg")  # headless and deterministic; figures never open windows

from matplotlib.figure import Figure

from figures import style
from figures.catalog import FigureError, FigureInfo, module_path
from figures.table import Table, to_csv, to_html

MANIFEST = "manifest.json"
# Fixed metadata: no dates, no software versions, so rebuilt files are byte-identical.
_SVG_METADATA = {"Date": None, "Creator": None}
_PNG_METADATA = {"Software": None}
PNG_DPI = 144


def load_module(figure_id: str) -> ModuleType:
    """Import ``figures/<chapter>/<name>.py`` by path (figure names contain hyphens)."""
    path = module_path(figure_id)
    name = "figures._loaded." + figure_id.replace("/", ".").replace("-", "_")
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses and pickling look the module up by name
    try:
        spec.loader.exec_module(module)
    except BaseException:
        del sys.modules[name]
        raise
    if not callable(getattr(module, "build", None)):
        raise FigureError(f"{figure_id}: {path}: defines no build(seed=0) function")
    if callable(getattr(module, "compute", None)):
        # build() runs once per theme (and static() once more), each calling compute(): cache
        # it here so every figure trains its networks once, without a decorator of its own.
        module.compute = functools.cache(module.compute)
    return module


def _themed(builder: Callable[..., Any], theme: str, seed: int) -> Any:
    with mpl.rc_context(style.theme(theme)):
        return builder(seed=seed)


def _svg_bytes(figure: Figure) -> bytes:
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", metadata=_SVG_METADATA)
    return buffer.getvalue().encode()


def _png_bytes(figure: Figure) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=PNG_DPI, metadata=_PNG_METADATA)
    return buffer.getvalue()


def _static_files(
    builder: Callable[..., Any], figure_id: str, seed: int, light: Any = None
) -> dict[str, bytes]:
    """Light SVG, dark SVG and a light PNG of a matplotlib builder (``light``: already built)."""
    name = figure_id.split("/")[1]
    files: dict[str, bytes] = {}
    for theme in style.THEMES:
        figure = light if theme == "light" and light is not None else _themed(builder, theme, seed)
        if not isinstance(figure, Figure):
            raise FigureError(
                f"{figure_id}: expected a matplotlib Figure, got {type(figure).__name__}"
            )
        suffix = "" if theme == "light" else "-dark"
        with mpl.rc_context(style.theme(theme)):
            files[f"{name}{suffix}.svg"] = _svg_bytes(figure)
            if theme == "light":
                files[f"{name}.png"] = _png_bytes(figure)
    return files


def _plotly_json(figure: Any) -> bytes:
    """The plotly figure as compact JSON with sorted keys; the page script themes it."""
    figure.update_layout(template=None, paper_bgcolor="rgba(0,0,0,0)", plot_bgcolor="rgba(0,0,0,0)")
    data = json.loads(figure.to_json())
    return json.dumps(data, sort_keys=True, separators=(",", ":")).encode()


@dataclass(frozen=True)
class Rendered:
    """A figure built in memory: its kind, its files by name and its size in CSS pixels."""

    kind: str  # "static", "interactive" or "table"
    files: dict[str, bytes]
    size: tuple[int, int] | None  # of the static rendering, so pages reserve its space


def _size(figure: Figure) -> tuple[int, int]:
    width, height = figure.get_size_inches() * 96
    return round(width), round(height)


def render(figure_id: str, seed: int = 0) -> Rendered:
    """Build a figure in memory; raise ``FigureError`` if the builder returns something else."""
    module = load_module(figure_id)
    first = _themed(module.build, "light", seed)
    if isinstance(first, Figure):
        files = _static_files(module.build, figure_id, seed, light=first)
        return Rendered("static", files, _size(first))
    if isinstance(first, Table):
        name = figure_id.split("/")[1]
        files = {f"{name}.html": to_html(first).encode(), f"{name}.csv": to_csv(first).encode()}
        return Rendered("table", files, None)
    if type(first).__module__.startswith("plotly"):
        name = figure_id.split("/")[1]
        files = {f"{name}.json": _plotly_json(first)}
        static_builder = getattr(module, "static", None)
        if not callable(static_builder):
            return Rendered("interactive", files, None)
        # The print / no-JavaScript rendering of the same numbers, shown until plotly draws.
        light = _themed(static_builder, "light", seed)
        files.update(_static_files(static_builder, figure_id, seed, light=light))
        return Rendered("interactive", files, _size(light))
    raise FigureError(
        f"{figure_id}: build() returned {type(first).__name__}; "
        "expected a matplotlib or plotly Figure, or a figures.table.Table"
    )


def write_atomically(directory: Path, files: dict[str, bytes], manifest: dict[str, Any]) -> None:
    """Write all files into a temporary sibling directory, then swap it in for ``directory``."""
    directory.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{directory.name}.", dir=directory.parent))
    staging.chmod(0o755)  # mkdtemp makes it private; outputs are meant to be served
    try:
        for name, content in files.items():
            (staging / name).write_bytes(content)
        # The manifest goes last: a directory without one is never trusted by the cache.
        text = json.dumps(manifest, indent=2, sort_keys=True) + "\n"
        (staging / MANIFEST).write_text(text, encoding="utf-8")
        _swap(staging, directory)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _swap(staging: Path, directory: Path) -> None:
    old = directory.with_name(f".{directory.name}.old")
    shutil.rmtree(old, ignore_errors=True)
    if directory.exists():
        os.replace(directory, old)
    os.replace(staging, directory)
    shutil.rmtree(old, ignore_errors=True)


def manifest_for(info: FigureInfo, rendered: Rendered, key: str) -> dict[str, Any]:
    manifest: dict[str, Any] = {
        "id": info.id,
        "kind": rendered.kind,
        "key": key,
        "caption": info.caption,
        "alt": info.alt,
        "source": info.relpath,
        "files": sorted(rendered.files),
    }
    if rendered.size:
        manifest["width"], manifest["height"] = rendered.size
    return manifest
