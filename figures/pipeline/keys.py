"""Content-addressed cache keys: a figure is rebuilt only when something it depends on changes.

A module's key hashes the module itself, the shared figure code (style, tables, strings,
rendering, private ``_*.py`` helpers), every ``nn101`` source file, the versions of the packages
that shape the output and the language. Hashing ~40 small files takes milliseconds, so a no-op
build is fast without trusting modification times. Nothing here is memoised across builds: each
build computes its digests once (``Keys``), so an edit under ``mkdocs serve`` is always seen.

A module's compute key is the same without the language and its catalogue: the numbers of a
``compute()`` that looks up no words are the same in every language, so one build stores them
under that key and the other languages' builds reuse them (``figures.pipeline.computed``).
"""

from __future__ import annotations

import hashlib
import sys
from functools import cache
from importlib import metadata
from pathlib import Path

from figures.pipeline.discovery import PIPELINE, REPO, ROOT, FigureModule

__all__ = ["Keys", "notebook_digest", "source_digest"]

# Bump when the output layout changes, so old caches are not mistaken for new ones.
# 3: narrow layouts (<name>-narrow.svg and the manifest's narrow_* fields).
FORMAT_VERSION = "3"
# The fonts of figures in other scripts come from a package too (figures.style.SCRIPT_FONTS).
PACKAGES = ("numpy", "scipy", "matplotlib", "plotly", "pylopdf-fonts-zh-cn")
LIBRARY = REPO / "src" / "nn101"
# Shared code every figure's outputs depend on (plus any private `_*.py` helper module); the
# command line and the page embedding are not here.
SHARED = (ROOT / "style.py", ROOT / "table.py", ROOT / "i18n.py", PIPELINE / "render.py")
LOCALES = REPO / "locales"
# Notebook outputs also depend on the site's plotly renderer and the strings it prints.
NOTEBOOK_CODE = (PIPELINE / "notebook.py", PIPELINE / "embed.py")


def _digest_files(paths: list[Path]) -> str:
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.relative_to(REPO).as_posix().encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest() if path.is_file() else b"-")
    return digest.hexdigest()


@cache  # package versions cannot change inside one process without a restart that matters
def _environment() -> str:
    versions = [f"{name}=={metadata.version(name)}" for name in PACKAGES]
    python = f"python=={sys.version_info.major}.{sys.version_info.minor}"
    return ";".join([FORMAT_VERSION, python, *versions])


def source_digest() -> str:
    """Digest of the library sources and the shared figure code, as they are now on disk."""
    helpers = [p for p in sorted(ROOT.rglob("_*.py")) if not p.name.startswith("__")]
    library = sorted(LIBRARY.rglob("*.py"))
    return _digest_files([*SHARED, *helpers, *library])


def _catalogue(lang: str) -> list[Path]:
    """The message catalogue files of ``lang`` (English has none: its messages are the source)."""
    return sorted((LOCALES / lang).rglob("*.po")) if lang != "en" else []


def notebook_digest(lang: str) -> str:
    """Digest of everything an executed notebook's outputs in ``lang`` depend on besides its own
    text: the library and figure code, the package versions (a new matplotlib or font changes
    the drawn outputs) and the language's catalogue (the site renderer translates figure words)."""
    files = [*SHARED, *NOTEBOOK_CODE, *sorted(LIBRARY.rglob("*.py")), *_catalogue(lang)]
    return hashlib.sha256(f"{_environment()}\n{_digest_files(files)}".encode()).hexdigest()


class Keys:
    """The cache keys of one build in one language: the shared sources are hashed once."""

    def __init__(self, lang: str) -> None:
        sources = [_environment(), source_digest()]
        self._base = "\n".join([*sources, lang, _digest_files(_catalogue(lang))])
        # "compute" stands where the language stands above, so the two keys never coincide.
        self._compute_base = "\n".join([*sources, "compute"])

    def key(self, module: FigureModule) -> str:
        """The key a module's outputs are stored under; equal keys mean identical outputs."""
        own = _digest_files([module.path])
        return hashlib.sha256(f"{self._base}\n{own}".encode()).hexdigest()

    def compute_key(self, module: FigureModule) -> str:
        """The key a module's ``compute()`` results are shared under by every language: its
        sources and environment, without the language and the catalogue."""
        own = _digest_files([module.path])
        return hashlib.sha256(f"{self._compute_base}\n{own}".encode()).hexdigest()
