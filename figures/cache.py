"""Content-addressed cache keys: a figure is rebuilt only when something it depends on changes.

The key hashes the figure's module, the shared figure code (style and rendering), every
``nn101`` source file and the versions of the packages that shape the output. Hashing ~30 small
files takes milliseconds, so a no-op build is fast without trusting modification times.
"""

from __future__ import annotations

import hashlib
import sys
from functools import cache
from importlib import metadata
from pathlib import Path

from figures.catalog import REPO, ROOT, module_path

# Bump when the output layout changes, so old caches are not mistaken for new ones.
FORMAT_VERSION = "1"
PACKAGES = ("numpy", "scipy", "matplotlib", "plotly")
LIBRARY = REPO / "src" / "nn101"
# Shared code every figure's pixels depend on (plus any private `_*.py` helper module); the
# runner, CLI and embedding code are not here.
SHARED = ("style.py", "render.py", "table.py")
# Notebook outputs also depend on the site's plotly renderer and the strings it prints.
NOTEBOOK_CODE = ("notebook.py", "embed.py")


def _digest_files(paths: list[Path]) -> str:
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.relative_to(REPO).as_posix().encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


@cache
def _environment() -> str:
    versions = [f"{name}=={metadata.version(name)}" for name in PACKAGES]
    python = f"python=={sys.version_info.major}.{sys.version_info.minor}"
    return ";".join([FORMAT_VERSION, python, *versions])


@cache
def shared_digest() -> str:
    """Digest of the library sources and the shared figure code, computed once per process."""
    # Private helper modules (figures/_x.py, figures/<chapter>/_x.py) are shared by several figures.
    helpers = [p for p in sorted(ROOT.rglob("_*.py")) if not p.name.startswith("__")]
    shared = [ROOT / name for name in SHARED] + helpers
    library = sorted(LIBRARY.rglob("*.py"))
    return _digest_files([*shared, *library])


@cache
def notebook_digest() -> str:
    """Digest of everything an executed notebook's outputs depend on besides its own text."""
    renderer = _digest_files([ROOT / name for name in NOTEBOOK_CODE])
    return hashlib.sha256((shared_digest() + renderer).encode()).hexdigest()


def cache_key(figure_id: str, seed: int = 0) -> str:
    """The key a figure's outputs are stored under; equal keys mean identical outputs."""
    parts = [_environment(), shared_digest(), _digest_files([module_path(figure_id)]), str(seed)]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()
