"""The manifest: what one built figure is, written next to its files, and the atomic write.

All files of a figure are written into a fresh temporary directory that replaces the old one by
rename, so an interrupted or failed build leaves either the previous complete outputs or none,
never a truncated or half-updated set. The manifest is written last: a directory without one is
never trusted.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Literal

__all__ = ["MANIFEST_FILE", "NARROW_SUFFIX", "Kind", "Manifest", "read", "write_atomically"]

MANIFEST_FILE = "manifest.json"
NARROW_SUFFIX = "-narrow"  # <name>-narrow.svg, <name>-narrow-dark.svg: the phone layout
Kind = Literal["static", "interactive", "table"]


@dataclass(frozen=True)
class Manifest:
    """One built figure: its id, kind, cache key, caption, alt text, module and files.

    ``width`` and ``height`` are the static rendering's size in CSS pixels (None for tables), so
    pages reserve its space before the image loads; ``text_pt`` is the font size of its smallest
    text in points, so pages never show it so small that this text drops below legibility.
    ``narrow_width``, ``narrow_height`` and ``narrow_text_pt`` say the same of the figure's
    narrow layout (``<name>-narrow.svg``, drawn for a phone's column), None when it has none;
    manifests written before narrow layouts existed read as having none.
    """

    id: str
    kind: Kind
    key: str
    caption: str
    alt: str
    source: str  # the module that built it, relative to the repository
    files: tuple[str, ...]
    width: int | None = None
    height: int | None = None
    text_pt: float | None = None
    narrow_width: int | None = None
    narrow_height: int | None = None
    narrow_text_pt: float | None = None

    @property
    def name(self) -> str:
        """The part of the id after the chapter: the stem of every output file."""
        return self.id.split("/", 1)[1]

    @property
    def has_narrow(self) -> bool:
        """Whether pages can serve a narrow layout: its file and its size are known."""
        narrow_file = f"{self.name}{NARROW_SUFFIX}.svg" in self.files
        return narrow_file and bool(self.narrow_width and self.narrow_height)

    @property
    def chapter(self) -> str:
        return self.id.split("/", 1)[0]

    @property
    def script(self) -> str:
        """File name of the module that draws the figure (shared by a family's figures)."""
        return Path(self.source).name

    def complete_in(self, directory: Path) -> bool:
        return all((directory / name).is_file() for name in self.files)

    def to_json(self) -> str:
        return json.dumps(asdict(self), indent=2, sort_keys=True) + "\n"

    @classmethod
    def from_json(cls, text: str) -> Manifest:
        data: dict[str, Any] = json.loads(text)
        data["files"] = tuple(data["files"])
        return cls(**data)


def read(directory: Path) -> Manifest | None:
    """The manifest in ``directory``, or None when there is none or it is unreadable."""
    try:
        return Manifest.from_json((directory / MANIFEST_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError, TypeError, KeyError):
        return None


def write_atomically(directory: Path, files: dict[str, bytes], manifest: Manifest) -> None:
    """Write all files into a temporary sibling directory, then swap it in for ``directory``."""
    directory.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{directory.name}.", dir=directory.parent))
    staging.chmod(0o755)  # mkdtemp makes it private; outputs are meant to be served
    try:
        for name, content in files.items():
            (staging / name).write_bytes(content)
        (staging / MANIFEST_FILE).write_text(manifest.to_json(), encoding="utf-8")
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
