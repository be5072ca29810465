"""Shared ``compute()`` results: a figure's numbers are computed once per cache state and reused
by the builds of the other languages, instead of every language training the same networks.

A result is stored at ``<out>/_compute/<module id>/<compute key>/<call>.pickle`` (the key from
``Keys.compute_key``: the module's sources and environment, without the language; ``<call>``: a
digest of the arguments), written atomically (a temporary file, then a rename), and only when it
cannot depend on the language: ``compute()`` read the active language not once (no ``_()``, no
``ngettext()``), nor did the module while it was imported. A compute that looks up words is run
again in each language, as before. Pickle is safe here: the store is our own cache, under the
output root, read only by the build that owns it.
"""

from __future__ import annotations

import functools
import hashlib
import os
import pickle
import shutil
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from figures import i18n

__all__ = ["STORE", "folder", "prune", "sharing"]

STORE = "_compute"  # under the output root, next to the language folders
# Arguments whose repr() is the same in every process; anything else is not shared.
_PLAIN = (int, float, str, bool, type(None))


def folder(out: Path, module_id: str, key: str) -> Path:
    """Where the shared results of one module under one compute key live."""
    return out / STORE / module_id / key


def _call_name(args: tuple[Any, ...], kwargs: Mapping[str, Any]) -> str | None:
    """A file name for one call's result, or None when an argument has no stable repr()."""
    values = [*args, *kwargs.values()]
    if not all(type(value) in _PLAIN for value in values):
        return None
    call = repr((args, sorted(kwargs.items())))
    return hashlib.sha256(call.encode()).hexdigest()[:32]


_MISSING = object()


def _load(path: Path) -> Any:
    """A stored result, or ``_MISSING`` when there is none or it cannot be read (computed again)."""
    try:
        with path.open("rb") as handle:
            return pickle.load(handle)
    except Exception:  # absent, damaged or outdated: a cache miss, never a failed figure
        return _MISSING


def _store(path: Path, result: Any) -> None:
    """Write ``result`` atomically; a result pickle cannot hold (a lambda, say) is not shared."""
    try:
        data = pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_bytes(data)
    os.replace(temporary, path)  # a reader sees the old file or the whole new one


def sharing(
    compute: Callable[..., Any], directory: Path, *, reuse: bool = True
) -> Callable[..., Any]:
    """``compute`` that reuses a result stored in ``directory`` by another language's build
    (unless not ``reuse``: a forced build computes afresh), and stores its own result there
    when it read the active language not once."""

    @functools.wraps(compute)
    def shared_compute(*args: Any, **kwargs: Any) -> Any:
        name = _call_name(args, kwargs)
        if name is None:
            return compute(*args, **kwargs)
        path = directory / f"{name}.pickle"
        found = _load(path) if reuse else _MISSING
        if found is not _MISSING:
            return found
        with i18n.counting_lookups() as lookups:
            result = compute(*args, **kwargs)
        if lookups.count == 0:
            # Pickled now, before draw code gets the object (and could change it in place).
            _store(path, result)
        return result

    return shared_compute


def prune(out: Path, current: Mapping[str, str], known: set[str] | None = None) -> None:
    """Remove the stored results of the modules in ``current`` (module id -> compute key) under
    any other key, and, given ``known`` (every module id), those of modules that are gone."""
    root = out / STORE
    for module_id, key in current.items():
        for stale in _subfolders(root / module_id):
            if stale.name != key:
                shutil.rmtree(stale, ignore_errors=True)
    if known is None:
        return
    for chapter in _subfolders(root):
        for module in _subfolders(chapter):
            if f"{chapter.name}/{module.name}" not in known:
                shutil.rmtree(module, ignore_errors=True)
        if not any(chapter.iterdir()):
            chapter.rmdir()


def _subfolders(path: Path) -> list[Path]:
    return sorted(p for p in path.iterdir() if p.is_dir()) if path.is_dir() else []
